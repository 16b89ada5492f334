#!/usr/bin/env node
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { Script } from 'node:vm';

// V8 allocates objects straight into the old generation from an allocation site where most
// objects it saw outlived a young-generation collection. A build reads thousands of files into
// objects that all live on, and then renders pages from the same code with objects that die at
// once: the decisions of the first stage send the garbage of the second to the old generation,
// and with it much of what it points to. Without them a 10,000-article build takes about 6% less
// CPU and 9% less peak memory, and a 100,000-article one 11% less time (docs/scaling.md). Set
// before any of dateline loads; worker threads share the process's V8 flags.
setFlagsFromString('--no-allocation-site-pretenuring');
// TurboFan inlines calls into a function it optimizes, up to 920 bytes of bytecode by default. The
// compile runs on helper threads, and with two render workers and the main thread three isolates
// each compile dateline, marked and every template for themselves: the helpers then take CPU the
// workers need. With about a fifth of that budget, a 10,000-article build spent about 30% less time
// compiling, and took 5-6% less CPU and 3-5% less time on 2 cores; without workers its time was
// unchanged, and 1,000 articles built 7% faster (docs/scaling.md).
setFlagsFromString('--max-inlined-bytecode-size-cumulative=200');
// A young-generation collection splits its work among V8's helper threads: while worker threads
// run, a build sets `--no-parallel-scavenge` (src/workers/pool.ts), and without them the split
// uses the core the build leaves idle.

// dateline in one file (scripts/bundle.mjs: loading lib/'s 330 modules one by one took 0.3 s of every
// command). An installed package (no src/ beside lib/) always has it as published. In a checkout it
// runs only when nothing it was made from is newer: no file of lib/ (a `tsc` alone since, or an edit
// in lib/), and no install in node_modules/ (`npm install marked@…` does not make it again); else
// lib/ runs as it is. One stat a file of lib/, about 2 ms.
const lib = fileURLToPath(new URL('../lib', import.meta.url));
const bundleFile = `${lib}/dateline.bundle.cjs`;
const bundle = statSync(bundleFile, { throwIfNoEntry: false });
const checkout = existsSync(fileURLToPath(new URL('../src', import.meta.url)));
const newer = (dir) => readdirSync(dir, { withFileTypes: true }).some((e) => {
  const p = `${dir}/${e.name}`;
  if (e.isDirectory()) return newer(p);
  return e.name.endsWith('.js') && !e.name.endsWith('.bundle.js') && statSync(p).mtimeMs > bundle.mtimeMs;
});
const installed = () => (statSync(fileURLToPath(new URL('../node_modules/.package-lock.json', import.meta.url)), { throwIfNoEntry: false })?.mtimeMs ?? 0) > bundle.mtimeMs;
// scripts/bundle.mjs, making the code cache: the bundle it has just written, whatever the times.
const writeCodeCache = process.env.DATELINE_WRITE_CODE_CACHE === '1';
const { main, script } = bundle && (writeCodeCache || !checkout || (!newer(lib) && !installed())) ? runBundle() : { main: (await import('../lib/cli.js')).main };

/**
 * The bundle, a CommonJS script, compiled by V8 from the code cache scripts/bundle.mjs made beside
 * it (then no function a build runs is compiled again), else as it is. V8 checks only its own
 * version, its flags and the source's length, and does not check the cache's bytes: a damaged
 * cache crashes the process. So the cache starts with two SHA-1s, checked first: of this Node (its
 * version, platform and binary's size: another build of the same version may have other builtins)
 * with the script's text, and of the rest of the cache.
 */
function runBundle() {
  // The bundle is a function wrapped as Node wraps a CommonJS module, strict as the ES module it
  // replaced, its head on the first line so that the bundle's lines stay its own: scripts/bundle.mjs
  // writes it so (its SCRIPT_HEAD). One without that head (a file put there by hand) is wrapped here.
  const head = "(function (exports, require, module, __filename, __dirname) {'use strict';";
  const file = readFileSync(bundleFile);
  const source = file.latin1Slice(0, head.length) === head ? file : Buffer.concat([Buffer.from(head), file, Buffer.from('\n})\n')]);
  const key = createHash('sha1').update(`${process.version} ${process.platform} ${process.arch} ${statSync(process.execPath).size}\n`).update(source).digest();
  const saved = writeCodeCache ? undefined : readIfThere(`${lib}/dateline.bundle.cache`);
  const cachedData = saved && saved.length > 40 && key.equals(saved.subarray(0, 20)) && createHash('sha1').update(saved.subarray(40)).digest().equals(saved.subarray(20, 40)) ? saved.subarray(40) : undefined;
  const script = new Script(source.toString('latin1'), { filename: bundleFile, cachedData });
  if (process.env.DATELINE_DEBUG_CODE_CACHE === '1') process.stderr.write(`code cache: ${!cachedData ? 'none' : script.cachedDataRejected ? 'rejected' : 'taken'}\n`);
  // The bundle's `import()`s (a site's .mjs config, Pagefind): a script's own has no loader in Node 20.
  globalThis[Symbol.for('dateline.import')] = (specifier) => import(specifier);
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundleFile), module, bundleFile, lib);
  return { main: module.exports.main, script: Object.assign(script, { key }) };
}

function readIfThere(file) {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

const code = await main(process.argv.slice(2));
// Every command has finished its work when main returns. Left to end by itself, the process would
// still wait for V8 to finish a garbage collection it had started (45-60 ms after a warm build
// at 10,000 articles), so it exits here, once what it printed has gone out.
process.exitCode = code;
if (writeCodeCache && script) {
  // scripts/bundle.mjs says so when there is none afterwards.
  const file = `${lib}/dateline.bundle.cache`;
  const data = script.createCachedData();
  try {
    writeFileSync(`${file}.${process.pid}.tmp`, Buffer.concat([script.key, createHash('sha1').update(data).digest(), data]));
    renameSync(`${file}.${process.pid}.tmp`, file);
  } catch {
    rmSync(`${file}.${process.pid}.tmp`, { force: true });
  }
}
for (const stream of [process.stdout, process.stderr]) {
  // A reader that went away (EPIPE) ends the wait too; with nothing left, Node exits by itself.
  if (stream.writableLength > 0) await new Promise((resolve) => ['drain', 'error', 'close'].forEach((e) => stream.once(e, resolve)));
}
process.exit(code);

// `node scripts/bundle.mjs`, after `tsc`: the CLI and the worker thread, each in one file with the
// libraries they import (lib/dateline.bundle.cjs, lib/worker.bundle.js), and V8's code cache for the first.
//
// Node resolves, reads and links each ES module on its own: from lib/, dateline and its libraries
// are about 330 files, and each command spent about 0.3 s loading them on a 2.1 GHz machine
// (importing lib/cli.js took 0.42 s against 0.26 s for the bundle, medians of 15; Node alone 0.1 s).
// Each worker thread paid it again, and so does every `dateline` process the tests start.
//
// The bundles sit in lib/, beside the files they are made from, so that paths taken from
// `import.meta.url` (the package's root, the libraries `createRequire` loads when first used:
// Nunjucks, jiti, yaml, sanitize-html) are the same from either. An installed package always runs
// the bundle; in a checkout bin/dateline.js takes it only when no file of lib/ and no npm install is
// newer: after a `tsc` alone, an edit in lib/ or an install, lib/ runs as it is.
//
// esbuild's own install script is denied in package.json (`allowScripts`): it only checks the
// binary that its platform package (@esbuild/linux-x64 and the like) already brings.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { codeHash } from '../lib/cache/build-cache.js';

const lib = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'lib');

const shared = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  // Part of the build cache's key (src/build.ts), as lib/ gives it: reading and hashing lib/ or the
  // bundles at every start took about 50 ms of a small build. Its presence is also how code knows it
  // runs from a bundle (BUNDLED, src/paths.ts).
  define: { __DATELINE_CODE__: JSON.stringify(codeHash(lib)) },
  // Pagefind finds its platform's binary from its own folder (`import.meta.url`), which inside the
  // bundle would be lib/: it stays a package of its own, imported only when search runs.
  external: ['pagefind'],
  plugins: [grayMatterWithoutJsYaml(), nunjucksInside(), commanderWithoutChildProcess()],
  // The CommonJS libraries inside call `require` for Node's own modules.
  banner: { js: "import { createRequire as __datelineRequire } from 'node:module';\nconst require = __datelineRequire(import.meta.url);" },
};

/**
 * gray-matter requires its own js-yaml (3.x) when it loads, to build its default YAML engine, and
 * that js-yaml looks for esprima (`!!js/function`): 0.1 MB of bundle and a 0.3 MB CommonJS file
 * compiled by every command, about 15 ms of it. src/parse/front-matter.ts always gives gray-matter
 * its own engine, so in the bundles gray-matter's js-yaml is a stand-in that says so if it is ever
 * called. Our own js-yaml (4.x, src/parse/yaml-fast.ts) is another package and stays.
 */
function grayMatterWithoutJsYaml() {
  return {
    name: 'gray-matter-without-js-yaml',
    setup(b) {
      b.onResolve({ filter: /^js-yaml$/ }, (args) => (/[\\/]gray-matter[\\/]/.test(args.importer) ? { path: 'gray-matter-js-yaml', namespace: 'dateline-stub' } : undefined));
      b.onLoad({ filter: /.*/, namespace: 'dateline-stub' }, () => ({
        loader: 'js',
        contents: "const unused = () => { throw new Error('gray-matter is always given its own YAML engine'); };\nmodule.exports = { safeLoad: unused, safeDump: unused };\n",
      }));
    },
  };
}

// The theme's templates compiled as a build compiles them, for builds to take instead of compiling
// them again (src/render/load-nunjucks.ts: THEME_CODE_FILE).
// Compiled afresh, never taken from the table the last bundle wrote: that code was made by the
// last build's dateline, and a table keyed only by the templates and Nunjucks' version gave an
// older compile step's code to a newer dateline (one whose runtime no longer had what it called).
{
  // Removed before the first template compiles, which is when load-nunjucks.js reads it.
  const { nunjucks, themeCodeTable, THEME_CODE_FILE } = await import('../lib/render/load-nunjucks.js');
  rmSync(THEME_CODE_FILE, { force: true });
  const { environmentOptions } = await import('../lib/render/nunjucks.js');
  const { templateFiles } = await import('../lib/render/template-deps.js');
  const { THEME_TEMPLATES } = await import('../lib/paths.js');
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader([THEME_TEMPLATES], { noCache: false, watch: false }), environmentOptions(false));
  for (const name of [...templateFiles([THEME_TEMPLATES]).keys()].sort()) env.getTemplate(name, true);
  writeFileSync(THEME_CODE_FILE, JSON.stringify(themeCodeTable()));
}

/**
 * Nunjucks inside the bundles. dateline loads it with `createRequire(…)('nunjucks')` from a function
 * (src/render/load-nunjucks.ts: String.prototype must not become a prototype while its modules run),
 * which esbuild leaves to Node: each thread then read and compiled Nunjucks' 20 files, about 25 ms,
 * the main thread's outside V8's code cache, for every command (`dateline --version` included). In
 * the bundles that call, and template-error.ts's of Nunjucks' transformer (the same copy's, whose
 * node classes the parser's must be), is a `require` that esbuild bundles where it stands, so the
 * modules still run only when the function calls. Nunjucks' own `require('chokidar')`, for its
 * loaders' `watch`, which dateline never sets, is a stand-in that says so if ever called.
 */
function nunjucksInside() {
  const calls = { 'nunjucks': "createRequire(import.meta.url)('nunjucks')", 'nunjucks/src/transformer': "createRequire(import.meta.url)('nunjucks/src/transformer')" };
  return {
    name: 'nunjucks-inside',
    setup(b) {
      b.onLoad({ filter: /[\\/]lib[\\/]render[\\/](load-nunjucks|template-error)\.js$/ }, async (args) => {
        let contents = await readFile(args.path, 'utf8');
        for (const [name, call] of Object.entries(calls)) {
          if (contents.includes(call)) contents = contents.split(call).join(`require(${JSON.stringify(name)})`);
        }
        if (/createRequire\(import\.meta\.url\)\('nunjucks(\/src\/[a-z]+)?'\)/.test(contents)) throw new Error(`${args.path}: a call that loads Nunjucks from node_modules, beside the bundled copy`);
        return { contents, loader: 'js', resolveDir: path.dirname(args.path) };
      });
      b.onResolve({ filter: /^chokidar$/ }, (args) => (/[\\/]nunjucks[\\/]/.test(args.importer) ? { path: 'nunjucks-chokidar', namespace: 'dateline-nunjucks-stub' } : undefined));
      b.onLoad({ filter: /^nunjucks-chokidar$/, namespace: 'dateline-nunjucks-stub' }, () => ({
        loader: 'js',
        contents: "module.exports = { watch() { throw new Error('dateline never has Nunjucks watch its templates'); } };\n",
      }));
    },
  };
}

/**
 * Commander loads Node's child_process as it loads, for subcommands that are programs of their own,
 * which dateline has none of: with the net and dgram modules it brings, about 6 ms of every
 * command's start. In the bundle it is loaded when commander first spawns, if ever.
 */
function commanderWithoutChildProcess() {
  const line = "const childProcess = require('node:child_process');";
  return {
    name: 'commander-without-child-process',
    setup(b) {
      b.onLoad({ filter: /[\\/]commander[\\/]lib[\\/]command\.js$/ }, async (args) => {
        const contents = await readFile(args.path, 'utf8');
        if (!contents.includes(line)) throw new Error(`${args.path}: no \`${line}\` to load when used (a new commander?)`);
        return { contents: contents.replace(line, "const childProcess = { spawn: (...a) => require('node:child_process').spawn(...a) };"), loader: 'js', resolveDir: path.dirname(args.path) };
      });
    },
  };
}

/**
 * Each bundle, written with ASCII only. esbuild escapes other characters everywhere but in regular
 * expression literals (ours have curly quotes, full-width digits, CJK): one such character made
 * Node decode the whole 1.5 MB file into a two-byte string, which took 23 ms and about 700 more
 * first-touched pages at every start, against 13 ms as ASCII. A `\u` escape means the same in a
 * regular expression, with or without the `u` flag (a surrogate pair is one code point there), and
 * in a string or an identifier; a character after a backslash would not, and none is.
 */
async function bundle(entry, outfile, { wrap = ['', ''], ...options } = {}) {
  const { outputFiles } = await build({ ...shared, ...options, entryPoints: [entry], outfile, write: false });
  for (const f of outputFiles) {
    let escapedAfterBackslash = false;
    const text = f.text.replace(/(\\?)([^\x00-\x7f])/g, (_, slash, c) => {
      if (slash) escapedAfterBackslash = true;
      return slash + c.split('').map((u) => `\\u${u.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
    });
    if (escapedAfterBackslash) throw new Error(`${f.path}: a non-ASCII character after a backslash; escape it by hand in the source`);
    writeFileSync(f.path, `${wrap[0]}${text}${wrap[1]}`);
  }
}

// The worker first: the bin compares the CLI's bundle, written last, with lib/.
await bundle(path.join(lib, 'workers', 'worker.js'), path.join(lib, 'worker.bundle.js'));
const SCRIPT_HEAD = "(function (exports, require, module, __filename, __dirname) {'use strict';";
// The CLI's bundle is a CommonJS script, which bin/dateline.js compiles with V8's code cache
// (below); an ES module has no such cache in Node 20. `import.meta.url` is the script's own URL;
// its `import()`s go through the bin's (importModule, src/lazy-require.ts).
//
// The file holds the function bin/dateline.js runs, wrapped as Node wraps a CommonJS module (the
// bin looks for the same head): wrapped by the bin at each start, the 2 MB source was copied once
// more, into a joined string that V8 made flat before compiling it (about 10 ms and 500
// first-touched pages of every command's start: `dateline --version` took 0.965 of the time, 20
// alternating runs).
await bundle(path.join(lib, 'cli.js'), path.join(lib, 'dateline.bundle.cjs'), {
  wrap: [SCRIPT_HEAD, '\n})\n'],
  format: 'cjs',
  define: { ...shared.define, 'import.meta.url': '__datelineUrl' },
  banner: { js: "var __datelineUrl = require('node:url').pathToFileURL(__filename).href;" },
});

/**
 * V8's code cache for the CLI's bundle (lib/dateline.bundle.cache): the bytecode of every function
 * a build of the scaffold's site compiled, taken as the build ends (bin/dateline.js). A command
 * that starts with it compiles none of them again. Against the ES module bundle it replaces (2
 * cores, alternating runs, medians of the pairs' ratios): a `--no-cache` build of a one-story site
 * took 0.87 of the time (10 pairs; 0.72 s of CPU against 0.82 s), `--version` 0.36 s against 0.40 s,
 * a one-article edit at 10,000 articles 0.94 (10 pairs). The bin takes it only from the same
 * Node binary (version, platform, size), for these very bytes, and whole (SHA-1s it checks before
 * V8 sees it: V8 compares only its version, its flags and the source's length, and runs a damaged
 * cache as it is); V8 refuses it with other flags (`NODE_OPTIONS=--max-old-space-size=…` too).
 * Else the bundle is compiled as it is.
 *
 * The build is an ordinary one, with its build cache, as users' and the tests' builds are: made
 * from a `--no-cache` build, the code cache left out the functions that write and read the build
 * cache, which every cached build then compiled. With them (2026-12-02, a three-story site, 15
 * alternating runs in each order): a warm build after an edit took 0.80 and 0.81 of the CPU, a
 * cold one 0.96; a `--no-cache` build and a one-article edit at 10,000 articles the same as before
 * (1.000; 0.989 of the CPU, 10 pairs). A cache added to by a warm build after the cold one (the
 * bin reading the last process's cache as it writes its own) was no better: 1.26 of the CPU of
 * this one's for the warm build.
 */
{
  const bin = path.join(lib, '..', 'bin', 'dateline.js');
  const cache = path.join(lib, 'dateline.bundle.cache');
  // The ES module bundle of before (2026-12-02), which a checkout would otherwise keep and publish.
  rmSync(path.join(lib, 'dateline.bundle.js'), { force: true });
  rmSync(cache, { force: true });
  let site;
  let failed = '';
  try {
    site = mkdtempSync(path.join(tmpdir(), 'dateline-code-cache-'));
    const env = { ...process.env, DATELINE_WRITE_CODE_CACHE: '1', GITHUB_ACTIONS: '' };
    for (const args of [['init', path.join(site, 'site')], ['build', path.join(site, 'site'), '--quiet', '--now', '2026-01-01T00:00:00Z']]) {
      const r = spawnSync(process.execPath, [bin, ...args], { env, encoding: 'utf8' });
      if (r.status !== 0) {
        failed = `\`dateline ${args[0]}\` of the scaffold's site failed (${r.status}):\n${r.stdout}${r.stderr}`;
        rmSync(cache, { force: true });
        break;
      }
    }
  } catch (e) {
    failed = String(e);
  } finally {
    if (site) rmSync(site, { recursive: true, force: true });
  }
  // Only a slower start without it (tests/cli/bundle.test.ts fails): the compile goes on.
  if (failed || !existsSync(cache)) console.warn(`warning: no code cache for lib/dateline.bundle.cjs${failed ? `: ${failed}` : ''}`);
}

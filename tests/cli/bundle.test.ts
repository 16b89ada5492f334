import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { md, REPO, writeSite } from '../helpers/site.js';

/** Every compiled file of lib/ but the bundles, with its time. */
function libFiles(lib: string): { file: string; mtimeMs: number }[] {
  return readdirSync(lib, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.js') && !e.name.endsWith('.bundle.js'))
    .map((e) => path.join(e.parentPath, e.name))
    .map((file) => ({ file, mtimeMs: statSync(file).mtimeMs }));
}

/**
 * A copy of the package whose files a test may break: bin/ and lib/ copied, the rest linked. As a
 * checkout it has src/ too; an installed package has none. node_modules/ is a folder of links to the
 * real one's packages, with npm's record of the install (.package-lock.json) its own.
 */
function packageCopy({ checkout }: { checkout: boolean }): string {
  const root = mkdtempSync(path.join(tmpdir(), 'dateline-package-'));
  for (const dir of ['bin', 'lib']) cpSync(path.join(REPO, dir), path.join(root, dir), { recursive: true, preserveTimestamps: true });
  for (const dir of ['templates', 'static', 'scaffold', ...(checkout ? ['src'] : [])]) symlinkSync(path.join(REPO, dir), path.join(root, dir));
  mkdirSync(path.join(root, 'node_modules'));
  for (const name of readdirSync(path.join(REPO, 'node_modules'))) {
    if (name === '.package-lock.json') cpSync(path.join(REPO, 'node_modules', name), path.join(root, 'node_modules', name), { preserveTimestamps: true });
    else symlinkSync(path.join(REPO, 'node_modules', name), path.join(root, 'node_modules', name));
  }
  cpSync(path.join(REPO, 'package.json'), path.join(root, 'package.json'));
  return root;
}

/** Replaces a file's text and gives it back its time, so that it counts as no newer than before. */
function replaceKeepingTime(file: string, text: string): void {
  const { atime, mtime } = statSync(file);
  writeFileSync(file, text);
  utimesSync(file, atime, mtime);
}

function run(bin: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { env: { ...process.env, GITHUB_ACTIONS: '', ...env } }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

const BROKEN = "throw new Error('lib/ ran, not the bundle');\n";
const STALE = "module.exports.main = async () => { console.log('the stale bundle ran'); return 0; };\n";

describe('the bundled CLI (scripts/bundle.mjs)', () => {
  it('is what the tests run: `pretest` makes it, and no file of lib/ and no install is newer than it', () => {
    const lib = path.join(REPO, 'lib');
    const bundle = statSync(path.join(lib, 'dateline.bundle.cjs'));
    expect(existsSync(path.join(lib, 'worker.bundle.js'))).toBe(true);
    expect(libFiles(lib).filter((f) => f.mtimeMs > bundle.mtimeMs)).toEqual([]);
    expect(statSync(path.join(REPO, 'node_modules', '.package-lock.json')).mtimeMs).toBeLessThanOrEqual(bundle.mtimeMs);
    expect(JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')).scripts.pretest).toMatch(/compile/);
  });

  it('runs whole from its two files: with lib/cli.js and the worker in lib/ broken, a site builds on two worker threads', async () => {
    const root = packageCopy({ checkout: true });
    replaceKeepingTime(path.join(root, 'lib', 'cli.js'), BROKEN);
    replaceKeepingTime(path.join(root, 'lib', 'workers', 'worker.js'), BROKEN);
    // Enough articles that `--workers 2` starts the pool for the parse and the render.
    const files: Record<string, string> = {};
    for (let i = 0; i < 220; i++) files[`content/articles/story-${i}.md`] = md({ title: `Story ${i}`, date: '2024-03-20 09:30', author: 'Ran Zheng', tags: ['Rail'] }, `Words of story ${i}.`);
    const site = writeSite(files);
    const r = await run(path.join(root, 'bin', 'dateline.js'), ['build', site, '--workers', '2', '--no-cache', '--now', '2026-01-01T00:00:00Z']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Built 220 articles/);
    expect(readFileSync(path.join(site, 'dist', '2024', '03', '20', 'story-219', 'index.html'), 'utf8')).toContain('Words of story 219.');
  });

  it('is written as the function the bin runs, and a small build loads none of Node\'s modules for servers, threads or programs', async () => {
    // Wrapped by the compile, the bin compiles the file's text as it is (no copy joined at each start).
    expect(readFileSync(path.join(REPO, 'lib', 'dateline.bundle.cjs'), 'latin1').slice(0, 80)).toMatch(/^\(function \(exports, require, module, __filename, __dirname\) \{'use strict';/);
    // What Node has loaded when the process ends, from a module required before the bin.
    const dir = mkdtempSync(path.join(tmpdir(), 'dateline-loaded-'));
    const spy = path.join(dir, 'spy.cjs');
    writeFileSync(spy, "process.on('exit', () => require('node:fs').writeFileSync(process.env.LOADED_TO, process.moduleLoadList.join('\\n')));\n");
    const site = writeSite({ 'content/articles/a.md': md({ title: 'A', date: '2024-03-20 09:30', author: 'Ran Zheng' }) });
    const stderr = await new Promise<string>((resolve, reject) => {
      execFile(process.execPath, ['-r', spy, path.join(REPO, 'bin', 'dateline.js'), 'build', site, '--quiet', '--now', '2026-01-01T00:00:00Z'], { env: { ...process.env, GITHUB_ACTIONS: '', LOADED_TO: path.join(dir, 'loaded'), DATELINE_DEBUG_CODE_CACHE: '1' } }, (err, _stdout, text) => {
        if (err) reject(new Error(`${err.message}\n${text}`));
        else resolve(text);
      });
    });
    expect(stderr).toBe('code cache: taken\n');
    const loaded = readFileSync(path.join(dir, 'loaded'), 'utf8').split('\n');
    expect(readFileSync(path.join(site, 'dist', '2024', '03', '20', 'a', 'index.html'), 'utf8')).toContain('Body text.');
    expect(loaded).toContain('NativeModule fs');
    // `serve` loads http, a pool or the stat thread worker_threads, commander child_process when it spawns (never). (net is there: stdout, a pipe, is a socket.)
    expect(loaded.filter((m) => /^NativeModule (http|child_process|worker_threads|dgram)$/.test(m))).toEqual([]);
  });

  it('starts from the code cache the compile made, and builds the same without it, with one V8 refuses, or with one of other bytes', async () => {
    const root = packageCopy({ checkout: false });
    replaceKeepingTime(path.join(root, 'lib', 'cli.js'), BROKEN);
    const cache = path.join(root, 'lib', 'dateline.bundle.cache');
    const made = readFileSync(cache);
    // A config Node imports (importModule: the bin lends the bundle its `import()`), and a search index (Pagefind, imported too).
    const site = writeSite({
      'dateline.config.mjs': "export default { title: 'Herald', baseUrl: 'https://news.example.org/', timeZone: 'Asia/Shanghai' };\n",
      'content/articles/rail.md': md({ title: 'Rail line opens', date: '2024-03-20 09:30', author: 'Ran Zheng', tags: ['Rail'] }, 'The new line runs to the airport.'),
    });
    rmSync(path.join(site, 'dateline.config.ts'));
    const built = async (expected: string) => {
      rmSync(path.join(site, 'dist'), { recursive: true, force: true });
      const r = await run(path.join(root, 'bin', 'dateline.js'), ['build', site, '--no-cache', '--quiet', '--now', '2026-01-01T00:00:00Z'], { DATELINE_DEBUG_CODE_CACHE: '1' });
      expect(r.stderr).toBe(`code cache: ${expected}\n`);
      expect(r.code).toBe(0);
      const files = readdirSync(path.join(site, 'dist'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
      return Object.fromEntries(files.map((e) => { const f = path.join(e.parentPath, e.name); return [path.relative(site, f), readFileSync(f).toString('base64')]; }).sort());
    };
    const taken = await built('taken');
    expect(Object.keys(taken).some((f) => f.startsWith(path.join('dist', 'pagefind')))).toBe(true);
    expect(Buffer.from(taken[path.join('dist', 'index.html')], 'base64').toString()).toContain('Rail line opens');
    // Whole, for this bundle and this Node, but no code cache: V8 refuses it.
    const junk = Buffer.alloc(4096, 7);
    writeFileSync(cache, Buffer.concat([made.subarray(0, 20), createHash('sha1').update(junk).digest(), junk]));
    expect(await built('rejected')).toEqual(taken);
    // Damaged after its head: V8, which does not check the bytes, would run it and crash (the process died with SIGTRAP or SIGSEGV).
    const damaged = Buffer.from(made);
    for (let i = 0; i < 64; i++) damaged[Math.floor(made.length / 2) + i] ^= 0xff;
    writeFileSync(cache, damaged);
    expect(await built('none')).toEqual(taken);
    // A cache made for other bytes than the bundle's (or another Node), which V8 alone (it compares lengths) could take.
    const other = Buffer.from(made);
    other[0] ^= 1;
    writeFileSync(cache, other);
    expect(await built('none')).toEqual(taken);
    rmSync(cache);
    expect(await built('none')).toEqual(taken);
  });

  it('runs the bundle as strict code, as the ES module it replaced ran (esbuild\'s own "use strict" comes after its banner, where it counts for nothing)', async () => {
    const root = packageCopy({ checkout: false });
    replaceKeepingTime(path.join(root, 'lib', 'dateline.bundle.cjs'), "module.exports.main = async () => { console.log((function () { return this; })() === undefined ? 'strict' : 'sloppy'); return 0; };\n");
    expect((await run(path.join(root, 'bin', 'dateline.js'), ['--version'])).stdout).toBe('strict\n');
  });

  it('renders on the workers of lib/ when the worker\'s bundle is missing, not on none', async () => {
    const root = packageCopy({ checkout: false });
    rmSync(path.join(root, 'lib', 'worker.bundle.js'));
    // lib/'s worker, as compiled, run behind one that notes each thread it starts in.
    const workers = path.join(root, 'lib', 'workers');
    cpSync(path.join(workers, 'worker.js'), path.join(workers, 'worker-as-compiled.js'), { preserveTimestamps: true });
    replaceKeepingTime(path.join(workers, 'worker.js'), "import { appendFileSync } from 'node:fs';\nimport { threadId } from 'node:worker_threads';\nappendFileSync(process.env.WORKER_MARKS, `${threadId}\\n`);\nawait import('./worker-as-compiled.js');\n");
    const marks = path.join(mkdtempSync(path.join(tmpdir(), 'dateline-marks-')), 'threads');
    const files: Record<string, string> = {};
    for (let i = 0; i < 220; i++) files[`content/articles/story-${i}.md`] = md({ title: `Story ${i}`, date: '2024-03-20 09:30', author: 'Ran Zheng', tags: ['Rail'] }, `Words of story ${i}.`);
    const site = writeSite(files);
    const r = await run(path.join(root, 'bin', 'dateline.js'), ['build', site, '--workers', '2', '--no-cache', '--now', '2026-01-01T00:00:00Z'], { WORKER_MARKS: marks });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Built 220 articles/);
    expect(new Set(readFileSync(marks, 'utf8').trim().split('\n')).size).toBeGreaterThanOrEqual(2);
    expect(readFileSync(path.join(site, 'dist', '2024', '03', '20', 'story-219', 'index.html'), 'utf8')).toContain('Words of story 219.');
  });

  it('is left for lib/ in a checkout when a file of lib/ or an install in node_modules/ is newer (a `tsc` alone, an edit in lib/, `npm install marked@…`)', async () => {
    const root = packageCopy({ checkout: true });
    const bin = path.join(root, 'bin', 'dateline.js');
    const bundle = path.join(root, 'lib', 'dateline.bundle.cjs');
    replaceKeepingTime(bundle, STALE);
    const version = `${JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')).version}\n`;
    expect((await run(bin, ['--version'])).stdout).toBe('the stale bundle ran\n');
    const later = new Date(statSync(bundle).mtimeMs + 5000);
    utimesSync(path.join(root, 'lib', 'render', 'xml.js'), later, later);
    expect((await run(bin, ['--version'])).stdout).toBe(version);
    // lib/ made again with the bundle: then a later install.
    const again = new Date(later.getTime() + 5000);
    utimesSync(bundle, again, again);
    expect((await run(bin, ['--version'])).stdout).toBe('the stale bundle ran\n');
    const install = new Date(again.getTime() + 5000);
    utimesSync(path.join(root, 'node_modules', '.package-lock.json'), install, install);
    expect((await run(bin, ['--version'])).stdout).toBe(version);
  });

  it('is what an installed package runs (no src/), whatever the times npm gave its files', async () => {
    const root = packageCopy({ checkout: false });
    const bundle = path.join(root, 'lib', 'dateline.bundle.cjs');
    replaceKeepingTime(bundle, STALE);
    // npm writes a package's files in the tarball's order, each with the time it was written.
    const later = new Date(statSync(bundle).mtimeMs + 5000);
    utimesSync(path.join(root, 'lib', 'render', 'xml.js'), later, later);
    utimesSync(path.join(root, 'node_modules', '.package-lock.json'), later, later);
    expect((await run(path.join(root, 'bin', 'dateline.js'), ['--version'])).stdout).toBe('the stale bundle ran\n');
  });
});

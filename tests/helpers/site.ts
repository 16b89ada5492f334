import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions, type BuildResult } from '../../src/build.js';
import { loadConfig } from '../../src/config/load.js';
import { BuildError, type Diagnostic } from '../../src/errors/diagnostic.js';
import { OUTPUT_MARK } from '../../src/write/in-place.js';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = path.join(REPO, 'bin', 'dateline.js');

export const DEFAULT_CONFIG = `import { defineConfig } from 'dateline';
export default defineConfig({
  title: 'Test Herald',
  baseUrl: 'https://news.example.org/',
  timeZone: 'Asia/Shanghai',
  pageSize: 3,
  footer: { links: [{ label: 'About Us', url: '/about-us/' }], lines: ['渝ICP备12345678号'], email: 'desk@example.org' },
  search: { enabled: false },
});
`;

/**
 * DEFAULT_CONFIG with the search index on, as a site's is unless it says otherwise. The tests'
 * sites leave it off: Pagefind's binary, started for each build, took about 0.1 s of CPU of a
 * small one, in the hundreds of builds the suite makes. Tests of what the index holds use this.
 */
export const SEARCH_CONFIG = DEFAULT_CONFIG.replace('  search: { enabled: false },\n', '');

/** A site's files with the search index on (SEARCH_CONFIG), unless they give a config of their own. */
export function withSearch<T extends string | Uint8Array>(files: Record<string, T>): Record<string, string | T> {
  return { 'dateline.config.ts': SEARCH_CONFIG, ...files };
}

/** A front-matter block and body, for inline sites. */
export function md(front: Record<string, unknown> | string, body = 'Body text.'): string {
  const fm = typeof front === 'string' ? front : Object.entries(front).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join('\n');
  return `---\n${fm}\n---\n\n${body}\n`;
}

/** Writes an inline site into a fresh temp folder; a config is added unless the files have one. */
export function writeSite(files: Record<string, string | Uint8Array>, dir = mkdtempSync(path.join(tmpdir(), 'dateline-test-'))): string {
  const all = { 'dateline.config.ts': DEFAULT_CONFIG, ...files };
  for (const [rel, text] of Object.entries(all)) {
    const file = path.join(dir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  return dir;
}

export interface SiteBuild extends BuildResult {
  dir: string;
  /** An output file as text; throws when it was not written. */
  page(outPath: string): string;
  has(outPath: string): boolean;
}

/** Builds an inline site in memory: `site({'content/a.md': md({...})})`. */
export async function site(files: Record<string, string | Uint8Array>, options: Partial<BuildOptions> = {}): Promise<SiteBuild> {
  const dir = writeSite(files);
  const result = await build({ siteDir: dir, mode: 'memory', now: '2026-01-01T00:00:00Z', ...options });
  return {
    ...result,
    dir,
    page(outPath: string) {
      const f = result.files?.get(outPath);
      if (f === undefined) throw new Error(`${outPath} was not written; written: ${[...(result.files?.keys() ?? [])].slice(0, 40).join(', ')}`);
      return typeof f === 'string' ? f : Buffer.from(f).toString('utf8');
    },
    has: (outPath: string) => result.files?.has(outPath) ?? false,
  };
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real `dateline` bin, as a user would (not as in a GitHub Actions job, even when the tests run in one: see `env`). */
export function cli(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: options.cwd ?? REPO, env: { ...process.env, GITHUB_ACTIONS: '', ...options.env }, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * Runs the `dateline` command in this process: the CLI's `main` (src/cli.ts) with the same
 * arguments, what it prints through its output (every line dateline prints) and its exit code. The
 * bin's own start took most of the suite's CPU (about 0.45 s a small build, against about 0.1 s
 * here): tests use this where what they check is the command's work, and `cli` where it is the
 * process (an exit by signal, stdout and stderr as streams, environment variables and the working
 * folder, the bundle and its code cache, builds in two processes at once, what the next process
 * reads from the cache). Not here, besides Node's start and the bundle: what Node or a library
 * prints itself (a warning), the bin's V8 flags and its `process.exit` at the end, and a fresh
 * process's state (a build here runs where others ran before it, as in `dateline serve`).
 *
 * A build here and one by the bin do not share the cache's fast paths: the cache is keyed by the
 * code's hash, src/ here and lib/'s bundle there (VERSION in src/build.ts). A test keeps its
 * builds of one site to one of the two.
 */
export async function dateline(args: string[], ...rest: never[]): Promise<CliRun> {
  if (rest.length) throw new Error('dateline() takes no options: an environment or a working folder of its own needs the bin (cli)');
  const { main } = await import('../../src/cli.js');
  // A build installs handlers that end the process on SIGINT and SIGTERM (src/write/critical.ts),
  // the bin's process: taken off again, so that this one ends as it would have.
  const handlers = (['SIGINT', 'SIGTERM'] as const).map((signal) => [signal, new Set(process.listeners(signal))] as const);
  let stdout = '';
  let stderr = '';
  try {
    const code = await main(args, { out: (s) => void (stdout += `${s}\n`), err: (s) => void (stderr += `${s}\n`) });
    return { code, stdout, stderr };
  } finally {
    for (const [signal, before] of handlers) for (const h of process.listeners(signal)) if (!before.has(h)) process.off(signal, h);
  }
}

/**
 * A cold build of `dir` into `out` in this process, with no cache: what a cached build (by the bin
 * or by `dateline`) must equal, byte for byte. The same build as `dateline build --no-cache`
 * (src/build.ts, written to disk), without a process of its own: a small build's process took
 * about 0.8 s of CPU in the suite, most of it Node and dateline starting, and these references
 * were about 90 of them.
 */
export async function coldBuild(dir: string, out: string, options: Partial<BuildOptions> = {}): Promise<BuildResult> {
  const r = await build({ siteDir: dir, outDir: out, mode: 'disk', cache: false, ...options });
  if (!r.ok) throw new Error(`the cold build failed: ${r.diagnostics.map((d) => `${d.code} ${d.message}`).join('; ')}`);
  return r;
}

const builtOnce = new Map<string, Promise<string>>();

/**
 * A copy of the site `files` make (with the default config unless they have one), as `dateline
 * build` left it: its dist/ and its cache, their files' times kept. Built by `by` (`dateline` in
 * this process, or the bin, `cli`), which the test's next builds of the copy use too: the two key
 * the cache differently. The site is built once per test worker and builder; each test that starts
 * from it gets a folder of its own.
 */
export async function builtCopy(files: Record<string, string>, by: (args: string[]) => Promise<CliRun> = dateline): Promise<string> {
  const key = `${by === cli ? 'bin' : 'here'} ${JSON.stringify(files)}`;
  let built = builtOnce.get(key);
  if (!built) {
    built = (async () => {
      const dir = writeSite(files);
      const r = await by(['build', dir]);
      if (r.code !== 0 || r.stderr !== '') throw new Error(`the site to copy did not build: ${r.stderr}`);
      return dir;
    })();
    builtOnce.set(key, built);
  }
  const copy = mkdtempSync(path.join(tmpdir(), 'dateline-copy-'));
  cpSync(await built, copy, { recursive: true, preserveTimestamps: true });
  return copy;
}

export const read = (file: string) => readFileSync(file, 'utf8');

/** Every file under `dir` as text, by relative path: for comparing two output folders. */
export function tree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      // The cache's mark on the folder (`built` after a --no-cache build): not part of the site.
      if (d === dir && name === OUTPUT_MARK) continue;
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(path.relative(dir, p), readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

/** What loading a site's config refuses it with; fails the test when the config loads. */
export async function configErrors(files: Record<string, string>): Promise<Diagnostic[]> {
  const dir = writeSite({ 'dateline.config.ts': '', ...files });
  try {
    await loadConfig(dir);
  } catch (e) {
    if (e instanceof BuildError) return e.diagnostics;
    throw e;
  }
  throw new Error('expected the config to be refused');
}

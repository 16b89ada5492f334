import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { build, PACKAGE_ROOT, type BuildOptions, type BuildResult } from './build.js';
import { BuildError, type Diagnostic } from './errors/diagnostic.js';
import { formatDiagnostics, githubAnnotation } from './errors/format.js';
import { diffManifests, diffSummary, formatDiff } from './publish/diff.js';
import { builtAhead, manifestKind, parseManifest, type Manifest } from './publish/manifest.js';
import { aheadNotice, previewNotice } from './publish/preview.js';
import { createProgress, jsonFailure, jsonSummary, progressDelayMs, scheduledLines, timingTable, withdrawnLines, TIMINGS_AFTER_SECONDS } from './publish/report.js';
import { mergeShards, shardSetProblem } from './write/merge.js';
import { describeSystemError, isSystemError } from './errors/system.js';
import { unsafeCacheDir, unsafeManifest, unsafeMergeOut, unsafeOutDir } from './write/sink.js';
import { exitOnSignals } from './write/critical.js';

/**
 * Exit codes: 0 success, 1 content/config/template errors (and warnings under --strict), 2 usage
 * errors (unknown option, missing folder or manifest), 3 a bug in dateline.
 */
export const EXIT = { ok: 0, content: 1, usage: 2 } as const;

/** Diagnostics about a command-line value rather than the site: a usage error. */
const USAGE_CODES = new Set(['BAD_NOW', 'BAD_BASE_URL']);
/** What `init` and `new` refuse in their arguments. */
const ARGUMENT_CODES = new Set(['INIT_NOT_A_FOLDER', 'INIT_NOT_EMPTY', 'BAD_TIME_ZONE', 'BAD_SLUG', 'FILE_EXISTS']);
const failure = (ds: Diagnostic[]) => (ds.some((d) => USAGE_CODES.has(d.code)) ? EXIT.usage : EXIT.content);

class UsageError extends Error {}

const version = (JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

function siteFolder(dir: string | undefined): string {
  const site = path.resolve(dir ?? '.');
  if (!existsSync(site) || !statSync(site).isDirectory()) throw new UsageError(`The site folder ${dir ?? '.'} does not exist.`);
  return site;
}

function printDiagnostics(io: Io, ds: Diagnostic[], quiet: boolean, more = '', siteDir?: string): void {
  const shown = quiet ? ds.filter((d) => d.severity === 'error') : ds;
  if (siteDir) annotate(io, shown, siteDir);
  const errors = shown.filter((d) => d.severity === 'error');
  const warnings = shown.filter((d) => d.severity === 'warning');
  if (warnings.length) io.err(formatDiagnostics(warnings, 20, more));
  if (errors.length) {
    // A blank line between the last warning and the first error, as between any two.
    io.err(`${warnings.length ? '\n' : ''}${formatDiagnostics(errors, 20, more)}`);
    io.err(`\n${errors.length} error${errors.length === 1 ? '' : 's'}; nothing was written.`);
  }
}

/**
 * In a GitHub Actions job, each diagnostic also as a workflow command on stdout, so the editor sees
 * it on the pull request's line. All of them, not the first 20: GitHub does not print these lines.
 */
function annotate(io: Io, ds: readonly Diagnostic[], siteDir: string): void {
  if (process.env.GITHUB_ACTIONS !== 'true') return;
  const root = path.resolve(process.env.GITHUB_WORKSPACE || '.');
  for (const d of ds) io.out(githubAnnotation(d, siteDir, root));
}

/**
 * Why a build or merge ended with 130 or 143, for the CI log (a cancelled job): also with
 * --quiet, as an error is. What the output folder holds depends on when the signal came.
 */
function stopped(signal: NodeJS.Signals, putInPlace: boolean): string {
  return putInPlace
    ? `Stopped by ${signal} while the new site was put in place, which ended first: the output folder is this build's, whole.`
    : `Stopped by ${signal} before the new site was put in place: the output folder is the last build's, as it was.`;
}

function summary(r: BuildResult, verb: string): string {
  return `${verb} ${r.articles} article${r.articles === 1 ? '' : 's'}, ${r.pagesWritten} pages in ${r.seconds.toFixed(2)} s`;
}

export function createProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new Command('dateline')
    .description('A static site generator for newsrooms.')
    .version(version, '-v, --version')
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .exitOverride()
    .showHelpAfterError('(run with --help for the options)');

  const buildLike = (cmd: Command) =>
    cmd
      .argument('[site-dir]', 'the site folder', '.')
      .option('--drafts', 'include articles with draft: true (a build with them is a preview, not for publishing)')
      .option('--future', 'include articles dated after --now (a build with them is a preview, not for publishing)')
      .option('--now <datetime>', 'the clock for scheduled articles (ISO date-time; default: now)')
      .option('--base-url <url>', 'override the config\'s baseUrl')
      .option('-q, --quiet', 'print only errors (and the note that a build is a preview)')
      .option('--json', 'print a JSON summary (counts, stage timings, warnings, errors) on stdout, and nothing else there')
      .option('--strict', 'treat warnings (unknown keys, missing alt text…) as errors: exit 1')
      .option('--timings', 'print how long each stage took');

  // Options of every command that writes the site: `build` and `serve`.
  const writing = (cmd: Command) =>
    buildLike(cmd)
      .addOption(new Option('-o, --out <dir>', 'output folder (default: <site-dir>/dist)'))
      .option('--cache-dir <dir>', 'the build cache folder (default: <site-dir>/.dateline-cache)')
      .option('--no-cache', 'neither read nor write the build cache')
      .option('--workers <n>', 'worker threads for parsing and rendering (0: none; default: one per core on large sites)');

  writing(program.command('build').description('build the site into dist/ (or --out)'))
    .option('--shard <i/n>', 'render only share i of n of the pages (merge the shares with `dateline merge`)')
    .option('--noindex', 'mark the build as not for search engines (a staging host): pages say noindex, robots.txt disallows everything; feeds and sitemaps are written')
    .option('--manifest <file>', 'write a JSON manifest of every output file (path, url, sha256, size, content type, cache control)')
    .option('-w, --watch', 'rebuild whenever content, templates, static files or the config change')
    .action(async (dir: string, opts: BuildFlags & { watch?: boolean }) => {
      if (!opts.watch) {
        // A signal during the swap or the putting in place waits for it to end (write/critical.ts);
        // with --json, the one object says how the build ended.
        exitOnSignals((code, signal, putInPlace) => {
          const message = stopped(signal, putInPlace);
          if (opts.json) io.out(JSON.stringify(jsonFailure('build', code, { code: 'SIGNAL', message }), null, 2));
          else io.err(`error: ${message}`);
        });
        return setExit(await runBuild(io, 'build', dir, opts));
      }
      if (opts.shard) throw new UsageError('--watch builds the whole site; it cannot be combined with --shard.');
      setExit(await watchOrServe(io, siteFolder(dir), opts));
    });

  buildLike(program.command('check').description('check content, templates and links without writing anything'))
    .action(async (dir: string, opts: BuildFlags) => setExit(await runBuild(io, 'check', dir, opts)));

  program
    .command('diff')
    .description('list the URLs that differ between two build manifests: what a deploy uploads and purges')
    .argument('<old>', 'the manifest of the build that is live now (a missing file counts as an empty site)')
    .argument('<new>', 'the manifest of the new build')
    .option('--json', 'print {added, changed, removed} with each file\'s path, url, urls, sha256, size, contentType, cacheControl')
    .option('--allow-preview', 'compare a preview or --noindex build with a live one all the same')
    .action(async (oldFile: string, newFile: string, opts: { json?: boolean; allowPreview?: boolean }) => {
      const before = existsSync(oldFile) ? readManifest(oldFile) : undefined;
      if (!before) io.err(`note: ${oldFile} does not exist, so every file counts as added.`);
      const after = readManifest(newFile);
      // A deploy that uploads what this lists would put a preview's scheduled stories and drafts,
      // or a staging copy's noindex on every page, on the live host.
      const kind = manifestKind(after);
      // A missing old manifest is the live host's first deploy, or a deploy script whose download
      // of the live manifest failed: as much a live site as one that is there.
      if (kind !== 'live' && (!before || manifestKind(before) === 'live') && !opts.allowPreview) {
        const what = kind === 'preview' ? 'a preview (--drafts or --future): it holds drafts or stories scheduled for later, and its pages say noindex' : 'a build marked --noindex (a staging host\'s): every page says noindex';
        const live = before ? `${oldFile} is the live site's` : `${oldFile} does not exist, which is a live site's first deploy`;
        throw new UsageError(`${newFile} is the manifest of ${what}, and ${live}. Deploying the difference would publish it there. Build the live site without ${kind === 'preview' ? '--drafts and --future' : '--noindex'} and compare that; for a preview or staging host, add --allow-preview.`);
      }
      // A build for a later time (`--now`) holds the stories scheduled until then: an embargo
      // broken if it goes live before. Its time, not the manifest's kind, says when it may.
      const ahead = builtAhead(after, Date.now());
      if (ahead && !opts.allowPreview) throw new UsageError(`${newFile} is the manifest of a build made for ${ahead} (--now), which is later than this machine's clock: it publishes the stories scheduled until then. Compare it at that time or later, or build without --now; for a preview host, add --allow-preview.`);
      if (kind !== 'live') io.err(`note: ${newFile} is the manifest of ${kind === 'preview' ? 'a preview' : 'a --noindex build'}: not for the live site.`);
      const d = diffManifests(before ?? { dateline: 1, baseUrl: after.baseUrl, files: [] }, after);
      if (opts.json) return io.out(JSON.stringify(d, null, 2));
      const text = formatDiff(d);
      if (text) io.out(text);
      io.err(diffSummary(d));
    });

  writing(program.command('serve').description('build, serve on http://127.0.0.1:8080, rebuild on every change and reload the browser'))
    .option('-p, --port <port>', 'the port (0: any free port)', '8080')
    .option('--host <host>', 'the address to listen on', '127.0.0.1')
    .action(async (dir: string, opts: ServeFlags) => {
      const siteDir = siteFolder(dir);
      const port = Number(opts.port);
      if (!/^\d+$/.test(opts.port) || port > 65535) throw new UsageError(`--port must be a number from 0 to 65535, not ${opts.port}.`);
      setExit(await watchOrServe(io, siteDir, opts, { host: opts.host, port }));
    });

  program
    .command('merge')
    .description('merge the folders of `dateline build --shard i/n` into one output folder')
    .argument('<out>', 'the output folder to write')
    .argument('<shard-dirs...>', 'the shard folders')
    .action(async (out: string, shards: string[]) => {
      for (const d of shards) if (!existsSync(d) || !statSync(d).isDirectory()) throw new UsageError(`The shard folder ${d} does not exist.`);
      const unsafe = unsafeMergeOut(out, shards);
      if (unsafe) throw new UsageError(unsafe);
      const incomplete = shardSetProblem(shards);
      if (incomplete) throw new UsageError(`${incomplete} Give every shard folder of one build, each once; nothing was written.`);
      exitOnSignals((_, signal, putInPlace) => io.err(`error: ${stopped(signal, putInPlace)}`));
      const r = await mergeShards(out, shards);
      if (r.diagnostics.length) {
        printDiagnostics(io, r.diagnostics, false);
        return setExit(EXIT.content);
      }
      io.out(`Merged ${shards.length} shards, ${r.files} files → ${out}`);
    });

  program
    .command('init')
    .description('scaffold a new site')
    .argument('<dir>', 'the folder to create')
    .option('--time-zone <Area/City>', "the site's time zone (default: this machine's)")
    .action(async (dir: string, opts: { timeZone?: string }) => {
      // Loaded when used: a build never needs the scaffolding (or the YAML writer it brings).
      const { initSite } = await import('./scaffold.js');
      const made = await asUsage(() => initSite(dir, Date.now(), opts.timeZone));
      if (!made) return setExit(EXIT.usage);
      const from = made.fromFlag ? 'from --time-zone' : "this machine's";
      io.out(
        `Created ${dir} with ${made.files.join(', ')}.\n` +
          `Time zone: ${made.timeZone} (${from}). Front-matter dates are read in it and shown in it. ` +
          `To change it, edit \`timeZone\` in ${path.join(dir, 'dateline.config.ts')}.\n` +
          `Next: dateline build ${dir}`,
      );
    });

  program
    .command('new')
    .description('create a new article dated now, with the front matter filled in')
    .argument('<title>', 'the headline')
    .argument('[site-dir]', 'the site folder', '.')
    .action(async (title: string, dir: string) => {
      const { newArticle } = await import('./scaffold.js');
      const rel = await asUsage(() => newArticle(siteFolder(dir), title));
      if (!rel) return setExit(EXIT.usage);
      io.out(`Created ${rel}`);
    });

  /**
   * `init` and `new` refuse what their arguments ask for (a folder in use, a title with no
   * letters, an article that exists): printed as diagnostics, but the site is not at fault, so
   * the exit code is the usage one.
   */
  async function asUsage<T>(run: () => Promise<T>): Promise<T | undefined> {
    try {
      return await run();
    } catch (e) {
      // A config error from `new` is the site's: exit 1, as in a build.
      if (!(e instanceof BuildError) || !e.diagnostics.every((d) => ARGUMENT_CODES.has(d.code))) throw e;
      printDiagnostics(io, e.diagnostics, false);
      return undefined;
    }
  }

  return program;
}

// Publishing: build and check output for people and machines (--json, --strict, --timings,
// --manifest, progress on a terminal).
interface BuildFlags {
  out?: string;
  drafts?: boolean;
  future?: boolean;
  now?: string;
  baseUrl?: string;
  quiet?: boolean;
  json?: boolean;
  strict?: boolean;
  timings?: boolean;
  manifest?: string;
  cache?: boolean;
  cacheDir?: string;
  workers?: string;
  shard?: string;
  noindex?: boolean;
}

/** A `--cache-dir` in the output folder or the site's sources is a usage error. */
function refuseCacheDir(siteDir: string, opts: BuildFlags): void {
  if (!opts.cacheDir || opts.cache === false) return;
  const unsafe = unsafeCacheDir(siteDir, opts.out ?? path.join(siteDir, 'dist'), opts.cacheDir);
  if (unsafe) throw new UsageError(`--cache-dir: ${unsafe} Choose another folder, such as .dateline-cache.`);
}

/** The machine's error, said plainly (src/errors/system.ts): a usage error. */
function systemFailure(io: Io, e: Parameters<typeof describeSystemError>[0], cacheDir?: string | false, json?: 'build' | 'check'): number {
  const said = describeSystemError(e, cacheDir);
  io.err(said);
  if (json) io.out(JSON.stringify(jsonFailure(json, EXIT.usage, { code: 'SYSTEM_ERROR', message: said.replace(/^error:\s*/, '') }), null, 2));
  if (process.env.DATELINE_DEBUG) io.err(e.stack ?? '');
  return EXIT.usage;
}

async function runBuild(io: Io, command: 'build' | 'check', dir: string, opts: BuildFlags): Promise<number> {
  const siteDir = siteFolder(dir);
  const unsafe = command === 'build' ? unsafeOutDir(siteDir, opts.out ?? path.join(siteDir, 'dist')) : undefined;
  if (unsafe) throw new UsageError(`--out: ${unsafe}`);
  refuseCacheDir(siteDir, opts);
  const badManifest = command === 'build' && opts.manifest ? unsafeManifest(siteDir, opts.out ?? path.join(siteDir, 'dist'), opts.manifest) : undefined;
  if (badManifest) throw new UsageError(`--manifest: ${badManifest} Keep it outside, such as dateline-manifest.json beside dist/.`);
  const progress = !opts.json && !opts.quiet && process.stderr.isTTY ? createProgress(process.stderr, { delayMs: progressDelayMs() }) : undefined;
  let r: BuildResult;
  const options = toOptions(siteDir, opts, command === 'build' ? 'disk' : 'check');
  try {
    r = await build({ ...options, strict: opts.strict, manifest: !!opts.manifest, onProgress: progress?.update });
  } catch (e) {
    // A config mistake stops the build: main() prints it; the annotations need the site folder.
    if (e instanceof BuildError && !opts.json) annotate(io, e.diagnostics, siteDir);
    // A cache folder that cannot be written is named as the cache, wherever it is.
    if (!isSystemError(e)) throw e;
    return systemFailure(io, e, options.cache || path.join(siteDir, '.dateline-cache'), opts.json ? command : undefined);
  } finally {
    progress?.end();
  }
  const code = r.ok ? EXIT.ok : failure(r.diagnostics);
  // A damaged build cache (cache/damage.ts): built without it, so no warning, but said once.
  if (r.cacheNote && !opts.quiet) io.err(r.cacheNote);
  const manifestFile = opts.manifest && r.manifest ? path.resolve(opts.manifest) : undefined;
  if (manifestFile && r.manifest) {
    await mkdir(path.dirname(manifestFile), { recursive: true });
    await writeFile(manifestFile, `${JSON.stringify(r.manifest, null, 2)}\n`);
  }
  const shownOut = shown(r.outDir);
  // On stderr, also with --json and --quiet: a deploy script that builds a preview by mistake
  // is where it must be seen (publish/preview.ts).
  const preview = command === 'build' && r.ok && (opts.drafts || opts.future || opts.noindex) ? previewNotice(opts, shownOut) : command === 'build' && r.ok && opts.now && r.config ? aheadNotice(opts.now, r.config.timeZone, shownOut) : undefined;
  if (opts.json) {
    io.out(JSON.stringify(jsonSummary(command, r, code, { manifest: manifestFile, files: r.manifest?.files.length, preview: !!(opts.drafts || opts.future), noindex: command === 'build' && !!(opts.drafts || opts.future || opts.noindex) }), null, 2));
    if (preview) io.err(preview);
    return code;
  }
  // --json lists them all, each with its file and line: for a script that fixes an archive's.
  printDiagnostics(io, r.diagnostics, !!opts.quiet, '; `--json` lists them all', siteDir);
  if (preview) io.err(preview);
  if (!r.ok || opts.quiet) return code;
  io.out(command === 'build' ? `${summary(r, 'Built')} → ${shownOut}` : `${summary(r, 'Checked')}: no errors`);
  for (const line of scheduledLines(r)) io.out(line);
  for (const line of withdrawnLines(r)) io.out(line);
  if (opts.timings || r.seconds >= TIMINGS_AFTER_SECONDS) io.out(timingTable(r.timings, r.seconds));
  return code;
}

/** A folder as the summary line names it: relative to the working folder when inside it. */
function shown(dir: string): string {
  const rel = path.relative(process.cwd(), dir);
  return rel && !rel.startsWith('..') ? rel : dir;
}

function readManifest(file: string): Manifest {
  if (!existsSync(file)) throw new UsageError(`The manifest ${file} does not exist.`);
  try {
    return parseManifest(readFileSync(file, 'utf8'), file);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

interface ServeFlags extends BuildFlags {
  port: string;
  host: string;
}

/** `build --watch` and `serve`: runs until Ctrl-C; the session prints each build itself. */
async function watchOrServe(io: Io, siteDir: string, opts: BuildFlags, serve?: { host: string; port: number }): Promise<number> {
  const unsafe = unsafeOutDir(siteDir, opts.out ?? path.join(siteDir, 'dist'));
  if (unsafe) throw new UsageError(`--out: ${unsafe}`);
  refuseCacheDir(siteDir, opts);
  // A report of one build has no place in a session of many.
  const oneShot = (['json', 'timings', 'manifest'] as const).find((f) => opts[f]);
  if (oneShot) throw new UsageError(`--${oneShot} reports on one build; it cannot be combined with ${serve ? 'serve' : '--watch'}.`);
  const options = { ...toOptions(siteDir, opts, 'disk'), strict: opts.strict };
  const outDir = options.outDir ?? path.join(siteDir, 'dist');
  // Once, before the first build; also with --quiet (see runBuild).
  if (opts.drafts || opts.future || opts.noindex) io.err(previewNotice(opts, shown(outDir)));
  // The session, its server and Node's http module are loaded only here: no other command pays for them.
  const { ListenError, runSession } = await import('./serve/session.js');
  try {
    return await runSession({ build: { ...options, outDir }, serve, quiet: opts.quiet }, io);
  } catch (e) {
    if (e instanceof ListenError) throw new UsageError(e.message);
    throw e;
  }
}

function toOptions(siteDir: string, o: { out?: string; drafts?: boolean; future?: boolean; now?: string; baseUrl?: string; cache?: boolean; cacheDir?: string; workers?: string; shard?: string; noindex?: boolean }, mode: BuildOptions['mode']): BuildOptions {
  let shard: BuildOptions['shard'];
  if (o.shard !== undefined) {
    const m = /^(\d+)\/(\d+)$/.exec(o.shard);
    if (!m || +m[1] < 1 || +m[1] > +m[2]) throw new UsageError(`--shard takes i/n with 1 ≤ i ≤ n, such as 2/3, not "${o.shard}".`);
    shard = { index: +m[1], count: +m[2] };
  }
  const workers = o.workers === undefined ? undefined : Number(o.workers);
  if (workers !== undefined && (!Number.isInteger(workers) || workers < 0)) throw new UsageError(`--workers takes a whole number, not "${o.workers}".`);
  const cache = o.cache === false ? false : o.cacheDir ? path.resolve(o.cacheDir) : undefined;
  return { siteDir, outDir: o.out ? path.resolve(o.out) : undefined, drafts: o.drafts, future: o.future, now: o.now, baseUrl: o.baseUrl, mode, cache, workers, shard, noindex: o.noindex, ownsProcess: true };
}

/** Runs the CLI; resolves to the exit code. Never prints a stack trace for anything a user did. */
export async function main(argv: string[], io: Io = { out: (s) => process.stdout.write(`${s}\n`), err: (s) => process.stderr.write(`${s}\n`) }): Promise<number> {
  let code: number = EXIT.ok;
  const program = createProgram(io, (c) => (code = c));
  // `build --json` and `check --json` print one object on stdout whatever happens, also when the
  // command stops before it has a build to report.
  const json = (argv[0] === 'build' || argv[0] === 'check') && argv.includes('--json') ? argv[0] : undefined;
  const jsonOut = (exitCode: number, error: Parameters<typeof jsonFailure>[2]) => {
    if (json) io.out(JSON.stringify(jsonFailure(json, exitCode, error), null, 2));
    return exitCode;
  };
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help asked for exits 0; help shown because no command was given is a usage error.
      return e.exitCode === 0 ? EXIT.ok : jsonOut(EXIT.usage, { code: 'USAGE', message: e.message.replace(/^error:\s*/, '') });
    }
    if (e instanceof UsageError) {
      io.err(`error: ${e.message}`);
      return jsonOut(EXIT.usage, { code: 'USAGE', message: e.message });
    }
    if (e instanceof BuildError) {
      printDiagnostics(io, e.diagnostics, false);
      return jsonOut(EXIT.content, { code: 'BUILD', message: '', diagnostics: e.diagnostics });
    }
    // The machine's, not dateline's: a folder that cannot be written, a file in the way.
    if (isSystemError(e)) return systemFailure(io, e, undefined, json);
    const msg = e instanceof Error ? e.message : String(e);
    io.err(`internal error: ${msg}\nThis is a bug in dateline, not in your site. Set DATELINE_DEBUG=1 to see the stack trace.`);
    if (process.env.DATELINE_DEBUG) io.err(e instanceof Error ? (e.stack ?? '') : '');
    return jsonOut(3, { code: 'INTERNAL', message: msg });
  }
  return code;
}

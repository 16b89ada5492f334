import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { build, PACKAGE_ROOT, type BuildOptions, type BuildResult } from './build.js';
import { BuildError, type Diagnostic } from './errors/diagnostic.js';
import { formatDiagnostics } from './errors/format.js';
import { initSite, newArticle } from './scaffold.js';
import { ListenError, runSession } from './serve/session.js';
import { mergeShards } from './write/merge.js';

/** Exit codes: 0 success, 1 content/config/template errors, 2 usage errors. */
export const EXIT = { ok: 0, content: 1, usage: 2 } as const;

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

function printDiagnostics(io: Io, ds: Diagnostic[], quiet: boolean): void {
  const shown = quiet ? ds.filter((d) => d.severity === 'error') : ds;
  const errors = shown.filter((d) => d.severity === 'error');
  const warnings = shown.filter((d) => d.severity === 'warning');
  if (warnings.length) io.err(formatDiagnostics(warnings));
  if (errors.length) {
    io.err(formatDiagnostics(errors));
    io.err(`\n${errors.length} error${errors.length === 1 ? '' : 's'}; nothing was written.`);
  }
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
      .option('--drafts', 'include articles with draft: true')
      .option('--future', 'include articles dated after --now')
      .option('--now <datetime>', 'the clock for scheduled articles (ISO date-time; default: now)')
      .option('--base-url <url>', 'override the config\'s baseUrl')
      .option('-q, --quiet', 'print only errors');

  // Options of every command that writes the site: `build` and `serve`.
  const writing = (cmd: Command) =>
    buildLike(cmd)
      .addOption(new Option('-o, --out <dir>', 'output folder (default: <site-dir>/dist)'))
      .option('--cache-dir <dir>', 'the build cache folder (default: <site-dir>/.dateline-cache)')
      .option('--no-cache', 'neither read nor write the build cache')
      .option('--workers <n>', 'worker threads for parsing and rendering (0: none; default: one per core on large sites)');

  writing(program.command('build').description('build the site into dist/ (or --out)'))
    .option('--shard <i/n>', 'render only share i of n of the pages (merge the shares with `dateline merge`)')
    .option('-w, --watch', 'rebuild whenever content, templates, static files or the config change')
    .action(async (dir: string, opts: BuildFlags & { shard?: string; watch?: boolean }) => {
      const siteDir = siteFolder(dir);
      if (opts.watch && opts.shard) throw new UsageError('--watch builds the whole site; it cannot be combined with --shard.');
      if (opts.watch) return setExit(await watchOrServe(io, siteDir, opts));
      const r = await build(toOptions(siteDir, opts, 'disk'));
      printDiagnostics(io, r.diagnostics, !!opts.quiet);
      if (!r.ok) return setExit(EXIT.content);
      const rel = path.relative(process.cwd(), r.outDir);
      if (!opts.quiet) io.out(`${summary(r, 'Built')} → ${rel && !rel.startsWith('..') ? rel : r.outDir}`);
    });

  buildLike(program.command('check').description('check content, templates and links without writing anything'))
    .action(async (dir: string, opts: { drafts?: boolean; future?: boolean; now?: string; baseUrl?: string; quiet?: boolean }) => {
      const siteDir = siteFolder(dir);
      const r = await build(toOptions(siteDir, opts, 'check'));
      printDiagnostics(io, r.diagnostics, !!opts.quiet);
      if (!r.ok) return setExit(EXIT.content);
      if (!opts.quiet) io.out(`${summary(r, 'Checked')}: no errors`);
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
    .action(async (dir: string) => {
      const files = await initSite(dir);
      io.out(`Created ${dir} with ${files.join(', ')}.\nNext: dateline build ${dir}`);
    });

  program
    .command('new')
    .description('create a new article dated now, with the front matter filled in')
    .argument('<title>', 'the headline')
    .argument('[site-dir]', 'the site folder', '.')
    .action(async (title: string, dir: string) => {
      const rel = await newArticle(siteFolder(dir), title);
      io.out(`Created ${rel}`);
    });

  return program;
}

interface BuildFlags {
  out?: string;
  drafts?: boolean;
  future?: boolean;
  now?: string;
  baseUrl?: string;
  quiet?: boolean;
  cache?: boolean;
  cacheDir?: string;
  workers?: string;
}

interface ServeFlags extends BuildFlags {
  port: string;
  host: string;
}

/** `build --watch` and `serve`: runs until Ctrl-C; the session prints each build itself. */
async function watchOrServe(io: Io, siteDir: string, opts: BuildFlags, serve?: { host: string; port: number }): Promise<number> {
  const options = toOptions(siteDir, opts, 'disk');
  try {
    return await runSession({ build: { ...options, outDir: options.outDir ?? path.join(siteDir, 'dist') }, serve, quiet: opts.quiet }, io);
  } catch (e) {
    if (e instanceof ListenError) throw new UsageError(e.message);
    throw e;
  }
}

function toOptions(siteDir: string, o: { out?: string; drafts?: boolean; future?: boolean; now?: string; baseUrl?: string; cache?: boolean; cacheDir?: string; workers?: string; shard?: string }, mode: BuildOptions['mode']): BuildOptions {
  let shard: BuildOptions['shard'];
  if (o.shard !== undefined) {
    const m = /^(\d+)\/(\d+)$/.exec(o.shard);
    if (!m || +m[1] < 1 || +m[1] > +m[2]) throw new UsageError(`--shard takes i/n with 1 ≤ i ≤ n, such as 2/3, not "${o.shard}".`);
    shard = { index: +m[1], count: +m[2] };
  }
  const workers = o.workers === undefined ? undefined : Number(o.workers);
  if (workers !== undefined && (!Number.isInteger(workers) || workers < 0)) throw new UsageError(`--workers takes a whole number, not "${o.workers}".`);
  const cache = o.cache === false ? false : o.cacheDir ? path.resolve(o.cacheDir) : undefined;
  return { siteDir, outDir: o.out ? path.resolve(o.out) : undefined, drafts: o.drafts, future: o.future, now: o.now, baseUrl: o.baseUrl, mode, cache, workers, shard };
}

/** Runs the CLI; resolves to the exit code. Never prints a stack trace for anything a user did. */
export async function main(argv: string[], io: Io = { out: (s) => process.stdout.write(`${s}\n`), err: (s) => process.stderr.write(`${s}\n`) }): Promise<number> {
  let code: number = EXIT.ok;
  const program = createProgram(io, (c) => (code = c));
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.ok;
      return EXIT.usage;
    }
    if (e instanceof UsageError) {
      io.err(`error: ${e.message}`);
      return EXIT.usage;
    }
    if (e instanceof BuildError) {
      printDiagnostics(io, e.diagnostics, false);
      return EXIT.content;
    }
    const msg = e instanceof Error ? e.message : String(e);
    io.err(`internal error: ${msg}\nThis is a bug in dateline, not in your site. Set DATELINE_DEBUG=1 to see the stack trace.`);
    if (process.env.DATELINE_DEBUG) io.err(e instanceof Error ? (e.stack ?? '') : '');
    return 3;
  }
  return code;
}

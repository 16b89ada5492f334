import { existsSync } from 'node:fs';
import path from 'node:path';
import { createBuilder, type BuildOptions } from '../build.js';
import { error } from '../errors/diagnostic.js';
import { createReporter, createWatchErrors } from '../watch/report.js';
import { watchSite, type WatchBuild } from '../watch/watch.js';
import { LiveReload } from './live-reload.js';
import { startServer, type DevServer } from './server.js';

export interface SessionIo {
  out: (s: string) => void;
  err: (s: string) => void;
}

export interface SessionOptions {
  build: BuildOptions & { outDir: string };
  /** Serve the output folder too (`dateline serve`); without it, `dateline build --watch`. */
  serve?: { host: string; port: number };
  quiet?: boolean;
  /** Resolves when the session should end; default: the first SIGINT or SIGTERM. */
  stop?: Promise<unknown>;
}

/** Raised when the port cannot be had: the caller turns it into a usage error. */
export class ListenError extends Error {}

/**
 * `dateline serve` and `dateline build --watch`: build, (serve,) watch and rebuild until Ctrl-C,
 * then close the watcher, the server and every open connection, and resolve to exit code 0.
 */
export async function runSession(o: SessionOptions, io: SessionIo): Promise<number> {
  const siteDir = path.resolve(o.build.siteDir);
  const builder = createBuilder({ ...o.build, mode: 'disk', searchInBackground: true });
  // A first build that fails leaves what a build before the session wrote, if any.
  const report = createReporter({ quiet: o.quiet, builtBefore: existsSync(path.join(o.build.outDir, 'index.html')) });
  const reload = new LiveReload();
  let basePath = '/';

  let server: DevServer | undefined;
  if (o.serve) {
    try {
      // A request to a deleted output folder builds it again (the next 404s until it is there).
      server = await startServer({ root: o.build.outDir, host: o.serve.host, port: o.serve.port, reload, basePath: () => basePath, onMissingRoot: () => (built && !watcher.busy ? watcher.rebuild() : undefined) });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const why = code === 'EADDRINUSE' ? 'is in use' : code === 'EACCES' ? 'needs privileges' : `cannot be used (${code ?? String(e)})`;
      throw new ListenError(`Port ${o.serve.port} on ${o.serve.host} ${why}. Pass another with --port, or --port 0 for any free port.`);
    }
  }

  let built = false;
  // Said at once, so that the port (`--port 0`) is known while the first build runs; said again
  // under the base path once a build has read the config, and when a config edit moves the site.
  let shownUrl: string | undefined;
  if (server) io.out(`Serving ${(shownUrl = server.url)} with live reload.`);
  const onBuild = (b: WatchBuild) => {
    if (b.result?.ok) built = true;
    const { out, err } = report(b);
    out.forEach(io.out);
    err.forEach(io.err);
    if (b.result?.config) basePath = b.result.config.basePath;
    // The address of the home page, under the base path (the server's root only redirects there).
    const home = server && `${server.url}${basePath.slice(1)}`;
    if (home && home !== shownUrl) io.out(`Serving ${(shownUrl = home)} with live reload.`);
    const crash = b.error === undefined ? [] : [error('INTERNAL_ERROR', `dateline failed while building: ${b.error instanceof Error ? b.error.message : String(b.error)}`, { hint: 'This is a bug in dateline, not in your site; the terminal says more. Saving again retries.' })];
    reload.built(!!b.result?.ok, b.result?.diagnostics ?? crash);
  };
  const cache = o.build.cache;
  const watchErrors = createWatchErrors();
  const watcher = watchSite({
    siteDir,
    outDir: o.build.outDir,
    // The build cache is written by every build: watching it would rebuild forever.
    skip: cache === false ? [] : [path.resolve(siteDir, cache ?? '.dateline-cache')],
    builder,
    schedule: o.build.now === undefined,
    onBuild,
    onWatchError: (e) => watchErrors.report(e).forEach(io.err),
  });

  const stop = o.stop ?? untilSignal();
  const stopped = stop.then(() => 'stop' as const);
  if ((await Promise.race([watcher.ready.then(() => 'ready' as const), stopped])) === 'ready') {
    const rel = path.relative(process.cwd(), siteDir);
    io.out(`Watching ${rel === '' ? '.' : rel.startsWith('..') ? siteDir : rel} for changes. Press Ctrl-C to stop.`);
    watchErrors.unwatched().forEach(io.err);
    await stopped;
  }
  if (!o.quiet) io.out('Stopping…');
  await Promise.all([watcher.close(), server?.close()]);
  await builder.close();
  return 0;
}

/**
 * The first SIGINT or SIGTERM ends the session cleanly; a second one, while it is still closing,
 * exits at once.
 */
function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const first = (sig: NodeJS.Signals) => {
      process.off('SIGINT', first).off('SIGTERM', first);
      process.once('SIGINT', () => process.exit(130)).once('SIGTERM', () => process.exit(143));
      resolve(sig);
    };
    process.on('SIGINT', first).on('SIGTERM', first);
  });
}

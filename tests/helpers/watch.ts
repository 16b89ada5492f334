import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { expect } from 'vitest';
import { build, createBuilder, type Builder, type BuildResult, type SourceChange } from '../../src/build.js';
import { watchSite, type SiteWatcher, type WatchBuild, type WatchOptions } from '../../src/watch/watch.js';
import { BIN, REPO, tree, writeSite } from './site.js';

/**
 * Polls until `check` returns something truthy (or stops throwing) and returns it; fails with the
 * last problem after `timeout` ms. Tests wait for a state with this, never with a fixed sleep.
 */
export async function waitFor<T>(check: () => T | Promise<T>, what: string, timeout = 15_000): Promise<NonNullable<T>> {
  const end = Date.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v as NonNullable<T>;
      last = undefined;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`Timed out after ${timeout} ms waiting for ${what}${last ? `: ${last instanceof Error ? last.message : String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export const NOW = '2026-01-01T00:00:00Z';

/**
 * Checks that the watched site's last build succeeded and that its dist/ is, file for file and
 * byte for byte, what a fresh build of the same sources writes (into `fresh-<label>`). Returns
 * the watched tree.
 */
export async function expectFreshBuild(s: WatchedSite, what: string, label: string | number): Promise<Map<string, string>> {
  expect(s.builds.at(-1)?.result?.ok, what).toBe(true);
  const fresh = path.join(s.dir, `fresh-${label}`);
  expect((await build({ siteDir: s.dir, outDir: fresh, now: NOW })).ok, what).toBe(true);
  const watched = tree(s.out);
  const expected = tree(fresh);
  expect([...watched.keys()], what).toEqual([...expected.keys()]);
  for (const [p, text] of expected) expect(watched.get(p), `${what}: ${p}`).toBe(text);
  return watched;
}

export interface WatchedSite {
  dir: string;
  out: string;
  builds: WatchBuild[];
  watcher: SiteWatcher;
  /** Builds running at the same time, at most: must stay 1. */
  maxConcurrent: () => number;
  /** An output file as text, or undefined when it is not there. */
  read(outPath: string): string | undefined;
  /** Builds running now. */
  running: () => number;
  /** Makes the next builds wait at their start until the returned function is called. */
  hold(): () => void;
  /** Waits until the watcher is idle and returns the builds since `from`. */
  settle(from: number): Promise<WatchBuild[]>;
  close(): Promise<void>;
}

/** Writes an inline site, builds it once and watches it with the real builder and chokidar. */
export async function watchInline(files: Record<string, string | Uint8Array>, options: { schedule?: boolean; now?: string | null; afterBuild?: (r: BuildResult) => void; onEvent?: WatchOptions['onEvent'] } = {}): Promise<WatchedSite> {
  const dir = writeSite(files);
  const out = path.join(dir, 'dist');
  const real = createBuilder({ siteDir: dir, outDir: out, mode: 'disk', now: options.now === null ? undefined : (options.now ?? NOW) });
  let running = 0;
  let max = 0;
  let gate: Promise<void> | undefined;
  // The real builder, counted (a test asserts builds never overlap) and, on request, held at the
  // start so a test can change files while a build is running.
  const builder: Builder = {
    async build(changes?: SourceChange[]): Promise<BuildResult> {
      max = Math.max(max, ++running);
      try {
        await gate;
        const r = await real.build(changes);
        // Before the watcher hears of the build: a file changed here changed while it ran.
        options.afterBuild?.(r);
        return r;
      } finally {
        running--;
      }
    },
    close: () => real.close(),
  };
  const builds: WatchBuild[] = [];
  const watcher = watchSite({ siteDir: dir, outDir: out, builder, schedule: options.schedule ?? false, onBuild: (b) => builds.push(b), onEvent: options.onEvent });
  await watcher.ready;
  const read = (p: string) => {
    const f = path.join(out, ...p.split('/'));
    return existsSync(f) ? readFileSync(f, 'utf8') : undefined;
  };
  return {
    dir,
    out,
    builds,
    watcher,
    maxConcurrent: () => max,
    running: () => running,
    hold() {
      let release!: () => void;
      gate = new Promise((r) => (release = r));
      return () => {
        gate = undefined;
        release();
      };
    },
    read,
    async settle(from: number) {
      await waitFor(() => !watcher.busy, 'the watcher to go idle');
      return builds.slice(from);
    },
    close: async () => {
      await watcher.close();
      await builder.close();
    },
  };
}

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The body as sent, for binary files. */
  bytes: Buffer;
}

/** A raw HTTP request: the path goes out exactly as given (no normalising of `..`). */
export function request(port: number, rawPath: string, method = 'GET', headers: http.OutgoingHttpHeaders = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: rawPath, method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const bytes = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: bytes.toString('utf8'), bytes });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

export interface SseEvent {
  event: string;
  data: unknown;
}

/** Listens to the live-reload stream and keeps every event it sends. */
export function listen(port: number): Promise<{ events: SseEvent[]; close(): void }> {
  return new Promise((resolve, reject) => {
    const events: SseEvent[] = [];
    const req = http.get({ host: '127.0.0.1', port, path: '/__dateline/events', agent: false }, (res) => {
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buf += chunk;
        let end: number;
        while ((end = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, end);
          buf = buf.slice(end + 2);
          const name = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (name) events.push({ event: name, data: data === undefined ? undefined : JSON.parse(data) });
        }
      });
      res.on('error', () => {});
      resolve({ events, close: () => req.destroy() });
    });
    req.on('error', reject);
  });
}

export interface Running {
  proc: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the exit code (or the signal's name). */
  exited: Promise<number | string>;
}

/** Stops a child a test left running (a failed assertion before its Ctrl-C), and waits for it. */
export async function stopChild(child: Running | undefined): Promise<void> {
  if (child && child.proc.exitCode === null && child.proc.signalCode === null) {
    child.proc.kill('SIGKILL');
    await child.exited;
  }
}

/** Starts the real `dateline` bin as a long-running child process (serve, build --watch). */
export function spawnCli(args: string[]): Running {
  const proc = spawn(process.execPath, [BIN, ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stdout!.setEncoding('utf8').on('data', (c: string) => (out += c));
  proc.stderr!.setEncoding('utf8').on('data', (c: string) => (err += c));
  const exited = new Promise<number | string>((resolve) => proc.on('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  return { proc, stdout: () => out, stderr: () => err, exited };
}

/** True when nothing listens on the port any more. */
export function portClosed(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = net.connect(port, '127.0.0.1');
    sock.on('connect', () => {
      sock.destroy();
      resolve(false);
    });
    sock.on('error', () => resolve(true));
  });
}

import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import type { Worker } from 'node:worker_threads';
import { workerThreads } from '../lazy-require.js';
import { BUNDLED, PACKAGE_ROOT } from '../paths.js';

/**
 * The bundled worker when the CLI runs from its bundle (scripts/bundle.mjs makes both at once), else
 * the worker as compiled in lib/: also for a bundled CLI whose worker bundle is missing (a bundle
 * step that stopped half way), which would otherwise build without workers and without a word.
 * Empty when neither is there (the tests' own imports of src/ before a compile): no workers.
 */
const WORKER_SCRIPT = [...(BUNDLED ? [path.join(PACKAGE_ROOT, 'lib', 'worker.bundle.js')] : []), path.join(PACKAGE_ROOT, 'lib', 'workers', 'worker.js')].find((f) => existsSync(f)) ?? '';

/**
 * A worker's old generation may grow to this many MB. Not a tight limit (a render worker holds
 * about 30 MB at 10,000 articles, 140 MB at 100,000): below 2 GB, V8 lets a heap grow to about 1.6
 * times what the last full collection kept instead of 4 times, and a render worker's heap is
 * mostly pages already written. At 10,000 articles the peak RSS of a build drops by about 100 MB
 * for 2-3% more CPU. A site so large that its views need more gets a limit of 3 KB per file.
 */
export function workerHeapLimitMb(files: number): number {
  return Math.max(1024, Math.ceil((files * 3) / 1024));
}

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
}

/** Pools of this process alive with `ownsProcess`: while there is one, scavenges run in one thread. */
let serialScavenges = 0;
/** `node --no-parallel-scavenge` (or `--parallel-scavenge`) given by whoever started the process: theirs to keep. */
const scavengeFlagGiven = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((a) => a.includes('parallel-scavenge') || a.includes('parallel_scavenge'));

/**
 * A fixed set of worker threads taking tasks in order of arrival. Messages are plain data; a
 * worker that throws rejects that one task, and the build reports it as an internal error.
 */
export class WorkerPool {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private holdsScavenges: boolean;

  /**
   * `ownsProcess` (the CLI's builds): while the workers run, each young-generation collection is
   * done by the thread that needs it, not split among V8's helper threads. With the workers and the
   * main thread on 2 cores there is no idle core to give that work to, and the split cost more than
   * it saved (a cold build of 10,000 articles: 2-3% more time, 1-2% more CPU). Without workers the
   * other core is idle, and a build that reads the cache (every object read survives, and is
   * copied) gains from it: a one-article edit at 10,000 articles took 6.5% less time
   * (docs/scaling.md). V8 reads the flag at each collection, in every thread. A watch session on a
   * site below `LARGE_SITE` keeps its workers, and the flag, between builds.
   */
  constructor(readonly size: number, files = 0, { ownsProcess = false }: { ownsProcess?: boolean } = {}) {
    this.holdsScavenges = ownsProcess && !scavengeFlagGiven;
    if (this.holdsScavenges && serialScavenges++ === 0) setFlagsFromString('--no-parallel-scavenge');
    for (let i = 0; i < size; i++) {
      const w = new (workerThreads().Worker)(WORKER_SCRIPT, { resourceLimits: { maxOldGenerationSizeMb: workerHeapLimitMb(files) } });
      w.on('message', (m: { id: number; result?: unknown; error?: string }) => {
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        if (m.error !== undefined) p.reject(new Error(m.error));
        else p.resolve(m.result);
      });
      w.on('error', (e) => {
        for (const p of this.pending.values()) p.reject(e);
        this.pending.clear();
      });
      this.workers.push(w);
    }
  }

  /** Sends the same message to every worker (set-up). */
  broadcast(message: Record<string, unknown>): Promise<unknown[]> {
    return Promise.all(this.workers.map((w) => this.send(w, message)));
  }

  /**
   * Runs `items` in batches across the workers, each worker taking the next batch when it is
   * done; results come back in the order of the batches, whatever finished first.
   */
  async map<T, R>(type: string, key: string, items: T[], { batchSize, onProgress, prepare, control }: MapOptions<T>): Promise<R[]> {
    const batches: T[][] = [];
    for (let i = 0; i < items.length; i += batchSize) batches.push(items.slice(i, i + batchSize));
    const results: R[] = new Array(batches.length);
    let next = 0;
    let done = 0;
    const run = async (w: Worker, i: number) => {
      results[i] = (await this.send(w, { type, [key]: prepare ? prepare(batches[i]) : batches[i] })) as R;
      done += batches[i].length;
      onProgress?.(done);
    };
    // Sent at once, each to its worker's queue: work for the time the main thread is busy.
    const extra: Promise<void>[] = [];
    if (control) {
      control.prefetch = (perWorker) => {
        for (const w of this.workers) {
          for (let k = 0; k < perWorker && next < batches.length; k++) {
            const p = run(w, next++);
            // Awaited below; until then a failure must not count as unhandled.
            p.catch(() => {});
            extra.push(p);
          }
        }
      };
    }
    // Two batches in flight per worker: the next one is already queued when a worker finishes,
    // so it never waits for the main thread to copy the next message.
    const lanes = this.workers.flatMap((w) => [w, w]);
    await Promise.all(
      lanes.map(async (w) => {
        while (next < batches.length) await run(w, next++);
      }),
    );
    await Promise.all(extra);
    return results;
  }

  private send(w: Worker, message: Record<string, unknown>): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      w.postMessage({ ...message, id });
    });
  }

  async close(): Promise<void> {
    try {
      await Promise.all(this.workers.map((w) => w.terminate()));
    } finally {
      if (this.holdsScavenges && --serialScavenges === 0) setFlagsFromString('--parallel-scavenge');
      this.holdsScavenges = false;
    }
  }
}

export interface MapOptions<T> {
  batchSize: number;
  onProgress?: (itemsDone: number) => void;
  /** Turns a batch into what is sent, when it is sent. */
  prepare?: (batch: T[]) => unknown[];
  control?: MapControl;
}

/** Set by `map` while it runs: `prefetch(n)` queues up to n more batches on every worker at once. */
export interface MapControl {
  prefetch?: (perWorker: number) => void;
}

/**
 * How many worker threads a build of `files` files uses: none for a site too small to repay them.
 * Workers cost each build a fixed amount (each thread loads dateline and compiles the templates
 * again, and the views and jobs are copied to them) and a third more CPU per page. On 2 cores a
 * cold build without them was faster up to about 4,000 articles (1,000: 1.39 s against 1.85 s;
 * 3,000: 2.72 s against 2.98 s; 4,000: 3.51 s against 3.61 s; 5,000: 4.18 s against 3.90 s,
 * medians of 3 alternating); with more cores the workers pay off sooner, in proportion.
 */
export function poolSize(files: number, requested?: number): number {
  const want = requestedWorkers(requested);
  if (WORKER_SCRIPT === '') return 0;
  if (want !== undefined) return want;
  const n = cores();
  if (n < 2 || files < minFiles()) return 0;
  return n;
}

/**
 * The fewest files to parse, or pages to render, for which a build starts its workers; fewer are
 * done in the main thread. Starting the workers and sending them the views costs the same whether
 * they then render 200 pages or 4,000: a cached build of 10,000 articles with one article added
 * renders about 220 pages, in 0.27 s in the main thread against 0.7 s with two new workers, and
 * 2,504 pages (1,000 articles retitled) in 0.81 s against 1.12 s. The same rule as for the site's
 * size, then, unless workers were asked for (`--workers`, `DATELINE_WORKERS`): then from 200.
 * (Workers a watch session already runs take from 200.)
 */
export function poolMinWork(requested?: number): number {
  if (requestedWorkers(requested) !== undefined) return 200;
  return Math.max(200, minFiles());
}

/** Cores a pool uses: one worker each, up to 8. */
const cores = (): number => Math.min(availableParallelism(), 8);

/** The site size from which workers pay on this machine: 4,000 files on 2 cores. */
const minFiles = (): number => Math.ceil(8000 / cores());

function requestedWorkers(requested?: number): number | undefined {
  const env = process.env.DATELINE_WORKERS;
  const want = requested ?? (env !== undefined && env !== '' ? Number(env) : undefined);
  return want !== undefined && Number.isFinite(want) ? Math.max(0, Math.floor(want)) : undefined;
}

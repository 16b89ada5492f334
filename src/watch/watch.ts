import { statSync } from 'node:fs';
import path from 'node:path';
import { watch as chokidarWatch, type FSWatcher } from 'chokidar';
import type { Builder, BuildResult, SourceChange } from '../build.js';
import { configDependencies } from '../config/deps.js';
import { findConfigFile } from '../config/load.js';
import { PendingChanges, type FileEvent } from './changes.js';
import { createIgnore, sitePath, withFolders } from './ignore.js';

/**
 * awaitWriteFinish holds an event until the file's size has not changed for this long, so a
 * build never reads a file an editor or `git checkout` is still writing. Measured on Linux
 * (bench/watch.mjs): a save reaches us about 50 ms after the write with 40 ms here.
 */
export const STABILITY_MS = 40;
const POLL_MS = 10;
/**
 * Quiet time after the last event that ends a burst. Short, because a burst is also held while
 * any file of it is still being written (see `writesInFlight`): the files of a `git checkout`
 * or a copy are written closer together than STABILITY_MS, so one is always in flight until
 * the last has settled.
 */
export const DEBOUNCE_MS = 15;
/** A file whose size last changed longer ago than this no longer holds a burst back. */
const IN_FLIGHT_MS = STABILITY_MS + 250;
/** When a config import that began to be watched is looked at again (watchConfigDeps). */
const LOOK_AGAIN_MS = [600, 1500, 4000];
/** A quiet-time timer this late says the thread was held, with events perhaps waiting behind it (see flush). */
const LATE_MS = 50;
/** A burst that never goes quiet (a tool writing every few ms) still gets a build this often. */
const MAX_WAIT_MS = 1000;
/** setTimeout's limit; a publication time further away than this waits for a later build. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface WatchBuild {
  /** initial: the first build; changes: files changed; schedule: an embargo or expiry time came; output: the output folder went. */
  trigger: 'initial' | 'changes' | 'schedule' | 'output';
  /** True when everything was rebuilt (first build, config change, schedule). */
  full: boolean;
  /** What changed on disk, sorted by path (for a full build too: what caused it). */
  changes: SourceChange[];
  result?: BuildResult;
  /** The builder threw: a bug, not a content error. Reported; watching goes on. */
  error?: unknown;
  /** performance.now() of the first and last file event of the burst, of the build's start and end. */
  firstEventAt?: number;
  lastEventAt?: number;
  startedAt: number;
  endedAt: number;
}

export interface WatchOptions {
  siteDir: string;
  outDir: string;
  builder: Builder;
  /** More folders a build writes into (a cache): never watched. */
  skip?: string[];
  /** Rebuild when the site next changes by itself (an embargo or expiry time, an article leaving the News sitemap). For a builder on the live clock: off when it is pinned (--now). */
  schedule?: boolean;
  debounceMs?: number;
  stabilityMs?: number;
  onBuild?: (build: WatchBuild) => void;
  /** Every file event as chokidar reports it (after awaitWriteFinish), with performance.now(). */
  onEvent?: (event: FileEvent, rel: string, at: number) => void;
  /** The file watcher reported an error (it keeps watching). */
  onWatchError?: (error: unknown) => void;
}

export interface SiteWatcher {
  /** Resolves once the folders are watched and the first build is done. */
  ready: Promise<void>;
  /** A build is running or changes are waiting for one. */
  readonly busy: boolean;
  /** The output folder is gone (deleted beside the session): everything is built again. */
  rebuild(): void;
  close(): Promise<void>;
}

/**
 * Watches a site and rebuilds it: one build per burst of changes, never two builds at once (what
 * changes during a build waits for the next one), and a failed build never stops the watching.
 */
export function watchSite(o: WatchOptions): SiteWatcher {
  const siteDir = path.resolve(o.siteDir);
  const debounceMs = o.debounceMs ?? DEBOUNCE_MS;
  const stabilityMs = o.stabilityMs ?? STABILITY_MS;
  /** The quiet time after an unlink: long enough for the add of a rename to come through awaitWriteFinish. */
  const unlinkQuietMs = debounceMs + stabilityMs + 2 * POLL_MS;
  /**
   * The config's imports as the last full build found them, and the folders they are in. Known
   * before the watcher starts, so that they are watched from its first scan; an import added
   * later is watched once a build has seen it.
   */
  const configFile = findConfigFile(siteDir);
  let configDeps: readonly string[] = configFile ? configDependencies(siteDir, configFile) : [];
  let configWatched: ReadonlySet<string> = withFolders(configDeps);
  const pending = new PendingChanges(siteDir, (rel) => configDeps.includes(rel));
  let trigger: WatchBuild['trigger'] = 'initial';
  let firstEventAt: number | undefined;
  let lastEventAt: number | undefined;
  let debounce: NodeJS.Timeout | undefined;
  let flushAt = 0;
  let scheduled: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let closed = false;

  const watcher: FSWatcher = chokidarWatch(siteDir, {
    ignored: createIgnore(siteDir, [o.outDir, ...(o.skip ?? [])], () => configWatched),
    ignoreInitial: true,
    // A symlink is watched as a link: following it could walk out of the site (or into a loop).
    followSymlinks: false,
    // chokidar's own atomic-save handling delays every unlink by 100 ms and reorders events
    // (paulmillr/chokidar#1370); PendingChanges.take settles each path from the disk instead.
    atomic: false,
    awaitWriteFinish: { stabilityThreshold: stabilityMs, pollInterval: POLL_MS },
  });

  /** When chokidar last told of each config import that began to be watched during the session. */
  const seen = new Map<string, number>();
  const onFile = (event: FileEvent) => (file: string) => {
    if (closed) return;
    const at = performance.now();
    const rel = sitePath(siteDir, file);
    if (seen.has(rel)) seen.set(rel, at);
    o.onEvent?.(event, rel, at);
    pending.record(event, rel);
    firstEventAt ??= at;
    lastEventAt = at;
    if (trigger !== 'initial') trigger = 'changes';
    // Trailing debounce, but a burst that never pauses is still built every MAX_WAIT_MS.
    if (debounce && at - firstEventAt >= MAX_WAIT_MS) return;
    // An unlink arrives at once, the add of a rename or re-save only after awaitWriteFinish:
    // wait that long too, or a rename becomes two builds (and a slug collision in between).
    const quietUntil = at + (event === 'unlink' ? unlinkQuietMs : debounceMs);
    flushAt = Math.max(flushAt, quietUntil);
    clearTimeout(debounce);
    debounce = setTimeout(flush, flushAt - at);
  };
  watcher.on('add', onFile('add')).on('change', onFile('change')).on('unlink', onFile('unlink'));

  /**
   * Files chokidar has seen change but holds until their size settles (awaitWriteFinish). Read
   * from chokidar's own table of them; if a release renames it, bursts fall back to the debounce.
   */
  const writing = (watcher as unknown as { _pendingWrites?: Map<string, { lastChange: Date | number }> })._pendingWrites;
  const writesInFlight = (): boolean => {
    if (!(writing instanceof Map)) return false;
    const now = Date.now();
    for (const w of writing.values()) if (now - Number(w.lastChange) < IN_FLIGHT_MS) return true;
    return false;
  };
  /**
   * The debounce ended: build, unless a file of the burst is still being written, or the timer
   * came late. A timer that runs well after its time means the thread was held (a long collection,
   * a machine busy with other work), and the rest of the burst may be waiting behind it: Node runs
   * the timers that are due before it reads the events that came meanwhile. A `git checkout` on a
   * busy machine was built as two builds, the first with part of its changes (a rename can then
   * be built as a collision). So a timer later than LATE_MS waits the quiet time once more (a
   * young-generation collection, 20 ms at most in a watch session of 10,000 articles, is not).
   */
  const flush = () => {
    const now = performance.now();
    const mayWait = now - (firstEventAt ?? 0) < MAX_WAIT_MS;
    if (mayWait && now - flushAt > LATE_MS) {
      flushAt = now + unlinkQuietMs;
      debounce = setTimeout(flush, unlinkQuietMs);
      return;
    }
    if (mayWait && writesInFlight()) {
      flushAt = now + POLL_MS;
      debounce = setTimeout(flush, POLL_MS);
      return;
    }
    debounce = undefined;
    flushAt = 0;
    pump();
  };
  watcher.on('error', (e) => o.onWatchError?.(e));

  const reschedule = (result: BuildResult | undefined) => {
    if (o.schedule === false || !result?.graph) return;
    clearTimeout(scheduled);
    scheduled = undefined;
    const now = Date.now();
    const next = result.config ? result.nextChange?.ms : undefined;
    if (next === undefined) return;
    // Further off than a timer can wait (24.8 days): look again then. (One already due, passed
    // while the build ran, is built at once.)
    if (next - now > MAX_TIMER_MS) {
      scheduled = setTimeout(() => reschedule(result), MAX_TIMER_MS);
      return;
    }
    // A few ms late rather than early: the build must see the publication time as past.
    scheduled = setTimeout(() => {
      scheduled = undefined;
      pending.requestFull();
      trigger = 'schedule';
      pump();
    }, next - now + 20);
  };

  /**
   * A file the config imports is watched from the build that first sees the import. chokidar
   * starts watching it a moment later (it looks at the file first); an edit saved in between, or
   * while the build ran after reading it, would be missed. So each is looked at again then: one
   * written since the build began, of which chokidar has said nothing, counts as changed.
   */
  const watchConfigDeps = (deps: readonly string[] | undefined, builtFrom: number) => {
    if (!deps || deps.join('\n') === configDeps.join('\n')) return;
    const added = deps.filter((d) => !configDeps.includes(d));
    configDeps = deps;
    configWatched = withFolders(deps);
    if (!added.length) return;
    const abs = added.map((d) => path.join(siteDir, ...d.split('/')));
    const since = performance.now();
    for (const d of added) seen.set(d, 0);
    watcher.add(abs);
    const lookAgain = (): void => {
      if (closed) return;
      added.forEach((d, i) => {
        if ((seen.get(d) ?? 0) >= since || (writing instanceof Map && writing.has(abs[i]))) return;
        const mtime = statSync(abs[i], { throwIfNoEntry: false })?.mtimeMs;
        // Written long enough ago for chokidar to have said so, had it been watching.
        if (mtime !== undefined && mtime > builtFrom && Date.now() - mtime > IN_FLIGHT_MS) {
          builtFrom = Date.now();
          onFile('change')(abs[i]);
        }
      });
    };
    for (const ms of LOOK_AGAIN_MS) setTimeout(lookAgain, ms).unref();
  };

  const buildOnce = async (): Promise<void> => {
    const batch = { trigger, firstEventAt, lastEventAt };
    trigger = 'changes';
    firstEventAt = lastEventAt = undefined;
    const set = await pending.take();
    // chokidar said "unlink" but the file is there: make sure it is watched again (chokidar#1437).
    if (set.revived.length) watcher.add(set.revived.map((r) => path.join(siteDir, ...r.split('/'))));
    if (!set.full && set.changes.length === 0) return;
    const startedAt = performance.now();
    let result: BuildResult | undefined;
    let error: unknown;
    const builtFrom = Date.now();
    try {
      result = await o.builder.build(set.full ? undefined : set.changes);
    } catch (e) {
      error = e;
    }
    if (!result?.ok) pending.carry(set);
    watchConfigDeps(result?.configDeps, builtFrom);
    reschedule(result);
    o.onBuild?.({ ...batch, full: set.full, changes: set.changes, result, error, startedAt, endedAt: performance.now() });
  };

  // Builds until nothing is waiting; a burst still arriving (debounce pending) gets its own turn.
  function pump(): void {
    if (running || closed) return;
    running = (async () => {
      try {
        while (!closed && !debounce && pending.size > 0) await buildOnce();
      } catch (e) {
        // Only a bug in a callback lands here; the next event starts a new round.
        o.onWatchError?.(e);
      } finally {
        running = undefined;
      }
    })();
  }

  const ready = new Promise<void>((resolve, reject) => {
    watcher.once('ready', () => {
      // The first build starts only once every file is watched, so no save can fall between them.
      pending.requestFull();
      pump();
      void (running ?? Promise.resolve()).then(resolve, reject);
    });
  });

  return {
    ready,
    get busy() {
      return running !== undefined || debounce !== undefined || pending.size > 0;
    },
    rebuild() {
      if (closed) return;
      pending.requestFull();
      trigger = 'output';
      pump();
    },
    async close() {
      closed = true;
      clearTimeout(debounce);
      clearTimeout(scheduled);
      debounce = scheduled = undefined;
      await watcher.close();
      // Let a running build finish: stopping it halfway would leave its temp folder behind.
      await running;
    },
  };
}

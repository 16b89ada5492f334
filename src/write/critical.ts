import { constants } from 'node:os';
import { existsSync, writeFileSync } from 'node:fs';

/**
 * Critical sections: the few steps that change the live output folder (the swap of a full build,
 * the put-in-place phase of a cached one, up to its output mark). A SIGINT or SIGTERM that comes
 * inside one waits until it ends, so the folder is left the old site whole or the new one whole;
 * the process then exits with 128 + the signal's number (130, 143) and does nothing more. Outside
 * one it exits at once, and the next build removes what was left (sink.ts `removeLeftovers`).
 * Only `dateline build` and `merge` install the handlers (`exitOnSignals`); elsewhere (tests,
 * `serve`, which has its own) a section only counts.
 */
let depth = 0;
let installed = false;
let pending: NodeJS.Signals | undefined;
/**
 * A section ran to its end: the new site is in place (a swap, or a cached build's writes). A
 * signal after it (the manifest, the cache) leaves the folder this build's, not the last one's.
 */
let placed = false;

/** What is undone when a signal ends the build (staged pages taken back out of the live folder). */
const undo = new Set<() => void>();
let said: ((code: number, signal: NodeJS.Signals, putInPlace: boolean) => void) | undefined;

/** `putInPlace`: the new site is in place (the signal came inside a critical section, which ended first, or after one). */
const exitFor = (signal: NodeJS.Signals, putInPlace: boolean) => {
  const code = 128 + (constants.signals[signal] ?? 0);
  for (const step of undo) {
    try {
      step();
    } catch {
      // The next build removes what is left (sink.ts).
    }
  }
  said?.(code, signal, putInPlace);
  process.exit(code);
};

/** Runs `step` if a signal ends the build before the returned function is called. */
export function onInterrupt(step: () => void): () => void {
  undo.add(step);
  return () => void undo.delete(step);
}

/** `report`: what the command prints on its way out (a line on stderr, or `--json`'s one object). */
export function exitOnSignals(report?: (code: number, signal: NodeJS.Signals, putInPlace: boolean) => void): void {
  said = report;
  if (installed) return;
  installed = true;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (depth === 0) exitFor(signal, placed);
      pending ??= signal;
    });
  }
}

/** Runs `step` as a critical section; a signal that came meanwhile ends the process after it. */
export async function critical<T>(step: () => Promise<T>): Promise<T> {
  const leave = enterCritical();
  try {
    const done = await step();
    placed = true;
    return done;
  } finally {
    leave();
  }
}

/** Enters a critical section; call what it returns (once) to leave it. */
export function enterCritical(): () => void {
  depth++;
  let left = false;
  return () => {
    if (left) return;
    left = true;
    if (--depth === 0 && pending) exitFor(pending, true);
  };
}

/**
 * A test hook, nothing else: with DATELINE_TEST_PAUSE_AT=<point> (`swap`: between a full build's
 * two renames, dist/ moved aside; `put`: after the first file of a cached build's put-in-place
 * phase; `staged`: a cached build's pages staged beside their places, before they are put in place;
 * `manifest`: the new site in place, before `--manifest` reads it) and DATELINE_TEST_PAUSE_FILE=<file>, the build writes that file at the point (once) and waits
 * until the file is deleted (60 s at most), so that a test can send a signal there.
 * Undefined (no wait at all) without them.
 */
let paused = false;
export function testPause(point: 'swap' | 'put' | 'staged' | 'manifest'): (() => Promise<void>) | undefined {
  const file = process.env.DATELINE_TEST_PAUSE_FILE;
  if (paused || process.env.DATELINE_TEST_PAUSE_AT !== point || !file) return undefined;
  return async () => {
    if (paused) return;
    paused = true;
    writeFileSync(file, String(process.pid));
    for (let waited = 0; existsSync(file) && waited < 60_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
  };
}

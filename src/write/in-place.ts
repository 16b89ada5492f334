import { copyFileSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { StaticFile } from '../discover/discover.js';
import { critical, onInterrupt, testPause } from './critical.js';
import { removeLeftovers, running, safeOutputPath } from './sink.js';
import { walkFiles } from './walk.js';

/**
 * Beside its page until the rebuild succeeds: a page written but not yet in place. Named with the
 * process (the main thread's and its workers' pid): two builds into one folder at once each
 * rename their own file, where a shared name made one rename the other's away and crash.
 */
export const STAGED_PREFIX = '.dateline-tmp-';
export const STAGED = `${STAGED_PREFIX}${process.pid}`;

/**
 * A rebuild's writes into the live output folder (watch mode): each file is written to a temp
 * name and renamed over the old one, so a reader (or the dev server) never sees half a page.
 * Runs only after every page of the rebuild rendered without an error. The putting in place is a
 * critical section (critical.ts): a SIGINT or SIGTERM waits until every file is in place.
 */
export async function writeInPlace(outDir: string, o: { pages: [string, string | Uint8Array][]; staged?: string[]; statics: StaticFile[]; remove: string[] }): Promise<void> {
  await critical(() => putInPlace(outDir, o));
  await removeLeftovers(outDir);
  removeDeadStaging(outDir);
}

async function putInPlace(outDir: string, o: Parameters<typeof writeInPlace>[1]): Promise<void> {
  const dirs = new Set<string>();
  /** The folders this build made, each the top one of a new branch of the tree. */
  const made: string[] = [];
  /** Pages and static files written beside their places, not yet renamed over the old ones. */
  const besides: string[] = [];
  const stage = (outPath: string, write: (tmp: string) => void) => {
    const file = safeOutputPath(outDir, outPath);
    const dir = path.dirname(file);
    if (!dirs.has(dir)) {
      const first = mkdirSync(dir, { recursive: true });
      if (first) made.push(first);
      dirs.add(dir);
    }
    besides.push(file);
    write(`${file}${STAGED}`);
  };
  // Every file is written beside its place first, and only then are they all renamed: a write that
  // fails (a full disk, a quota) leaves the folder the old site, whole, rather than some pages new.
  // Static files go in first, so that no new page is in place before the files it links to. The
  // marker names this build's files beside their places, for the next build to remove if this one
  // is killed before it renames them.
  const unmark = markStaging(outDir);
  try {
    for (const s of o.statics) {
      try {
        stage(s.outPath, (tmp) => copyFileSync(s.source, tmp));
      } catch (e) {
        // Deleted since the build listed it: the watcher's next build removes it from the output.
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
        besides.pop();
      }
    }
    for (const [p, text] of o.pages) stage(p, (tmp) => writeFileSync(tmp, text));
  } catch (e) {
    for (const file of besides) rmSync(`${file}${STAGED}`, { force: true });
    for (const dir of [...dirs].sort((a, b) => b.length - a.length)) {
      const top = made.find((m) => dir === m || dir.startsWith(m + path.sep));
      if (top) removeEmptyParents(dir, path.dirname(top));
    }
    unmark();
    throw e;
  }
  // The test hook (critical.ts) waits after the first file is in place; without it, nothing here waits.
  let pause = testPause('put');
  // Pages the workers wrote beside their places (large rebuilds) go in place with these.
  for (const file of [...besides, ...(o.staged ?? []).map((p) => safeOutputPath(outDir, p))]) {
    renameSync(`${file}${STAGED}`, file);
    if (pause) await pause();
    pause = undefined;
  }
  unmark();
  for (const p of o.remove) {
    const file = safeOutputPath(outDir, p);
    rmSync(file, { force: true });
    removeEmptyParents(path.dirname(file), outDir);
  }
}

function removeEmptyParents(dir: string, root: string): void {
  for (let d = dir; d.startsWith(root + path.sep); d = path.dirname(d)) {
    try {
      rmdirSync(d);
    } catch {
      return;
    }
  }
}

/** Throws a failed rebuild's staged pages away: the output folder stays as it was. */
export function dropStaged(outDir: string, staged: string[]): void {
  for (const p of staged) rmSync(`${safeOutputPath(outDir, p)}${STAGED}`, { force: true });
}

/**
 * A staging build marks the output folder (a file beside it, named with its pid) while pages sit
 * beside their places; a build killed then leaves the marker, and the next in-place build removes
 * that build's staged pages, so none is ever deployed.
 */
export function markStaging(outDir: string): () => void {
  const marker = path.join(path.dirname(outDir), `.${path.basename(outDir)}.staging-${process.pid}`);
  writeFileSync(marker, '');
  // Stopped by a signal before the pages are put in place: they are taken out of the live folder.
  const forget = onInterrupt(() => {
    walkFiles(outDir, (abs) => void (abs.endsWith(STAGED) && rmSync(abs, { force: true })));
    rmSync(marker, { force: true });
  });
  return () => {
    forget();
    rmSync(marker, { force: true });
  };
}

export function removeDeadStaging(outDir: string): void {
  const prefix = `.${path.basename(outDir)}.staging-`;
  let names: string[];
  try {
    names = readdirSync(path.dirname(outDir));
  } catch {
    return;
  }
  for (const name of names) {
    const pid = name.startsWith(prefix) ? Number(name.slice(prefix.length)) : NaN;
    if (!Number.isInteger(pid) || running(pid)) continue;
    // That build's pages only: another build may be staging into the folder now.
    const dead = `${STAGED_PREFIX}${pid}`;
    walkFiles(outDir, (abs) => {
      if (abs.endsWith(dead)) rmSync(abs, { force: true });
    });
    rmSync(path.join(path.dirname(outDir), name), { force: true });
  }
}

/**
 * A file in the output folder that names what the cache says was written there: the cache trusts
 * its record of the folder only while the two agree. It travels with the folder, so a `dist/`
 * restored beside the cache in CI (a new folder, with a new inode) still counts, while one that
 * another build replaced (`--no-cache` writes `built`: no record) or that a build was writing into
 * when it stopped does not. Its text is a digest of that record, or UNTRACKED_MARK; every build
 * that swaps in a folder leaves one, which is how the next build knows the folder as a previous
 * build it may replace (write/sink.ts). It is not part of the site (the static files' times in it
 * differ between checkouts), and the manifest leaves it out.
 */
export const OUTPUT_MARK = '.dateline-build';

export function readOutputMark(outDir: string): string | undefined {
  try {
    return readFileSync(path.join(outDir, OUTPUT_MARK), 'utf8');
  } catch {
    return undefined;
  }
}

/** When the mark was last written (its file's time), or undefined when there is none. */
export function markTime(outDir: string): number | undefined {
  try {
    return lstatSync(path.join(outDir, OUTPUT_MARK)).mtimeMs;
  } catch {
    return undefined;
  }
}

/**
 * What the mark says when no record describes the folder: a build wrote it (so the next build may
 * replace it: write/sink.ts), but the cache trusts none of it. Never equal to a record's digest.
 */
export const UNTRACKED_MARK = 'built\n';

/** Writes the mark; `undefined` makes it say no record describes the folder (it is about to change). */
export function setOutputMark(outDir: string, state: string | undefined): void {
  if (existsSync(outDir)) writeFileSync(path.join(outDir, OUTPUT_MARK), state ?? UNTRACKED_MARK);
}

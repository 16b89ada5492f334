import { lstatSync, readdirSync, rmdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { SEARCH_FOLDER } from '../search/pagefind.js';
import { OUTPUT_MARK, STAGED_PREFIX } from './in-place.js';

/**
 * A cold build swaps in a new folder, so whatever else was in dist/ (a page of a story deleted
 * while the cache was away, a file copied in by hand) is gone; a warm build writes in place. It
 * removes here what a cold build would not have made, so that the two folders hold the same files.
 *
 * `live` is every output path the build made or kept. Left alone: the folder's mark, the search
 * index (the search step keeps its own files, search/step.ts), pages another build has staged
 * beside their places (write/in-place.ts). Symbolic links are never followed: a link that is not a
 * page is removed itself (what it leads to is not touched), and one that a page lies under is kept.
 * `before` runs once, before the first removal (the folder's mark goes then). Returns the output
 * paths removed.
 *
 * `since`: when the build that last finished with this folder marked it (the mark's time, read
 * before this build wrote anything). A folder whose time is earlier has had nothing added or
 * taken away since (one of the same time is read: a file system's clock moves in steps of a few
 * milliseconds, or of seconds): only the others are read (reading every folder was 80 of the 100 ms this took
 * on a 10,000-article site, a seventh of a warm build; a time for each is a third of that). A copy
 * restored with its times (tar, CI's caches) keeps them; one that is not has every folder read.
 */
export function removeForeign(outDir: string, live: Iterable<string>, before: () => void = () => {}, since?: number, times?: FolderTimes): string[] {
  const files = new Set(live);
  const { dirs, under } = foldersOf(files);
  const removed: string[] = [];
  let started = false;
  const start = () => {
    if (!started) before();
    started = true;
  };
  /** One folder's foreign entries removed, and (`deep`) each folder's under it; whether it is left empty. */
  const walk = (abs: string, rel: string, deep = true): boolean => {
    let entries;
    try {
      entries = readdirSync(abs, { withFileTypes: true });
    } catch {
      return false;
    }
    let empty = true;
    for (const e of entries) {
      const p = rel + e.name;
      const at = path.join(abs, e.name);
      if ((rel === '' && (e.name === OUTPUT_MARK || e.name === SEARCH_FOLDER)) || e.name.includes(STAGED_PREFIX) || files.has(p) || (!e.isDirectory() && dirs.has(p))) {
        empty = false;
        continue;
      }
      if (e.isDirectory()) {
        // A folder pages lie in, looked at on its own (`visit`).
        if (!deep && dirs.has(p)) {
          empty = false;
          continue;
        }
        // A folder no page lies under, emptied of what it held: gone too, as in a cold build.
        if (walk(at, `${p}/`) && !dirs.has(p)) {
          try {
            start();
            rmdirSync(at);
            continue;
          } catch {
            // Something came into it meanwhile: it stays.
          }
        }
        empty = false;
        continue;
      }
      start();
      removed.push(p);
      rmSync(at, { force: true });
    }
    return empty;
  };
  if (since === undefined) {
    walk(outDir, '');
    return removed;
  }
  /** A folder pages lie in: read when it changed since, then each such folder in it. Links are not followed. */
  const visit = (abs: string, rel: string, mtimeMs: number): void => {
    if (mtimeMs >= since) walk(abs, rel ? `${rel}/` : '', false);
    for (const dir of under.get(rel) ?? []) {
      // Its name put after the parent's path: path.join normalizes the whole path again.
      const at = abs + path.sep + (rel ? dir.slice(rel.length + 1) : dir);
      const t = folderTime(at, dir);
      if (!Number.isNaN(t)) visit(at, dir, t);
    }
  };
  /**
   * A folder's time as found before (`times`), else now; NaN when it is not a folder (a link) or
   * not there. One to be read (changed since) is looked at again just before: a folder swapped for
   * a link during the build is not read through it.
   */
  const folderTime = (abs: string, rel: string): number => {
    const known = times?.get(rel);
    if (known !== undefined && (Number.isNaN(known) || since === undefined || known < since)) return known;
    try {
      const st = lstatSync(abs);
      return st.isDirectory() ? st.mtimeMs : NaN;
    } catch {
      return NaN;
    }
  };
  const root = path.resolve(outDir);
  try {
    const t = folderTime(root, '');
    // No folder: nothing in it to remove.
    if (!Number.isNaN(t)) visit(root, '', t);
  } catch {
    // A folder that went away meanwhile: what is left is the next build's to look at.
  }
  return removed;
}

/**
 * The folders' times, by their output path ('' the output folder), as a thread found them before
 * the build wrote (discover/stat-thread.ts); undefined for a folder to `lstat` now. The folders the
 * build wrote or removed in must be among those: their times moved since, and a folder whose time
 * moved is read, with every folder under it that no page lies in now (a deleted story's, where a
 * file was left by hand).
 */
export interface FolderTimes {
  get(rel: string): number | undefined;
}

/**
 * The times a thread found before the build wrote, as `removeForeign` takes them: the output
 * folder (its mark, the staging marker) and every folder a path the build wrote or removed lies in
 * (a file renamed into place, a page removed, a folder made or emptied) is looked at now instead.
 */
export function timesBeforeWrites(early: ReadonlyMap<string, number>, touched: Iterable<string>): FolderTimes {
  const now = foldersOf(touched).dirs.add('');
  return { get: (rel) => (now.has(rel) ? undefined : early.get(rel)) };
}

/**
 * The folders pages lie in, and each one's folders by its parent ('' the output folder). The stat
 * thread finds them the same way (discover/stat-thread.ts), in the plain JavaScript it runs.
 */
function foldersOf(files: Iterable<string>): { dirs: Set<string>; under: Map<string, string[]> } {
  const dirs = new Set<string>();
  const under = new Map<string, string[]>();
  for (const p of files) {
    for (let cut = p.lastIndexOf('/'); cut > 0; cut = p.lastIndexOf('/', cut - 1)) {
      const dir = p.slice(0, cut);
      if (dirs.has(dir)) break;
      dirs.add(dir);
      const parent = dir.slice(0, Math.max(0, dir.lastIndexOf('/')));
      const list = under.get(parent);
      if (list) list.push(dir);
      else under.set(parent, [dir]);
    }
  }
  return { dirs, under };
}

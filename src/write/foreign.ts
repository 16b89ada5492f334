import { readdirSync, rmdirSync, rmSync } from 'node:fs';
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
 */
export function removeForeign(outDir: string, live: Iterable<string>, before: () => void = () => {}): string[] {
  const files = new Set(live);
  const dirs = new Set<string>();
  for (const p of files) for (let cut = p.lastIndexOf('/'); cut > 0; cut = p.lastIndexOf('/', cut - 1)) dirs.add(p.slice(0, cut));
  const removed: string[] = [];
  let started = false;
  const start = () => {
    if (!started) before();
    started = true;
  };
  const walk = (abs: string, rel: string): boolean => {
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
  walk(outDir, '');
  return removed;
}

import { lstatSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';
import type { ListingTrail, SiteFiles } from './discover.js';

/**
 * The site's last listing, kept in the build cache for the next build: what discovery found, and
 * the change time of every folder it read. A folder's change time moves whenever an entry is added
 * to it, removed or renamed (and when its permissions change), so while every one of them is as
 * it was, listing the folders again would find the same files: the next build takes the record
 * instead. Editing a story changes the file, not its folder: at 10,000 articles the listing and
 * what discovery makes of it took about 0.2 s of a one-article edit's 1.2 s, the record about 10 ms
 * to read. A fresh checkout gives every folder a new time, and is listed.
 *
 * Kept only for a listing whose result follows from the folders' entries alone (ListingTrail), of
 * at most MAX_FOLDERS folders (each is looked at again by the next build), none of which changed
 * shortly before the listing or since it began.
 */
const FORMAT = 1;

/** A site of page bundles has a folder a story: past this many, looking at each costs what listing them does. */
const MAX_FOLDERS = 2000;

/**
 * A folder changed this close to the listing's start, or after it, is not vouched for: a file
 * system that keeps times to the second or two (FAT, HFS+) gives a change made while the folder
 * was being listed the time it already had.
 */
const SETTLED_MS = 2000;

interface ListingRecord {
  format: number;
  /** dateline's code, the site folder and the theme's static folder: what the listing was of. */
  key: string;
  folders: string[];
  times: Float64Array;
  files: SiteFiles;
}

/**
 * The record of a listing (`files`, found through `trail`), as bytes for the cache; undefined when
 * it cannot be vouched for. Made as soon as the listing ends, before the build adds to `files`.
 */
export function listingRecord(trail: ListingTrail, files: SiteFiles, key: string): Uint8Array | undefined {
  if (!trail.recordable || trail.folders.length > MAX_FOLDERS) return undefined;
  const times = new Float64Array(trail.folders.length);
  for (let i = 0; i < trail.folders.length; i++) {
    const t = changeTime(trail.folders[i]);
    if (!(t < trail.startedAt - SETTLED_MS)) return undefined;
    times[i] = t;
  }
  const record: ListingRecord = { format: FORMAT, key, folders: trail.folders, times, files };
  return serialize(record);
}

/** What the record lists, when it is of the same `key` and every folder it names is as it was; else undefined. */
export function listedStill(bytes: Buffer | undefined, key: string): SiteFiles | undefined {
  if (!bytes) return undefined;
  let r: ListingRecord | undefined;
  try {
    r = deserialize(bytes) as ListingRecord;
  } catch {
    return undefined;
  }
  if (r?.format !== FORMAT || r.key !== key || !Array.isArray(r.folders) || !(r.times instanceof Float64Array) || r.times.length !== r.folders.length) return undefined;
  for (let i = 0; i < r.folders.length; i++) if (changeTime(r.folders[i]) !== r.times[i]) return undefined;
  return r.files;
}

/** A folder's change time; NaN when it is not a folder now (gone, or a symlink put in its place). */
function changeTime(abs: string): number {
  try {
    const st = lstatSync(abs, { throwIfNoEntry: false });
    return st?.isDirectory() ? st.ctimeMs : NaN;
  } catch {
    return NaN;
  }
}

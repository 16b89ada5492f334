import { lstatSync, readdirSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';
import { entryType, passedOver, type ListingTrail, type SiteFiles } from './discover.js';

/**
 * The site's last listing, kept in the build cache for the next build: what discovery found, and
 * the entries of every folder it read. While each of those folders holds the same entries (names
 * and types; a name the listing passes over aside, but for those at the top of content/ and
 * static/, where the build warns of content/_posts/ and static/_headers) and each folder it was to
 * list and did not find is still not there, listing them again would find the same files:
 * the next build reads the folders' entries, compares, and takes the record instead of the
 * listing. At 10,000 articles the listing and what discovery makes of it took about 0.2 s of a
 * one-article edit, reading the entries about 15 ms. The entries are compared, not the folders'
 * times: a fresh checkout gives every folder a new time and the same entries, and a file system
 * that keeps times to the second could show a folder changed since with the time it had.
 *
 * Kept only for a listing whose result follows from the folders' entries alone (ListingTrail), of
 * at most MAX_FOLDERS folders.
 */
const FORMAT = 3;

/** A site of page bundles has a folder a story: past this many, reading each costs what listing them does. */
const MAX_FOLDERS = 2000;

interface ListingRecord {
  format: number;
  /** dateline's code, the site folder and the theme's static folder: what the listing was of. */
  key: string;
  folders: string[];
  /** Those of `folders` whose entries count every name, those the listing passes over too. */
  whole: string[];
  /** Each folder's entries, sorted and joined; null for a folder to list that was not there. */
  entries: (string | null)[];
  /** `files`, its sources as Sources when they could be. */
  files: Omit<SiteFiles, 'sources'> & { sources: SiteFiles['sources'] | Sources };
}

/**
 * The sources in three strings: reading the record back is then a few strings, not 30,000 (20 ms of
 * a one-article edit at 10,000 articles). Each abs is `prefix` + its path.
 */
interface Sources {
  prefix: string;
  /** Joined with NUL, which no path holds. */
  paths: string;
  /** A letter each: 'a' article, 'p' page. */
  kinds: string;
}

function packed(sources: SiteFiles['sources']): SiteFiles['sources'] | Sources {
  if (sources.length === 0) return sources;
  const first = sources[0]!;
  const prefix = first.abs.slice(0, first.abs.length - first.path.length);
  for (const s of sources) if (s.abs !== prefix + s.path || (s.kind !== 'article' && s.kind !== 'page')) return sources;
  return { prefix, paths: sources.map((s) => s.path).join('\0'), kinds: sources.map((s) => s.kind[0]).join('') };
}

function unpacked(sources: SiteFiles['sources'] | Sources): SiteFiles['sources'] {
  if (Array.isArray(sources)) return sources;
  const paths = sources.paths.split('\0');
  const out: SiteFiles['sources'] = new Array(paths.length);
  for (let i = 0; i < paths.length; i++) out[i] = { path: paths[i]!, abs: sources.prefix + paths[i]!, kind: sources.kinds[i] === 'a' ? 'article' : 'page' };
  return out;
}

/**
 * The record of a listing (`files`, found through `trail`) as bytes for the cache; undefined when
 * it cannot stand for it. Made as soon as the listing ends, before the build adds to `files`.
 */
export function listingRecord(trail: ListingTrail, files: SiteFiles, key: string): Uint8Array | undefined {
  if (!trail.recordable || trail.folders.size > MAX_FOLDERS) return undefined;
  const record: ListingRecord = { format: FORMAT, key, folders: [...trail.folders.keys()], whole: [...trail.whole], entries: [...trail.folders.values()].map((e) => (e === null ? null : joined(e))), files: { ...files, sources: packed(files.sources) } };
  return serialize(record);
}

/** What the record lists, when it is of the same `key` and every folder it names holds the same entries; else undefined. */
export function listedStill(bytes: Buffer | undefined, key: string): SiteFiles | undefined {
  if (!bytes) return undefined;
  let r: ListingRecord | undefined;
  try {
    r = deserialize(bytes) as ListingRecord;
  } catch {
    return undefined;
  }
  if (r?.format !== FORMAT || r.key !== key || !Array.isArray(r.folders) || !Array.isArray(r.whole) || !Array.isArray(r.entries) || r.entries.length !== r.folders.length) return undefined;
  // A listed folder made a symlink since (content/ moved to a shared drive and linked back): the
  // listing says what is behind it (an error, if that is outside the site), not the record.
  for (const f of r.whole) if (lstatSync(f, { throwIfNoEntry: false })?.isSymbolicLink()) return undefined;
  const whole = new Set(r.whole);
  for (let i = 0; i < r.folders.length; i++) if (entriesOf(r.folders[i]!, whole.has(r.folders[i]!)) !== r.entries[i]) return undefined;
  return { ...r.files, sources: unpacked(r.files.sources) };
}

const joined = (entries: string[]): string => entries.sort().join('\0');

/**
 * A folder's entries as the listing sees them, joined; null when nothing is there (as the listing
 * notes a folder it was to list, such as a static/ not yet made); undefined when it cannot be read
 * otherwise (a file, no permission).
 */
function entriesOf(abs: string, all: boolean): string | null | undefined {
  try {
    const out: string[] = [];
    for (const e of readdirSync(abs, { withFileTypes: true })) if (all || !passedOver(e.name)) out.push(entryType(e) + e.name);
    return joined(out);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? null : undefined;
  }
}

import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { cacheDamaged } from '../cache/damage.js';
import type { FileRecord } from './manifest.js';

/**
 * The last manifest, kept in the build cache: every file of the output folder with its sha256,
 * size and time. A cached `build --manifest` reads again only the files it wrote, copied or
 * removed, and takes the rest from here. It counts only for the folder in the state its mark
 * names (write/in-place.ts OUTPUT_MARK): builds without `--manifest` that write into the folder
 * in place note what they touched in a journal beside it, from one mark to the next; any other
 * build (a new folder swapped in, a mark that is not the next) breaks the chain, and the next
 * manifest is made whole.
 */
const RECORD = 'manifest.json';
const JOURNAL = 'manifest.journal';
/** Format 2 added `sum`: a record whose files are not as written (a damaged cache) is not used. */
const FORMAT = 2;
/** Bytes of journal kept: about 30 template edits' worth at 10,000 articles (0.5 MB each). */
const MAX_JOURNAL = 16 * 1024 * 1024;

interface RecordFile {
  format: number;
  outDir: string;
  /** The folder's mark when the record was made. */
  mark: string;
  files: [string, string, number, number][];
  /** CRC-32 of `files` as JSON. */
  sum: number;
}

/** The record, as it holds for the folder with `mark`: its files, and those touched since it was made. */
export function readRecord(cacheDir: string, outDir: string, mark: string): { files: Map<string, FileRecord>; touched: Set<string> } | undefined {
  let data: RecordFile;
  try {
    data = JSON.parse(readFileSync(path.join(cacheDir, RECORD), 'utf8')) as RecordFile;
  } catch (e) {
    // Not there is no damage; not JSON (cut short) is.
    if (e instanceof SyntaxError) cacheDamaged('its manifest record');
    return undefined;
  }
  if (data.format !== FORMAT || data.outDir !== outDir || !Array.isArray(data.files)) return undefined;
  if (crc32(JSON.stringify(data.files)) !== data.sum) {
    cacheDamaged('its manifest record');
    return undefined;
  }
  // Each build since, in order: from the mark it found to the one it left.
  let at = data.mark;
  const touched = new Set<string>();
  let journal = '';
  try {
    journal = readFileSync(path.join(cacheDir, JOURNAL), 'utf8');
  } catch {
    // none: no build wrote into the folder since
  }
  for (const line of journal.split('\n')) {
    if (!line) continue;
    let step: { from: string; to: string; paths: string[] };
    try {
      step = JSON.parse(line) as typeof step;
    } catch {
      return undefined;
    }
    if (step.from !== at) return undefined;
    for (const p of step.paths) touched.add(p);
    at = step.to;
  }
  if (at !== mark) return undefined;
  return { files: new Map(data.files.map(([p, sha256, size, mtimeMs]) => [p, { sha256, size, mtimeMs }])), touched };
}

/**
 * Whether the folder still holds what the record says: the size and time of each file (those
 * touched since aside, which are read again anyway), and its bytes when the time moved (a folder
 * restored from an archive). A file changed or deleted by hand says the record does not hold.
 * A file with the same bytes takes its new time.
 */
export function recordHolds(outDir: string, files: Map<string, FileRecord>, touched: ReadonlySet<string>): boolean {
  // 11,500 files at 10,000 articles: 30–60 ms. A path joined by hand: path.join was a third of that.
  const prefix = outDir + path.sep;
  const slash = path.sep === '/';
  for (const [p, r] of files) {
    if (touched.has(p)) continue;
    const abs = prefix + (slash ? p : p.split('/').join(path.sep));
    const st = statSync(abs, { throwIfNoEntry: false });
    if (!st || st.size !== r.size) return false;
    if (st.mtimeMs === r.mtimeMs) continue;
    if (createHash('sha256').update(readFileSync(abs)).digest('hex') !== r.sha256) return false;
    r.mtimeMs = st.mtimeMs;
  }
  return true;
}

/** Keeps the record for the folder with `mark`; the journal starts again from it. */
export function writeRecord(cacheDir: string, outDir: string, mark: string, files: ReadonlyMap<string, FileRecord>): void {
  const list: RecordFile['files'] = [...files].map(([p, r]) => [p, r.sha256, r.size, r.mtimeMs]);
  const data: RecordFile = { format: FORMAT, outDir, mark, files: list, sum: crc32(JSON.stringify(list)) };
  const file = path.join(cacheDir, RECORD);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(data));
  renameSync(tmp, file);
  rmSync(path.join(cacheDir, JOURNAL), { force: true });
}

/** A build without `--manifest` wrote into the folder in place: what it touched, from the mark it found to the one it left. */
export function noteInRecord(cacheDir: string, from: string, to: string, paths: Iterable<string>): void {
  if (!existsSync(path.join(cacheDir, RECORD))) return;
  // Many builds without a manifest since the last one (a template edit notes every page): past
  // this, reading the whole folder again is about as quick, and the journal stops growing.
  if ((statSync(path.join(cacheDir, JOURNAL), { throwIfNoEntry: false })?.size ?? 0) > MAX_JOURNAL) return dropRecord(cacheDir);
  appendFileSync(path.join(cacheDir, JOURNAL), `${JSON.stringify({ from, to, paths: [...paths] })}\n`);
}

/** The folder changed in a way no journal follows (a new folder swapped in): the next manifest is made whole. */
export function dropRecord(cacheDir: string): void {
  if (!existsSync(path.join(cacheDir, RECORD))) return;
  rmSync(path.join(cacheDir, RECORD), { force: true });
  rmSync(path.join(cacheDir, JOURNAL), { force: true });
}

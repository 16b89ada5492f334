import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import fg from 'fast-glob';
import { encodePath } from '../parse/slug.js';
import { cacheControlFor, contentTypeFor } from './headers.js';
import { OUTPUT_MARK } from '../write/in-place.js';
import { SHARD_MARK } from '../write/sink.js';

/** One output file, as a deploy step needs it: what to upload, how to serve it, which URL to purge. */
export interface ManifestEntry {
  /** Inside the output folder, forward slashes, unencoded: "tags/重庆/index.html". */
  path: string;
  /** The URL path readers use, with the base path, percent-encoded: "/news/tags/%E9%87%8D%E5%BA%86/". */
  url: string;
  sha256: string;
  size: number;
  contentType: string;
  cacheControl: string;
}

export interface Manifest {
  /** The format's version; `dateline diff` refuses anything else. */
  dateline: 1;
  baseUrl: string;
  /**
   * Only in the manifest of a build not for publishing: `preview` for `--drafts` or `--future`
   * (scheduled stories and drafts), `noindex` for that and for a staging host's `--noindex`.
   * `dateline diff` refuses to turn a live site into one.
   */
  preview?: true;
  noindex?: true;
  /**
   * Only for a build given `--now`: the time it was built for (ISO, UTC). A build for a time later
   * than the deploy's holds stories scheduled before then, and `dateline diff` refuses it until then.
   */
  now?: string;
  files: ManifestEntry[];
}

/** What a manifest's build was for: the live site, a preview, or a staging host's copy. */
export type ManifestKind = 'live' | 'preview' | 'noindex';

export function manifestKind(m: Manifest): ManifestKind {
  return m.preview ? 'preview' : m.noindex ? 'noindex' : 'live';
}

/** The manifest with its build's marks, in the order they are written (before the long file list). */
export function markManifest(m: Manifest, marks: { preview?: boolean; noindex?: boolean; now?: number }): Manifest {
  if (!marks.preview && !marks.noindex && marks.now === undefined) return m;
  return {
    dateline: m.dateline,
    baseUrl: m.baseUrl,
    ...(marks.preview ? { preview: true } : {}),
    ...(marks.preview || marks.noindex ? { noindex: true } : {}),
    ...(marks.now !== undefined ? { now: new Date(marks.now).toISOString() } : {}),
    files: m.files,
  };
}

/**
 * The time a manifest's build was made for (`--now`) when that is later than `clock`: its pages
 * hold every story scheduled before then, so it is not for a live host until then.
 */
export function builtAhead(m: Manifest, clock: number): string | undefined {
  return m.now !== undefined && Date.parse(m.now) > clock ? m.now : undefined;
}

/** "a/index.html" → "/base/a/"; "404.html" → "/base/404.html". */
export function urlForPath(basePath: string, outPath: string): string {
  return basePath + encodePath(outPath.replace(/(^|\/)index\.html$/, '$1'));
}

/** Where a build's files are: the output folder on disk, or (memory mode) texts and copied sources. */
export type BuildOutput = { outDir: string } | { files: ReadonlyMap<string, string | Uint8Array>; copies: ReadonlyMap<string, string> };

/** What the manifest says of one file, with its time: enough to tell whether it changed since. */
export interface FileRecord {
  sha256: string;
  size: number;
  /** When the file was last written (its mtime): a file changed by hand has another one. */
  mtimeMs: number;
}

/** A few reads in flight at once: fast on any disk, without opening thousands of files together. */
async function inLanes<T>(items: T[], each: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await each(items[next++]);
  };
  await Promise.all(Array.from({ length: 16 }, lane));
}

/** One file of the output folder as it is now; undefined when it is not there. */
export async function recordFile(outDir: string, p: string): Promise<FileRecord | undefined> {
  const abs = path.join(outDir, ...p.split('/'));
  let bytes: Buffer;
  let mtimeMs: number;
  try {
    bytes = await readFile(abs);
    mtimeMs = (await stat(abs)).mtimeMs;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw e;
  }
  return { sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.byteLength, mtimeMs };
}

/** Every file of the output folder, read and hashed. */
export async function recordOutput(outDir: string): Promise<Map<string, FileRecord>> {
  // The cache's mark on the folder, and a shard's, are not part of the site.
  const paths = await fg('**/*', { cwd: outDir, dot: true, onlyFiles: true, followSymbolicLinks: false, ignore: [OUTPUT_MARK, SHARD_MARK] });
  const out = new Map<string, FileRecord>();
  await inLanes(paths, async (p) => {
    const r = await recordFile(outDir, p);
    if (r) out.set(p, r);
  });
  return out;
}

/**
 * A record brought up to date: the files written or removed since it was made are read again
 * (or dropped), every other entry is kept.
 */
export async function updateRecord(outDir: string, record: Map<string, FileRecord>, changed: Iterable<string>): Promise<void> {
  await inLanes([...changed], async (p) => {
    const r = await recordFile(outDir, p);
    if (r) record.set(p, r);
    else record.delete(p);
  });
}

/** The manifest a record describes (see collectManifest). */
export function manifestOfRecord(record: ReadonlyMap<string, FileRecord>, o: { baseUrl: string; basePath: string; hashed: ReadonlySet<string> }): Manifest {
  const files: ManifestEntry[] = [];
  for (const [p, r] of record) files.push(entry(p, r.sha256, r.size, o));
  return sorted(files, o.baseUrl);
}

function entry(p: string, sha256: string, size: number, o: { basePath: string; hashed: ReadonlySet<string> }): ManifestEntry {
  return { path: p, url: urlForPath(o.basePath, p), sha256, size, contentType: contentTypeFor(p), cacheControl: cacheControlFor(p, o.hashed) };
}

function sorted(files: ManifestEntry[], baseUrl: string): Manifest {
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { dateline: 1, baseUrl, files };
}

/**
 * The manifest of a finished build. Pages are written by worker threads straight into the output
 * folder, so the manifest reads what is there once the build is complete: exactly what a deploy
 * uploads. Opt-in (`--manifest`), since it reads every file once more. A cached build makes it
 * from the last one's instead (publish/manifest-record.ts).
 */
export async function collectManifest(output: BuildOutput, o: { baseUrl: string; basePath: string; hashed: ReadonlySet<string> }): Promise<Manifest> {
  if ('outDir' in output) return manifestOfRecord(await recordOutput(output.outDir), o);
  // A site's static file replaces a generated one at the same path, as it does on disk.
  const sources: [string, () => Promise<Uint8Array>][] = [];
  for (const [p, text] of output.files) if (!output.copies.has(p)) sources.push([p, async () => (typeof text === 'string' ? Buffer.from(text, 'utf8') : text)]);
  for (const [p, source] of output.copies) sources.push([p, () => readFile(source)]);
  const files: ManifestEntry[] = [];
  await inLanes(sources, async ([p, read]) => {
    const bytes = await read();
    files.push(entry(p, createHash('sha256').update(bytes).digest('hex'), bytes.byteLength, o));
  });
  return sorted(files, o.baseUrl);
}

/** Reads a manifest written by `dateline build --manifest`; throws a sentence on anything else. */
export function parseManifest(text: string, name: string): Manifest {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error(`${name} is not JSON; pass a file written by \`dateline build --manifest\`.`);
  }
  const m = data as Partial<Manifest>;
  const ok = typeof m === 'object' && m !== null && m.dateline === 1 && typeof m.baseUrl === 'string' && Array.isArray(m.files) &&
    m.files.every((f) => typeof f?.path === 'string' && typeof f.sha256 === 'string' && typeof f.url === 'string') &&
    (m.preview === undefined || m.preview === true) && (m.noindex === undefined || m.noindex === true) &&
    (m.now === undefined || (typeof m.now === 'string' && !Number.isNaN(Date.parse(m.now))));
  if (!ok) throw new Error(`${name} is not a dateline manifest; pass a file written by \`dateline build --manifest\`.`);
  return m as Manifest;
}

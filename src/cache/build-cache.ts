import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, writeSync, writevSync } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { DefaultDeserializer, DefaultSerializer, deserialize, serialize } from 'node:v8';
import { readTextFiles } from '../discover/text-files.js';
import type { Diagnostic } from '../errors/diagnostic.js';
import type { Article } from '../parse/source.js';
import { sweepSegments, type BodyRef } from './bodies.js';
import { cacheDamaged, CHECK_BYTES, checked, checkOf, crc32 } from './damage.js';

/**
 * The persistent build cache (`.dateline-cache/`): what every content file parsed to, keyed by
 * its content hash, and a fingerprint of every page in the output folder. A warm build re-parses
 * only files whose hash changed and re-renders only pages whose fingerprint changed. Safe to
 * delete; a cache made by another version, config or set of build flags is ignored.
 *
 * The index (build.v10) holds everything but the articles' HTML, which a warm build needs only for
 * the few pages it renders: each article names the place of its body in a segment file
 * (bodies/*.seg, see cache/bodies.ts), written by the thread that parsed it. Each article is kept
 * apart in the index too, read only when a build asks for it (`IndexEntry`).
 */
export interface CachedParse {
  size?: number;
  mtimeMs?: number;
  /** Without its body (`html` and `headings` empty): `article.body` says where it is. */
  article?: Article;
  diagnostics: Diagnostic[];
}

export interface CacheData {
  format: number;
  key: string;
  templatesHash: string;
  /**
   * Each template file's hash by its place ("0:tag.njk" the site's, "1:tag.njk" the theme's): a
   * cached build re-renders the pages the changed ones can affect (render/template-deps.ts).
   */
  templateHashes?: [string, string][];
  /** The output folder the fingerprints describe, and the mark it carries (write/in-place.ts). */
  outDir: string;
  outState?: string;
  parsed: [string, CachedParse][];
  written: [string, string][];
  statics: [string, string][];
  /** Static output path → git's id of its source as copied, where git's index vouched for it. */
  staticIds?: [string, string][];
  /** Static files the build held back (plan/statics.ts): in the site, not in the output. */
  withheld?: string[];
  /** Names the plan state (plan.v8) made by the same build, when there is one. */
  stateId?: string;
  /** Body-only edits built from that state since it was written: source → hash. */
  stateDelta?: [string, string][];
  /** Names this index: a delta (below) applies to the index it names. */
  id?: string;
}

/**
 * What changed since the index named `base`, written beside it by a build that changed a few
 * entries (a one-article edit): rewriting all of an index was a tenth of such a build (100 ms of
 * serializing and writing 10 MB at 10,000 articles). Cumulative: each delta holds every change
 * since its base, so only the last one counts. Every other field is the build's own, in full.
 */
interface CacheDelta extends Omit<CacheData, 'parsed' | 'written' | 'id'> {
  base: string;
  parsed: [string, CachedParse][];
  removed: string[];
  written: [string, string][];
  unwritten: string[];
  /**
   * Entries of the index whose file has another size or time and the same bytes (a fresh checkout
   * gives every file a new time): each by its place in the index (IndexEntry.at), and its new size
   * and time; otherwise as the index has it. Absent from a delta written before they were kept
   * apart; a reader without them hashes those files again.
   */
  sigs?: { at: Uint32Array; sizes: Float64Array; mtimes: Float64Array };
}

/** The cache as read, and what of it came from the delta. */
export interface CacheRead extends CacheData {
  fromDelta: { parsed: string[]; written: string[]; sigs?: string[] };
}

/**
 * Each file (index, delta, plan state) ends with its length and CRC-32 (cache/damage.ts), and each
 * body's place names the CRC-32 of its bytes (cache/bodies.ts): a file cut short or changed is
 * never read as if it were whole. Format 9 added them, with new file names: an older cache's
 * files are not taken for damaged ones. Format 10 keeps each article of the index apart.
 */
const FORMAT = 10;
const FILE = 'build.v10';
const DELTA = 'build.delta.v10';
const STATE = 'plan.v14';
/** The site's last listing (discover/listing.ts). */
const LISTING = 'listing.v1';
/** Older formats' files, removed when an index is written. */
const OLD_FILES = ['build.v8', 'build.delta.v8', 'plan.v8', 'build.v9', 'build.delta.v9', 'plan.v9', 'plan.v10', 'plan.v11', 'plan.v12'];

/**
 * A cache file's bytes when they are whole and as written; undefined when it is not there, and
 * also when it is damaged, which the build notes.
 */
function readChecked(file: string, what: string, ahead?: Buffer): Buffer | undefined {
  let bytes: Buffer;
  try {
    bytes = ahead ?? readFileSync(file);
  } catch {
    return undefined;
  }
  const body = checked(bytes);
  if (!body) cacheDamaged(what);
  return body;
}

/** Deserialized, or undefined when the bytes are not a value (the check passed, so: another Node version's). */
function deserializeOr<T>(bytes: Buffer | undefined): T | undefined {
  if (!bytes) return undefined;
  try {
    return deserialize(bytes) as T;
  } catch {
    return undefined;
  }
}

/**
 * An entry of the index as a build read it: its size, time, hash, warnings and the segment of its
 * body at hand, and its article (front matter, links, counts: most of the index) decoded from the
 * index's bytes the first time it is asked for. A one-article edit at 10,000 articles decoded all
 * of them, 0.35 s of 1.9 s with the collections they caused; now it decodes the one it edits.
 */
export class IndexEntry implements CachedParse {
  size?: number;
  mtimeMs?: number;
  diagnostics: Diagnostic[];
  /** The segment of its body as read: the index written again keeps it. */
  readonly segment: string | undefined;
  /** Where in that segment (offset, length, CRC-32), while the article is not decoded. */
  readonly #place: readonly [number, number, number];
  /** The index's bytes and where its article lies in them (`#to` 0 once decoded): a view of each, made for 10,000 entries at once, was 15 ms of an edit. */
  #index: Uint8Array | undefined;
  #from: number;
  #to: number;
  readonly #hash: string | undefined;
  #article: Article | undefined;
  /** The article and its body's place as decoded, to tell whether a build replaced either. */
  #first: readonly [Article | undefined, BodyRef | undefined] | undefined;

  /** The index file it was read from (its id), and its place in it: a delta names it by that. */
  readonly indexId: string | undefined;
  readonly at: number;

  constructor(indexId: string | undefined, at: number, index: Uint8Array | undefined, from: number, to: number, hash: string | undefined, body: BodyRef | undefined, size: number | undefined, mtimeMs: number | undefined, diagnostics: Diagnostic[]) {
    this.indexId = indexId;
    this.at = at;
    this.#index = to > from ? index : undefined;
    this.#from = from;
    this.#to = to;
    this.#hash = hash;
    this.segment = body?.[0];
    this.#place = body ? [body[1], body[2], body[3]] : [0, 0, 0];
    this.size = size;
    this.mtimeMs = mtimeMs;
    this.diagnostics = diagnostics;
  }

  get article(): Article | undefined {
    if (this.#index) {
      this.#article = deserialize(this.#index.subarray(this.#from, this.#to)) as Article;
      this.#index = undefined;
      this.#first = [this.#article, this.#article.body];
    }
    return this.#article;
  }

  set article(a: Article | undefined) {
    void this.article;
    this.#article = a;
  }

  /** Its article's hash (undefined when it had errors), decoded or not. */
  get hash(): string | undefined {
    return this.#index ? this.#hash : this.#article?.hash;
  }

  /** Where its article's body is (BodyStore reads it for a page or the search index), decoded or not. */
  get bodyRef(): BodyRef | undefined {
    if (!this.#index) return this.#article?.body;
    return this.segment === undefined ? undefined : [this.segment, ...this.#place];
  }

  /** Its article's bytes as read, while it is not decoded. */
  get bytes(): Uint8Array | undefined {
    return this.#index?.subarray(this.#from, this.#to);
  }

  /** Whether its article is still to be decoded. */
  get pending(): boolean {
    return this.#index !== undefined;
  }

  /** Whether its article, or the place of its body, is not what was read. */
  get changed(): boolean {
    return this.#first !== undefined && (this.#article !== this.#first[0] || this.#article?.body !== this.#first[1]);
  }
}

/** An entry of the index file whose article has not been decoded. */
export const undecoded = (c: CachedParse): c is IndexEntry => c instanceof IndexEntry && c.pending;

/** An entry's article hash, without decoding an index entry's article. */
export const entryHash = (c: CachedParse): string | undefined => (c instanceof IndexEntry ? c.hash : c.article?.hash);

/** Where an entry's body is, without decoding an index entry's article. */
export const entryBody = (c: CachedParse): BodyRef | undefined => (c instanceof IndexEntry ? c.bodyRef : c.article?.body);

/** The segment of an entry's body, without the list entryBody makes. */
export const entrySegment = (c: CachedParse): string | undefined => (undecoded(c) ? c.segment : c.article?.body?.[0]);

/** An entry as the index and its delta store it: a plain object, its article without its body. */
function plainEntry(c: CachedParse): CachedParse {
  const a = c.article;
  const article = a && (a.html !== '' || a.headings.length > 0) ? { ...a, html: '', headings: [] } : a;
  return { size: c.size, mtimeMs: c.mtimeMs, diagnostics: c.diagnostics, article };
}

/**
 * The index file: the length of its head, the head (every field of CacheData but `parsed`, whose
 * entries it holds as columns), then each entry's article serialized on its own, then the check.
 */
interface IndexHead extends Omit<CacheData, 'parsed'> {
  /** V8's version: an article is decoded long after the head, and must not fail then. */
  v8: string;
  sources: string[];
  sizes: Float64Array;
  mtimes: Float64Array;
  hashes: (string | undefined)[];
  /** Where each entry's article ends, from the start of the articles. */
  ends: Float64Array;
  /** Each body's segment, and its offset, length and CRC-32 in it (three numbers an entry). */
  segments: (string | undefined)[];
  places: Float64Array;
  /** The entries with diagnostics (few): index → its diagnostics. */
  diagnostics: [number, Diagnostic[]][];
}

function readIndex(bytes: Buffer | undefined, key: string): CacheData | undefined {
  if (!bytes || bytes.length < 4) return undefined;
  const headEnd = 4 + bytes.readUInt32LE(0);
  const head = headEnd <= bytes.length ? deserializeOr<IndexHead>(bytes.subarray(4, headEnd)) : undefined;
  if (!head || head.format !== FORMAT || head.key !== key || head.v8 !== process.versions.v8) return undefined;
  try {
    const { v8: _v8, sources, sizes, mtimes, hashes, ends, segments, places, diagnostics, ...rest } = head;
    const diagnosticsOf = new Map(diagnostics);
    const num = (n: number) => (Number.isNaN(n) ? undefined : n);
    const parsed = sources.map((p, i): [string, CachedParse] => {
      const from = headEnd + (i === 0 ? 0 : ends[i - 1]);
      const to = headEnd + ends[i];
      if (!(from <= to && to <= bytes.length)) throw new RangeError('an entry past the end');
      const body: BodyRef | undefined = segments[i] === undefined ? undefined : [segments[i]!, places[i * 3], places[i * 3 + 1], places[i * 3 + 2]];
      return [p, new IndexEntry(rest.id, i, bytes, from, to, hashes[i], body, num(sizes[i]), num(mtimes[i]), diagnosticsOf.get(i) ?? [])];
    });
    return { ...rest, parsed };
  } catch {
    // Whole by its check, but not laid out as this version writes it: no cache.
    return undefined;
  }
}

/** How many values one serializer of createApartSerializer's writes before the next takes over. */
const APART_RUN = 256;

/** The kinds of object whose every part the serializer writes `createApartSerializer`'s walk visits. */
const WALKED = new Set<unknown>([Object.prototype, null, Array.prototype, Map.prototype, Set.prototype, Date.prototype, RegExp.prototype]);

/**
 * Serializes values one after another, each readable on its own. One V8 serializer serves a run of
 * them (a new one for each of 10,000 articles took 0.2 s more), but it names an object it wrote
 * before by a number only the whole stream knows: a value that holds an object met before, in
 * itself or in an earlier value of the run, is written by a serializer of its own. A run is
 * `APART_RUN` values: the objects met, in this walk's set and in the serializer's own map, grow
 * with it. The 100,000 articles of an index took 2.0-2.3 s as one run, 1.3 s in runs of 1,024 and
 * 0.94-1.02 s in runs of 256 (10,000: 105 ms, 91 ms).
 */
function createApartSerializer(): (value: unknown) => Buffer {
  let stream = new DefaultSerializer();
  let seen = new Set<object>();
  let run = 0;
  const meetsSeen = (v: unknown): boolean => {
    if (typeof v !== 'object' || v === null) return false;
    if (seen.has(v)) return true;
    seen.add(v);
    // What the walk cannot see through (an Error's cause, a class instance): taken as met.
    if (!WALKED.has(Object.getPrototypeOf(v)) && !ArrayBuffer.isView(v)) return true;
    if (v instanceof Map) {
      for (const [k, x] of v) if (meetsSeen(k) || meetsSeen(x)) return true;
    } else if (v instanceof Set) {
      for (const x of v) if (meetsSeen(x)) return true;
    } else if (!ArrayBuffer.isView(v)) {
      for (const k in v) if (meetsSeen((v as Record<string, unknown>)[k])) return true;
    }
    return false;
  };
  return (value) => {
    if (++run > APART_RUN) {
      stream = new DefaultSerializer();
      seen = new Set();
      run = 1;
    }
    if (meetsSeen(value)) return serialize(value);
    stream.writeHeader();
    stream.writeValue(value);
    return stream.releaseBuffer();
  };
}

function indexBytes(data: CacheData): Uint8Array[] {
  const { parsed, ...rest } = data;
  const n = parsed.length;
  const head: IndexHead = { ...rest, v8: process.versions.v8, sources: [], sizes: new Float64Array(n), mtimes: new Float64Array(n), hashes: [], ends: new Float64Array(n), segments: [], places: new Float64Array(n * 3), diagnostics: [] };
  const articles: Uint8Array[] = [];
  const apart = createApartSerializer();
  let end = 0;
  parsed.forEach(([p, c], i) => {
    head.sources.push(p);
    head.sizes[i] = c.size ?? NaN;
    head.mtimes[i] = c.mtimeMs ?? NaN;
    if (c.diagnostics.length > 0) head.diagnostics.push([i, c.diagnostics]);
    const kept = c instanceof IndexEntry ? c.bytes : undefined;
    const a = kept ? undefined : plainEntry(c).article;
    const bytes = kept ?? (a ? apart(a) : undefined);
    head.hashes.push(entryHash(c));
    const body = entryBody(c);
    head.segments.push(body?.[0]);
    head.places[i * 3] = body?.[1] ?? 0;
    head.places[i * 3 + 1] = body?.[2] ?? 0;
    head.places[i * 3 + 2] = body?.[3] ?? 0;
    if (bytes) articles.push(bytes);
    end += bytes?.length ?? 0;
    head.ends[i] = end;
  });
  const headBytes = serialize(head);
  const length = Buffer.allocUnsafe(4);
  length.writeUInt32LE(headBytes.length);
  return [length, headBytes, ...articles];
}

/**
 * The index file's bytes, read on one of libuv's threads while the build loads its config and
 * lists the site's files; for readCache. Reading the 12 MB of a 10,000-article site's index took
 * 65 ms of a one-article edit's main thread. Undefined when it cannot be read (readCache then
 * reads it itself, and says what it finds). What a racing build writes meanwhile replaces the
 * file whole (atomicWrite), so the bytes are one index or another, never a mixture.
 */
export async function readIndexAhead(dir: string): Promise<Buffer | undefined> {
  let file;
  try {
    file = await open(path.join(dir, FILE), 'r');
    const { size } = await file.stat();
    const bytes = Buffer.allocUnsafe(size);
    let at = 0;
    while (at < size) {
      const { bytesRead } = await file.read(bytes, at, size - at, at);
      if (bytesRead === 0) break;
      at += bytesRead;
    }
    return at === size ? bytes : undefined;
  } catch {
    return undefined;
  } finally {
    await file?.close().catch(() => {});
  }
}

export function readCache(dir: string, key: string, indexBytes?: Buffer): CacheRead | undefined {
  // Missing, damaged or from another version: a cache is only ever a shortcut.
  const data = readIndex(readChecked(path.join(dir, FILE), 'its index', indexBytes), key);
  if (!data || data.format !== FORMAT || data.key !== key) return undefined;
  const fromDelta: CacheRead['fromDelta'] = { parsed: [], written: [] };
  const deltaBytes = readChecked(path.join(dir, DELTA), 'its index');
  // A damaged delta leaves the index behind the output folder and the segments: none of it is used.
  if (!deltaBytes && existsSync(path.join(dir, DELTA))) return undefined;
  const delta = deserializeOr<CacheDelta>(deltaBytes);
  // One for another index (a full write since, by this build's or a racing one) is ignored.
  if (!delta || delta.format !== FORMAT || delta.key !== key || delta.base !== data.id) return { ...data, fromDelta };
  const given = delta.sigs;
  const sigs = given && given.at instanceof Uint32Array && given.sizes instanceof Float64Array && given.mtimes instanceof Float64Array && given.sizes.length === given.at.length && given.mtimes.length === given.at.length ? given : undefined;
  const sigPaths: string[] = [];
  sigs?.at.forEach((at, i) => {
    const [p, c] = data.parsed[at] ?? [];
    if (!(c instanceof IndexEntry)) return;
    c.size = Number.isNaN(sigs.sizes[i]) ? undefined : sigs.sizes[i];
    c.mtimeMs = Number.isNaN(sigs.mtimes[i]) ? undefined : sigs.mtimes[i];
    sigPaths.push(p!);
  });
  const parsed = new Map(data.parsed);
  for (const p of delta.removed) parsed.delete(p);
  for (const [p, c] of delta.parsed) parsed.set(p, c);
  const written = new Map(data.written);
  for (const p of delta.unwritten) written.delete(p);
  for (const [p, fp] of delta.written) written.set(p, fp);
  fromDelta.parsed = [...delta.removed, ...delta.parsed.map(([p]) => p)];
  fromDelta.written = [...delta.unwritten, ...delta.written.map(([p]) => p)];
  fromDelta.sigs = sigPaths;
  const { base: _base, removed: _removed, unwritten: _unwritten, sigs: _sigs, ...rest } = delta;
  return { ...rest, id: data.id, parsed: [...parsed], written: [...written], fromDelta };
}

/**
 * The index as a build read it (with its delta), to tell what the build changed: an entry
 * replaced, moved to another body segment, or with another size or mtime; a fingerprint set or
 * dropped.
 */
export class IndexBaseline {
  private readonly entries = new Map<string, readonly [CachedParse, Article | undefined, unknown, number | undefined, number | undefined]>();
  /** Entries of the index file whose articles were not decoded when this was made. */
  private readonly unread = new Set<CachedParse>();
  private readonly written: Map<string, string>;
  private carried: CacheRead['fromDelta'];
  /** The index file's id: deltas name it. */
  readonly id: string | undefined;

  constructor(read: Pick<CacheRead, 'id' | 'parsed' | 'written' | 'fromDelta'>) {
    this.id = read.id;
    for (const [p, c] of read.parsed) {
      if (undecoded(c)) {
        this.unread.add(c);
        this.entries.set(p, [c, undefined, undefined, c.size, c.mtimeMs]);
      } else this.entries.set(p, [c, c.article, c.article?.body, c.size, c.mtimeMs]);
    }
    this.written = new Map(read.written);
    this.carried = read.fromDelta;
  }

  /** A delta with these changes was written: the next one carries them too. */
  wrote(changes: { parsed: Set<string>; written: Set<string>; sigs: Set<string> }): void {
    this.carried = { parsed: [...changes.parsed], written: [...changes.written], sigs: [...changes.sigs] };
  }

  /**
   * The sources and output paths whose entries differ from the index file, or undefined past
   * `limit.sources` or `limit.outputs`. The two count apart: an output's entry is a path and a
   * fingerprint, a source's an article's every field, and an added story changes one source and a
   * few hundred outputs (its listings, every page of them after it), which a whole index took 0.2 s
   * to say at 10,000 articles.
   */
  changes(parsed: ReadonlyMap<string, CachedParse>, written: ReadonlyMap<string, string>, limit: { sources: number; outputs: number }): { parsed: Set<string>; written: Set<string>; sigs: Set<string> } | undefined {
    const sources = new Set(this.carried.parsed);
    // Entries that changed only their size and time, whatever their number: each is three values in the delta.
    const sigs = new Set(this.carried.sigs);
    for (const [p, c] of parsed) {
      const was = this.entries.get(p);
      // An entry read undecoded has changed only when the build decoded and replaced its article.
      const same = was && was[0] === c && (this.unread.has(c) ? !(c as IndexEntry).changed : was[1] === c.article && was[2] === c.article?.body);
      if (!same) sources.add(p);
      // Named by its place in the index the delta goes beside: an entry read from an earlier
      // index (a watch session's, since written again in another order) goes whole.
      else if (was[3] !== c.size || was[4] !== c.mtimeMs) (c instanceof IndexEntry && c.indexId !== undefined && c.indexId === this.id ? sigs : sources).add(p);
      if (sources.size > limit.sources) return undefined;
    }
    for (const p of this.entries.keys()) if (!parsed.has(p)) sources.add(p);
    for (const p of sources) sigs.delete(p);
    const outputs = new Set(this.carried.written);
    for (const [p, fp] of written) {
      if (this.written.get(p) !== fp) outputs.add(p);
      if (outputs.size > limit.outputs) return undefined;
    }
    for (const p of this.written.keys()) if (!written.has(p)) outputs.add(p);
    return sources.size > limit.sources || outputs.size > limit.outputs ? undefined : { parsed: sources, written: outputs, sigs };
  }
}

/** The record of the site's last listing (discover/listing.ts) when it is whole; undefined otherwise. */
export function readListingRecord(dir: string): Buffer | undefined {
  return readChecked(path.join(dir, LISTING), 'its listing');
}

/** Written whole or not at all; without it the next build lists the site's folders. */
export function writeListingRecord(dir: string, bytes: Uint8Array): void {
  try {
    atomicWrite(path.join(dir, LISTING), bytes);
  } catch {
    // The next build lists the folders.
  }
}

/** Writes only what changed since the index the build read (see CacheDelta); the index stays. */
export function writeCacheDelta(dir: string, base: string, data: Omit<CacheData, 'format' | 'parsed' | 'written' | 'id'>, parsed: [string, CachedParse | undefined][], written: [string, string | undefined][], sigs: IndexEntry[] = []): void {
  try {
    const delta: CacheDelta = {
      format: FORMAT,
      ...data,
      base,
      parsed: parsed.filter((e): e is [string, CachedParse] => e[1] !== undefined).map(([p, c]) => [p, plainEntry(c)]),
      removed: parsed.filter(([, c]) => c === undefined).map(([p]) => p),
      written: written.filter((e): e is [string, string] => e[1] !== undefined),
      unwritten: written.filter(([, fp]) => fp === undefined).map(([p]) => p),
      sigs: { at: Uint32Array.from(sigs, (c) => c.at), sizes: Float64Array.from(sigs, (c) => c.size ?? NaN), mtimes: Float64Array.from(sigs, (c) => c.mtimeMs ?? NaN) },
    };
    atomicWrite(path.join(dir, DELTA), serialize(delta));
  } catch {
    // Without it the next build starts from the index alone and re-parses what changed since.
  }
}

/**
 * Written to a unique temp file and renamed: two builds racing each leave a whole index. The
 * bodies it names are in segments (cache/bodies.ts), written before it. A segment that neither it
 * nor the index this build started from (`named`) names is removed once an hour old.
 */
export function writeCache(dir: string, data: Omit<CacheData, 'format' | 'id'>, named: ReadonlySet<string> = new Set()): string | undefined {
  const id = randomBytes(8).toString('hex');
  try {
    mkdirSync(dir, { recursive: true });
    atomicWriteWith(path.join(dir, FILE), (fd) => {
      const bufs = indexBytes({ format: FORMAT, ...data, id });
      let length = 0;
      let crc = 0;
      for (const buf of bufs) {
        length += buf.length;
        crc = crc32(buf, crc);
      }
      // Ten thousand pieces, a thousand to a system call.
      for (let i = 0; i < bufs.length; i += 1024) writeAllv(fd, bufs.slice(i, i + 1024));
      writeAll(fd, checkOf(length, crc));
    });
    // A delta names the index it applies to, which is gone now.
    rmSync(path.join(dir, DELTA), { force: true });
    for (const old of OLD_FILES) rmSync(path.join(dir, old), { force: true });
    const live = new Set<string>();
    for (const [, p] of data.parsed) {
      const body = entryBody(p);
      if (body) live.add(body[0]);
    }
    // Those the index this build started from named may be in use by a build that started with
    // it too: the next build removes them.
    for (const s of named) live.add(s);
    sweepSegments(dir, live);
    return id;
  } catch {
    // A cache that cannot be written is no cache: the next build is cold.
    return undefined;
  }
}

/** Written with its check (length and CRC-32) after it. */
function atomicWrite(file: string, bytes: Uint8Array): void {
  atomicWriteWith(file, (fd) => {
    writeAll(fd, bytes);
    writeAll(fd, checkOf(bytes.length, crc32(bytes)));
  });
}

/** A file written through `write` to a unique temporary file, then renamed into place whole. */
function atomicWriteWith(file: string, write: (fd: number) => void): void {
  runSteps(
    atomicWriteSteps(file, function* (fd) {
      write(fd);
    }),
  );
}

/**
 * atomicWriteWith a step at a time: `write` yields between its parts. The temporary file goes
 * whichever way it ends, the generator's `return()` included (a signal that ends the build
 * between two steps).
 */
function* atomicWriteSteps<S>(file: string, write: (fd: number) => Generator<S, void, void>): Generator<S, void, void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}`);
  let fd: number | undefined;
  let placed = false;
  try {
    fd = openSync(tmp, 'w');
    yield* write(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, file);
    placed = true;
  } finally {
    if (!placed) {
      if (fd !== undefined) closeSync(fd);
      rmSync(tmp, { force: true });
    }
  }
}

/**
 * Runs a generator of steps to its end, at once. A step that has to wait for a value not yet made
 * (a promise: planStateSteps with values that come as a build sends its pages) cannot be run so.
 */
export function runSteps(steps: Iterator<unknown>): void {
  for (let step = steps.next(); !step.done; step = steps.next()) {
    if (step.value instanceof Promise) {
      steps.return?.(undefined);
      throw new Error('a step waits for a value that is not made yet');
    }
  }
}

/**
 * Values written after the plan state's first part (what every edit reads), each serialized on its
 * own and read only when asked for (the graph's lists, views and articles, and the plan's jobs:
 * incremental/plan-state.ts). `bytesOf(i)` gives value i's bytes: to
 * write, as it is made; as read, from the file, checked against its own CRC, and throwing when the
 * file has been replaced since (a racing build's) or the bytes are not as written (which the
 * build notes as damage).
 */
export interface ApartValues {
  count: number;
  bytesOf(i: number): Uint8Array;
  /**
   * To write: a promise while value i is not made yet (made elsewhere, as the build goes on),
   * which rejects if it never will be; undefined once it is.
   */
  ready?(i: number): Promise<void> | undefined;
}

/**
 * The last full build's graph and plan, for a later process to render a body-only edit without
 * the model and the plan (see incremental/body-edit.ts and incremental/plan-state.ts, which says
 * what goes where). The state goes first, in one serialized value; then the `apart` values one
 * after another as each is made, and a trailer a reader finds from the end: where each value ends
 * (a Float64Array's bytes), the CRC-32 of each (a Uint32Array's), how many there are (4 bytes) and
 * the length of the state (8). The file's check covers the state and the trailer, not the values:
 * a build reads the state, and the values it needs, each checked alone. Reading and checking the
 * 10.5 MB of the jobs at 10,000 articles took 70 ms of an edit.
 *
 * Written a step at a time, a step for each value apart (`runSteps` writes it at once): a cold
 * build writes it while its workers render, and sends them their next batches between the steps.
 * Written at once, it kept the main thread from them for 0.7-0.9 s at 10,000 articles, longer than
 * the batches queued ahead lasted. Never throws: without the file the next build takes the full
 * path.
 */
export function* planStateSteps(dir: string, id: string, state: unknown, apart: ApartValues): Generator<Promise<void> | undefined, void, void> {
  try {
    mkdirSync(dir, { recursive: true });
    yield* atomicWriteSteps(path.join(dir, STATE), function* (fd) {
      let length = 0;
      let crc = 0;
      const put = (buf: Uint8Array) => {
        writeAll(fd, buf);
        length += buf.length;
        crc = crc32(buf, crc);
      };
      const out = new DefaultSerializer();
      out.writeHeader();
      out.writeValue({ format: FORMAT, id });
      out.writeValue(state);
      put(out.releaseBuffer());
      const graphLength = length;
      const ends = new Float64Array(apart.count);
      const crcs = new Uint32Array(apart.count);
      let end = 0;
      // A thousand to a system call: one each was 0.2 s for the 11,514 jobs of 10,000 articles.
      let batch: Uint8Array[] = [];
      const flush = () => {
        writeAllv(fd, batch);
        batch = [];
      };
      for (let i = 0; i < apart.count; i++) {
        yield apart.ready?.(i);
        const bytes = apart.bytesOf(i);
        batch.push(bytes);
        ends[i] = end += bytes.length;
        crcs[i] = crc32(bytes);
        if (batch.length === 1000) flush();
      }
      flush();
      length += end;
      put(new Uint8Array(ends.buffer));
      put(new Uint8Array(crcs.buffer));
      const tail = Buffer.alloc(12);
      tail.writeUInt32LE(apart.count, 0);
      tail.writeDoubleLE(graphLength, 4);
      put(tail);
      writeAll(fd, checkOf(length, crc));
    });
  } catch {
    // Without it the next build takes the full path.
  }
}

function writeAll(fd: number, buf: Uint8Array): void {
  for (let at = 0; at < buf.length; ) at += writeSync(fd, buf, at);
}

/** The buffers one after another, in as few system calls as the kernel takes. */
function writeAllv(fd: number, bufs: Uint8Array[]): void {
  let rest = bufs;
  while (rest.length > 0) {
    let n = writevSync(fd, rest);
    if (n === 0 && rest.some((b) => b.length > 0)) throw new Error('writev wrote nothing');
    let i = 0;
    while (i < rest.length && n >= rest[i].length) n -= rest[i++].length;
    rest = rest.slice(i);
    // A write cut short inside a buffer: its remainder first.
    if (n > 0) rest = [rest[0].subarray(n), ...rest.slice(1)];
  }
}

/** `length` bytes of the file at `position`. */
function readAt(fd: number, position: number, length: number): Buffer {
  const buf = Buffer.allocUnsafe(length);
  for (let at = 0; at < length; ) {
    const n = readSync(fd, buf, at, length - at, position + at);
    if (n === 0) throw new Error('the file is shorter than it says');
    at += n;
  }
  return buf;
}

const TRAILER = 12;

/**
 * The plan state written with the index named `id`, with a reader of its apart values (see
 * planStateSteps); undefined when another build's (or none) is there, or when it is damaged,
 * which the build notes.
 */
export function readPlanState(dir: string, id: string | undefined): { state: unknown; apart: ApartValues } | undefined {
  if (!id) return undefined;
  const file = path.join(dir, STATE);
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return undefined;
  }
  let graph: Buffer;
  let ends: Float64Array;
  let crcs: Uint32Array;
  let count: number;
  let identity: string;
  try {
    const st = fstatSync(fd);
    identity = `${st.ino}:${st.size}:${st.mtimeMs}`;
    if (st.size < TRAILER + CHECK_BYTES) throw new Error('short');
    const tail = readAt(fd, st.size - TRAILER - CHECK_BYTES, TRAILER + CHECK_BYTES);
    count = tail.readUInt32LE(0);
    const graphLength = tail.readDoubleLE(4);
    const trailerAt = st.size - TRAILER - CHECK_BYTES - count * 12;
    if (trailerAt < 0) throw new Error('more values than the file holds');
    const trailer = readAt(fd, trailerAt, count * 12);
    ends = new Float64Array(count);
    crcs = new Uint32Array(count);
    Buffer.from(ends.buffer).set(trailer.subarray(0, count * 8));
    Buffer.from(crcs.buffer).set(trailer.subarray(count * 8));
    if (!(graphLength > 0) || graphLength + (count > 0 ? ends[count - 1] : 0) !== trailerAt) throw new Error('not as laid out');
    graph = readAt(fd, 0, graphLength);
    const check = checkOf(st.size - CHECK_BYTES, crc32(tail.subarray(0, TRAILER), crc32(trailer, crc32(graph))));
    if (!check.equals(tail.subarray(TRAILER))) throw new Error('not as written');
  } catch {
    cacheDamaged('its plan state');
    return undefined;
  } finally {
    closeSync(fd);
  }
  try {
    const input = new DefaultDeserializer(graph);
    input.readHeader();
    const head = input.readValue() as { format: number; id: string };
    if (head.format !== FORMAT || head.id !== id) return undefined;
    const state = input.readValue();
    const at = graph.length;
    const apart: ApartValues = {
      count,
      bytesOf(i) {
        const start = at + (i === 0 ? 0 : ends[i - 1]);
        const f = openSync(file, 'r');
        try {
          const st = fstatSync(f);
          if (`${st.ino}:${st.size}:${st.mtimeMs}` !== identity) throw new Error('the plan state was replaced since it was read');
          const bytes = readAt(f, start, at + ends[i] - start);
          if (crc32(bytes) !== crcs[i]) {
            cacheDamaged('its plan state');
            throw new Error('a value of the plan state is not as written');
          }
          return bytes;
        } finally {
          closeSync(f);
        }
      },
    };
    return { state, apart };
  } catch {
    return undefined;
  }
}

export function cacheKey(parts: unknown): string {
  return createHash('sha1').update(JSON.stringify(parts)).digest('hex');
}

/** Each file's hash by its path: which template files an edit changed. */
export function hashEach(files: { path: string; text: string }[]): Map<string, string> {
  return new Map(files.map((f) => [f.path, createHash('sha1').update(f.text).digest('hex')]));
}

/**
 * One hash of dateline's own code in `dir` (lib/ as compiled, or src/), file by file, without the
 * bundles made from it: part of the cache's key. scripts/bundle.mjs puts lib/'s into each bundle.
 */
export function codeHash(dir: string): string {
  return hashFiles(readTextFiles(dir, (name) => /\.(js|ts)$/.test(name) && !name.endsWith('.d.ts') && !name.endsWith('.bundle.js')));
}

/** One hash of every template file's path and bytes: any template edit changes it. */
export function hashFiles(files: { path: string; text: string }[]): string {
  const h = createHash('sha1');
  for (const f of files) h.update(f.path).update('\0').update(f.text).update('\0');
  return h.digest('hex');
}

import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { Diagnostic } from '../errors/diagnostic.js';
import type { Article } from '../parse/source.js';

/**
 * The persistent build cache (`.dateline-cache/`): what every content file parsed to, keyed by
 * its content hash, and a fingerprint of every page in the output folder. A warm build re-parses
 * only files whose hash changed and re-renders only pages whose fingerprint changed. Safe to
 * delete; a cache made by another version, config or set of build flags is ignored.
 *
 * The index (build.v8) holds everything but the articles' HTML, which a warm build needs only for
 * the few pages it renders: bodies live in 256 bucket files by content hash (bodies/xx.v8), read
 * on demand, and a build rewrites only the buckets of the files it parsed.
 */
export interface CachedParse {
  size?: number;
  mtimeMs?: number;
  /** Without its body (`html` and `headings` empty): see `readBodies`. */
  article?: Article;
  diagnostics: Diagnostic[];
}

export interface CacheData {
  format: number;
  key: string;
  templatesHash: string;
  /** The output folder the fingerprints describe: its inode after the build that wrote it. */
  outDir: string;
  outIno: number;
  parsed: [string, CachedParse][];
  written: [string, string][];
  statics: [string, string][];
  /** Names the plan state (plan.v8) made by the same build, when there is one. */
  stateId?: string;
  /** Body-only edits built from that state since it was written: source → hash. */
  stateDelta?: [string, string][];
}

export interface Body {
  html: string;
  headings: Article['headings'];
}

const FORMAT = 3;
const FILE = 'build.v8';
const STATE = 'plan.v8';
const BODIES = 'bodies';

export function readCache(dir: string, key: string): CacheData | undefined {
  try {
    const data = deserialize(readFileSync(path.join(dir, FILE))) as CacheData;
    return data.format === FORMAT && data.key === key ? data : undefined;
  } catch {
    // Missing, truncated or from another Node version: a cache is only ever a shortcut.
    return undefined;
  }
}

/**
 * Written to unique temp files and renamed: two builds racing each leave whole files. The index
 * goes last, so it never names a body that no bucket holds, except after such a race, which
 * `readBodies` reports as missing (the build then parses that file again).
 */
export function writeCache(dir: string, data: Omit<CacheData, 'format'>, fresh: Map<string, Body>): void {
  try {
    const live = new Set<string>();
    for (const [, p] of data.parsed) if (p.article) live.add(p.article.hash);
    for (const step of bodyWrites(dir, fresh, live)) step();
    atomicWrite(path.join(dir, FILE), serialize({ format: FORMAT, ...data }));
  } catch {
    // A cache that cannot be written is no cache: the next build is cold.
  }
}

/**
 * The bucket writes for `fresh` bodies, one step per bucket, each keeping only the bodies in
 * `live`: a cold build runs them between its render batches, while the workers render.
 */
export function bodyWrites(dir: string, fresh: Map<string, Body>, live: Set<string>): (() => void)[] {
  const byBucket = new Map<string, [string, Body][]>();
  for (const [hash, body] of fresh) (byBucket.get(bucketOf(hash)) ?? byBucket.set(bucketOf(hash), []).get(bucketOf(hash))!).push([hash, body]);
  return [...byBucket].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([bucket, entries]) => () => {
    mkdirSync(path.join(dir, BODIES), { recursive: true });
    const merged = new Map(readBucket(dir, bucket));
    for (const [hash, body] of entries) merged.set(hash, body);
    for (const hash of merged.keys()) if (!live.has(hash)) merged.delete(hash);
    atomicWrite(path.join(dir, BODIES, `${bucket}.v8`), serialize([...merged]));
  });
}

/** The bodies of `hashes` that the cache holds; the others are missing from the result. */
export function readBodies(dir: string, hashes: Iterable<string>): Map<string, Body> {
  const wanted = new Map<string, string[]>();
  for (const h of hashes) (wanted.get(bucketOf(h)) ?? wanted.set(bucketOf(h), []).get(bucketOf(h))!).push(h);
  const out = new Map<string, Body>();
  for (const [bucket, list] of wanted) {
    const entries = new Map(readBucket(dir, bucket));
    for (const h of list) {
      const b = entries.get(h);
      if (b) out.set(h, b);
    }
  }
  return out;
}

function readBucket(dir: string, bucket: string): [string, Body][] {
  try {
    return deserialize(readFileSync(path.join(dir, BODIES, `${bucket}.v8`))) as [string, Body][];
  } catch {
    return [];
  }
}

const bucketOf = (hash: string) => hash.slice(0, 2);

function atomicWrite(file: string, bytes: Uint8Array): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}`);
  try {
    writeFileSync(tmp, bytes);
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/**
 * The last full build's graph and plan, for a later process to render a body-only edit without
 * the model and the plan (see incremental/body-edit.ts). One serialization keeps the objects
 * shared between the graph and the jobs shared. Bodies are left out: they are in the buckets.
 */
export function writePlanState(dir: string, id: string, state: unknown): void {
  try {
    mkdirSync(dir, { recursive: true });
    atomicWrite(path.join(dir, STATE), serialize({ format: FORMAT, id, state }));
  } catch {
    // Without it the next build takes the full path.
  }
}

/** The plan state written with the index named `id`; undefined when another build's (or none) is there. */
export function readPlanState(dir: string, id: string | undefined): unknown {
  if (!id) return undefined;
  try {
    const data = deserialize(readFileSync(path.join(dir, STATE))) as { format: number; id: string; state: unknown };
    return data.format === FORMAT && data.id === id ? data.state : undefined;
  } catch {
    return undefined;
  }
}

export function cacheKey(parts: unknown): string {
  return createHash('sha1').update(JSON.stringify(parts)).digest('hex');
}

/** One hash of every template file's path and bytes: any template edit changes it. */
export function hashFiles(files: { path: string; text: string }[]): string {
  const h = createHash('sha1');
  for (const f of files) h.update(f.path).update('\0').update(f.text).update('\0');
  return h.digest('hex');
}

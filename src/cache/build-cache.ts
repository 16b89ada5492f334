import { createHash, randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { DefaultDeserializer, DefaultSerializer, deserialize, serialize } from 'node:v8';
import type { Diagnostic } from '../errors/diagnostic.js';
import type { Article } from '../parse/source.js';
import { sweepSegments } from './bodies.js';

/**
 * The persistent build cache (`.dateline-cache/`): what every content file parsed to, keyed by
 * its content hash, and a fingerprint of every page in the output folder. A warm build re-parses
 * only files whose hash changed and re-renders only pages whose fingerprint changed. Safe to
 * delete; a cache made by another version, config or set of build flags is ignored.
 *
 * The index (build.v8) holds everything but the articles' HTML, which a warm build needs only for
 * the few pages it renders: each article names the place of its body in a segment file
 * (bodies/*.seg, see cache/bodies.ts), written by the thread that parsed it.
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

const FORMAT = 4;
const FILE = 'build.v8';
const STATE = 'plan.v8';

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
 * Written to a unique temp file and renamed: two builds racing each leave a whole index. The
 * bodies it names are in segments (cache/bodies.ts), written before it. A segment that neither it
 * nor the index this build started from (`named`) names is removed once an hour old.
 */
export function writeCache(dir: string, data: Omit<CacheData, 'format'>, named: ReadonlySet<string> = new Set()): void {
  try {
    mkdirSync(dir, { recursive: true });
    atomicWrite(path.join(dir, FILE), serialize({ format: FORMAT, ...data }));
    const live = new Set<string>();
    for (const [, p] of data.parsed) if (p.article?.body) live.add(p.article.body[0]);
    // Those the index this build started from named may be in use by a build that started with
    // it too: the next build removes them.
    for (const s of named) live.add(s);
    sweepSegments(dir, live);
  } catch {
    // A cache that cannot be written is no cache: the next build is cold.
  }
}

function atomicWrite(file: string, bytes: Uint8Array): void {
  atomicWriteWith(file, (fd) => writeAll(fd, bytes));
}

/** A file written through `write` to a unique temporary file, then renamed into place whole. */
function atomicWriteWith(file: string, write: (fd: number) => void): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}`);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'w');
    write(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, file);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    rmSync(tmp, { force: true });
    throw e;
  }
}

/**
 * The last full build's graph and plan, for a later process to render a body-only edit without
 * the model and the plan (see incremental/body-edit.ts). One serializer keeps the objects shared
 * between the graph and the jobs shared. Bodies are left out: the segments hold them.
 *
 * The serializer's output goes to the file in pieces: first the `bulky` arrays a slice at a time,
 * then the state, whose references to what is already written take a few bytes each. One buffer
 * of the whole state was 250 MB at 100,000 articles, made while the workers render.
 */
export function writePlanState(dir: string, id: string, state: unknown, bulky: readonly unknown[][] = []): void {
  try {
    mkdirSync(dir, { recursive: true });
    atomicWriteWith(path.join(dir, STATE), (fd) => {
      const out = new DefaultSerializer();
      out.writeHeader();
      const slices = bulky.flatMap((list) => Array.from({ length: Math.ceil(list.length / STATE_SLICE) }, (_, i) => list.slice(i * STATE_SLICE, (i + 1) * STATE_SLICE)));
      out.writeValue({ format: FORMAT, id, slices: slices.length });
      for (const slice of slices) {
        out.writeValue(slice);
        writeAll(fd, out.releaseBuffer());
      }
      out.writeValue(state);
      writeAll(fd, out.releaseBuffer());
    });
  } catch {
    // Without it the next build takes the full path.
  }
}

const STATE_SLICE = 2000;

function writeAll(fd: number, buf: Uint8Array): void {
  for (let at = 0; at < buf.length; ) at += writeSync(fd, buf, at);
}

/** The plan state written with the index named `id`; undefined when another build's (or none) is there. */
export function readPlanState(dir: string, id: string | undefined): unknown {
  if (!id) return undefined;
  try {
    const input = new DefaultDeserializer(readFileSync(path.join(dir, STATE)));
    input.readHeader();
    const head = input.readValue() as { format: number; id: string; slices: number };
    if (head.format !== FORMAT || head.id !== id) return undefined;
    for (let i = 0; i < head.slices; i++) input.readValue();
    return input.readValue();
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

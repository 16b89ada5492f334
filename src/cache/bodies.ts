import { randomBytes } from 'node:crypto';
import { appendFileSync, closeSync, mkdirSync, openSync, readdirSync, readSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { Article } from '../parse/source.js';
import { cacheDamaged, crc32 } from './damage.js';

/**
 * Where the articles' HTML lives between parsing and rendering, and between builds: append-only
 * segment files in the cache folder (bodies/*.seg). The thread that parses an article appends its
 * body to a segment of its own and keeps only where it put it (a `BodyRef`); the thread that
 * renders the page reads it back from there. The main thread never holds every article's HTML,
 * and the cache is written by the parsing itself: nothing is serialized again after a build.
 *
 * A segment is never changed once a body is in it, so a reader sees the same bytes whatever other
 * builds do, until a segment no index names is removed (see `sweepSegments`).
 */
export interface Body {
  html: string;
  headings: { depth: number; id: string; text: string }[];
}

/**
 * A body's place: segment file name, byte offset, byte length, and the CRC-32 of those bytes: a
 * segment cut short or changed (a damaged cache restored by CI) is never read as the body.
 */
export type BodyRef = [segment: string, at: number, length: number, crc: number];

/** A body an index entry names whose article is not decoded (cache/build-cache.ts): decoded when it moves. */
export interface UnreadBody {
  body: BodyRef;
  article: () => Article;
}

const BODIES = 'bodies';
const SEGMENT = /^[0-9a-f]{16}\.seg$/;

/** Appends bodies to one new segment of this thread's own; each call writes once. */
export function createSegmentWriter(cacheDir: string): (bodies: Body[]) => BodyRef[] {
  const name = `${randomBytes(8).toString('hex')}.seg`;
  const file = path.join(cacheDir, BODIES, name);
  let size = 0;
  return (bodies) => {
    if (bodies.length === 0) return [];
    const parts = bodies.map((b) => serialize([b.html, b.headings]));
    if (size === 0) mkdirSync(path.dirname(file), { recursive: true });
    appendFileSync(file, Buffer.concat(parts));
    const refs = parts.map((p): BodyRef => {
      const ref: BodyRef = [name, size, p.length, crc32(p)];
      size += p.length;
      return ref;
    });
    return refs;
  };
}

/** Bodies next to one another in a segment are read at once when the gap between them is at most this, */
const PREFETCH_GAP = 16 * 1024;
/** and a read holds at most this much. */
const PREFETCH_READ = 4 * 1024 * 1024;

/**
 * Reads bodies by their places, keeping each segment open until `close`. Undefined for one it
 * cannot read (its segment removed, cut short or with other bytes): the caller parses that file
 * again. A damaged one is noted (cache/damage.ts); a removed one is not (another build swept it).
 *
 * `prefetch` reads the bodies a batch of pages will ask for, those that lie together in a segment
 * in one system call: a render worker read each article's body on its own, about 5,000 reads of
 * 40-50 µs each on this kind of machine at 10,000 articles, where the parse wrote a hundred at a
 * time one after another. What it read is kept until `read` takes it, or the next `prefetch`.
 */
export function createBodyReader(cacheDir: string): { read(ref: BodyRef): Body | undefined; prefetch(refs: readonly BodyRef[]): void; close(): void } {
  const fds = new Map<string, number | undefined>();
  const fdOf = (segment: string) => {
    if (!fds.has(segment)) {
      let fd: number | undefined;
      try {
        if (SEGMENT.test(segment)) fd = openSync(path.join(cacheDir, BODIES, segment), 'r');
      } catch {
        fd = undefined;
      }
      fds.set(segment, fd);
    }
    return fds.get(segment);
  };
  let ahead = new Map<string, Buffer>();
  const aheadKey = (segment: string, at: number) => `${segment}:${at}`;
  return {
    prefetch(refs) {
      ahead = new Map();
      const bySegment = new Map<string, BodyRef[]>();
      for (const r of refs) (bySegment.get(r[0]) ?? bySegment.set(r[0], []).get(r[0])!).push(r);
      for (const [segment, list] of bySegment) {
        const fd = fdOf(segment);
        if (fd === undefined || list.length < 2) continue;
        list.sort((a, b) => a[1] - b[1]);
        for (let i = 0; i < list.length; ) {
          let j = i + 1;
          let end = list[i][1] + list[i][2];
          while (j < list.length && list[j][1] - end <= PREFETCH_GAP && list[j][1] + list[j][2] - list[i][1] <= PREFETCH_READ) end = Math.max(end, list[j][1] + list[j++][2]);
          // One body alone is read when it is asked for, as without a prefetch.
          if (j - i > 1) {
            const from = list[i][1];
            const buf = Buffer.allocUnsafe(end - from);
            let got = 0;
            try {
              got = readSync(fd, buf, 0, buf.length, from);
            } catch {
              got = 0;
            }
            // A body the read did not reach (a segment cut short) is read, and found damaged, on its own.
            for (let k = i; k < j; k++) if (list[k][1] + list[k][2] - from <= got) ahead.set(aheadKey(segment, list[k][1]), buf.subarray(list[k][1] - from, list[k][1] - from + list[k][2]));
          }
          i = j;
        }
      }
    },
    read([segment, at, length, crc]) {
      const fd = fdOf(segment);
      if (fd === undefined) return undefined;
      try {
        const key = aheadKey(segment, at);
        let buf = ahead.get(key);
        if (buf && buf.length === length) ahead.delete(key);
        else {
          buf = Buffer.allocUnsafe(length);
          if (readSync(fd, buf, 0, length, at) !== length) {
            cacheDamaged('a body segment');
            return undefined;
          }
        }
        if (crc32(buf) !== crc) {
          cacheDamaged('a body segment');
          return undefined;
        }
        const [html, headings] = deserialize(buf) as [string, Body['headings']];
        return typeof html === 'string' && Array.isArray(headings) ? { html, headings } : undefined;
      } catch {
        return undefined;
      }
    },
    close() {
      for (const fd of fds.values()) if (fd !== undefined) closeSync(fd);
      fds.clear();
      ahead = new Map();
    },
  };
}

/** An unnamed segment is kept this long: a build still running may have written it. */
const SEGMENT_GRACE_MS = 60 * 60 * 1000;

/**
 * Removes the segments that no index names (`live`) and that no running build can be using: those
 * last written more than an hour ago. Also removes the bucket files of older caches.
 */
export function sweepSegments(cacheDir: string, live: ReadonlySet<string>, now = Date.now()): void {
  const dir = path.join(cacheDir, BODIES);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (live.has(name)) continue;
    const file = path.join(dir, name);
    try {
      if (/^[0-9a-f]{2}\.v8$/.test(name) || (SEGMENT.test(name) && now - statSync(file).mtimeMs > SEGMENT_GRACE_MS)) rmSync(file, { force: true });
    } catch {
      // Gone already: another build swept it.
    }
  }
}

/** Removes these segments now: ones a build wrote and then had no index to name them in (it failed). */
export function removeSegments(cacheDir: string, names: Iterable<string>): void {
  for (const name of names) if (SEGMENT.test(name)) rmSync(path.join(cacheDir, BODIES, name), { force: true });
}

/** For each segment the refs point into: its size, the bytes of it they name, and whether it is gone. */
function segmentUse(cacheDir: string, refs: Iterable<BodyRef>): Map<string, { live: number; size: number; missing?: boolean }> {
  const use = new Map<string, { live: number; size: number; missing?: boolean }>();
  for (const [segment, , length] of refs) {
    const u = use.get(segment) ?? use.set(segment, { live: 0, size: 0 }).get(segment)!;
    u.live += length;
  }
  for (const [segment, u] of use) {
    try {
      u.size = statSync(path.join(cacheDir, BODIES, segment)).size;
    } catch {
      u.size = u.live;
      u.missing = true;
    }
  }
  return use;
}

/**
 * Gives a place in a new segment to each article here whose body is only in memory (`fresh`, by
 * content hash): the index names bodies by place. Then, when enough of the segments in use are
 * mostly bodies no article names any more (edited since), or small, their live bodies are copied
 * into one new segment, so a cache that lives for years stays near the size of the archive.
 */
export function storeBodies(dir: string, fresh: ReadonlyMap<string, Body>, articles: Article[], unread: readonly UnreadBody[] = []): void {
  try {
    const unplaced = articles.filter((a) => !a.body && fresh.has(a.hash));
    if (unplaced.length > 0) {
      const refs = createSegmentWriter(dir)(unplaced.map((a) => fresh.get(a.hash)!));
      unplaced.forEach((a, i) => (a.body = refs[i]));
    }
    let placed = articles.filter((a) => a.body);
    const use = segmentUse(dir, [...placed.map((a) => a.body!), ...unread.map((u) => u.body)]);
    // An undecoded article is decoded when its body's place changes (below).
    const decode = (which: (segment: string) => boolean) => {
      for (const u of unread) if (which(u.body[0])) placed.push(u.article());
    };
    // A segment deleted meanwhile: its bodies are parsed again when they are needed.
    decode((s) => use.get(s)!.missing === true);
    for (const a of placed) if (use.get(a.body![0])!.missing) a.body = undefined;
    placed = placed.filter((a) => a.body);
    const sparse = new Set([...use].filter(([, u]) => !u.missing && (u.live < u.size / 2 || u.size < SMALL_SEGMENT)).map(([s]) => s));
    const dead = [...sparse].reduce((n, s) => n + use.get(s)!.size - use.get(s)!.live, 0);
    if (sparse.size < MAX_SPARSE_SEGMENTS && dead < MAX_DEAD_BYTES) return;
    decode((s) => sparse.has(s));
    const moving = placed.filter((a) => sparse.has(a.body![0]));
    const reader = createBodyReader(dir);
    const write = createSegmentWriter(dir);
    try {
      // In slices, so that the copy holds a few megabytes at a time.
      for (let i = 0; i < moving.length; i += 500) {
        const slice = moving.slice(i, i + 500).map((a) => [a, reader.read(a.body!)] as const);
        const found = slice.filter(([, b]) => b);
        const refs = write(found.map(([, b]) => b!));
        found.forEach(([a], k) => (a.body = refs[k]));
        // One that cannot be read is parsed again when it is needed.
        for (const [a, b] of slice) if (!b) a.body = undefined;
      }
    } finally {
      reader.close();
    }
  } catch {
    // Bodies without a place are parsed again by the build that needs them.
  }
}

/** Compaction: when this many segments are sparse or small, or hold this many unused bytes. */
const MAX_SPARSE_SEGMENTS = 16;
const MAX_DEAD_BYTES = 64 * 1024 * 1024;
const SMALL_SEGMENT = 4 * 1024 * 1024;

import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBodyReader, createSegmentWriter, storeBodies, sweepSegments } from '../../src/cache/bodies.js';
import type { Article } from '../../src/parse/source.js';

const body = (n: number) => ({ html: `<p>Body ${n} ${'x'.repeat(n % 50)}</p>`, headings: [{ depth: 2, id: `h${n}`, text: `Heading ${n}` }] });
const segments = (dir: string) => readdirSync(path.join(dir, 'bodies')).filter((f) => f.endsWith('.seg')).sort();

function articleOf(n: number): Article {
  return { source: `content/articles/a${n}.md`, hash: `hash${n}`, kind: 'article', meta: {} as Article['meta'], html: '', headings: [], words: 1, cjkChars: 0 };
}

describe('body segments (the cache folder\'s bodies/)', () => {
  it('reads back each body appended, across calls and writers, and nothing from a segment cut short', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dateline-seg-'));
    const one = createSegmentWriter(dir);
    const two = createSegmentWriter(dir);
    const refs = [...one([body(1), body(2)]), ...two([body(3)]), ...one([body(4), { html: '', headings: [] }, { html: '重庆 — 中文', headings: [] }])];
    expect(segments(dir)).toHaveLength(2);
    const reader = createBodyReader(dir);
    expect(refs.slice(0, 4).map((r) => reader.read(r))).toEqual([body(1), body(2), body(3), body(4)]);
    expect(reader.read(refs[4])).toEqual({ html: '', headings: [] });
    expect(reader.read(refs[5])!.html).toBe('重庆 — 中文');
    // Past the end, a name that is no segment, a segment that is gone.
    expect(reader.read([refs[0][0], 1_000_000, 10])).toBeUndefined();
    expect(reader.read(['../../etc/passwd', 0, 10])).toBeUndefined();
    expect(reader.read(['0123456789abcdef.seg', 0, 10])).toBeUndefined();
    reader.close();
  });

  it('reads ahead the bodies a batch asks for, those that lie together at once, and still checks each', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dateline-seg-'));
    const write = createSegmentWriter(dir);
    const refs = write(Array.from({ length: 40 }, (_, i) => body(i)));
    const other = createSegmentWriter(dir)([body(100), body(101)]);
    const file = path.join(dir, 'bodies', refs[0][0]);
    const reader = createBodyReader(dir);
    // Asked for out of order, across two segments, with a body of the batch left out (a gap).
    const batch = [...refs.slice(0, 30).filter((_, i) => i !== 7).reverse(), ...other];
    reader.prefetch(batch);
    // The segment emptied after the read ahead: what was read ahead is what is read, each body once.
    truncateSync(file, 0);
    expect(refs.slice(0, 30).filter((_, i) => i !== 7).map((r) => reader.read(r))).toEqual(Array.from({ length: 30 }, (_, i) => body(i)).filter((_, i) => i !== 7));
    expect(other.map((r) => reader.read(r))).toEqual([body(100), body(101)]);
    // Not read ahead (and the segment now empty), or read already: read from the file, as without a prefetch.
    expect(reader.read(refs[7])).toBeUndefined();
    expect(reader.read(refs[3])).toBeUndefined();
    reader.close();

    // A segment cut short before the read ahead: the bodies it still holds whole are read, the rest found damaged.
    const cut = mkdtempSync(path.join(tmpdir(), 'dateline-seg-'));
    const whole = createSegmentWriter(cut)(Array.from({ length: 10 }, (_, i) => body(i)));
    truncateSync(path.join(cut, 'bodies', whole[0][0]), whole[6][1] + 3);
    const again = createBodyReader(cut);
    again.prefetch(whole);
    expect(whole.map((r) => again.read(r))).toEqual([...Array.from({ length: 6 }, (_, i) => body(i)), undefined, undefined, undefined, undefined]);
    // A body read ahead whose bytes differ from the ones written (a damaged copy): its checksum refuses it.
    const bad = mkdtempSync(path.join(tmpdir(), 'dateline-seg-'));
    const three = createSegmentWriter(bad)([body(1), body(2), body(3)]);
    const seg = path.join(bad, 'bodies', three[0][0]);
    const bytes = readFileSync(seg);
    bytes[three[1][1] + 5] ^= 0xff;
    writeFileSync(seg, bytes);
    const checked = createBodyReader(bad);
    checked.prefetch(three);
    expect(three.map((r) => checked.read(r))).toEqual([body(1), undefined, body(3)]);
  });

  it('removes segments no index names once an hour old, keeps named and recent ones, and drops the old buckets', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dateline-seg-'));
    const [named] = createSegmentWriter(dir)([body(1)]);
    const [recent] = createSegmentWriter(dir)([body(2)]);
    const [old] = createSegmentWriter(dir)([body(3)]);
    const [oldNamed] = createSegmentWriter(dir)([body(4)]);
    const hoursAgo = (Date.now() - 2 * 3600_000) / 1000;
    utimesSync(path.join(dir, 'bodies', old[0]), hoursAgo, hoursAgo);
    utimesSync(path.join(dir, 'bodies', oldNamed[0]), hoursAgo, hoursAgo);
    writeFileSync(path.join(dir, 'bodies', 'ab.v8'), 'an old bucket');
    mkdirSync(path.join(dir, 'bodies', 'keep'));
    sweepSegments(dir, new Set([named[0], oldNamed[0]]));
    expect(segments(dir)).toEqual([named[0], recent[0], oldNamed[0]].sort());
    expect(existsSync(path.join(dir, 'bodies', 'ab.v8'))).toBe(false);
    expect(existsSync(path.join(dir, 'bodies', 'keep'))).toBe(true);
  });

  it('gives bodies held in memory a place, and copies the live bodies of many small segments into one', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dateline-seg-'));
    const articles = Array.from({ length: 40 }, (_, n) => articleOf(n));
    // Twenty builds that each parsed two articles in memory.
    for (let b = 0; b < 20; b++) {
      const fresh = new Map([articles[2 * b], articles[2 * b + 1]].map((a) => [a.hash, body(Number(a.hash.slice(4)))]));
      storeBodies(dir, fresh, articles.slice(0, 2 * b + 2));
      expect(articles.slice(0, 2 * b + 2).every((a) => a.body)).toBe(true);
    }
    // The count of small segments reached the limit, so they were merged: a handful remain in use.
    const inUse = new Set(articles.map((a) => a.body![0]));
    expect(inUse.size).toBeLessThan(16);
    const reader = createBodyReader(dir);
    articles.forEach((a, n) => expect(reader.read(a.body!)).toEqual(body(n)));
    reader.close();
    // The merged ones are unnamed now, and go once an hour old.
    sweepSegments(dir, inUse, Date.now() + 2 * 3600_000);
    expect(new Set(segments(dir))).toEqual(inUse);
    expect(statSync(path.join(dir, 'bodies')).isDirectory()).toBe(true);
  });

  it('counts the bodies of articles still undecoded in the index, and decodes those it moves or finds gone', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dateline-seg-'));
    const articles = Array.from({ length: 100 }, (_, n) => articleOf(n));
    // Twenty small segments of five bodies each.
    for (let g = 0; g < 20; g++) {
      const five = articles.slice(5 * g, 5 * g + 5);
      createSegmentWriter(dir)(five.map((a) => body(Number(a.hash.slice(4))))).forEach((ref, k) => (five[k].body = ref));
    }
    // A warm build decoded one article a segment; the index holds the other four undecoded.
    const decoded: number[] = [];
    const unread = articles.filter((_, n) => n % 5 !== 0).map((a) => ({ body: a.body!, article: () => (decoded.push(Number(a.hash.slice(4))), a) }));
    storeBodies(dir, new Map(), articles.filter((_, n) => n % 5 === 0), unread);
    // Many small segments: merged, the undecoded bodies with the rest, each decoded once to take its new place.
    expect(decoded.sort((x, y) => x - y)).toEqual(articles.map((_, n) => n).filter((n) => n % 5 !== 0));
    const inUse = new Set(articles.map((a) => a.body![0]));
    expect(inUse.size).toBe(1);
    const reader = createBodyReader(dir);
    articles.forEach((a, n) => expect(reader.read(a.body!)).toEqual(body(n)));
    reader.close();
    // Merged once: the next build, with the same split, moves nothing and decodes nothing.
    const places = articles.map((a) => a.body);
    decoded.length = 0;
    storeBodies(dir, new Map(), articles.filter((_, n) => n % 5 === 0), articles.filter((_, n) => n % 5 !== 0).map((a) => ({ body: a.body!, article: () => (decoded.push(0), a) })));
    expect(decoded).toEqual([]);
    expect(articles.map((a) => a.body)).toEqual(places);
    // A segment deleted: its undecoded articles are decoded and lose their place (parsed again when needed).
    rmSync(path.join(dir, 'bodies', [...inUse][0]));
    const gone = articles.filter((_, n) => n % 5 !== 0);
    storeBodies(dir, new Map(), [], gone.map((a) => ({ body: a.body!, article: () => a })));
    expect(gone.every((a) => a.body === undefined)).toBe(true);
  });
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IndexBaseline, IndexEntry, readCache, writeCache, writeCacheDelta, type CachedParse } from '../../src/cache/build-cache.js';
import type { Article } from '../../src/parse/source.js';

const KEY = 'test-key';

function articleOf(n: number, extra: Record<string, unknown> = {}): Article {
  return {
    source: `content/articles/a${n}.md`,
    hash: `hash${n}`,
    kind: 'article',
    meta: { title: `Story ${n}`, tags: [`t${n % 3}`], authors: ['Ran Zheng'], extra } as unknown as Article['meta'],
    html: `<p>Body ${n}</p>`,
    headings: [{ depth: 2, id: `h${n}`, text: `Part ${n}` }],
    words: 100 + n,
    cjkChars: 0,
    body: [`${String(n % 2).repeat(16)}.seg`, n * 10, 10, n],
  };
}

const rest = { key: KEY, templatesHash: 't', outDir: '/out', written: [] as [string, string][], statics: [] as [string, string][] };

function write(dir: string, parsed: [string, CachedParse][]): string {
  const id = writeCache(dir, { ...rest, parsed });
  expect(id).toBeDefined();
  return id!;
}

describe('the cache index, read an entry at a time', () => {
  it('gives each entry\'s hash, size, time, warnings and body segment without decoding its article, and the article when asked', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dateline-index-'));
    const warning = { severity: 'warning', code: 'LONG_TITLE', message: 'long', file: 'content/articles/a2.md' } as unknown as CachedParse['diagnostics'][number];
    write(dir, [
      ['content/articles/a1.md', { article: articleOf(1), diagnostics: [], size: 10, mtimeMs: 1.5 }],
      ['content/articles/a2.md', { article: articleOf(2), diagnostics: [warning], size: 20, mtimeMs: 2.5 }],
      ['content/articles/bad.md', { diagnostics: [{ ...warning, severity: 'error' }], size: 5, mtimeMs: 3 }],
    ]);
    const read = readCache(dir, KEY)!;
    const entries = new Map(read.parsed);
    const one = entries.get('content/articles/a1.md') as IndexEntry;
    expect(one).toBeInstanceOf(IndexEntry);
    expect(one.bytes).toBeDefined();
    expect([one.hash, one.size, one.mtimeMs, one.segment, one.bodyRef, one.diagnostics]).toEqual(['hash1', 10, 1.5, '1111111111111111.seg', ['1111111111111111.seg', 10, 10, 1], []]);
    // Still undecoded: what a one-article edit asks of the other entries costs no article.
    expect(one.bytes).toBeDefined();
    // Written without its body.
    expect(one.article).toEqual({ ...articleOf(1), html: '', headings: [] });
    expect(one.bytes).toBeUndefined();
    expect(entries.get('content/articles/a2.md')!.diagnostics).toEqual([warning]);
    const bad = entries.get('content/articles/bad.md') as IndexEntry;
    expect([bad.hash, bad.article, bad.diagnostics[0].severity]).toEqual([undefined, undefined, 'error']);
    expect(readCache(dir, 'another key')).toBeUndefined();
  });

  it('keeps new sizes and times of entries otherwise unchanged in the delta, by their place in the index, and applies them to those entries only', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dateline-index-'));
    const names = [1, 2, 3, 4].map((n) => `content/articles/a${n}.md`);
    const id = write(dir, names.map((p, i) => [p, { article: articleOf(i + 1), diagnostics: [], size: 10 + i, mtimeMs: 100 + i }]));
    const read = readCache(dir, KEY)!;
    const baseline = new IndexBaseline(read);
    const parsed = new Map(read.parsed);
    // As after a fresh checkout: a2 and a4 with new times, their bytes the same.
    for (const p of [names[1], names[3]]) parsed.get(p)!.mtimeMs = 999;
    const changes = baseline.changes(parsed, new Map(), { sources: 64, outputs: 640 })!;
    expect([...changes.parsed]).toEqual([]);
    expect([...changes.sigs].sort()).toEqual([names[1], names[3]]);
    writeCacheDelta(dir, id, rest, [], [], [...changes.sigs].map((p) => parsed.get(p) as IndexEntry));
    const again = readCache(dir, KEY)!;
    expect(again.parsed.map(([p, c]) => [p, c.size, c.mtimeMs])).toEqual([
      [names[0], 10, 100],
      [names[1], 11, 999],
      [names[2], 12, 102],
      [names[3], 13, 999],
    ]);
    expect([...(again.fromDelta.sigs ?? [])].sort()).toEqual([names[1], names[3]]);
    // The next delta carries them, and one whose file then changed goes whole instead.
    const next = new IndexBaseline(again);
    const now = new Map(again.parsed);
    now.set(names[1], { article: articleOf(22), diagnostics: [], size: 30, mtimeMs: 1000 });
    const carried = next.changes(now, new Map(), { sources: 64, outputs: 640 })!;
    expect([...carried.parsed]).toEqual([names[1]]);
    expect([...carried.sigs]).toEqual([names[3]]);
    // Entries read from another index (a builder's, since written again in another order) go whole: their places are not this index's.
    const other = new IndexBaseline({ ...read, id: 'another-index' });
    const moved = new Map(read.parsed);
    moved.get(names[0])!.mtimeMs = 555;
    const whole = other.changes(moved, new Map(), { sources: 64, outputs: 640 })!;
    expect([...whole.parsed]).toContain(names[0]);
    expect([...whole.sigs]).not.toContain(names[0]);
  });

  it('writes an entry it never decoded back byte for byte, and one the build replaced as it is now', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dateline-index-'));
    write(dir, [1, 2, 3].map((n) => [`content/articles/a${n}.md`, { article: articleOf(n), diagnostics: [], size: n, mtimeMs: n }]));
    const read = readCache(dir, KEY)!;
    const baseline = new IndexBaseline(read);
    const parsed = new Map(read.parsed);
    // a2 decoded and left as it was; a3 decoded and its body moved to another segment.
    void parsed.get('content/articles/a2.md')!.article;
    parsed.get('content/articles/a3.md')!.article!.body = ['ffffffffffffffff.seg', 0, 1, 2];
    expect([...baseline.changes(parsed, new Map(), { sources: 100, outputs: 100 })!.parsed]).toEqual(['content/articles/a3.md']);
    const kept = Buffer.from((parsed.get('content/articles/a1.md') as IndexEntry).bytes!);
    write(dir, [...parsed]);
    const again = new Map(readCache(dir, KEY)!.parsed);
    // a1, never decoded, went out as it came in.
    expect(Buffer.from((again.get('content/articles/a1.md') as IndexEntry).bytes!).equals(kept)).toBe(true);
    expect([1, 2, 3].map((n) => again.get(`content/articles/a${n}.md`)!.article!.body![0])).toEqual(['1111111111111111.seg', '0000000000000000.seg', 'ffffffffffffffff.seg']);
    expect(again.get('content/articles/a1.md')!.article).toEqual({ ...articleOf(1), html: '', headings: [] });
  });

  it('reads back each article alone when articles share objects, with one another or within', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dateline-index-'));
    const shared = { value: 'one object', list: [1, 2] };
    const within = { n: 1 };
    // An Error's cause is written by V8 but hidden from a walk of its keys.
    const articles = [articleOf(1, { a: shared }), articleOf(2, { b: shared, c: within, d: within }), articleOf(3, { when: new Date(0), map: new Map([['k', shared]]) }), articleOf(4, { e: new Error('x', { cause: shared }) }), articleOf(5)];
    write(dir, articles.map((a, i) => [a.source, { article: a, diagnostics: [], size: i, mtimeMs: i }]));
    const entries = new Map(readCache(dir, KEY)!.parsed);
    // Each decoded on its own, in no order: none may name an object written in another.
    for (const i of [4, 3, 1, 0, 2]) expect(entries.get(articles[i].source)!.article).toEqual({ ...articles[i], html: '', headings: [] });
    expect(((entries.get(articles[3].source)!.article!.meta.extra as Record<string, Error>).e.cause as typeof shared).value).toBe('one object');
    const two = entries.get(articles[1].source)!.article!.meta.extra as Record<string, unknown>;
    expect(two.c).toBe(two.d);
  });

  it('reads back each of a thousand articles alone when they share objects across the runs one serializer writes', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dateline-index-'));
    // A new serializer every 256 articles (build-cache.ts, APART_RUN): an object first written in
    // one run and met again in a later one, or in the first article of a run, is written whole.
    const shared = Array.from({ length: 8 }, (_, k) => ({ value: `shared ${k}`, list: [k] }));
    const articles = Array.from({ length: 1000 }, (_, n) => articleOf(n, n % 7 === 0 ? { box: shared[n % 8], n } : { n, own: { at: n } }));
    write(dir, articles.map((a, i) => [a.source, { article: a, diagnostics: [], size: i, mtimeMs: i }]));
    const entries = new Map(readCache(dir, KEY)!.parsed);
    // Each on its own, from the last: none may name an object written in another.
    for (let i = articles.length - 1; i >= 0; i--) expect(entries.get(articles[i].source)!.article).toEqual({ ...articles[i], html: '', headings: [] });
  });
});

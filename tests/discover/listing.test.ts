import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { discover, newTrail, type ListingTrail } from '../../src/discover/discover.js';
import { listedStill, listingRecord } from '../../src/discover/listing.js';
import { checkOf } from '../../src/cache/damage.js';
import { cli, coldBuild, dateline, md, tree, writeSite } from '../helpers/site.js';

// A build takes the site's files from the cache's record of its last listing while every folder it
// listed holds the same entries (src/discover/listing.ts). The record must never stand for a
// listing that would now find something else: a story added, deleted or renamed, in a folder or
// under one, a folder put in a file's place or a symlink in a folder's.

const THEME_STATIC = path.join(path.dirname(new URL(import.meta.url).pathname), '..', '..', 'static');
const NOW = ['--now', '2026-01-01T00:00:00Z'];
const KEY = 'test';

const story = (title: string) => md({ title, date: '2025-03-01', author: 'Li Wei', tags: ['Rail'] });

async function listed(dir: string): Promise<{ trail: ListingTrail; record: Uint8Array | undefined }> {
  const trail = newTrail();
  const files = await discover(dir, THEME_STATIC, trail);
  return { trail, files, record: listingRecord(trail, files, KEY) };
}

const sources = (files: { sources: { path: string }[] } | undefined) => files?.sources.map((s) => s.path);

describe('the record of the last listing', () => {
  it('stands while the folders hold the same entries (a fresh checkout\'s new times too), and not after a story is added, deleted or renamed in any folder listed, or a folder is replaced', async () => {
    const dir = writeSite({
      'content/articles/2025/a.md': story('A'),
      'content/articles/2025/deep/b.md': story('B'),
      'content/pages/about.md': md({ title: 'About' }),
      'static/images/x.txt': 'x',
      // Passed over by the listing, and by the comparison.
      'content/_drafts/d.md': story('D'),
    });
    const { trail, files, record } = await listed(dir);
    expect(trail.recordable).toBe(true);
    // What the record gives back is what the listing found, each source's absolute path and kind too.
    expect(listedStill(Buffer.from(record!), KEY)).toEqual(files);
    expect(files.sources.map((s) => s.kind)).toEqual(['article', 'article', 'page']);
    // Sources not all under one prefix are kept as they are.
    const odd = { ...files, sources: [...files.sources, { path: 'content/articles/z.md', abs: '/elsewhere/z.md', kind: 'article' as const }] };
    expect(listedStill(Buffer.from(listingRecord(trail, odd, KEY)!), KEY)).toEqual(odd);
    expect([...trail.folders.keys()]).toEqual(expect.arrayContaining([path.join(dir, 'content'), path.join(dir, 'content/articles/2025/deep'), path.join(dir, 'static/images')]));
    // Each entry a type letter and its name.
    expect(trail.folders.get(path.join(dir, 'content/articles/2025'))!.sort()).toEqual(['ddeep', 'fa.md']);
    const bytes = Buffer.from(record!);
    expect(sources(listedStill(bytes, KEY))).toEqual(['content/articles/2025/a.md', 'content/articles/2025/deep/b.md', 'content/pages/about.md']);
    // Another code, site or theme: not this record.
    expect(listedStill(bytes, 'other')).toBeUndefined();
    // An edit in place changes a file, not its folder; a checkout gives every folder a new time;
    // a draft folder's files are not listed.
    writeFileSync(path.join(dir, 'content/articles/2025/a.md'), story('A, edited'));
    const later = new Date(Date.now() + 60_000);
    for (const f of readdirSync(dir, { recursive: true }) as string[]) utimesSync(path.join(dir, f), later, later);
    writeFileSync(path.join(dir, 'content/_drafts/e.md'), story('E'));
    expect(listedStill(bytes, KEY)).toBeDefined();

    const changes: [string, (d: string) => void][] = [
      ['a story added in a folder two down', (d) => writeFileSync(path.join(d, 'content/articles/2025/deep/c.md'), story('C'))],
      ['a story deleted', (d) => rmSync(path.join(d, 'content/articles/2025/a.md'))],
      ['a story renamed', (d) => renameSync(path.join(d, 'content/articles/2025/deep/b.md'), path.join(d, 'content/articles/2025/deep/b2.md'))],
      ['a static file added', (d) => writeFileSync(path.join(d, 'static/images/y.txt'), 'y')],
      ['a folder added', (d) => mkdirSync(path.join(d, 'content/articles/2026'))],
      ['a file put where a folder was, under its name', (d) => {
        rmSync(path.join(d, 'content/articles/2025/deep'), { recursive: true });
        writeFileSync(path.join(d, 'content/articles/2025/deep'), 'x');
      }],
      ['a folder replaced by a symlink to a copy of it', (d) => {
        const copy = mkdtempSync(path.join(tmpdir(), 'dateline-copy-'));
        renameSync(path.join(d, 'content/articles/2025/deep'), path.join(copy, 'deep'));
        symlinkSync(path.join(copy, 'deep'), path.join(d, 'content/articles/2025/deep'));
      }],
      ['content/ moved elsewhere and linked back', (d) => {
        const shared = mkdtempSync(path.join(tmpdir(), 'dateline-shared-'));
        renameSync(path.join(d, 'content'), path.join(shared, 'content'));
        symlinkSync(path.join(shared, 'content'), path.join(d, 'content'));
      }],
      // Names the listing passes over, at the top of a folder it lists: the build warns of them.
      ['a content/_posts/ folder made', (d) => mkdirSync(path.join(d, 'content/_posts'))],
      ['a static/_headers file added', (d) => writeFileSync(path.join(d, 'static/_headers'), '/*\n  X: y\n')],
    ];
    const sites = changes.map(() => writeSite({ 'content/articles/2025/a.md': story('A'), 'content/articles/2025/deep/b.md': story('B'), 'static/images/x.txt': 'x' }));
    // A folder the listing was to list and did not find: made later, it is listed.
    const bare = writeSite({ 'content/articles/a.md': story('A') });
    const unmade = (await listed(bare)).record!;
    expect(listedStill(Buffer.from(unmade), KEY)).toBeDefined();
    writeFileSync(path.join(bare, 'content/articles/a.md'), story('A, edited'));
    expect(listedStill(Buffer.from(unmade), KEY)).toBeDefined();
    mkdirSync(path.join(bare, 'static'));
    expect(listedStill(Buffer.from(unmade), KEY)).toBeUndefined();
    for (const [i, [what, change]] of changes.entries()) {
      const r = (await listed(sites[i])).record;
      expect(r, what).toBeDefined();
      expect(listedStill(Buffer.from(r!), KEY), what).toBeDefined();
      change(sites[i]);
      expect(listedStill(Buffer.from(r!), KEY), what).toBeUndefined();
    }
  });

  it('a build with no static/ yet, then one with the photos put there: no warning left from the record (the real bin)', async () => {
    const flood = '---\ntitle: Flood\ndate: 2025-12-01 09:00\nauthor: Li Wei\nimage:\n  src: /images/lead.jpg\n  alt: The river\n---\n\nText.\n';
    const dir = writeSite({ 'content/articles/flood.md': flood });
    const first = await cli(['build', dir, ...NOW]);
    expect(first.code).toBe(0);
    expect(first.stderr).toContain('warning[MISSING_IMAGE] content/articles/flood.md:6:8');
    writeSite({ 'static/images/lead.jpg': 'jpeg bytes', 'static/_headers': '/*\n  X: y\n' }, dir);
    const second = await cli(['build', dir, ...NOW]);
    expect(second.code).toBe(0);
    expect(second.stderr).not.toContain('MISSING_IMAGE');
    expect(second.stderr).toContain('warning[NOT_PUBLISHED] static/_headers');
    expect(existsSync(path.join(dir, 'dist/images/lead.jpg'))).toBe(true);
  });

  it('is not made for a listing that met a symlink, read a .txt story or found a content/_posts (a symlink to nothing too)', async () => {
    const linked = writeSite({ 'content/articles/a.md': story('A'), 'notes/b.md': story('B') });
    symlinkSync(path.join(linked, 'notes/b.md'), path.join(linked, 'content/articles/b.md'));
    const text = writeSite({ 'content/articles/a.md': story('A'), 'content/articles/old.txt': 'no front matter' });
    const jekyll = writeSite({ 'content/articles/a.md': story('A'), 'content/_posts/2020-01-01-old.md': story('Old') });
    // A symlink to posts not there yet: what the build says of it depends on the folder it names.
    const pending = writeSite({ 'content/articles/a.md': story('A') });
    symlinkSync('../posts-to-come', path.join(pending, 'content/_posts'));
    for (const dir of [linked, text, jekyll, pending]) {
      const { trail, record } = await listed(dir);
      expect(trail.recordable).toBe(false);
      expect(record).toBeUndefined();
    }
  });

  it('a build takes the files from it while the folders stand, lists them again when one changed, and a damaged record is noted and not used', async () => {
    const dir = writeSite({ 'content/articles/2025/a.md': story('Alpha'), 'content/articles/2025/b.md': story('Bravo') });
    expect((await dateline(['build', dir, ...NOW])).code).toBe(0);
    const file = path.join(dir, '.dateline-cache', 'listing.v1');
    expect(existsSync(file)).toBe(true);
    // The record is what the next build lists: shown by one with a story taken out of it (and the
    // check made again), which the build then leaves out although the file is there.
    const body = readFileSync(file).subarray(0, -8);
    const record = deserialize(body) as { files: { sources: { prefix: string; paths: string; kinds: string } } };
    const { paths, kinds } = record.files.sources;
    const keep = paths.split('\0').map((p, i) => [p, kinds[i]!] as const).filter(([p]) => !p.endsWith('b.md'));
    expect(keep).toHaveLength(1);
    record.files.sources = { ...record.files.sources, paths: keep.map(([p]) => p).join('\0'), kinds: keep.map(([, k]) => k).join('') };
    const forged = serialize(record);
    writeFileSync(file, Buffer.concat([forged, checkOf(forged.length, crc32(forged))]));
    const out = path.join(dir, 'dist');
    expect((await dateline(['build', dir, ...NOW])).code).toBe(0);
    expect(existsSync(path.join(out, '2025/03/01/b/index.html'))).toBe(false);
    // A story added beside them changes the folder: listed again, b.md with it, as a cold build.
    writeFileSync(path.join(dir, 'content/articles/2025/c.md'), story('Charlie'));
    expect((await dateline(['build', dir, ...NOW])).code).toBe(0);
    const cold = path.join(mkdtempSync(path.join(tmpdir(), 'dateline-cold-')), 'dist');
    await coldBuild(dir, cold, { now: NOW[1] });
    expect(tree(out)).toEqual(tree(cold));
    expect(existsSync(path.join(out, '2025/03/01/b/index.html'))).toBe(true);
    expect(existsSync(path.join(out, '2025/03/01/c/index.html'))).toBe(true);
    // Cut short: said once, and built as without it.
    writeFileSync(file, readFileSync(file).subarray(0, 100));
    rmSync(path.join(dir, 'content/articles/2025/a.md'));
    const r = await dateline(['build', dir, ...NOW]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^note: the build cache was damaged \(its listing\)/);
    expect(existsSync(path.join(out, '2025/03/01/a/index.html'))).toBe(false);
  });
});

import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { discover, newTrail, type ListingTrail } from '../../src/discover/discover.js';
import { listedStill, listingRecord } from '../../src/discover/listing.js';
import { checkOf } from '../../src/cache/damage.js';
import { coldBuild, dateline, md, tree, writeSite } from '../helpers/site.js';

// A build takes the site's files from the cache's record of its last listing while no folder it
// listed has changed (src/discover/listing.ts). The record must never stand for a listing that
// would now find something else: a story added, deleted or renamed, in a folder or under one.

const THEME_STATIC = path.join(path.dirname(new URL(import.meta.url).pathname), '..', '..', 'static');
const NOW = ['--now', '2026-01-01T00:00:00Z'];
const KEY = 'test';

/** A folder's change time cannot be set back: a record vouches only for folders this long unchanged. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 2100));

const story = (title: string) => md({ title, date: '2025-03-01', author: 'Li Wei', tags: ['Rail'] });

async function listed(dir: string): Promise<{ trail: ListingTrail; record: Uint8Array | undefined }> {
  const trail = newTrail();
  const files = await discover(dir, THEME_STATIC, trail);
  return { trail, record: listingRecord(trail, files, KEY) };
}

const sources = (files: { sources: { path: string }[] } | undefined) => files?.sources.map((s) => s.path);

describe('the record of the last listing', () => {
  it('stands while no folder changed, and not after a story is added, deleted or renamed in any folder listed, or a folder is replaced', async () => {
    const dir = writeSite({
      'content/articles/2025/a.md': story('A'),
      'content/articles/2025/deep/b.md': story('B'),
      'content/pages/about.md': md({ title: 'About' }),
      'static/images/x.txt': 'x',
    });
    await settle();
    const { trail, record } = await listed(dir);
    expect(trail.recordable).toBe(true);
    expect(trail.folders).toEqual(expect.arrayContaining([path.join(dir, 'content'), path.join(dir, 'content/articles/2025/deep'), path.join(dir, 'static/images')]));
    const bytes = Buffer.from(record!);
    expect(sources(listedStill(bytes, KEY))).toEqual(['content/articles/2025/a.md', 'content/articles/2025/deep/b.md', 'content/pages/about.md']);
    // Another code, site or theme: not this record.
    expect(listedStill(bytes, 'other')).toBeUndefined();
    // An edit in place changes a file, not its folder.
    writeFileSync(path.join(dir, 'content/articles/2025/a.md'), story('A, edited'));
    expect(listedStill(bytes, KEY)).toBeDefined();

    const changes: [string, (d: string) => void][] = [
      ['a story added in a folder two down', (d) => writeFileSync(path.join(d, 'content/articles/2025/deep/c.md'), story('C'))],
      ['a story deleted', (d) => rmSync(path.join(d, 'content/articles/2025/a.md'))],
      ['a story renamed', (d) => renameSync(path.join(d, 'content/articles/2025/deep/b.md'), path.join(d, 'content/articles/2025/deep/b2.md'))],
      ['a static file added', (d) => writeFileSync(path.join(d, 'static/images/y.txt'), 'y')],
      ['a folder added', (d) => mkdirSync(path.join(d, 'content/articles/2026'))],
      ['a folder replaced by a symlink to a copy of it', (d) => {
        const copy = mkdtempSync(path.join(tmpdir(), 'dateline-copy-'));
        renameSync(path.join(d, 'content/articles/2025/deep'), path.join(copy, 'deep'));
        symlinkSync(path.join(copy, 'deep'), path.join(d, 'content/articles/2025/deep'));
      }],
    ];
    const sites = changes.map(() => writeSite({ 'content/articles/2025/a.md': story('A'), 'content/articles/2025/deep/b.md': story('B'), 'static/images/x.txt': 'x' }));
    await settle();
    for (const [i, [what, change]] of changes.entries()) {
      const r = (await listed(sites[i])).record;
      expect(r, what).toBeDefined();
      expect(listedStill(Buffer.from(r!), KEY), what).toBeDefined();
      change(sites[i]);
      expect(listedStill(Buffer.from(r!), KEY), what).toBeUndefined();
    }
  }, 30_000);

  it('is not made for a listing that met a symlink or read a .txt story, nor while a folder has just changed', async () => {
    const linked = writeSite({ 'content/articles/a.md': story('A'), 'notes/b.md': story('B') });
    symlinkSync(path.join(linked, 'notes/b.md'), path.join(linked, 'content/articles/b.md'));
    const text = writeSite({ 'content/articles/a.md': story('A'), 'content/articles/old.txt': 'no front matter' });
    await settle();
    for (const dir of [linked, text]) {
      const { trail, record } = await listed(dir);
      expect(trail.recordable).toBe(false);
      expect(record).toBeUndefined();
    }
    // Folders written a moment ago (a file system that keeps times to the second could give a
    // change made while they were listed the time they had).
    const fresh = writeSite({ 'content/articles/a.md': story('A') });
    const { trail, record } = await listed(fresh);
    expect(trail.recordable).toBe(true);
    expect(record).toBeUndefined();
  });

  it('a build takes the files from it while the folders stand, lists them again when one changed, and a damaged record is noted and not used', async () => {
    const dir = writeSite({ 'content/articles/2025/a.md': story('Alpha'), 'content/articles/2025/b.md': story('Bravo') });
    await settle();
    expect((await dateline(['build', dir, ...NOW])).code).toBe(0);
    const file = path.join(dir, '.dateline-cache', 'listing.v1');
    expect(existsSync(file)).toBe(true);
    // The record is what the next build lists: shown by one with a story taken out of it (and the
    // check made again), which the build then leaves out although the file is there.
    const body = readFileSync(file).subarray(0, -8);
    const record = deserialize(body) as { files: { sources: { path: string }[] } };
    record.files.sources = record.files.sources.filter((s) => !s.path.endsWith('b.md'));
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
  }, 30_000);
});

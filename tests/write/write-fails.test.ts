import { appendFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { walkFiles } from '../../src/write/walk.js';
import { cli, md, tree, writeSite } from '../helpers/site.js';

const NOW = '2026-01-01T00:00:00Z';

function smallSite(): string {
  const files: Record<string, string> = {};
  for (let i = 1; i <= 6; i++) files[`content/articles/story-${i}.md`] = md({ title: `Story ${i}`, date: `2025-01-0${i}`, author: 'Li Wei', tags: ['city'] });
  return writeSite(files);
}

const stagedFiles = (out: string) => {
  const found: string[] = [];
  walkFiles(out, (abs, rel) => abs.includes('.dateline-tmp-') && found.push(rel));
  return found;
};

// A cached build writes its changed pages into the live dist/. A write that fails part of the way
// (a full disk, a quota, a file in the way) must leave the old site whole: not some pages new and
// the rest old, nor a temporary file that a sync to the CDN would publish.
describe('a cached build whose writes into dist/ fail part of the way', () => {
  it('leaves dist/ the old site, whole, exits 2, and the next build is whole', async () => {
    const dir = smallSite();
    const out = path.join(dir, 'dist');
    expect((await cli(['build', dir, '--now', NOW, '-q'])).code).toBe(0);
    const old = tree(out);
    // Every page changes (a new story in every listing and feed), and one of the last to be
    // written cannot be: a file stands where the page of the new story's new tag goes.
    appendFileSync(path.join(dir, 'content/articles/story-3.md'), '\nA correction.\n');
    writeFileSync(path.join(dir, 'content/articles/story-7.md'), md({ title: 'Story 7', date: '2025-01-07', author: 'Li Wei', tags: ['city', 'harbour'] }));
    writeFileSync(path.join(out, 'tags/harbour'), 'in the way');
    const r = await cli(['build', dir, '--now', NOW, '--json']);
    expect(r.code, r.stderr).toBe(2);
    expect(JSON.parse(r.stdout).errors[0].code).toBe('SYSTEM_ERROR');
    const after = tree(out);
    after.delete('tags/harbour');
    expect(after).toEqual(old);
    expect(stagedFiles(out)).toEqual([]);
    // No marker of files left beside their places, and no folder the build had made for them.
    expect(readdirSync(dir).filter((n) => n.startsWith('.dist.'))).toEqual([]);

    rmSync(path.join(out, 'tags/harbour'));
    expect((await cli(['build', dir, '--now', NOW, '-q'])).code).toBe(0);
    const fresh = path.join(dir, 'fresh');
    expect((await cli(['build', dir, '--now', NOW, '-q', '--no-cache', '-o', fresh])).code).toBe(0);
    expect(tree(out)).toEqual(tree(fresh));
  });
});

// A read-only checkout keeps the default cache folder in the site, where the build may not write.
// Found only when the cache was saved, after the new site was swapped in, the build said exit 2
// with dist/ already replaced.
describe('a cache folder the build may not write', () => {
  it('stops the build with exit 2 before it writes anything', async () => {
    const dir = smallSite();
    const out = path.join(dir, 'dist');
    expect((await cli(['build', dir, '--now', NOW, '-q', '--no-cache'])).code).toBe(0);
    const old = tree(out);
    appendFileSync(path.join(dir, 'content/articles/story-3.md'), '\nA correction.\n');
    // A file where the cache folder goes (as root, which the tests may run as, a read-only
    // folder would still be written).
    const cache = path.join(dir, 'cache-file');
    writeFileSync(cache, 'in the way');
    const r = await cli(['build', dir, '--now', NOW, '--cache-dir', cache]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(cache);
    expect(r.stderr).toContain('--no-cache');
    expect(tree(out)).toEqual(old);
  });
});

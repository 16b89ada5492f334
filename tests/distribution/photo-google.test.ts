import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { cli, md, writeSite } from '../helpers/site.js';
import { jpeg, png } from '../helpers/photos.js';
import { config, jsonLd } from './helpers.js';

const NOW = '2026-01-01T00:00:00Z';

/** A site with photo files, written to a temp folder. */
function photoDir(files: Record<string, string>, photos: Record<string, Buffer>) {
  const dir = writeSite(files);
  for (const [rel, bytes] of Object.entries(photos)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), bytes);
  }
  return dir;
}

const story = (title: string, date: string, image: object) => md({ title, date, author: 'Li Wei', image }, 'Text.');

describe("what Google News and Discover need of a lead photo", () => {
  it('LEAD_PHOTO_SMALL and CROP_SHAPE from the CLI: at the front-matter line, with the fix; crops in JSON-LD are ImageObjects with their sizes', async () => {
    const dir = photoDir(
      {
        'dateline.config.ts': config(),
        'content/a.md': story('Small lead', '2025-12-20 09:30', { src: '/images/small.jpg', alt: 'Small', crops: ['/images/square.jpg', '/images/banner.jpg', '/images/wide.jpg'] }),
        // The same small photo on an older story: one warning for the file, which says so.
        'content/b.md': story('Older', '2025-12-19 09:30', { src: '/images/small.jpg', alt: 'Small' }),
        'content/c.md': story('Fine', '2025-12-18 09:30', { src: '/images/big.jpg', alt: 'Big' }),
      },
      { 'static/images/logo.png': png(360, 64), 'static/images/small.jpg': jpeg(120, 90), 'static/images/square.jpg': jpeg(1200, 1200), 'static/images/banner.jpg': png(1500, 500), 'static/images/wide.jpg': jpeg(1600, 901), 'static/images/big.jpg': jpeg(1600, 900) },
    );
    const r = await cli(['build', dir, '--now', NOW]);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
    expect([...r.stderr.matchAll(/^warning\[(\w+)\] (\S+)$/gm)].map((m) => [m[1], m[2]])).toEqual([
      // md() writes `image` on one line (5): the column is the photo's.
      ['LEAD_PHOTO_SMALL', 'content/a.md:5:16'],
      ['CROP_SHAPE', 'content/a.md:5:80'],
    ]);
    expect(r.stderr).toContain("The lead photo, /images/small.jpg, is 120×90 pixels (static/images/small.jpg): Google Discover shows a story's photo large only when it is at least 1200 pixels wide, so this story gets a small thumbnail there. 1 other page shows it too.");
    expect(r.stderr).toContain('fix: Replace static/images/small.jpg with the photo at least 1200 pixels wide');
    expect(r.stderr).toContain('The crop /images/banner.jpg is 1500×500 pixels, 3:1 (static/images/banner.jpg)');
    expect(r.stderr).toContain('fix: Cut the photo again to 16:9 (such as 1600×900), 4:3 (1600×1200) or 1:1 (1200×1200)');
    const ld = jsonLd(await import('node:fs').then((fs) => fs.readFileSync(path.join(dir, 'dist/2025/12/20/a/index.html'), 'utf8'))).find((j) => j['@type'] === 'NewsArticle');
    expect(ld.image).toEqual([
      { '@type': 'ImageObject', url: 'https://news.example.org/images/small.jpg', width: 120, height: 90 },
      { '@type': 'ImageObject', url: 'https://news.example.org/images/square.jpg', width: 1200, height: 1200 },
      { '@type': 'ImageObject', url: 'https://news.example.org/images/banner.jpg', width: 1500, height: 500 },
      { '@type': 'ImageObject', url: 'https://news.example.org/images/wide.jpg', width: 1600, height: 901 },
    ]);
    // --strict fails on them, as on any warning.
    expect((await cli(['build', dir, '--now', NOW, '--strict'])).code).toBe(1);
  });

  it('an archive of many small lead photos: the newest 20 each at its line, the rest one warning that counts them; photos.minLeadWidth sets the limit, 0 none', async () => {
    const files: Record<string, string> = { 'dateline.config.ts': config() };
    const photos: Record<string, Buffer> = { 'static/images/logo.png': png(360, 64) };
    for (let i = 0; i < 300; i++) {
      const day = String(1 + (i % 28)).padStart(2, '0');
      const month = String(1 + Math.floor(i / 28)).padStart(2, '0');
      files[`content/old-${i}.md`] = story(`Old story ${i}`, `2015-${month}-${day} 09:30`, { src: `/images/old-${i}.jpg`, alt: 'Old' });
      photos[`static/images/old-${i}.jpg`] = jpeg(640, 480);
    }
    const dir = photoDir(files, photos);
    const r = await build({ siteDir: dir, mode: 'memory', now: NOW });
    const small = r.diagnostics.filter((d) => d.code === 'LEAD_PHOTO_SMALL');
    expect(small).toHaveLength(21);
    // The newest stories' photos each at its line; the summary has no line of its own.
    const placed = small.filter((d) => d.file);
    expect(placed.map((d) => d.file).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `content/old-${280 + i}.md`).sort());
    expect(placed.every((d) => d.line === 5)).toBe(true);
    const rest = small.find((d) => !d.file)!;
    expect(rest.message).toMatch(/^280 more lead photos are narrower than 1200 pixels, each in older stories than those above \(the oldest: \/images\/old-0\.jpg in content\/old-0\.md\)/);
    expect(rest.hint).toContain('`photos.minLeadWidth`');

    writeFileSync(path.join(dir, 'dateline.config.ts'), config('photos: { minLeadWidth: 600 },'));
    expect((await build({ siteDir: dir, mode: 'memory', now: NOW })).diagnostics.filter((d) => d.code === 'LEAD_PHOTO_SMALL')).toHaveLength(0);
    writeFileSync(path.join(dir, 'dateline.config.ts'), config('photos: { minLeadWidth: 800 },'));
    expect((await build({ siteDir: dir, mode: 'memory', now: NOW })).diagnostics.filter((d) => d.code === 'LEAD_PHOTO_SMALL')).toHaveLength(21);
    writeFileSync(path.join(dir, 'dateline.config.ts'), config('photos: { minLeadWidth: 0 },'));
    expect((await build({ siteDir: dir, mode: 'memory', now: NOW })).diagnostics.filter((d) => d.code === 'LEAD_PHOTO_SMALL')).toHaveLength(0);
  }, 60_000);
});

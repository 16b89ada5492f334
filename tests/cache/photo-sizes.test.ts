import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, coldBuild, md, tree, writeSite } from '../helpers/site.js';
import { jpeg, png } from '../helpers/photos.js';

const NOW = ['--now', '2026-01-01T00:00:00Z'];

/** A warm build (cache and dist kept) against a cold one of the same sources, byte for byte. */
async function expectWarmEqualsCold(dir: string, warmOut: string) {
  const warm = await cli(['build', dir, '--out', warmOut, ...NOW]);
  expect(warm.code, warm.stdout + warm.stderr).toBe(0);
  const coldOut = path.join(mkdtempSync(path.join(tmpdir(), 'dateline-cold-')), 'dist');
  await coldBuild(dir, coldOut, { now: NOW[1] });
  expect(tree(warmOut)).toEqual(tree(coldOut));
  return warm.stdout + warm.stderr;
}

const story = (body: string) =>
  md({ title: 'Rail freight doubles', date: '2025-12-20 09:30', author: 'Li Wei', tags: ['Rail'], image: { src: '/images/lead.jpg', alt: 'A train' } }, body);
/** Writes a file of the site, its folder made first. */
const put = (dir: string, rel: string, bytes: Buffer | string) => {
  mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  writeFileSync(path.join(dir, rel), bytes);
};
const bundled = md({ title: 'Flood defences', date: '2025-12-21 09:30', author: 'Li Wei', tags: ['Rail'] }, 'The river.\n\n![The river](river.png)\n');

describe('the build cache and photo sizes', () => {
  it('a photo replaced by one of another size under the same name: a warm build writes what a cold one does', async () => {
    const dir = writeSite({
      'content/rail.md': story('The trains run daily.\n\n![The yard](/images/yard.png)\n'),
      'content/flood-defences/index.md': bundled,
    });
    put(dir, 'static/images/lead.jpg', jpeg(1600, 900));
    put(dir, 'static/images/yard.png', png(1200, 800));
    put(dir, 'content/flood-defences/river.png', png(640, 480));
    const out = path.join(dir, 'dist');
    await expectWarmEqualsCold(dir, out);
    const page = () => readFileSync(path.join(out, '2025/12/20/rail/index.html'), 'utf8');
    expect(page()).toContain('width="1600" height="900"');
    expect(page()).toContain('width="1200" height="800"');

    // The lead photo (article page, listings, og:image) and the body photo, each another shape.
    put(dir, 'static/images/lead.jpg', jpeg(1200, 1200));
    put(dir, 'static/images/yard.png', png(800, 1200));
    put(dir, 'content/flood-defences/river.png', png(480, 640));
    await expectWarmEqualsCold(dir, out);
    expect(page()).toContain('<img src="/images/lead.jpg" alt="A train" width="1200" height="1200">');
    expect(page()).toContain('<meta property="og:image:height" content="1200">');
    expect(page()).toContain('width="800" height="1200"');
    expect(readFileSync(path.join(out, 'tags/rail/index.html'), 'utf8')).toContain('width="1200" height="1200"');
    expect(readFileSync(path.join(out, '2025/12/21/flood-defences/index.html'), 'utf8')).toContain('width="480" height="640"');

    // A body edit (the cache's fast path, from the last build's plan) keeps the sizes.
    put(dir, 'content/rail.md', story('The trains run twice a day.\n\n![The yard](/images/yard.png)\n'));
    await expectWarmEqualsCold(dir, out);
    expect(page()).toContain('twice a day');
    expect(page()).toContain('width="800" height="1200"');

    // A photo that can no longer be read: no size, and the warning on the warm build too.
    put(dir, 'static/images/yard.png', 'oops, a text file\n');
    const said = await expectWarmEqualsCold(dir, out);
    expect(said).toContain('PHOTO_UNREADABLE');
    expect(page()).toMatch(/<img src="\/images\/yard.png" alt="The yard"/);
  });

  it("a crop replaced by one of another size under the same name: JSON-LD's crop size follows on a warm build", async () => {
    const dir = writeSite({ 'content/rail.md': md({ title: 'Rail freight doubles', date: '2025-12-20 09:30', author: 'Li Wei', image: { src: '/images/lead.jpg', alt: 'A train', crops: ['/images/crop.jpg'] } }, 'Text.') });
    put(dir, 'static/images/lead.jpg', jpeg(1600, 900));
    put(dir, 'static/images/crop.jpg', jpeg(1600, 900));
    const out = path.join(dir, 'dist');
    await expectWarmEqualsCold(dir, out);
    const page = () => readFileSync(path.join(out, '2025/12/20/rail/index.html'), 'utf8');
    expect(page()).toContain('{"@type":"ImageObject","url":"https://news.example.org/images/crop.jpg","width":1600,"height":900}');
    put(dir, 'static/images/crop.jpg', jpeg(1200, 1200));
    await expectWarmEqualsCold(dir, out);
    expect(page()).toContain('{"@type":"ImageObject","url":"https://news.example.org/images/crop.jpg","width":1200,"height":1200}');
  });

  it('the logo and the share image replaced by others of another size under the same names: a warm build writes what a cold one does', async () => {
    const config = `import { defineConfig } from 'dateline';\nexport default defineConfig({ title: 'Test Herald', baseUrl: 'https://news.example.org/', timeZone: 'Asia/Shanghai', logo: '/images/logo.png', social: { image: '/images/share.png' } });\n`;
    const dir = writeSite({ 'dateline.config.ts': config, 'content/rail.md': story('The trains run daily.'), 'content/council.md': md({ title: 'Council meets', date: '2025-12-19 09:30', author: 'Li Wei' }, 'No photo.') });
    put(dir, 'static/images/lead.jpg', jpeg(1600, 900));
    put(dir, 'static/images/logo.png', png(360, 64));
    put(dir, 'static/images/share.png', png(1200, 630));
    const out = path.join(dir, 'dist');
    await expectWarmEqualsCold(dir, out);
    const page = (p: string) => readFileSync(path.join(out, p), 'utf8');
    expect(page('2025/12/20/rail/index.html')).toContain('alt="Test Herald" width="225" height="40"');
    expect(page('2025/12/19/council/index.html')).toContain('<meta property="og:image:width" content="1200">');

    put(dir, 'static/images/logo.png', png(200, 100));
    put(dir, 'static/images/share.png', png(600, 600));
    await expectWarmEqualsCold(dir, out);
    // Every page's header, the story's publisher logo and the share image's size on a page without a photo.
    for (const p of ['index.html', '2025/12/20/rail/index.html', '2025/12/19/council/index.html', 'tags/rail/index.html']) expect(page(p)).toContain('alt="Test Herald" width="80" height="40"');
    expect(page('2025/12/20/rail/index.html')).toContain('"logo":{"@type":"ImageObject","url":"https://news.example.org/images/logo.png","width":200,"height":100}');
    expect(page('2025/12/19/council/index.html')).toContain('<meta property="og:image:width" content="600">');
  });
});

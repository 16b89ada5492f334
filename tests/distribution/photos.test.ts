import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { cli, md, writeSite } from '../helpers/site.js';
import { jpeg, png } from '../helpers/photos.js';
import { config, jsonLd, metaValue, parseXml } from './helpers.js';

const NOW = '2026-01-01T00:00:00Z';

/** An inline site with binary photo files beside its text files, built in memory. */
async function photoSite(files: Record<string, string>, photos: Record<string, Buffer | string>) {
  const dir = writeSite(files);
  for (const [rel, bytes] of Object.entries(photos)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), bytes);
  }
  const r = await build({ siteDir: dir, mode: 'memory', now: NOW });
  const page = (p: string) => {
    const f = r.files?.get(p);
    if (f === undefined) throw new Error(`${p} was not written`);
    return typeof f === 'string' ? f : Buffer.from(f).toString('utf8');
  };
  return { ...r, dir, page };
}

const imgTags = (html: string, src: string) => [...html.matchAll(/<img\b[^>]*>/g)].map((m) => m[0]).filter((t) => t.includes(`src="${src}"`));

describe('photo sizes on the page', () => {
  it('gives the lead photo, the cards that show it and the body photos their width and height; a remote photo none', async () => {
    const s = await photoSite(
      {
        'content/rail.md': md(
          { title: 'Rail freight doubles', date: '2025-12-20 09:30', author: 'Li Wei', image: { src: '/images/train.jpg', alt: 'A freight train' } },
          'The trains run daily.\n\n![The yard at dawn](/images/yard.png)\n\nAnd a wire photo: ![Elsewhere](https://wire.example.com/x.jpg)\n',
        ),
      },
      { 'static/images/train.jpg': jpeg(1600, 900), 'static/images/yard.png': png(1200, 800) },
    );
    expect(s.ok).toBe(true);
    expect(s.diagnostics.filter((d) => d.code.startsWith('PHOTO_'))).toEqual([]);
    const article = s.page('2025/12/20/rail/index.html');
    expect(imgTags(article, '/images/train.jpg')).toEqual(['<img src="/images/train.jpg" alt="A freight train" width="1600" height="900">']);
    expect(imgTags(article, '/images/yard.png')).toEqual(['<img src="/images/yard.png" width="1200" height="800" alt="The yard at dawn" loading="lazy" />']);
    expect(imgTags(article, 'https://wire.example.com/x.jpg')[0]).not.toMatch(/width|height/);
    expect(metaValue(article, 'og:image:width')).toBe('1600');
    expect(metaValue(article, 'og:image:height')).toBe('900');
    // The home page's card.
    expect(imgTags(s.page('index.html'), '/images/train.jpg')[0]).toMatch(/ width="1600" height="900"/);
    // The full-content feed's body keeps the sizes too.
    expect(s.page('feed.xml')).toContain('&lt;img src=&quot;https://news.example.org/images/yard.png&quot; width=&quot;1200&quot; height=&quot;800&quot;');
  });

  it('percent-encodes a photo named in Chinese in og:image, twitter:image, JSON-LD and every feed; the page keeps it as written', async () => {
    const s = await photoSite(
      { 'content/chongqing.md': md({ title: 'Chongqing in fog', date: '2025-12-20 09:30', author: 'Li Wei', image: { src: '/images/重庆 雾.jpg', alt: 'Fog' } }, 'Fog.') },
      { 'static/images/重庆 雾.jpg': jpeg(800, 450) },
    );
    expect(s.ok).toBe(true);
    const url = 'https://news.example.org/images/%E9%87%8D%E5%BA%86%20%E9%9B%BE.jpg';
    const html = s.page('2025/12/20/chongqing/index.html');
    expect(html).toContain(`<meta property="og:image" content="${url}">`);
    expect(html).toContain(`<meta name="twitter:image" content="${url}">`);
    expect(jsonLd(html).find((j) => j['@type'] === 'NewsArticle').image).toEqual([{ '@type': 'ImageObject', url, width: 800, height: 450 }]);
    expect(html).toMatch(/<img src="\/images\/重庆%20雾.jpg" alt="Fog" width="800" height="450">/);
    expect(parseXml(s.page('feed.xml')).rss.channel.item[0]['media:content']['@url']).toBe(url);
    expect(parseXml(s.page('atom.xml')).feed.entry[0]['media:content']['@url']).toBe(url);
    expect(JSON.parse(s.page('feed.json')).items[0].image).toBe(url);
  });
});

describe('photo warnings', () => {
  it('PHOTO_UNREADABLE: a text file named as a photo, at the line that names it, with the fix; no width or height, no crash', async () => {
    const s = await photoSite(
      { 'content/a.md': md({ title: 'A', date: '2025-12-20 09:30', author: 'Li Wei' }, 'First paragraph.\n\n![A chart](/images/chart.png)\n') },
      { 'static/images/chart.png': 'this is not a PNG\n' },
    );
    expect(s.ok).toBe(true);
    const d = s.diagnostics.filter((x) => x.code === 'PHOTO_UNREADABLE');
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ severity: 'warning', file: 'content/a.md', line: 9 });
    expect(d[0].message).toContain('static/images/chart.png');
    expect(d[0].hint).toMatch(/Export the photo again as JPEG, PNG, WebP or AVIF/);
    expect(imgTags(s.page('2025/12/20/a/index.html'), '/images/chart.png')[0]).not.toMatch(/width|height/);
  });

  it('a photo file at fault is said once, at the newest story that shows it, with how many other pages show it', async () => {
    const s = await photoSite(
      {
        'dateline.config.ts': config('photos: { maxBytes: 20000 },'),
        'content/older.md': md({ title: 'Older', date: '2025-12-19 09:30', author: 'Li Wei', image: { src: '/images/camera.jpg', alt: 'A' } }, 'Text.'),
        'content/newer.md': md({ title: 'Newer', date: '2025-12-20 09:30', author: 'Li Wei' }, 'Text.\n\n![Again](/images/camera.jpg)\n'),
        'content/oldest.md': md({ title: 'Oldest', date: '2025-12-18 09:30', author: 'Li Wei', image: { src: '/images/camera.jpg', alt: 'B' } }, 'Text.'),
      },
      { 'static/images/camera.jpg': jpeg(1600, 900, { padding: 30_000 }) },
    );
    expect(s.ok).toBe(true);
    const d = s.diagnostics.filter((x) => x.code === 'PHOTO_TOO_LARGE');
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ file: 'content/newer.md', line: 9 });
    expect(d[0].message).toContain('2 other pages show it too.');
  });

  it('PHOTO_TOO_LARGE: a lead photo over the byte limit and a body photo over the pixel limit, each at its line, with the fix; the limits are config values', async () => {
    const s = await photoSite(
      {
        'dateline.config.ts': config('photos: { maxBytes: 20000 },'),
        'content/a.md': md({ title: 'A', date: '2025-12-20 09:30', author: 'Li Wei', image: { src: '/images/camera.jpg', alt: 'Straight off the camera' } }, 'Text.\n\n![Panorama](/images/wide.png)\n\n![Fine](/images/fine.png)\n'),
      },
      { 'static/images/camera.jpg': jpeg(1600, 900, { padding: 30_000 }), 'static/images/wide.png': png(6500, 10), 'static/images/fine.png': png(2000, 1000) },
    );
    expect(s.ok).toBe(true);
    const d = s.diagnostics.filter((x) => x.code === 'PHOTO_TOO_LARGE');
    expect(d.map((x) => [x.file, x.line, x.message.match(/\/images\/\w+\.\w+/)?.[0]])).toEqual([
      ['content/a.md', 5, '/images/camera.jpg'],
      ['content/a.md', 10, '/images/wide.png'],
    ]);
    expect(d[0].message).toContain('30 KB');
    expect(d[1].message).toContain('6500×10 pixels');
    expect(d[0].hint).toMatch(/about 2000 pixels wide.*80% JPEG quality/);
    // Still shown, with its size.
    expect(imgTags(s.page('2025/12/20/a/index.html'), '/images/wide.png')[0]).toMatch(/width="6500" height="10"/);
  });

  it('from the CLI: the warnings with file:line and the fix, no stack trace; a bad limit is a config error', async () => {
    const dir = writeSite({ 'content/a.md': md({ title: 'A', date: '2025-12-20 09:30', author: 'Li Wei', image: { src: '/images/broken.jpg', alt: 'Broken' } }, 'Text.') });
    mkdirSync(path.join(dir, 'static/images'), { recursive: true });
    writeFileSync(path.join(dir, 'static/images/broken.jpg'), jpeg(800, 600).subarray(0, 24));
    const r = await cli(['build', dir, '--now', NOW]);
    expect(r.code).toBe(0);
    const out = r.stdout + r.stderr;
    expect(out).toContain('PHOTO_UNREADABLE');
    expect(out).toMatch(/content\/a\.md:5/);
    expect(out).not.toMatch(/\n\s+at .*\.js:\d+/);

    writeFileSync(path.join(dir, 'dateline.config.ts'), config("photos: { maxWidth: 'big' },"));
    const bad = await cli(['build', dir, '--now', NOW]);
    expect(bad.code).toBe(1);
    expect(bad.stdout + bad.stderr).toMatch(/photos\.maxWidth/);
  });
});

describe('the config\'s logo and share image', () => {
  const images = 'social: { image: \'/images/share.jpg\' },';
  const rail = md({ title: 'Rail freight doubles', date: '2025-12-20 09:30', author: 'Li Wei', image: { src: '/images/train.jpg', alt: 'A freight train' } }, 'Trains.');
  const plain = md({ title: 'Council meets', date: '2025-12-19 09:30', author: 'Li Wei' }, 'No photo here.');

  it('the header logo keeps its room (40 high, its width in proportion); a page without a lead photo gives the share image\'s size; JSON-LD has ImageObjects with numbers', async () => {
    const s = await photoSite(
      { 'dateline.config.ts': config(images), 'content/rail.md': rail, 'content/council.md': plain },
      { 'static/images/logo.png': png(360, 64), 'static/images/share.jpg': jpeg(1200, 630), 'static/images/train.jpg': jpeg(1600, 900) },
    );
    expect(s.diagnostics).toEqual([]);
    for (const p of ['index.html', '2025/12/19/council/index.html', '2025/12/20/rail/index.html']) {
      expect(imgTags(s.page(p), '/images/logo.png')).toEqual(['<img src="/images/logo.png" alt="Test Herald" width="225" height="40">']);
    }
    for (const p of ['index.html', '2025/12/19/council/index.html']) {
      expect(metaValue(s.page(p), 'og:image')).toBe('https://news.example.org/images/share.jpg');
      expect([metaValue(s.page(p), 'og:image:width'), metaValue(s.page(p), 'og:image:height')]).toEqual(['1200', '630']);
    }
    // A story with its own photo gives that one's size.
    expect(metaValue(s.page('2025/12/20/rail/index.html'), 'og:image:width')).toBe('1600');
    const ld = jsonLd(s.page('2025/12/20/rail/index.html')).find((j) => j['@type'] === 'NewsArticle');
    expect(ld.image).toEqual([{ '@type': 'ImageObject', url: 'https://news.example.org/images/train.jpg', width: 1600, height: 900 }]);
    expect(ld.publisher.logo).toEqual({ '@type': 'ImageObject', url: 'https://news.example.org/images/logo.png', width: 360, height: 64 });
  });

  it('a logo or share image far larger than a page needs: PHOTO_TOO_LARGE at its config key, sizes still given', async () => {
    const s = await photoSite(
      { 'dateline.config.ts': config(images), 'content/council.md': plain },
      { 'static/images/logo.png': png(6400, 1000), 'static/images/share.jpg': jpeg(1200, 630) },
    );
    expect(s.ok).toBe(true);
    expect(s.diagnostics.map((d) => [d.code, d.file, d.line])).toEqual([['PHOTO_TOO_LARGE', 'dateline.config.ts', 7]]);
    expect(s.diagnostics[0].message).toContain('`logo`');
    expect(s.diagnostics[0].message).toContain('6400×1000 pixels (static/images/logo.png)');
    expect(s.diagnostics[0].hint).toContain('photos.maxWidth');
    expect(imgTags(s.page('2025/12/19/council/index.html'), '/images/logo.png')).toEqual(['<img src="/images/logo.png" alt="Test Herald" width="256" height="40">']);
  });

  it('a logo that is not there, or not an image: the page as before, a warning at the config key with the fix, no crash', async () => {
    const missing = await photoSite({ 'dateline.config.ts': config(images), 'content/council.md': plain }, { 'static/images/share.jpg': 'not a JPEG\n' });
    expect(missing.ok).toBe(true);
    expect(missing.diagnostics.map((d) => [d.code, d.file, d.line])).toEqual([
      ['MISSING_IMAGE', 'dateline.config.ts', 7],
      ['PHOTO_UNREADABLE', 'dateline.config.ts', 8],
    ]);
    expect(missing.diagnostics[0].message).toContain('`logo`');
    expect(missing.diagnostics[0].hint).toContain('static/images/logo.png');
    expect(missing.diagnostics[1].message).toContain('`social.image`');
    const page = missing.page('2025/12/19/council/index.html');
    expect(imgTags(page, '/images/logo.png')).toEqual(['<img src="/images/logo.png" alt="Test Herald" height="40">']);
    expect(metaValue(page, 'og:image')).toBe('https://news.example.org/images/share.jpg');
    expect(metaValue(page, 'og:image:width')).toBeUndefined();
  });
});

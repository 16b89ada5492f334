import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFolder } from '../../src/check/links.js';
import { cli, md, read, REPO, writeSite } from '../helpers/site.js';
import { crawl, serveUnder } from './serve.js';
import { photo } from '../helpers/photos.js';

const NEWS_CONFIG = `import { defineConfig } from 'dateline';
export default defineConfig({
  title: 'Sub-path Herald',
  baseUrl: 'https://example.org/news/',
  timeZone: 'Asia/Shanghai',
  pageSize: 2,
  logo: '/images/logo.svg',
  sections: [{ name: 'Transport' }],
  navigation: [{ label: 'Transport', url: '/transport/' }, { label: 'About', url: '/about-us/' }],
  footer: { links: [{ label: 'About Us', url: '/about-us/' }], messageUrl: '/about-us/#write-to-us' },
});
`;

function subPathSite(): string {
  return writeSite({
    'dateline.config.ts': NEWS_CONFIG,
    'static/images/logo.svg': '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>',
    'static/images/bridge.jpg': photo(),
    'content/pages/about-us.md': md({ title: 'About us' }, 'Who we are.\n\n## Write to us\n\nDrop us a line.'),
    'content/pages/privacy-cookie-policy.md': md({ title: 'Privacy', aliases: ['/privacy.html'] }, 'We keep little.'),
    'content/articles/a.md': md({ title: 'Bridge opens', date: '2025-03-01 09:00', author: 'Tan Yuxin', tags: ['重庆', 'Bridges'], section: 'Transport', image: { src: '/images/bridge.jpg', alt: 'The bridge' }, aliases: ['/2024/old-bridge-story/'] },
      'See [our page](/about-us/) and [the cableway](/2025/03/02/cableway/).\n\n![The deck](/images/bridge.jpg "The deck at night")'),
    'content/articles/cableway.md': md({ title: 'Cableway', date: '2025-03-02 09:00', author: 'Tan Yuxin', tags: ['重庆'], section: 'Transport' }),
    // Raw HTML goes through the sanitiser, plain Markdown does not: both need the base path.
    'content/articles/c.md': md({ title: 'Third', date: '2025-04-02 09:00', author: 'Liu Mingyang', tags: ['Bridges'] }, 'Read <a href="/about-us/">about us</a> and <em>more</em>.'),
    'content/articles/d.md': md({ title: 'Fourth', date: '2026-01-02 09:00', author: 'Liu Mingyang' }),
  });
}

describe('sub-path hosting: baseUrl https://example.org/news/, dist/ served under /news/', () => {
  it('resolves every link, asset, redirect and absolute URL of every page through a real server', async () => {
    const dir = subPathSite();
    const b = await cli(['build', dir, '--now', '2026-06-01T00:00:00Z']);
    expect(b.stderr).toBe('');
    expect(b.code).toBe(0);
    const dist = path.join(dir, 'dist');

    const article = read(path.join(dist, '2025/03/01/a/index.html'));
    expect(article).toContain('<link rel="canonical" href="https://example.org/news/2025/03/01/a/">');
    expect(article).toContain('href="/news/about-us/"');
    expect(read(path.join(dist, '2025/04/02/c/index.html'))).toContain('<a href="/news/about-us/">about us</a>');
    expect(article).toContain('src="/news/images/bridge.jpg"');
    expect(article).toMatch(/href="\/news\/theme\/dateline\.[0-9a-f]{10}\.css"/);
    expect(article).toContain(`href="/news/tags/${encodeURIComponent('重庆')}/"`);
    expect(read(path.join(dist, '_redirects'))).toContain('/news/2024/old-bridge-story/ /news/2025/03/01/a/ 301');
    expect(read(path.join(dist, '_headers'))).toMatch(/^\/news\/theme\/dateline\.[0-9a-f]{10}\.css\n {2}Cache-Control: public, max-age=31536000, immutable$/m);
    expect(read(path.join(dist, '_headers'))).toMatch(/^\/news\/\*\/\n {2}Cache-Control: public, max-age=0, must-revalidate$/m);
    expect(read(path.join(dist, 'privacy.html'))).toContain('<meta http-equiv="refresh" content="0; url=/news/privacy-cookie-policy/">');

    const server = await serveUnder(dist, '/news/');
    try {
      const result = await crawl(dist, server.origin, 'https://example.org', '/news/');
      expect(result.outside).toEqual([]);
      expect(result.failures).toEqual([]);
      // The crawl reached what matters, not just the home page.
      const urls = [...result.checked.keys()].map((u) => new URL(u).pathname);
      for (const p of ['/news/', '/news/about-us/', '/news/page/2/', '/news/images/logo.svg', '/news/2024/old-bridge-story/', '/news/privacy.html', `/news/tags/${encodeURIComponent('重庆')}/`]) expect(urls).toContain(p);
      expect(urls.some((u) => /^\/news\/theme\/cookie-notice\.[0-9a-f]{10}\.js$/.test(u))).toBe(true);
      // The same paths without the prefix are not served: nothing works by accident at the root.
      expect((await fetch(`${server.origin}/about-us/`)).status).toBe(404);
    } finally {
      await server.close();
    }
    expect(await checkFolder(dist, 'https://example.org/news/')).toEqual([]);
  });

  it('builds the demo newsroom with --base-url and every internal reference resolves under /news/', async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'dateline-demo-news-')), 'dist');
    const b = await cli(['build', REPO, '--out', out, '--no-cache', '--base-url', 'https://example.org/news/', '--now', '2026-11-01T00:00:00Z']);
    expect(b.stderr).toBe('');
    expect(b.code).toBe(0);
    const server = await serveUnder(out, '/news/');
    try {
      const result = await crawl(out, server.origin, 'https://example.org', '/news/');
      expect(result.outside).toEqual([]);
      expect(result.failures).toEqual([]);
      expect(result.checked.size).toBeGreaterThan(100);
    } finally {
      await server.close();
    }
    expect(await checkFolder(out, 'https://example.org/news/')).toEqual([]);
  });
});

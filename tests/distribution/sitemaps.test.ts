import { describe, expect, it } from 'vitest';
import { md, site } from '../helpers/site.js';
import { config as siteConfig, parseXml, W3C_DATETIME } from './helpers.js';

const config = (extra = '') => siteConfig(`language: 'en-GB', ${extra}`);

const locs = (xml: string): string[] => (parseXml(xml).urlset.url ?? []).map((u: any) => u.loc);

describe('sitemap.xml', () => {
  it('lists every page with lastmod from `updated` or `date`, and no draft', async () => {
    const s = await site({
      'dateline.config.ts': config(),
      'content/a.md': md({ title: 'A', date: '2025-12-01 09:00', author: 'Ran Zheng', tags: ['Weather'], section: 'News' }),
      'content/b.md': md({ title: 'B', date: '2025-12-02 09:00', updated: '2025-12-05 18:30', author: 'Ran Zheng' }),
      'content/draft.md': md({ title: 'Draft', date: '2025-12-03 09:00', author: 'Ran Zheng', draft: true }),
      'content/pages/about.md': md({ title: 'About' }),
    });
    const map = parseXml(s.page('sitemap.xml')).urlset;
    expect(map['@xmlns']).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
    const byLoc = new Map<string, string | undefined>(map.url.map((u: any) => [u.loc, u.lastmod]));
    expect(byLoc.get('https://news.example.org/2025/12/01/a/')).toBe('2025-12-01T09:00:00+08:00');
    expect(byLoc.get('https://news.example.org/2025/12/02/b/')).toBe('2025-12-05T18:30:00+08:00');
    expect(byLoc.get('https://news.example.org/')).toBe('2025-12-05T18:30:00+08:00');
    for (const u of ['https://news.example.org/about/', 'https://news.example.org/tags/weather/', 'https://news.example.org/news/', 'https://news.example.org/authors/ran-zheng/', 'https://news.example.org/archive/']) expect(byLoc.has(u), u).toBe(true);
    expect([...byLoc.keys()].some((u) => u.includes('draft'))).toBe(false);
    for (const [loc, lastmod] of byLoc) {
      expect(loc).toMatch(/^https:\/\/news\.example\.org\//);
      if (lastmod !== undefined) expect(lastmod).toMatch(W3C_DATETIME);
    }
    // Every URL in the sitemap is a page that was written.
    for (const loc of byLoc.keys()) expect(s.has(`${decodeURIComponent(loc.replace('https://news.example.org/', ''))}index.html`), loc).toBe(true);
  });

  it('becomes an index of sitemap-N.xml files above maxUrls, with every URL in exactly one of them', async () => {
    const files: Record<string, string> = { 'dateline.config.ts': config('sitemap: { maxUrls: 4 },') };
    for (let i = 1; i <= 7; i++) files[`content/s${i}.md`] = md({ title: `Story ${i}`, date: `2025-11-0${i} 10:00`, author: 'Ran Zheng' });
    const s = await site(files);
    const index = parseXml(s.page('sitemap.xml')).sitemapindex;
    expect(index['@xmlns']).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
    const parts: string[] = index.sitemap.map((m: any) => m.loc);
    expect(parts[0]).toBe('https://news.example.org/sitemap-1.xml');
    const all: string[] = [];
    parts.forEach((loc, i) => {
      const urls = locs(s.page(loc.replace('https://news.example.org/', '')));
      expect(urls.length).toBeGreaterThan(0);
      expect(urls.length).toBeLessThanOrEqual(4);
      expect(index.sitemap[i].lastmod).toMatch(W3C_DATETIME);
      all.push(...urls);
    });
    expect(new Set(all).size).toBe(all.length);
    for (let i = 1; i <= 7; i++) expect(all).toContain(`https://news.example.org/2025/11/0${i}/s${i}/`);
    const unsplit = await site({ ...files, 'dateline.config.ts': config() });
    expect(locs(unsplit.page('sitemap.xml')).sort()).toEqual([...all].sort());
  });
});

describe('news-sitemap.xml', () => {
  // --now is 2026-01-10 12:00 in Shanghai.
  const now = '2026-01-10T12:00:00+08:00';
  const window = {
    'dateline.config.ts': config(`newsSitemap: { publicationName: 'The Test Herald' },`),
    'content/h1.md': md({ title: 'One hour old', date: '2026-01-10 11:00', author: 'Ran Zheng' }),
    'content/h47.md': md({ title: 'Forty-seven hours old & fresh', date: '2026-01-08 13:00', author: 'Ran Zheng' }),
    'content/h49.md': md({ title: 'Forty-nine hours old', date: '2026-01-08 11:00', author: 'Ran Zheng' }),
    'content/future.md': md({ title: 'Not yet', date: '2026-01-10 13:00', author: 'Ran Zheng' }),
  };

  it('lists the articles of the two days before --now: 47 hours in, 49 hours out, future out', async () => {
    const s = await site(window, { now });
    const set = parseXml(s.page('news-sitemap.xml')).urlset;
    expect(set['@xmlns:news']).toBe('http://www.google.com/schemas/sitemap-news/0.9');
    expect(set.url.map((u: any) => u.loc)).toEqual(['https://news.example.org/2026/01/10/h1/', 'https://news.example.org/2026/01/08/h47/']);
    const n = set.url[1]['news:news'];
    expect(n['news:publication']).toEqual({ 'news:name': 'The Test Herald', 'news:language': 'en' });
    expect(n['news:publication_date']).toBe('2026-01-08T13:00:00+08:00');
    expect(n['news:publication_date']).toMatch(W3C_DATETIME);
    expect(n['news:title']).toBe('Forty-seven hours old & fresh');
    // Two hours later the 47-hour article is 49 hours old, and out; the scheduled one is in.
    const later = await site(window, { now: '2026-01-10T14:00:00+08:00' });
    expect(locs(later.page('news-sitemap.xml'))).toEqual(['https://news.example.org/2026/01/10/future/', 'https://news.example.org/2026/01/10/h1/']);
  });

  it('is valid and empty when nothing is recent, and takes name and language from the site by default', async () => {
    const s = await site({ 'dateline.config.ts': config().replace("language: 'en-GB',", "language: 'zh-Hans-CN',"), 'content/old.md': md({ title: 'Old', date: '2025-01-01', author: 'Ran Zheng' }) }, { now });
    const set = parseXml(s.page('news-sitemap.xml')).urlset;
    expect(set.url).toBeUndefined();
    const t = await site({ 'dateline.config.ts': config(), 'content/new.md': md({ title: 'New', date: '2026-01-10 09:00', author: 'Ran Zheng' }) }, { now });
    expect(parseXml(t.page('news-sitemap.xml')).urlset.url[0]['news:news']['news:publication']).toEqual({ 'news:name': 'Test Herald', 'news:language': 'en' });
    const zh = await site({ 'dateline.config.ts': config().replace("language: 'en-GB',", "language: 'zh-Hans-CN',"), 'content/new.md': md({ title: '新闻', date: '2026-01-10 09:00', author: 'Ran Zheng' }) }, { now });
    expect(parseXml(zh.page('news-sitemap.xml')).urlset.url[0]['news:news']['news:publication']['news:language']).toBe('zh-cn');
  });

  it('splits above maxUrls into an index of news-sitemap-N.xml files', async () => {
    const files: Record<string, string> = { 'dateline.config.ts': config('newsSitemap: { maxUrls: 2 },') };
    for (let i = 1; i <= 5; i++) files[`content/n${i}.md`] = md({ title: `News ${i}`, date: `2026-01-10 0${i}:00`, author: 'Ran Zheng' });
    const s = await site(files, { now });
    const index = parseXml(s.page('news-sitemap.xml')).sitemapindex;
    expect(index.sitemap.map((m: any) => m.loc)).toEqual([1, 2, 3].map((n) => `https://news.example.org/news-sitemap-${n}.xml`));
    const all = [1, 2, 3].flatMap((n) => locs(s.page(`news-sitemap-${n}.xml`)));
    expect(all).toHaveLength(5);
    expect(new Set(all).size).toBe(5);
  });
});

describe('robots.txt', () => {
  it('allows crawling and names both sitemaps by absolute URL', async () => {
    const s = await site({ 'dateline.config.ts': config() });
    expect(s.page('robots.txt')).toBe('User-agent: *\nDisallow:\n\nSitemap: https://news.example.org/sitemap.xml\nSitemap: https://news.example.org/news-sitemap.xml\n');
  });

  it('follows the config: disallowed paths under the base path, extra lines, sitemaps switched off, or no file', async () => {
    const s = await site({ 'dateline.config.ts': config(`robots: { disallow: ['/drafts/', '/*.json$'], lines: ['User-agent: BadBot', 'Disallow: /'] }, newsSitemap: { enabled: false },`).replace('https://news.example.org/', 'https://example.org/news/') });
    expect(s.page('robots.txt')).toBe('User-agent: *\nDisallow: /news/drafts/\nDisallow: /news/*.json$\n\nUser-agent: BadBot\nDisallow: /\n\nSitemap: https://example.org/news/sitemap.xml\n');
    expect(s.has('news-sitemap.xml')).toBe(false);
    const off = await site({ 'dateline.config.ts': config('robots: { enabled: false },') });
    expect(off.has('robots.txt')).toBe(false);
  });

  it('percent-encodes a disallowed path with a space or another script, once, and refuses one not from the root', async () => {
    const s = await site({ 'dateline.config.ts': config(`robots: { disallow: ['/新闻 x/', '/a%20b/', '*/print/', '/search?q=%23', '/old/a%2Cb/'] },`).replace('https://news.example.org/', 'https://example.org/news/') });
    expect(s.page('robots.txt').split('\n').filter((l) => l.startsWith('Disallow'))).toEqual(['Disallow: /news/%E6%96%B0%E9%97%BB%20x/', 'Disallow: /news/a%20b/', 'Disallow: */print/', 'Disallow: /news/search?q=%23', 'Disallow: /news/old/a%2Cb/']);
    const bad = await site({ 'dateline.config.ts': config(`robots: { disallow: ['/drafts/', 'nolead'] },`) });
    expect(bad.ok).toBe(false);
    expect(bad.diagnostics.map((d) => d.message)).toEqual(['config key `robots.disallow[1]`: expected a path from the site\'s root, starting with "/" (such as "/drafts/"), or a pattern starting with "*", found "nolead".']);
  });

  it('rejects a misspelt or mistyped config key with a hint', async () => {
    const s = await site({ 'dateline.config.ts': config(`robots: { disalow: ['/x/'] }, feeds: { content: 'everything', formats: ['rss', 'rdf'] },`) });
    expect(s.ok).toBe(false);
    const messages = s.diagnostics.map((d) => `${d.message} ${d.hint}`);
    expect(messages.some((m) => m.includes('robots.disalow') && m.includes('robots.disallow'))).toBe(true);
    expect(messages.some((m) => m.includes('feeds.content') && m.includes('"full", "summary"'))).toBe(true);
    expect(messages.some((m) => m.includes('feeds.formats[1]'))).toBe(true);
  });
});

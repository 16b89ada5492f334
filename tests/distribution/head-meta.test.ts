import { describe, expect, it } from 'vitest';
import { md, site } from '../helpers/site.js';
import { config as siteConfig, headTags, jsonLd, metaValue, metaValues } from './helpers.js';

const config = (extra = '') => siteConfig(`locale: 'en-GB', ${extra}`);

const story = md(
  {
    title: 'Rail freight to Europe doubles',
    date: '2025-12-20 09:30',
    updated: '2025-12-21 16:00',
    author: ['Ran Zheng', 'Li Wei'],
    tags: ['Transport', '重庆'],
    section: 'Business',
    summary: 'Trains to Duisburg run daily.',
    dateline: 'CHONGQING',
    image: { src: '/images/train.jpg', alt: 'A freight train' },
  },
  'The trains run daily.',
);

describe('head metadata of an article', () => {
  it('has canonical, description, Open Graph article tags and a large Twitter card', async () => {
    const s = await site({ 'dateline.config.ts': config(`social: { twitter: 'testherald' },`), 'content/rail.md': story });
    const html = s.page('2025/12/20/rail/index.html');
    const { links } = headTags(html);
    expect(links.filter((l) => l.rel === 'canonical').map((l) => l.href)).toEqual(['https://news.example.org/2025/12/20/rail/']);
    // Each key with all its values, in page order.
    const meta: Record<string, string[]> = {};
    for (const [k, v] of headTags(html).meta) (meta[k] ??= []).push(v);
    expect(meta).toMatchObject({
      description: ['Trains to Duisburg run daily.'],
      'og:type': ['article'],
      'og:title': ['Rail freight to Europe doubles'],
      'og:url': ['https://news.example.org/2025/12/20/rail/'],
      'og:description': ['Trains to Duisburg run daily.'],
      'og:site_name': ['Test Herald'],
      'og:locale': ['en_GB'],
      'article:published_time': ['2025-12-20T09:30:00+08:00'],
      'article:modified_time': ['2025-12-21T16:00:00+08:00'],
      'article:author': ['https://news.example.org/authors/ran-zheng/', 'https://news.example.org/authors/li-wei/'],
      'article:section': ['Business'],
      'article:tag': ['Transport', '重庆'],
      'og:image': ['https://news.example.org/images/train.jpg'],
      'og:image:alt': ['A freight train'],
      'twitter:card': ['summary_large_image'],
      'twitter:site': ['@testherald'],
      'twitter:title': ['Rail freight to Europe doubles'],
      'twitter:image': ['https://news.example.org/images/train.jpg'],
    });
  });

  it('a logo or share image in the config with a space in its path is percent-encoded, as a front-matter photo is', async () => {
    const s = await site({ 'dateline.config.ts': config(`logo: '/images/my logo.png', social: { image: '/images/og default.jpg' },`), 'content/rail.md': md({ title: 'No photo', date: '2025-12-20 09:30', author: 'Ran Zheng' }) });
    const html = s.page('2025/12/20/rail/index.html');
    expect(metaValue(html, 'og:image')).toBe('https://news.example.org/images/og%20default.jpg');
    expect(metaValue(html, 'twitter:image')).toBe('https://news.example.org/images/og%20default.jpg');
    expect(JSON.stringify(jsonLd(html))).toContain('"https://news.example.org/images/my%20logo.png"');
    for (const f of [...s.files!.keys()].filter((n) => /\.(html|xml|json)$/.test(n))) expect(s.page(f), f).not.toMatch(/my logo|og default/);
    // Another scheme, or a Windows path, is no place a reader's browser can load a picture from.
    const bad = await site({ 'dateline.config.ts': config(`logo: 'C:\\\\site\\\\logo.png', publisher: { logo: 'file:///logo.png' },`) });
    expect(bad.diagnostics.map((d) => d.message)).toEqual([
      'config key `logo`: expected a path from the site\'s root such as "/images/logo.png" (put the file in static/images/), or an http(s) URL, found "C:\\\\site\\\\logo.png".',
      'config key `publisher.logo`: expected a path from the site\'s root such as "/images/logo.png" (put the file in static/images/), or an http(s) URL, found "file:///logo.png".',
    ]);
  });

  it('carries NewsArticle and BreadcrumbList JSON-LD with every field', async () => {
    const s = await site({ 'dateline.config.ts': config(`publisher: { name: 'Test Herald Media Group', logo: '/images/publisher.png' },`), 'content/rail.md': story });
    const [article, crumbs, ...rest] = jsonLd(s.page('2025/12/20/rail/index.html'));
    expect(rest).toEqual([]);
    expect(article).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: 'Rail freight to Europe doubles',
      datePublished: '2025-12-20T09:30:00+08:00',
      dateModified: '2025-12-21T16:00:00+08:00',
      author: [
        { '@type': 'Person', name: 'Ran Zheng', url: 'https://news.example.org/authors/ran-zheng/' },
        { '@type': 'Person', name: 'Li Wei', url: 'https://news.example.org/authors/li-wei/' },
      ],
      image: ['https://news.example.org/images/train.jpg'],
      publisher: { '@type': 'Organization', name: 'Test Herald Media Group', logo: { '@type': 'ImageObject', url: 'https://news.example.org/images/publisher.png' } },
      articleSection: 'Business',
      dateline: 'CHONGQING',
      keywords: ['Transport', '重庆'],
      mainEntityOfPage: { '@type': 'WebPage', '@id': 'https://news.example.org/2025/12/20/rail/' },
    });
    expect(crumbs).toEqual({
      '@context': 'https://schema.org',
      '@type': 'BreadcrumbList',
      itemListElement: [
        { '@type': 'ListItem', position: 1, name: 'Test Herald', item: 'https://news.example.org/' },
        { '@type': 'ListItem', position: 2, name: 'Business', item: 'https://news.example.org/business/' },
        { '@type': 'ListItem', position: 3, name: 'Rail freight to Europe doubles', item: 'https://news.example.org/2025/12/20/rail/' },
      ],
    });
  });

  it('lists the photo\'s other crops (16:9, 4:3, 1:1) in NewsArticle.image after the lead image', async () => {
    const cropped = md('title: Cropped\ndate: 2025-12-20 09:30\nauthor: Ran Zheng\nimage:\n  src: /images/train.jpg\n  alt: A freight train\n  crops:\n    - /images/train-16x9.jpg\n    - https://cdn.example.net/train-1x1.jpg', 'Body.');
    const s = await site({ 'dateline.config.ts': config(), 'content/cropped.md': cropped });
    const html = s.page('2025/12/20/cropped/index.html');
    expect(jsonLd(html)[0].image).toEqual(['https://news.example.org/images/train.jpg', 'https://news.example.org/images/train-16x9.jpg', 'https://cdn.example.net/train-1x1.jpg']);
    // The page and its share card keep the lead image.
    expect(metaValue(html, 'og:image')).toBe('https://news.example.org/images/train.jpg');
    const bad = await site({ 'dateline.config.ts': config(), 'content/bad.md': md('title: Bad\ndate: 2025-12-20 09:30\nauthor: Ran Zheng\nimage:\n  src: /images/train.jpg\n  crops: /images/train-16x9.jpg', 'Body.') });
    expect(bad.ok).toBe(false);
    // At the line of `crops:` inside `image:`.
    expect(bad.diagnostics.filter((d) => d.severity === 'error')).toMatchObject([{ code: 'BAD_FIELD', file: 'content/bad.md', line: 7 }]);
  });

  it('gives a single byline as one Person, dateModified = datePublished without `updated`, and the site logo as publisher logo', async () => {
    const s = await site({ 'dateline.config.ts': config(), 'content/one.md': md({ title: 'One', date: '2025-12-20 09:30', author: 'Ran Zheng' }) });
    const html = s.page('2025/12/20/one/index.html');
    const [article, crumbs] = jsonLd(html);
    expect(article.author).toEqual({ '@type': 'Person', name: 'Ran Zheng', url: 'https://news.example.org/authors/ran-zheng/' });
    expect(article.dateModified).toBe(article.datePublished);
    expect(article.publisher).toMatchObject({ name: 'Test Herald', logo: { url: 'https://news.example.org/images/logo.png' } });
    expect(article.image).toBeUndefined();
    expect(crumbs.itemListElement).toHaveLength(2);
    expect(metaValue(html, 'article:modified_time')).toBe('2025-12-20T09:30:00+08:00');
    expect(metaValue(html, 'twitter:card')).toBe('summary');
    expect(metaValue(html, 'og:image')).toBe('https://news.example.org/images/logo.png');
    // No summary: its opening, not the site's tagline, as on every such story before.
    expect(metaValue(html, 'og:description')).toBe('Body text.');
    expect(metaValue(html, 'description')).toBe('Body text.');
    // A page that is no story keeps the site's.
    expect(metaValue(s.page('index.html'), 'og:description')).toBe('News from the hills');
  });

  it('describes a story without a summary by its first paragraph, cut at a word near 200 characters', async () => {
    const opening = `The council voted 7-2 on Tuesday to close the Elm Street library & ${'its reading rooms, '.repeat(12)}end.`;
    const s = await site({ 'dateline.config.ts': config(), 'content/one.md': md({ title: 'One', date: '2025-12-20 09:30', author: 'Ran Zheng', dateline: 'Chongqing' }, `${opening}\n\nA second paragraph.`) });
    const description = metaValue(s.page('2025/12/20/one/index.html'), 'description')!;
    expect(description.startsWith('The council voted 7-2 on Tuesday to close the Elm Street library & its reading rooms,')).toBe(true);
    expect(description.endsWith('reading rooms…')).toBe(true);
    expect(description.length).toBeLessThanOrEqual(201);
    expect(description).not.toContain('Chongqing');
  });
});

describe('head metadata elsewhere', () => {
  it('puts WebSite JSON-LD with a search action on the home page, and website-level tags on listings', async () => {
    const s = await site({ 'dateline.config.ts': config(), 'content/rail.md': story });
    const home = s.page('index.html');
    expect(jsonLd(home)).toEqual([
      {
        '@context': 'https://schema.org',
        '@type': 'WebSite',
        name: 'Test Herald',
        url: 'https://news.example.org/',
        description: 'News from the hills',
        inLanguage: 'en',
        publisher: { '@type': 'Organization', name: 'Test Herald', url: 'https://news.example.org/', logo: { '@type': 'ImageObject', url: 'https://news.example.org/images/logo.png' } },
        potentialAction: { '@type': 'SearchAction', target: { '@type': 'EntryPoint', urlTemplate: 'https://news.example.org/search/?q={search_term_string}' }, 'query-input': 'required name=search_term_string' },
      },
    ]);
    expect(metaValue(home, 'og:type')).toBe('website');
    expect(headTags(home).links.find((l) => l.rel === 'canonical')?.href).toBe('https://news.example.org/');
    const tag = s.page('tags/重庆/index.html');
    expect(jsonLd(tag)).toEqual([]);
    expect(metaValue(tag, 'og:type')).toBe('website');
    expect(metaValue(tag, 'og:url')).toBe('https://news.example.org/tags/%E9%87%8D%E5%BA%86/');
    expect(metaValues(tag, 'article:published_time')).toEqual([]);
    expect(metaValue(s.page('search/index.html'), 'robots')).toBe('noindex');
  });
});

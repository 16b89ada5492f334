import { describe, expect, it } from 'vitest';
import { md, site } from '../helpers/site.js';
import { articles, between, config, h1Count } from './fixtures.js';

/** The headline links of the story cards on a listing page, in order. */
const cardTitles = (html: string): string[] => [...html.matchAll(/class="card-title"><a href="[^"]+">([^<]+)</g)].map((m) => m[1]);

describe('pagination at the edges (pageSize 3)', () => {
  it('exactly pageSize articles make one page everywhere, with no rel links and no page 2', async () => {
    const s = await site(articles(3));
    expect(s.ok).toBe(true);
    for (const p of ['index.html', 'tags/metro/index.html', 'news/index.html', 'authors/ran-zheng/index.html']) {
      const html = s.page(p);
      expect(html, p).not.toContain('rel="next"');
      expect(html, p).not.toContain('rel="prev"');
      expect(html, p).not.toContain('class="pagination"');
    }
    expect([...s.files!.keys()].filter((k) => k.includes('/page/') || k.startsWith('page/'))).toEqual([]);
  });

  it('pageSize + 1 articles make two pages linked both ways, the second holding the oldest', async () => {
    const s = await site(articles(4));
    for (const [first, second] of [
      ['index.html', 'page/2/index.html'],
      ['tags/metro/index.html', 'tags/metro/page/2/index.html'],
      ['news/index.html', 'news/page/2/index.html'],
      ['authors/ran-zheng/index.html', 'authors/ran-zheng/page/2/index.html'],
    ]) {
      const one = s.page(first);
      const two = s.page(second);
      const firstUrl = `/${first.replace(/index\.html$/, '')}`;
      const secondUrl = `/${second.replace(/index\.html$/, '')}`;
      expect(one, first).toContain(`<link rel="next" href="${secondUrl}">`);
      expect(one, first).not.toContain('rel="prev"');
      expect(two, second).toContain(`<link rel="prev" href="${firstUrl}">`);
      expect(two, second).not.toContain('rel="next"');
      expect(two).toContain(`<a class="pager-step" href="${firstUrl}" rel="prev">`);
      expect(cardTitles(two), second).toEqual(['Story 01']);
      expect(h1Count(two)).toBe(1);
    }
    expect(s.has('page/3/index.html')).toBe(false);
    expect(s.has('tags/metro/page/3/index.html')).toBe(false);
  });

  it('numbers a window of pages around the current one and marks it', async () => {
    const s = await site({ ...articles(24), 'dateline.config.ts': config({ pageSize: 2 }) });
    const html = between(s.page('tags/metro/page/6/index.html'), /<ol class="pager-pages">/, '</ol>');
    const numbers = [...html.matchAll(/>(\d+|…)</g)].map((m) => m[1]);
    expect(numbers).toEqual(['1', '…', '4', '5', '6', '7', '8', '…', '12']);
    // Named the same way as the other numbers ("Page 6"), and marked as the current one.
    expect(html).toContain('<a href="/tags/metro/page/6/" aria-label="Page 6" aria-current="page">6</a>');
  });

  it('makes no page for a tag used only by a draft or a future article', async () => {
    const s = await site({
      'content/articles/live.md': md({ title: 'Live', date: '2024-03-01', author: 'A', tags: ['live'] }),
      'content/articles/draft.md': md({ title: 'Draft', date: '2024-03-01', author: 'A', tags: ['secret'], draft: true }),
      'content/articles/later.md': md({ title: 'Later', date: '2030-03-01', author: 'A', tags: ['embargoed'] }),
    });
    expect(s.has('tags/live/index.html')).toBe(true);
    expect(s.has('tags/secret/index.html')).toBe(false);
    expect(s.has('tags/embargoed/index.html')).toBe(false);
    expect(s.page('tags/index.html')).not.toMatch(/secret|embargoed/);
  });
});

describe('home page', () => {
  it('leads with the newest story that has a picture, then the others newest first, then section blocks', async () => {
    const s = await site({
      'dateline.config.ts': config({ pageSize: 10, sections: [{ name: 'Business' }, { name: 'Culture' }] }),
      'content/articles/n1.md': md({ title: 'Newest, no picture', date: '2024-03-09', author: 'A', section: 'Culture' }),
      'content/articles/n2.md': md({ title: 'With picture', date: '2024-03-08', author: 'A', section: 'Business', summary: 'The lead summary.', image: { src: '/images/p.jpg', alt: 'A picture' } }),
      ...Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`content/articles/o${i}.md`, md({ title: `Older ${i}`, date: `2024-03-0${7 - i}`, author: 'A', section: i % 2 ? 'Culture' : 'Business' })])),
    });
    const html = s.page('index.html');
    expect(h1Count(html)).toBe(1);
    expect(html).toContain('<h1 class="visually-hidden">Test Herald</h1>');
    const lead = between(html, /<section class="lead-story"[^>]*>/, '</section>');
    expect(lead).toContain('<img src="/images/p.jpg" alt="A picture">');
    expect(lead).toContain('<h2 class="card-title"><a href="/2024/03/08/n2/">With picture</a></h2>');
    expect(lead).toContain('The lead summary.');
    const top = between(html, /<section class="top-stories"[^>]*>/, '</section>');
    expect(cardTitles(top)).toEqual(['Newest, no picture', 'Older 0', 'Older 1', 'Older 2']);
    expect(cardTitles(between(html, /<section class="latest"[^>]*>/, '</section>'))).toEqual(['Older 3', 'Older 4', 'Older 5']);
    const blocks = [...html.matchAll(/<section class="section-block"[^>]*>\s*<h2[^>]*><a href="([^"]+)">([^<]+)<\/a><\/h2>/g)].map((m) => `${m[2]} ${m[1]}`);
    expect(blocks).toEqual(['Business /business/', 'Culture /culture/']);
  });

  it('lists older stories on /page/2/ under a visible heading, without lead or section blocks', async () => {
    const s = await site(articles(5));
    const html = s.page('page/2/index.html');
    expect(html).toContain('<h1>Latest news</h1>');
    expect(html).toContain('Page 2 of 2');
    expect(cardTitles(html)).toEqual(['Story 02', 'Story 01']);
    expect(html).not.toContain('lead-story');
    expect(html).not.toContain('section-block');
  });

  it('says so when nothing is published yet', async () => {
    const s = await site({});
    expect(s.page('index.html')).toContain('No stories have been published yet.');
  });
});

describe('tag, author and section pages', () => {
  it('have a heading, a count and the newest stories first', async () => {
    const s = await site({
      'dateline.config.ts': config({ authors: [{ name: 'Ran Zheng', bio: 'Covers transport.' }], sections: [{ name: 'News', description: 'What happened today.' }] }),
      ...articles(2),
    });
    const tag = s.page('tags/metro/index.html');
    expect(between(tag, /<header class="listing-header">/, '</header>')).toMatch(/<p class="kicker">Tag<\/p>\s*<h1>metro<\/h1>[\s\S]*<p class="count">2 articles<\/p>/);
    expect(cardTitles(tag)).toEqual(['Story 02', 'Story 01']);
    const author = s.page('authors/ran-zheng/index.html');
    expect(author).toContain('<h1>Ran Zheng</h1>');
    expect(author).toContain('<p class="listing-description">Covers transport.</p>');
    const section = s.page('news/index.html');
    expect(section).toContain('<h1>News</h1>');
    expect(section).toContain('<p class="listing-description">What happened today.</p>');
    expect(section).toContain('<p class="count">2 articles</p>');
    for (const p of ['tags/metro/index.html', 'authors/ran-zheng/index.html', 'news/index.html']) expect(h1Count(s.page(p)), p).toBe(1);
  });

  it('count one article in the singular', async () => {
    const s = await site(articles(1));
    expect(s.page('tags/metro/index.html')).toContain('<p class="count">1 article</p>');
  });
});

describe('indexes and archives', () => {
  it('lists tags with counts and authors with bios; an author without articles is listed but not linked', async () => {
    const s = await site({
      'dateline.config.ts': config({ authors: [{ name: 'Ran Zheng', bio: 'Covers transport.' }, { name: 'Idle Writer', bio: 'On leave.' }] }),
      'content/articles/a.md': md({ title: 'A', date: '2024-03-01', author: 'Ran Zheng', tags: ['metro', '重庆'] }),
      'content/articles/b.md': md({ title: 'B', date: '2024-03-02', author: 'Ran Zheng', tags: ['metro'] }),
    });
    const tags = s.page('tags/index.html');
    expect(tags).toContain('<a href="/tags/metro/">metro</a> <span class="count">(2)</span>');
    expect(tags).toContain('<a href="/tags/%E9%87%8D%E5%BA%86/"><span lang="zh">重庆</span></a> <span class="count">(1)</span>');
    const authors = s.page('authors/index.html');
    expect(authors).toMatch(/<h2><a href="\/authors\/ran-zheng\/">Ran Zheng<\/a><\/h2>\s*<p>Covers transport.<\/p>\s*<p class="count">2 articles<\/p>/);
    expect(authors).toMatch(/<h2>Idle Writer<\/h2>\s*<p>On leave.<\/p>\s*<p class="count">0 articles<\/p>/);
    expect(s.has('authors/idle-writer/index.html')).toBe(false);
  });

  it('has an archive index, a page per year and per month, with month names and counts', async () => {
    const s = await site({
      'content/articles/a.md': md({ title: 'March story', date: '2024-03-05', author: 'A' }),
      'content/articles/b.md': md({ title: 'Late March story', date: '2024-03-31 23:30', author: 'A' }),
      'content/articles/c.md': md({ title: 'New year story', date: '2025-01-01 00:30', author: 'A' }),
    });
    const index = s.page('archive/index.html');
    expect(index).toMatch(/<a href="\/2025\/">2025<\/a> <span class="count">1 article<\/span>/);
    expect(index).toContain('<a href="/2024/03/">March</a> <span class="count">(2)</span>');
    expect(s.page('2024/index.html')).toContain('<h1>2024</h1>');
    const month = s.page('2024/03/index.html');
    expect(month).toContain('<h1>March 2024</h1>');
    expect(month.indexOf('Late March story')).toBeLessThan(month.indexOf('>March story'));
    expect(s.page('2025/01/index.html')).toContain('<h1>January 2025</h1>');
  });

  it('still writes the archive, tags and authors indexes that the footer links to when nothing is published', async () => {
    const s = await site({});
    expect(s.page('archive/index.html')).toContain('No stories have been published yet.');
    expect(s.page('tags/index.html')).toContain('No tags yet.');
    expect(s.page('authors/index.html')).toContain('No authors yet.');
  });
});

describe('standalone pages and 404', () => {
  it('render a page from content/pages and a 404 with a way back', async () => {
    const s = await site({
      'dateline.config.ts': config({ sections: [{ name: 'News' }] }),
      ...articles(1),
      'content/pages/about-us.md': md({ title: 'About Us', updated: '2024-05-01' }, 'We are a newsroom.'),
    });
    const about = s.page('about-us/index.html');
    expect(h1Count(about)).toBe(1);
    expect(about).toContain('<h1 class="story-title">About Us</h1>');
    expect(about).toContain('<p>We are a newsroom.</p>');
    expect(about).toContain('Last updated <time datetime="2024-05-01T00:00:00+08:00">May 1, 2024</time>');
    const notFound = s.page('404.html');
    expect(h1Count(notFound)).toBe(1);
    expect(notFound).toContain('<h1>Page not found</h1>');
    expect(notFound).toContain('<a class="button" href="/">Go to the front page</a>');
    expect(notFound).toContain('<a href="/news/">News</a>');
  });
});

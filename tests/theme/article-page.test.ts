import { describe, expect, it } from 'vitest';
import { md, site } from '../helpers/site.js';
import { between, config, h1Count } from './fixtures.js';

const story = (front: Record<string, unknown>, body = 'First paragraph.\n\nSecond paragraph.') =>
  md({ date: '2024-03-20 09:30', author: 'Ran Zheng', section: 'Business', ...front }, body);

describe('article page', () => {
  it('shows the headline with its column label, the section, byline, dates, reading time and dateline', async () => {
    const s = await site({
      'content/articles/rail.md': story({ title: 'Why rail freight doubled丨Insights', tags: ['rail', '重庆'], dateline: 'Chongqing', updated: '2024-03-21 10:00', summary: 'Freight is up.' }),
    });
    expect(s.ok).toBe(true);
    const html = s.page('2024/03/20/rail/index.html');
    expect(h1Count(html)).toBe(1);
    expect(between(html, /<h1[^>]*>/, '</h1>')).toBe('Why rail freight doubled<span class="column-label">丨Insights</span>');
    expect(html).toContain('<p class="kicker"><a href="/business/">Business</a></p>');
    expect(html).toMatch(/By <a href="\/authors\/ran-zheng\/" rel="author"><bdi>Ran Zheng<\/bdi><\/a>/);
    // The site's zone (Asia/Shanghai) and its offset, never the machine's.
    expect(html).toContain('<time datetime="2024-03-20T09:30:00+08:00">Mar 20, 2024</time>');
    expect(html).toContain('Updated <time datetime="2024-03-21T10:00:00+08:00">Mar 21, 2024, 10:00 AM GMT+8</time>');
    expect(html).toContain('<span class="reading-time">1 min read</span>');
    expect(html).toContain('<p class="standfirst">Freight is up.</p>');
    expect(html).toContain('<p><span class="dateline">Chongqing—</span>First paragraph.</p>');
    expect(html).toContain('<a href="/tags/%E9%87%8D%E5%BA%86/" rel="tag"><span lang="zh">重庆</span></a>');
    expect(html).toMatch(/<header class="site-header">[\s\S]*<nav[\s\S]*<main id="main"[\s\S]*<article class="story">[\s\S]*<\/main>\s*<footer class="site-footer">/);
  });

  it('with `articleTime: true`, shows the time of publication with the date on the story\'s page, and only there', async () => {
    const files = { 'content/articles/rail.md': story({ title: 'Landslide blocks the G75', tags: ['rail'] }) };
    const s = await site({ ...files, 'dateline.config.ts': config({ articleTime: true }) });
    expect(s.diagnostics).toEqual([]);
    expect(s.page('2024/03/20/rail/index.html')).toContain('<time datetime="2024-03-20T09:30:00+08:00">Mar 20, 2024, 9:30 AM GMT+8</time>');
    // A listing keeps the date alone.
    expect(s.page('tags/rail/index.html')).toContain('<time datetime="2024-03-20T09:30:00+08:00">Mar 20, 2024</time>');
  });

  it('shows no "Updated" and no label span when the article has neither', async () => {
    const s = await site({ 'content/articles/plain.md': story({ title: 'A plain headline' }) });
    const html = s.page('2024/03/20/plain/index.html');
    expect(html).not.toContain('Updated');
    expect(html).not.toContain('column-label');
    expect(between(html, /<h1[^>]*>/, '</h1>')).toBe('A plain headline');
  });

  it('joins bylines naturally and links each author', async () => {
    const s = await site({
      'content/articles/two.md': story({ title: 'Two', author: ['Ran Zheng', 'Li Hua'] }),
      'content/articles/three.md': story({ title: 'Three', author: ['Ran Zheng', 'Li Hua', 'Wang Fang'] }),
    });
    const meta = (p: string) => between(s.page(p), /<span class="byline">/, '</span>').replace(/<a href="([^"]+)" rel="author"><bdi>([^<]+)<\/bdi><\/a>/g, '[$2]($1)');
    expect(meta('2024/03/20/two/index.html')).toBe('By [Ran Zheng](/authors/ran-zheng/) and [Li Hua](/authors/li-hua/)');
    expect(meta('2024/03/20/three/index.html')).toBe('By [Ran Zheng](/authors/ran-zheng/), [Li Hua](/authors/li-hua/) and [Wang Fang](/authors/wang-fang/)');
  });

  it('runs the dateline into the first top-level paragraph, whatever comes before it', async () => {
    const s = await site({
      'content/articles/quote.md': story({ title: 'Quote first', dateline: 'Wanzhou —' }, '## Background\n\n> A quoted paragraph.\n\nThe story starts here.'),
      'content/articles/list.md': story({ title: 'Only a list', dateline: 'Fuling' }, '- one\n- two'),
    });
    const quote = between(s.page('2024/03/20/quote/index.html'), /<div class="story-body">/, '</div>');
    expect(quote).toContain('<blockquote>\n<p>A quoted paragraph.</p>');
    expect(quote).toContain('<p><span class="dateline">Wanzhou—</span>The story starts here.</p>');
    expect(quote.match(/class="dateline"/g)).toHaveLength(1);
    const list = between(s.page('2024/03/20/list/index.html'), /<div class="story-body">/, '</div>');
    expect(list.trim().startsWith('<p><span class="dateline">Fuling—</span></p>')).toBe(true);
  });

  it('escapes the dateline, which is editor text', async () => {
    const s = await site({ 'content/articles/x.md': story({ title: 'X', dateline: '<b>Yubei</b>' }) });
    expect(s.page('2024/03/20/x/index.html')).toContain('<span class="dateline">&lt;b&gt;Yubei&lt;/b&gt;—</span>');
  });

  it('shows the lead image as a figure with caption and a "(Photo/ …)" credit', async () => {
    const s = await site({
      'content/articles/a.md': story({ title: 'A', image: { src: '/images/a.jpg', alt: 'A red train', caption: 'A train leaves Shapingba.', credit: 'Changan Automobile' } }),
      'content/articles/b.md': story({ title: 'B', image: { src: '/images/b.jpg', alt: 'A bridge', credit: 'Photo/ Western Rail' } }),
    });
    const a = between(s.page('2024/03/20/a/index.html'), /<figure class="story-image">/, '</figure>');
    expect(a).toContain('<img src="/images/a.jpg" alt="A red train">');
    expect(a).toContain('<figcaption>A train leaves Shapingba. <span class="credit">(Photo/ Changan Automobile)</span></figcaption>');
    const b = between(s.page('2024/03/20/b/index.html'), /<figure class="story-image">/, '</figure>');
    expect(b).toContain('<span class="credit">(Photo/ Western Rail)</span>');
  });

  it('a Chinese credit that says "图/" itself is shown once, in full-width brackets; on a Chinese site the theme\'s own is "（图/…）"', async () => {
    const credit = (c: string) => story({ title: c, image: { src: '/images/a.jpg', alt: '新车', credit: c } });
    const files = { 'content/articles/a.md': credit('（图/长安汽车）'), 'content/articles/b.md': credit('图/长安汽车'), 'content/articles/c.md': credit('(Photo/ Li Wei)') };
    const s = await site(files);
    // The text of the credit (an English site marks its Chinese run <span lang="zh">).
    const shown = (slug: string) => between(s.page(`2024/03/20/${slug}/index.html`), /<span class="credit">/, '</figcaption>').replace(/<[^>]*>/g, '');
    expect(['a', 'b', 'c'].map(shown)).toEqual(['（图/长安汽车）', '（图/长安汽车）', '(Photo/ Li Wei)']);
    const zh = await site({ 'dateline.config.ts': config({ language: 'zh-CN' }), 'content/articles/a.md': credit('长安汽车') });
    expect(between(zh.page('2024/03/20/a/index.html'), /<span class="credit">/, '</span>')).toBe('（图/长安汽车）');
  });

  it('links related articles (explicit first, then shared tags, at most relatedCount) and neighbours in the section', async () => {
    const s = await site({
      'dateline.config.ts': config({ relatedCount: 2 }),
      'content/articles/base.md': md({ title: 'Base', date: '2024-03-10', author: 'A', section: 'Business', tags: ['rail', 'trade'], related: ['old-essay'] }),
      'content/articles/old-essay.md': md({ title: 'Old essay', date: '2023-01-01', author: 'A', section: 'Culture' }),
      'content/articles/two-tags.md': md({ title: 'Two tags', date: '2024-01-01', author: 'A', section: 'Culture', tags: ['rail', 'trade'] }),
      'content/articles/one-tag.md': md({ title: 'One tag', date: '2024-03-01', author: 'A', section: 'Culture', tags: ['rail'] }),
      'content/articles/older.md': md({ title: 'Older business', date: '2024-03-05', author: 'A', section: 'Business' }),
      'content/articles/newer.md': md({ title: 'Newer business', date: '2024-03-15', author: 'A', section: 'Business' }),
    });
    const html = s.page('2024/03/10/base/index.html');
    const related = between(html, /<aside class="related"[^>]*>/, '</aside>');
    const titles = [...related.matchAll(/<h3 class="card-title"><a href="([^"]+)">([^<]+)</g)].map((m) => m[2]);
    expect(titles).toEqual(['Old essay', 'Two tags']);
    const nav = between(html, /<nav class="story-nav"[^>]*>/, '</nav>');
    expect(nav).toContain('href="/2024/03/05/older/"><span class="story-nav-label">Previous in Business</span> <span class="story-nav-title">Older business</span>');
    expect(nav).toContain('href="/2024/03/15/newer/"><span class="story-nav-label">Next in Business</span> <span class="story-nav-title">Newer business</span>');
    // The newest in its section has no "next", the oldest no "previous".
    expect(between(s.page('2024/03/15/newer/index.html'), /<nav class="story-nav"[^>]*>/, '</nav>')).not.toContain('Next in');
    const oldest = between(s.page('2023/01/01/old-essay/index.html'), /<nav class="story-nav"[^>]*>/, '</nav>');
    expect(oldest).toContain('href="/2024/01/01/two-tags/"><span class="story-nav-label">Next in Culture</span>');
    expect(oldest).not.toContain('Previous in');
  });

  it('shows the reading time of Latin text by words and of CJK text by characters', async () => {
    const words = Array.from({ length: 700 }, (_, i) => `word${i}`).join(' ');
    const han = '重庆'.repeat(450);
    const mixed = `${Array.from({ length: 230 }, () => 'word').join(' ')} ${'雾'.repeat(401)}`;
    const s = await site({
      'content/articles/en.md': story({ title: 'Long English' }, words),
      'content/articles/zh.md': story({ title: '长篇中文' }, han),
      'content/articles/mixed.md': story({ title: 'Mixed' }, mixed),
      'content/articles/short.md': story({ title: 'Short' }, 'Two words.'),
    });
    // 700 words at 230 a minute → 4 minutes; 900 characters at 400 a minute → 3 minutes.
    expect(s.page('2024/03/20/en/index.html')).toContain('<span class="reading-time">4 min read</span>');
    expect(s.page('2024/03/20/zh/index.html')).toContain('<span class="reading-time">3 min read</span>');
    // One minute of words plus just over one minute of characters → 3; a two-word story still takes a minute.
    expect(s.page('2024/03/20/mixed/index.html')).toContain('<span class="reading-time">3 min read</span>');
    expect(s.page('2024/03/20/short/index.html')).toContain('<span class="reading-time">1 min read</span>');
  });
});

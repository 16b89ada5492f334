import { describe, expect, it } from 'vitest';
import { cli, md, site, writeSite } from '../helpers/site.js';
import { config, jsonLd, LOGO, parseXml } from './helpers.js';
import { photo } from '../helpers/photos.js';

const story = (title: string, date: string, extra: Record<string, unknown> = {}, body = `${title} body.`) => md({ title, date, author: 'Li Wei', section: 'City', ...extra }, body);

describe('corrections and editor\'s notes', () => {
  it('are shown with the story, in its structured data, and a dated correction is the story\'s last change for feeds and sitemaps', async () => {
    const s = await site({
      'dateline.config.ts': config(),
      'static/images/logo.png': LOGO,
      'content/articles/bridge.md': md(
        "title: Bridge reopens\ndate: 2025-12-20 09:00\nauthor: Li Wei\neditorsNote: This story is being updated.\ncorrections:\n  - date: 2025-12-22 10:30\n    text: An earlier version gave the wrong length of the bridge.\n  - date: 2025-12-21 08:00\n    text: An earlier version misspelt the engineer's name.\n  - The headline has been clarified.",
        'The bridge is open again.',
      ),
      'content/articles/plain.md': story('Plain story', '2025-12-21 09:00'),
    });
    expect(s.diagnostics).toEqual([]);
    const page = s.page('2025/12/20/bridge/index.html');
    // The note above the body, the corrections after it, oldest first, each with its time.
    const note = page.indexOf('<aside class="editors-note"');
    const body = page.indexOf('<div class="story-body">');
    const fixes = page.indexOf('<section class="corrections"');
    expect(note).toBeGreaterThan(0);
    expect(note).toBeLessThan(body);
    expect(fixes).toBeGreaterThan(body);
    expect(page).toContain('<strong>Editor&#39;s note:</strong> This story is being updated.');
    const section = page.slice(fixes, page.indexOf('</section>', fixes));
    expect(section).toContain('<h2 id="corrections-heading">Corrections</h2>');
    expect([...section.matchAll(/<p>(.*?)<\/p>/g)].map((m) => m[1].replace(/<time datetime="([^"]+)">[^<]*<\/time>/, '$1'))).toEqual([
      '2025-12-21T08:00:00+08:00: An earlier version misspelt the engineer&#39;s name.',
      '2025-12-22T10:30:00+08:00: An earlier version gave the wrong length of the bridge.',
      'The headline has been clarified.',
    ]);
    const ld = jsonLd(page).find((x) => x['@type'] === 'NewsArticle');
    expect(ld.correction).toEqual([
      { '@type': 'CorrectionComment', text: "An earlier version misspelt the engineer's name.", datePublished: '2025-12-21T08:00:00+08:00' },
      { '@type': 'CorrectionComment', text: 'An earlier version gave the wrong length of the bridge.', datePublished: '2025-12-22T10:30:00+08:00' },
      { '@type': 'CorrectionComment', text: 'The headline has been clarified.' },
    ]);
    // The last correction is the story's last change: dateModified, the page's "Updated", the feed and the sitemap.
    expect(ld.dateModified).toBe('2025-12-22T10:30:00+08:00');
    expect(page).toContain('<time datetime="2025-12-22T10:30:00+08:00">');
    const item = parseXml(s.page('feed.xml')).rss.channel.item.find((i: any) => i.title === 'Bridge reopens');
    expect(item.pubDate).toBe('Mon, 22 Dec 2025 10:30:00 +0800');
    expect(s.page('sitemap.xml')).toMatch(/bridge\/<\/loc>\s*<lastmod>2025-12-22T10:30:00\+08:00<\/lastmod>/);
    // A story without them has neither block.
    const plain = s.page('2025/12/21/plain/index.html');
    expect(plain).not.toContain('editors-note');
    expect(plain).not.toContain('class="corrections"');
    expect(jsonLd(plain).find((x) => x['@type'] === 'NewsArticle').correction).toBeUndefined();
  });

  it('`correction:` alone is one correction; a mistake in one is an error at its line', async () => {
    const one = await site({ 'content/articles/a.md': story('A', '2025-12-20 09:00', { correction: 'An earlier version misstated the date.' }) });
    expect(one.diagnostics).toEqual([]);
    expect(one.page('2025/12/20/a/index.html')).toMatch(/<h2 id="corrections-heading">Correction<\/h2>\s*<p>An earlier version misstated the date.<\/p>/);
    const dir = writeSite({ 'content/articles/a.md': '---\ntitle: A\ndate: 2025-12-20 09:00\nauthor: Li Wei\ncorrections:\n  - date: 2025-13-01\n    text: x\n---\n\nBody.\n' });
    const r = await cli(['build', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error[BAD_DATE] content/articles/a.md:6');
    expect(r.stderr).toContain("A correction's `date`:");
    const ahead = await site({ 'content/articles/a.md': story('A', '2025-12-20 09:00', { corrections: [{ date: '2062-12-21 09:00', text: 'A year typed wrong.' }] }) });
    expect(ahead.diagnostics.map((d) => [d.code, d.line])).toEqual([['UPDATED_IN_FUTURE', 6]]);
    const before = await site({ 'content/articles/a.md': story('A', '2025-12-20 09:00', { corrections: [{ date: '2025-12-19 09:00', text: 'A day typed wrong.' }] }) });
    expect(before.diagnostics.map((d) => [d.code, d.line])).toEqual([['CORRECTION_BEFORE_DATE', 6]]);
    // A # in unquoted text cuts it short, as in a headline: an error at the #.
    const cut = await site({ 'content/articles/a.md': '---\ntitle: A\ndate: 2025-12-20 09:00\nauthor: Li Wei\neditorsNote: This story is #1 on the list\ncorrections:\n  - date: 2025-12-21 09:00\n    text: We said #2\n---\n\nBody.\n' });
    expect(cut.diagnostics.map((d) => [d.severity, d.code, d.line])).toEqual([['error', 'COMMENT_IN_TEXT', 5], ['error', 'COMMENT_IN_TEXT', 8]]);
    // In a list of several, each at its own item: the `- ` line, or the `date:` line for a date.
    const list = (items: string) => `---\ntitle: A\ndate: 2025-12-20 09:00\nauthor: Li Wei\ncorrections:\n${items}---\n\nBody.\n`;
    const items = await site({ 'content/articles/a.md': list('  - date: 2025-12-21 09:00\n    text: Fine.\n  - text: Wrong key.\n    when: 2025-12-22\n  - text: Too early.\n    date: 2025-12-19 09:00\n  - text: A year typed wrong.\n    date: 2062-12-21 09:00\n') });
    expect(items.diagnostics.map((d) => [d.code, d.line])).toEqual([['BAD_FIELD', 8], ['CORRECTION_BEFORE_DATE', 11]]);
    const dated = await site({ 'content/articles/a.md': list('  - date: 2025-12-21 09:00\n    text: Fine.\n  - text: Too early.\n    date: 2025-12-19 09:00\n  - text: A year typed wrong.\n    date: 2062-12-21 09:00\n  - date: 2025-12-40\n    text: No such day.\n') });
    expect(dated.diagnostics.map((d) => [d.code, d.line]).sort()).toEqual([['BAD_DATE', 12], ['CORRECTION_BEFORE_DATE', 9]]);
    const warned = await site({ 'content/articles/a.md': list('  - date: 2025-12-21 09:00\n    text: Fine.\n  - text: Too early.\n    date: 2025-12-19 09:00\n  - text: A year typed wrong.\n    date: 2062-12-21 09:00\n') });
    expect(warned.diagnostics.map((d) => [d.code, d.line]).sort()).toEqual([['CORRECTION_BEFORE_DATE', 9], ['UPDATED_IN_FUTURE', 11]]);
    const shape = await site({ 'content/articles/a.md': story('A', '2025-12-20 09:00', { corrections: [{ when: '2025-12-21', text: 'x' }] }) });
    expect(shape.diagnostics.map((d) => [d.code, d.line, d.message])).toEqual([['BAD_FIELD', 6, 'A correction has `when`, which is not `date` or `text`.']]);
  });

  it('on a Chinese site, the note and a correction\'s date are followed by the full-width colon, with no space', async () => {
    const s = await site({
      'dateline.config.ts': config("language: 'zh-CN',"),
      'content/articles/bridge.md': md('title: 大桥恢复通车\ndate: 2025-12-20 09:00\nauthor: 冉征\neditorsNote: 本文正在更新。\ncorrections:\n  - date: 2025-12-22 10:30\n    text: 此前误写了大桥长度。', '大桥恢复通车。'),
    });
    const page = s.page('2025/12/20/bridge/index.html');
    expect(page).toContain('<strong>编者按：</strong>本文正在更新。');
    expect(page).toMatch(/<p><time datetime="2025-12-22T10:30:00\+08:00">[^<]*<\/time>：此前误写了大桥长度。<\/p>/);
  });

  it('a colon the site writes with a space before it (French) keeps that space in the note', async () => {
    const s = await site({
      'dateline.config.ts': config("language: 'fr', strings: { editorsNote: 'Note de la rédaction', colon: '\\u202f: ' },"),
      'content/articles/pont.md': md('title: Le pont rouvre\ndate: 2025-12-20 09:00\nauthor: Li Wei\neditorsNote: Article mis à jour.', 'Le pont est rouvert.'),
    });
    expect(s.page('2025/12/20/pont/index.html')).toContain('<strong>Note de la rédaction\u202f:</strong> Article mis à jour.');
  });
});

describe('featured: the desk\'s lead story', () => {
  it('leads the home page whatever its age or picture; without it, the newest story with a picture does', async () => {
    const files = {
      'content/articles/old.md': story('Old breaking story', '2025-11-01 09:00'),
      'content/articles/photo.md': story('Newest with a photo', '2025-12-20 09:00', { image: { src: '/images/a.jpg', alt: 'A photo' } }),
      'content/articles/newest.md': story('Newest of all', '2025-12-21 09:00'),
      'static/images/a.jpg': photo(),
    };
    const lead = (html: string) => /<section class="lead-story"[^>]*>([\s\S]*?)<\/section>/.exec(html)![1];
    const plain = await site(files);
    expect(lead(plain.page('index.html'))).toContain('Newest with a photo');
    const pinned = await site({ ...files, 'content/articles/old.md': story('Old breaking story', '2025-11-01 09:00', { featured: true }) });
    expect(pinned.diagnostics).toEqual([]);
    const home = pinned.page('index.html');
    expect(lead(home)).toContain('Old breaking story');
    // Not again in the top stories beside it, which are the newest.
    const top = /<section class="top-stories"[^>]*>([\s\S]*?)<\/section>/.exec(home)![1];
    expect(top).not.toContain('Old breaking story');
    expect(top).toContain('Newest of all');
    expect(top).toContain('Newest with a photo');
    const bad = await site({ 'content/articles/a.md': story('A', '2025-12-20 09:00', { featured: 'yes' }) });
    expect(bad.diagnostics.map((d) => [d.code, d.line])).toEqual([['BAD_FIELD', 6]]);
    const sticky = await site({ 'content/articles/a.md': story('A', '2025-12-20 09:00', { sticky: true }) });
    expect(sticky.diagnostics.map((d) => d.message)).toEqual(['`sticky` is not a field dateline knows; did you mean `featured`?']);
  });
});

import path from 'node:path';
import fg from 'fast-glob';
import { describe, expect, it } from 'vitest';
import { THEME_IDS } from '../../src/parse/theme-ids.js';
import { md, read, REPO, site } from '../helpers/site.js';

/** Every id="…" on a page, in order. */
const ids = (html: string): string[] => [...html.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1]);

describe('heading ids and the theme\'s own ids', () => {
  it('THEME_IDS lists every id the default theme\'s templates write', () => {
    const found = new Set<string>();
    const templated: string[] = [];
    for (const f of fg.sync('templates/**/*.njk', { cwd: REPO }).sort()) {
      for (const id of ids(read(path.join(REPO, f)))) {
        if (id.includes('{')) templated.push(`${f}: ${id}`);
        else found.add(id);
      }
    }
    expect([...found].sort()).toEqual([...THEME_IDS].sort());
    // The home page's section blocks: it shows no article body, so no heading can meet them. A
    // live blog update's anchor is UPDATE_ANCHOR, which a heading's id is kept out of (below).
    expect(templated).toEqual(['templates/article.njk: {{ u.anchor }}', 'templates/home.njk: sec-{{ b.section.slug }}']);
  });

  it('numbers a heading whose id the theme uses, so every id on the page is unique and the skip link reaches <main>', async () => {
    const body = ['## Main', 'a', '## Main', 'b', '## Cookie notice', 'c', '## Related heading', 'd', '## Search', 'e', '## Main 1', 'f'].join('\n\n');
    const story = (title: string, text = 'Body.') => md({ title, date: '2024-03-20 09:30', author: 'Ran Zheng', section: 'Business', tags: ['rail'] }, text);
    const s = await site({
      'content/articles/clash.md': story('Clash', body),
      'content/articles/other.md': story('Other'),
      'content/pages/about-us.md': md({ title: 'About Us' }, body),
    });
    expect(s.ok, JSON.stringify(s.diagnostics)).toBe(true);
    for (const p of ['2024/03/20/clash/index.html', 'about-us/index.html']) {
      const html = s.page(p);
      const all = ids(html);
      expect(all.filter((id, i) => all.indexOf(id) !== i), p).toEqual([]);
      expect(html, p).toContain('<a class="skip-link" href="#main">');
      expect(html.match(/\sid="main"/g), p).toHaveLength(1);
      expect(html, p).toMatch(/<main id="main"/);
      expect(html, p).toContain('id="cookie-notice"');
      for (const [id, text] of [['main-1', 'Main'], ['main-2', 'Main'], ['cookie-notice-1', 'Cookie notice'], ['related-heading-1', 'Related heading'], ['search-1', 'Search'], ['main-1-1', 'Main 1']]) {
        expect(html, p).toContain(`<h2 id="${id}">${text}</h2>`);
      }
    }
    expect(s.page('2024/03/20/clash/index.html')).toContain('id="related-heading"');
  });

  it('a live blog heading written like an update\'s anchor is numbered, so every id on the page is unique', async () => {
    const body = 'Opening.\n\n## 22:20 Roads closed\n\nA.\n\n### Update 2026-11-27 2220\n\nB.';
    const s = await site({ 'content/articles/blog.md': md('title: Blog\ndate: 2026-11-27 22:10\nauthor: He Jiawei\nlive: true', body) }, { now: '2026-11-28T08:00:00+08:00' });
    expect(s.ok, JSON.stringify(s.diagnostics)).toBe(true);
    const all = ids(s.page('2026/11/27/blog/index.html'));
    expect(all).toContain('update-2026-11-27-2220');
    expect(all).toContain('update-2026-11-27-2220-1');
    expect(all.filter((id, i) => all.indexOf(id) !== i)).toEqual([]);
  });

  // Before, the second update of a minute took `…-2220-2` though a heading had it, and an id
  // written in raw HTML was kept beside the update's anchor: two elements with one id.
  it('two updates in one minute and a heading or a raw HTML id written like their anchors: every id on the page is unique', async () => {
    const body = 'Opening.\n\n<p id="update-2026-11-27-2220">Raw.</p>\n\n## 22:20 Roads closed\n\nA.\n\n### Update 2026-11-27 2220-2\n\nB.\n\n## 22:20 Bus diverted\n\nC.';
    const s = await site({ 'content/articles/blog.md': md('title: Blog\ndate: 2026-11-27 22:10\nauthor: He Jiawei\nlive: true', body) }, { now: '2026-11-28T08:00:00+08:00' });
    expect(s.ok, JSON.stringify(s.diagnostics)).toBe(true);
    const page = s.page('2026/11/27/blog/index.html');
    const all = ids(page);
    expect(all.filter((id, i) => all.indexOf(id) !== i)).toEqual([]);
    expect([...page.matchAll(/<article class="live-update" id="([^"]+)"/g)].map((m) => m[1])).toHaveLength(2);
    expect(all).toContain('update-2026-11-27-2220-2');
  });
});

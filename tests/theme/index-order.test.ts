import { describe, expect, it } from 'vitest';
import { md, site } from '../helpers/site.js';
import { config } from './fixtures.js';

const story = (n: number, tags: string[], author: string) => md({ title: `Story ${n}`, date: `2025-01-${String(10 + n).padStart(2, '0')} 10:00`, author, tags });

/** The link texts of the index page's list, in order. */
const names = (html: string, list: string) => {
  const start = html.indexOf(`<ul class="${list}"`);
  return [...html.slice(start, html.indexOf('</ul>', start)).matchAll(/<a href="[^"]*">([^<]*)<\/a>/g)].map((m) => m[1]);
};

describe('the tags and authors indexes', () => {
  it('list names in the order of the site\'s language: a Chinese site by pinyin, digits as numbers', async () => {
    const files: Record<string, string> = { 'dateline.config.ts': config({ language: 'zh', locale: 'zh-CN' }) };
    const tags = [['重庆', 'G20'], ['上海', 'G7'], ['北京'], ['成都']];
    const authors = ['冉征', '李伟', '白雪', '张明'];
    tags.forEach((t, i) => (files[`content/articles/s${i}.md`] = story(i, t, authors[i])));
    const s = await site(files);
    expect(s.ok, JSON.stringify(s.diagnostics)).toBe(true);
    // Bei, Cheng, Chong, Shang (by code point 上, 4E0A, came first), then Latin, G7 before G20.
    expect(names(s.page('tags/index.html'), 'tag-cloud')).toEqual(['北京', '成都', '重庆', '上海', 'G7', 'G20']);
    // Bai, Li, Ran, Zhang.
    expect(names(s.page('authors/index.html'), 'author-list')).toEqual(['白雪', '李伟', '冉征', '张明']);
  });

  it('in an English site, ignore case and accents, as a reader does', async () => {
    const files: Record<string, string> = { 'dateline.config.ts': config() };
    const tags = [['zoning'], ['Éclair Bakery'], ['apple'], ['Budget']];
    tags.forEach((t, i) => (files[`content/articles/s${i}.md`] = story(i, t, ['Zed Ames', 'adam Bell', 'Émile Cole', 'Bo Diaz'][i])));
    const s = await site(files);
    expect(s.ok, JSON.stringify(s.diagnostics)).toBe(true);
    expect(names(s.page('tags/index.html'), 'tag-cloud')).toEqual(['apple', 'Budget', 'Éclair Bakery', 'zoning']);
    expect(names(s.page('authors/index.html'), 'author-list')).toEqual(['adam Bell', 'Bo Diaz', 'Émile Cole', 'Zed Ames']);
  });
});

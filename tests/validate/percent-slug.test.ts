import { describe, expect, it } from 'vitest';
import { md, site } from '../helpers/site.js';

// WordPress stores the slug of a Chinese (or Arabic, or accented) headline percent-encoded, and
// exports write it so, in `slug:` and in the file's name. The old URL showed the letters.
const front = (extra: string) => `title: 重庆新闻\ndate: 2024-03-20 10:00\nauthor: Li Wei${extra}`;

describe('a percent-encoded slug from a WordPress export', () => {
  it('in `slug:` makes a URL of the letters it encodes, not of its hex digits', async () => {
    const s = await site({ 'content/articles/wp.md': md(front('\nslug: "%e9%87%8d%e5%ba%86-%e6%96%b0%e9%97%bb"')) });
    expect(s.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(s.has('2024/03/20/重庆-新闻/index.html')).toBe(true);
    expect(s.has('2024/03/20/e9-87-8d-e5-ba-86-e6-96-b0-e9-97-bb/index.html')).toBe(false);
    expect(s.page('index.html')).toContain('href="/2024/03/20/%E9%87%8D%E5%BA%86-%E6%96%B0%E9%97%BB/"');
  });

  it('in the file\'s name (or a bundle folder\'s), with the date a post\'s name starts with', async () => {
    const s = await site({
      'content/articles/2024-03-20-%e9%87%8d%e5%ba%86.md': md(front('')),
      'content/articles/%e6%96%b0%e9%97%bb/index.md': md(front('').replace('重庆新闻', '新闻')),
    });
    expect(s.has('2024/03/20/重庆/index.html')).toBe(true);
    expect(s.has('2024/03/20/新闻/index.html')).toBe(true);
  });

  it('is read before the slug\'s own rules: an encoded "/" is still refused', async () => {
    const s = await site({ 'content/articles/a.md': md(front('\nslug: "..%2Fadmin"')) });
    expect(s.diagnostics.map((d) => d.code)).toContain('BAD_SLUG');
    // Named as the line has it, with what it encodes: the line shows no "/".
    expect(s.diagnostics.find((d) => d.code === 'BAD_SLUG')!.message).toBe('The slug "..%2Fadmin" (percent-encoded "../admin") contains "/", "\\" or "..".');
  });

  it('leaves a slug with a "%" that encodes nothing as it was', async () => {
    const s = await site({ 'content/articles/a.md': md(front('\nslug: "100%-pure"')) });
    expect(s.has('2024/03/20/100-pure/index.html')).toBe(true);
  });
});

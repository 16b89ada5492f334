import { describe, expect, it } from 'vitest';
import { md, site } from '../helpers/site.js';

// A Hugo archive's file with two mistakes: its old address in `url:` and another tool's key that
// stops the build. Both are said in the first build; the `url:` one used to wait for the other's fix.
describe('an old tool\'s `url:` in a file with another mistake', () => {
  it('is said in the same run as that mistake', async () => {
    const s = await site({
      'content/articles/flood.md': md('title: Flood\ndate: 2012-05-14 10:00\nauthor: Li Wei\nurl: /news/2012/flood.html\nstatus: draft'),
      'content/articles/fine.md': md('title: Fine\ndate: 2012-05-15 10:00\nauthor: Li Wei'),
    });
    const errors = s.diagnostics.filter((d) => d.severity === 'error' && d.file === 'content/articles/flood.md');
    expect(errors.map((d) => [d.code, d.line])).toEqual(expect.arrayContaining([['UNKNOWN_KEY', 6], ['UNKNOWN_KEY', 5]]));
    const url = errors.find((d) => d.line === 5)!;
    expect(url.message).toBe('`url: /news/2012/flood.html` is the article\'s address on the old site; dateline publishes it at /2012/05/14/flood/, so links to the old address would break.');
    expect(url.hint).toBe("Keep the old address working with a redirect: write `aliases: ['/news/2012/flood.html']` instead of the `url` line.");
  });

  it('a file whose date could not be read says nothing of its `url:` (its URL is not known)', async () => {
    const s = await site({ 'content/articles/flood.md': md('title: Flood\ndate: 2012-02-30\nauthor: Li Wei\nurl: /news/2012/flood.html') });
    expect(s.diagnostics.map((d) => d.code)).toEqual(['BAD_DATE']);
  });
});

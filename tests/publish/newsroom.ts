import { md, SEARCH_CONFIG, writeSite } from '../helpers/site.js';

/**
 * Test-only: a small newsroom for the manifest tests: five stories over three sections and three
 * tags, and the two standalone pages. `twoBody` is the body of story 2 (a test may mark it to find
 * the pages that carry it); `files` are more of the site's files.
 */
export function smallNewsroom(twoBody: string, files: Record<string, string> = {}): string {
  const a = (n: number, extra: Record<string, unknown>, body = 'An ordinary report.') =>
    md({ title: `Story ${n}`, date: `2025-0${n}-01 09:00`, author: 'Tan Yuxin', summary: `Summary ${n}.`, ...extra }, body);
  return writeSite({
    // A newsroom's site has its search index, whose files a deploy's manifest and diff list too.
    'dateline.config.ts': SEARCH_CONFIG,
    'content/pages/about-us.md': md({ title: 'About Us' }),
    'content/pages/privacy-cookie-policy.md': md({ title: 'Privacy' }),
    'content/articles/one.md': a(1, { tags: ['Rail'], section: 'Transport' }),
    'content/articles/two.md': a(2, { tags: ['Rail', 'Trade'], section: 'Transport' }, twoBody),
    'content/articles/three.md': a(3, { tags: ['Trade'], section: 'Business' }),
    'content/articles/four.md': a(4, { tags: ['Rail'], section: 'Business' }),
    'content/articles/five.md': a(5, { tags: ['Weather'] }),
    ...files,
  });
}

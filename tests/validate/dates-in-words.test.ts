import { describe, expect, it } from 'vitest';
import { parseFrontMatter } from '../../src/parse/front-matter.js';
import { validateFrontMatter } from '../../src/validate/article.js';

const FILE = 'content/articles/2026/rail-freight.md';

function check(date: string) {
  const text = `---\ntitle: Rail freight doubles\ndate: ${date}\nauthor: Li Wei\n---\n\nBody.\n`;
  const fm = parseFrontMatter(FILE, text);
  return fm.result ? validateFrontMatter(fm.result, { file: FILE, text, kind: 'article', timeZone: 'Asia/Shanghai' }) : { meta: undefined, diagnostics: fm.diagnostics };
}
/** The `date: …` lines the fix gives, each followed as written. */
const fixes = (hint = '') => [...hint.matchAll(/`(date: [^`]*)`/g)].map((m) => m[1].slice('date: '.length));

// Dates from a CMS export, an e-mail (RFC 2822, as RSS has them too) or typed in words: the fix
// said "use YYYY-MM-DD", and left the editor to work out which day was meant.
describe('a date written in words or day first', () => {
  it.each([
    ['March 20, 2026', ['2026-03-20']],
    ['20 March 2026', ['2026-03-20']],
    ['Friday, March 20, 2026 at 9:30 PM', ['2026-03-20 21:30']],
    ['Fri, 20 Mar 2026 09:30:00 +0800', ['2026-03-20T09:30:00+08:00']],
    ['20/03/2026', ['2026-03-20']],
    ['20.03.2026 9:30', ['2026-03-20 09:30']],
    ['2026-03-20 9:30 pm', ['2026-03-20 21:30']],
    ['2026-03-20 09.30', ['2026-03-20 09:30']],
  ])('%s: an error whose fix is the date to write, which builds', (written, expected) => {
    const [d] = check(written).diagnostics;
    expect(d).toMatchObject({ code: 'BAD_DATE', line: 3 });
    expect(fixes(d.hint)).toEqual(expected);
    for (const f of fixes(d.hint)) expect(check(f).diagnostics).toEqual([]);
  });

  it('03/04/2026 could be either: the fix gives both, each with the day it means', () => {
    const [d] = check('03/04/2026').diagnostics;
    expect(d.hint).toBe('Write it year first, as dateline reads it: `date: 2026-04-03` for 3 April, or `date: 2026-03-04` for 4 March.');
  });

  it('a time zone by its abbreviation and a day that does not exist are not guessed', () => {
    expect(fixes(check('2026-03-20 09:30 CST').diagnostics[0].hint)).toEqual([]);
    expect(fixes(check('February 30, 2026').diagnostics[0].hint)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { parseFrontMatter } from '../../src/parse/front-matter.js';
import { validateFrontMatter } from '../../src/validate/article.js';

const FILE = 'content/articles/2024/rail-freight.md';

function check(front: string) {
  const text = `---\n${front}\n---\n\nBody.\n`;
  const fm = parseFrontMatter(FILE, text);
  return fm.result ? validateFrontMatter(fm.result, { file: FILE, text, kind: 'article', timeZone: 'Asia/Shanghai' }) : { meta: undefined, diagnostics: fm.diagnostics };
}
const BASE = 'title: Rail freight doubles\ndate: 2024-03-20\nauthor: Li Wei';

// A zero-width space, a byte-order mark or a non-breaking space pasted with a key or a date: the
// message showed the key as the editor sees it ("rename `draft` to `draft`"), nothing to change.
describe('a character that cannot be seen in a key or a date', () => {
  it('in `draft`: still an error (the story would be published), which names the character and where it is', () => {
    for (const [key, what] of [['dr\u200baft', 'a zero-width space (U+200B) after `r`'], ['\ufeffdraft', 'a byte-order mark (U+FEFF) before `d`'], ['draft\u00a0', 'a non-breaking space (U+00A0) after `t`']]) {
      const r = check(`${BASE}\n${key}: true`);
      expect(r.diagnostics.map((d) => [d.code, d.severity, d.line, d.hint])).toEqual([['UNKNOWN_KEY', 'error', 5, 'Delete the key and type `draft:` again.']]);
      expect(r.diagnostics[0].message).toContain(what);
      expect(r.diagnostics[0].message).toContain('would be published');
      expect(r.diagnostics[0].message).not.toMatch(/[\u200b\ufeff\u00a0]/);
    }
  });

  it('in `title` (a non-breaking space before the colon, as French typing puts it): the key is named without it; the fix, followed, builds', () => {
    const r = check('title\u00a0: Rail freight doubles\ndate: 2024-03-20\nauthor: Li Wei');
    const d = r.diagnostics.find((x) => x.code === 'UNKNOWN_KEY')!;
    expect(d).toMatchObject({ line: 2, hint: 'Delete the key and type `title:` again.' });
    expect(d.message.startsWith('`title` has a character in it that cannot be seen, a non-breaking space (U+00A0)')).toBe(true);
    expect(check(BASE).diagnostics).toEqual([]);
  });

  it('in a date: the fix is the date without it', () => {
    const [d] = check('title: Rail freight doubles\ndate: 2024-03-20\u200b 09:30\nauthor: Li Wei').diagnostics;
    expect(d).toMatchObject({ code: 'BAD_DATE', line: 3 });
    expect(d.hint).toBe('It has a character in it that cannot be seen, a zero-width space (U+200B) after `0`: delete the date and type it again, `date: 2024-03-20 09:30`.');
  });

  it('a key of the site’s own with one, and a known key without, are as before', () => {
    expect(check(`${BASE}\nmy\u200bfield: 1`).diagnostics.map((d) => d.message).join()).not.toContain('cannot be seen');
    expect(check(`${BASE}\ndraf: true`).diagnostics[0].message).toContain('did you mean `draft`');
  });
});

describe('a zero-width space, word joiner or byte-order mark pasted into a name', () => {
  it('is no part of a tag, a byline or a slug: `Rail` and `Rail` with one are one tag, and the slug is the one seen', () => {
    const r = check(`${BASE.replace('author: Li Wei', 'author: Li\u200b Wei')}\ntags: [Rail\u200b, \ufeffPort]\nslug: rail\u2060doubles`);
    expect(r.diagnostics).toEqual([]);
    expect(r.meta).toMatchObject({ tags: ['Rail', 'Port'], authors: ['Li Wei'], slug: 'raildoubles' });
    expect(check(`${BASE}\ntags:\n  - Rail\u200b\n  - 重庆\u200b`).meta).toMatchObject({ tags: ['Rail', '重庆'] });
  });

  it('a zero-width non-joiner, which Persian spells words with, stays', () => {
    expect(check(`${BASE}\ntags: [\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645]`).meta?.tags).toEqual(['\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645']);
  });
});

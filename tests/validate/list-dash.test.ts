import { describe, expect, it } from 'vitest';
import { parseFrontMatter } from '../../src/parse/front-matter.js';
import { validateFrontMatter } from '../../src/validate/article.js';

const FILE = 'content/articles/2024/rail-freight.md';

function check(front: string) {
  const text = `---\n${front}\n---\n\nBody.\n`;
  const fm = parseFrontMatter(FILE, text);
  return fm.result ? validateFrontMatter(fm.result, { file: FILE, text, kind: 'article', timeZone: 'Asia/Shanghai' }) : { meta: undefined, diagnostics: fm.diagnostics };
}
const BASE = 'title: Rail freight doubles\ndate: 2024-03-20';

describe('a list item with no space after its dash', () => {
  it('`tags:` then `  -Rail` and `  -Port` is one tag "-Rail -Port" to YAML: an error at the first, whose fix is each line with its space', () => {
    const r = check(`${BASE}\nauthor: Li Wei\ntags:\n  -Rail\n  -Port`);
    expect(r.meta).toBeUndefined();
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.line, d.message, d.hint])).toEqual([
      ['DASH_WITHOUT_SPACE', 'error', 6, '`tags` is one item, "-Rail -Port": its 2 lines have no space after the dash, so YAML reads them as one text, not as a list.', 'Put a space after the dash on each line: `  - Rail`, `  - Port`.'],
    ]);
  });

  it('one such line among good ones, in `author`, `related` or `aliases` too', () => {
    expect(check(`${BASE}\nauthor: Li Wei\ntags:\n  -Rail\n  - Port`).diagnostics.map((d) => [d.code, d.line, d.hint])).toEqual([['DASH_WITHOUT_SPACE', 6, 'Put a space after the dash on the line: `  - Rail`.']]);
    expect(check(`${BASE}\nauthor:\n  -Li Wei`).diagnostics.map((d) => [d.code, d.line, d.hint])).toEqual([['DASH_WITHOUT_SPACE', 5, 'Put a space after the dash on the line: `  - Li Wei`.']]);
    expect(check(`${BASE}\nauthor: Li Wei\nrelated:\n  -port-expands`).diagnostics.map((d) => [d.code, d.line, d.hint])).toEqual([['DASH_WITHOUT_SPACE', 6, 'Put a space after the dash on the line: `  - port-expands`.']]);
    // Not indented, YAML cannot read it at all; the fix is the same.
    expect(check(`${BASE}\nauthor: Li Wei\nrelated:\n-port-expands`).diagnostics.map((d) => [d.code, d.line, d.hint])).toEqual([['FRONT_MATTER_SYNTAX', 6, 'Put a space after the dash: `- port-expands`.']]);
    expect(check(`${BASE}\nauthor: Li Wei\naliases:\n  -/old/rail.html`).diagnostics.map((d) => d.code)).toContain('DASH_WITHOUT_SPACE');
  });

  it('a good list, a tag that starts with a hyphen on the key\'s line, and a title that starts with one are no such error', () => {
    expect(check(`${BASE}\nauthor: Li Wei\ntags:\n  - Rail\n  - Port`).diagnostics).toEqual([]);
    expect(check(`${BASE}\nauthor: Li Wei\ntags: -5C`).diagnostics.map((d) => d.code)).not.toContain('DASH_WITHOUT_SPACE');
    expect(check('title:\n  -40 degrees in Harbin\ndate: 2024-03-20\nauthor: Li Wei').diagnostics).toEqual([]);
  });

  it('where YAML cannot read the list at all (a good item, then one without the space), the fix says the same', () => {
    const [d] = check(`${BASE}\nauthor: Li Wei\ntags:\n  - Rail\n  -Port`).diagnostics;
    expect(d).toMatchObject({ code: 'FRONT_MATTER_SYNTAX', line: 7, hint: 'Put a space after the dash: `  - Port`.' });
  });
});

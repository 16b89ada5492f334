import { describe, expect, it } from 'vitest';
import { parseFrontMatter } from '../../src/parse/front-matter.js';
import { validateFrontMatter } from '../../src/validate/article.js';

const FILE = 'content/articles/2024/rail-freight.md';
const FRONT = 'title: Rail freight doubles\ndate: 2024-03-20\nauthor: Li Wei';

function check(text: string) {
  const fm = parseFrontMatter(FILE, text);
  if (!fm.result) throw new Error(JSON.stringify(fm.diagnostics));
  return validateFrontMatter(fm.result, { file: FILE, text, kind: 'article', timeZone: 'Asia/Shanghai' });
}
const inBody = (text: string) => check(text).diagnostics.filter((d) => d.code === 'FIELD_IN_BODY');

describe('a field written below the closing `---`', () => {
  it('`draft: true` under the `---` is an error at its line: the draft would be published, its first line "draft: true"', () => {
    const r = check(`---\n${FRONT}\n---\ndraft: true\n\nThe council voted.\n`);
    expect(r.meta).toBeUndefined();
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.line, d.column, d.message, d.hint])).toEqual([
      ['FIELD_IN_BODY', 'error', 6, 1, '`draft: true` is below the closing `---` (line 5), so it is the story\'s first line, not a field: readers would see "draft: true" at the top of the story, and the draft would be published.', 'Move `draft: true` above the closing `---` (line 5), with the other fields.'],
    ]);
    expect(r.diagnostics[0].frame).toContain('> 6 | draft: true');
  });

  it('other known fields are a warning each, after blank lines too, with a list under its key; the story\'s first other line ends the look', () => {
    const ds = inBody(`---\n${FRONT}\n---\n\n\ntags:\n  - Rail\n  - Port\nsummary: Freight doubles.\n\nThe council voted.\n\nsection: not a field any more\n`);
    expect(ds.map((d) => [d.severity, d.line, d.hint])).toEqual([
      ['warning', 8, 'Move `tags:` and the lines under it above the closing `---` (line 5), with the other fields.'],
      ['warning', 11, 'Move `summary: Freight doubles.` above the closing `---` (line 5), with the other fields.'],
    ]);
  });

  it('a key set above already: the fix says which line has it', () => {
    const [d] = inBody(`---\n${FRONT}\n---\ntitle: Rail freight to Europe doubles\n\nBody.\n`);
    expect(d).toMatchObject({ severity: 'warning', line: 6, hint: '`title` is set above the `---` already (line 2): delete line 6, or write its value on line 2 instead (`title: Rail freight to Europe doubles`).' });
  });

  it('a story that starts with words and a colon, a key dateline does not know, or `draft: false` held nothing back', () => {
    expect(inBody(`---\n${FRONT}\n---\nPolice said: the road stays closed.\n`)).toEqual([]);
    expect(inBody(`---\n${FRONT}\n---\nUpdate: the road is open.\n`)).toEqual([]);
    expect(inBody(`---\n${FRONT}\n---\nmood: grim\n`)).toEqual([]);
    expect(inBody(`---\n${FRONT}\n---\nThe council voted.\ndraft: true\n`)).toEqual([]);
    expect(inBody(`---\n${FRONT}\n---\ndraft: false\n`).map((d) => d.severity)).toEqual(['warning']);
  });

  it('a story that opens with prose after one of those keys is a warning, not an error that would stop the build', () => {
    for (const first of ["draft: the committee's bill goes to a vote", 'expires: the lease on the pier, the council said', 'withdrawn: the offer came too late']) {
      expect(inBody(`---\n${FRONT}\n---\n${first}\n`).map((d) => d.severity), first).toEqual(['warning']);
    }
    for (const field of ['expires: 2024-04-01', 'withdrawn: 2024-04-01 10:00', 'withdrawn:', 'draft: yes']) {
      expect(inBody(`---\n${FRONT}\n---\n${field}\n`).map((d) => d.severity), field).toEqual(['error']);
    }
  });
});

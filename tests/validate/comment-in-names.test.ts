import { describe, expect, it } from 'vitest';
import { parseFrontMatter } from '../../src/parse/front-matter.js';
import { validateFrontMatter } from '../../src/validate/article.js';
import { cli, md, writeSite } from '../helpers/site.js';

const FILE = 'content/articles/rail.md';
const TOP = 'title: Rail freight doubles\ndate: 2024-03-20';

function check(front: string) {
  const text = `---\n${front}\n---\n\nBody.\n`;
  const fm = parseFrontMatter(FILE, text);
  if (!fm.result) return { meta: undefined, diagnostics: fm.diagnostics };
  return validateFrontMatter(fm.result, { file: FILE, text, kind: 'article', timeZone: 'Asia/Shanghai' });
}
const said = (front: string) => check(front).diagnostics.map((d) => [d.severity, d.code, d.line, d.column, d.message, d.hint]);

describe('a # in tags or a byline is a YAML comment (COMMENT_IN_TEXT)', () => {
  it('a tag item cut or emptied by it is an error at the #, with the item in quotes as the fix, which reads back whole', () => {
    const front = `${TOP}\nauthor: Li Wei\ntags:\n  - Rail #5 pick\n  - #MeToo\n  - C# news`;
    expect(said(front)).toEqual([
      ['error', 'COMMENT_IN_TEXT', 6, 10, 'The tag ends at "Rail": in YAML a space and # start a comment, so "#5 pick" is left out.', "Put the whole tag in quotes: - 'Rail #5 pick'"],
      // Only this error for `- #MeToo`, not also "`tags` has an empty item".
      ['error', 'COMMENT_IN_TEXT', 7, 5, 'A tag in `tags` is empty: in YAML a space and # start a comment, so "#MeToo" is left out.', "Put the whole tag in quotes: - '#MeToo'"],
    ]);
    expect(check(front).meta).toBeUndefined();
    const fixed = check(`${TOP}\nauthor: Li Wei\ntags:\n  - 'Rail #5 pick'\n  - '#MeToo'\n  - C# news`);
    expect(fixed.diagnostics).toEqual([]);
    expect(fixed.meta!.tags).toEqual(['Rail #5 pick', '#MeToo', 'C# news']);
  });

  it('a flow list `tags: [Rail, #5 pick]` (which YAML cannot read: the comment takes the ]) says why, with the line to write', () => {
    const front = `${TOP}\nauthor: Li Wei\ntags: [Rail, #5 pick]\ndraft: false`;
    expect(said(front)).toEqual([
      ['error', 'COMMENT_IN_TEXT', 5, 14, '`tags` is cut at "#5 pick": in YAML a # after a space or at the start of an item starts a comment, so the rest of the line is left out, the closing ] with it.', "Put the item in quotes: tags: [Rail, '#5 pick']"],
    ]);
    const fixed = check(`${TOP}\nauthor: Li Wei\ntags: [Rail, '#5 pick']\ndraft: false`);
    expect(fixed.diagnostics).toEqual([]);
    expect(fixed.meta!.tags).toEqual(['Rail', '#5 pick']);
  });

  it('a byline cut by it is an error (published); `authors`, another tool\'s key that publishes nothing as written, a warning', () => {
    expect(said(`${TOP}\nauthor: Ran Zheng #1 reporter`)).toEqual([
      ['error', 'COMMENT_IN_TEXT', 4, 19, '`author` ends at "Ran Zheng": in YAML a space and # start a comment, so "#1 reporter" is left out.', "Put the whole author in quotes: author: 'Ran Zheng #1 reporter'"],
    ]);
    expect(check(`${TOP}\nauthor: 'Ran Zheng #1 reporter'`).meta!.authors).toEqual(['Ran Zheng #1 reporter']);
    expect(said(`${TOP}\nauthor:\n  - Ran Zheng #1 reporter\n  - Li Wei`).map((d) => d.slice(0, 4))).toEqual([['error', 'COMMENT_IN_TEXT', 5, 15]]);
    const authors = check(`${TOP}\nauthors: Ran Zheng #1 reporter`).diagnostics.filter((d) => d.code === 'COMMENT_IN_TEXT');
    expect(authors.map((d) => [d.severity, d.line])).toEqual([['warning', 4]]);
  });

  it('is none for a # in quotes, inside a word, after the list, or a comment on purpose (# and a space); nor for `section` or a list of the site\'s own', () => {
    for (const front of [
      `${TOP}\nauthor: "Ran Zheng #1"\ntags: ['#5 pick', "#MeToo", C#]`,
      `${TOP}\nauthor: Li Wei\ntags: [Rail] # a comment after the list`,
      `${TOP}\nauthor: Li Wei # staff writer\ntags: # the desk's own\n  - Rail  # trunk line\n  - Port`,
      `${TOP}\nauthor: Li Wei\nsection: 2024 # the year`,
      `${TOP}\nauthor: Li Wei\nnotes:\n  - Gate #2\nseo:\n  tags: [x] # fine`,
    ]) {
      expect(check(front).diagnostics.filter((d) => d.code === 'COMMENT_IN_TEXT'), front).toEqual([]);
    }
  });

  it('is said by the real `dateline build` and `dateline check`, with the file, line and fix; nothing is published', async () => {
    const dir = writeSite({ 'content/articles/rail.md': md(`${TOP}\nauthor: Ran Zheng #1 reporter\ntags:\n  - #MeToo`) });
    for (const command of ['build', 'check']) {
      const r = await cli([command, dir, '--now', '2026-01-01T00:00:00Z']);
      expect(r.code, command).toBe(1);
      const out = r.stderr + r.stdout;
      expect(out, command).toMatch(/error\[COMMENT_IN_TEXT\] content\/articles\/rail\.md:4:19/);
      expect(out, command).toMatch(/error\[COMMENT_IN_TEXT\] content\/articles\/rail\.md:6:5/);
      expect(out, command).toContain("fix: Put the whole author in quotes: author: 'Ran Zheng #1 reporter'");
      expect(out, command).toContain("fix: Put the whole tag in quotes: - '#MeToo'");
    }
  });
});

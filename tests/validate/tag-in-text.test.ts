import { describe, expect, it } from 'vitest';
import { parseFrontMatter } from '../../src/parse/front-matter.js';
import { validateFrontMatter } from '../../src/validate/article.js';

const FILE = 'content/articles/2024/rail-freight.md';

function check(front: string) {
  const text = `---\n${front}\n---\n\nBody.\n`;
  const fm = parseFrontMatter(FILE, text);
  if (!fm.result) throw new Error(JSON.stringify(fm.diagnostics));
  return validateFrontMatter(fm.result, { file: FILE, text, kind: 'article', timeZone: 'Asia/Shanghai' });
}
const tagged = (r: ReturnType<typeof check>) => r.diagnostics.filter((d) => d.code === 'TAG_IN_TEXT');

describe('a field of words that starts with `! `', () => {
  it('`title: ! Rail doubles` would be published as "Rail doubles": an error at the `!`, whose fix is the line in quotes', () => {
    const r = check("title: ! Rail doubles, it's official\ndate: 2024-03-20\nauthor: Li Wei");
    expect(r.meta).toBeUndefined();
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.line, d.column, d.message, d.hint])).toEqual([
      ['TAG_IN_TEXT', 'error', 2, 8, '`title` is "Rail doubles, it\'s official": YAML reads a `!` and a space at the start of a value as a tag, not as text, so the "!" is left out.', "Put the whole title in quotes: title: '! Rail doubles, it''s official'"],
    ]);
  });

  it('in the summary, the photo\'s caption and a correction\'s text too; the photo\'s fields at the top level are a warning', () => {
    const r = check("title: T\ndate: 2024-03-20\nauthor: Li Wei\nsummary: !  Freight doubles\nimage:\n  src: /a.jpg\n  caption: ! Trains at dawn\ncorrections:\n  - date: 2024-03-21\n    text: ! The figure was wrong\ncredit: ! Li Wei");
    expect(tagged(r).map((d) => [d.severity, d.line, d.hint])).toEqual([
      ['error', 5, "Put the whole summary in quotes: summary: '! Freight doubles'"],
      ['error', 8, "Put the whole caption in quotes: caption: '! Trains at dawn'"],
      ['error', 11, "Put the whole text in quotes: text: '! The figure was wrong'"],
      ['warning', 12, "Put the whole credit in quotes: credit: '! Li Wei'"],
    ]);
  });

  it('a `!` inside the text, a quoted one, and another field (a slug) are none', () => {
    expect(tagged(check("title: Rail doubles !\ndate: 2024-03-20\nauthor: Li Wei\nsummary: '! Quoted'\nlayout: ! feature"))).toEqual([]);
  });
});

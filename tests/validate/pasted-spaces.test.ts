import { describe, expect, it } from 'vitest';
import { parseFrontMatter } from '../../src/parse/front-matter.js';
import { validateFrontMatter } from '../../src/validate/article.js';

const FILE = 'content/articles/2024/rail-freight.md';

function build(text: string) {
  const fm = parseFrontMatter(FILE, text);
  return fm.result ? validateFrontMatter(fm.result, { file: FILE, text, kind: 'article', timeZone: 'Asia/Shanghai' }) : { meta: undefined, diagnostics: fm.diagnostics };
}
/** The line the fix gives in backticks, after its last colon-and-space ("…, `title: Rail doubles`."). */
const fixedLine = (hint: string | undefined) => /`([^`]*)`\.$/.exec(hint ?? '')?.[1];

// Text copied from Word, Google Docs, a web page or an e-mail brings spaces and marks that look
// like nothing, or like the ordinary ones.
describe('front matter pasted from a word processor or a web page', () => {
  it('a non-breaking space after a key’s colon: the fix says so, and its line builds', () => {
    // (A plain space and then a non-breaking one is read well: YAML trims it.)
    for (const [line, at] of [['title:\u00a0Rail freight doubles', 2], ['draft:\u00a0true', 5], ['author:\u00a0Li Wei', 4]] as const) {
      const lines = ['title: Rail freight doubles', 'date: 2024-03-20', 'author: Li Wei'];
      if (at === 5) lines.push(line);
      else lines[at - 2] = line;
      const r = build(`---\n${lines.join('\n')}\n---\n\nBody.\n`);
      const [d] = r.diagnostics;
      expect(d).toMatchObject({ code: 'FRONT_MATTER_SYNTAX', line: at });
      expect(d.hint).toContain('non-breaking');
      const fixed = fixedLine(d.hint)!;
      expect(fixed).not.toMatch(/[\u00a0\u200b]/);
      if (at === 5) lines[3] = fixed;
      else lines[at - 2] = fixed;
      expect(build(`---\n${lines.join('\n')}\n---\n\nBody.\n`).diagnostics).toEqual([]);
    }
  });

  it('a closing `---` with a byte-order mark or a zero-width space before it closes the front matter', () => {
    for (const mark of ['\ufeff', '\u200b']) {
      const r = build(`---\ntitle: Rail freight doubles\ndate: 2024-03-20\nauthor: Li Wei\n${mark}---\n\nBody.\n`);
      expect(r.diagnostics).toEqual([]);
      expect(r.meta?.title).toBe('Rail freight doubles');
    }
    expect(build(`\u200b---\ntitle: Rail freight doubles\ndate: 2024-03-20\nauthor: Li Wei\n---\n\nBody.\n`).diagnostics).toEqual([]);
  });

  it('a closing line of underscores or of YAML’s `...`: the error is at that line, and its fix builds', () => {
    for (const close of ['___', '...']) {
      const [d] = build(`---\ntitle: Rail freight doubles\ndate: 2024-03-20\nauthor: Li Wei\n${close}\n\nBody.\n`).diagnostics;
      expect(d).toMatchObject({ code: 'UNCLOSED_FRONT_MATTER', line: 5, hint: 'Make that line exactly `---`.' });
    }
    // A rule in the story (`___`) after a good closing line is the story's.
    expect(build('---\ntitle: Rail freight doubles\ndate: 2024-03-20\nauthor: Li Wei\n---\n\nBody.\n\n___\n\nMore.\n').diagnostics).toEqual([]);
  });
});

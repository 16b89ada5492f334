import { Marked, type Token } from 'marked';
import markedFootnote from 'marked-footnote';
import { describe, expect, it } from 'vitest';
import { visitTokens } from '../../src/parse/markdown.js';

// The parse's checks visit every token with visitTokens instead of marked's walkTokens, which
// builds an array at every level: the same tokens, in the same order, or a check misses one.
const docs = [
  '# Head\n\nA *b* **c** `d` [link](https://x.test "t") ![img](p.jpg)\n\n> quote with [a](b)\n> > nested\n',
  '- one\n- two [x](y)\n  - nested *em*\n  - more\n\n1. first\n2. second\n\n- [ ] task\n- [x] done\n',
  '| a | b |\n|---|:-:|\n| *c* | [d](e) |\n| `f` | g<br>h |\n',
  'Text[^1] and again[^note].\n\n[^1]: One *note*.\n[^note]: Another with [a link](z).\n\n<div>raw <a href="q">html</a></div>\n\n<!-- comment -->\n',
  '```js\ncode\n```\n\n    indented\n\nSetext\n===\n\n---\n\nhttps://bare.example and <https://angle.example>\n',
];

const walked = (marked: Marked, tokens: Token[]) => {
  const seen: Token[] = [];
  marked.walkTokens(tokens, (t) => void seen.push(t));
  return seen;
};
const visited = (marked: Marked, tokens: Token[]) => {
  const seen: Token[] = [];
  visitTokens(marked, tokens, (t) => seen.push(t));
  return seen;
};

describe('visitTokens', () => {
  it("visits what marked's walkTokens visits, in its order, with and without an extension's child tokens", () => {
    // An instance for each document: the footnotes extension keeps its notes between two lexings.
    for (const make of [() => new Marked({ gfm: true }), () => new Marked({ gfm: true }).use(markedFootnote())]) {
      for (const doc of docs) {
        const marked = make();
        const tokens = marked.lexer(doc);
        const expected = walked(marked, tokens);
        // Tokens are objects: the very same ones, not equal copies.
        const got = visited(marked, tokens);
        expect(got.length, doc).toBe(expected.length);
        got.forEach((t, i) => expect(t, `${doc} #${i}`).toBe(expected[i]));
        expect(expected.length, doc).toBeGreaterThan(5);
      }
    }
  });

  it('reaches the notes of the footnotes extension, which only its child tokens name', () => {
    const marked = new Marked({ gfm: true }).use(markedFootnote());
    const types = visited(marked, marked.lexer(docs[3])).map((t) => t.type);
    expect(types).toContain('footnote');
    expect(types.filter((t) => t === 'link')).toHaveLength(1);
  });
});

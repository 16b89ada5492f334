import { Marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { fastInlineText } from '../../src/parse/inline-text.js';
import { seededTexts, wholeArticles } from '../helpers/markdown-samples.js';

// The fast inline-text rule must give exactly marked's tokens: same text runs, same links,
// emphasis, code and autolinks, for prose and for every awkward character mix.
const plain = new Marked({ gfm: true });
const fast = new Marked({ gfm: true, tokenizer: { inlineText: fastInlineText } });
const same = (src: string) => expect(JSON.stringify(fast.lexer(src)), JSON.stringify(src)).toBe(JSON.stringify(plain.lexer(src)));

describe('fast inline text', () => {
  it('gives marked\'s tokens for the edge cases of its rule', () => {
    const cases = [
      'plain words only',
      'see http://example.com and https://x.org/a?b=c, HTTP://UP.CASE and ftp://files.example',
      'visit www.example.com or (www.example.org) but notwww.example.net and _www.x.y_',
      'mail bob.smith@example.com or write to mailto:desk@example.com, xmpp:chat@example.org',
      'line ends with two spaces  \nand a break, three   \nand not  here',
      'entities &amp; &#169; &#x1F600; & alone, < and > and "quotes" and \'apostrophes\'',
      '`code` ``two`` ~~struck~~ ~one~ *em* **strong** _under_ __both__ snake_case_word',
      '!bang ![img](a.png) [link](b) [ref][r] \\* escaped <span>tag</span> <http://auto.link>',
      'shttp not a url, hTtP://mixed.case, ftp:/ not, f t p',
      '重庆 Chongqing—“quotes” café ’apostrophe’ 😀 emoji http://例え.jp',
      'hello bob_smith@x.com', 'see a*b@c.d now', 'x ~y@z.w', 'mail me at first.last_name@example.org today',
      'a@b', '@start', 'end@', 'x:y', ':start', 'trailing space ', '  ', 'h', 'w', 'www.', ' www.x.com',
    ];
    for (const c of cases) same(c);
  });

  it('gives marked\'s tokens for long runs of spaces and of an address\'s characters, in time linear in their length', () => {
    const runs = [
      `a${' '.repeat(3000)}b`, `a${' '.repeat(3000)}\nb`, `a ${'  x'.repeat(1000)}  \nb`, `x${'!'.repeat(3000)}y`, `x${'!'.repeat(3000)}@example.com`,
      `x!${'a'.repeat(300)}@b.org`, `x!${'a'.repeat(255)}@b.org`, `x*${'a.'.repeat(200)}y`, `## a${' '.repeat(300)}b`,
    ];
    for (const r of runs) same(r);
    // 200,000 spaces not before a line break: each was the start of a new try of \` {2,}\n\`.
    const spaces = `a${' '.repeat(200_000)}b`;
    const t = performance.now();
    fast.lexer(spaces);
    expect(performance.now() - t).toBeLessThan(1000);
  });

  it('gives marked\'s tokens for random text from the characters its rule looks at', () => {
    const pieces = ['a', 'b', 'Z', '9', ' ', '  ', '\n', '.', ',', '(', ')', '@', ':', '&', '#', ';', '\\', '<', '>', '!', '[', ']', '`', '*', '~', '_', 'http', 'HTTPS', 'ftp://', 'www.', 'mailto:', 'xmpp:', 'é', '丨', '-', "'", '"', '/', '=', '?'];
    for (const text of seededTexts(11, pieces, 3000, 30)) same(text);
  });

  it('gives marked\'s tokens for random text around two spaces: tabs, carriage returns, runs before a line break at a stop, www. after them', () => {
    const pieces = ['a', ' ', '  ', '   ', '\t', '\r', '\r\n', '\n', '  \n', '   \n', ' \t\n', '  www.', 'www.x', '  *', '*', '_', '`', '\\', '<', '[', '@', ':', '&', 'http://x', '\u00a0', '\u3000', 'é'];
    for (const text of seededTexts(29, pieces, 3000, 24)) same(text);
  });

  it('gives marked\'s tokens for whole articles: the demo site and the benchmark corpus', () => {
    for (const texts of Object.values(wholeArticles())) {
      expect(texts.length).toBeGreaterThan(10);
      for (const text of texts) same(text);
    }
  });
});

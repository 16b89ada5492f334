import { describe, expect, it } from 'vitest';
import { countWords } from '../../src/parse/markdown.js';
import { BULLET_HINT } from '../../src/validate/bullets.js';
import { CONTROL } from '../../src/validate/controls.js';

// The reading time counts words; all-ASCII text takes a loop instead of the Unicode patterns, and
// must count exactly as they do.
const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}'’-]*/gu;
const byPattern = (html: string) => html.replace(/<[^>]*>/g, ' ').match(WORD)?.length ?? 0;

// countWords as the patterns alone count, for text of any script: tags out, CJK characters
// counted and taken out, a word for every five letters of the scripts written without spaces.
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;
const SPACELESS = /[\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/gu;
const byPatterns = (html: string) => {
  const text = html.replace(/<[^>]*>/g, ' ');
  const spaceless = Math.round((text.match(SPACELESS)?.length ?? 0) / 5);
  return { words: (text.replace(SPACELESS, ' ').replace(CJK, ' ').match(WORD)?.length ?? 0) + spaceless, cjkChars: text.match(CJK)?.length ?? 0 };
};

describe('countWords', () => {
  it('counts ASCII text exactly as the Unicode word pattern does', () => {
    const cases = ["don't stop", 'well-known --- dash', "'quoted' words", "a-' b'- -c 'd", '<p>One <a href="x-y">two</a></p>three', '2024-03-20 is 3 words?', ''];
    // And random text from the characters that matter.
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const alphabet = "ab Z9'-<>\n.,_";
    for (let i = 0; i < 500; i++) cases.push(Array.from({ length: 40 }, () => alphabet[Math.floor(rand() * alphabet.length)]).join(''));
    for (const c of cases) expect(countWords(c).words, JSON.stringify(c)).toBe(byPattern(c));
  });

  it('tells all-ASCII text, and finds its control characters as CONTROL does, in the same pass', () => {
    let seed = 11;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const alphabet = "ab Z9'-<>\n\t\r\u0000\u0008\u000b\u001f\u007f.";
    for (let i = 0; i < 500; i++) {
      const c = Array.from({ length: 30 }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
      const counted = countWords(c);
      expect(counted.ascii, JSON.stringify(c)).toBe(true);
      expect(counted.controls, JSON.stringify(c)).toBe(CONTROL.test(c));
      expect(counted.words, JSON.stringify(c)).toBe(byPattern(c));
    }
    // One character past ASCII anywhere, the last included, and the Unicode count answers.
    for (const extra of ['é', '\u0085', '—', '😀']) {
      const c = `<p>${'word '.repeat(50)}</p>${extra}`;
      expect(countWords(c).ascii, extra).toBeUndefined();
      expect(countWords(c).words, extra).toBe(byPattern(c));
    }
    expect(countWords(`<p>${'word '.repeat(50)}</p>重`)).toEqual({ words: 50, cjkChars: 1, controls: false, bulletLike: false });
  });

  it('counts text of every script exactly as the patterns do: curly quotes, dashes, accents, marks, CJK, Thai, digits of other scripts', () => {
    let seed = 5;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    // Letters and digits of several scripts, combining marks, the joiners (' ’ -), separators, tags, and a pair beyond the BMP.
    const alphabet = [..."ab Z9'-<>\n\u0007", 'é', 'e\u0301', '\u0301', '’', '‘', '“', '—', '–', '\u00a0', '•', '…', '中', '文', 'か', 'カ', '한', '々', 'ก', 'ไ', '\u0e31', 'ລ', 'ក', 'မ', 'ش', '٣', 'я', 'Ω', '\u0085', '\u2028', '𠀀', '😀'];
    for (let i = 0; i < 3000; i++) {
      const c = Array.from({ length: 1 + Math.floor(rand() * 40) }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
      const { words, cjkChars, controls } = countWords(c);
      expect({ words, cjkChars }, JSON.stringify(c)).toEqual(byPatterns(c));
      // Control characters (C0 and C1), found in the same pass but in text beyond the BMP.
      if (!/[\ud800-\udfff]/.test(c)) expect(controls, JSON.stringify(c)).toBe(CONTROL.test(c));
      // And bullets and non-breaking spaces, for the check of a list pasted from a word processor.
      if (!/[\ud800-\udfff]/.test(c)) expect(countWords(c).bulletLike, JSON.stringify(c)).toBe(BULLET_HINT.test(c));
    }
    // A story as editors write one: curly apostrophes inside words, dashes and a Chinese place name between them.
    expect(countWords('<p>Chongqing’s rail — and 重庆’s “new” line–the mayor’s plan</p>')).toEqual({ words: 9, cjkChars: 2, controls: false, bulletLike: false });
  });

  it('counts long bodies whole: past the buffer a thread starts with, and past the most it keeps', () => {
    for (const n of [20_000, 400_000]) {
      const html = `<h2 id="a-b">Head-line</h2>${"<p>One don't <a href=\"/x-y\">two</a> three.</p>".repeat(n / 10)}`;
      expect(countWords(html)).toEqual({ words: 1 + 4 * (n / 10), cjkChars: 0, ascii: true, controls: false, bulletLike: false });
      expect(countWords(`${html}\u0007`).controls).toBe(true);
    }
    // And a shorter one after them, in the same buffer: nothing of the longer text is read.
    expect(countWords('<p>a b')).toEqual({ words: 2, cjkChars: 0, ascii: true, controls: false, bulletLike: false });
  });

  it('counts a word for every five letters of a script written without spaces (Thai, Lao, Khmer, Burmese)', () => {
    // 40 Thai letters and marks in one run: to the word pattern alone, one word.
    expect(countWords(`<p>${'ภาษาไทยไม่มีการเว้นวรรค'.repeat(2)} and two</p>`)).toEqual({ words: Math.round(('ภาษาไทยไม่มีการเว้นวรรค'.length * 2) / 5) + 2, cjkChars: 0, controls: false, bulletLike: false });
  });

  it('counts words beside CJK characters in other scripts', () => {
    expect(countWords('<p>重庆 Chongqing café naïve</p>')).toEqual({ words: 3, cjkChars: 2, controls: false, bulletLike: false });
  });
});

import { describe, expect, it } from 'vitest';
import { countWords } from '../../src/parse/markdown.js';

// The reading time counts words; all-ASCII text takes a loop instead of the Unicode patterns, and
// must count exactly as they do.
const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}'’-]*/gu;
const byPattern = (html: string) => html.replace(/<[^>]*>/g, ' ').match(WORD)?.length ?? 0;

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

  it('counts a word for every five letters of a script written without spaces (Thai, Lao, Khmer, Burmese)', () => {
    // 40 Thai letters and marks in one run: to the word pattern alone, one word.
    expect(countWords(`<p>${'ภาษาไทยไม่มีการเว้นวรรค'.repeat(2)} and two</p>`)).toEqual({ words: Math.round(('ภาษาไทยไม่มีการเว้นวรรค'.length * 2) / 5) + 2, cjkChars: 0 });
  });

  it('counts words beside CJK characters in other scripts', () => {
    expect(countWords('<p>重庆 Chongqing café naïve</p>')).toEqual({ words: 3, cjkChars: 2 });
  });
});

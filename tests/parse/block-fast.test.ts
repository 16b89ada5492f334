import { Marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { fastLheading, fastTable } from '../../src/parse/block-fast.js';
import { seededTexts, wholeArticles } from '../helpers/markdown-samples.js';

// The block fast paths only ever say "no" where marked's own rule would: the tokens of any text
// must be the ones marked gives without them.
const plain = new Marked({ gfm: true });
const fast = new Marked({ gfm: true, tokenizer: { lheading: fastLheading, table: fastTable } });
const same = (src: string) => expect(JSON.stringify(fast.lexer(src)), JSON.stringify(src)).toBe(JSON.stringify(plain.lexer(src)));

describe('fast setext-heading and table rules', () => {
  it('give marked\'s tokens for the edge cases of the two rules', () => {
    const cases = [
      'Title\n=====\n\nText.', 'Title\n---\n', 'Two\nlines\n   ===  \nafter', 'Title\n    ===\n', 'Title\n= =\n', 'Title\n=\n', 'Title\n-\n',
      'Para\n\n===\n', 'Para\n \n===\n', 'Para\n\t\n---\n', 'Para\r\n===\r\n', 'Para\u2028===\n', 'Para\n- item\n- two\n', 'Para\n---\n---\n',
      '> quote\nlazy\n===\n', '- item\n  ===\n', '# Heading\n===\n', 'a\nb\nc\nd\n----\n\ne\n=', 'Title\n===',
      '| a | b |\n|---|---|\n| 1 | 2 |\n', 'a | b\n-- | --\n1 | 2', '|a|\n|:-|\n', 'a|b\n   |-|-|\n', 'a|b\n    |-|-|\n', 'a|b\n:-:|---\nx|y\n',
      'a | b\n\n|---|---|\n', ' | a\n|-|\n', '\n|-|\n', 'a|b\r\n|-|-|\r\n', 'a\n-\n', 'a\n:\n', 'a\n|\n', 'Just a paragraph with no break',
      'Text\n\n\n\nMore text\n***\n', 'Line one\nLine two  \n  ---  \n\n| x |\n| - |',
    ];
    for (const c of cases) same(c);
  });

  it('give marked\'s tokens for random text made of the pieces the rules look at', () => {
    const pieces = ['word', 'a b', ' ', '  ', '   ', '    ', '\t', '\n', '\n', '\n\n', '\r', '=', '===', '-', '---', '|', ' | ', ':', ':-', '-:', '>', '#', '* ', '1. ', '```', '<div>', '\u2028', '丨', '_'];
    for (const text of seededTexts(29, pieces, 4000, 24)) same(text);
  });

  it('give marked\'s tokens for whole articles: the demo site and the benchmark corpus', () => {
    for (const texts of Object.values(wholeArticles())) {
      expect(texts.length).toBeGreaterThan(10);
      for (const text of texts) same(text);
    }
  });

  it('give marked\'s tokens for long paragraphs and for text without empty lines (a live blog)', () => {
    const long = 'word '.repeat(700);
    for (const c of [`${long}\n===\n`, `${long}\n${long}\n---\n\nafter`, `${long}\n\n---\n`, `A\n${long}\n| a |\n|---|\n`]) same(c);
    same(Array.from({ length: 400 }, (_, i) => `### 10:${String(i).padStart(2, '0')}\nUpdate ${i} from the scene.${i % 50 === 7 ? '\n======' : ''}`).join('\n'));
  });

  it('say "no" without marked for the paragraphs of an article, which is the point of them', () => {
    expect(fastLheading('A paragraph of prose\nthat runs on.\n\n## Next\n\nTitle\n===\n')).toBeUndefined();
    expect(fastLheading('Title\n===\n')).toBe(false);
    expect(fastTable('A paragraph\nof prose.\n')).toBeUndefined();
    expect(fastTable('a | b\n--|--\n')).toBe(false);
  });
});

import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { makeCorpus } from '../../bench/corpus.mjs';
import { fastLheading, fastTable } from '../../src/parse/block-fast.js';

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
    let seed = 29;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pieces = ['word', 'a b', ' ', '  ', '   ', '    ', '\t', '\n', '\n', '\n\n', '\r', '=', '===', '-', '---', '|', ' | ', ':', ':-', '-:', '>', '#', '* ', '1. ', '```', '<div>', '\u2028', '丨', '_'];
    for (let i = 0; i < 4000; i++) same(Array.from({ length: 1 + Math.floor(rand() * 24) }, () => pieces[Math.floor(rand() * pieces.length)]).join(''));
  });

  it('give marked\'s tokens for whole articles: the demo site and the benchmark corpus', () => {
    const bench = mkdtempSync(path.join(os.tmpdir(), 'dateline-block-'));
    makeCorpus({ articles: 60, out: bench });
    for (const dir of [path.resolve('content'), bench]) {
      const files = readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.md')).sort();
      expect(files.length).toBeGreaterThan(10);
      for (const f of files) same(readFileSync(path.join(dir, f), 'utf8'));
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

import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeCorpus } from '../../bench/corpus.mjs';

const texts = (dir: string) =>
  readdirSync(path.join(dir, 'content'), { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => [f, readFileSync(path.join(dir, 'content', f), 'utf8')] as const);

describe('the bench corpus with typography', () => {
  it("adds curly quotes and dashes to the same stories, and leaves the default corpus's text alone", () => {
    const plain = mkdtempSync(path.join(os.tmpdir(), 'dateline-corpus-'));
    const typed = mkdtempSync(path.join(os.tmpdir(), 'dateline-corpus-'));
    makeCorpus({ articles: 40, out: plain });
    makeCorpus({ articles: 40, out: typed, typography: true });
    const a = texts(plain);
    const b = texts(typed);
    // The same files, and in each the same words once the marks are taken out.
    expect(b.map(([f]) => f)).toEqual(a.map(([f]) => f));
    b.forEach(([f, text], i) => expect(text.replace(/’s|“|”| —/g, ''), f).toBe(a[i][1]));
    const all = b.map(([, text]) => text).join('\n');
    for (const mark of ['’s', ' — ', '“', '”']) expect(all.split(mark).length - 1, mark).toBeGreaterThan(40);
    // Without it, the stories are ASCII (the tags are not: some are Chinese).
    for (const [f, text] of a) expect(/[^\x00-\x7f]/.test(text.split('\n---\n')[1] ?? ''), f).toBe(false);
  });
});

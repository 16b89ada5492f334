import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { makeCorpus } from '../../bench/corpus.mjs';
import { yamlFrontMatter } from '../../src/parse/front-matter.js';
import { fastFrontMatter } from '../../src/parse/yaml-fast.js';

// The js-yaml fast path must read a block exactly as `yaml` does (same values, types, key order
// and key lines) or decline it. Blocks are given as gray-matter hands them over: from the newline
// after the opening `---`.
const show = (v: unknown) => inspect(v, { depth: null, breakLength: Infinity, sorted: false });
function same(src: string): boolean {
  const fast = fastFrontMatter(src);
  if (!fast) return false;
  let ref: ReturnType<typeof yamlFrontMatter>;
  try {
    ref = yamlFrontMatter(src);
  } catch (e) {
    throw new Error(`the fast path read a block yaml refuses (${(e as Error).message}):\n${src}`);
  }
  expect(ref.isMapping, src).toBe(true);
  expect(show(fast.value), src).toBe(show(ref.value));
  expect(fast.keyLines, src).toEqual(ref.keyLines);
  return true;
}

const SCALARS = [
  '1', '-1', '+1', '007', '0o17', '0o8', '0x1F', '0xg', '0b101', '1_000', '-0', '+0', '3.', '.5', '-.5', '1.5e3', '1E-3', '1e3', '+1.2e+3', '1.2.3',
  '.inf', '-.Inf', '+.INF', '.nan', '.NaN', '.NAN', 'nan', 'inf', '-inf', '~', 'null', 'Null', 'NULL', 'nULL', '', 'true', 'True', 'TRUE', 'tRUE',
  'false', 'FALSE', 'yes', 'no', 'on', 'off', 'y', 'n', '2019-05-23', '2019-05-23T09:00:22+08:00', '2019-05-23 09:00:22', '12:30', '1:20:30', '190:20:30',
  'plain words', 'Chongqing—', '重庆 丨 Insights', 'a # not a comment?', 'a#b', 'x: y', 'url http://x.y/z?a=b#c', 'Q&A', 'M&A deal', 'R & D',
  '"double quoted"', '"esc \\" \\\\ \\t \\n \\u263A \\x41 \\U0001F600 \\/ \\N \\_"', "'single ''quoted'''", '"two\n  lines"', "'folded\n\n  para'",
  '"  spaced  "', "'#hash'", '"1"', "'true'", '"null"', '"~"', '[a, b, "c d", 1, true, null]', '[]', '{}', '{a: 1, b: [x, y]}', '[a, [b, c]]', '{a: {b: c}}',
  '|\n  line one\n  line two\n', '>\n  folded one\n  folded two\n\n  para\n', '|-\n  kept\n', '|+\n  kept\n\n', '>-\n  a\n   b\n  c\n', '|2\n    indented\n',
  'multi\n  line plain\n  scalar', '*alias', '&anchor value', '!!str 1', '!tag x', '@at', '`tick`', '%pct', '- dash', '-dash', '? q', 'a: b: c',
  'trailing   ', '\ttabbed', '"unterminated', "'unterminated", '[unclosed', '{unclosed', 'x]', '😀 emoji',
];
const KEYS = ['title', 'date', 'author', 'tags', 'summary', 'image', 'caption', 'credit', 'dateline', 'section', '1', '2024', '-1', '1.0', 'true', 'null', '~', 'key with spaces', '"quoted key"', "'single key'", '"esc\\"key"', '重庆', '__proto__', 'constructor', '<<', 'a#b', 'x y  ', '? complex', '[a, b]', '{a: 1}', 'toString'];

describe('front matter: the js-yaml fast path', () => {
  it('reads every field of the demo site and the benchmark corpus, as yaml does', () => {
    const bench = mkdtempSync(path.join(os.tmpdir(), 'dateline-yaml-'));
    makeCorpus({ articles: 200, out: bench });
    let read = 0;
    for (const dir of [path.resolve('content'), bench]) {
      const files = readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.md')).sort();
      expect(files.length).toBeGreaterThan(10);
      for (const f of files) {
        const text = readFileSync(path.join(dir, f), 'utf8').replace(/\r\n?/g, '\n');
        const close = text.indexOf('\n---\n', 3);
        if (!text.startsWith('---\n') || close === -1) continue;
        // The fast path must take these: it is what the build relies on for its speed.
        expect(same(text.slice(3, close + 1)), f).toBe(true);
        read++;
      }
    }
    expect(read).toBeGreaterThan(200);
  });

  it('reads each scalar form as yaml does, or leaves it to yaml', () => {
    let read = 0;
    for (const s of SCALARS) {
      const value = s.includes('\n') ? s.replace(/\n/g, '\n  ') : s;
      for (const src of [`\ntitle: ${value}\nn: 1\n`, `\nlist:\n  - ${value}\n  - x\n`, `\nm:\n  k: ${value}\n`, `\nf: [${s.includes('\n') ? 'x' : s}]\n`]) if (same(src)) read++;
    }
    // Most forms are for the fast path; the rest (anchors, tags, errors) are declined.
    expect(read).toBeGreaterThan(SCALARS.length * 2);
  });

  it('declines what it does not vouch for', () => {
    for (const src of [
      '\na: &x 1\nb: *x\n', '\na: !!str 1\n', '\na: !custom x\n', '\n%YAML 1.2\n', '\n? complex\n: key\n', '\n[a, b]: c\n', '\n__proto__: {polluted: 1}\n',
      '\na: 1\na: 2\n', '\ntitle: "x"\n\tdate: y\n', '\n- a\n- b\n', '\njust a string\n', '\n# only a comment\n', '\n"esc\\"key": 1\n', '\ntitle: x\nx\n',
    ]) {
      expect(fastFrontMatter(src), src).toBeUndefined();
    }
    // Ampersands inside words and quoted text stay on the fast path.
    expect(fastFrontMatter('\ntitle: Q&A with the mayor\nsummary: "M&A"\n')?.value).toEqual({ title: 'Q&A with the mayor', summary: 'M&A' });
  });

  it('matches yaml on 6,000 generated blocks of keys, scalars, lists, maps, comments and blank lines', () => {
    let seed = 20261128;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
    // Mostly the fields and values articles have, often the awkward ones.
    const key = () => (rand() < 0.7 ? pick(KEYS.slice(0, 10)) : pick(KEYS));
    const USUAL = ['plain words', 'Chongqing—', '重庆 丨 Insights', 'Q&A', '"double quoted"', "'single ''quoted'''", '2019-05-23T09:00:22+08:00', '1', '1.5e3', 'true', '', '[a, b, "c d"]', '|\n  line one\n  line two\n'];
    const value = () => (rand() < 0.5 ? pick(USUAL) : pick(SCALARS));
    let read = 0;
    for (let i = 0; i < 6000; i++) {
      const lines: string[] = [''];
      const n = 1 + Math.floor(rand() * 7);
      for (let k = 0; k < n; k++) {
        const r = rand();
        if (r < 0.08) lines.push(pick(['# a comment', '', '   ', '  # indented comment']));
        if (r < 0.55) lines.push(`${key()}:${pick([' ', '  ', ' '])}${value().replace(/\n/g, '\n  ')}${pick(['', '', ' # note', '  '])}`);
        else if (r < 0.7) lines.push(`${key()}:`, ...Array.from({ length: 1 + Math.floor(rand() * 3) }, () => `${pick(['  ', '', '    '])}- ${value().replace(/\n/g, '\n    ')}`));
        else if (r < 0.85) lines.push(`${key()}:`, ...Array.from({ length: 1 + Math.floor(rand() * 3) }, () => `  ${key()}: ${value().replace(/\n/g, '\n    ')}`));
        else lines.push(`${key()}: ${pick(['[', '{'])}${value().replace(/\n/g, ' ')}, ${key()}${pick([']', '}', ': x}', ''])}`);
      }
      if (same(`${lines.join('\n')}\n`)) read++;
    }
    // Enough of them take the fast path for the comparison to mean something.
    expect(read).toBeGreaterThan(1000);
  });
});

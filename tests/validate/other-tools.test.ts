import { describe, expect, it } from 'vitest';
import { parseFrontMatter } from '../../src/parse/front-matter.js';
import { validateFrontMatter } from '../../src/validate/article.js';

// Front matter as the tools a newsroom moves from write it (Hugo, Jekyll, WordPress exports,
// Eleventy, Ghost): every key that holds a story back there is an error here, at its line, and
// every fix is followed to check that it does what it says.

const FILE = 'content/articles/2024/rail-freight.md';
const BASE = 'title: Rail freight doubles\ndate: 2024-03-20\nauthor: Li Wei';

function check(front: string, options: { kind?: 'article' | 'page'; defaultAuthor?: string; file?: string } = {}) {
  const file = options.file ?? FILE;
  const text = `---\n${front}\n---\n\nBody.\n`;
  const fm = parseFrontMatter(file, text);
  if (!fm.result) throw new Error(JSON.stringify(fm.diagnostics));
  return validateFrontMatter(fm.result, { file, text, kind: options.kind ?? 'article', timeZone: 'Asia/Shanghai', defaultAuthor: options.defaultAuthor });
}
const errors = (r: ReturnType<typeof check>) => r.diagnostics.filter((d) => d.severity === 'error');
const warnings = (r: ReturnType<typeof check>) => r.diagnostics.filter((d) => d.severity === 'warning');

describe('Jekyll\'s dated file names', () => {
  const JEKYLL = 'content/articles/2024/2024-03-20-rail-freight.md';

  it('the slug leaves out the date the URL has already', () => {
    expect(check(BASE, { file: JEKYLL }).meta!.slug).toBe('rail-freight');
    expect(check(BASE, { file: 'content/articles/2024-03-20-2.md' }).meta!.slug).toBe('2');
  });

  it('but not from an explicit `slug`, a name that is only a date, or a name without one', () => {
    expect(check(`${BASE}\nslug: 2024-03-20-rail-freight`, { file: JEKYLL }).meta!.slug).toBe('2024-03-20-rail-freight');
    expect(check(BASE, { file: 'content/articles/2024-03-20.md' }).meta!.slug).toBe('2024-03-20');
    expect(check(BASE, { file: 'content/articles/2024-03-20-.md' }).meta!.slug).toBe('2024-03-20');
    expect(check(BASE, { file: 'content/articles/2024-rail-freight.md' }).meta!.slug).toBe('2024-rail-freight');
    expect(check(BASE, { file: 'content/articles/24-03-20-rail.md' }).meta!.slug).toBe('24-03-20-rail');
    expect(check(BASE, { file: 'content/articles/rail-2024-03-20-freight.md' }).meta!.slug).toBe('rail-2024-03-20-freight');
  });
});

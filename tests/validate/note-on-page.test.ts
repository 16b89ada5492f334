import { describe, expect, it } from 'vitest';
import { parseFrontMatter } from '../../src/parse/front-matter.js';
import { validateFrontMatter } from '../../src/validate/article.js';
import { md, site } from '../helpers/site.js';

// `corrections` and `editorsNote` on a standalone page (About Us, the privacy policy) were kept
// in its data and shown by no page, without a word.

function check(file: string, front: string, kind: 'page' | 'article') {
  const text = `---\n${front}\n---\n\nBody.\n`;
  const fm = parseFrontMatter(file, text).result!;
  return validateFrontMatter(fm, { file, text, kind, timeZone: 'Asia/Shanghai' });
}

describe('corrections and an editor\'s note on a standalone page', () => {
  it('a warning at the key, whose fix is to say it in the page\'s text', () => {
    const r = check('content/pages/privacy.md', 'title: Privacy Policy\ncorrections:\n  - date: 2026-11-30 10:00\n    text: We added the analytics section.', 'page');
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ severity: 'warning', code: 'BAD_FIELD', file: 'content/pages/privacy.md', line: 3 });
    expect(r.diagnostics[0].message).toContain('published nowhere');
    expect(r.diagnostics[0].hint).toContain("Write the change in the page's own text");
    const note = check('content/pages/about-us.md', 'title: About Us\neditorsNote: This page is being updated.', 'page').diagnostics;
    expect(note).toMatchObject([{ code: 'BAD_FIELD', line: 3, message: expect.stringContaining('`editorsNote`') }]);
  });

  it('not on an article, which shows them', () => {
    expect(check('content/articles/a.md', 'title: A\ndate: 2026-11-30\nauthor: Li Wei\neditorsNote: Updated.\ncorrection: Fixed a name.', 'article').diagnostics).toEqual([]);
  });

  it('the build says it and still publishes the page', async () => {
    const r = await site({ 'content/pages/about-us.md': md('title: About Us\ncorrection: Fixed a typo.') });
    expect(r.diagnostics.filter((d) => d.code === 'BAD_FIELD').map((d) => `${d.file}:${d.line}`)).toEqual(['content/pages/about-us.md:3']);
    expect(r.page('about-us/index.html')).toContain('About Us');
  });
});

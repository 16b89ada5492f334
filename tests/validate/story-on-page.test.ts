import { describe, expect, it } from 'vitest';
import { parseFrontMatter } from '../../src/parse/front-matter.js';
import { validateFrontMatter } from '../../src/validate/article.js';
import { md, site } from '../helpers/site.js';

// A story saved in content/pages/ is published as a standalone page, which has no byline, tags,
// section, dateline, lead image or related stories: those lines were dropped without a word.

const PAGE = 'content/pages/council-vote.md';

function check(front: string) {
  const text = `---\n${front}\n---\n\nBody.\n`;
  const fm = parseFrontMatter(PAGE, text).result!;
  return validateFrontMatter(fm, { file: PAGE, text, kind: 'page', timeZone: 'Asia/Shanghai' });
}

describe('an article\'s fields on a standalone page', () => {
  it('a warning at the first of them, naming each, whose fix is to move the file to content/articles/', () => {
    const r = check('title: Council votes for the flood wall\ndate: 2024-03-20\ntags: [Floods, Council]\nauthor: Li Wei\nsection: City');
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({
      severity: 'warning', code: 'STORY_ON_PAGE', file: PAGE, line: 4, column: 1,
      message: 'This file is in content/pages/, so it is published as a standalone page, which has no byline, tags, section, dateline, lead image or related stories: `tags`, `author` and `section` are left out, and it is in no listing.',
      hint: 'To publish it as a story, move the file to content/articles/; if it is a page, delete the `tags`, `author` and `section` lines.',
    });
    expect(r.diagnostics[0].frame).toContain('> 4 | tags: [Floods, Council]');
    for (const [line, key] of [['dateline: CHONGQING', 'dateline'], ['image: /images/a.jpg', 'image'], ['related: [other]', 'related']]) {
      const [w] = check(`title: T\n${line}`).diagnostics;
      expect(w, line).toMatchObject({ code: 'STORY_ON_PAGE', line: 3, hint: `To publish it as a story, move the file to content/articles/; if it is a page, delete the \`${key}\` line.` });
    }
  });

  it('says nothing of a page\'s own fields (a date schedules it, `expires` takes it down), nor of an empty list', () => {
    expect(check('title: Winter offer\ndate: 2024-12-01\nexpires: 2025-01-01\nsummary: Half price.\nupdated: 2024-12-02\ntags: []\nauthor: ""').diagnostics).toEqual([]);
  });

  it('built: the page goes out without its byline and tags, with the warning; moved to content/articles/, it is a story with both', async () => {
    const front = 'title: Council votes for the flood wall\ndate: 2024-03-20\nauthor: Li Wei\ntags: [Floods]';
    const b = await site({ [PAGE]: md(front) });
    expect(b.diagnostics.map((d) => [d.code, d.file, d.line])).toEqual([['STORY_ON_PAGE', PAGE, 4]]);
    expect(b.has('council-vote/index.html')).toBe(true);
    expect(b.has('tags/floods/index.html')).toBe(false);
    expect((await site({ [PAGE]: md(front) }, { strict: true })).ok).toBe(false);
    const moved = await site({ 'content/articles/council-vote.md': md(front) });
    expect(moved.diagnostics).toEqual([]);
    expect(moved.page('2024/03/20/council-vote/index.html')).toContain('Li Wei');
    expect(moved.has('tags/floods/index.html')).toBe(true);
  });
});

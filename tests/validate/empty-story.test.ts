import { describe, expect, it } from 'vitest';
import { cli, md, site, writeSite } from '../helpers/site.js';

const FRONT = { title: 'Ferry timetable changes', date: '2025-12-30 09:30', author: 'Li Wei' };

describe('a story or page with nothing below its front matter', () => {
  it('is a warning at the closing ---, for a story, a page, and one whose body is a comment alone', async () => {
    const s = await site({
      'content/articles/empty.md': `---\ntitle: Ferry timetable changes\ndate: 2025-12-30 09:30\nauthor: Li Wei\n---\n`,
      'content/articles/comment.md': md({ ...FRONT, title: 'Council vote' }, '<!-- the story goes here -->'),
      'content/pages/contact-us.md': md({ title: 'Contact Us' }, '   \n'),
      'content/articles/photo.md': md({ ...FRONT, title: 'Flood wall' }, '![The flood wall at dawn](/images/wall.jpg)'),
      'content/articles/full.md': md({ ...FRONT, title: 'Port reopens' }),
      'static/images/wall.jpg': 'x',
    });
    expect(s.ok).toBe(true);
    const ds = s.diagnostics.filter((d) => d.code === 'EMPTY_STORY');
    expect(ds.map((d) => [d.severity, d.file, d.line, d.column])).toEqual([
      ['warning', 'content/articles/comment.md', 5, 1],
      ['warning', 'content/articles/empty.md', 5, 1],
      ['warning', 'content/pages/contact-us.md', 3, 1],
    ]);
    expect(ds[1].message).toBe('This story has nothing below its front matter: its page would show the headline and nothing else.');
    expect(ds[1].hint).toBe('Write the story below the closing `---`, or add `draft: true` to the front matter until it is ready.');
    expect(ds[2].message).toContain('This page has nothing below its front matter');
    // Still built, as written.
    expect(s.has('2025/12/30/empty/index.html')).toBe(true);
  });

  it('says nothing of a draft, a live blog before its first update, or a withdrawn story', async () => {
    const s = await site({
      'content/articles/draft.md': md({ ...FRONT, title: 'Draft', draft: true }, ''),
      'content/articles/live.md': md({ ...FRONT, title: 'Typhoon live', live: true }, ''),
      'content/articles/pulled.md': md({ ...FRONT, title: 'Pulled', withdrawn: true }, ''),
    });
    expect(s.diagnostics.filter((d) => d.code === 'EMPTY_STORY')).toEqual([]);
  });

  it('is said by the real `dateline build` with the file, line and fix; the build succeeds', async () => {
    const dir = writeSite({ 'content/articles/empty.md': `---\ntitle: Ferry timetable changes\ndate: 2025-12-30 09:30\nauthor: Li Wei\n---\n` });
    const r = await cli(['build', dir, '--now', '2026-01-01T00:00:00Z']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('warning[EMPTY_STORY] content/articles/empty.md:5:1');
    expect(r.stderr).toContain('fix: Write the story below the closing `---`');
  });
});

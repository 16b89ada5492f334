import { describe, expect, it } from 'vitest';
import { cli, md, site, writeSite } from '../helpers/site.js';

const FRONT = { title: 'Flood wall finished', date: '2025-12-30 09:30', author: 'Li Wei' };
const BODY = [
  'The wall is done.',
  '',
  "![The river's new wall](/images/river bank.jpg)",
  '',
  'Read [the report](/docs/flood report.pdf) for the costs.',
  '',
  '![Fine](</images/river bank.jpg>)',
  '',
  '![Also fine](/images/river%20bank.jpg "With a title")',
  '',
  '    ![In code](/images/river bank.jpg)',
].join('\n');
const files = {
  'content/articles/wall.md': md(FRONT, BODY),
  'static/images/river bank.jpg': 'jpeg',
  'static/docs/flood report.pdf': 'pdf',
};

describe('a body photo or link whose path has a space', () => {
  it('gets a warning at its line and column, naming the path and the fix; written in <…> or with %20, or in code, it does not', async () => {
    const s = await site(files);
    expect(s.ok).toBe(true);
    const ds = s.diagnostics.filter((d) => d.code === 'PATH_HAS_SPACE');
    expect(ds.map((d) => [d.file, d.line, d.column])).toEqual([
      ['content/articles/wall.md', 9, 1],
      ['content/articles/wall.md', 11, 6],
    ]);
    expect(ds[0].message).toContain('"/images/river bank.jpg"');
    expect(ds[0].message).toContain('photo');
    expect(ds[0].hint).toContain("![The river's new wall](</images/river bank.jpg>)");
    expect(ds[1].message).toContain('link');
    expect(ds[1].hint).toContain('[the report](</docs/flood report.pdf>)');
    // What readers get as written: the brackets as text, the fixed forms as photos.
    const page = s.page('2025/12/30/wall/index.html');
    expect(page).toContain('/images/river%20bank.jpg" alt="Fine"');
    expect(page).toContain('alt="Also fine"');
  });

  it('is shown by the real `dateline build` with the file, line and fix, and the build still succeeds', async () => {
    const dir = writeSite(files);
    const r = await cli(['build', dir, '--now', '2026-01-01T00:00:00Z']);
    expect(r.code).toBe(0);
    expect(r.stderr + r.stdout).toMatch(/warning\[PATH_HAS_SPACE\] content\/articles\/wall\.md:9:1/);
    expect(r.stderr + r.stdout).toContain('fix: Put the path in angle brackets');
  });
});

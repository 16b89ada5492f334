import { describe, expect, it } from 'vitest';
import { cli, md, writeSite } from '../helpers/site.js';

// An archive moved from WordPress: every file has the same few old keys. The terminal report must
// show each kind once and say how many files each affects, not 20 copies of the first kind.
describe('a report with more problems than it prints', () => {
  it('shows one of each kind first, then a table of the kinds with their counts and files', async () => {
    const files: Record<string, string> = {};
    for (let i = 1; i <= 30; i++) {
      const n = String(i).padStart(2, '0');
      files[`content/articles/a-${n}.md`] = md(`title: Story ${n}\ndate: 2024-03-0${1 + (i % 9)}\nauthor: Li Wei\nstatus: publish\ncategories: [News]`);
    }
    // The only files with these come last in sort order: they would not be among the first 20.
    files['content/articles/z-1.md'] = md('title: Late one\ndate: 2024-03-01\nauthor: Li Wei\nlastmod: 2024-03-02');
    files['content/articles/z-2.md'] = md('title: Late two\ndate: 2024-03-01\nauthor: Li Wei\nlastmod: 2024-03-02\nexcerpt: "Council&#8217;s vote"');
    const r = await cli(['build', writeSite(files), '--now', '2026-01-01T00:00:00Z', '-o', `${writeSite({})}/out`]);
    expect(r.code).toBe(0);
    expect(r.stderr.match(/^warning\[/gm)).toHaveLength(20);
    expect(r.stderr).toContain('warning[UNKNOWN_KEY] content/articles/z-1.md:5:1\n  `lastmod` is not a field dateline knows');
    expect(r.stderr).toMatch(/warning\[HTML_ENTITY\] content\/articles\/z-2\.md/);
    expect(r.stderr).toContain('… and 44 more (64 in all); `--json` lists them all');
    expect(r.stderr).toContain('Warnings by kind (one of each is shown above, with its fix):');
    expect(r.stderr).toMatch(/^ {2}UNKNOWN_KEY categories +30 times, in 30 files$/m);
    expect(r.stderr).toMatch(/^ {2}UNKNOWN_KEY status +30 times, in 30 files$/m);
    expect(r.stderr).toMatch(/^ {2}UNKNOWN_KEY lastmod +2 times, in 2 files$/m);
    expect(r.stderr).toMatch(/^ {2}HTML_ENTITY excerpt +1 time, in 1 file$/m);
    expect(r.stderr).toMatch(/^ {2}UNKNOWN_KEY excerpt +1 time, in 1 file$/m);
  });

  it('prints no table when every problem is shown', async () => {
    const r = await cli(['build', writeSite({ 'content/articles/a.md': md('title: A\ndate: 2024-03-01\nauthor: Li Wei\nstatus: publish') }), '--now', '2026-01-01T00:00:00Z', '-o', `${writeSite({})}/out`]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('`status: publish` does nothing');
    expect(r.stderr).not.toContain('by kind');
    expect(r.stderr).not.toContain('more (');
  });
});

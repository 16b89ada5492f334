import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { md, tree } from '../helpers/site.js';
import { expectFreshBuild, NOW, waitFor, watchInline } from '../helpers/watch.js';

const article = (title: string, date: string, tags: string[], body = `${title} body text.`) => md({ title, date, author: 'Li Wei', section: 'Business', tags }, body);

describe('watch: the rebuilt output equals a full build', () => {
  it('after a scripted sequence of edits, dist/ is byte for byte what a fresh build writes', async () => {
    const s = await watchInline({
      'content/articles/2025/alpha.md': article('Alpha', '2025-03-01T10:00:00+08:00', ['Rail', '重庆']),
      'content/articles/2025/beta.md': article('Beta', '2025-03-02T10:00:00+08:00', ['Rail']),
      'content/articles/2025/gamma.md': article('Gamma', '2025-03-03T10:00:00+08:00', ['Opera']),
      'content/pages/about-us.md': md({ title: 'About Us' }, 'We report.'),
    });
    try {
      const write = (rel: string, text: string) => {
        mkdirSync(path.dirname(path.join(s.dir, rel)), { recursive: true });
        writeFileSync(path.join(s.dir, rel), text);
      };
      const step = async (what: string, act: () => void, done: () => unknown) => {
        const n = s.builds.length;
        act();
        await waitFor(done, what);
        await s.settle(n);
      };
      await step('edit', () => write('content/articles/2025/alpha.md', article('Alpha', '2025-03-01T10:00:00+08:00', ['Rail', '重庆'], 'Edited once.')), () => s.read('2025/03/01/alpha/index.html')?.includes('Edited once.'));
      await step('add with a new tag', () => write('content/articles/2025/delta.md', article('Delta', '2025-03-04T10:00:00+08:00', ['Ferry', '重庆'])), () => s.read('tags/ferry/index.html'));
      await step('delete the last article of a tag', () => rmSync(path.join(s.dir, 'content/articles/2025/gamma.md')), () => s.read('tags/opera/index.html') === undefined);
      await step('rename', () => renameSync(path.join(s.dir, 'content/articles/2025/beta.md'), path.join(s.dir, 'content/articles/2025/beta-2.md')), () => s.read('2025/03/02/beta-2/index.html'));
      await step('atomic save', () => {
        const f = path.join(s.dir, 'content/articles/2025/alpha.md');
        writeFileSync(`${f}.tmp`, article('Alpha Renamed', '2025-03-01T10:00:00+08:00', ['Rail'], 'Edited twice.'));
        renameSync(`${f}.tmp`, f);
      }, () => s.read('2025/03/01/alpha/index.html')?.includes('Edited twice.'));
      await step('static file', () => write('static/css/site.css', 'body { color: navy }\n'), () => s.read('css/site.css'));
      await step('template', () => write('templates/partials/footer.njk', '<footer class="site-footer">Desk footer</footer>\n'), () => s.read('index.html')?.includes('Desk footer'));
      await step('bad edit', () => write('content/articles/2025/delta.md', '---\ntitle: [unclosed\n---\n'), () => s.builds.at(-1)?.result?.ok === false);
      await step('fix', () => write('content/articles/2025/delta.md', article('Delta Fixed', '2025-03-04T10:00:00+08:00', ['Ferry'])), () => s.read('2025/03/04/delta/index.html')?.includes('Delta Fixed'));
      await step('config', () => write('dateline.config.ts', "export default { title: 'Evening Herald', baseUrl: 'https://news.example.org/', timeZone: 'Asia/Shanghai', pageSize: 2 };\n"), () => s.read('index.html')?.includes('Evening Herald'));
      await step('burst', () => {
        for (let i = 0; i < 20; i++) write(`content/articles/burst/b${i}.md`, article(`Burst ${i}`, `2025-04-0${1 + (i % 9)}T10:00:00+08:00`, [`Topic ${i % 3}`]));
      }, () => s.read('2025/04/02/b19/index.html'));
      await step('rename a folder', () => renameSync(path.join(s.dir, 'content/articles/burst'), path.join(s.dir, 'content/articles/later')), () => s.builds.at(-1)?.changes.some((c) => c.path.startsWith('content/articles/later/')));

      await expectFreshBuild(s, 'after every step', 'out');
    } finally {
      await s.close();
    }
  });

  it('a story withdrawn, its words edited, and un-withdrawn: after each save, dist/ is what a fresh build writes', async () => {
    const inquiry = (withdrawn: string, body = 'The ledger shows payments.') => md(`title: Councillor took bribes\ndate: 2025-03-02T10:00:00+08:00\nauthor: Li Wei\nsection: Business\ntags: [Rail]\naliases: ['/old/inquiry/']\n${withdrawn}`, body);
    const s = await watchInline({
      'content/articles/2025/alpha.md': article('Alpha', '2025-03-01T10:00:00+08:00', ['Rail']),
      'content/articles/2025/inquiry.md': inquiry(''),
      'content/articles/2025/gamma.md': article('Gamma', '2025-03-03T10:00:00+08:00', ['Rail']),
    });
    try {
      const file = path.join(s.dir, 'content/articles/2025/inquiry.md');
      const step = async (what: string, text: string, done: () => unknown) => {
        const n = s.builds.length;
        writeFileSync(file, text);
        // A build after this save, not the last one.
        await waitFor(() => s.builds.length > n && done(), what);
        await s.settle(n);
        return expectFreshBuild(s, what, n);
      };
      const page = '2025/03/02/inquiry/index.html';
      const withdrawn = await step('withdraw', inquiry('withdrawn: Removed for legal reasons.'), () => s.read(page)?.includes('Removed for legal reasons.'));
      expect([...withdrawn].filter(([, text]) => text.includes('Councillor') || text.includes('ledger')).map(([p]) => p)).toEqual([]);
      const edited = await step('edit its words', inquiry('withdrawn: Removed for legal reasons.', 'Softer words.'), () => true);
      expect([...edited].filter(([, text]) => text.includes('Softer words')).map(([p]) => p)).toEqual([]);
      await step('un-withdraw', inquiry('', 'Softer words.'), () => s.read(page)?.includes('Softer words.'));
      expect(s.read('tags/rail/index.html')).toContain('Councillor took bribes');
    } finally {
      await s.close();
    }
  });
});

describe('watch: a live blog heading written like an update\'s anchor', () => {
  // The anchors pass over a heading's id of their form (model/live.ts); a save that changes only
  // such a heading's number was taken for a body edit, and kept the anchors of the build before:
  // two elements with one id, where a fresh build numbers the update on.
  it('renumbered by a save: dist/ is what a fresh build writes', async () => {
    const blog = (n: number) => md('title: Blog\ndate: 2025-11-27 22:10\nauthor: Li Wei\nlive: true', `Opening.\n\n## 22:20 Roads closed\n\nA.\n\n### Update 2025-11-27 2220-${n}\n\nB.\n\n## 22:20 Bus diverted\n\nC.`);
    const s = await watchInline({ 'content/articles/blog.md': blog(3) });
    try {
      const n = s.builds.length;
      writeFileSync(path.join(s.dir, 'content/articles/blog.md'), blog(2));
      await waitFor(() => s.read('2025/11/27/blog/index.html')?.includes('>Update 2025-11-27 2220-2</h3>'), 'the heading renumbered');
      await s.settle(n);
      const fresh = path.join(s.dir, 'fresh-out');
      expect((await build({ siteDir: s.dir, outDir: fresh, now: NOW })).ok).toBe(true);
      const expected = tree(fresh);
      expect(tree(s.out).get('2025/11/27/blog/index.html')).toBe(expected.get('2025/11/27/blog/index.html'));
    } finally {
      await s.close();
    }
  });
});

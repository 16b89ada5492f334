import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, openSync, closeSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, md } from '../helpers/site.js';
import { waitFor, watchInline, type WatchedSite } from '../helpers/watch.js';

const article = (title: string, date: string, tags: string[], body = `${title} body text.`) => md({ title, date, author: 'Li Wei', section: 'Business', tags }, body);

const BASE = {
  'content/articles/2025/alpha.md': article('Alpha', '2025-03-01T10:00:00+08:00', ['Rail', '重庆']),
  'content/articles/2025/beta.md': article('Beta', '2025-03-02T10:00:00+08:00', ['Rail']),
  'content/articles/2025/gamma.md': article('Gamma', '2025-03-03T10:00:00+08:00', ['Opera']),
};
const ALPHA = '2025/03/01/alpha/index.html';

let open: WatchedSite | undefined;
afterEach(async () => {
  await open?.close();
  open = undefined;
});
const start = async (files: Record<string, string> = {}) => (open = await watchInline({ ...BASE, ...files }));
const write = (s: WatchedSite, rel: string, text: string) => {
  mkdirSync(path.dirname(path.join(s.dir, rel)), { recursive: true });
  writeFileSync(path.join(s.dir, rel), text);
};

describe('watch: content changes', () => {
  it('builds once at the start, then an edit rebuilds with exactly that file as the change', async () => {
    const s = await start();
    expect(s.builds).toHaveLength(1);
    expect(s.builds[0]).toMatchObject({ trigger: 'initial', full: true });
    expect(s.read(ALPHA)).toContain('Alpha body text.');
    write(s, 'content/articles/2025/alpha.md', article('Alpha', '2025-03-01T10:00:00+08:00', ['Rail', '重庆'], 'A corrected paragraph.'));
    await waitFor(() => s.read(ALPHA)?.includes('A corrected paragraph.'), 'the edited page');
    const builds = await s.settle(1);
    expect(builds).toHaveLength(1);
    expect(builds[0]).toMatchObject({ trigger: 'changes', full: false, changes: [{ type: 'change', path: 'content/articles/2025/alpha.md' }] });
    expect(builds[0].result?.ok).toBe(true);
    // The article's page and whatever carries its body (feeds, search), not the whole site.
    expect(builds[0].result!.renderCount).toBeGreaterThan(0);
    expect(builds[0].result!.renderCount).toBeLessThan(builds[0].result!.pagesWritten);
  });

  it('adds an article with a new tag: its page, the tag page and the listings appear', async () => {
    const s = await start();
    write(s, 'content/articles/2025/delta.md', article('Delta Ferry Opens', '2025-03-04T10:00:00+08:00', ['Ferry']));
    await waitFor(() => s.read('2025/03/04/delta/index.html'), 'the new article page');
    expect(s.read('tags/ferry/index.html')).toContain('Delta Ferry Opens');
    expect(s.read('index.html')).toContain('Delta Ferry Opens');
    expect(s.read('tags/index.html')).toContain('Ferry');
    const builds = await s.settle(1);
    expect(builds.map((b) => b.changes)).toEqual([[{ type: 'add', path: 'content/articles/2025/delta.md' }]]);
    expect(builds[0].result!.renderCount).toBeGreaterThan(3);
    expect(builds[0].result!.renderCount).toBeLessThan(builds[0].result!.pagesWritten);
  });

  it('deletes an article: its page and every listing entry go, and a tag left empty loses its page', async () => {
    const s = await start();
    expect(s.read('tags/opera/index.html')).toContain('Gamma');
    rmSync(path.join(s.dir, 'content/articles/2025/gamma.md'));
    await waitFor(() => s.read('2025/03/03/gamma/index.html') === undefined, 'the deleted page to go');
    expect(s.read('tags/opera/index.html')).toBeUndefined();
    for (const listing of ['index.html', 'tags/index.html', 'archive/index.html', 'business/index.html', 'authors/li-wei/index.html', '2025/03/index.html']) {
      expect(s.read(listing), listing).not.toContain('Gamma');
    }
    expect(s.read('tags/index.html')).not.toContain('Opera');
    const builds = await s.settle(1);
    expect(builds.map((b) => b.changes)).toEqual([[{ type: 'unlink', path: 'content/articles/2025/gamma.md' }]]);
    expect(builds[0].result!.renderCount).toBeGreaterThan(0);
    expect(builds[0].result!.renderCount).toBeLessThan(builds[0].result!.pagesWritten);
  });

  it('renames an article: the old URL goes, the new one comes, in one build', async () => {
    const s = await start();
    renameSync(path.join(s.dir, 'content/articles/2025/alpha.md'), path.join(s.dir, 'content/articles/2025/alpha-2.md'));
    await waitFor(() => s.read('2025/03/01/alpha-2/index.html') && s.read(ALPHA) === undefined, 'the page under its new URL only');
    expect(s.read('tags/rail/index.html')).toContain('/2025/03/01/alpha-2/');
    expect(s.read('tags/rail/index.html')).not.toContain('/2025/03/01/alpha/');
    const builds = await s.settle(1);
    expect(builds).toHaveLength(1);
    expect(builds[0].changes).toEqual([
      { type: 'add', path: 'content/articles/2025/alpha-2.md' },
      { type: 'unlink', path: 'content/articles/2025/alpha.md' },
    ]);
    expect(builds[0].result?.ok).toBe(true);
  });

  it('renames a folder: every file in it moves, and edits in the new folder are still seen', async () => {
    const s = await start();
    renameSync(path.join(s.dir, 'content/articles/2025'), path.join(s.dir, 'content/articles/y2025'));
    await waitFor(() => s.builds.some((b) => b.changes.some((c) => c.path === 'content/articles/y2025/gamma.md')), 'the adds under the new folder');
    const builds = await s.settle(1);
    const all = builds.flatMap((b) => b.changes).map((c) => `${c.type} ${c.path}`);
    for (const n of ['alpha', 'beta', 'gamma']) {
      expect(all).toContain(`unlink content/articles/2025/${n}.md`);
      expect(all).toContain(`add content/articles/y2025/${n}.md`);
    }
    expect(builds.at(-1)?.result?.ok).toBe(true);
    expect(s.read(ALPHA)).toContain('Alpha body text.');
    write(s, 'content/articles/y2025/alpha.md', article('Alpha', '2025-03-01T10:00:00+08:00', ['Rail'], 'Edited after the move.'));
    await waitFor(() => s.read(ALPHA)?.includes('Edited after the move.'), 'an edit in the renamed folder');
  });
});

describe('watch: how editors save', () => {
  it('atomic saves (temp file + rename over), repeatedly and on several files, are all seen (chokidar#1437)', async () => {
    const s = await start();
    const atomic = (rel: string, text: string) => {
      const f = path.join(s.dir, rel);
      writeFileSync(`${f}.tmp`, text);
      renameSync(`${f}.tmp`, f);
    };
    for (let round = 1; round <= 3; round++) {
      for (const [name, date, out] of [
        ['alpha', '2025-03-01T10:00:00+08:00', ALPHA],
        ['beta', '2025-03-02T10:00:00+08:00', '2025/03/02/beta/index.html'],
      ] as const) {
        atomic(`content/articles/2025/${name}.md`, article(name, date, ['Rail'], `Round ${round} of ${name}.`));
        await waitFor(() => s.read(out)?.includes(`Round ${round} of ${name}.`), `atomic save ${round} of ${name}`);
      }
    }
    const builds = await s.settle(1);
    expect(builds.every((b) => b.result?.ok)).toBe(true);
    expect(builds.flatMap((b) => b.changes).every((c) => !c.path.endsWith('.tmp') && c.type !== 'unlink')).toBe(true);
  });

  it('truncate-then-write with a pause between ends in a correct build', async () => {
    const s = await start();
    const fd = openSync(path.join(s.dir, 'content/articles/2025/alpha.md'), 'w');
    // The pause is part of the scenario (a slow writer), not of the assertion.
    await new Promise((r) => setTimeout(r, 150));
    writeSync(fd, article('Alpha', '2025-03-01T10:00:00+08:00', ['Rail'], 'Written after the truncate.'));
    closeSync(fd);
    await waitFor(() => s.read(ALPHA)?.includes('Written after the truncate.'), 'the rewritten page');
    const builds = await s.settle(1);
    expect(builds.at(-1)?.result?.ok).toBe(true);
  });

  it('vim-style backup saves and editor temp files build the real file and nothing else', async () => {
    const s = await start();
    const f = path.join(s.dir, 'content/articles/2025/alpha.md');
    writeFileSync(path.join(s.dir, 'content/articles/2025/4913'), '');
    rmSync(path.join(s.dir, 'content/articles/2025/4913'));
    writeFileSync(path.join(s.dir, 'content/articles/2025/.alpha.md.swp'), 'swap');
    writeFileSync(path.join(s.dir, 'content/articles/2025/#alpha.md#'), 'emacs autosave');
    writeFileSync(path.join(s.dir, 'content/articles/2025/alpha.md.tmp'), 'temp');
    renameSync(f, `${f}~`);
    writeFileSync(f, article('Alpha', '2025-03-01T10:00:00+08:00', ['Rail'], 'Saved the vim way.'));
    rmSync(`${f}~`);
    await waitFor(() => s.read(ALPHA)?.includes('Saved the vim way.'), 'the saved page');
    const builds = await s.settle(1);
    expect(builds.flatMap((b) => b.changes).map((c) => c.path)).toEqual(builds.map(() => 'content/articles/2025/alpha.md'));
    expect(builds.at(-1)?.result?.ok).toBe(true);
  });

  it('gathers a burst of 200 new files into one build', async () => {
    const s = await start();
    for (let i = 0; i < 200; i++) {
      write(s, `content/articles/burst/story-${i}.md`, article(`Burst story ${i}`, `2025-04-01T${String(i % 24).padStart(2, '0')}:00:00+08:00`, ['Burst']));
    }
    await waitFor(() => s.builds.length > 1, 'the burst build');
    const builds = await s.settle(1);
    expect(builds).toHaveLength(1);
    expect(builds[0].changes).toHaveLength(200);
    expect(builds[0].changes.every((c) => c.type === 'add')).toBe(true);
    expect(builds[0].result?.ok).toBe(true);
    expect(s.read('tags/burst/index.html')).toContain('Burst story');
  });

  it('a file still being written holds back the build of a finished one: one build, both whole', async () => {
    const s = await start();
    // Another process (its timers are not this test's) starts a file, saves alpha whole, then
    // writes the rest of the first file in 15 more pieces 12 ms apart: about 200 ms in all, far
    // longer than the debounce, each gap shorter than awaitWriteFinish's threshold.
    const slow = article('Slow Copy', '2025-03-05T10:00:00+08:00', ['Rail'], `${'A long paragraph copied in slowly. '.repeat(80)}The last piece.`);
    const alpha = article('Alpha', '2025-03-01T10:00:00+08:00', ['Rail', '重庆'], 'Alpha saved meanwhile.');
    const writer = `
      const fs = require('node:fs');
      const [slowFile, slow, alphaFile, alpha] = process.argv.slice(1);
      const nap = new Int32Array(new SharedArrayBuffer(4));
      const step = Math.ceil(slow.length / 16);
      for (let i = 0; i < slow.length; i += step) {
        fs.appendFileSync(slowFile, slow.slice(i, i + step));
        if (i === 0) fs.writeFileSync(alphaFile, alpha);
        Atomics.wait(nap, 0, 0, 12);
      }`;
    const args = [path.join(s.dir, 'content/articles/2025/slow.md'), slow, path.join(s.dir, 'content/articles/2025/alpha.md'), alpha];
    // Asynchronously: this process's event loop must see the events while the file is written.
    await promisify(execFile)(process.execPath, ['-e', writer, ...args]);
    await waitFor(() => s.read('2025/03/05/slow/index.html')?.includes('The last piece.'), 'the slow file built whole');
    const builds = await s.settle(1);
    expect(builds).toHaveLength(1);
    expect(builds[0].changes.map((c) => c.path)).toEqual(['content/articles/2025/alpha.md', 'content/articles/2025/slow.md']);
    expect(builds[0].result?.ok).toBe(true);
    expect(s.read(ALPHA)).toContain('Alpha saved meanwhile.');
  });
});

describe('watch: errors, templates, static files, config', () => {
  it('a bad edit keeps the watcher and the last good page; the next good save clears it', async () => {
    const s = await start();
    const before = s.read(ALPHA);
    write(s, 'content/articles/2025/alpha.md', '---\ntitle: Alpha\ndate: 2025-13-45\nauthor: Li Wei\n---\n\nBody.\n');
    const failed = await waitFor(() => s.builds.find((b) => b.result && !b.result.ok), 'the failed build');
    const e = failed.result!.diagnostics.find((d) => d.severity === 'error')!;
    expect(e).toMatchObject({ file: 'content/articles/2025/alpha.md', line: 3 });
    expect(e.frame).toContain('> 3 | date: 2025-13-45');
    expect(s.read(ALPHA)).toBe(before);
    write(s, 'content/articles/2025/alpha.md', article('Alpha', '2025-03-01T10:00:00+08:00', ['Rail'], 'Fixed.'));
    await waitFor(() => s.read(ALPHA)?.includes('Fixed.'), 'the fixed page');
    expect((await s.settle(1)).at(-1)?.result?.ok).toBe(true);
  });

  it('a new story saved with a slug another story has is an error at its `slug` line, which the overlay shows; without a slug, at the `date` the URL is made of', async () => {
    const s = await start();
    const before = s.read(ALPHA);
    write(s, 'content/articles/2025/drivers.md', md('title: What drivers need to know\ndate: 2025-03-01 18:00\nauthor: Li Wei\nslug: alpha'));
    const failed = await waitFor(() => s.builds.find((b) => b.result && !b.result.ok), 'the failed build');
    const [e] = failed.result!.diagnostics.filter((d) => d.code === 'URL_COLLISION');
    expect(e).toMatchObject({ file: 'content/articles/2025/drivers.md', line: 5, column: 1 });
    expect(e.frame).toContain('> 5 | slug: alpha');
    expect(s.read(ALPHA)).toBe(before);
    // The same name in another folder, no slug: the date, the other part of the URL.
    rmSync(path.join(s.dir, 'content/articles/2025/drivers.md'));
    write(s, 'content/articles/archive/alpha.md', md('title: Old alpha\ndate: 2025-03-01 08:00\nauthor: Li Wei'));
    const second = await waitFor(() => s.builds.find((b) => b !== failed && b.result && !b.result.ok), 'the second failed build');
    const [e2] = second.result!.diagnostics.filter((d) => d.code === 'URL_COLLISION');
    expect([e2.file, e2.line, e2.frame]).toEqual([expect.stringMatching(/^content\/articles\/(2025|archive)\/alpha\.md$/), 3, expect.stringContaining('> 3 | date: 2025-03-01')]);
  });

  it('a photo path or a `related` slug typed a letter wrong is warned with the name that is there as its fix', async () => {
    const s = await start({ 'static/images/flood-river.jpg': 'jpeg', 'static/photos/Port-Cranes.jpg': 'jpeg', 'static/images/logo.png': 'png' });
    const story = (related: string, lead: string, body: string) => md(`title: Slip\ndate: 2025-03-04 10:00\nauthor: Li Wei\nrelated: [${related}]\nimage:\n  src: ${lead}\n  alt: Mud`, body);
    write(s, 'content/articles/2025/slip.md', story('alpah', '/images/flood-rivr.jpg', '![Cranes](/images/port-cranes.jpg)\n\n![Logo](/images/nothing-like-it.jpg)'));
    const b = await waitFor(() => s.builds.find((x) => x.changes.some((c) => c.path === 'content/articles/2025/slip.md') && x.result?.ok), 'the build of the save');
    const hints = b.result!.diagnostics.filter((d) => d.code === 'MISSING_IMAGE' || d.code === 'RELATED_NOT_FOUND').map((d) => [d.code, d.line, d.hint]);
    expect(hints).toEqual(
      expect.arrayContaining([
        ['RELATED_NOT_FOUND', 5, 'Write `alpha`, the published article\'s slug nearest to it; or the slug of another (its file name without .md).'],
        ['MISSING_IMAGE', 7, 'Write /images/flood-river.jpg, the file in static/ with the nearest name; or put the file at static/images/flood-rivr.jpg.'],
        // Another folder, another case: the one file of that name.
        ['MISSING_IMAGE', 11, 'Write /photos/Port-Cranes.jpg, the file in static/ with the nearest name; or put the file at static/images/port-cranes.jpg.'],
        // Nothing near: the fix as before.
        ['MISSING_IMAGE', 13, 'Put the file at static/images/nothing-like-it.jpg, or correct the path.'],
      ]),
    );
    expect(hints).toHaveLength(4);
  });

  it('a story moved to a section typed a letter wrong (a new desk in every page\'s header) is warned at its `section` line, with the listed name as the fix', async () => {
    const config = DEFAULT_CONFIG.replace('pageSize: 3,', "pageSize: 3,\n  sections: [{ name: 'Business' }, { name: 'Transport' }],");
    const s = await start({ 'dateline.config.ts': config });
    write(s, 'content/articles/2025/alpha.md', md('title: Alpha\ndate: 2025-03-01 10:00\nauthor: Li Wei\nsection: Transprot\ntags: [Rail]'));
    const b = await waitFor(() => s.builds.find((x) => x.changes.some((c) => c.path === 'content/articles/2025/alpha.md') && x.result?.ok), 'the build of the save');
    const [d] = b.result!.diagnostics.filter((x) => x.code === 'SECTION_MISSPELT');
    expect(d).toMatchObject({ severity: 'warning', file: 'content/articles/2025/alpha.md', line: 5, column: 1 });
    expect(d.frame).toContain('> 5 | section: Transprot');
    expect(d.hint).toBe("Write `section: Transport`. If Transprot is a new desk, add `{ name: 'Transprot' }` to `sections` in the config.");
    // A desk far from every listed one is a new one, allowed as before; another case is the listed one.
    write(s, 'content/articles/2025/alpha.md', md('title: Alpha\ndate: 2025-03-01 10:00\nauthor: Li Wei\nsection: Night Desk\ntags: [Rail]'));
    await waitFor(() => s.read('night-desk/index.html'), 'the new section page');
    write(s, 'content/articles/2025/beta.md', md('title: Beta\ndate: 2025-03-02 10:00\nauthor: Li Wei\nsection: transport'));
    await waitFor(() => s.read('transport/index.html')?.includes('Beta'), 'the listed section page');
    const later = await s.settle(0);
    expect(later.slice(later.indexOf(b) + 1).flatMap((x) => x.result?.diagnostics ?? []).filter((x) => x.code === 'SECTION_MISSPELT')).toEqual([]);
  });

  it('a failed build says every mistake at once (the overlay shows its errors): a bad edit, and a template that fails on the pages without errors', async () => {
    const s = await start();
    const before = s.read(ALPHA);
    write(s, 'templates/tag.njk', '<h1>{{ term.name }}</h1>\n{{ countArticles(term) }}\n');
    write(s, 'content/articles/2025/alpha.md', '---\ntitle: Alpha\ndate: 2025-13-45\nauthor: Li Wei\n---\n\nBody.\n');
    const both = await waitFor(() => s.builds.find((b) => b.result?.diagnostics.some((d) => d.code === 'BAD_DATE') && b.result.diagnostics.some((d) => d.code === 'TEMPLATE_RENDER')), 'a build with both errors');
    expect(both.result!.ok).toBe(false);
    expect(both.result!.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.file, d.line])).toEqual([
      ['BAD_DATE', 'content/articles/2025/alpha.md', 3],
      ['TEMPLATE_RENDER', 'templates/tag.njk', 2],
    ]);
    expect(s.read(ALPHA)).toBe(before);
  });

  it('a bad save with the templates as the last build rendered them is said without rendering the rest of the site', async () => {
    const s = await start();
    const n = s.builds.length;
    write(s, 'content/articles/2025/alpha.md', '---\ntitle: Alpha\ndate: 2025-13-45\nauthor: Li Wei\n---\n\nBody.\n');
    const failed = await waitFor(() => s.builds.slice(n).find((b) => b.result && !b.result.ok), 'the failed build');
    expect(failed.result!.diagnostics.map((d) => d.code)).toEqual(['BAD_DATE']);
    // At 10,000 articles, rendering the rest took seconds for each save with a typo in it.
    expect(failed.result!.renderCount).toBe(0);
  });

  it('a template edit shows on every page that includes it; a broken template is reported with its line', async () => {
    const s = await start({ 'templates/partials/footer.njk': '<footer class="site-footer">Footer v1</footer>\n' });
    expect(s.read(ALPHA)).toContain('Footer v1');
    write(s, 'templates/partials/footer.njk', '<footer class="site-footer">Footer v2</footer>\n');
    await waitFor(() => s.read(ALPHA)?.includes('Footer v2') && s.read('index.html')?.includes('Footer v2') && s.read('tags/rail/index.html')?.includes('Footer v2'), 'the new footer everywhere');
    const edited = (await s.settle(1)).at(-1)!.result!;
    // A partial is in every page.
    expect(edited.renderCount).toBe(edited.pagesWritten);
    write(s, 'templates/partials/footer.njk', '<footer>\n{% if %}\n</footer>\n');
    const failed = await waitFor(() => s.builds.find((b) => b.result && !b.result.ok), 'the failed build');
    expect(failed.result!.diagnostics.some((d) => d.file === 'templates/partials/footer.njk' && d.line === 2)).toBe(true);
    expect(s.read(ALPHA)).toContain('Footer v2');
  });

  it('a static file edit, add and delete reach dist/', async () => {
    const s = await start({ 'static/css/site.css': 'body { color: black }\n' });
    expect(s.read('css/site.css')).toBe('body { color: black }\n');
    write(s, 'static/css/site.css', 'body { color: navy }\n');
    await waitFor(() => s.read('css/site.css') === 'body { color: navy }\n', 'the edited stylesheet');
    const n = (await s.settle(1)).length + 1;
    write(s, 'static/images/logo.svg', '<svg xmlns="http://www.w3.org/2000/svg"/>\n');
    await waitFor(() => s.read('images/logo.svg'), 'the new image');
    rmSync(path.join(s.dir, 'static/images/logo.svg'));
    await waitFor(() => s.read('images/logo.svg') === undefined, 'the deleted image to go');
    // An image no page links to is copied (or removed) alone: no page renders.
    const builds = await s.settle(n);
    expect(builds.length).toBeGreaterThan(0);
    expect(builds.map((b) => b.result?.renderCount)).toEqual(builds.map(() => 0));
  });

  it('a config change rebuilds everything', async () => {
    const s = await start();
    write(s, 'dateline.config.ts', "export default { title: 'Renamed Herald', baseUrl: 'https://news.example.org/', timeZone: 'Asia/Shanghai' };\n");
    await waitFor(() => s.read(ALPHA)?.includes('Renamed Herald') && s.read('tags/opera/index.html')?.includes('Renamed Herald'), 'the new title on every page');
    const builds = await s.settle(1);
    expect(builds.at(-1)).toMatchObject({ full: true, changes: [{ type: 'change', path: 'dateline.config.ts' }] });
  });

  it('an edit to a file the config imports rebuilds everything, through a folder and an import chain', async () => {
    const s = await start({
      'dateline.config.ts': "import { title } from './site-data/masthead';\nexport default { title, baseUrl: 'https://news.example.org/', timeZone: 'Asia/Shanghai' };\n",
      'site-data/masthead.ts': "import { name } from './name.js';\nexport const title = `${name} Herald`;\n",
      'site-data/name.ts': "export const name = 'Morning';\n",
      // Not imported: an edit to it is no build.
      'site-data/unused.ts': "export const x = 1;\n",
      // Not imported yet, in a folder the watcher leaves alone until then.
      'words/suffix.ts': "export const suffix = 'Gazette';\n",
    });
    expect(s.read(ALPHA)).toContain('Morning Herald');
    const n = s.builds.length;
    write(s, 'site-data/unused.ts', 'export const x = 2;\n');
    write(s, 'site-data/name.ts', "export const name = 'Evening';\n");
    await waitFor(() => s.read(ALPHA)?.includes('Evening Herald') && s.read('tags/opera/index.html')?.includes('Evening Herald'), 'the imported title on every page');
    const builds = await s.settle(n);
    expect(builds.map((b) => [b.full, b.changes.map((c) => c.path)])).toEqual([[true, ['site-data/name.ts']]]);
    // A file imported from now on, in a folder not watched so far, is watched from the build that
    // first sees the import (not found later by a rescan, as an "add" with a build of its own).
    const m = s.builds.length;
    write(s, 'site-data/masthead.ts', "import { name } from './name.js';\nimport { suffix } from '../words/suffix';\nexport const title = `${name} ${suffix}`;\n");
    await waitFor(() => s.read(ALPHA)?.includes('Evening Gazette'), 'the new import');
    await s.settle(m);
    write(s, 'words/suffix.ts', "export const suffix = 'Courier';\n");
    await waitFor(() => s.read(ALPHA)?.includes('Evening Courier'), 'an edit to the new import');
    expect((await s.settle(m)).map((b) => b.changes)).toEqual([[{ type: 'change', path: 'site-data/masthead.ts' }], [{ type: 'change', path: 'words/suffix.ts' }]]);
  });

  it('a new import edited while the build that first reads it runs, before chokidar watches it, is built again', async () => {
    let edited = false;
    const s = (open = await watchInline(
      {
        ...BASE,
        'dateline.config.ts': "import { name } from './site-data/name';\nexport default { title: `${name} Herald`, baseUrl: 'https://news.example.org/', timeZone: 'Asia/Shanghai' };\n",
        'site-data/name.ts': "export const name = 'Morning';\n",
        'words/suffix.ts': "export const suffix = 'Gazette';\n",
      },
      {
        // The build has read suffix.ts; the editor saves it again before the watcher looks at it.
        afterBuild: (r) => {
          if (edited || !r.configDeps?.includes('words/suffix.ts')) return;
          edited = true;
          writeFileSync(path.join(s.dir, 'words/suffix.ts'), "export const suffix = 'Courier';\n");
        },
      },
    ));
    const n = s.builds.length;
    write(s, 'dateline.config.ts', "import { name } from './site-data/name';\nimport { suffix } from './words/suffix';\nexport default { title: `${name} ${suffix}`, baseUrl: 'https://news.example.org/', timeZone: 'Asia/Shanghai' };\n");
    await waitFor(() => s.read(ALPHA)?.includes('Morning Courier'), 'the edit made while the import was first read');
    expect(edited).toBe(true);
    expect((await s.settle(n)).map((b) => b.changes)).toEqual([[{ type: 'change', path: 'dateline.config.ts' }], [{ type: 'change', path: 'words/suffix.ts' }]]);
  });
});

describe('watch: one build at a time', () => {
  it('a change during a build waits for it, then gets one more build', async () => {
    const s = await start();
    const release = s.hold();
    write(s, 'content/articles/2025/alpha.md', article('Alpha', '2025-03-01T10:00:00+08:00', ['Rail'], 'First edit.'));
    await waitFor(() => s.running() === 1, 'the first build to start');
    write(s, 'content/articles/2025/beta.md', article('Beta', '2025-03-02T10:00:00+08:00', ['Rail'], 'Edit during the build.'));
    write(s, 'content/articles/2025/gamma.md', article('Gamma', '2025-03-03T10:00:00+08:00', ['Opera'], 'Another edit during the build.'));
    // Both saves are seen while the first build is still held.
    await waitFor(() => s.watcher.busy && s.running() === 1 && s.builds.length === 1, 'the held build');
    release();
    await waitFor(() => s.read('2025/03/03/gamma/index.html')?.includes('Another edit during the build.'), 'the queued edits');
    const builds = await s.settle(1);
    expect(s.maxConcurrent()).toBe(1);
    expect(builds.map((b) => b.changes.map((c) => c.path))).toEqual([
      ['content/articles/2025/alpha.md'],
      ['content/articles/2025/beta.md', 'content/articles/2025/gamma.md'],
    ]);
  });

  it('a git checkout of another branch is one build', async () => {
    const s = await start();
    const git = (...args: string[]) => execFileSync('git', args, { cwd: s.dir, stdio: 'pipe' });
    git('init', '-q', '-b', 'main');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.org', 'add', '-A');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.org', 'commit', '-qm', 'base');
    git('checkout', '-qb', 'desk');
    rmSync(path.join(s.dir, 'content/articles/2025/gamma.md'));
    for (let i = 0; i < 200; i++) write(s, `content/articles/desk/story-${i}.md`, article(`Desk story ${i}`, '2025-05-01T10:00:00+08:00', ['Desk']));
    git('-c', 'user.name=t', '-c', 'user.email=t@example.org', 'add', '-A');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.org', 'commit', '-qm', 'desk');
    await waitFor(() => s.read('2025/05/01/story-199/index.html'), 'the branch built');
    const before = (await s.settle(0)).length;
    git('checkout', '-q', 'main');
    await waitFor(() => s.read('2025/05/01/story-0/index.html') === undefined && s.read('2025/03/03/gamma/index.html'), 'main built again');
    const builds = await s.settle(before);
    expect(builds).toHaveLength(1);
    expect(builds[0].changes).toHaveLength(201);
    expect(builds[0].result?.ok).toBe(true);
    expect(s.read('tags/desk/index.html')).toBeUndefined();
  });

  it('a burst whose end waits behind a held thread is still one build: the timer that comes late waits for it', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 30; i++) files[`content/articles/desk/story-${i}.md`] = article(`Desk story ${i}`, '2025-05-01T10:00:00+08:00', ['Desk']);
    let unlinks = 0;
    let seen: (() => void) | undefined;
    const s = (open = await watchInline({ ...BASE, ...files }, { onEvent: (event) => { if (event === 'unlink' && ++unlinks === 15) seen?.(); } }));
    const before = (await s.settle(0)).length;
    const gone = (from: number, to: number) => { for (let i = from; i < to; i++) rmSync(path.join(s.dir, `content/articles/desk/story-${i}.md`)); };
    // The first half deleted and heard of: the quiet time after it has begun.
    await new Promise<void>((resolve) => { seen = resolve; gone(0, 15); });
    // The second half deleted while this thread is held past the end of that quiet time (as by a
    // long collection or a busy machine): its events wait behind the timer, which is due first.
    gone(15, 30);
    const until = performance.now() + 300;
    while (performance.now() < until) { /* held */ }
    await waitFor(() => s.read('2025/05/01/story-29/index.html') === undefined && s.read('tags/desk/index.html') === undefined, 'the desk\'s pages gone');
    const builds = await s.settle(before);
    expect(builds.map((b) => b.changes.length)).toEqual([30]);
    expect(builds[0].result?.ok).toBe(true);
  });

  it('rebuilds by itself when the publication time of an embargoed article comes', async () => {
    const soon = new Date(Date.now() + 2500).toISOString();
    const s = (open = await watchInline({ ...BASE, 'content/articles/2025/embargo.md': article('Embargoed Budget', soon, ['Budget']) }, { now: null, schedule: true }));
    expect(s.read('index.html')).not.toContain('Embargoed Budget');
    expect(s.read('tags/budget/index.html')).toBeUndefined();
    await waitFor(() => s.read('index.html')?.includes('Embargoed Budget'), 'the publication');
    expect(s.read('tags/budget/index.html')).toContain('Embargoed Budget');
    const builds = await s.settle(1);
    expect(builds).toHaveLength(1);
    expect(builds[0]).toMatchObject({ trigger: 'schedule', full: true, changes: [] });
  });

  it('a story related to one still to come says nothing, shows nothing of it, and lists it once its time comes', async () => {
    const soon = new Date(Date.now() + 2500).toISOString();
    const s = (open = await watchInline({ ...BASE, 'content/articles/2025/survey.md': article('Slope Survey Ordered', soon, ['Opera']) }, { now: null, schedule: true }));
    write(s, 'content/articles/2025/alpha.md', md({ title: 'Alpha', date: '2025-03-01T10:00:00+08:00', author: 'Li Wei', related: ['survey'] }));
    const b = await waitFor(() => s.builds.find((x) => x.changes.some((c) => c.path === 'content/articles/2025/alpha.md') && x.result?.ok), 'the build of the save');
    expect(b.result!.diagnostics.filter((d) => d.code === 'RELATED_NOT_FOUND')).toEqual([]);
    expect(s.read(ALPHA)).not.toContain('Slope Survey Ordered');
    await waitFor(() => s.read(ALPHA)?.includes('Slope Survey Ordered'), 'the related story listed once published');
    // A slug no story has is still warned.
    write(s, 'content/articles/2025/alpha.md', md({ title: 'Alpha', date: '2025-03-01T10:00:00+08:00', author: 'Li Wei', related: ['no-such-story'] }));
    await waitFor(() => s.builds.some((x) => x.result?.diagnostics.some((d) => d.code === 'RELATED_NOT_FOUND' && d.message.includes('no-such-story'))), 'the warning for a slug no story has');
  });

  it('rebuilds by itself when an article turns two days old and leaves the News sitemap', async () => {
    const almost = new Date(Date.now() - 48 * 3600_000 + 2500).toISOString();
    const s = (open = await watchInline({ ...BASE, 'content/articles/2025/fresh.md': article('Fresh Report', almost, ['Budget']) }, { now: null, schedule: true }));
    expect(s.read('news-sitemap.xml')).toContain('Fresh Report');
    await waitFor(() => s.read('news-sitemap.xml')?.includes('Fresh Report') === false, 'the News sitemap without it');
    const builds = await s.settle(1);
    expect(builds).toHaveLength(1);
    expect(builds[0]).toMatchObject({ trigger: 'schedule', full: true, changes: [] });
    // Still published: only the two-day window moved on.
    expect(s.read('index.html')).toContain('Fresh Report');
  });
});

describe('watch: what a failed build saw is not lost', () => {
  it('a template edited while the content is broken shows once the content is fixed', async () => {
    const s = await start({ 'templates/partials/footer.njk': '<footer class="site-footer">Footer v1</footer>\n' });
    write(s, 'content/articles/2025/beta.md', '---\ntitle: [broken\n---\n');
    await waitFor(() => s.builds.at(-1)?.result?.ok === false, 'the failed build');
    write(s, 'templates/partials/footer.njk', '<footer class="site-footer">Footer v2</footer>\n');
    await waitFor(() => s.builds.at(-1)?.changes.some((c) => c.path === 'templates/partials/footer.njk'), 'the template change, failing too');
    write(s, 'content/articles/2025/beta.md', article('Beta', '2025-03-02T10:00:00+08:00', ['Rail'], 'Beta fixed.'));
    await waitFor(() => s.read('2025/03/02/beta/index.html')?.includes('Beta fixed.'), 'the fixed article');
    expect((await s.settle(1)).at(-1)?.result?.ok).toBe(true);
    for (const p of [ALPHA, 'index.html', 'tags/opera/index.html']) expect(s.read(p), p).toContain('Footer v2');
  });
});

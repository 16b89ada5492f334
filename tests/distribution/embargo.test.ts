import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nextChangeEntry } from '../../src/plan/next-change.js';
import { cli, md, site, writeSite } from '../helpers/site.js';
import { parseXml, readAll } from './helpers.js';

const config = `import { defineConfig } from 'dateline';
export default defineConfig({ title: 'Test Herald', baseUrl: 'https://news.example.org/', timeZone: 'Asia/Shanghai', relatedCount: 4 });
`;

// Marker words that appear only in the embargoed and the expired article.
const site1 = {
  'dateline.config.ts': config,
  'content/live.md': md({ title: 'Council approves budget', date: '2026-01-09 10:00', author: 'Ran Zheng', tags: ['Budget'], section: 'City', related: ['scoop'] }, 'The budget passed.'),
  'content/scoop.md': md({ title: 'Mayor resigns Zebracorn', date: '2026-01-10 18:00', author: 'Embargo Reporter', tags: ['Budget', 'Exclusivetag'], section: 'Scoopsection', related: ['live'] }, 'Body with Zebracorn.'),
  'content/expired.md': md({ title: 'Road closure Quokkabird', date: '2026-01-01 09:00', expires: '2026-01-09 12:00', author: 'Ran Zheng', tags: ['Budget'] }, 'Closed.'),
  'content/expiring.md': md({ title: 'Ferry timetable', date: '2026-01-08 09:00', expires: '2026-01-12 12:00', author: 'Ran Zheng', tags: ['Transport'], section: 'City' }, 'Winter timetable.'),
};
const SCOOP = ['Zebracorn', 'scoop', 'Embargo Reporter', 'embargo-reporter', 'Exclusivetag', 'exclusivetag', 'Scoopsection', 'scoopsection'];
const EXPIRED = ['Quokkabird', 'expired'];

const leaks = (files: Map<string, string>, words: string[]) => [...files].flatMap(([f, t]) => words.filter((w) => f.includes(w) || t.includes(w)).map((w) => `${f}: ${w}`));
const fragmentTitles = (files: Map<string, string>) =>
  [...files].filter(([f]) => /^pagefind\/(.+\/)?fragment\//.test(f)).map(([, t]) => JSON.parse(t.replace(/^pagefind_dcd/, '')).meta.title as string).sort();

describe('embargo: a future article leaks nowhere, then appears everywhere (real bin)', () => {
  it('before its time: in no page, listing, count, related block, feed, sitemap, search index or next-change.json', async () => {
    const dir = writeSite(site1);
    const run = await cli(['build', dir, '--now', '2026-01-10T12:00:00+08:00', '--out', path.join(dir, 'before')]);
    expect(run.stderr).not.toContain('error');
    expect(run.code).toBe(0);
    const files = readAll(path.join(dir, 'before'));
    expect(files.size).toBeGreaterThan(20);
    expect(leaks(files, [...SCOOP, ...EXPIRED])).toEqual([]);
    expect(fragmentTitles(files)).toEqual(['Council approves budget', 'Ferry timetable']);
    expect(JSON.parse(files.get('pagefind/pagefind-entry.json')!).languages.en.page_count).toBe(2);
    expect(parseXml(files.get('tags/budget/feed.xml')!).rss.channel.item.map((i: any) => i.title)).toEqual(['Council approves budget']);
    const tagPage = files.get('tags/budget/index.html')!;
    expect(tagPage.match(/href="\/2026\/01\/\d\d\/[a-z]+\/"/g)).toEqual(['href="/2026/01/09/live/"']);
    expect(tagPage).toContain('1 article');
    const nextChange = JSON.parse(files.get('next-change.json')!);
    // When, never what: the public file does not say that an embargo lifts then.
    expect(nextChange.next).toEqual({ at: '2026-01-10T18:00:00+08:00', utc: '2026-01-10T10:00:00Z', unix: Date.parse('2026-01-10T10:00:00Z') / 1000, cron: '0 10 10 1 *' });
    expect(files.get('next-change.json')).not.toMatch(/"change"|"publish"/);
    // CI's own copy (`build --json`, not published) names the change.
    const json = await cli(['build', dir, '--json', '--now', '2026-01-10T12:00:00+08:00', '--out', path.join(dir, 'json')]);
    expect(JSON.parse(json.stdout).nextChange).toEqual({ ...nextChange.next, change: 'publish' });
    expect(leaks(readAll(path.join(dir, 'json')), [...SCOOP, ...EXPIRED])).toEqual([]);
    expect(nextChange.published.map((p: any) => p.url)).toEqual(['https://news.example.org/2026/01/09/live/', 'https://news.example.org/2026/01/08/expiring/']);
    expect(nextChange.published[1].expires).toBe('2026-01-12T12:00:00+08:00');

    // Once --now passes its date, it is everywhere.
    const after = await cli(['build', dir, '--now', '2026-01-10T19:00:00+08:00', '--out', path.join(dir, 'after')]);
    expect(after.code).toBe(0);
    const now = readAll(path.join(dir, 'after'));
    const url = 'https://news.example.org/2026/01/10/scoop/';
    expect(now.get('2026/01/10/scoop/index.html')).toContain('Zebracorn');
    expect(now.get('index.html')).toContain('href="/2026/01/10/scoop/"');
    expect(now.get('tags/budget/index.html')!.match(/href="\/2026\/01\/\d\d\/[a-z]+\/"/g)).toEqual(['href="/2026/01/10/scoop/"', 'href="/2026/01/09/live/"']);
    expect(now.get('tags/budget/index.html')).toContain('2 articles');
    expect(now.get('2026/01/09/live/index.html')).toContain('href="/2026/01/10/scoop/"');
    expect(existsSync(path.join(dir, 'after', 'tags', 'exclusivetag', 'index.html'))).toBe(true);
    expect(existsSync(path.join(dir, 'after', 'authors', 'embargo-reporter', 'feed.xml'))).toBe(true);
    for (const feed of ['feed.xml', 'tags/budget/feed.xml', 'scoopsection/feed.xml']) expect(parseXml(now.get(feed)!).rss.channel.item[0].link, feed).toBe(url);
    expect(JSON.parse(now.get('feed.json')!).items[0].id).toBe(url);
    expect(parseXml(now.get('atom.xml')!).feed.entry[0].id).toBe(url);
    expect(parseXml(now.get('sitemap.xml')!).urlset.url.map((u: any) => u.loc)).toContain(url);
    expect(parseXml(now.get('news-sitemap.xml')!).urlset.url.map((u: any) => u.loc)).toContain(url);
    expect(fragmentTitles(now)).toEqual(['Council approves budget', 'Ferry timetable', 'Mayor resigns Zebracorn']);
    const next = JSON.parse(now.get('next-change.json')!);
    expect(next.published.map((p: any) => p.url)).toContain(url);
    // The budget story (09 Jan 10:00) turns two days old and leaves the News sitemap before the
    // ferry timetable expires.
    expect(next.next).toMatchObject({ at: '2026-01-11T10:00:00+08:00' });
    expect(next.next).not.toHaveProperty('change');
    expect(leaks(now, EXPIRED)).toEqual([]);

    // After its expiry the ferry timetable is gone too, and nothing more is scheduled.
    const later = await cli(['build', dir, '--now', '2026-01-12T12:00:00+08:00', '--out', path.join(dir, 'later')]);
    expect(later.code).toBe(0);
    const gone = readAll(path.join(dir, 'later'));
    expect(leaks(gone, ['Ferry timetable', 'expiring'])).toEqual([]);
    expect(parseXml(gone.get('news-sitemap.xml')!).urlset.url.map((u: any) => u.loc)).toEqual([url]);
    expect(JSON.parse(gone.get('next-change.json')!).next).toMatchObject({ at: '2026-01-12T18:00:00+08:00' });
    expect(gone.get('next-change.json')!).not.toContain('"change"');
    // Once the scoop is two days old too, nothing more is scheduled but the new year, in the site's
    // zone, when every page's footer shows it (© 2027).
    const last = await cli(['build', dir, '--now', '2026-01-12T18:00:00+08:00', '--out', path.join(dir, 'last')]);
    expect(last.code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(dir, 'last', 'next-change.json'), 'utf8'))).toEqual({ next: { at: '2027-01-01T00:00:00+08:00', utc: '2026-12-31T16:00:00Z', unix: 1798732800, cron: '0 16 31 12 *' }, published: expect.any(Array) });
    expect(readFileSync(path.join(dir, 'last', 'index.html'), 'utf8')).toContain('© 2026');
    const newYear = await cli(['build', dir, '--now', '2027-01-01T00:00:00+08:00', '--out', path.join(dir, 'last')]);
    expect(newYear.code).toBe(0);
    expect(readFileSync(path.join(dir, 'last', 'index.html'), 'utf8')).toContain('© 2027');
  });

  it('--future previews the scheduled article, and a draft stays out of next-change.json', async () => {
    const s = await site({ ...site1, 'content/draft.md': md({ title: 'Draft', date: '2026-01-11 09:00', author: 'Ran Zheng', draft: true }) }, { now: '2026-01-10T12:00:00+08:00', future: true });
    expect(s.has('2026/01/10/scoop/index.html')).toBe(true);
    const next = JSON.parse(s.page('next-change.json'));
    // The previewed scoop is not a change to come; a preview writes no News sitemap, so no
    // article leaving its window is either (publishing.md, Previews): the next is an expiry.
    expect(next.next).toMatchObject({ at: '2026-01-12T12:00:00+08:00' });
    expect(nextChangeEntry(s.graph!, s.config!)!.change).toBe('expire');
    expect(JSON.stringify(next)).not.toContain('draft');
  });

  it('without a News sitemap, the News sitemap\'s window schedules nothing', async () => {
    const s = await site({ ...site1, 'dateline.config.ts': config.replace('defineConfig({', 'defineConfig({ newsSitemap: { enabled: false },') }, { now: '2026-01-10T19:00:00+08:00' });
    expect(s.has('news-sitemap.xml')).toBe(false);
    expect(JSON.parse(s.page('next-change.json')).next).toMatchObject({ at: '2026-01-12T12:00:00+08:00' });
    expect(s.page('next-change.json')).not.toContain('"change"');
    expect(nextChangeEntry(s.graph!, s.config!)!.change).toBe('expire');
  });

  it('a scheduled story whose URL is taken fails `check` and every build now, not the build that would publish it', async () => {
    const dir = writeSite({
      'dateline.config.ts': config,
      'content/live.md': md({ title: 'Live story', date: '2026-01-09 10:00', author: 'Ran Zheng', aliases: ['/old/'], tags: ['Rail'] }),
      'content/takedown.md': md({ title: 'Must come down', date: '2026-01-08 10:00', expires: '2026-01-12 09:00', author: 'Ran Zheng' }),
      'content/later.md': `---\ntitle: Embargoed story\ndate: 2026-01-12 08:00\nauthor: Ran Zheng\naliases: [/old/]\ntags: ["RAIL!"]\nsection: Tags\n---\n\nBody.\n`,
      // The cookie notice's link: without the page, `check` (which follows the links of a site with
      // errors too) would report it as well.
      'content/pages/privacy-cookie-policy.md': md({ title: 'Privacy & Cookie Policy' }),
    });
    const early = ['--now', '2026-01-10T12:00:00+08:00'];
    const r = await cli(['check', dir, ...early]);
    expect(r.code, r.stderr).toBe(1);
    const scheduled = 'content/later.md is scheduled for 2026-01-12T08:00:00+08:00; once it is published,';
    expect(r.stderr).toContain(`error[URL_COLLISION] content/later.md:5:1\n  ${scheduled} content/later.md (its alias "/old/") and content/live.md (its alias "/old/") would both be written to /old/. That build would fail and publish nothing.\n`);
    expect(r.stderr).toContain('fix: Change content/later.md before it is published: give it another `slug`, or leave out the alias, tag or section whose URL is taken.');
    expect(r.stderr).toContain(`error[URL_COLLISION] content/later.md:7:1\n  ${scheduled} the section page for "Tags" and the tags index would both be written to /tags/.`);
    expect(r.stderr).toContain(`error[URL_COLLISION] content/later.md:6:1\n  ${scheduled} the tag page for "RAIL!" and the tag page for "Rail" would both be written to /tags/rail/.`);
    expect(r.stderr).toMatch(/3 errors; nothing was written\.\n$/);
    expect((await cli(['build', dir, ...early])).code).toBe(1);
    // Mended before it goes live: the build that publishes it passes, and the expiry happens.
    writeFileSync(path.join(dir, 'content/later.md'), md({ title: 'Embargoed story', date: '2026-01-12 08:00', author: 'Ran Zheng', tags: ['Rail'], section: 'City' }));
    expect((await cli(['build', dir, ...early])).code).toBe(0);
    const out = path.join(dir, 'out');
    const live = await cli(['build', dir, '--out', out, '--now', '2026-01-12T10:00:00+08:00']);
    expect(live.code, live.stderr).toBe(0);
    expect(existsSync(path.join(out, '2026/01/12/later/index.html'))).toBe(true);
    expect(existsSync(path.join(out, '2026/01/08/takedown/index.html'))).toBe(false);
  });

  it('a scheduled story may take the URL of one that expires before it goes live, and another\'s mistake is not put on it', async () => {
    const dir = writeSite({
      'dateline.config.ts': config,
      'content/poll-live.md': md({ title: 'Poll live', date: '2026-01-08 10:00', expires: '2026-01-11 09:00', author: 'Ran Zheng', aliases: ['/election/'] }),
      'content/poll-final.md': md({ title: 'Poll final', date: '2026-01-12 08:00', author: 'Ran Zheng', aliases: ['/election/'], tags: ['Budget'] }),
      'content/live.md': md({ title: 'Live story', date: '2026-01-09 10:00', author: 'Ran Zheng', tags: ['Budget'], section: 'City' }),
    });
    const r = await cli(['build', dir, '--now', '2026-01-10T12:00:00+08:00']);
    expect(r.code, r.stderr).toBe(0);
    // A live article's own clash is its own, once, and names no scheduled article.
    writeFileSync(path.join(dir, 'content/live.md'), md({ title: 'Live story', date: '2026-01-09 10:00', author: 'Ran Zheng', section: 'Tags' }));
    const clash = await cli(['build', dir, '--now', '2026-01-10T12:00:00+08:00']);
    expect(clash.code).toBe(1);
    expect(clash.stderr.match(/error\[/g)).toHaveLength(1);
    expect(clash.stderr).toContain('error[URL_COLLISION] content/live.md:5:1\n  the section page for "Tags" and the tags index');
  });

  it('rounds a next change with seconds up, so a job started then finds it due', async () => {
    const s = await site({ 'content/a.md': md({ title: 'A', date: '2026-01-10 18:00:30', author: 'Ran Zheng' }) }, { now: '2026-01-10T12:00:00+08:00' });
    expect(JSON.parse(s.page('next-change.json')).next).toMatchObject({ utc: '2026-01-10T10:00:30Z', unix: Date.parse('2026-01-10T10:00:30Z') / 1000, cron: '1 10 10 1 *' });
  });
});

describe('standalone pages are scheduled like articles', () => {
  it('a page is held back until its date and taken down at its expiry, in every output, and the schedule names those times', async () => {
    const files = {
      'dateline.config.ts': config,
      'content/live.md': md({ title: 'Council approves budget', date: '2026-01-09 10:00', author: 'Ran Zheng' }, 'The budget passed.'),
      'content/pages/winter-promo.md': md({ title: 'Winter offer Puffinmark', expires: '2026-01-09 12:00' }, 'Subscribe for winter.'),
      'content/pages/spring-promo.md': md({ title: 'Spring offer Larkword', date: '2026-01-10 08:00' }, 'Subscribe for spring.'),
    };
    const before = await site(files, { now: '2026-01-09T11:00:00+08:00' });
    expect(before.has('winter-promo/index.html')).toBe(true);
    expect(before.has('spring-promo/index.html')).toBe(false);
    expect(JSON.parse(before.page('next-change.json')).next).toMatchObject({ at: '2026-01-09T12:00:00+08:00' });
    expect(before.page('next-change.json')).not.toContain('"change"');
    expect(nextChangeEntry(before.graph!, before.config!)!.change).toBe('expire');
    const after = await site(files, { now: '2026-01-10T09:00:00+08:00' });
    expect(after.has('winter-promo/index.html')).toBe(false);
    expect(after.has('spring-promo/index.html')).toBe(true);
    // Nothing of the held-back or expired page anywhere else: sitemap, search, feeds, other pages.
    for (const [build, word] of [[before, 'Larkword'], [after, 'Puffinmark']] as const) {
      for (const [p, text] of build.files ?? []) expect(String(text).includes(word), `${p} names ${word}`).toBe(false);
    }
  });
});

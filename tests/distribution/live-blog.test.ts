import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nextChangeEntry } from '../../src/plan/next-change.js';
import { cli, md, site, writeSite } from '../helpers/site.js';
import { config, jsonLd, LOGO, parseXml, readAll } from './helpers.js';
import { photo } from '../helpers/photos.js';

const URL_OF = '2026/11/27/landslide/index.html';

/** A live blog on the night of a landslide: updates oldest first, one after midnight with its date. */
const landslide = (front = '', updates = '') =>
  md(
    `title: Landslide cuts road to Wulong\ndate: 2026-11-27 22:10\nauthor: He Jiawei\nsection: Weather\ntags: [landslides]\nsummary: Follow our updates.\ndateline: Wulong\nlive: true${front}`,
    [
      'A hillside gave way above the road on Friday evening.',
      '## 22:20 District opens emergency headquarters',
      'The headquarters is at the fire station.',
      '## 23:05 Residents moved to a school',
      'Buses carried 46 residents to the school.',
      '## 2026-11-28 00:40 Rain eases',
      'The rain eased shortly after midnight.',
      updates,
    ].join('\n\n'),
  );
const other = md({ title: 'Bridge reopens', date: '2026-11-27 09:00', author: 'Li Wei', section: 'Weather' }, 'The bridge is open.');

describe('live blogs', () => {
  it('show the opening text, then each update newest first with its anchor, a link to it and its time with the offset; "Live" on the page and its card', async () => {
    const s = await site({ 'dateline.config.ts': config(), 'static/images/logo.png': LOGO, 'content/articles/landslide.md': landslide(), 'content/articles/bridge.md': other }, { now: '2026-11-28T08:00:00+08:00' });
    expect(s.diagnostics).toEqual([]);
    const page = s.page(URL_OF);
    const intro = page.indexOf('A hillside gave way');
    const updates = [...page.matchAll(/<h2 id="([^"]+)"><time datetime="([^"]+)">([^<]+)<\/time> ([^<]*)<\/h2>/g)].map((m) => [m[1], m[2], m[3], m[4]]);
    expect(updates).toEqual([
      ['2026-11-28-00-40-rain-eases', '2026-11-28T00:40:00+08:00', 'Nov 28, 12:40 AM', 'Rain eases'],
      ['23-05-residents-moved-to-a-school', '2026-11-27T23:05:00+08:00', '11:05 PM', 'Residents moved to a school'],
      ['22-20-district-opens-emergency-headquarters', '2026-11-27T22:20:00+08:00', '10:20 PM', 'District opens emergency headquarters'],
    ]);
    // The opening text first, with the dateline; each update's text after its own heading.
    expect(intro).toBeGreaterThan(0);
    expect(intro).toBeLessThan(page.indexOf('<h2 id="2026-11-28-00-40-rain-eases">'));
    expect(page).toContain('<span class="dateline">Wulong—</span>A hillside');
    // Each update's own anchor is its time (a reworded heading keeps it); the link is to it.
    expect(page).toMatch(/<article class="live-update" id="update-2026-11-28-0040">\s*<h2 id="2026-11-28-00-40-rain-eases"><time[^]*?Rain eases<\/h2>\s*<p>The rain eased shortly after midnight.<\/p>\s*<p class="live-update-link"><a href="#update-2026-11-28-0040" aria-describedby="2026-11-28-00-40-rain-eases">Link to this update<\/a><\/p>/);
    expect([...page.matchAll(/<article class="live-update" id="([^"]+)"/g)].map((m) => m[1])).toEqual(['update-2026-11-28-0040', 'update-2026-11-27-2305', 'update-2026-11-27-2220']);
    expect(page).toContain('<p class="live-label">Live</p>');
    expect(page).not.toContain('<!--dateline:');
    // The card on the home page and the section's listing say "Live"; another story's does not.
    for (const listing of ['index.html', 'weather/index.html']) {
      const cards = s.page(listing).split('<article class="card').slice(1).map((c) => c.slice(0, c.indexOf('</article>')));
      const live = cards.filter((c) => c.includes('href="/2026/11/27/landslide/"'));
      const others = cards.filter((c) => c.includes('href="/2026/11/27/bridge/"'));
      expect(live.length, listing).toBeGreaterThan(0);
      expect(others.length, listing).toBeGreaterThan(0);
      for (const c of live) expect(c, listing).toContain('<p class="live-label">Live</p>');
      for (const c of others) expect(c, listing).not.toContain('live-label');
    }
  });

  it('are a LiveBlogPosting whose updates are BlogPostings, and their last change is the newest update in the page, feeds and sitemap', async () => {
    const s = await site({ 'dateline.config.ts': config(), 'content/articles/landslide.md': landslide(), 'content/articles/bridge.md': other }, { now: '2026-11-28T08:00:00+08:00' });
    const page = s.page(URL_OF);
    const ld = jsonLd(page).find((x) => x['@type'] === 'LiveBlogPosting');
    expect(ld).toMatchObject({ headline: 'Landslide cuts road to Wulong', datePublished: '2026-11-27T22:10:00+08:00', dateModified: '2026-11-28T00:40:00+08:00', coverageStartTime: '2026-11-27T22:10:00+08:00' });
    expect(ld.coverageEndTime).toBeUndefined();
    const base = 'https://news.example.org/2026/11/27/landslide/';
    expect(ld.liveBlogUpdate).toEqual([
      { '@type': 'BlogPosting', headline: 'Rain eases', datePublished: '2026-11-28T00:40:00+08:00', url: `${base}#update-2026-11-28-0040` },
      { '@type': 'BlogPosting', headline: 'Residents moved to a school', datePublished: '2026-11-27T23:05:00+08:00', url: `${base}#update-2026-11-27-2305` },
      { '@type': 'BlogPosting', headline: 'District opens emergency headquarters', datePublished: '2026-11-27T22:20:00+08:00', url: `${base}#update-2026-11-27-2220` },
    ]);
    expect(jsonLd(s.page('2026/11/27/bridge/index.html')).find((x) => x['@type'] === 'NewsArticle')).toBeDefined();
    expect(page).toContain('<span class="updated">Updated <time datetime="2026-11-28T00:40:00+08:00">');
    const item = parseXml(s.page('feed.xml')).rss.channel.item.find((i: any) => i.title === 'Landslide cuts road to Wulong');
    expect(item.pubDate).toBe('Sat, 28 Nov 2026 00:40:00 +0800');
    // The feed's full text: the opening text, then the updates newest first, without the page's marks.
    const content = item['content:encoded'] as string;
    expect(content.indexOf('A hillside')).toBeLessThan(content.indexOf('Rain eases'));
    expect(content.indexOf('Rain eases')).toBeLessThan(content.indexOf('District opens'));
    expect(content).not.toContain('<!--');
    const atom = parseXml(s.page('atom.xml')).feed.entry.find((e: any) => e.title['#text'] === 'Landslide cuts road to Wulong' || e.title === 'Landslide cuts road to Wulong');
    expect(atom.updated).toBe('2026-11-28T00:40:00+08:00');
    expect(s.page('sitemap.xml')).toMatch(/landslide\/<\/loc>\s*<lastmod>2026-11-28T00:40:00\+08:00<\/lastmod>/);
  });

  it('once `ended` has passed: no "Live" label, the time coverage ended, coverageEndTime; before it, the end is the next change', async () => {
    const files = { 'dateline.config.ts': config(), 'static/images/logo.png': LOGO, 'content/articles/landslide.md': landslide('\nended: 2026-11-28 07:00'), 'content/articles/bridge.md': other };
    const after = await site(files, { now: '2026-11-28T08:00:00+08:00' });
    expect(after.diagnostics).toEqual([]);
    const page = after.page(URL_OF);
    expect(page).not.toContain('live-label');
    expect(after.page('index.html')).not.toContain('live-label');
    expect(page).toContain('<span class="live-ended">Live coverage ended <time datetime="2026-11-28T07:00:00+08:00">');
    const ld = jsonLd(page).find((x) => x['@type'] === 'LiveBlogPosting');
    expect(ld.coverageEndTime).toBe('2026-11-28T07:00:00+08:00');
    expect(ld.dateModified).toBe('2026-11-28T07:00:00+08:00');
    expect(ld.liveBlogUpdate).toHaveLength(3);

    const before = await site(files, { now: '2026-11-28T06:00:00+08:00' });
    expect(before.page(URL_OF)).toContain('<p class="live-label">Live</p>');
    expect(jsonLd(before.page(URL_OF)).find((x) => x['@type'] === 'LiveBlogPosting').coverageEndTime).toBeUndefined();
    expect(JSON.parse(before.page('next-change.json')).next).toMatchObject({ at: '2026-11-28T07:00:00+08:00' });
    expect(before.page('next-change.json')).not.toContain('"change"');
    expect(nextChangeEntry(before.graph!, before.config!)!.change).toBe('live-end');
  });

  it('`liveBlogs.order` in the config shows the updates oldest first, on the page and in the feed; another value is a config error', async () => {
    const s = await site({ 'dateline.config.ts': config("liveBlogs: { order: 'oldest' },"), 'static/images/logo.png': LOGO, 'content/articles/landslide.md': landslide() }, { now: '2026-11-28T08:00:00+08:00' });
    expect(s.diagnostics).toEqual([]);
    const page = s.page(URL_OF);
    expect([...page.matchAll(/<h2 id="([^"]+)"><time/g)].map((m) => m[1])).toEqual(['22-20-district-opens-emergency-headquarters', '23-05-residents-moved-to-a-school', '2026-11-28-00-40-rain-eases']);
    const feed = s.page('feed.xml');
    expect(feed.indexOf('District opens')).toBeLessThan(feed.indexOf('Rain eases'));
    // The last change is still the newest update.
    expect(jsonLd(page).find((x) => x['@type'] === 'LiveBlogPosting').dateModified).toBe('2026-11-28T00:40:00+08:00');
    const bad = await site({ 'dateline.config.ts': config("liveBlogs: { order: 'latest' },"), 'content/articles/landslide.md': landslide() }, { now: '2026-11-28T08:00:00+08:00' });
    expect(bad.ok).toBe(false);
    expect(bad.diagnostics.find((d) => d.code === 'CONFIG_INVALID')?.message).toContain('liveBlogs.order');
  });

  it('a story with `live: false` keeps its time headings as plain headings', async () => {
    const s = await site({ 'content/articles/timeline.md': md({ title: 'Timeline', date: '2026-11-27 22:10', author: 'Li Wei', live: false }, '## 22:20 First\n\nOne.\n\n## 23:05 Second\n\nTwo.') }, { now: '2026-11-28T08:00:00+08:00' });
    expect(s.diagnostics).toEqual([]);
    const page = s.page('2026/11/27/timeline/index.html');
    expect(page).toMatch(/<h2 id="22-20-first">22:20 First<\/h2>\s*<p>One.<\/p>\s*<h2 id="23-05-second">23:05 Second<\/h2>/);
    expect(page).not.toContain('live-update');
    expect(jsonLd(page).find((x) => x['@type'] === 'NewsArticle')).toBeDefined();
  });

  it('an update keeps its anchor when its heading is reworded; two at one minute are numbered in file order', async () => {
    const at = (body: string) => site({ 'content/articles/landslide.md': md('title: Landslide\ndate: 2026-11-27 22:10\nauthor: He Jiawei\nlive: true', body) }, { now: '2026-11-28T08:00:00+08:00' });
    const anchors = (page: string) => [...page.matchAll(/<article class="live-update" id="([^"]+)"/g)].map((m) => m[1]);
    const before = await at('Opening.\n\n## 22:20 Roads closd\n\nA.\n\n## 22:20:30 Bus diverted\n\nB.\n\n## 23:05 First\n\nC.\n\n## 23:05 Second\n\nD.');
    const after = await at('Opening.\n\n## 22:20 Roads closed to all traffic\n\nA.\n\n## 22:20:30 Bus diverted\n\nB.\n\n## 23:05 First\n\nC.\n\n## 23:05 Second\n\nD.');
    const want = ['update-2026-11-27-2305', 'update-2026-11-27-2305-2', 'update-2026-11-27-222030', 'update-2026-11-27-2220'];
    expect(anchors(before.page('2026/11/27/landslide/index.html'))).toEqual(want);
    expect(anchors(after.page('2026/11/27/landslide/index.html'))).toEqual(want);
    expect(after.page('2026/11/27/landslide/index.html')).toContain('<a href="#update-2026-11-27-2220" aria-describedby="22-20-roads-closed-to-all-traffic">');
  });

  // Before, two at one minute were numbered in file order: a desk writing newest first, adding an
  // update at the top in the minute of the one below, moved that one's shared link to the new one.
  it('an update written newest first in the minute of the one below it takes the next number; the older keeps its anchor', async () => {
    const at = (body: string) => site({ 'content/articles/landslide.md': md('title: Landslide\ndate: 2026-11-27 22:10\nauthor: He Jiawei\nlive: true', body) }, { now: '2026-11-28T08:00:00+08:00' });
    const anchorOf = (page: string) => Object.fromEntries([...page.matchAll(/<article class="live-update" id="([^"]+)">\s*<h2 id="([^"]+)"/g)].map((m) => [m[2], m[1]]));
    const before = await at('Opening.\n\n## 23:05 Bridge shut\n\nA.\n\n## 22:20 Roads closed\n\nB.');
    const after = await at('Opening.\n\n## 23:05 Army arrives\n\nC.\n\n## 23:05 Bridge shut\n\nA.\n\n## 22:20 Roads closed\n\nB.');
    expect(anchorOf(before.page('2026/11/27/landslide/index.html'))).toEqual({ '23-05-bridge-shut': 'update-2026-11-27-2305', '22-20-roads-closed': 'update-2026-11-27-2220' });
    expect(anchorOf(after.page('2026/11/27/landslide/index.html'))).toEqual({ '23-05-army-arrives': 'update-2026-11-27-2305-2', '23-05-bridge-shut': 'update-2026-11-27-2305', '22-20-roads-closed': 'update-2026-11-27-2220' });
  });

  it('a time heading inside a quote is quoted text, and the footnotes come after every update', async () => {
    const s = await site(
      { 'content/articles/landslide.md': landslide('', '> ## 01:00 Not an update\n\n## 2026-11-28 02:00 Survey planned[^1]\n\nA survey at dawn[^2].\n\n[^1]: Said by the district.\n\n[^2]: At six.') },
      { now: '2026-11-28T08:00:00+08:00' },
    );
    expect(s.diagnostics).toEqual([]);
    const page = s.page(URL_OF);
    const ld = jsonLd(page).find((x) => x['@type'] === 'LiveBlogPosting');
    expect(ld.liveBlogUpdate.map((u: any) => u.headline)).toEqual(['Survey planned', 'Rain eases', 'Residents moved to a school', 'District opens emergency headquarters']);
    // The quote stays inside the update it was written in.
    expect(page).toMatch(/The rain eased shortly after midnight.<\/p>\s*<blockquote>\s*<h2 id="01-00-not-an-update">01:00 Not an update<\/h2>/);
    const notes = page.indexOf('<section class="footnotes"');
    expect(notes).toBeGreaterThan(page.indexOf('District opens emergency headquarters</h2>'));
  });
});

describe('live blogs: what a held-back update carries waits with it', () => {
  it('its footnotes are in no page or feed; the notes shown are numbered again, and a back link to it goes', async () => {
    // Written newest first: the waiting update's note is the first in the file.
    const body = [
      'Opening[^a].',
      '## 2026-11-28 09:15 Minister resigns',
      'The minister resigned[^1] and again[^a].',
      '## 22:20 Roads closed',
      'Roads closed[^a][^b].',
      '[^1]: SECRETFOOTNOTE letter.',
      '[^a]: Said by the district.',
      '[^b]: At six.',
    ].join('\n\n');
    const files = { 'dateline.config.ts': config(), 'static/images/logo.png': LOGO, 'content/articles/landslide.md': md('title: Landslide cuts road to Wulong\ndate: 2026-11-27 22:10\nauthor: He Jiawei\nlive: true', body) };
    const s = await site(files, { now: '2026-11-28T08:00:00+08:00' });
    expect(s.diagnostics).toEqual([]);
    for (const [file, bytes] of s.files!) expect(String(typeof bytes === 'string' ? bytes : Buffer.from(bytes)).includes('SECRETFOOTNOTE'), file).toBe(false);
    const page = s.page(URL_OF);
    expect(page).not.toContain('footnote-ref-1');
    expect(page).not.toContain('footnote-ref-a-2');
    const refs = [...page.matchAll(/href="#footnote-([^"]+)" data-footnote-ref[^>]*>(\d+)</g)].map((m) => [m[1], m[2]]);
    expect(refs).toEqual([['a', '1'], ['a', '1'], ['b', '2']]);
    expect([...page.matchAll(/<li id="footnote-([^"]+)"/g)].map((m) => m[1])).toEqual(['a', 'b']);
    // With no note of its own shown, the story has no footnotes section at all.
    const only = await site({ ...files, 'content/articles/landslide.md': md('title: Landslide cuts road to Wulong\ndate: 2026-11-27 22:10\nauthor: He Jiawei\nlive: true', 'Opening.\n\n## 22:20 Roads closed\n\nClosed.\n\n## 23:55 Letter\n\nSeen[^1].\n\n[^1]: SECRETFOOTNOTE') }, { now: '2026-11-27T23:00:00+08:00' });
    expect(only.page(URL_OF)).not.toContain('footnotes');
    expect(only.page(URL_OF)).not.toContain('SECRETFOOTNOTE');
    const late = await site(files, { now: '2026-11-28T09:20:00+08:00' });
    expect(late.page(URL_OF)).toContain('SECRETFOOTNOTE');
    expect([...late.page(URL_OF).matchAll(/<li id="footnote-([^"]+)"/g)].map((m) => m[1])).toEqual(['a', '1', 'b']);
  });

  it('its photos, in static/ or beside the story in its bundle, are not copied until its time (real bin, warm cache)', async () => {
    const front = 'title: Landslide cuts road to Wulong\ndate: 2026-11-27 22:10\nauthor: He Jiawei\nlive: true';
    const body = 'Opening ![Road](/img/road.jpg).\n\n## 22:20 Roads closed\n\n![Map](map.jpg)\n\n## 23:55 Minister resigns\n\n![Letter](/img/secret.jpg) ![Aftermath](aftermath.jpg) ![Map](map.jpg) ![Road](/img/road.jpg)';
    const dir = writeSite({ 'dateline.config.ts': config(), 'static/images/logo.png': LOGO, 'content/articles/landslide/index.md': md(front, body), 'content/articles/landslide/aftermath.jpg': photo(1), 'content/articles/landslide/map.jpg': photo(2), 'static/img/secret.jpg': photo(3), 'static/img/road.jpg': photo(4) });
    const out = path.join(dir, 'dist');
    const early = await cli(['build', dir, '--now', '2026-11-27T23:00:00+08:00']);
    expect(early.code, early.stderr).toBe(0);
    expect(early.stderr).toBe('');
    const before = readAll(out);
    expect(before.has('2026/11/27/landslide/map.jpg')).toBe(true);
    expect(before.has('img/road.jpg')).toBe(true);
    expect(before.has('img/secret.jpg')).toBe(false);
    expect(before.has('2026/11/27/landslide/aftermath.jpg')).toBe(false);
    const late = await cli(['build', dir, '--now', '2026-11-27T23:56:00+08:00']);
    expect(late.code, late.stderr).toBe(0);
    const after = readAll(out);
    expect(after.has('img/secret.jpg')).toBe(true);
    expect(after.has('2026/11/27/landslide/aftermath.jpg')).toBe(true);
  });
});

describe('live blogs: a held-back update\'s footnotes', () => {
  it('a photo only its footnote shows waits with it (real bin); a note the opening also cites is shown, and its photo copied', async () => {
    const front = 'title: Landslide cuts road to Wulong\ndate: 2026-11-27 22:10\nauthor: He Jiawei\nlive: true';
    const body = [
      'Opening[^shared].',
      '## 22:20 Roads closed',
      'Closed[^shared].',
      '## 23:55 Minister resigns',
      'The letter[^letter].',
      '## 23:58 Second statement',
      'Again[^letter].',
      '[^letter]: ![The letter](/img/secret-letter.jpg) Words of the letter.',
      '[^shared]: ![Road](/img/road.jpg) From the district.',
    ].join('\n\n');
    const dir = writeSite({ 'dateline.config.ts': config(), 'content/articles/landslide.md': md(front, body), 'static/img/secret-letter.jpg': photo(1), 'static/img/road.jpg': photo(2) });
    const out = path.join(dir, 'dist');
    const early = await cli(['build', dir, '--now', '2026-11-27T23:00:00+08:00']);
    expect(early.code, early.stderr).toBe(0);
    const before = readAll(out);
    expect(before.has('img/road.jpg')).toBe(true);
    expect(before.has('img/secret-letter.jpg')).toBe(false);
    for (const [file, text] of before) expect(text.includes('secret-letter'), file).toBe(false);
    // At the first of the two updates that cite it, the note and its photo are out.
    const late = await cli(['build', dir, '--now', '2026-11-27T23:56:00+08:00']);
    expect(late.code, late.stderr).toBe(0);
    const after = readAll(out);
    expect(after.has('img/secret-letter.jpg')).toBe(true);
    expect(after.get(URL_OF)).toContain('/img/secret-letter.jpg');
  });

  it('its footnote\'s words count in the reading time only once it is shown', async () => {
    const long = Array.from({ length: 1200 }, (_, i) => `word${i}`).join(' ');
    const files = { 'content/articles/landslide.md': md('title: Landslide cuts road to Wulong\ndate: 2026-11-27 22:10\nauthor: He Jiawei\nlive: true', `Opening.\n\n## 22:20 Roads closed\n\nClosed.\n\n## 23:55 The statement\n\nIn full[^s].\n\n[^s]: ${long}`) };
    const early = await site(files, { now: '2026-11-27T23:00:00+08:00' });
    expect(early.diagnostics).toEqual([]);
    expect(early.graph!.articles[0].readingMinutes).toBe(1);
    const late = await site(files, { now: '2026-11-27T23:56:00+08:00' });
    expect(late.graph!.articles[0].readingMinutes).toBeGreaterThan(4);
  });
});

describe('live blogs: reading time', () => {
  it('counts only the updates shown: a long update still to come adds nothing until its time', async () => {
    const long = Array.from({ length: 1200 }, (_, i) => `word${i}`).join(' ');
    const files = { 'content/articles/landslide.md': md('title: Landslide cuts road to Wulong\ndate: 2026-11-27 22:10\nauthor: He Jiawei\nlive: true', `Opening.\n\n## 22:20 Roads closed\n\nClosed.\n\n## 23:55 The full statement\n\n${long}`) };
    const early = await site(files, { now: '2026-11-27T23:00:00+08:00' });
    expect(early.diagnostics).toEqual([]);
    expect(early.graph!.articles[0].readingMinutes).toBe(1);
    const late = await site(files, { now: '2026-11-27T23:56:00+08:00' });
    expect(late.graph!.articles[0].readingMinutes).toBeGreaterThan(4);
  });
});

describe('live blogs that are not published', () => {
  it('withdrawn, draft, expired or scheduled: their updates are not scheduled (only a scheduled one\'s own time is)', async () => {
    const blog = (slug: string, front: string) => md(`title: Blog ${slug}\ndate: 2026-11-27 22:10\nauthor: He Jiawei\nlive: true${front}`, 'Opening.\n\n## 2026-11-27 22:20 First\n\nA.\n\n## 2026-12-27 23:55 Later\n\nB.\n\n## 2026-12-27 23:56 Later still\n\nC.');
    const s = await site({
      'dateline.config.ts': config(),
      'content/articles/pulled.md': blog('pulled', '\nwithdrawn: true'),
      'content/articles/draft.md': blog('draft', '\ndraft: true'),
      'content/articles/gone.md': blog('gone', '\nexpires: 2026-11-28 06:00'),
      'content/articles/soon.md': md('title: Soon\ndate: 2026-12-01 10:00\nauthor: He Jiawei\nlive: true', 'Opening.\n\n## 2026-12-27 23:55 Later\n\nB.\n\n## 2026-12-27 23:56 Later still\n\nC.'),
    }, { now: '2026-11-28T08:00:00+08:00' });
    expect(s.ok, JSON.stringify(s.diagnostics)).toBe(true);
    expect(s.graph!.upcoming.map((u) => [u.source, u.change])).toEqual([['content/articles/soon.md', 'publish']]);
  });
});

describe('live blogs: an update timed after now (real bin)', () => {
  it('is in no page, feed, sitemap, search index or JSON-LD until its time, which next-change.json names; then it is everywhere', async () => {
    const dir = writeSite({
      'dateline.config.ts': config(),
      'content/articles/landslide.md': landslide('', '## 2026-11-28 09:15 Zebracorn teams reach the village\n\nThe Zebracorn text.'),
      'content/articles/bridge.md': other,
    });
    const early = await cli(['build', dir, '--now', '2026-11-28T08:00:00+08:00', '--out', path.join(dir, 'early')]);
    expect(early.code, early.stderr).toBe(0);
    // The build's report names what it held back, for the desk.
    expect(early.stdout).toContain('Held back until their time (1):\n  content/articles/landslide.md at 2026-11-28 09:15:00+08:00 (an update of its live blog)');
    const before = readAll(path.join(dir, 'early'));
    expect(before.has(URL_OF)).toBe(true);
    expect(before.has('pagefind/pagefind-entry.json')).toBe(true);
    for (const [file, text] of before) {
      expect(text.includes('Zebracorn'), file).toBe(false);
      expect(text.includes('zebracorn'), file).toBe(false);
    }
    expect(JSON.parse(before.get('next-change.json')!).next).toMatchObject({ at: '2026-11-28T09:15:00+08:00', cron: '15 1 28 11 *' });
    expect(before.get('next-change.json')!).not.toContain('"change"');
    expect(jsonLd(before.get(URL_OF)!).find((x) => x['@type'] === 'LiveBlogPosting').dateModified).toBe('2026-11-28T00:40:00+08:00');

    const late = await cli(['build', dir, '--now', '2026-11-28T09:20:00+08:00', '--out', path.join(dir, 'late')]);
    expect(late.code, late.stderr).toBe(0);
    const after = readAll(path.join(dir, 'late'));
    const page = after.get(URL_OF)!;
    expect(page).toContain('<time datetime="2026-11-28T09:15:00+08:00">Nov 28, 9:15 AM</time> Zebracorn teams reach the village</h2>');
    expect(page.indexOf('Zebracorn teams')).toBeLessThan(page.indexOf('Rain eases'));
    expect(jsonLd(page).find((x) => x['@type'] === 'LiveBlogPosting').dateModified).toBe('2026-11-28T09:15:00+08:00');
    expect(after.get('feed.xml')).toContain('The Zebracorn text.');
    expect(after.get('sitemap.xml')).toMatch(/landslide\/<\/loc>\s*<lastmod>2026-11-28T09:15:00\+08:00<\/lastmod>/);
    expect([...after].some(([file, text]) => file.startsWith('pagefind/') && file.includes('fragment') && text.includes('Zebracorn'))).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { md, site } from '../helpers/site.js';

// Fields of the tools a site moved from whose harm depends on the build's clock (another tool's
// publication time) or on the URLs dateline makes (another tool's address for the story). The
// test site's zone is Asia/Shanghai (+08:00); `site()` builds at 2026-01-01T00:00:00Z.

const A = 'content/articles/flood.md';
const front = (lines: string) => md(`title: Flood defences approved\ndate: 2024-03-20\nauthor: Li Wei\n${lines}`);
const problems = (b: { diagnostics: { severity: string; code: string; file?: string; line?: number; message: string; hint?: string; frame?: string }[] }) => b.diagnostics.filter((d) => d.code === 'UNKNOWN_KEY');

describe('another tool\'s publication time (Hugo\'s `publishDate`)', () => {
  it('still to come, after `date`: an error at its line, since the story would go out now; the fix holds it until then', async () => {
    for (const key of ['publishDate', 'publish_date', 'publish-date', 'pub_date', 'pubDate', 'publishedAt', 'published_at', 'published']) {
      const b = await site({ [A]: front(`${key}: 2026-06-01 09:00`) });
      expect(b.ok, key).toBe(false);
      const [e] = problems(b);
      expect(e, key).toMatchObject({ severity: 'error', file: A, line: 5, column: 1 });
      expect(e.frame, key).toContain(`> 5 | ${key}: 2026-06-01 09:00`);
      expect(e.message, key).toBe(`\`${key}: 2026-06-01 09:00\` does not hold the article back in dateline: it is published at its \`date\`, so as written it would go out now (2026-01-01T08:00:00+08:00), not at 2026-06-01T09:00:00+08:00.`);
      expect(e.hint, key).toBe(`Set \`date:\` to that time (\`date: 2026-06-01 09:00\`: dateline publishes a story at its date), and delete the \`${key}\` line.`);
    }
    // Followed: held back until then, and published then.
    const fixed = { [A]: md('title: Flood defences approved\ndate: 2026-06-01 09:00\nauthor: Li Wei') };
    const before = await site(fixed);
    expect(before.diagnostics).toEqual([]);
    expect(before.has('2026/06/01/flood/index.html')).toBe(false);
    const after = await site(fixed, { now: '2026-06-01T01:00:00Z' });
    expect(after.has('2026/06/01/flood/index.html')).toBe(true);
  });

  it('after a `date` still to come: the story would go out at that `date`, before its time', async () => {
    const b = await site({ [A]: md('title: Flood defences approved\ndate: 2026-03-01\nauthor: Li Wei\npublishDate: 2026-06-01') });
    expect(problems(b)[0].message).toBe('`publishDate: 2026-06-01` does not hold the article back in dateline: it is published at its `date`, 2026-03-01T00:00:00+08:00, so as written it would go out then, not at 2026-06-01T00:00:00+08:00.');
  });

  it('passed (by the build\'s clock), or before `date`: a warning whose fix, deleting the line, keeps the story\'s URL', async () => {
    const later = await site({ [A]: front('publishDate: 2026-06-01 09:00') }, { now: '2026-07-01T00:00:00Z' });
    expect(later.ok).toBe(true);
    const [w] = problems(later);
    expect(w).toMatchObject({ severity: 'warning', line: 5, message: '`publishDate` is not a field dateline knows: it publishes and dates an article by its `date` (2024-03-20T00:00:00+08:00), which also makes its URL.', hint: 'Delete the `publishDate` line.' });
    expect(later.has('2024/03/20/flood/index.html')).toBe(true);
    const before = await site({ [A]: md('title: Flood defences approved\ndate: 2026-06-01\nauthor: Li Wei\npublishDate: 2026-03-01') });
    expect(problems(before).map((d) => d.severity)).toEqual(['warning']);
    const fixed = await site({ [A]: front('') }, { now: '2026-07-01T00:00:00Z' });
    expect(fixed.diagnostics).toEqual([]);
    expect(fixed.has('2024/03/20/flood/index.html')).toBe(true);
  });

  it('on a standalone page without a date: an error while it is to come, whose fix (the time as its `date`) holds the page back until then', async () => {
    const page = 'content/pages/election-guide.md';
    const b = await site({ [page]: md('title: Election guide\npublishDate: 2026-06-01') });
    expect(problems(b)[0]).toMatchObject({ severity: 'error', file: page, line: 3, hint: 'Rename `publishDate` to `date`: a page is held back until its `date`.' });
    const fixed = await site({ [page]: md('title: Election guide\ndate: 2026-06-01') });
    expect(fixed.diagnostics).toEqual([]);
    expect(fixed.has('election-guide/index.html')).toBe(false);
    expect((await site({ [page]: md('title: Election guide\ndate: 2026-06-01') }, { now: '2026-06-02T00:00:00Z' })).has('election-guide/index.html')).toBe(true);
  });

  it('says nothing for a draft, which is held back anyway', async () => {
    const b = await site({ [A]: front('draft: true\npublishDate: 2026-06-01') });
    expect(b.diagnostics).toEqual([]);
  });
});

describe('a time to go out under another name (`go_live`, `hold_until`, `release_date`…)', () => {
  const KEYS = ['hold_until', 'draft_until', 'release_date', 'go_live', 'live_at', 'not_before', 'publication_date', 'scheduled', 'lift_time', 'goLiveAt', 'release', 'publish', 'hold', 'scheduled_for'];

  it('still to come, after `date`: an error at its line (a warning for a release or a schedule, which name other things as often), whose fix (`date:` that time) holds the story until then', async () => {
    for (const key of KEYS) {
      const b = await site({ [A]: front(`${key}: 2026-06-01 09:00`) });
      // Exact keys of other tools' (`scheduled`, `release`) stay errors; a name only made of such words may be a film's release date.
      const mild = /releas|schedul/i.test(key) && !['scheduled', 'scheduled_for'].includes(key);
      expect(b.ok, key).toBe(mild);
      expect(b.has('2024/03/20/flood/index.html'), key).toBe(mild);
      const [e] = problems(b);
      expect(e, key).toMatchObject({ severity: mild ? 'warning' : 'error', file: A, line: 5, column: 1 });
      expect(e.frame, key).toContain(`> 5 | ${key}: 2026-06-01 09:00`);
      expect(e.message, key).toBe(`\`${key}: 2026-06-01 09:00\` does not hold the article back in dateline: it is published at its \`date\`, so as written it would go out now (2026-01-01T08:00:00+08:00), not at 2026-06-01T09:00:00+08:00.`);
      expect(e.hint, key).toMatch(new RegExp(`^Set \`date:\` to that time \\(\`date: 2026-06-01 09:00\`: dateline publishes a story at its date\\), and delete the \`${key}\` line`));
    }
    const fixed = { [A]: md('title: Flood defences approved\ndate: 2026-06-01 09:00\nauthor: Li Wei') };
    expect((await site(fixed)).has('2026/06/01/flood/index.html')).toBe(false);
    expect((await site(fixed, { now: '2026-06-01T01:00:00Z' })).has('2026/06/01/flood/index.html')).toBe(true);
  });

  it('a `release_date` may be the site\'s own (a film review\'s): the fix says how to keep it, and so kept it is silent', async () => {
    const [e] = problems(await site({ [A]: front('release_date: 2026-06-01') }));
    expect(e.hint).toBe('Set `date:` to that time (`date: 2026-06-01`: dateline publishes a story at its date), and delete the `release_date` line; if it is a date of your own for templates (a film\'s release), give the key a name that says so, such as `film_release_date`.');
    const kept = await site({ [A]: front('film_release_date: 2026-06-01') });
    expect(kept.diagnostics).toEqual([]);
    expect(kept.page('2024/03/20/flood/index.html')).toContain('Flood defences approved');
  });

  it('passed: a key of the site\'s own stays silent; another tool\'s (`go_live`) gets the warning to delete it', async () => {
    const later = { now: '2026-07-01T00:00:00Z' };
    expect((await site({ [A]: front('release_date: 2026-06-01') }, later)).diagnostics).toEqual([]);
    expect((await site({ [A]: front('lift_time: 2026-06-01') }, later)).diagnostics).toEqual([]);
    const b = await site({ [A]: front('go_live: 2026-06-01') }, later);
    expect(problems(b)).toMatchObject([{ severity: 'warning', line: 5, hint: 'Delete the `go_live` line.' }]);
  });

  it('says nothing of a date still to come whose key names something else (an event listing\'s `event_date`)', async () => {
    for (const line of ['event_date: 2026-06-01', 'album_release_date: 2026-06-01', 'delivery_date: 2026-06-01', 'starts_at: 2026-06-01 19:30', 'date_of_vote: 2026-06-01', 'live_stream: 2026-06-01']) {
      const b = await site({ [A]: front(line) });
      expect(b.diagnostics, line).toEqual([]);
      expect(b.has('2024/03/20/flood/index.html'), line).toBe(true);
    }
  });

  it('on a standalone page without a date: the fix is to rename it to `date`', async () => {
    const page = 'content/pages/election-guide.md';
    const b = await site({ [page]: md('title: Election guide\ngo_live: 2026-06-01') });
    expect(problems(b)[0]).toMatchObject({ severity: 'error', file: page, line: 3, hint: 'Rename `go_live` to `date`: a page is held back until its `date`.' });
  });
});

describe('another tool\'s address for the story (Hugo\'s `url`, Jekyll\'s and Eleventy\'s `permalink`)', () => {
  it('elsewhere than dateline puts the story: an error at its line, whose fix (an alias) keeps the old link working', async () => {
    for (const [line, old] of [
      ['url: /news/2019/flood-defences-approved.html', '/news/2019/flood-defences-approved.html'],
      ['permalink: /politics/mayor-resigns/', '/politics/mayor-resigns/'],
      ['permalink: politics/mayor-resigns/', '/politics/mayor-resigns/'],
    ]) {
      const b = await site({ [A]: front(line) });
      expect(b.ok, line).toBe(false);
      const [e] = problems(b);
      const key = line.split(':')[0];
      expect(e, line).toMatchObject({ severity: 'error', file: A, line: 5, column: 1 });
      expect(e.frame, line).toContain(`> 5 | ${line}`);
      expect(e.message, line).toBe(`\`${line}\` is the article's address on the old site; dateline publishes it at /2024/03/20/flood/, so links to the old address would break.`);
      expect(e.hint, line).toBe(`Keep the old address working with a redirect: write \`aliases: ['${old}']\` instead of the \`${key}\` line.`);
      const fixed = await site({ [A]: front(`aliases: ['${old}']`) });
      expect(fixed.diagnostics, line).toEqual([]);
      expect(fixed.page(old.endsWith('/') ? `${old.slice(1)}index.html` : old.slice(1))).toContain('url=/2024/03/20/flood/');
    }
  });

  it('with `aliases` there already: the fix adds to them', async () => {
    const b = await site({ [A]: front('aliases: [/old/flood/]\nurl: /news/flood.html') });
    expect(problems(b)[0].hint).toBe('Add \'/news/flood.html\' to the `aliases` list (a redirect is made there), and delete the `url` line.');
  });

  it('says nothing when the address is the one dateline makes, or an alias keeps it, or it is a web address of another site', async () => {
    for (const lines of ['url: /2024/03/20/flood/', 'url: /2024/03/20/flood', 'permalink: /2024/03/20/flood/index.html', 'url: /news/flood.html\naliases: [/news/flood.html]', 'url: www.gov.uk/government/publications/flood-report']) {
      const b = await site({ [A]: front(lines) });
      expect(b.diagnostics, lines).toEqual([]);
    }
  });

  it('a scheduled story\'s too, before the build that would publish it', async () => {
    const b = await site({ [A]: md('title: Flood defences approved\ndate: 2026-03-01\nauthor: Li Wei\nurl: /news/flood.html') });
    expect(problems(b)[0].message).toBe('`url: /news/flood.html` is the article\'s address on the old site; dateline publishes it at /2026/03/01/flood/, so links to the old address would break.');
  });

  it('a standalone page\'s, at its own URL', async () => {
    const page = 'content/pages/about-us.md';
    const b = await site({ [page]: md('title: About us\nurl: /about/') });
    expect(problems(b)[0]).toMatchObject({ severity: 'error', line: 3, message: '`url: /about/` is the page\'s address on the old site; dateline publishes it at /about-us/, so links to the old address would break.' });
    const fixed = await site({ [page]: md("title: About us\naliases: ['/about/']") });
    expect(fixed.diagnostics).toEqual([]);
    expect(fixed.page('about/index.html')).toContain('url=/about-us/');
  });
});

describe('migrated articles, built', () => {
  it('a Jekyll post\'s dated file name: the URL has the date once', async () => {
    const b = await site({ 'content/articles/2024-03-20-rail-freight.md': md('title: Rail freight doubles\ndate: 2024-03-20\nauthor: Li Wei'), 'content/articles/port.md': md('title: Port\ndate: 2024-03-20\nauthor: Li Wei') });
    expect(b.diagnostics).toEqual([]);
    expect(b.has('2024/03/20/rail-freight/index.html')).toBe(true);
    expect(b.has('2024/03/20/port/index.html')).toBe(true);
  });

  it('Hugo\'s `authors` alone fails the build; renamed to `author`, as the fix says, a byline and an author page for each name', async () => {
    const hugo = await site({ [A]: md('title: Flood defences approved\ndate: 2024-03-20\nauthors: [Maria Lopez, Sam Chen]') });
    expect(hugo.ok).toBe(false);
    expect(problems(hugo)[0]).toMatchObject({ severity: 'error', line: 4, hint: 'Rename `authors` to `author` (a list gives each name a byline: `author: [Maria Lopez, Sam Chen]`).' });
    const b = await site({ [A]: md('title: Flood defences approved\ndate: 2024-03-20\nauthor: [Maria Lopez, Sam Chen]') });
    expect(b.diagnostics).toEqual([]);
    const page = b.page('2024/03/20/flood/index.html');
    expect(page).toContain('Maria Lopez');
    expect(page).toContain('Sam Chen');
    expect(b.has('authors/maria-lopez/index.html')).toBe(true);
    expect(b.has('authors/sam-chen/index.html')).toBe(true);
  });
});

describe('another tool\'s publication time on a scheduled standalone page', () => {
  it('is said now, by the build before the page goes out, in a page\'s words', async () => {
    const page = 'content/pages/spring.md';
    const b = await site({ [page]: md('title: Spring offer\ndate: 2030-01-01 09:00\npublishDate: 2031-01-01 09:00') }, { now: '2029-12-31T00:00:00Z' });
    const [e] = b.diagnostics.filter((d) => d.code === 'UNKNOWN_KEY');
    expect(e).toMatchObject({ severity: 'error', file: page, line: 4 });
    expect(e.message).toMatch(/^`publishDate: 2031-01-01 09:00` does not hold the page back in dateline/);
  });
});

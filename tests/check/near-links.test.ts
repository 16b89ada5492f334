import { describe, expect, it } from 'vitest';
import { LinkIndex } from '../../src/check/links.js';
import { cli, md, writeSite } from '../helpers/site.js';
import { photo } from '../helpers/photos.js';

// A broken link a letter or two off a page or file the site has (or in another case): `check`
// names that one in the fix, at the link's line in the story.
const story = (title: string, date: string, body: string, extra = '') => md(`title: ${title}\ndate: ${date}\nauthor: Li Wei${extra}`, body);
const today = 'Point the link at a page that exists, or remove it.';

async function check(body: string, files: Record<string, string | Uint8Array> = {}) {
  const r = await cli(['check', writeSite({
    'content/articles/sales.md': story('Changan sales rise', '2024-03-20 10:00', 'Sales.', '\nslug: changan-sales-rises'),
    'content/articles/later.md': story('Later', '2024-03-21 10:00', `Intro.\n\n${body}`),
    'content/pages/about-us.md': md('title: About us', 'Who we are.'),
    'static/images/chongqing-skyline.jpg': photo(),
    ...files,
  }), '--now', '2026-01-01T00:00:00Z', '--json']);
  const report = JSON.parse(r.stdout) as { errors: { code: string; message: string; file: string | null; line: number | null; hint: string | null; kind?: string }[] };
  return { code: r.code, errors: report.errors.filter((e) => e.code === 'BROKEN_LINK' && e.file === 'content/articles/later.md') };
}

describe('the fix of a broken link names the page or file it was probably meant for', () => {
  it('a slug a letter off, at the link\'s line', async () => {
    const { code, errors } = await check('As [reported](/2024/03/20/changan-sales-rise/) then.');
    expect(code).toBe(1);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ line: 9, message: '/2024/03/21/later/index.html links to /2024/03/20/changan-sales-rise/, which does not exist.' });
    expect(errors[0].hint).toBe('It is probably /2024/03/20/changan-sales-rises/, which exists: point the link there, or remove it.');
  });

  it('a page in another case, with or without its trailing slash', async () => {
    const { errors } = await check('See [us](/About-Us/).\n\nAnd [us](/About-us) and [team](/ABOUT-US/#team).\n\nAnd [desk](/About-Us/#desk).', { 'content/pages/about-us.md': md('title: About us', 'Who we are.\n\n## Team\n\nThe newsroom.') });
    expect(errors.map((e) => [e.line, e.hint])).toEqual([
      [9, 'It is probably /about-us/, which exists: point the link there, or remove it.'],
      [11, 'It is probably /about-us/, which exists: point the link there, or remove it.'],
      [11, 'It is probably /about-us/#team, which exists: point the link there, or remove it.'],
      // A fragment the page meant has no element for is left off.
      [13, 'It is probably /about-us/, which exists: point the link there, or remove it.'],
    ]);
  });

  it('a photo\'s name mistyped', async () => {
    const { errors } = await check('![The skyline](/images/chongqing-skylne.jpg)');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ line: 9, kind: 'missing-file' });
    expect(errors[0].hint).toBe('It is probably /images/chongqing-skyline.jpg, which exists: correct the path, or put the file in static/ at that path (static/images/chongqing-skylne.jpg).');
  });

  it('a folder in another case and a name a letter off', async () => {
    const { errors } = await check('See [it](/2024/03/20/Changan-Sales-Rise/).\n\n![The skyline](/Images/chongqing-skylne.jpg)');
    expect(errors.map((e) => e.hint)).toEqual([
      'It is probably /2024/03/20/changan-sales-rises/, which exists: point the link there, or remove it.',
      'It is probably /images/chongqing-skyline.jpg, which exists: correct the path, or put the file in static/ at that path (static/Images/chongqing-skylne.jpg).',
    ]);
  });

  it('nothing near: the fix is as before (a name three letters off, or one letter off in another folder, is not near)', async () => {
    const { errors } = await check('See [it](/2024/03/20/chengdu-sales-rises-x/) and [us](/nothing-like-it/).\n\n![Skyline](/photos/chongqing-skylne.jpg)', { 'static/images/ab.jpg': photo(1) });
    expect(errors.map((e) => e.hint)).toEqual([today, today, 'Put the file in static/ at that path (static/photos/chongqing-skylne.jpg), or correct the path.']);
  });
});

describe('near targets in the link index', () => {
  it('under a base path; a tie goes to the first name in order, whatever order the files came in', () => {
    const i = new LinkIndex('https://news.example.org/news/');
    i.addPage('b/vote-c/index.html', '');
    i.addPage('b/vote-a/index.html', '');
    i.addPage('index.html', '<a href="/news/b/vote-b/">x</a>');
    expect(i.check().map((d) => d.hint)).toEqual(['It is probably /b/vote-a/, which exists: point the link there, or remove it.']);
  });

  it('no guess for a relative address: from pages in two folders it names two different files', () => {
    const i = new LinkIndex('https://news.example.org/');
    i.addPage('news/a/index.html', '<img src="chart.png">');
    i.addPage('sport/b/index.html', '<img src="chart.png">');
    i.addPage('news/a/Chart.png', '');
    expect(i.check().map((d) => d.hint).join('\n')).not.toContain('It is probably');
    // Written from the site's root it names one file, and the guess is made.
    const j = new LinkIndex('https://news.example.org/');
    j.addPage('news/a/index.html', '<a href="/news/a/chart.png">chart</a>');
    j.addPage('news/a/Chart.png', '');
    expect(j.check().map((d) => d.hint).join('\n')).toContain('It is probably /news/a/Chart.png, which exists');
  });

  it('two typing mistakes in a folder of many names, in any script', () => {
    const i = new LinkIndex('https://example.org/');
    for (let k = 0; k < 2000; k++) i.addPage(`news/story-${k}-of-the-day/index.html`, '');
    i.addPage('news/重庆夜景照片/index.html', '');
    i.addPage('news/river-flood-warning/index.html', '');
    i.addPage('index.html', '<a href="/news/rvier-flood-warnings/">x</a><a href="/news/重庆夜晚照片/">x</a>');
    expect(i.check().map((d) => d.hint)).toEqual([
      'It is probably /news/river-flood-warning/, which exists: point the link there, or remove it.',
      'It is probably /news/重庆夜景照片/, which exists: point the link there, or remove it.',
    ]);
  });

  it('compares spellings for the first 100 broken links only; a case is looked up for all', () => {
    const i = new LinkIndex('https://example.org/');
    const n = (k: number) => String(k).padStart(3, '0');
    for (let k = 0; k < 101; k++) i.addPage(`story-${n(k)}/index.html`, '');
    i.addPage('index.html', [...Array(101).keys()].map((k) => `<a href="/story-${n(k)}x/">x</a>`).join('') + '<a href="/STORY-000/">x</a>');
    const hints = i.check().map((d) => d.hint);
    expect(hints.slice(0, 100).every((h, k) => h === `It is probably /story-${n(k)}/, which exists: point the link there, or remove it.`)).toBe(true);
    expect(hints[100]).toBe(today);
    expect(hints[101]).toBe('It is probably /story-000/, which exists: point the link there, or remove it.');
  });
});

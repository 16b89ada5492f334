import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, md, site, writeSite } from '../helpers/site.js';
import { config, jsonLd, LOGO, metaValue, pagefindText } from './helpers.js';

/**
 * A story withdrawn (front matter `withdrawn`): its address shows a notice and nothing else, and
 * nothing of the story is left anywhere in the output.
 */

// Words found only in the withdrawn story: its headline, summary, body, photo's alt, caption and
// credit, a tag and an author of its own. None of them is in its address (`council-inquiry`).
const HEADLINE = 'Zorblax';
const BODY = 'quuxifrage';
const LEAKS = [HEADLINE, BODY, 'Plimsoll', 'Wexbury', 'Fennimore', 'Ombrelle', 'Tarnwick'];

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x80, 0xfe]);
const BUNDLE = 'content/articles/2025/council-inquiry';
const URL = '2025/12/30/council-inquiry/';

function story(withdrawn?: unknown): string {
  return md(
    {
      title: `Councillor ${HEADLINE} took bribes, papers show`,
      date: '2025-12-30 09:00',
      author: ['Li Wei', 'Tarnwick Oduya'],
      tags: ['City Hall', 'Fennimore'],
      section: 'City',
      summary: `The ${BODY} papers name the councillor.`,
      image: { src: 'photo.jpg', alt: 'Plimsoll at the town hall', caption: 'Wexbury documents', credit: 'Ombrelle Photo' },
      aliases: ['/old/inquiry/'],
      ...(withdrawn === undefined ? {} : { withdrawn }),
    },
    `The ${BODY} documents show payments.\n\n![Ledger](/images/ledger.jpg)`,
  );
}

/** The withdrawn story as a page bundle, two stories beside it (one in its section and tags, naming it as related). */
function files(withdrawn?: unknown): Record<string, string | Uint8Array> {
  return {
    'dateline.config.ts': config(),
    [`${BUNDLE}/index.md`]: story(withdrawn),
    [`${BUNDLE}/photo.jpg`]: 'photo',
    'content/articles/rail.md': md({ title: 'Rail freight doubles', date: '2025-12-31 09:00', author: 'Li Wei', tags: ['City Hall'], section: 'City', related: ['council-inquiry'] }, 'Trains run daily.'),
    'content/articles/port.md': md({ title: 'Port reopens', date: '2025-12-29 09:00', author: 'Li Wei', tags: ['City Hall'], section: 'City' }, 'Ships are back.'),
    'static/images/ledger.jpg': 'ledger',
    'static/images/logo.png': LOGO,
  };
}

const asText = (p: string, bytes: string | Uint8Array): string => {
  if (typeof bytes === 'string') return bytes;
  const b = Buffer.from(bytes);
  // Pagefind's index files are gzip: read what is inside.
  return b[0] === 0x1f && b[1] === 0x8b ? pagefindText(b) : b.toString('latin1');
};

/** Every output file, and the words of LEAKS each holds. */
function leaks(out: Map<string, string | Uint8Array>): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const [p, bytes] of out) {
    const text = `${p}\n${asText(p, bytes)}`.toLowerCase();
    const words = LEAKS.filter((w) => text.includes(w.toLowerCase()));
    if (words.length) found.set(p, words);
  }
  return found;
}

/** Every file under a folder on disk, by its path there. */
function readTree(dir: string): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(path.relative(dir, p).split(path.sep).join('/'), readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

const NOW = { now: '2025-12-31T12:00:00+08:00' };

describe('a withdrawn story: a notice at its address, and nothing of it anywhere', () => {
  it('published, the story\'s words are in its page, feeds, sitemaps, search index, listings and photos (what the grep looks for)', async () => {
    const dir = writeSite(files());
    writeFileSync(path.join(dir, BUNDLE, 'photo.jpg'), JPEG);
    const { build } = await import('../../src/build.js');
    const r = await build({ siteDir: dir, mode: 'memory', ...NOW });
    expect(r.ok, JSON.stringify(r.diagnostics)).toBe(true);
    const found = leaks(r.files!);
    for (const p of [`${URL}index.html`, 'feed.xml', 'atom.xml', 'feed.json', 'news-sitemap.xml', 'index.html', 'tags/city-hall/index.html', 'city/index.html', '2025/12/31/rail/index.html', '2025/12/index.html']) expect(found.get(p), p).toBeDefined();
    expect([...found.keys()].some((p) => p.startsWith('pagefind/'))).toBe(true);
    expect(found.get(`${URL}index.html`)).toEqual(LEAKS);
    expect(r.copies!.has(`${URL}photo.jpg`)).toBe(true);
    expect(r.copies!.has('images/ledger.jpg')).toBe(true);
  });

  it('withdrawn: no file of dist/ holds a word of it (pages, <title>, meta, og, JSON-LD, feeds, sitemaps, search index, listings, related, neighbours); its photos stay out', async () => {
    const dir = writeSite(files({ date: '2025-12-31 10:00', text: 'This article has been removed for legal reasons.' }));
    writeFileSync(path.join(dir, BUNDLE, 'photo.jpg'), JPEG);
    const { build } = await import('../../src/build.js');
    const r = await build({ siteDir: dir, mode: 'memory', ...NOW });
    expect(r.ok, JSON.stringify(r.diagnostics)).toBe(true);
    expect(r.diagnostics).toEqual([]);
    expect(leaks(r.files!)).toEqual(new Map());
    // The bundle's photo and the static photo only it showed are not published.
    expect([...r.copies!.keys()].filter((p) => p.includes('ledger') || p.includes('council-inquiry'))).toEqual([]);
    expect(r.copies!.has('images/logo.png')).toBe(true);

    // The address keeps working: the notice, in the site's words around the editors' own.
    const page = r.files!.get(`${URL}index.html`) as string;
    expect(page).toContain('<title>Article removed – Test Herald</title>');
    expect(page).toContain('<h1>Article removed</h1>');
    expect(page).toContain('<p class="withdrawn-notice">This article has been removed for legal reasons.</p>');
    expect(page).toContain('<p class="withdrawn-date">Removed on <time datetime="2025-12-31T10:00:00+08:00">');
    expect(metaValue(page, 'robots')).toBe('noindex');
    expect(jsonLd(page)).toEqual([]);
    // Shared, it shows the site's picture, not the story's.
    expect(metaValue(page, 'og:image')).toBe('https://news.example.org/images/logo.png');
    expect(metaValue(page, 'og:type')).toBe('website');
    // Its old address still leads to it, named by the notice's title.
    expect(r.files!.get('_redirects')).toContain(`/old/inquiry/ /${URL} 301`);
    expect(r.files!.get('old/inquiry/index.html')).toContain(`<meta http-equiv="refresh" content="0; url=/${URL}">`);
    expect(r.files!.get('old/inquiry/index.html')).toContain('Moved: Article removed');
    // Hosts that read _headers keep search engines off it.
    // Not in _headers: GitHub Pages and S3 publish it as a file, a public list of takedowns.
    expect(r.files!.get('_headers')).not.toContain(URL);
    // The story beside it neither lists it as related nor as its neighbour.
    const rail = r.files!.get('2025/12/31/rail/index.html') as string;
    expect(rail).not.toContain(URL);
    expect(r.files!.get('2025/12/29/port/index.html')).not.toContain(URL);
    // Its tag and author of its own have no page; next-change.json does not list it.
    expect(r.files!.has('tags/fennimore/index.html')).toBe(false);
    expect(r.files!.get('next-change.json')).not.toContain('council-inquiry');
    // Counted nowhere: the home page and the section list two stories.
    expect(JSON.parse(asText('', r.files!.get('pagefind/pagefind-entry.json')!)).languages.en.page_count).toBe(2);
  });

  it('`withdrawn: true` shows the site\'s notice, in the site\'s words (strings), without a date', async () => {
    const s = await site({ ...files(true), 'dateline.config.ts': config("strings: { withdrawnTitle: 'Artikel entfernt', withdrawnNotice: 'Dieser Artikel wurde entfernt.' },") }, NOW);
    expect(s.ok, JSON.stringify(s.diagnostics)).toBe(true);
    const page = s.page(`${URL}index.html`);
    expect(page).toContain('<title>Artikel entfernt – Test Herald</title>');
    expect(page).toContain('<p class="withdrawn-notice">Dieser Artikel wurde entfernt.</p>');
    expect(page).not.toContain('withdrawn-date');
    expect(leaks(s.files!)).toEqual(new Map());
  });

  it('a standalone page can be withdrawn too; a story in another language has its notice marked so', async () => {
    const s = await site({
      'content/pages/contest.md': md({ title: 'Win a Zorblax holiday', withdrawn: 'Der Wettbewerb ist beendet.', language: 'de' }, 'Quuxifrage rules.'),
      'content/articles/a.md': md({ title: 'Rail', date: '2025-12-30 09:00', author: 'Li Wei' }, 'Trains.'),
    }, NOW);
    expect(s.ok, JSON.stringify(s.diagnostics)).toBe(true);
    const page = s.page('contest/index.html');
    expect(page).toContain('<h1>Page removed</h1>');
    expect(page).toContain('<p class="withdrawn-notice" lang="de" dir="ltr">Der Wettbewerb ist beendet.</p>');
    expect(s.page('sitemap.xml')).not.toContain('contest');
    expect(leaks(s.files!)).toEqual(new Map());
  });

  it('a withdrawn draft, or one still to come, shows nothing yet (its address was never public); the story comes down whatever its withdrawal date says', async () => {
    const draft = await site({ ...files({ text: 'Removed.' }), [`${BUNDLE}/index.md`]: story({ text: 'Removed.' }).replace('---\n', '---\ndraft: true\n') }, NOW);
    expect(draft.ok).toBe(true);
    expect(draft.has(`${URL}index.html`)).toBe(false);
    expect(draft.page('_headers')).not.toContain(URL);
    const early = await site(files(true), { now: '2025-12-29T12:00:00+08:00' });
    expect(early.has(`${URL}index.html`)).toBe(false);
    // Dated ahead of the clock (a typo): down now all the same, with a warning at the line.
    const ahead = await site(files({ date: '2026-12-31 10:00' }), NOW);
    expect(ahead.page(`${URL}index.html`)).toContain('class="withdrawn-notice"');
    expect(ahead.diagnostics).toMatchObject([{ code: 'WITHDRAWN_IN_FUTURE', severity: 'warning', file: `${BUNDLE}/index.md` }]);
    expect(leaks(ahead.files!)).toEqual(new Map());
  });

  it('dateline build: the notice page on disk, no trace in dist/; un-withdrawn, the full page again; withdrawn again, the page overwritten and the photo gone', async () => {
    const dir = writeSite(files('This article has been removed for legal reasons.'));
    writeFileSync(path.join(dir, BUNDLE, 'photo.jpg'), JPEG);
    const out = path.join(dir, 'dist');
    const now = ['--now', NOW.now];
    const r = await cli(['build', dir, ...now]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // The desk sees what the build took down.
    expect(r.stdout).toContain(`Withdrawn, a notice at their address (1):\n  ${BUNDLE}/index.md at /${URL}\n`);
    expect(leaks(readTree(out))).toEqual(new Map());
    expect(readFileSync(path.join(out, URL, 'index.html'), 'utf8')).toContain('This article has been removed for legal reasons.');

    // The complaint is settled: the story back at its address (a cached build).
    writeFileSync(path.join(dir, BUNDLE, 'index.md'), story());
    expect((await cli(['build', dir, ...now])).code).toBe(0);
    expect(readFileSync(path.join(out, URL, 'index.html'), 'utf8')).toContain(`Councillor ${HEADLINE} took bribes`);
    expect(existsSync(path.join(out, URL, 'photo.jpg'))).toBe(true);
    expect(readFileSync(path.join(out, 'feed.xml'), 'utf8')).toContain(HEADLINE);

    // Withdrawn again (a cached build over the last output): the full page is replaced, its photo removed.
    writeFileSync(path.join(dir, BUNDLE, 'index.md'), story(true));
    const again = await cli(['build', dir, ...now, '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).withdrawn).toEqual([{ file: `${BUNDLE}/index.md`, url: `/${URL}` }]);
    expect(readFileSync(path.join(out, URL, 'index.html'), 'utf8')).toContain('<p class="withdrawn-notice">This article has been removed.</p>');
    expect(existsSync(path.join(out, URL, 'photo.jpg'))).toBe(false);
    expect(leaks(readTree(out))).toEqual(new Map());
  });

  it('dateline build: another tool\'s `retracted: true` stops the build, and its fix is `withdrawn`', async () => {
    const dir = writeSite(files());
    writeFileSync(path.join(dir, BUNDLE, 'index.md'), story().replace('---\n', '---\nretracted: true\n'));
    const r = await cli(['build', dir, '--now', NOW.now]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${BUNDLE}/index.md:2`);
    expect(r.stderr).toContain('`retracted: true` does not take the article down in dateline: as written, it stays published.');
    expect(r.stderr).toContain('Write `withdrawn: true` instead of `retracted: true`');
    expect(existsSync(path.join(dir, 'dist'))).toBe(false);
  });
});

describe('a site\'s own templates', () => {
  it('a head of its own without the theme\'s robots tag: the notice page says noindex all the same; its own withdrawn.njk is used', async () => {
    const s = await site({
      ...files('Removed.'),
      'templates/base.njk': '<!doctype html><html lang="en"><head><title>{{ page.title }}</title></head><body>{% block main %}{% endblock %}</body></html>',
      'templates/withdrawn.njk': '{% extends "base.njk" %}{% block main %}<p class="gone">{{ withdrawn.notice }}</p>{% endblock %}',
    }, NOW);
    expect(s.ok, JSON.stringify(s.diagnostics)).toBe(true);
    const page = s.page(`${URL}index.html`);
    expect(page).toContain('<head>\n<meta name="robots" content="noindex"><title>Article removed</title>');
    expect(page).toContain('<p class="gone">Removed.</p>');
    // Other pages are left as their templates wrote them.
    expect(s.page('2025/12/31/rail/index.html')).not.toContain('robots');
    expect(leaks(s.files!)).toEqual(new Map());
  });
});

describe('under a base path', () => {
  it('the notice, its _headers rule and its alias all carry /news/', async () => {
    const s = await site({ ...files(true), 'dateline.config.ts': `import { defineConfig } from 'dateline';\nexport default defineConfig({ title: 'Test Herald', baseUrl: 'https://example.org/news/', timeZone: 'Asia/Shanghai', logo: '/images/logo.png' });\n` }, NOW);
    expect(s.ok, JSON.stringify(s.diagnostics)).toBe(true);
    expect(s.page(`${URL}index.html`)).toContain(`<link rel="canonical" href="https://example.org/news/${URL}">`);
    expect(s.page('_headers')).not.toContain(URL);
    expect(s.page('_redirects')).toContain(`/news/old/inquiry/ /news/${URL} 301`);
    expect(leaks(s.files!)).toEqual(new Map());
  });
});

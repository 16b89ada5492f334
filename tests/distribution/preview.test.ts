import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { coldBuild, dateline, md, site, tree, writeSite } from '../helpers/site.js';
import { spawnCli, waitFor, type Running, stopChild } from '../helpers/watch.js';
import { headTags, metaValues } from './helpers.js';

// A preview (--drafts, --future) is marked as not for publishing wherever a crawler or an
// aggregator looks: src/publish/preview.ts.

const NOW = ['--now', '2026-01-10T12:00:00+08:00'];
const NOINDEX = 'noindex, nofollow';

const config = (extra = '') => `import { defineConfig } from 'dateline';
export default defineConfig({ title: 'Test Herald', baseUrl: 'https://news.example.org/', timeZone: 'Asia/Shanghai', ${extra} });
`;

const newsroom = (extra = '') => ({
  'dateline.config.ts': config(extra),
  'content/live.md': md({ title: 'Council approves budget', date: '2026-01-09 10:00', author: 'Ran Zheng', tags: ['Budget'], section: 'City', aliases: ['/old-budget/'] }, 'The budget passed.'),
  'content/scoop.md': md({ title: 'Mayor resigns', date: '2026-01-10 18:00', author: 'Ran Zheng', tags: ['Budget'], section: 'City' }, 'Embargoed until six.'),
  'content/draft.md': md({ title: 'Bridge report', date: '2026-01-08 09:00', author: 'Ran Zheng', draft: true }, 'Not edited yet.'),
  'content/pages/about-us.md': md({ title: 'About us' }, 'Who we are.'),
  // The theme's cookie notice links to it: `check` finds no broken link.
  'content/pages/privacy-cookie-policy.md': md({ title: 'Privacy' }, 'Cookies.'),
});

/** Every file of an output folder, by path with forward slashes. */
function files(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(path.relative(dir, full).split(path.sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

const html = (dir: string) => files(dir).filter((f) => f.endsWith('.html'));
const read = (dir: string, f: string) => readFileSync(path.join(dir, ...f.split('/')), 'utf8');
/** The `content` of every robots meta tag of a page. */
const robots = (page: string) => metaValues(page, 'robots');
const FEEDS_AND_MAPS = /(^|\/)(feed\.xml|atom\.xml|feed\.json|sitemap(-\d+)?\.xml|news-sitemap(-\d+)?\.xml)$/;

async function build(dir: string, out: string, ...args: string[]) {
  const r = await dateline(['build', dir, '--out', out, ...NOW, ...args]);
  expect(r.code, r.stderr).toBe(0);
  return r;
}

describe('a preview build (--drafts, --future) by the command', () => {
  it.each(['--future', '--drafts', '--drafts --future'])('%s: every HTML page says noindex, nofollow in its head', async (given) => {
    const dir = writeSite(newsroom());
    const out = path.join(dir, 'dist');
    await build(dir, out, ...given.split(' '));
    // The unpublished article is in the preview: that is what it is for.
    expect(files(out)).toContain(given.includes('--future') ? '2026/01/10/scoop/index.html' : '2026/01/08/draft/index.html');
    const pages = html(out);
    // Articles, listings, a standalone page, search, 404 and an alias's redirect page.
    expect(pages).toEqual(expect.arrayContaining(['index.html', '2026/01/09/live/index.html', 'about-us/index.html', 'search/index.html', '404.html', 'old-budget/index.html', 'tags/budget/index.html']));
    for (const p of pages) {
      const page = read(out, p);
      expect(robots(page), p).toContain(NOINDEX);
      expect(page.indexOf(`<meta name="robots" content="${NOINDEX}">`), p).toBeLessThan(page.search(/<\/head>/i));
    }
    // The theme writes one robots tag, not its own noindex beside the preview's.
    for (const p of ['index.html', 'search/index.html', '404.html']) expect(robots(read(out, p)), p).toEqual([NOINDEX]);
  });

  it.each(['--future', '--drafts'])('%s: robots.txt disallows everything for every crawler and names no sitemap, whatever the config says', async (flag) => {
    // The config's own lines would open a group for Googlebot, which then ignores `*`.
    const dir = writeSite(newsroom(`robots: { disallow: ['/private/'], lines: ['User-agent: Googlebot', 'Allow: /', 'Sitemap: https://news.example.org/extra.xml'] },`));
    await build(dir, path.join(dir, 'dist'), flag);
    expect(read(path.join(dir, 'dist'), 'robots.txt')).toBe('User-agent: *\nDisallow: /\n');
  });

  it('writes robots.txt even when the config turns it off', async () => {
    const dir = writeSite(newsroom('robots: { enabled: false },'));
    await build(dir, path.join(dir, 'dist'), '--future');
    expect(read(path.join(dir, 'dist'), 'robots.txt')).toBe('User-agent: *\nDisallow: /\n');
  });

  it('_headers sends X-Robots-Tag: noindex for every path, beside the Cache-Control rules', async () => {
    const dir = writeSite(newsroom());
    await build(dir, path.join(dir, 'dist'), '--drafts');
    const headers = read(path.join(dir, 'dist'), '_headers');
    expect(headers).toContain('\n/*\n  X-Content-Type-Options: nosniff\n  X-Robots-Tag: noindex\n');
    expect(headers.match(/X-Robots-Tag/g)).toHaveLength(1);
    expect(headers).toContain('\n/\n  Cache-Control: public, max-age=0, must-revalidate\n');
  });

  it('writes no feed and no sitemap, and no page links to a feed', async () => {
    const dir = writeSite(newsroom());
    const out = path.join(dir, 'dist');
    await build(dir, out, '--future');
    expect(files(out).filter((f) => FEEDS_AND_MAPS.test(f))).toEqual([]);
    for (const p of html(out)) expect(headTags(read(out, p)).links.filter((l) => l.rel === 'alternate'), p).toEqual([]);
  });

  it('`check --drafts --future` checks the site as it will be published: a link to the feed is not broken', async () => {
    const dir = writeSite({ ...newsroom(), 'templates/partials/footer.njk': '<footer><a href="/feed.xml">RSS</a></footer>\n' });
    const check = await dateline(['check', dir, '--drafts', '--future', ...NOW]);
    expect(check.stderr).toBe('');
    expect(check.code).toBe(0);
  });

  it('a build without the flags is the live site: no preview mark, feeds and sitemaps written', async () => {
    const dir = writeSite(newsroom());
    const out = path.join(dir, 'dist');
    const r = await build(dir, out);
    expect(r.stderr).toBe('');
    expect(files(out)).not.toContain('2026/01/10/scoop/index.html');
    for (const p of html(out)) expect(robots(read(out, p)), p).not.toContain(NOINDEX);
    expect(read(out, 'robots.txt')).toBe('User-agent: *\nDisallow:\n\nSitemap: https://news.example.org/sitemap.xml\nSitemap: https://news.example.org/news-sitemap.xml\n');
    expect(read(out, '_headers')).not.toContain('X-Robots-Tag');
    // Every file's type is the host's: no browser guesses a page from a text file's bytes.
    expect(read(out, '_headers')).toContain('\n/*\n  X-Content-Type-Options: nosniff\n');
    expect(files(out)).toEqual(expect.arrayContaining(['feed.xml', 'atom.xml', 'feed.json', 'sitemap.xml', 'news-sitemap.xml']));
  });

  it('prints one line on stderr that it is a preview, also with --quiet and beside --json (never in its stdout)', async () => {
    const dir = writeSite(newsroom());
    const notice = (stderr: string) => stderr.split('\n').filter((l) => /preview/.test(l));

    const plain = await build(dir, path.join(dir, 'dist'), '--future');
    expect(notice(plain.stderr)).toEqual([expect.stringMatching(/^note: .*dist is a preview \(--future\): not for publishing\. .*noindex.*robots\.txt.*no feeds or sitemaps.*build without --drafts and --future/)]);
    expect(plain.stdout).toMatch(/^Built 2 articles/);

    const quiet = await build(dir, path.join(dir, 'dist'), '--drafts', '-q');
    expect(quiet.stdout).toBe('');
    expect(notice(quiet.stderr)).toEqual([expect.stringContaining('is a preview (--drafts): not for publishing')]);

    const json = await build(dir, path.join(dir, 'dist'), '--drafts', '--future', '--json');
    // Stdout stays JSON alone, and says the build is a preview for a deploy script to check.
    expect(JSON.parse(json.stdout)).toMatchObject({ command: 'build', ok: true, preview: true });
    expect(json.stdout).not.toContain('not for publishing');
    expect(JSON.parse((await dateline(['build', dir, '--json', ...NOW])).stdout)).toMatchObject({ ok: true, preview: false });
    expect(notice(json.stderr)).toEqual([expect.stringContaining('is a preview (--drafts --future): not for publishing')]);

    // `check` writes nothing to publish: it checks the site as it will be, feeds and all.
    const check = await dateline(['check', dir, '--drafts', '--future', ...NOW]);
    expect(check.code).toBe(0);
    expect(check.stderr).toBe('');

    // A build with errors wrote nothing: there is no preview to warn about.
    const broken = writeSite({ ...newsroom(), 'content/bad.md': '---\ntitle: Bad\ndate: 2026-13-45\n---\n\nBroken.\n' });
    const failed = await dateline(['build', broken, '--future', ...NOW]);
    expect(failed.code).toBe(1);
    expect(notice(failed.stderr)).toEqual([]);
  });

  it("marks a page whose site template has its own head: through the theme's head-meta.njk when it includes it, else after <head>", async () => {
    const dir = writeSite({
      ...newsroom(),
      // The site's base keeps the theme's hook; its article layout writes its own head; its page layout has none.
      'templates/base.njk': '<!doctype html>\n<html>\n<head>\n<title>{{ page.title }}</title>\n{% include "partials/head-meta.njk" %}\n</head>\n<body>{% block main %}{% endblock %}</body>\n</html>\n',
      'templates/article.njk': '<!DOCTYPE html>\n<html lang="en">\n<HEAD data-x="1">\n<title>{{ article.title }}</title>\n</HEAD>\n<body>{{ article.html | safe }}</body>\n</html>\n',
      'templates/page.njk': '<p>{{ entry.title }}</p>\n',
    });
    const out = path.join(dir, 'dist');
    await build(dir, out, '--future');
    const home = read(out, 'index.html');
    expect(robots(home)).toEqual([NOINDEX]);
    expect(home).toMatch(/<head>\n<title>Test Herald<\/title>\n\s*<link rel="canonical" href="https:\/\/news\.example\.org\/">\n<meta name="robots" content="noindex, nofollow">\n/);
    expect(read(out, '2026/01/10/scoop/index.html')).toBe(`<!DOCTYPE html>\n<html lang="en">\n<HEAD data-x="1">\n<meta name="robots" content="${NOINDEX}">\n<title>Mayor resigns</title>\n</HEAD>\n<body><p>Embargoed until six.</p>\n</body>\n</html>\n`);
    expect(read(out, 'about-us/index.html')).toBe(`<meta name="robots" content="${NOINDEX}">\n<p>About us</p>\n`);

    // The live build of the same templates is left as they write it.
    await build(dir, out);
    expect(read(out, '2026/01/09/live/index.html')).not.toContain('robots');
    expect(read(out, 'about-us/index.html')).toBe('<p>About us</p>\n');
  });

  it('renders the mark in worker threads too (--workers 2)', async () => {
    const many: Record<string, string> = { 'dateline.config.ts': config() };
    for (let i = 0; i < 120; i++) many[`content/a${i}.md`] = md({ title: `Story ${i}`, date: `2025-0${1 + (i % 9)}-1${i % 10} 09:00`, author: 'Ran Zheng', tags: [`t${i}`] });
    many['content/later.md'] = md({ title: 'Later', date: '2026-06-01 09:00', author: 'Ran Zheng' });
    const dir = writeSite(many);
    const out = path.join(dir, 'dist');
    await build(dir, out, '--future', '--workers', '2');
    expect(html(out).length).toBeGreaterThan(200);
    for (const p of html(out)) expect(robots(read(out, p)), p).toEqual([NOINDEX]);
  });

  it('a live build after a preview in the same dist, with the cache on, leaves no mark behind', async () => {
    const dir = writeSite(newsroom());
    const out = path.join(dir, 'dist');
    const cold = path.join(mkdtempSync(path.join(tmpdir(), 'dateline-cold-')), 'dist');
    await coldBuild(dir, cold, { now: NOW[1] });

    await build(dir, out);
    await build(dir, out, '--drafts', '--future');
    expect(robots(read(out, 'index.html'))).toEqual([NOINDEX]);
    const live = await build(dir, out);
    expect(live.stderr).toBe('');
    expect(tree(out)).toEqual(tree(cold));
    // And once more from the live build's cache: still the live site.
    await build(dir, out, '--future');
    await build(dir, out);
    await build(dir, out);
    expect(tree(out)).toEqual(tree(cold));
    expect(existsSync(path.join(dir, '.dateline-cache'))).toBe(true);
  });
});

describe('a staging build (--noindex) by the command', () => {
  it('marks every page, robots.txt and _headers as a preview does, but keeps the live feeds and sitemaps and adds no unpublished story', async () => {
    const dir = writeSite(newsroom());
    const out = path.join(dir, 'dist');
    const r = await build(dir, out, '--noindex', '--base-url', 'https://staging.example.org/', '--quiet');
    // Said on stderr, also with --quiet: a deploy of it to the live host must be seen.
    expect(r.stderr).toMatch(/^note: .*dist is marked not to be indexed \(--noindex\)/);
    expect(files(out)).not.toContain('2026/01/10/scoop/index.html');
    expect(files(out)).not.toContain('2026/01/08/draft/index.html');
    for (const p of html(out)) expect(robots(read(out, p)), p).toContain(NOINDEX);
    for (const p of ['index.html', '2026/01/09/live/index.html', 'search/index.html']) expect(robots(read(out, p)), p).toEqual([NOINDEX]);
    expect(read(out, 'robots.txt')).toBe('User-agent: *\nDisallow: /\n');
    expect(read(out, '_headers')).toContain('\n/*\n  X-Content-Type-Options: nosniff\n  X-Robots-Tag: noindex\n');
    // The feeds and sitemaps of the live site, at the staging host, to be checked there.
    expect(files(out)).toEqual(expect.arrayContaining(['feed.xml', 'atom.xml', 'feed.json', 'sitemap.xml', 'news-sitemap.xml']));
    expect(read(out, 'sitemap.xml')).toContain('<loc>https://staging.example.org/2026/01/09/live/</loc>');
    expect(read(out, 'feed.xml')).toContain('Council approves budget');
    expect(headTags(read(out, 'index.html')).links.some((l) => l.rel === 'alternate')).toBe(true);
  });

  it('says noindex: true in --json (and preview: false), with the note on stderr only', async () => {
    const dir = writeSite(newsroom());
    const r = await build(dir, path.join(dir, 'dist'), '--noindex', '--json');
    const summary = JSON.parse(r.stdout);
    expect(summary.noindex).toBe(true);
    expect(summary.preview).toBe(false);
    expect(r.stderr).toContain('--noindex');
    const live = await build(dir, path.join(dir, 'dist'), '--json');
    expect(JSON.parse(live.stdout).noindex).toBe(false);
  });

  it('the next build without it, from the cache, is the live site byte for byte; and back again', async () => {
    const dir = writeSite(newsroom());
    const out = path.join(dir, 'dist');
    const cold = path.join(mkdtempSync(path.join(tmpdir(), 'dateline-cold-')), 'dist');
    await coldBuild(dir, cold, { now: NOW[1] });
    const coldStaging = path.join(mkdtempSync(path.join(tmpdir(), 'dateline-cold-')), 'dist');
    await coldBuild(dir, coldStaging, { now: NOW[1], noindex: true });

    await build(dir, out, '--noindex');
    expect(tree(out)).toEqual(tree(coldStaging));
    const live = await build(dir, out);
    expect(live.stderr).toBe('');
    expect(tree(out)).toEqual(tree(cold));
    await build(dir, out, '--noindex');
    expect(tree(out)).toEqual(tree(coldStaging));
    expect(existsSync(path.join(dir, '.dateline-cache'))).toBe(true);
  });
});

describe('a preview through the build() API', () => {
  it('future: true marks the pages, robots.txt and _headers, and writes no feed or sitemap', async () => {
    const s = await site(newsroom(), { future: true, now: '2026-01-10T12:00:00+08:00' });
    expect(s.ok).toBe(true);
    expect(robots(s.page('2026/01/10/scoop/index.html'))).toEqual([NOINDEX]);
    expect(s.page('robots.txt')).toBe('User-agent: *\nDisallow: /\n');
    expect(s.page('_headers')).toContain('/*\n  X-Content-Type-Options: nosniff\n  X-Robots-Tag: noindex\n');
    expect([...s.files!.keys()].filter((f) => FEEDS_AND_MAPS.test(f))).toEqual([]);
  });
});

describe('dateline serve --drafts', () => {
  let child: Running | undefined;
  afterEach(async () => {
    await stopChild(child);
    child = undefined;
  });

  it('says once that it is a preview, and serves a marked one, also after a rebuild', async () => {
    const dir = writeSite(newsroom());
    const c = (child = spawnCli(['serve', dir, '--port', '0', '--drafts', '--quiet', ...NOW]));
    await waitFor(() => /Watching .* for changes/.test(c.stdout()), 'the watcher');
    const out = path.join(dir, 'dist');
    expect(read(out, '2026/01/08/draft/index.html')).toContain(`<meta name="robots" content="${NOINDEX}">`);
    expect(read(out, 'robots.txt')).toBe('User-agent: *\nDisallow: /\n');
    expect(read(out, '_headers')).toContain('X-Robots-Tag: noindex');
    expect(files(out).filter((f) => FEEDS_AND_MAPS.test(f))).toEqual([]);
    expect(c.stderr().split('\n').filter((l) => /preview/.test(l))).toEqual([expect.stringMatching(/^note: .*dist is a preview \(--drafts\): not for publishing\./)]);

    // A body edit takes the rebuild's fast path, which renders from the first build's setup.
    writeFileSync(path.join(dir, 'content/draft.md'), md({ title: 'Bridge report', date: '2026-01-08 09:00', author: 'Ran Zheng', draft: true }, 'Edited now.'));
    const edited = await waitFor(() => (read(out, '2026/01/08/draft/index.html').includes('Edited now.') ? read(out, '2026/01/08/draft/index.html') : undefined), 'the rebuilt draft');
    expect(robots(edited)).toEqual([NOINDEX]);
    c.proc.kill('SIGINT');
    expect(await c.exited).toBe(0);
  });
});

describe('dateline build --watch --noindex', () => {
  let child: Running | undefined;
  afterEach(async () => {
    await stopChild(child);
    child = undefined;
  });

  it('says once that the folder is marked not to be indexed, as a one-off build does', async () => {
    const dir = writeSite(newsroom());
    const c = (child = spawnCli(['build', dir, '--watch', '--noindex', '--quiet', ...NOW]));
    await waitFor(() => /Watching .* for changes/.test(c.stdout()), 'the watcher');
    const out = path.join(dir, 'dist');
    expect(robots(read(out, 'index.html'))).toEqual([NOINDEX]);
    expect(files(out).filter((f) => FEEDS_AND_MAPS.test(f)).length).toBeGreaterThan(0);
    expect(c.stderr().split('\n').filter((l) => /--noindex/.test(l))).toEqual([expect.stringMatching(/^note: .*dist is marked not to be indexed \(--noindex\)/)]);
    c.proc.kill('SIGINT');
    expect(await c.exited).toBe(0);
  });
});

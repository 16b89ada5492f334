import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build, createBuilder } from '../../src/build.js';
import { cli, md, site as siteWithout, withSearch, writeSite as writeSiteWithout } from '../helpers/site.js';
import { jsonLd, pagefindText } from './helpers.js';

/** The tests' sites, with the search index on. */
const site = (files: Record<string, string | Uint8Array>, options?: Parameters<typeof siteWithout>[1]) => siteWithout(withSearch(files), options);
const writeSite = (files: Record<string, string | Uint8Array>) => writeSiteWithout(withSearch(files));

const files = {
  'content/rail.md': md({ title: 'Rail freight doubles', date: '2025-12-20 09:30', author: ['Ran Zheng', 'Li Wei'], tags: ['Transport', '重庆'], section: 'Business', summary: 'Trains run daily.' }, 'The Duisburg service now runs daily.'),
  'content/opera.md': md({ title: 'Opera season opens', date: '2025-12-21 19:00', author: 'Li Wei', tags: ['Culture'] }, 'Sichuan opera returns to the old theatre.'),
};

/** Every page Pagefind holds, as its fragment JSON. */
function fragments(out: Map<string, string | Uint8Array>): { url: string; content: string; meta: Record<string, string>; filters: Record<string, string[]> }[] {
  return [...out.entries()]
    .filter(([p]) => /^pagefind\/(.+\/)?fragment\//.test(p))
    .map(([, bytes]) => JSON.parse(pagefindText(bytes as Uint8Array)))
    .sort((a, b) => (a.url < b.url ? -1 : 1));
}

describe('search (Pagefind)', () => {
  it('indexes each article\'s title, body, tags, authors and section, in memory builds too', async () => {
    const s = await site(files);
    expect(s.ok).toBe(true);
    for (const f of ['pagefind/pagefind.js', 'pagefind/pagefind-ui.js', 'pagefind/pagefind-ui.css', 'pagefind/pagefind-entry.json']) expect(s.has(f), f).toBe(true);
    const entry = JSON.parse(s.page('pagefind/pagefind-entry.json'));
    expect(entry.languages.en.page_count).toBe(2);
    const [rail, opera] = fragments(s.files!);
    expect(rail.url).toBe('/2025/12/20/rail/');
    expect(rail.meta.title).toBe('Rail freight doubles');
    expect(rail.meta.date).toBe('Dec 20, 2025');
    expect(rail.content).toContain('The Duisburg service now runs daily.');
    expect(rail.content).toContain('Trains run daily.');
    expect(rail.filters).toEqual({ author: ['Ran Zheng', 'Li Wei'], tag: ['Transport', '重庆'], section: ['Business'] });
    expect(opera.meta.title).toBe('Opera season opens');
    // The index holds the story, not the page around it.
    expect(rail.content).not.toContain('Privacy');
    expect(rail.content).not.toContain('Skip to content');
  });

  it('a tag, section or byline written as HTML is text on the search page: Pagefind\'s filter labels show their value as HTML', async () => {
    const evil = '<img src=x onerror=alert(1)>';
    const s = await site({ 'content/harbour.md': md({ title: 'Harbour report', date: '2025-12-20 09:00', author: ['Ran Zheng', `${evil} A`], tags: [`${evil} T`, 'R&D'], section: `${evil} S` }, 'Harbour cranes.') });
    expect(s.ok, JSON.stringify(s.diagnostics)).toBe(true);
    const [page] = fragments(s.files!);
    // Escaped once in the index: the label's {@html} shows each as written, and no element is made.
    const shown = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
    expect(page.filters).toEqual({ author: ['Ran Zheng', shown(`${evil} A`)], tag: [shown(`${evil} T`), 'R&amp;D'], section: [shown(`${evil} S`)] });
    for (const values of Object.values(page.filters)) for (const v of values) expect(v).not.toMatch(/[<>]/);
    // Still found by their words, as text.
    expect(page.content).toContain(`Ran Zheng ${evil} A ${evil} T R&D ${evil} S`);
    expect(page.content.match(/onerror/g)).toHaveLength(3);
  });

  it('keeps a story in another language in the site\'s one index, which the search page reads', async () => {
    const s = await site({ ...files, 'content/jeddah.md': md({ title: 'ارتفاع أسعار الشحن', date: '2025-12-22 09:00', author: 'Li Wei', language: 'ar' }, 'قال مدير الميناء إن الطلب ارتفع.') });
    expect(s.ok).toBe(true);
    // Pagefind keys its indexes by language, and its UI reads the one of the search page's <html lang>.
    const entry = JSON.parse(s.page('pagefind/pagefind-entry.json'));
    expect(Object.keys(entry.languages)).toEqual(['en']);
    expect(entry.languages.en.page_count).toBe(3);
    const jeddah = fragments(s.files!).find((f) => f.url === '/2025/12/22/jeddah/')!;
    expect(jeddah.meta.title).toBe('ارتفاع أسعار الشحن');
    expect(jeddah.content).toContain('قال مدير الميناء إن الطلب ارتفع.');
  });

  it('has a search page that loads the Pagefind UI from the site\'s own folder, under a base path too', async () => {
    const s = await site({ ...files, 'dateline.config.ts': `import { defineConfig } from 'dateline';\nexport default defineConfig({ title: 'Test Herald', baseUrl: 'https://example.org/news/' });\n` });
    const page = s.page('search/index.html');
    expect(page).toContain('<script src="/news/pagefind/pagefind-ui.js"></script>');
    expect(page).toContain('<link rel="stylesheet" href="/news/pagefind/pagefind-ui.css">');
    expect(page).toContain('data-bundle="/news/pagefind/"');
    expect(fragments(s.files!).map((f) => f.url)).toEqual(['/news/2025/12/20/rail/', '/news/2025/12/21/opera/']);
  });

  it('writes byte-identical index files for identical input', async () => {
    const dir = writeSite(files);
    const a = await build({ siteDir: dir, mode: 'memory', now: '2026-01-01T00:00:00Z' });
    const b = await build({ siteDir: dir, mode: 'memory', now: '2026-01-01T00:00:00Z' });
    const index = (r: typeof a) => [...r.files!.entries()].filter(([p]) => p.startsWith('pagefind/')).map(([p, v]) => [p, Buffer.from(v as Uint8Array).toString('base64')]);
    expect(index(a).length).toBeGreaterThan(5);
    expect(index(b)).toEqual(index(a));
  });

  it('passes `dateline check` (the search page\'s links resolve without writing anything)', async () => {
    const config = `import { defineConfig } from 'dateline';\nexport default defineConfig({ title: 'Test Herald', baseUrl: 'https://news.example.org/', cookieNotice: { enabled: false } });\n`;
    const r = await build({ siteDir: writeSite({ ...files, 'dateline.config.ts': config }), mode: 'check', now: '2026-01-01T00:00:00Z' });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.ok).toBe(true);
  });

  it('can be switched off: no index, no search page, no search action', async () => {
    const s = await site({ ...files, 'dateline.config.ts': `import { defineConfig } from 'dateline';\nexport default defineConfig({ title: 'Test Herald', baseUrl: 'https://news.example.org/', search: { enabled: false } });\n` });
    expect([...s.files!.keys()].filter((k) => k.startsWith('pagefind/') || k.startsWith('search/'))).toEqual([]);
    expect(jsonLd(s.page('index.html'))[0].potentialAction).toBeUndefined();
  });
});

describe('search in a rebuild (watch mode)', () => {
  it('re-indexes when an article changes, keeps the index when only a template changes, and removes stale index files', async () => {
    const dir = writeSite(files);
    const out = path.join(dir, 'dist');
    const builder = createBuilder({ siteDir: dir, mode: 'disk', now: '2026-01-01T00:00:00Z' });
    try {
      expect((await builder.build()).ok).toBe(true);
      const before = listIndex(out);
      expect(before.some((f) => f.startsWith('fragment/'))).toBe(true);

      writeFileSync(path.join(dir, 'content/opera.md'), md({ title: 'Opera season opens late', date: '2025-12-21 19:00', author: 'Li Wei', tags: ['Culture'] }, 'Sichuan opera returns to the new theatre.'));
      const edited = await builder.build([{ type: 'change', path: 'content/opera.md' }]);
      expect(edited.ok).toBe(true);
      const after = listIndex(out);
      const titles = after.filter((f) => f.startsWith('fragment/')).map((f) => JSON.parse(pagefindText(readFileSync(path.join(out, 'pagefind', f)))).meta.title).sort();
      expect(titles).toEqual(['Opera season opens late', 'Rail freight doubles']);
      // The old fragment of the edited article is gone; nothing else is left behind.
      expect(after.filter((f) => !before.includes(f)).length).toBeGreaterThan(0);
      expect(before.filter((f) => !after.includes(f) && f.startsWith('fragment/'))).toHaveLength(1);

      mkdirSync(path.join(dir, 'templates'), { recursive: true });
      writeFileSync(path.join(dir, 'templates/search.njk'), '{% extends "base.njk" %}{% block main %}<h1>Find</h1>{% endblock %}');
      const stamp = statSync(path.join(out, 'pagefind', 'pagefind-entry.json')).mtimeMs;
      const retemplated = await builder.build([{ type: 'add', path: 'templates/search.njk' }]);
      expect(retemplated.ok).toBe(true);
      expect(readFileSync(path.join(out, 'search/index.html'), 'utf8')).toContain('<h1>Find</h1>');
      expect(listIndex(out)).toEqual(after);
      expect(statSync(path.join(out, 'pagefind', 'pagefind-entry.json')).mtimeMs).toBe(stamp);
    } finally {
      await builder.close();
    }
  });
});

describe('search without its binary', () => {
  it('builds the site anyway, with one warning and no stack trace (real bin)', async () => {
    const dir = writeSite(files);
    const run = await cli(['build', dir, '--now', '2026-01-01T00:00:00Z'], { env: { PAGEFIND_EXTENDED_BINARY_PATH: path.join(dir, 'no-such-binary') } });
    expect(run.code).toBe(0);
    expect(run.stderr.match(/SEARCH_UNAVAILABLE/g)).toHaveLength(1);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(readFileSync(path.join(dir, 'dist/feed.xml'), 'utf8')).toContain('Rail freight doubles');
  });
});

describe('search bundles', () => {
  const spread = {
    'content/old.md': md({ title: 'Old ferry timetable', date: '2023-05-02 09:00', author: 'Li Wei', tags: ['Transport'] }, 'The winter ferry ran twice a day.'),
    'content/new.md': md({ title: 'New ferry timetable', date: '2025-11-02 09:00', author: 'Li Wei', tags: ['Transport'] }, 'The summer ferry runs hourly.'),
  };

  it('indexes the bodies that a build with worker threads leaves in the cache\'s segments', async () => {
    const many: Record<string, string> = {};
    for (let i = 0; i < 220; i++) many[`content/articles/s${i}.md`] = md({ title: `Story ${i}`, date: `2025-0${1 + (i % 9)}-1${i % 10}`, author: 'Li Wei' }, `Its own word is zq${i}x.`);
    const dir = writeSite(many);
    const r = await cli(['build', dir, '--workers', '2', '--now', '2026-01-01T00:00:00Z']);
    expect(r.code).toBe(0);
    expect(readdirSync(path.join(dir, '.dateline-cache', 'bodies')).filter((f) => f.endsWith('.seg'))).toHaveLength(2);
    const folder = path.join(dir, 'dist', 'pagefind', 'fragment');
    const found = readdirSync(folder).map((f) => JSON.parse(pagefindText(readFileSync(path.join(folder, f)))) as { content: string; meta: Record<string, string> });
    expect(found).toHaveLength(220);
    for (const i of [0, 101, 219]) expect(found.find((f) => f.meta.title === `Story ${i}`)!.content).toContain(`Its own word is zq${i}x.`);
  });

  it('puts articles older than last year in a second bundle, merged by the search page, without a second UI', async () => {
    const s = await site(spread, { now: '2026-01-10T00:00:00Z' });
    expect(fragments(s.files!).map((f) => f.url)).toEqual(['/2023/05/02/old/', '/2025/11/02/new/']);
    expect([...s.files!.keys()].filter((k) => /fragment\//.test(k)).map((k) => k.split('/fragment/')[0]).sort()).toEqual(['pagefind', 'pagefind/archive']);
    for (const f of ['pagefind/pagefind-ui.js', 'pagefind/archive/pagefind.js', 'pagefind/archive/pagefind-entry.json']) expect(s.has(f), f).toBe(true);
    expect(s.has('pagefind/archive/pagefind-ui.js')).toBe(false);
    const page = s.page('search/index.html');
    expect(page).toContain('data-bundle="/pagefind/" data-merge="/pagefind/archive/"');
    // One bundle only, when every article is recent.
    const recent = await site(spread, { now: '2024-01-10T00:00:00Z', future: true });
    expect([...recent.files!.keys()].some((k) => k.startsWith('pagefind/archive/'))).toBe(false);
    expect(recent.page('search/index.html')).toContain('data-merge=""');
  });

  it('re-indexes only the bundle of an edited article in a cached rebuild', async () => {
    const dir = writeSite(spread);
    const out = path.join(dir, 'dist');
    const once = () => build({ siteDir: dir, outDir: out, now: '2026-01-10T00:00:00Z' });
    expect((await once()).ok).toBe(true);
    const archiveEntry = path.join(out, 'pagefind/archive/pagefind-entry.json');
    const before = statSync(archiveEntry).mtimeMs;
    const recentFragments = listIndex(out).filter((f) => f.startsWith('fragment/'));
    writeFileSync(path.join(dir, 'content/new.md'), md({ title: 'New ferry timetable', date: '2025-11-02 09:00', author: 'Li Wei' }, 'The summer ferry now runs every half hour.'));
    expect((await once()).ok).toBe(true);
    expect(statSync(archiveEntry).mtimeMs).toBe(before);
    const now = listIndex(out).filter((f) => f.startsWith('fragment/'));
    expect(now).toHaveLength(1);
    expect(now).not.toEqual(recentFragments);
  });
});

describe('search in cached one-shot builds', () => {
  it('leaves an unchanged index on disk alone, and replaces a changed one with exactly what a fresh build writes', async () => {
    const dir = writeSite(files);
    const out = path.join(dir, 'dist');
    const once = (outDir = out, cache?: false) => build({ siteDir: dir, outDir, now: '2026-01-01T00:00:00Z', cache });
    expect((await once()).ok).toBe(true);
    const entry = path.join(out, 'pagefind', 'pagefind-entry.json');
    const stamp = statSync(entry).mtimeMs;
    const again = await once();
    expect(again.ok).toBe(true);
    expect(statSync(entry).mtimeMs).toBe(stamp);

    writeFileSync(path.join(dir, 'content/rail.md'), md({ title: 'Rail freight triples', date: '2025-12-20 09:30', author: 'Ran Zheng' }, 'Now three trains a day.'));
    expect((await once()).ok).toBe(true);
    const fresh = path.join(dir, 'fresh');
    expect((await once(fresh, false)).ok).toBe(true);
    expect(listIndex(out)).toEqual(listIndex(fresh));
    expect(readFileSync(path.join(out, 'pagefind/pagefind-entry.json'), 'utf8')).toBe(readFileSync(path.join(fresh, 'pagefind/pagefind-entry.json'), 'utf8'));
  });
});

function listIndex(out: string): string[] {
  const found: string[] = [];
  const walk = (d: string, rel: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) e.isDirectory() ? walk(path.join(d, e.name), `${rel}${e.name}/`) : found.push(`${rel}${e.name}`);
  };
  walk(path.join(out, 'pagefind'), '');
  return found.sort();
}

describe('the search page without JavaScript (search.fallback)', () => {
  const withConfig = (extra: string) => ({
    ...files,
    'dateline.config.ts': `export default { title: 'Test Herald', baseUrl: 'https://news.example.org/', timeZone: 'Asia/Shanghai', ${extra} };\n`,
  });
  const noscript = (html: string) => /<noscript>([\s\S]*?)<\/noscript>/.exec(html)![1];

  it('offers DuckDuckGo limited to the site by default', async () => {
    const s = await site(withConfig(''));
    const form = noscript(s.page('search/index.html'));
    expect(form).toContain('<form class="search-fallback" action="https://duckduckgo.com/" method="get" role="search">');
    expect(form).toContain('search the site with DuckDuckGo:');
    expect(form).toContain('<input type="hidden" name="sites" value="news.example.org">');
    expect(form).toContain('<input type="search" id="search-fallback-q" name="q">');
  });

  it('offers the engine the config names, with its query field and its hidden fields in name order, {host} filled in', async () => {
    const s = await site(withConfig(`language: 'zh-CN', search: { fallback: { name: '百度', action: 'https://www.baidu.com/s', query: 'wd', fields: { si: '{host}', ct: '2097152' } } },`));
    expect(s.ok).toBe(true);
    const form = noscript(s.page('search/index.html'));
    expect(form).toContain('action="https://www.baidu.com/s"');
    expect(form).toContain('可以用百度搜索本站：');
    expect(form).toMatch(/<input type="hidden" name="ct" value="2097152">\s*<input type="hidden" name="si" value="news.example.org">\s*<input type="search" id="search-fallback-q" name="wd">/);
    expect(form).not.toContain('duckduckgo');
  });

  it('says only that search needs JavaScript with fallback: false', async () => {
    const s = await site(withConfig('search: { fallback: false },'));
    const form = noscript(s.page('search/index.html'));
    expect(form).not.toContain('<form');
    expect(form).toContain('<p class="search-fallback">Search on this page needs JavaScript.</p>');
  });

  it('refuses a fallback that is not an https form, or a field name with a space, at its key', async () => {
    const s = await site(withConfig(`search: { fallback: { name: 'Old', action: 'http://search.example.com/', query: 'the query' } },`));
    expect(s.ok).toBe(false);
    const d = s.diagnostics.filter((x) => x.code === 'CONFIG_INVALID').map((x) => x.message);
    expect(d).toEqual(expect.arrayContaining([expect.stringContaining('search.fallback.action'), expect.stringContaining('search.fallback.query')]));
  });
});

import { describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { md, site, writeSite } from '../helpers/site.js';
import { jsonLd, pagefindText } from './helpers.js';

const files = {
  'content/rail.md': md({ title: 'Rail freight doubles', date: '2025-12-20 09:30', author: ['Ran Zheng', 'Li Wei'], tags: ['Transport', '重庆'], section: 'Business', summary: 'Trains run daily.' }, 'The Duisburg service now runs daily.'),
  'content/opera.md': md({ title: 'Opera season opens', date: '2025-12-21 19:00', author: 'Li Wei', tags: ['Culture'] }, 'Sichuan opera returns to the old theatre.'),
};

/** Every page Pagefind holds, as its fragment JSON. */
function fragments(out: Map<string, string | Uint8Array>): { url: string; content: string; meta: Record<string, string>; filters: Record<string, string[]> }[] {
  return [...out.entries()]
    .filter(([p]) => p.startsWith('pagefind/fragment/'))
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
    expect(rail.content).toContain('The Duisburg service now runs daily.');
    expect(rail.content).toContain('Trains run daily.');
    expect(rail.filters).toEqual({ author: ['Ran Zheng', 'Li Wei'], tag: ['Transport', '重庆'], section: ['Business'] });
    expect(opera.meta.title).toBe('Opera season opens');
    // The index holds the story, not the page around it.
    expect(rail.content).not.toContain('Privacy');
    expect(rail.content).not.toContain('Skip to content');
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

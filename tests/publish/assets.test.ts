import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBuilder, THEME_STATIC } from '../../src/build.js';
import { md, site, writeSite } from '../helpers/site.js';

const article = { 'content/articles/a.md': md({ title: 'A story', date: '2025-03-01 09:00', author: 'Tan Yuxin' }) };
/** A site template that links its own stylesheet through the `asset` filter, next to the theme's. */
const headMeta = { 'templates/partials/head-meta.njk': '<link rel="stylesheet" href="{{ \'css/site.css\' | asset }}">\n' };

const hashedOf = (files: Iterable<string>, re: RegExp) => [...files].filter((f) => re.test(f));
const THEME_CSS = /^theme\/dateline\.[0-9a-f]{10}\.css$/;
const SITE_CSS = /^css\/site\.[0-9a-f]{10}\.css$/;

describe('content-hashed theme and site assets', () => {
  it('gives theme CSS and JS hashed names and links every page to them', async () => {
    const s = await site(article);
    expect(s.ok).toBe(true);
    const outputs = [...s.files!.keys(), ...s.copies!.keys()];
    const [css] = hashedOf(outputs, THEME_CSS);
    const [js] = hashedOf(outputs, /^theme\/cookie-notice\.[0-9a-f]{10}\.js$/);
    expect(css).toBeDefined();
    expect(js).toBeDefined();
    // The hashed copy holds the theme's bytes; the original name stays for anything linking to it by name.
    expect(s.copies!.get(css)).toBe(path.join(THEME_STATIC, 'dateline.css'));
    expect(s.copies!.has('theme/dateline.css')).toBe(true);
    for (const page of ['index.html', '2025/03/01/a/index.html', '404.html']) {
      expect(s.page(page)).toContain(`href="/${css}"`);
      expect(s.page(page)).toContain(`src="/${js}"`);
      expect(s.page(page)).not.toContain('href="/theme/dateline.css"');
    }
  });

  it('changes a hashed name when, and only when, the bytes change', async () => {
    const build = (css: string) => site({ ...article, ...headMeta, 'static/css/site.css': css });
    const first = await build('body { color: #222; }\n');
    const again = await build('body { color: #222; }\n');
    const edited = await build('body { color: #333; }\n');
    const name = (s: Awaited<ReturnType<typeof build>>) => hashedOf(s.copies!.keys(), SITE_CSS)[0];
    const themeName = (s: Awaited<ReturnType<typeof build>>) => hashedOf(s.copies!.keys(), THEME_CSS)[0];

    expect(name(first)).toBeDefined();
    expect(name(again)).toBe(name(first));
    expect(name(edited)).not.toBe(name(first));
    // The theme's stylesheet did not change, so neither did its name.
    expect(themeName(edited)).toBe(themeName(first));
    expect(first.page('index.html')).toContain(`href="/${name(first)}"`);
    expect(edited.page('index.html')).toContain(`href="/${name(edited)}"`);
    expect(edited.page('index.html')).not.toContain(name(first));
  });

  it('uses a site\'s own copy of a theme file, hashed by the site\'s bytes', async () => {
    const own = 'body { font-family: serif; }\n';
    const plain = await site(article);
    const overridden = await site({ ...article, 'static/theme/dateline.css': own });
    const css = hashedOf(overridden.copies!.keys(), THEME_CSS)[0];
    expect(css).not.toBe(hashedOf(plain.copies!.keys(), THEME_CSS)[0]);
    expect(readFileSync(overridden.copies!.get(css)!, 'utf8')).toBe(own);
  });

  it('writes _headers: hashed assets immutable, pages short-lived, no URL matched by two rules', async () => {
    const s = await site({ ...article, ...headMeta, 'static/css/site.css': 'p { margin: 0; }\n' });
    const headers = s.page('_headers');
    const rules = new Map<string, string>();
    let current = '';
    for (const line of headers.split('\n')) {
      if (line.startsWith('/')) current = line;
      else if (line.startsWith('  Cache-Control: ')) rules.set(current, line.slice('  Cache-Control: '.length));
    }
    const hashed = [...hashedOf(s.copies!.keys(), THEME_CSS), ...hashedOf(s.copies!.keys(), SITE_CSS), ...hashedOf(s.copies!.keys(), /^theme\/cookie-notice\.[0-9a-f]{10}\.js$/)];
    expect(hashed).toHaveLength(3);
    for (const h of hashed) expect(rules.get(`/${h}`)).toBe('public, max-age=31536000, immutable');
    for (const pattern of ['/', '/*/', '/*.html']) expect(rules.get(pattern)).toBe('public, max-age=0, must-revalidate');
    // Both hosts join two matching Cache-Control values into one: the page patterns never match an asset.
    const matches = (pattern: string, url: string) => new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(url);
    for (const h of hashed) expect(['/', '/*/', '/*.html'].filter((p) => matches(p, `/${h}`))).toEqual([]);
    expect(['/', '/*/', '/*.html'].filter((p) => matches(p, '/2025/03/01/a/'))).toEqual(['/*/']);
  });

  it('prefixes _headers rules with the base path of a site served under a sub-path', async () => {
    const s = await site(article, { baseUrl: 'https://example.org/news/' });
    const headers = s.page('_headers');
    expect(headers).toMatch(/^\/news\/\*\/$/m);
    expect(headers).toMatch(/^\/news\/theme\/dateline\.[0-9a-f]{10}\.css$/m);
    expect(headers).not.toMatch(/^\/theme\//m);
  });

  it('a watch-mode rebuild after a CSS edit relinks every page and removes the old hashed file', async () => {
    const dir = writeSite({ ...article, ...headMeta, 'static/css/site.css': 'a { color: red; }\n' });
    const out = path.join(dir, 'dist');
    const builder = createBuilder({ siteDir: dir, now: '2026-01-01T00:00:00Z' });
    try {
      expect((await builder.build()).ok).toBe(true);
      const before = readdirSync(path.join(out, 'css')).filter((f) => SITE_CSS.test(`css/${f}`));
      expect(before).toHaveLength(1);
      writeFileSync(path.join(dir, 'static/css/site.css'), 'a { color: blue; }\n');
      const r = await builder.build([{ type: 'change', path: 'static/css/site.css' }]);
      expect(r.ok).toBe(true);
      const after = readdirSync(path.join(out, 'css')).filter((f) => SITE_CSS.test(`css/${f}`));
      expect(after).toHaveLength(1);
      expect(after[0]).not.toBe(before[0]);
      for (const page of ['index.html', '2025/03/01/a/index.html']) expect(readFileSync(path.join(out, page), 'utf8')).toContain(`href="/css/${after[0]}"`);
      expect(readFileSync(path.join(out, 'css', after[0]), 'utf8')).toBe('a { color: blue; }\n');
      expect(readFileSync(path.join(out, '_headers'), 'utf8')).toContain(`/css/${after[0]}\n`);
    } finally {
      await builder.close();
    }
  });
});

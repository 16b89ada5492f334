import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, md, SEARCH_CONFIG, writeSite } from '../helpers/site.js';

const story = md({ title: 'Rail freight doubles', date: '2025-06-01 09:00', author: 'Li Wei' });
const about = md({ title: 'About Us' });
const NOW = ['--now', '2026-01-01T00:00:00Z'];

describe('a static file where the build writes a page or the search index', () => {
  it('a file with no extension named as a page\'s folder is STATIC_COLLISION at the file, exit 1, not a permissions message', async () => {
    const dir = writeSite({ 'content/articles/rail.md': story, 'content/pages/about-us.md': about });
    expect((await cli(['build', dir, ...NOW])).code).toBe(0);
    const before = readFileSync(path.join(dir, 'dist/about-us/index.html'), 'utf8');
    writeSite({ 'static/about-us': 'an old export' }, dir);
    const r = await cli(['build', dir, ...NOW]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error[STATIC_COLLISION] static/about-us');
    expect(r.stderr).toContain('content/pages/about-us.md');
    expect(r.stderr).toContain('fix: Rename the static file (give it an extension, such as about-us.txt)');
    expect(r.stderr).not.toMatch(/permission|--out/);
    expect(readFileSync(path.join(dir, 'dist/about-us/index.html'), 'utf8')).toBe(before);
    // `check` says it too (it wrote nothing, and passed).
    const c = await cli(['check', dir, ...NOW]);
    expect(c.code).toBe(1);
    expect(c.stderr).toContain('error[STATIC_COLLISION] static/about-us');
  });

  it('a file inside a folder named as a page\'s file is refused', async () => {
    const dir = writeSite({ 'content/articles/rail.md': story, 'static/feed.xml/old.xml': '<rss/>' });
    const r = await cli(['check', dir, ...NOW]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error[STATIC_COLLISION] static/feed.xml/old.xml');
  });

  it('a file in static/pagefind/ would replace the search index\'s own: refused once, though a .js has a hashed copy', async () => {
    const dir = writeSite({ 'dateline.config.ts': SEARCH_CONFIG, 'content/articles/rail.md': story, 'static/pagefind/pagefind.js': 'old' });
    const r = await cli(['build', dir, ...NOW]);
    expect(r.code).toBe(1);
    expect(r.stderr.match(/error\[STATIC_COLLISION\] static\/pagefind\/pagefind\.js/g)).toHaveLength(1);
    expect(existsSync(path.join(dir, 'dist'))).toBe(false);
    // Without the search index, the folder is the site's own.
    writeSite({ 'dateline.config.ts': `import { defineConfig } from 'dateline';\nexport default defineConfig({ title: 'T', baseUrl: 'https://news.example.org/', search: { enabled: false } });\n` }, dir);
    expect((await cli(['build', dir, ...NOW])).code).toBe(0);
    expect(readFileSync(path.join(dir, 'dist/pagefind/pagefind.js'), 'utf8')).toBe('old');
  });
});

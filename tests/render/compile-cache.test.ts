import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { readsParsed, THEME_CODE_FILE, templatesCompiled } from '../../src/render/load-nunjucks.js';
import { coldBuild, REPO } from '../helpers/site.js';
import { cli, md, read, tree, writeSite } from '../helpers/site.js';

const NOW = ['--now', '2026-01-01T00:00:00Z'];
const story = (n: number) => md({ title: `Story ${n}`, date: `2025-03-${String(1 + (n % 28)).padStart(2, '0')}T10:00:00+08:00`, author: 'Li Wei', tags: [`Topic ${n % 5}`] }, `Report number ${n}.`);

// A template's compiled code is kept per thread and taken again for the same source and options
// (render/load-nunjucks.ts).
describe('compiled templates kept between environments', () => {
  it('a template edited between two builds in one process renders as edited, and as before once put back', async () => {
    const dir = writeSite({ 'content/articles/a.md': story(1), 'templates/partials/footer.njk': '<footer>First words</footer>\n' });
    const footer = path.join(dir, 'templates/partials/footer.njk');
    const page = () => read(path.join(dir, 'dist/2025/03/02/a/index.html'));
    expect((await build({ siteDir: dir, cache: false, now: NOW[1] })).ok).toBe(true);
    expect(page()).toContain('First words');
    writeFileSync(footer, '<footer>Second words</footer>\n');
    expect((await build({ siteDir: dir, cache: false, now: NOW[1] })).ok).toBe(true);
    expect(page()).toContain('Second words');
    expect(page()).not.toContain('First words');
    writeFileSync(footer, '<footer>First words</footer>\n');
    expect((await build({ siteDir: dir, cache: false, now: NOW[1] })).ok).toBe(true);
    expect(page()).toContain('First words');
  });

  it('with worker threads: a template that does not compile is still reported at its line, and once fixed the site is what one thread builds', async () => {
    const files: Record<string, string> = { 'templates/partials/footer.njk': '<footer>\n{% if %}\n</footer>\n' };
    for (let n = 0; n < 240; n++) files[`content/articles/s${n}.md`] = story(n);
    const dir = writeSite(files);
    const bad = await cli(['build', dir, '--workers', '2', ...NOW]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('error[TEMPLATE_SYNTAX] templates/partials/footer.njk:2');
    writeFileSync(path.join(dir, 'templates/partials/footer.njk'), '<footer>Desk footer</footer>\n');
    expect((await cli(['build', dir, '--workers', '2', ...NOW])).code).toBe(0);
    const single = path.join(dir, 'single');
    await coldBuild(dir, single, { workers: 0, now: NOW[1] });
    const pooled = tree(path.join(dir, 'dist'));
    expect(pooled.get('2025/03/02/s1/index.html')).toContain('Desk footer');
    expect([...pooled.keys()]).toEqual([...tree(single).keys()]);
    for (const [p, text] of tree(single)) expect(pooled.get(p), p).toBe(text);
  });

  it('the theme comes compiled with the package: a build compiles only the templates of the site\'s own, and the code names no folder of the machine it was made on', async () => {
    const table = JSON.parse(readFileSync(THEME_CODE_FILE, 'utf8')) as { templates: Record<string, { code: string }> };
    expect(Object.keys(table.templates)).toEqual(expect.arrayContaining(['base.njk', 'article.njk', 'partials/header.njk']));
    expect(JSON.stringify(table)).not.toContain(REPO);
    const before = templatesCompiled;
    const dir = writeSite({ 'content/articles/a.md': story(1), 'templates/partials/footer.njk': '<footer>Desk footer</footer>\n' });
    expect((await build({ siteDir: dir, cache: false, now: NOW[1] })).ok).toBe(true);
    expect(read(path.join(dir, 'dist/2025/03/02/a/index.html'))).toMatch(/<header[\s\S]*Story 1[\s\S]*Desk footer/);
    expect(templatesCompiled - before).toBe(1);
  });

  it('the theme\'s partials come with the names they read: partialCached parses none of them again, and parses a site\'s own', async () => {
    const table = JSON.parse(readFileSync(THEME_CODE_FILE, 'utf8')) as { templates: Record<string, { reads: string[] | null }> };
    expect(table.templates['partials/footer.njk'].reads).toEqual(expect.arrayContaining(['site', 'ui']));
    expect(table.templates['partials/footer.njk'].reads).not.toContain('page');
    expect(table.templates['base.njk'].reads).toBeNull();
    const themeOnly = writeSite({ 'content/articles/a.md': story(1), 'content/articles/b.md': story(2) });
    let before = readsParsed;
    expect((await build({ siteDir: themeOnly, cache: false, now: NOW[1] })).ok).toBe(true);
    expect(read(path.join(themeOnly, 'dist/2025/03/02/a/index.html'))).toContain('<footer class="site-footer">');
    expect(readsParsed - before).toBe(0);
    // A site's own footer that reads the page: parsed, so rendered for each page, not once.
    const own = writeSite({ 'content/articles/a.md': story(1), 'content/articles/b.md': story(2), 'templates/partials/footer.njk': '<footer>{{ page.title }}</footer>\n' });
    before = readsParsed;
    expect((await build({ siteDir: own, cache: false, now: NOW[1] })).ok).toBe(true);
    expect(readsParsed - before).toBe(1);
    expect(read(path.join(own, 'dist/2025/03/02/a/index.html'))).toContain('<footer>Story 1</footer>');
    expect(read(path.join(own, 'dist/2025/03/03/b/index.html'))).toContain('<footer>Story 2</footer>');
  });
});

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { build, createBuilder, type Builder, type BuildResult } from '../../src/build.js';
import { md, tree, writeSite } from '../helpers/site.js';
import { photo } from '../helpers/photos.js';

// Watch mode's fast path (src/incremental/body-edit.ts): an edit that changes only an article's
// words renders the pages that carry its body from the last build's plan, skipping the model
// and the plan. A fast build has no "model" stage in its timings.
const NOW = '2026-01-01T00:00:00Z';
const builders: Builder[] = [];
afterEach(async () => {
  await Promise.all(builders.splice(0).map((b) => b.close()));
});

const art = (title: string, date: string, body: string, extra: Record<string, unknown> = {}) => md({ title, date, author: 'Ran Zheng', tags: ['Rail'], section: 'Business', ...extra }, body);
const long = (word: string, n: number) => Array.from({ length: n }, () => word).join(' ');

function setup(files: Record<string, string>, config?: string, searchInBackground = false) {
  const dir = writeSite(config ? { ...files, 'dateline.config.ts': config } : files);
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'dateline-body-')), 'dist');
  const builder = createBuilder({ siteDir: dir, outDir: out, now: NOW, searchInBackground });
  builders.push(builder);
  const edit = async (rel: string, text: string): Promise<BuildResult> => {
    writeFileSync(path.join(dir, rel), text);
    const r = await builder.build([{ type: 'change', path: rel }]);
    expect(r.ok).toBe(true);
    return r;
  };
  const full = async () => {
    const fresh = path.join(mkdtempSync(path.join(tmpdir(), 'dateline-body-full-')), 'dist');
    expect((await build({ siteDir: dir, outDir: fresh, now: NOW })).ok).toBe(true);
    return tree(fresh);
  };
  return { dir, out, builder, edit, full };
}

const fast = (r: BuildResult) => !('model' in r.timings);

describe('body-only edits (watch fast path)', () => {
  it('render the page and every feed that carries the body, the same as a full build', async () => {
    const s = setup({
      // No summary: summary feeds make an excerpt from the body, so they depend on it.
      'content/a.md': art('Alpha', '2025-01-01', 'First words of alpha.'),
      'content/b.md': art('Bravo', '2025-01-02', 'First words of bravo.', { summary: 'Bravo in short.' }),
    });
    const first = await s.builder.build();
    expect(first.ok).toBe(true);

    const r = await s.edit('content/a.md', art('Alpha', '2025-01-01', 'Rewritten opening of alpha.\n\n## A new subheading\n\nMore.'));
    expect(fast(r)).toBe(true);
    expect(r.parseCount).toBe(1);
    // Its page; the site's RSS, Atom and JSON feeds (full bodies); and the tag, section and author
    // feeds (summaries, excerpted from this body).
    expect(r.renderCount).toBe(1 + 3 + 3 * 3);
    expect(readFileSync(path.join(s.out, '2025/01/01/a/index.html'), 'utf8')).toContain('A new subheading');
    expect(readFileSync(path.join(s.out, 'tags/rail/feed.xml'), 'utf8')).toContain('Rewritten opening of alpha.');
    expect(tree(s.out)).toEqual(await s.full());

    // An article with a summary is in the term feeds by its summary: its page and the site feeds only.
    const b = await s.edit('content/b.md', art('Bravo', '2025-01-02', 'Second words of bravo.', { summary: 'Bravo in short.' }));
    expect(fast(b)).toBe(true);
    expect(b.renderCount).toBe(1 + 3);
    expect(tree(s.out)).toEqual(await s.full());
  });

  it('render nothing for a draft, and publish its latest words when it is published', async () => {
    const s = setup({ 'content/a.md': art('Alpha', '2025-01-01', 'Alpha.'), 'content/d.md': art('Draft', '2025-01-03', 'Not yet.', { draft: true }) });
    expect((await s.builder.build()).ok).toBe(true);
    const r = await s.edit('content/d.md', art('Draft', '2025-01-03', 'Still not yet.', { draft: true }));
    expect(fast(r)).toBe(true);
    expect(r.renderCount).toBe(0);
    const published = await s.edit('content/d.md', art('Draft', '2025-01-03', 'Still not yet.'));
    expect(fast(published)).toBe(false);
    expect(readFileSync(path.join(s.out, '2025/01/03/d/index.html'), 'utf8')).toContain('Still not yet.');
    expect(tree(s.out)).toEqual(await s.full());
  });

  it('take the full path when the reading time, the front matter or a warning changes', async () => {
    const s = setup({ 'content/a.md': art('Alpha', '2025-01-01', 'Short.'), 'content/b.md': art('Bravo', '2025-01-02', 'Short too.'), 'static/images/x.jpg': photo() });
    expect((await s.builder.build()).ok).toBe(true);
    // Listings show the reading time.
    const longer = await s.edit('content/a.md', art('Alpha', '2025-01-01', long('word', 900)));
    expect(fast(longer)).toBe(false);
    expect(tree(s.out)).toEqual(await s.full());
    const retitled = await s.edit('content/a.md', art('Alpha renamed', '2025-01-01', long('word', 900)));
    expect(fast(retitled)).toBe(false);
    expect(tree(s.out)).toEqual(await s.full());
    // A warning is reported by the full path, and cleared by it on the next save.
    const warned = await s.edit('content/b.md', art('Bravo', '2025-01-02', 'Short too. ![](/images/x.jpg)'));
    expect(fast(warned)).toBe(false);
    expect(warned.diagnostics.map((d) => d.code)).toEqual(['MISSING_ALT']);
    const fixed = await s.edit('content/b.md', art('Bravo', '2025-01-02', 'Short too. ![A train](/images/x.jpg)'));
    expect(fixed.diagnostics).toEqual([]);
    const again = await s.edit('content/b.md', art('Bravo', '2025-01-02', 'Short as well. ![A train](/images/x.jpg)'));
    expect(fast(again)).toBe(true);
    expect(again.diagnostics).toEqual([]);
    expect(tree(s.out)).toEqual(await s.full());
  });

  it('re-index the new words for search', async () => {
    const config = `import { defineConfig } from 'dateline';\nexport default defineConfig({ title: 'Test Herald', baseUrl: 'https://news.example.org/', timeZone: 'Asia/Shanghai', search: { enabled: true } });\n`;
    const s = setup({ 'content/a.md': art('Alpha', '2025-12-30', 'Alpha.'), 'content/b.md': art('Bravo', '2025-12-31', 'Bravo.') }, config);
    expect((await s.builder.build()).ok).toBe(true);
    const index = () => JSON.stringify([...tree(path.join(s.out, 'pagefind')).keys()]);
    const before = index();
    const r = await s.edit('content/a.md', art('Alpha', '2025-12-30', 'Alpha, with zeppelins.'));
    expect(fast(r)).toBe(true);
    expect(index()).not.toEqual(before);
  });

  it('in a watch session, write the pages first and re-index in the background', async () => {
    const config = `import { defineConfig } from 'dateline';\nexport default defineConfig({ title: 'Test Herald', baseUrl: 'https://news.example.org/', timeZone: 'Asia/Shanghai', search: { enabled: true } });\n`;
    const s = setup({ 'content/a.md': art('Alpha', '2025-12-30', 'Alpha.'), 'content/b.md': art('Bravo', '2025-12-31', 'Bravo.') }, config, true);
    expect((await s.builder.build()).ok).toBe(true);
    const index = () => JSON.stringify([...tree(path.join(s.out, 'pagefind')).keys()]);
    const before = index();
    const r = await s.edit('content/a.md', art('Alpha', '2025-12-30', 'Alpha, with zeppelins.'));
    expect(fast(r)).toBe(true);
    expect(readFileSync(path.join(s.out, '2025/12/30/a/index.html'), 'utf8')).toContain('zeppelins');
    // The next build (here: closing the session) waits for the index, which then has the new words.
    await s.builder.close();
    expect(index()).not.toEqual(before);
    expect(tree(s.out)).toEqual(await s.full());
  });
});

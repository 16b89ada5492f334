import { describe, expect, it } from 'vitest';
import { png } from '../helpers/photos.js';
import { md, site } from '../helpers/site.js';

const story = md({ title: 'Flood wall finished', date: '2025-03-20 09:30', author: 'Tan Yuxin', image: { src: 'wall.png', alt: 'The wall' } });

// On a Mac or Windows, where a name's case does not matter, `Index.md` and `content/Pages/` look
// right; built as they were, the story went out at …/index/ without its photos, and a page was
// an article "missing its date".
describe('a name in the wrong case where only one case works', () => {
  it('a bundle’s `Index.md`: an error naming the file to rename; no story at …/index/, no wrong fix for its photos', async () => {
    const s = await site({ 'content/articles/flood-wall/Index.md': story, 'content/articles/flood-wall/wall.png': png(1200, 675) });
    expect(s.diagnostics.map((d) => [d.code, d.severity, d.file, d.hint])).toEqual([['NAME_CASE', 'error', 'content/articles/flood-wall/Index.md', 'Rename it to content/articles/flood-wall/index.md.']]);
    const fixed = await site({ 'content/articles/flood-wall/index.md': story, 'content/articles/flood-wall/wall.png': png(1200, 675) });
    expect(fixed.diagnostics).toEqual([]);
    expect(fixed.page('2025/03/20/flood-wall/index.html')).toContain('src="/2025/03/20/flood-wall/wall.png"');
  });

  it('`INDEX.MD`: the name to give it is index.md', async () => {
    const s = await site({ 'content/articles/flood-wall/INDEX.MD': story });
    expect(s.diagnostics.find((d) => d.code === 'NOT_MARKDOWN_NAME')?.hint).toBe('Rename it to content/articles/flood-wall/index.md to publish it.');
  });

  it('`content/Pages/`: one error for the folder, whose fix, followed, publishes the pages', async () => {
    const files = { 'content/Pages/about-us.md': md({ title: 'About Us' }), 'content/Pages/contact.md': md({ title: 'Contact' }) };
    const s = await site(files);
    expect(s.diagnostics.map((d) => [d.code, d.file, d.hint])).toEqual([['NAME_CASE', 'content/Pages', 'Rename the folder to content/pages.']]);
    const fixed = await site({ 'content/pages/about-us.md': files['content/Pages/about-us.md'] });
    expect(fixed.ok).toBe(true);
    expect(fixed.has('about-us/index.html')).toBe(true);
  });

  it('`index.md` named so outside a bundle, and other folders in capitals, are as before', async () => {
    const s = await site({ 'content/Articles/2025/wall.md': md({ title: 'Wall', date: '2025-03-20 09:30', author: 'Tan Yuxin' }) });
    expect(s.diagnostics).toEqual([]);
  });
});

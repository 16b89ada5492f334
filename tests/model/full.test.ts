import { describe, expect, it } from 'vitest';
import { compactView, fullOf } from '../../src/model/full.js';
import type { ArticleView } from '../../src/model/types.js';
import { md, site } from '../helpers/site.js';

// The model writes an article's fields out by name three times: its view (model/graph.ts), the
// view with its body (fullOf) and a worker's compact copy of the view (compactView). Every field a
// view has must reach the other two, in the same order, with the same value.
describe('copies of an article view', () => {
  it('keep every field of the view, in order, for an article using every front matter field', async () => {
    const s = await site({
      'content/a.md': md({
        title: 'Everything丨Insights',
        date: '2024-03-20 09:00',
        updated: '2024-03-21 10:00',
        expires: '2099-01-01 00:00',
        author: ['Ran Zheng', 'Li Wei'],
        section: 'Business',
        tags: ['火锅', 'Rail Freight'],
        summary: 'A summary.',
        dateline: 'Chongqing',
        image: { src: '/images/a.jpg', alt: 'A train', caption: 'A caption', credit: 'Changan Automobile' },
        aliases: ['/old/a/'],
        id: '/old/a/',
        layout: 'feature',
        featured: true,
        corrections: [{ date: '2024-03-21 12:00', text: 'A correction.' }],
        editorsNote: 'A note.',
        language: 'ar',
        direction: 'rtl',
        live: true,
        column: 'Insights',
        related: ['b'],
      }, 'The opening.\n\n## 10:00 An update\n\nIts text.'),
      'templates/feature.njk': '{% extends "article.njk" %}',
      'content/b.md': md({ title: 'B', date: '2024-03-19 09:00', author: 'Ran Zheng', section: 'Business', tags: ['火锅'] }),
    });
    expect(s.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const { views, articles } = s.graph!;
    expect(views).toHaveLength(2);
    const a = articles.find((x) => x.slug === 'a')!;
    const view = views[articles.indexOf(a)];
    const keys = Object.keys(view);
    // Every field of the view is set here, so none can be missing from the copies unnoticed.
    for (const k of keys) if (!['updatedMs'].includes(k)) expect(view[k as keyof ArticleView], k).not.toBeUndefined();
    expect(Object.keys(a).slice(0, keys.length)).toEqual(keys);
    for (const k of keys) expect(a[k as keyof ArticleView], k).toBe(view[k as keyof ArticleView]);
    expect(Object.keys(a).slice(keys.length)).toEqual(['html', 'headings', 'bodyAt', 'corrections', 'editorsNote', 'liveBlog', 'photos', 'related', 'next', 'previous']);
    expect(a.related.map((r) => r.slug)).toEqual(['b']);
    expect(a.previous?.slug).toBe('b');

    // A worker's copy: what the structured clone gave it, made compact.
    const copy = compactView(structuredClone(view));
    expect(Object.keys(copy)).toEqual(keys);
    expect(copy).toEqual(view);
    expect(copy.tags).not.toBe(view.tags);

    const full = fullOf(view, { html: '<p>x</p>', headings: [] });
    expect(Object.keys(full)).toEqual(Object.keys(a));
    expect(full).toMatchObject({ html: '<p>x</p>', related: [], title: view.title });
  });
});

import type { ArticleFull, ArticleView } from './types.js';

/**
 * An article's view with its body, as one object literal: every full article then shares one
 * hidden class with its fields inside the object. Copies made otherwise cost far more: a spread
 * gives each copy a hidden class of its own (about 750 bytes), and Object.assign past a dozen
 * fields turns the copy into a hash table (1.6 KB per article, 160 MB at 100,000 articles). The
 * fields are in the view's order, then the body's.
 */
export function fullOf(v: ArticleView, body: { html: string; headings: ArticleFull['headings']; bodyAt?: ArticleFull['bodyAt']; corrections?: ArticleFull['corrections']; editorsNote?: string; liveBlog?: ArticleFull['liveBlog']; photos?: ArticleFull['photos'] }): ArticleFull {
  return {
    source: v.source,
    slug: v.slug,
    title: v.title,
    url: v.url,
    outputPath: v.outputPath,
    date: v.date,
    dateMs: v.dateMs,
    updated: v.updated,
    updatedMs: v.updatedMs,
    expiresMs: v.expiresMs,
    authors: v.authors,
    tags: v.tags,
    section: v.section,
    summary: v.summary,
    dateline: v.dateline,
    image: v.image,
    readingMinutes: v.readingMinutes,
    draft: v.draft,
    featured: v.featured,
    aliases: v.aliases,
    id: v.id,
    layout: v.layout,
    language: v.language,
    direction: v.direction,
    live: v.live,
    extra: v.extra,
    html: body.html,
    headings: body.headings,
    bodyAt: body.bodyAt,
    corrections: body.corrections,
    editorsNote: body.editorsNote,
    liveBlog: body.liveBlog,
    photos: body.photos,
    related: [],
    next: undefined,
    previous: undefined,
  };
}

/**
 * A view as the main thread made it, from a copy a worker received: one object literal with the
 * arrays exactly as long as they are. The structured clone gives each view a hidden class with
 * few fields inside the object (the rest in an array of their own) and gives every array room
 * for 16 elements: at 100,000 articles, 45 MB of each render worker's heap. Written out field by
 * field like `fullOf`, for the same reason (a loop of assignments makes a hash table again);
 * tests/model/full.test.ts checks both against a view that has every field.
 */
export function compactView(v: ArticleView): ArticleView {
  return {
    source: v.source,
    slug: v.slug,
    title: v.title,
    url: v.url,
    outputPath: v.outputPath,
    date: v.date,
    dateMs: v.dateMs,
    updated: v.updated,
    updatedMs: v.updatedMs,
    expiresMs: v.expiresMs,
    authors: v.authors.slice(),
    tags: v.tags.slice(),
    section: v.section,
    summary: v.summary,
    dateline: v.dateline,
    image: v.image,
    readingMinutes: v.readingMinutes,
    draft: v.draft,
    featured: v.featured,
    aliases: v.aliases.slice(),
    id: v.id,
    layout: v.layout,
    language: v.language,
    direction: v.direction,
    live: v.live,
    extra: v.extra,
  };
}

/**
 * A full article's view fields, set to undefined while the plan state is written and restored
 * from its view after, as after reading it: the serializer copies every string again for every
 * object that holds it, and the articles' copies were a third of the state (8 of 26 MB at 10,000
 * articles). `fulls[k]` is the article of `views[k]`; each keeps its object, which the jobs name.
 */
export function stripViewFields(fulls: readonly ArticleFull[], views: readonly ArticleView[]): void {
  for (let k = 0; k < fulls.length; k++) {
    const full = fulls[k] as unknown as Record<string, unknown>;
    for (const key of Object.keys(views[k])) full[key] = undefined;
  }
}

export function restoreViewFields(fulls: readonly ArticleFull[], views: readonly ArticleView[]): void {
  for (let k = 0; k < fulls.length; k++) {
    const full = fulls[k] as unknown as Record<string, unknown>;
    const view = views[k] as unknown as Record<string, unknown>;
    for (const key of Object.keys(view)) full[key] = view[key];
  }
}

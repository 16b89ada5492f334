import type { SiteConfig, TagConfig } from '../config/types.js';
import { error, warning, type Diagnostic } from '../errors/diagnostic.js';
import type { Article } from '../parse/source.js';
import { foldAccents, slugify, termKey } from '../parse/slug.js';
import { isoInZone, partsInZone } from '../validate/dates.js';
import { itemLine } from '../validate/article.js';
import { nearMiss } from '../validate/near-miss.js';
import { fullOf } from './full.js';
import { liveBlogAt, shownBody, shownHeadings } from './live.js';
import { storyLanguage } from '../config/language.js';
import { isName, itemId } from './item-id.js';
import { contentRoute, sectionSlugOf } from './content-route.js';
import { expand, hrefFor, outputFor } from './routes.js';
import type { ArchiveYear, ArticleFull, ArticleView, LiveBlog, SiteGraph, StandalonePage, Term, TermRef, WithdrawnStory } from './types.js';

export interface GraphOptions {
  now: number;
  drafts: boolean;
  future: boolean;
  /** A preview build (`--drafts` or `--future` when the output is written): see publish/preview.ts. */
  preview?: boolean;
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Newest first; equal times fall back to the source path so order never depends on input order. */
const newestFirst = (a: { dateMs: number; source: string }, b: { dateMs: number; source: string }) => b.dateMs - a.dateMs || byString(a.source, b.source);

/**
 * When the story last changed: its `updated`, or a dated correction made after it (a correction is
 * news to feeds, sitemaps and search engines too), after the story's date.
 */
function lastChange(m: Article['meta'], dateMs: number, blog: LiveBlog | undefined): { iso: string; ms: number } | undefined {
  let last = m.updated ? { iso: m.updated.iso, ms: m.updated.ms } : undefined;
  for (const c of m.corrections ?? []) {
    if (!c.date) continue;
    const ms = Date.parse(c.date);
    if (ms > dateMs && (!last || ms > last.ms)) last = { iso: c.date, ms };
  }
  // A live blog changes with each update published, and when its coverage ends.
  if (blog) {
    const newest = blog.updates.reduce<{ iso: string; ms: number } | undefined>((n, u) => (!n || u.ms > n.ms ? { iso: u.iso, ms: u.ms } : n), undefined);
    for (const t of [newest, blog.end !== undefined ? m.ended : undefined]) if (t && t.ms > dateMs && (!last || t.ms > last.ms)) last = { iso: t.iso, ms: t.ms };
  }
  return last;
}

/** Whether an article would be up at `now` under the build's flags, withdrawn or not. */
function isUp(a: Article, o: GraphOptions): boolean {
  if (a.meta.draft && !o.drafts) return false;
  if (a.meta.date && a.meta.date.ms > o.now && !o.future) return false;
  if (a.meta.expires && a.meta.expires.ms <= o.now) return false;
  return true;
}

/** A file name a copy is given by a file manager or a download: `a copy.md`, `a - Copy.md`, `Copy of a.md`, `a (1).md`, `a 2.md`. */
const looksCopied = (file: string): boolean => /(?:[\s_-]copy(?:[\s_-]*\d+)?|\s\(\d+\)|\s\d)\.md$|\/copy of [^/]*$/i.test(file);

/**
 * Whether an article is visible at `now` under the build's flags. A withdrawn one is not: only
 * its notice is (`isWithdrawn`), and its photos and files wait as a draft's do.
 */
export function isPublished(a: Article, o: GraphOptions): boolean {
  return !a.meta.withdrawn && isUp(a, o);
}

/**
 * Whether a content file shows a notice at its address instead of itself (`withdrawn`): when it
 * would be up but for that. A draft, a story still to come or an expired one shows nothing, as
 * before: its address was never public, or is taken down.
 */
export function isWithdrawn(a: Article, o: GraphOptions): boolean {
  return !!a.meta.withdrawn && isUp(a, o);
}

/**
 * Whether a content file is in the site at `now`: a published article or standalone page. A page
 * is held back and taken down like an article, by its `date` and `expires` (a promotion's page);
 * it has no date of its own to show.
 */
export function isLive(a: Article, o: GraphOptions): boolean {
  return isPublished(a, o);
}

/**
 * The site graph: published articles newest first, with their tags, authors, sections, archives,
 * related articles and neighbours. Pure; every problem becomes a diagnostic. `failedSlugs`: the
 * slugs of articles that failed validation in this build (model/failed.ts), which a `related` may
 * name without a warning: the article is there, its own error is the one to fix.
 */
export function buildGraph(all: Article[], config: SiteConfig, o: GraphOptions, failedSlugs?: ReadonlySet<string>): { graph: SiteGraph; diagnostics: Diagnostic[] } {
  const ds: Diagnostic[] = [];
  const route = (kind: keyof SiteConfig['permalinks'], vars: Record<string, string>) => expand(config.permalinks[kind], vars);
  const ref = (name: string, slug: string, r: string): TermRef => ({ name, slug, url: hrefFor(config.basePath, r) });

  // Tag, author and section names are compared by their folded form (termKey), made once per
  // spelling: an archive repeats a few hundred names tens of thousands of times.
  const keys = new Map<string, string>();
  const keyOf = (name: string): string => {
    let key = keys.get(name);
    if (key === undefined) keys.set(name, (key = termKey(name)));
    return key;
  };
  // The config's tags: each spelling (a name or an alias) stands for its entry, by the name's key.
  const tagEntry = new Map<string, TagConfig>();
  for (const t of config.tags) for (const s of [t.name, ...(t.aliases ?? [])]) if (!tagEntry.has(keyOf(s))) tagEntry.set(keyOf(s), t);
  const tagKey = (name: string): string => {
    const entry = tagEntry.size ? tagEntry.get(keyOf(name)) : undefined;
    return entry ? keyOf(entry.name) : keyOf(name);
  };

  const upcoming: SiteGraph['upcoming'] = [];
  for (const a of all) {
    if (a.meta.draft && !o.drafts) continue;
    if (a.meta.date && a.meta.date.ms > o.now && !o.future) upcoming.push({ ms: a.meta.date.ms, source: a.source, change: 'publish' });
    if (a.meta.expires && a.meta.expires.ms > o.now) upcoming.push({ ms: a.meta.expires.ms, source: a.source, change: 'expire' });
    // A live blog's update timed later is published then, and its coverage ends at `ended`: only
    // while the story is published (a withdrawn, draft, expired or scheduled one shows no update;
    // a scheduled one's own time is above).
    if (o.future || a.meta.live !== true || !isPublished(a, o)) continue;
    for (const u of a.updates ?? []) if (u.ms > o.now) upcoming.push({ ms: u.ms, source: a.source, change: 'live-update' });
    if (a.meta.ended && a.meta.ended.ms > o.now) upcoming.push({ ms: a.meta.ended.ms, source: a.source, change: 'live-end' });
  }
  upcoming.sort((x, y) => x.ms - y.ms || byString(x.source, y.source));

  const published = all.filter((a) => a.kind === 'article' && isPublished(a, o));

  // A file copied beside itself (`landslide copy.md`, a second download): the same story twice on
  // every listing. Same headline and same time.
  // Or the same headline and the same text at another time (one story brought from two old sites,
  // each with its own time), known by the body's length: a long story's count of words is as good
  // as its text, and a column that runs under one headline says other words each time.
  const stories = new Map<string, string>();
  const texts = new Map<string, Article>();
  for (const a of published) {
    const key = `${a.meta.date?.ms}\n${a.meta.title}`;
    const first = stories.get(key);
    if (first === undefined) stories.set(key, a.source);
    else {
      // On the copy when its name says so (`landslide copy.md`, `landslide (1).md`), which is the one to delete.
      const [copy, other] = looksCopied(first) && !looksCopied(a.source) ? [first, a.source] : [a.source, first];
      const named = looksCopied(copy) && !looksCopied(other);
      ds.push(warning('DUPLICATE_STORY', `This story and ${other} have the same headline and time: both would be published, and every listing would show the story twice.`, { file: copy, hint: named ? `This file's name says it is a copy of ${other}: delete it. If they are two stories, give each its own headline.` : `If one file is a copy of the other, delete it; if they are two stories, give each its own headline.` }));
      continue;
    }
    if (a.words + a.cjkChars < 100) continue;
    const text = `${a.meta.title}\n${a.words}\n${a.cjkChars}`;
    const same = texts.get(text);
    if (same === undefined) texts.set(text, a);
    else ds.push(warning('DUPLICATE_STORY', `This story and ${same.source} have the same headline and the same length (${(a.words + a.cjkChars).toLocaleString('en-US')} words), dated ${isoInZone(same.meta.date!.ms, config.timeZone).slice(0, 16).replace('T', ' ')} and ${isoInZone(a.meta.date!.ms, config.timeZone).slice(0, 16).replace('T', ' ')}: one story saved twice would be published twice.`, { file: a.source, hint: `If one file is a copy of the other (brought from two old sites), delete one; if they are two stories, give each its own headline.` }));
  }

  // Tags that differ only in case are one tag, shown in its most used spelling (or as the config
  // names it, with its other spellings).
  const tagSpellings = new Map<string, Map<string, number>>();
  for (const a of published) {
    for (const t of a.meta.tags) {
      const key = tagKey(t);
      const counts = tagSpellings.get(key) ?? new Map<string, number>();
      counts.set(t, (counts.get(t) ?? 0) + 1);
      tagSpellings.set(key, counts);
    }
  }
  const tagByKey = new Map<string, Term>();
  const tagBySlug = new Map<string, { key: string; name: string }>();
  for (const key of [...tagSpellings.keys()].sort(byString)) {
    const entry = tagEntry.get(key);
    const spellings = [...tagSpellings.get(key)!.entries()].sort((x, y) => y[1] - x[1] || byString(x[0], y[0]));
    const name = entry?.name ?? spellings[0][0];
    const slug = slugify(entry?.slug || name);
    const clash = tagBySlug.get(slug);
    if (clash) {
      const files = published.filter((a) => a.meta.tags.some((t) => [key, clash.key].includes(tagKey(t)))).map((a) => a.source);
      // Reported where the spelling that came second (in file order) is first used: the other
      // one was there before it.
      const [first, second] = [firstUse(published, key, tagKey), firstUse(published, clash.key, tagKey)].sort((x, y) => x.article - y.article || x.item - y.item);
      ds.push(error('TAG_COLLISION', `The tags "${first.spelling}" (${first.file}) and "${second.spelling}" would both be written to ${route('tag', { tag: slug })}.`, { file: second.file, line: second.line, hint: `Spell the two tags the same way, or rename one of them (used in ${files.slice(0, 5).join(', ')}${files.length > 5 ? ', …' : ''}); to keep both spellings in the articles, list one as the other's alias in the config: \`tags: [{ name: '${first.spelling.replace(/'/g, "\\'")}', aliases: ['${second.spelling.replace(/'/g, "\\'")}'] }]\`.` }));
      continue;
    }
    tagBySlug.set(slug, { key, name });
    const r = route('tag', { tag: slug });
    tagByKey.set(key, { ...ref(name, slug, r), articles: [], description: entry?.description });
  }
  // One tag spelt two ways: with a hyphen or a space and without (`Covid-19`, `COVID19`), or in the
  // singular and the plural (`landslide`, `landslides`): two tag pages, each with some of the
  // stories. A warning: two names may differ only so on purpose, which the config says by listing
  // both among its `tags`.
  const variants = [
    { of: (slug: string) => slug.replace(/-/g, ''), how: 'differ only by a hyphen or a space' },
    { of: singularSlug, how: 'are one word in the singular and the plural' },
    // A word in -o with its plural in -oes (`tornado`, `tornadoes`; `veto`, `vetoes`): compared on
    // its own, since singularSlug takes -oes words for words in -oe (`horseshoes`, `backhoes`).
    { of: singularInO, how: 'are one word in the singular and the plural' },
    // `Aé` and `Ae`, `İstanbul` and `istanbul`: typed with and without the accents.
    ...(accentsSpellWords(config.language) ? [] : [{ of: foldAccents, how: 'differ only by accents' }]),
  ];
  const warned = new Set<string>();
  for (const { of, how } of variants) {
    const seen = new Map<string, string>();
    for (const slug of [...tagBySlug.keys()].sort(byString)) {
      const variant = of(slug);
      const other = seen.get(variant);
      if (other === undefined) {
        seen.set(variant, slug);
        continue;
      }
      const [a, b] = [tagBySlug.get(other)!, tagBySlug.get(slug)!];
      const [own, otherOwn] = [tagEntry.get(a.key), tagEntry.get(b.key)];
      if ((own && otherOwn && own !== otherOwn) || warned.has(`${other} ${slug}`)) continue;
      warned.add(`${other} ${slug}`);
      const [first, second] = [firstUse(published, a.key, tagKey), firstUse(published, b.key, tagKey)].sort((x, y) => x.article - y.article || x.item - y.item);
      const quoted = (t: string) => `'${t.replace(/'/g, "\\'")}'`;
      ds.push(warning('TAG_VARIANT', `The tags "${first.spelling}" (${first.file}) and "${second.spelling}" ${how}: they make two tag pages, each with some of the stories.`, { file: second.file, line: second.line, hint: `Spell them one way, or list one as the other's alias in the config: \`tags: [{ name: ${quoted(first.spelling)}, aliases: [${quoted(second.spelling)}] }]\`. If they are two topics, list both in the config's \`tags\`: \`tags: [{ name: ${quoted(first.spelling)} }, { name: ${quoted(second.spelling)} }]\`.` }));
    }
  }

  // `tags: rail trade port` is one tag, "rail trade port", where the editor meant three: each of
  // its words a tag of the site's. Three words or more, so that a tag of two (`rail freight`
  // beside `rail` and `freight`) is left alone; and not one the config lists.
  for (const { key, name } of [...tagBySlug.values()].sort((x, y) => byString(x.key, y.key))) {
    const words = name.trim().split(/\s+/);
    if (words.length < 3 || tagEntry.has(key) || !words.every((w) => tagByKey.has(tagKey(w)) && tagKey(w) !== key)) continue;
    const use = firstUse(published, key, tagKey);
    // The story's whole list with that one item split, so that following the fix keeps its other tags.
    const own = published[use.article].meta.tags;
    const list = own.length === 1 ? words.join(', ') : `[${own.flatMap((t, i) => (i === use.item ? words : [t])).join(', ')}]`;
    ds.push(warning('TAGS_IN_ONE', `The tag "${use.spelling}" is one tag, with a page of its own, but each of its words is a tag of the site's: ${words.length} tags may have been meant.`, { file: use.file, line: use.line, hint: `Separate the tags with commas: \`tags: ${list}\`.` }));
  }

  // Eleventy puts its stories in a collection by a tag (`tags: posts`, `tags: [post, rail]`): moved
  // here, that tag becomes a public page listing every story. Not when the config lists it.
  for (const { key, name } of [...tagBySlug.values()].sort((x, y) => byString(x.key, y.key))) {
    if (!/^posts?$/i.test(name.trim()) || tagEntry.has(key)) continue;
    const use = firstUse(published, key, tagKey);
    const count = published.reduce((n, a) => n + (a.meta.tags.some((t) => tagKey(t) === key) ? 1 : 0), 0);
    ds.push(warning('COLLECTION_TAG', `The tag "${use.spelling}" is on ${count === 1 ? 'one story' : `${count} stories`}: it is how Eleventy gathers its posts, and here it would be a tag page of its own, "${use.spelling}", listing them.`, { file: use.file, line: use.line, hint: `Delete "${use.spelling}" from the stories' \`tags\`; dateline lists every story without it. If it is a topic of the site's, list it in the config's \`tags\`: \`tags: [{ name: '${use.spelling}' }]\`.` }));
  }

  // Authors: the config's registry first (matched by name or slug), then anyone else who has a byline.
  const authorByKey = new Map<string, Term>();
  const authorSlugs = new Map<string, string>();
  const addAuthor = (name: string, extra: Partial<Term> & { slug?: string }, file = config.file || undefined) => {
    const slug = extra.slug ? slugify(extra.slug) : slugify(name);
    const key = keyOf(name);
    if (authorByKey.has(key)) return authorByKey.get(key)!;
    const owner = authorSlugs.get(slug);
    if (owner !== undefined || !slug) {
      ds.push(error('AUTHOR_COLLISION', slug ? `The authors "${owner}" and "${name}" would share the page ${route('author', { author: slug })}.` : `The author name "${name}" has no letters or digits.`, { file, hint: 'Write the two names the same way, or list the authors with distinct `slug`s in the config\'s `authors`.' }));
      return undefined;
    }
    authorSlugs.set(slug, name);
    const term: Term = { ...ref(name, slug, route('author', { author: slug })), articles: [], bio: extra.bio, link: extra.link, email: extra.email };
    authorByKey.set(key, term);
    authorByKey.set(`slug:${slug}`, term);
    return term;
  };
  for (const a of config.authors) addAuthor(a.name, { slug: a.slug, bio: a.bio, link: a.url, email: a.email });
  const authorFor = (name: string, file: string) => authorByKey.get(keyOf(name)) ?? authorByKey.get(`slug:${slugify(name)}`) ?? addAuthor(name, {}, file);

  // The first story with each byline, and the name as written there, for AUTHOR_VARIANT.
  const authorFirst = new Map<Term, { file: string; spelling: string }>();
  const sectionByKey = new Map<string, Term>();
  const sectionOrder: Term[] = [];
  // Where each section's name was first written, for the one error when another name takes its page.
  const sectionFirst = new Map<Term, string | undefined>();
  const addSection = (name: string, slugIn?: string, description?: string, file?: string) => {
    const key = keyOf(name);
    if (sectionByKey.has(key)) return sectionByKey.get(key)!;
    const slug = slugify(slugIn ?? name);
    if (!slug) {
      ds.push(error('BAD_SECTION', `The section "${name}" has no letters or digits, so it cannot have a page.`, { file: config.file || undefined, hint: 'Give the section in the config\'s `sections` list a name or `slug` with letters or digits.' }));
      return undefined;
    }
    const owner = file === undefined ? undefined : sectionOrder.find((t) => t.slug === slug);
    if (owner) {
      // `section: Sport!` beside `section: Sport`: one error here, at the story's `section` line
      // (build.ts), like TAG_COLLISION. The story then counts under the first name, so that its
      // page and feeds are not said again as URL_COLLISIONs, and every other story with this
      // spelling (already said) finds it by its key.
      const where = sectionFirst.get(owner);
      const quoted = (t: string) => `'${t.replace(/'/g, "\\'")}'`;
      ds.push(error('SECTION_COLLISION', `The sections "${owner.name}" (${where ?? 'in the config\'s `sections`'}) and "${name}" would both be written to ${owner.url}.`, { file, hint: `Write the section as ${where ? 'there' : 'the config does'}, \`section: ${owner.name}\`; if they are two sections, give this one a \`slug\` of its own in the config: \`sections: [{ name: ${quoted(name)}, slug: '…' }]\`.` }));
      sectionByKey.set(key, owner);
      return owner;
    }
    const term: Term = { ...ref(name, slug, route('section', { section: slug })), articles: [], description };
    sectionByKey.set(key, term);
    sectionOrder.push(term);
    sectionFirst.set(term, file);
    return term;
  };
  for (const s of config.sections) addSection(s.name, s.slug, s.description);
  const configured = sectionOrder.length;

  // One link object per term, shared by every article that has it: 10,000 articles hold 30,000
  // tag links, and copies of them were a tenth of the graph (and of every copy sent to a worker).
  const refs = new Map<TermRef, TermRef>();
  const refTo = (t: TermRef) => refs.get(t) ?? refs.set(t, toRef(t)).get(t)!;
  const viewOf = new Map<ArticleFull, ArticleView>();
  const fulls: ArticleFull[] = published.map((a) => {
    const m = a.meta;
    // An update still to come is a typo (a wrong year), and it would go into every feed and sitemap.
    if (m.updated && m.updated.ms > o.now && !o.future) {
      ds.push(warning('UPDATED_IN_FUTURE', `\`updated\` (${m.updated.iso}) is later than now (${isoInZone(o.now, config.timeZone)}): feeds and sitemaps would announce a change that has not happened.`, { file: a.source, line: m.lines.updated, hint: 'Set `updated` to the time of the last change, or delete the line.' }));
    }
    const date = m.date!;
    const blog = m.live === true ? liveBlogAt(a.updates ?? [], m.ended, o.now, o.future, config.liveBlogs.order, a.headings.map((h) => h.id)) : undefined;
    const changed = m.corrections || blog ? lastChange(m, date.ms, blog) : m.updated;
    // The same for a correction: its date is the story's last change.
    const aheadAt = m.corrections?.findIndex((c) => c.date !== undefined && Date.parse(c.date) > o.now) ?? -1;
    const ahead = m.corrections?.[aheadAt];
    if (ahead && !o.future) {
      ds.push(warning('UPDATED_IN_FUTURE', `A correction is dated ${ahead.date}, later than now (${isoInZone(o.now, config.timeZone)}): feeds and sitemaps would announce a change that has not happened.`, { file: a.source, line: itemLine(m.lines.corrections, aheadAt), hint: "Set the correction's `date` to the time it was made, or delete its `date` line." }));
    }
    const section = m.section ? addSection(m.section, undefined, undefined, a.source) : undefined;
    const r = contentRoute(config.permalinks, 'article', m, section?.slug);
    const tags = uniqueRefs(m.tags.map((t) => tagByKey.get(tagKey(t))).filter((t): t is Term => !!t));
    const bylines = m.authors.map((name) => authorFor(name, a.source));
    const authors = uniqueRefs(bylines.filter((t): t is Term => !!t));
    bylines.forEach((t, i) => t && !authorFirst.has(t) && authorFirst.set(t, { file: a.source, spelling: m.authors[i] }));
    const own = storyLanguage(m, config);
    const view: ArticleView = {
      source: a.source,
      slug: m.slug,
      title: m.title,
      url: hrefFor(config.basePath, r),
      outputPath: outputFor(r),
      date: date.iso,
      dateMs: date.ms,
      updated: changed?.iso,
      updatedMs: changed?.ms,
      expiresMs: m.expires?.ms,
      authors: authors.map(refTo),
      tags: tags.map(refTo),
      section: section ? refTo(section) : undefined,
      summary: m.summary ?? '',
      dateline: m.dateline,
      image: m.image,
      readingMinutes: readingMinutes(blog ? shownCounts(a, blog) : a, config),
      draft: m.draft,
      featured: m.featured,
      aliases: m.aliases,
      id: m.id === undefined ? undefined : itemId(m.id, config),
      layout: m.layout,
      language: own.language,
      direction: own.direction,
      // Always set (undefined for most stories): every view then has one shape (model/full.ts).
      live: blog && blog.end === undefined ? true : undefined,
      extra: m.extra,
    };
    // Listings, neighbours and related blocks hold the view, never the body: a render job's
    // context then stays small when it is copied to a worker thread.
    const html = shownBody(a.html, blog);
    const full = fullOf(view, { html, headings: shownHeadings(a.headings, html, blog), bodyAt: a.body, corrections: m.corrections, editorsNote: m.editorsNote, liveBlog: blog });
    viewOf.set(full, view);
    return full;
  });
  // Before the sort: fulls[i] is still published[i]'s.
  // Scheduled articles too: a bad id found only when the hourly build publishes the story would
  // fail that build, and the story with it.
  checkItemIds(all.filter((a) => a.kind === 'article' && isPublished(a, { ...o, future: true })), published, fulls, config, ds);
  fulls.sort(newestFirst);

  for (const a of fulls) {
    const v = viewOf.get(a)!;
    for (const t of a.tags) tagByKey.get(tagKeyOf(t, tagBySlug))?.articles.push(v);
    for (const au of a.authors) authorByKey.get(`slug:${au.slug}`)?.articles.push(v);
    if (a.section) sectionByKey.get(keyOf(a.section.name))?.articles.push(v);
  }

  linkNeighbours(fulls, viewOf);
  // A `related` that names a withdrawn story is no mistake: the story is there, and not listed. Nor
  // is one naming a story still to come (the desk links tonight's story to the one embargoed for
  // 06:00): it is listed from the build that publishes it, and until then it is in no page.
  const pulled = all.filter((a) => a.kind === 'article' && (isWithdrawn(a, o) || (!isPublished(a, o) && isPublished(a, { ...o, future: true })))).map((a) => a.meta.slug);
  linkRelated(fulls, viewOf, published, tagByKey, tagBySlug, config.relatedCount, ds, pulled.length ? new Set([...(failedSlugs ?? []), ...pulled]) : failedSlugs);

  const pages: StandalonePage[] = all
    .filter((a) => a.kind === 'page' && isLive(a, o))
    .map((a) => {
      const r = contentRoute(config.permalinks, 'page', a.meta, undefined);
      const own = storyLanguage(a.meta, config);
      return { source: a.source, slug: a.meta.slug, title: a.meta.title, url: hrefFor(config.basePath, r), outputPath: outputFor(r), summary: a.meta.summary ?? '', html: a.html, headings: a.headings, bodyAt: a.body, photos: undefined, updated: a.meta.updated?.iso, corrections: a.meta.corrections, editorsNote: a.meta.editorsNote, aliases: a.meta.aliases, layout: a.meta.layout, language: own.language, direction: own.direction, extra: a.meta.extra };
    })
    .sort((x, y) => byString(x.source, y.source));

  const withdrawn: WithdrawnStory[] = all
    .filter((a) => isWithdrawn(a, o))
    .map((a) => {
      const m = a.meta;
      // Its section's page as the published stories name it, or as the config does when none is left.
      const section = a.kind === 'article' && m.section ? sectionByKey.get(keyOf(m.section))?.slug ?? sectionSlugOf(m.section, config.sections) : undefined;
      const r = contentRoute(config.permalinks, a.kind, m, section);
      const own = storyLanguage(m, config);
      const w = m.withdrawn!;
      // A time still to come is a typo (a wrong year), shown on the notice; the story is down all the same.
      if (w.date && Date.parse(w.date) > o.now && !o.future) {
        ds.push(warning('WITHDRAWN_IN_FUTURE', `The story is withdrawn, dated ${w.date}, later than now (${isoInZone(o.now, config.timeZone)}): it is taken down at once, and its notice would show a time that has not come.`, { file: a.source, line: m.lines.withdrawn, hint: 'Set the `date` under `withdrawn` to the time it was taken down, or delete the `date` line.' }));
      }
      return {
        source: a.source,
        kind: a.kind,
        url: hrefFor(config.basePath, r),
        outputPath: outputFor(r),
        ...(w.notice !== undefined ? { notice: w.notice } : {}),
        ...(w.date !== undefined ? { date: w.date } : {}),
        aliases: m.aliases,
        ...(own.language ? { language: own.language } : {}),
        ...(own.direction ? { direction: own.direction } : {}),
      };
    })
    .sort((x, y) => byString(x.source, y.source));

  authorVariants(authorFirst, config, ds);
  const authors = uniqueTerms([...authorByKey.values()]).filter((t) => t.articles.length > 0 || config.authors.some((c) => slugify(c.slug ?? c.name) === t.slug));
  const sections = [...sectionOrder.slice(0, configured), ...sectionOrder.slice(configured).sort((x, y) => byString(x.name, y.name))];
  return {
    graph: {
      articles: fulls,
      pages,
      withdrawn,
      tags: [...tagByKey.values()].filter((t) => t.articles.length > 0).sort((x, y) => byString(x.slug, y.slug)),
      authors: authors.sort((x, y) => byString(x.slug, y.slug)),
      sections,
      views: fulls.map((a) => viewOf.get(a)!),
      years: archives(fulls.map((a) => viewOf.get(a)!), config.basePath),
      now: o.now,
      upcoming,
      preview: !!o.preview,
    },
    diagnostics: ds,
  };
}

/**
 * Feed ids, of the published and the scheduled articles (`candidates`, in file order). An `id` that
 * is a name needs `feeds.idDate` (model/item-id.ts): without it the feed id stays the article's
 * URL, as before the site set any `id` (a site whose front matter had `id` for its own use keeps
 * its feeds), with a warning at the first such article. Two articles with one feed id would be one
 * story to a feed reader, which shows only one of them: two equal `id`s are reported at the
 * second, naming the first; an `id` that is the URL of a published article without one (its feed
 * id) at the `id`. Two articles with one URL are plan()'s URL_COLLISION. `fulls[i]` is
 * `published[i]`'s article.
 */
function checkItemIds(candidates: Article[], published: Article[], fulls: ArticleFull[], config: SiteConfig, ds: Diagnostic[]): void {
  // Most sites set no `id`: they pay nothing here.
  if (!candidates.some((a) => a.meta.id !== undefined)) return;
  const byId = new Map<string, Article>();
  let dateless = 0;
  for (const a of candidates) {
    const raw = a.meta.id;
    if (raw === undefined) continue;
    const id = itemId(raw, config);
    const at = { file: a.source, line: a.meta.lines.id };
    if (id === undefined) {
      // itemId refuses only a name without feeds.idDate (validation refused every other bad id).
      if (isName(raw) && dateless++ === 0) {
        const host = new URL(config.baseUrl).hostname;
        ds.push(warning('ID_NEEDS_DATE', `The \`id\` "${raw}" is a name, not a path or URL: its feed id would be a tag: URI, which needs \`feeds.idDate\` in the config. Until then the feed id stays the article's URL.`, { ...at, hint: `Add \`feeds: { idDate: '2015' }\` to ${config.file || 'the config'}, with a year (or YYYY-MM-DD) on which your organisation already held ${host}, and never change it; or write the id as a path such as \`/2024/03/20/old-slug/\` or a full URL.` }));
      }
      continue;
    }
    const first = byId.get(id);
    if (!first) byId.set(id, a);
    else ds.push(error('ID_COLLISION', `The articles ${first.source}${first.meta.lines.id ? `:${first.meta.lines.id}` : ''} and ${a.source} have the same feed id, ${id}: feed readers would take them for one story and show only one.`, { ...at, hint: 'Change or delete one of the two `id`s: an id belongs to one story for life, and a new story needs a new one.' }));
  }
  const origin = new URL(config.baseUrl).origin;
  published.forEach((other, i) => {
    if (other.meta.id !== undefined) return;
    const a = byId.get(origin + fulls[i].url);
    if (!a) return;
    ds.push(error('ID_COLLISION', `The \`id\` of ${a.source}, ${origin + fulls[i].url}, is the URL of ${other.source}, which is that article's feed id (it has no \`id\`): feed readers would take them for one story and show only one.`, { file: a.source, line: a.meta.lines.id, hint: `Change or delete this \`id\`, or give ${other.source} an \`id\` of its own: an id belongs to one story for life.` }));
  });
}

/**
 * Languages whose own words differ by an accent alone (Spanish año and ano, French côte and cote,
 * German Bar and Bär, Vietnamese's tones, Russian и and й): on a site in one of them, tags are not
 * compared without their accents. On an English site (or one in a script without these marks) an
 * accent in a tag is a name typed two ways, Beyoncé and Beyonce. Bylines are compared everywhere:
 * two people whose names differ by an accent alone are rare.
 */
const ACCENTED_LANGUAGES = new Set(['es', 'pt', 'fr', 'it', 'ca', 'gl', 'oc', 'de', 'lb', 'ro', 'pl', 'cs', 'sk', 'sl', 'hr', 'bs', 'sr', 'hu', 'tr', 'az', 'vi', 'is', 'fo', 'da', 'no', 'nb', 'nn', 'sv', 'fi', 'et', 'lv', 'lt', 'mt', 'cy', 'ga', 'gd', 'sq', 'ru', 'uk', 'be', 'bg', 'mk', 'el', 'kk', 'ky', 'tg', 'mn', 'eo', 'af', 'haw', 'mi', 'yo', 'ha', 'ln', 'wo']);

function accentsSpellWords(language: string | undefined): boolean {
  return ACCENTED_LANGUAGES.has((language ?? 'en').toLowerCase().split(/[-_]/)[0]);
}

/**
 * One byline typed with and without its accents (`José Pérez`, `Jose Perez`): two author pages,
 * each with some of the stories. A warning at the `author` line of the first story with the
 * second spelling (build.ts), naming the first. Compared once per author, not per story. Two
 * entries of the config's `authors` are two people, as the config says.
 */
function authorVariants(first: Map<Term, { file: string; spelling: string }>, config: SiteConfig, ds: Diagnostic[]): void {
  const listed = (t: Term) => config.authors.some((c) => slugify(c.slug ?? c.name) === t.slug);
  const seen = new Map<string, Term>();
  // In file order of their first stories, so that "the first" is the one written first.
  const terms = [...first.entries()].sort((x, y) => byString(x[1].file, y[1].file) || byString(x[0].slug, y[0].slug));
  for (const [term, use] of terms) {
    const folded = foldAccents(term.slug);
    const other = seen.get(folded);
    if (other === undefined) {
      seen.set(folded, term);
      continue;
    }
    if (listed(term) && listed(other)) continue;
    const was = first.get(other)!;
    // The config entry that joins them: the accented name, with the plain spelling's slug, which
    // the other byline then finds (graph: `authorFor` matches the registry by slug).
    const [named, plain] = foldAccents(other.slug) === other.slug && term.slug !== folded ? [use.spelling, other.slug] : [was.spelling, term.slug];
    const quoted = (t: string) => `'${t.replace(/'/g, "\\'")}'`;
    ds.push(warning('AUTHOR_VARIANT', `The bylines "${was.spelling}" (${was.file}) and "${use.spelling}" differ only by accents: they make two author pages, each with some of the stories.`, { file: use.file, hint: `Write the byline one way, or list the author in the config with the other spelling's slug, so that both go to one page: \`authors: [{ name: ${quoted(named)}, slug: ${quoted(plain)} }]\`. If they are two people, list both in the config's \`authors\`.` }));
  }
}

/** The first article (in file order) with a spelling of the tag `key`: which item, on which line. */
function firstUse(published: Article[], key: string, keyOf: (name: string) => string): { article: number; item: number; file: string; line?: number; spelling: string } {
  for (let n = 0; n < published.length; n++) {
    const { tags, lines } = published[n].meta;
    const i = tags.findIndex((t) => keyOf(t) === key);
    if (i !== -1) return { article: n, item: i, file: published[n].source, line: itemLine(lines.tags, i), spelling: tags[i] };
  }
  // Every key comes from a published article's tags.
  throw new Error(`no article has the tag ${key}`);
}

function toRef(t: TermRef): TermRef {
  return { name: t.name, slug: t.slug, url: t.url };
}

function uniqueRefs<T extends TermRef>(list: T[]): T[] {
  const seen = new Set<string>();
  return list.filter((t) => (seen.has(t.slug) ? false : (seen.add(t.slug), true)));
}

function uniqueTerms(list: Term[]): Term[] {
  return [...new Set(list)];
}

function tagKeyOf(t: TermRef, bySlug: Map<string, { key: string }>): string {
  return bySlug.get(t.slug)!.key;
}

export function readingMinutes(a: Pick<Article, 'words' | 'cjkChars'>, config: SiteConfig): number {
  return Math.max(1, Math.ceil(a.words / config.wordsPerMinute + a.cjkChars / config.cjkCharsPerMinute));
}

/**
 * A live blog's words and CJK characters without its held-back updates' (`blog`: the updates it
 * shows): its reading time says nothing of the size of the text still to come.
 */
function shownCounts(a: Article, blog: LiveBlog): Pick<Article, 'words' | 'cjkChars'> {
  if (blog.updates.length === (a.updates?.length ?? 0)) return a;
  const shown = new Set(blog.updates.map((u) => u.id));
  let words = a.words;
  let cjkChars = a.cjkChars;
  for (const u of a.updates ?? []) {
    if (shown.has(u.id)) continue;
    words -= u.words ?? 0;
    cjkChars -= u.cjkChars ?? 0;
  }
  return { words: Math.max(0, words), cjkChars: Math.max(0, cjkChars) };
}

/** Previous (older) and next (newer) article in the same section. */
function linkNeighbours(fulls: ArticleFull[], viewOf: Map<ArticleFull, ArticleView>): void {
  const bySection = new Map<string, ArticleFull[]>();
  for (const a of fulls) if (a.section) (bySection.get(a.section.slug) ?? bySection.set(a.section.slug, []).get(a.section.slug)!).push(a);
  for (const list of bySection.values()) {
    list.forEach((a, i) => {
      a.next = i > 0 ? viewOf.get(list[i - 1]) : undefined;
      a.previous = i < list.length - 1 ? viewOf.get(list[i + 1]) : undefined;
    });
  }
}

/**
 * Explicit `related` first (in the order given), then by the number of shared tags, newest first.
 *
 * Counting every article of every tag an article has grows with the square of a tag's size (at
 * 100,000 articles it was most of the model). Instead, for each pair of tags, the articles that
 * have both are listed once for the site; an article that shares k of this one's tags appears in
 * k(k-1)/2 of its pairs' lists, which gives every candidate sharing two tags or more. The rest
 * share one tag: the newest of them are the first entries of this article's tag lists, merged.
 * Articles are indices in reused typed arrays; the lists hold them newest first.
 *
 * Pairs grow with the square of an article's own tags: one story with 3,000 tags made 4.5 million
 * (2.5 s). An article with more than WIDE tags is left out of the pair lists; it is counted instead
 * from lists of such articles per tag, and itself counts every article of each of its tags.
 */
/** Tags on one article above which it is left out of linkRelated's pair lists (k(k-1)/2 pairs each). */
const WIDE = 32;

function linkRelated(fulls: ArticleFull[], viewOf: Map<ArticleFull, ArticleView>, published: Article[], tagByKey: Map<string, Term>, tagBySlug: Map<string, { key: string }>, max: number, ds: Diagnostic[], failedSlugs?: ReadonlySet<string>): void {
  const views = fulls.map((a) => viewOf.get(a)!);
  const indexOf = new Map<ArticleView, number>(views.map((v, i) => [v, i]));
  const bySlug = new Map<string, number>();
  views.forEach((v, i) => {
    if (!bySlug.has(v.slug)) bySlug.set(v.slug, i);
  });
  // Each tag's articles as indices, newest first (the order the graph already holds them in).
  const tagId = new Map<string, number>();
  const lists: Int32Array[] = [];
  for (const [slug, { key }] of tagBySlug) {
    tagId.set(slug, lists.length);
    lists.push(Int32Array.from(tagByKey.get(key)!.articles, (v) => indexOf.get(v)!));
  }
  // For each pair of tags, the articles with both, newest first.
  const tagsOf: number[][] = fulls.map(() => []);
  lists.forEach((list, t) => {
    for (const b of list) tagsOf[b].push(t);
  });
  const pairKey = (t: number, u: number) => (t < u ? t * lists.length + u : u * lists.length + t);
  const pairs = new Map<number, number[]>();
  const wide = new Uint8Array(fulls.length);
  const wideLists: number[][] = lists.map(() => []);
  tagsOf.forEach((ts, b) => {
    if (ts.length > WIDE) {
      wide[b] = 1;
      for (const t of ts) wideLists[t].push(b);
      return;
    }
    for (let i = 0; i < ts.length; i++) {
      for (let j = i + 1; j < ts.length; j++) {
        const key = pairKey(ts[i], ts[j]);
        const list = pairs.get(key);
        if (list) list.push(b);
        else pairs.set(key, [b]);
      }
    }
  });
  const metaOf = new Map(published.map((a) => [a.source, a.meta]));
  // Pairs shared with a narrow article, tags shared with a wide one (or with any, when this one is wide).
  const hits = new Int32Array(fulls.length);
  const touched = new Int32Array(fulls.length);
  // Candidates that share two tags or more, marked with the article's number + 1.
  const many = new Int32Array(fulls.length);
  // Explicitly related articles (and the article itself), marked with the article's number + 1.
  const blocked = new Int32Array(fulls.length);
  // The best candidates so far, by shared tags (more first), then newest (lower index) first.
  const best: number[] = [];
  const bestShared: number[] = [];
  const heads: number[] = [];
  let relatedMisses = 0;
  fulls.forEach((a, self) => {
    const chosen: ArticleView[] = [];
    const stamp = self + 1;
    blocked[self] = stamp;
    const meta = metaOf.get(a.source);
    for (const [k, slug] of (meta?.related ?? []).entries()) {
      const target = bySlug.get(slug);
      if (target === undefined) {
        if (failedSlugs?.has(slug)) continue;
        // A slug typed a letter wrong: the one meant (the first 100 only: an archive's old slugs are not each compared with every story's).
        const near = relatedMisses++ < 100 ? nearMiss(slug, [...bySlug.keys()].filter((s) => bySlug.get(s) !== self)) : undefined;
        const hint = near !== undefined && near !== slug ? `Write \`${near}\`, the published article's slug nearest to it; or the slug of another (its file name without .md).` : 'Use the slug of a published article (its file name without .md).';
        ds.push(warning('RELATED_NOT_FOUND', `\`related\` names "${slug}", but no published article has that slug.`, { file: a.source, line: itemLine(meta?.lines.related, k), hint }));
        continue;
      }
      if (blocked[target] !== stamp && chosen.length < max) {
        chosen.push(views[target]);
        blocked[target] = stamp;
      }
    }
    const need = max - chosen.length;
    const mine = a.tags.map((t) => tagId.get(t.slug)!);
    if (need > 0 && mine.length > 0) {
      // Two or more shared tags, from the pair lists.
      let n = 0;
      if (wide[self]) {
        for (const t of mine) for (const b of lists[t]) if (hits[b]++ === 0) touched[n++] = b;
      } else {
        for (let i = 0; i < mine.length; i++) {
          for (let j = i + 1; j < mine.length; j++) {
            for (const b of pairs.get(pairKey(mine[i], mine[j])) ?? []) if (hits[b]++ === 0) touched[n++] = b;
          }
        }
        for (const t of mine) for (const b of wideLists[t]) if (hits[b]++ === 0) touched[n++] = b;
      }
      for (let j = 0; j < n; j++) {
        const b = touched[j];
        // c = k(k-1)/2 pairs means k shared tags.
        const shared = wide[self] || wide[b] ? hits[b] : (1 + Math.sqrt(1 + 8 * hits[b])) / 2;
        if (blocked[b] === stamp || shared < 2) continue;
        many[b] = stamp;
        keepBest(b, shared, need);
      }
      // One shared tag: the newest articles of this article's tags that share no other.
      heads.length = 0;
      for (let i = 0; i < mine.length; i++) heads.push(0);
      while (best.length < need) {
        let next = -1;
        for (let i = 0; i < mine.length; i++) {
          const list = lists[mine[i]];
          while (heads[i] < list.length && (blocked[list[heads[i]]] === stamp || many[list[heads[i]]] === stamp)) heads[i]++;
          if (heads[i] < list.length && (next === -1 || list[heads[i]] < next)) next = list[heads[i]];
        }
        if (next === -1) break;
        best.push(next);
        bestShared.push(1);
        // It heads just one of these lists: in two, it would share two tags and was skipped.
        for (let i = 0; i < mine.length; i++) if (lists[mine[i]][heads[i]] === next) heads[i]++;
      }
      for (const i of best) chosen.push(views[i]);
      for (let j = 0; j < n; j++) hits[touched[j]] = 0;
      best.length = 0;
      bestShared.length = 0;
    }
    // A copy of exactly its length: an array grown by push keeps room for 16 (100 bytes more).
    a.related = chosen.slice();
  });

  /** Keeps the `need` best candidates in order: more shared tags first, then the newest. */
  function keepBest(i: number, shared: number, need: number): void {
    const last = best.length - 1;
    if (best.length === need && (shared < bestShared[last] || (shared === bestShared[last] && i > best[last]))) return;
    if (best.length === need) {
      best.pop();
      bestShared.pop();
    }
    let k = best.length;
    while (k > 0 && (shared > bestShared[k - 1] || (shared === bestShared[k - 1] && i < best[k - 1]))) k--;
    best.splice(k, 0, i);
    bestShared.splice(k, 0, shared);
  }
}

function archives(fulls: ArticleView[], basePath: string): ArchiveYear[] {
  const years = new Map<string, ArchiveYear>();
  for (const a of fulls) {
    const { yyyy, mm } = partsInZone(a.date);
    let y = years.get(yyyy);
    if (!y) {
      y = { yyyy, url: hrefFor(basePath, `/${yyyy}/`), outputPath: outputFor(`/${yyyy}/`), articles: [], months: [] };
      years.set(yyyy, y);
    }
    y.articles.push(a);
    let m = y.months.find((x) => x.mm === mm);
    if (!m) {
      m = { yyyy, mm, url: hrefFor(basePath, `/${yyyy}/${mm}/`), outputPath: outputFor(`/${yyyy}/${mm}/`), articles: [] };
      y.months.push(m);
    }
    m.articles.push(a);
  }
  return [...years.values()].sort((x, y) => byString(y.yyyy, x.yyyy)).map((y) => ({ ...y, months: y.months.sort((p, q) => byString(q.mm, p.mm)) }));
}

/**
 * A tag's slug whose last word is a plural in -oes, with that word in -o (`tornadoes` → `tornado`,
 * `heroes` → `hero`); any other slug as it is. Its own comparison: `horseshoes` is `horseshoe`
 * too (singularSlug), and each of two words in -o and -oe meets its own plural. A word left
 * shorter than four letters is kept (`shoes`, `toes`).
 */
function singularInO(slug: string): string {
  const cut = slug.lastIndexOf('-') + 1;
  const word = slug.slice(cut);
  if (!/[^aeiou]oes$/.test(word)) return slug;
  const one = word.slice(0, -2);
  return one.length >= 4 && /^[a-z]+$/.test(one) ? slug.slice(0, cut) + one : slug;
}

/**
 * A tag's slug with its last word in the singular, as far as English plurals go by their ending
 * (`landslides` → `landslide`, `economies` → `economy`, `taxes` → `tax`); a word that would be
 * left shorter than four letters is kept (`news`, `arts`), unless it lost an `-es` (`buses`, `gases`), and
 * so are words in `-ss`, `-us` and `-is`.
 */
function singularSlug(slug: string): string {
  const cut = slug.lastIndexOf('-') + 1;
  const word = slug.slice(cut);
  let one = word;
  let least = 4;
  if (/[^aeiou]ies$/.test(word)) one = `${word.slice(0, -3)}y`;
  else if (/(?:s|x|z|ch|sh)es$/.test(word)) [one, least] = [word.slice(0, -2), 3];
  else if (/[^su]s$/.test(word) && !/is$/.test(word)) one = word.slice(0, -1);
  return one.length >= least && /^[a-z]+$/.test(one) ? slug.slice(0, cut) + one : slug;
}

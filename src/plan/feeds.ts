import type { FeedFormat, SiteConfig } from '../config/types.js';
import type { ArticleFull, ArticleView, SiteGraph, Term } from '../model/types.js';
import { isoInZone } from '../validate/dates.js';
import { absolutePhotoUrl, absoluteUrl } from './feed-items.js';
import type { Planner } from './plan.js';
import type { RenderJob } from './types.js';

/** Each format's file name inside the folder of the page it belongs to (the site root, a tag page…). */
export const FEED_FILES: Record<FeedFormat, string> = { rss: 'feed.xml', atom: 'atom.xml', json: 'feed.json' };
export const FEED_TYPES: Record<FeedFormat, string> = { rss: 'application/rss+xml', atom: 'application/atom+xml', json: 'application/feed+json' };
const FEED_NAMES: Record<FeedFormat, string> = { rss: 'RSS', atom: 'Atom', json: 'JSON Feed' };

/** What every format needs to know about one feed, besides its items. Plain data. */
export interface FeedMeta {
  format: FeedFormat;
  title: string;
  description: string;
  language: string;
  /** The page the feed follows (the home page, a tag page…), absolute. */
  pageUrl: string;
  /** This feed's own absolute URL (atom:link rel="self", Atom id, JSON Feed feed_url). */
  selfUrl: string;
  /** The newest item's date or update: a build with the same articles writes the same feed. */
  updated: string;
  /** Absolute URL of the publisher's logo, or "". */
  logo: string;
  publisher: string;
  maxBytes: number;
  /** Items carry whole bodies (else summaries). */
  full: boolean;
  /** What absolute URLs are made from. */
  site: { baseUrl: string; basePath: string };
}

export type TermKind = 'tag' | 'section' | 'author';

/** The feeds of one page (the home page when `kind` is undefined), for `<link rel="alternate">`. */
export function feedLinks(config: SiteConfig, kind?: TermKind, term?: { name: string; url: string }): { type: string; href: string; title: string }[] {
  const f = config.feeds;
  if (!f.enabled || (kind && !f[`${kind}s`]) || (kind && !term)) return [];
  const folder = kind ? term!.url : config.basePath;
  const title = feedTitle(config, kind, term?.name);
  return f.formats.map((format) => ({ type: FEED_TYPES[format], href: folder + FEED_FILES[format], title: `${title} (${FEED_NAMES[format]})` }));
}

function feedTitle(config: SiteConfig, kind: TermKind | undefined, name: string | undefined): string {
  return kind ? `${config.title}: ${name}` : config.title;
}

/**
 * RSS, Atom and JSON Feed for the whole site and for every tag, section and author that has
 * articles. A job holds the articles themselves (the graph's objects, bodies included); the
 * renderer makes their feed items. So a job refers to each body it carries, and a body edit
 * re-renders exactly the feeds that list the article (see plan/encode.ts).
 */
export const planFeeds: Planner = (graph, config) => {
  const f = config.feeds;
  if (!f.enabled || f.formats.length === 0) return [];
  const fullBySource = new Map<string, ArticleFull>(graph.articles.map((a) => [a.source, a]));
  const viewBySource = new Map<string, ArticleView>(graph.views.map((v) => [v.source, v]));
  const site = { baseUrl: config.baseUrl, basePath: config.basePath };

  const jobs: RenderJob[] = [];
  const add = (kind: TermKind | undefined, folderHref: string, articles: ArticleView[], name: string | undefined, description: string, origin: string) => {
    const full = (kind ? f.termContent : f.content) === 'full';
    // A summary item needs the body only to make an excerpt when the editor wrote no summary.
    const list = articles.slice(0, f.limit).map((a) => (full || !a.summary ? fullBySource.get(a.source) : viewBySource.get(a.source)) ?? a);
    const route = decodeURIComponent(folderHref.slice(config.basePath.length));
    for (const format of f.formats) {
      const meta: FeedMeta = {
        format,
        title: feedTitle(config, kind, name),
        description,
        language: config.language,
        pageUrl: absoluteUrl(config, folderHref),
        selfUrl: absoluteUrl(config, folderHref + FEED_FILES[format]),
        updated: newest(list) ?? isoNow(graph, config),
        logo: config.publisher.logo ? absolutePhotoUrl(config, config.publisher.logo) : '',
        publisher: config.publisher.name,
        maxBytes: f.maxBytes,
        full,
        site,
      };
      jobs.push({ outputPath: route + FEED_FILES[format], renderer: `feed-${format}`, context: { feed: meta, articles: list }, origin: `the ${FEED_NAMES[format]} feed of ${origin}` });
    }
  };

  add(undefined, config.basePath, graph.articles, undefined, config.description || config.title, 'the site');
  const terms = (kind: TermKind, list: Term[]) => {
    if (!f[`${kind}s`]) return;
    for (const t of list) if (t.articles.length > 0) add(kind, t.url, t.articles, t.name, t.description || t.bio || `${config.title}: ${t.name}`, `the ${kind} "${t.name}"`);
  };
  terms('tag', graph.tags);
  terms('section', graph.sections);
  terms('author', graph.authors);
  return jobs;
};

function newest(articles: ArticleView[]): string | undefined {
  let best: { ms: number; iso: string } | undefined;
  for (const a of articles) {
    const iso = a.updated ?? a.date;
    const ms = Date.parse(iso);
    if (!best || ms > best.ms) best = { ms, iso };
  }
  return best?.iso;
}

/** An empty feed still needs a date; the clock is the only one there is. */
function isoNow(graph: SiteGraph, config: SiteConfig): string {
  return isoInZone(graph.now, config.timeZone);
}

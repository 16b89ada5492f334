import { htmlParser } from '../lazy-require.js';
import type { SiteConfig } from '../config/types.js';
import { asciiUrl } from '../parse/url.js';
import { withoutMarks } from '../model/live.js';
import type { ArticleFull, ArticleView } from '../model/types.js';

/** One article as every feed format sees it: absolute URLs, plain data. */
export interface FeedItem {
  /**
   * Stable identity (RSS guid, Atom id, JSON Feed id): the front matter `id` made absolute
   * (model/item-id.ts), else the article's absolute URL. RSS says isPermaLink="true" only when it
   * is the URL.
   */
  id: string;
  url: string;
  title: string;
  /** ISO 8601 with the site zone's offset. */
  date: string;
  updated?: string;
  authors: { name: string; url: string }[];
  tags: string[];
  section?: string;
  /** The editor's summary, or the opening of the body as plain text. */
  summary: string;
  /** The body with absolute URLs; empty when the feed carries summaries only. */
  html: string;
  /** The lead photo: its alt text, and its credit as plain text (its Markdown's words). */
  image?: { url: string; alt: string; credit?: string };
  /** The story's own language (front matter `language`): Atom's `xml:lang` on the entry, JSON Feed's item `language`. RSS has no place for it. */
  language?: string;
}

/** What a feed item's absolute URLs are made from. */
type SiteUrls = Pick<SiteConfig, 'baseUrl' | 'basePath'>;

const origins = new Map<string, string>();
/** The site's origin, parsed once per base URL: feeds and sitemaps ask for it once per article. */
export const origin = (config: SiteUrls): string => origins.get(config.baseUrl) ?? origins.set(config.baseUrl, new URL(config.baseUrl).origin).get(config.baseUrl)!;

/** A photo's src made absolute for a feed, a social card or JSON-LD, its other scripts and spaces percent-encoded. */
export function absolutePhotoUrl(config: SiteUrls, src: string): string {
  return asciiUrl(absoluteUrl(config, src));
}

/** An href as the site writes it ("/news/tags/x/") or a path or URL from config, made absolute. */
export function absoluteUrl(config: SiteUrls, href: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href)) return href;
  if (href.startsWith('/')) return href.startsWith(config.basePath) ? origin(config) + href : new URL(href.slice(1), config.baseUrl).href;
  return new URL(href, config.baseUrl).href;
}

export function toFeedItem(a: ArticleView & Partial<Pick<ArticleFull, 'html'>>, config: SiteUrls, full: boolean): FeedItem {
  const url = absoluteUrl(config, a.url);
  return {
    id: a.id ?? url,
    url,
    title: a.title,
    date: a.date,
    updated: a.updated,
    authors: a.authors.map((au) => ({ name: au.name, url: absoluteUrl(config, au.url) })),
    tags: a.tags.map((t) => t.name),
    section: a.section?.name,
    summary: a.summary || excerpt(a.html ?? '', 300),
    html: full && a.html ? absolutizeHtml(withoutMarks(a.html), url) : '',
    image: a.image ? { url: absolutePhotoUrl(config, a.image.src), alt: a.image.alt, ...(a.image.credit ? { credit: a.image.credit } : {}) } : undefined,
    language: a.language,
  };
}

const ATTR_URL = /(\s(?:href|src|poster)=")([^"]*)"/g;
const decodeAttr = (s: string) => s.replace(/&(amp|quot|lt|gt|#39|#x27);/g, (_, e: string) => ({ amp: '&', quot: '"', lt: '<', gt: '>', '#39': "'", '#x27': "'" })[e] ?? '');
const encodeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

/**
 * Feed readers show an item away from the site, so every link and image in it must be absolute.
 * The body is sanitize-html output, whose attributes are always double-quoted and escaped: a
 * pattern over `href="…"` and `src="…"` sees every URL in it.
 */
export function absolutizeHtml(html: string, pageUrl: string): string {
  return html.replace(ATTR_URL, (whole, head: string, value: string) => {
    const raw = decodeAttr(value).trim();
    if (raw === '' || /^[a-z][a-z0-9+.-]*:/i.test(raw)) return whole;
    try {
      return `${head}${encodeAttr(new URL(raw, pageUrl).href)}"`;
    } catch {
      return whole;
    }
  });
}

/** The first `max` characters of an HTML body's text, cut at a word where there is one. */
export function excerpt(html: string, max: number): string {
  let text = '';
  let skip = 0;
  const { Parser } = htmlParser();
  const parser = new Parser(
    {
      onopentag(name) {
        if (name === 'figure' || name === 'pre' || name === 'table') skip++;
        else if (!skip && /^(p|li|h[2-6]|blockquote|br)$/.test(name) && text && !text.endsWith(' ')) text += ' ';
      },
      onclosetag(name) {
        if (name === 'figure' || name === 'pre' || name === 'table') skip = Math.max(0, skip - 1);
      },
      ontext(t) {
        if (!skip && text.length <= max) text += t;
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  text = text.replace(/\s+/g, ' ').trim();
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,.;:–—-]+$/, '')}…`;
}

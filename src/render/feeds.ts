import { toFeedItem, type FeedItem } from '../plan/feed-items.js';
import type { ArticleFull, ArticleView } from '../model/types.js';
import type { FeedMeta } from '../plan/feeds.js';
import type { RenderJob } from '../plan/types.js';
import { cleanText, el, escapeXml, rfc822, XML_DECLARATION } from './xml.js';

/**
 * RSS 2.0, Atom 1.0 and JSON Feed 1.1 from a feed job's context ({feed, items}). Every text is
 * cleaned of characters XML cannot hold and escaped (no CDATA), so no title or body can break a
 * feed. Each feed is kept under `feed.maxBytes`: the oldest items fall back to their summaries,
 * then drop, until it fits.
 */
type ItemWriter = (item: FeedItem, full: boolean) => string;

const GENERATOR = 'dateline';

// An article sits in the site feed and in each of its tag, section and author feeds: make its item
// once, and write it once per format. Jobs reach a worker as copies, so items are found by the
// article's source and kept while its body (the same text) and its listing data are the same.
const items = new Map<string, { article: string; tags: string; html: string; item: FeedItem }>();
const MAX_ITEMS = 3000;
function itemsOf(job: RenderJob): FeedItem[] {
  const { feed, articles } = job.context as { feed: FeedMeta; articles: (ArticleView & Partial<Pick<ArticleFull, 'html'>>)[] };
  return articles.map((a) => {
    const key = `${feed.full}:${a.source}`;
    const html = a.html ?? '';
    const { html: _h, headings: _hd, related: _r, previous: _p, next: _n, tags, ...listing } = a as ArticleFull;
    const id = JSON.stringify(listing) + feed.site.baseUrl + feed.site.basePath;
    const tagText = tagsId(tags);
    const known = items.get(key);
    if (known && known.html === html && known.article === id && known.tags === tagText) {
      // The same text from now on: the next feed compares the two strings by their address alone.
      known.tags = tagText;
      return known.item;
    }
    const item = toFeedItem(a, feed.site, feed.full);
    // Bounded: a worker lives through many builds in watch mode.
    if (items.size >= MAX_ITEMS) items.clear();
    items.set(key, { article: id, tags: tagText, html, item });
    return item;
  });
}

// An article's tags as text, once per build rather than once per feed it is in: a story with 3,000
// tags sits in 9,000 tag feeds (3.8 s of the build at one text a feed). A build's views are new
// objects, never changed once made, so the array itself names its text.
const tagTexts = new WeakMap<object, string>();
function tagsId(tags: ArticleView['tags'] | undefined): string {
  if (!tags) return '';
  let s = tagTexts.get(tags);
  if (s === undefined) tagTexts.set(tags, (s = JSON.stringify(tags)));
  return s;
}

const written = new WeakMap<FeedItem, Map<string, string>>();
function cached(format: string, write: ItemWriter): ItemWriter {
  return (item, full) => {
    let byKey = written.get(item);
    if (!byKey) written.set(item, (byKey = new Map()));
    const key = `${format}:${full}`;
    let s = byKey.get(key);
    if (s === undefined) byKey.set(key, (s = write(item, full)));
    return s;
  };
}

/** The items' texts that fit in `budget` bytes, newest first, with as many full bodies as fit. */
export function fitItems(items: FeedItem[], write: ItemWriter, budget: number, separator = ''): string[] {
  const sep = Buffer.byteLength(separator);
  const parts = items.map((i) => write(i, i.html !== ''));
  const sizes = parts.map((p) => Buffer.byteLength(p) + sep);
  let total = sizes.reduce((a, b) => a + b, 0);
  for (let i = items.length - 1; i >= 0 && total > budget; i--) {
    if (items[i].html === '') continue;
    parts[i] = write(items[i], false);
    const size = Buffer.byteLength(parts[i]) + sep;
    total += size - sizes[i];
    sizes[i] = size;
  }
  let n = parts.length;
  while (n > 0 && total > budget) total -= sizes[--n];
  return parts.slice(0, n);
}

/**
 * The lead photo, as Media RSS (which Feedly, Inoreader, NetNewsWire and Slack read for an item's
 * picture; RSS's own `<enclosure>` needs the file's length and is meant for podcasts). Its alt
 * text is the description; its credit, as plain text, the `media:credit`. The same file as the
 * page's og:image, JSON-LD and JSON Feed `image`.
 */
const mediaContent = (i: FeedItem) =>
  i.image
    ? `<media:content url="${escapeXml(i.image.url)}" medium="image">${i.image.alt ? el('media:description', i.image.alt, { type: 'plain' }) : ''}${i.image.credit ? el('media:credit', i.image.credit) : ''}</media:content>`
    : '';

/** Non-empty lines, one element each: readable feeds, and a diff that shows which item changed. */
const lines = (list: string[]) => list.filter(Boolean).join('\n');

/** An XML feed: its head, as many items as fit in `maxBytes`, and its closing tags. */
function xmlFeed(head: string, tail: string, items: FeedItem[], write: ItemWriter, maxBytes: number): string {
  const parts = fitItems(items, write, maxBytes - Buffer.byteLength(head + tail) - 1, '\n');
  return [head, ...parts, tail].join('\n');
}

const rssItem = cached('rss', (i, full) =>
  lines([
    '<item>',
    el('title', i.title),
    el('link', i.url),
    el('guid', i.id, { isPermaLink: i.id === i.url ? 'true' : 'false' }),
    // RSS has one date: readers and aggregators take a changed pubDate for an update (Atom and
    // JSON Feed say `updated` apart). The order of the items stays that of `date` (the graph's).
    el('pubDate', rfc822(i.updated ?? i.date)),
    ...i.authors.map((a) => el('dc:creator', a.name)),
    ...i.tags.map((t) => el('category', t)),
    el('description', i.summary),
    mediaContent(i),
    full ? el('content:encoded', i.html) : '',
    '</item>',
  ]),
);

function rss(job: RenderJob): string {
  const feed = job.context.feed as FeedMeta;
  const items = itemsOf(job);
  const head = lines([
    XML_DECLARATION.trimEnd(),
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:media="http://search.yahoo.com/mrss/">',
    '<channel>',
    el('title', feed.title),
    el('link', feed.pageUrl),
    el('description', feed.description || feed.title),
    el('language', feed.language),
    el('lastBuildDate', rfc822(feed.updated)),
    el('generator', GENERATOR),
    `<atom:link href="${escapeXml(feed.selfUrl)}" rel="self" type="application/rss+xml"/>`,
    feed.logo ? `<image>${el('url', feed.logo)}${el('title', feed.title)}${el('link', feed.pageUrl)}</image>` : '',
  ]);
  return xmlFeed(head, '</channel>\n</rss>\n', items, rssItem, feed.maxBytes);
}

const atomItem = cached('atom', (i, full) =>
  lines([
    i.language ? `<entry xml:lang="${escapeXml(i.language)}">` : '<entry>',
    el('id', i.id),
    el('title', i.title, { type: 'text' }),
    `<link rel="alternate" type="text/html" href="${escapeXml(i.url)}"/>`,
    el('published', i.date),
    el('updated', i.updated ?? i.date),
    ...i.authors.map((a) => `<author>${el('name', a.name)}${el('uri', a.url)}</author>`),
    ...i.tags.map((t) => `<category term="${escapeXml(t)}"/>`),
    el('summary', i.summary, { type: 'text' }),
    mediaContent(i),
    full ? el('content', i.html, { type: 'html' }) : '',
    '</entry>',
  ]),
);

function atom(job: RenderJob): string {
  const feed = job.context.feed as FeedMeta;
  const items = itemsOf(job);
  const head = lines([
    XML_DECLARATION.trimEnd(),
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeXml(feed.language)}" xmlns:media="http://search.yahoo.com/mrss/">`,
    el('id', feed.selfUrl),
    el('title', feed.title, { type: 'text' }),
    el('subtitle', feed.description, { type: 'text' }),
    el('updated', feed.updated),
    `<link rel="self" type="application/atom+xml" href="${escapeXml(feed.selfUrl)}"/>`,
    `<link rel="alternate" type="text/html" href="${escapeXml(feed.pageUrl)}"/>`,
    // Atom needs an author for every entry; the feed's stands in for an entry without a byline.
    `<author>${el('name', feed.publisher)}</author>`,
    el('generator', GENERATOR),
    el('logo', feed.logo),
  ]);
  return xmlFeed(head, '</feed>\n', items, atomItem, feed.maxBytes);
}

/** JSON.stringify, minus the characters XML cannot hold: a JSON feed is often turned into XML. */
const clean = (_key: string, v: unknown) => (typeof v === 'string' ? cleanText(v) : v);

const jsonItem = cached('json', (i, full) =>
  JSON.stringify(
    {
      id: i.id,
      url: i.url,
      title: i.title,
      ...(full ? { content_html: i.html } : { content_text: i.summary || i.title }),
      summary: i.summary || undefined,
      image: i.image?.url,
      date_published: i.date,
      date_modified: i.updated,
      authors: i.authors.length ? i.authors : undefined,
      tags: i.tags.length ? i.tags : undefined,
      language: i.language,
    },
    clean,
  ),
);

function jsonFeed(job: RenderJob): string {
  const feed = job.context.feed as FeedMeta;
  const items = itemsOf(job);
  const meta = JSON.stringify(
    {
      version: 'https://jsonfeed.org/version/1.1',
      title: feed.title,
      home_page_url: feed.pageUrl,
      feed_url: feed.selfUrl,
      description: feed.description || undefined,
      language: feed.language,
      icon: feed.logo || undefined,
      authors: [{ name: feed.publisher }],
    },
    clean,
  );
  const head = `${meta.slice(0, -1)},"items":[`;
  const tail = ']}\n';
  const parts = fitItems(items, jsonItem, feed.maxBytes - Buffer.byteLength(head + tail), ',');
  return head + parts.join(',') + tail;
}

export const FEED_RENDERERS: Record<string, (job: RenderJob) => string> = {
  'feed-rss': rss,
  'feed-atom': atom,
  'feed-json': jsonFeed,
};

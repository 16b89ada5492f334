import type { SiteConfig } from '../config/types.js';
import { hrefFor } from '../model/routes.js';
import type { ArticleView, SiteGraph, Term } from '../model/types.js';
import { absoluteUrl } from './feed-items.js';
import { newsLanguage } from '../config/language.js';
import type { Planner } from './plan.js';
import type { RenderJob } from './types.js';

export interface SitemapUrl {
  loc: string;
  /** W3C date-time with offset. */
  lastmod?: string;
}

export interface NewsUrl {
  loc: string;
  title: string;
  date: string;
  /** The story's own language (front matter `language`) as Google News writes it, when it is not the publication's. */
  language?: string;
}

/** Google News lists articles from the last two days only. */
export const NEWS_WINDOW_MS = 48 * 3600_000;

const lastChange = (a: Pick<ArticleView, 'date' | 'dateMs' | 'updated' | 'updatedMs'>) =>
  a.updated && a.updatedMs !== undefined && a.updatedMs > a.dateMs ? { ms: a.updatedMs, iso: a.updated } : { ms: a.dateMs, iso: a.date };

function newestChange(articles: ArticleView[]): string | undefined {
  let best: { ms: number; iso: string } | undefined;
  for (const a of articles) {
    const c = lastChange(a);
    if (!best || c.ms > best.ms) best = c;
  }
  return best?.iso;
}

/** Every page a search engine should know, first page of each listing only, in a stable order. */
function siteUrls(graph: SiteGraph, config: SiteConfig): SitemapUrl[] {
  const abs = (href: string) => absoluteUrl(config, href);
  const urls: SitemapUrl[] = [{ loc: abs(config.basePath), lastmod: newestChange(graph.articles) }];
  for (const a of graph.articles) urls.push({ loc: abs(a.url), lastmod: lastChange(a).iso });
  for (const p of graph.pages) urls.push({ loc: abs(p.url), lastmod: p.updated });
  const terms = (list: Term[]) => {
    for (const t of list) if (t.articles.length > 0) urls.push({ loc: abs(t.url), lastmod: newestChange(t.articles) });
  };
  terms(graph.sections);
  terms(graph.tags);
  terms(graph.authors);
  // The same conditions as the tags and authors index pages in plan.ts.
  const tagsRoute = config.permalinks.tag.split('{tag}')[0];
  const authorsRoute = config.permalinks.author.split('{author}')[0];
  if (tagsRoute !== '/' && graph.tags.length > 0) urls.push({ loc: abs(hrefFor(config.basePath, tagsRoute)) });
  if (authorsRoute !== '/' && graph.authors.length > 0) urls.push({ loc: abs(hrefFor(config.basePath, authorsRoute)) });
  if (graph.years.length > 0) urls.push({ loc: abs(hrefFor(config.basePath, '/archive/')), lastmod: newestChange(graph.articles) });
  for (const y of graph.years) {
    urls.push({ loc: abs(y.url), lastmod: newestChange(y.articles) });
    for (const m of y.months) urls.push({ loc: abs(m.url), lastmod: newestChange(m.articles) });
  }
  return urls;
}

/**
 * `file` (sitemap.xml) lists the URLs; above `max` of them it becomes an index of `stem-1.xml`,
 * `stem-2.xml`… so the file robots.txt names stays the same whatever the size of the archive.
 */
function split<T extends { loc: string }>(
  entries: T[],
  max: number,
  stem: string,
  config: SiteConfig,
  job: (outputPath: string, entries: T[]) => RenderJob,
  lastmodOf: (chunk: T[]) => string | undefined,
): RenderJob[] {
  if (entries.length <= max) return [job(`${stem}.xml`, entries)];
  const jobs: RenderJob[] = [];
  const index: SitemapUrl[] = [];
  for (let i = 0, n = 1; i < entries.length; i += max, n++) {
    const chunk = entries.slice(i, i + max);
    jobs.push(job(`${stem}-${n}.xml`, chunk));
    index.push({ loc: absoluteUrl(config, hrefFor(config.basePath, `${stem}-${n}.xml`)), lastmod: lastmodOf(chunk) });
  }
  jobs.unshift({ outputPath: `${stem}.xml`, renderer: 'sitemap-index', context: { sitemaps: index }, origin: `the ${stem} index` });
  return jobs;
}

const maxIso = (list: (string | undefined)[]): string | undefined => {
  let best: { ms: number; iso: string } | undefined;
  for (const iso of list) if (iso && (!best || Date.parse(iso) > best.ms)) best = { ms: Date.parse(iso), iso };
  return best?.iso;
};

export const planSitemap: Planner = (graph, config) => {
  if (!config.sitemap.enabled) return [];
  return split(
    siteUrls(graph, config),
    config.sitemap.maxUrls,
    'sitemap',
    config,
    (outputPath, urls) => ({ outputPath, renderer: 'sitemap', context: { urls }, origin: 'the sitemap' }),
    (chunk) => maxIso(chunk.map((u) => u.lastmod)),
  );
};

/** Articles published in the two days up to the build's clock, newest first; none is fine. */
export function newsArticles(graph: SiteGraph): ArticleView[] {
  return graph.articles.filter((a) => a.dateMs <= graph.now && a.dateMs > graph.now - NEWS_WINDOW_MS);
}

export const planNewsSitemap: Planner = (graph, config) => {
  const n = config.newsSitemap;
  if (!n.enabled) return [];
  const publication = { name: n.publicationName, language: n.language };
  // Google News takes `news:language` for the article's language: a story in another language
  // than the site's says its own.
  const urls: NewsUrl[] = newsArticles(graph).map((a) => {
    const language = a.language ? newsLanguage(a.language) : undefined;
    return { loc: absoluteUrl(config, a.url), title: a.title, date: a.date, ...(language && language !== n.language ? { language } : {}) };
  });
  return split(
    urls,
    n.maxUrls,
    'news-sitemap',
    config,
    (outputPath, chunk) => ({ outputPath, renderer: 'news-sitemap', context: { publication, urls: chunk }, origin: 'the news sitemap' }),
    (chunk) => maxIso(chunk.map((u) => u.date)),
  );
};

import type { NewsUrl, SitemapUrl } from '../plan/sitemaps.js';
import type { RenderJob } from '../plan/types.js';
import { el, XML_DECLARATION } from './xml.js';

/** The sitemaps protocol (sitemaps.org 0.9) and Google's News sitemap extension. */
const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const NEWS_NS = 'http://www.google.com/schemas/sitemap-news/0.9';

function sitemap(job: RenderJob): string {
  const urls = job.context.urls as SitemapUrl[];
  const body = urls.map((u) => `<url>${el('loc', u.loc)}${el('lastmod', u.lastmod)}</url>\n`).join('');
  return `${XML_DECLARATION}<urlset xmlns="${SITEMAP_NS}">\n${body}</urlset>\n`;
}

function sitemapIndex(job: RenderJob): string {
  const maps = job.context.sitemaps as SitemapUrl[];
  const body = maps.map((u) => `<sitemap>${el('loc', u.loc)}${el('lastmod', u.lastmod)}</sitemap>\n`).join('');
  return `${XML_DECLARATION}<sitemapindex xmlns="${SITEMAP_NS}">\n${body}</sitemapindex>\n`;
}

function newsSitemap(job: RenderJob): string {
  const { publication, urls } = job.context as { publication: { name: string; language: string }; urls: NewsUrl[] };
  const pubOf = (language: string) => `<news:publication>${el('news:name', publication.name)}${el('news:language', language)}</news:publication>`;
  const pub = pubOf(publication.language);
  const body = urls
    .map((u) => `<url>${el('loc', u.loc)}<news:news>${u.language ? pubOf(u.language) : pub}${el('news:publication_date', u.date)}${el('news:title', u.title)}</news:news></url>\n`)
    .join('');
  return `${XML_DECLARATION}<urlset xmlns="${SITEMAP_NS}" xmlns:news="${NEWS_NS}">\n${body}</urlset>\n`;
}

export const SITEMAP_RENDERERS: Record<string, (job: RenderJob) => string> = {
  sitemap,
  'sitemap-index': sitemapIndex,
  'news-sitemap': newsSitemap,
};

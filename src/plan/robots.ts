import { hrefFor } from '../model/routes.js';
import { absoluteUrl } from './feed-items.js';
import type { Planner } from './plan.js';
import type { RenderJob } from './types.js';

/**
 * robots.txt: every crawler welcome except on the configured paths, and pointed at the sitemaps.
 * Crawlers read it only at the root of a host: a site served under a sub-path must copy it there.
 * A preview or a `--noindex` build (publish/preview.ts) keeps every crawler out of the whole host, whatever the config
 * says: the config's own lines could open a group for one crawler, which would then ignore `*`.
 */
export const planRobots: Planner = (graph, config) => {
  if (graph.preview) return [robotsJob('User-agent: *\nDisallow: /\n')];
  const r = config.robots;
  if (!r.enabled) return [];
  const clean = (s: string) => s.replace(/[\r\n]+/g, ' ').trim();
  const lines = ['User-agent: *'];
  if (r.disallow.length === 0) lines.push('Disallow:');
  // Patterns keep their `*` and `$`: only the site's base path goes in front. Crawlers compare
  // percent-encoded paths (RFC 9309): a space or other script is encoded, once.
  const encoded = (p: string) => clean(p).replace(/%(?![0-9A-Fa-f]{2})|[^\w\-.~!$&'()*+,;=:@/?%#]/gu, (c) => encodeURIComponent(c));
  for (const p of r.disallow) lines.push(`Disallow: ${encoded(p.startsWith('/') ? config.basePath + p.slice(1) : p)}`);
  if (r.lines.length) lines.push('', ...r.lines.map(clean));
  const maps = [config.sitemap.enabled && 'sitemap.xml', config.newsSitemap.enabled && 'news-sitemap.xml'].filter((m): m is string => !!m);
  if (maps.length) lines.push('', ...maps.map((m) => `Sitemap: ${absoluteUrl(config, hrefFor(config.basePath, m))}`));
  return [robotsJob(`${lines.join('\n')}\n`)];
};

const robotsJob = (text: string): RenderJob => ({ outputPath: 'robots.txt', renderer: 'text', context: { text }, origin: 'robots.txt' });

import type { SiteConfig } from '../config/types.js';
import { slugify, termKey } from '../parse/slug.js';
import { partsInZone } from '../validate/dates.js';
import { expand } from './routes.js';

/**
 * The route of an article or a standalone page ("/2024/06/30/flood-defences/"): its permalink
 * pattern filled from its front matter. `section` is the slug of its section's page; without one
 * an article's `{section}` is "news".
 */
export function contentRoute(permalinks: SiteConfig['permalinks'], kind: 'article' | 'page', meta: { slug: string; date?: { iso: string } }, section: string | undefined, dateless?: string): string {
  if (kind === 'page' || (!meta.date && dateless === undefined)) return expand(permalinks.page, { slug: meta.slug });
  // `dateless`: what stands for the date parts of an article whose date could not be read (model/failed.ts).
  const { yyyy, mm, dd } = meta.date ? partsInZone(meta.date.iso) : { yyyy: dateless!, mm: dateless!, dd: dateless! };
  return expand(permalinks.article, { yyyy, mm, dd, slug: meta.slug, section: section ?? 'news' });
}

/**
 * The slug of a section's page as one article can know it, without the others: the config's entry
 * for the name, else the name's own slug. The site graph agrees, except for a section the config
 * does not list that articles spell two ways whose slugs differ (`Straße`, `STRASSE`): there the
 * first article's spelling names the page (model/graph.ts).
 */
export function sectionSlugOf(name: string, sections: SiteConfig['sections']): string | undefined {
  const key = termKey(name);
  const entry = sections.find((s) => termKey(s.name) === key);
  return slugify(entry ? (entry.slug ?? entry.name) : name) || undefined;
}

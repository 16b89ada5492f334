import { readFileSync } from 'node:fs';
import type { SiteConfig } from '../config/types.js';
import { hashText } from '../discover/source-kind.js';
import { partialMeta, type Article } from '../parse/source.js';
import { aliasRoute } from '../publish/redirects.js';
import { isPublished, type GraphOptions } from './graph.js';
import { contentRoute, sectionSlugOf } from './content-route.js';
import { outputFor } from './routes.js';

/**
 * Content files that failed validation in this build. They are not published, but they are there:
 * a `related` that names one, or a link to its page, is no mistake of its own (the file's error is
 * the one to fix, and a report of the link would send the editor after a page that is only
 * missing until then). The checks count them as present; nothing else sees them.
 */
export interface FailedContent {
  /** Slugs of the articles among them that would be published. */
  slugs: Set<string>;
  /** Output paths their pages would have, where known whole (a page's, an alias's). */
  paths: Set<string>;
  /** Output paths with a part the file's mistake leaves unknown (the date of `date: 2024-02-30`). */
  patterns: RegExp[];
  /**
   * The ones whose title, date and slug were read, as far as they were (no body), with other tools'
   * keys among their fields: their `url:` or `publishDate:` is said in the same run as their own
   * mistakes (plan/migrated.ts), not in the build after they are mended.
   */
  articles: Article[];
}

export function emptyFailed(): FailedContent {
  return { slugs: new Set(), paths: new Set(), patterns: [], articles: [] };
}

/** Whether a failed file would have a page at this output path. */
export function isFailedPath(failed: FailedContent, outPath: string): boolean {
  return failed.paths.has(outPath) || failed.patterns.some((p) => p.test(outPath));
}

/** A URL part the front matter does not tell (a date that is no date): any one path segment. */
const UNKNOWN = '\u0000';

/**
 * Reads the files that failed again (a few, in a failed build only) for where their pages would
 * be. A draft, or an article whose date is still to come (or which has expired), would not be
 * published anyway: a link to it is broken either way.
 */
export function failedContent(files: readonly { path: string; abs: string; kind: Article['kind'] }[], config: SiteConfig, o: GraphOptions, into: FailedContent = emptyFailed()): FailedContent {
  const datedUrls = config.permalinks.article.includes('{yyyy}');
  for (const f of files) {
    let text: string;
    try {
      text = readFileSync(f.abs, 'utf8');
    } catch {
      continue;
    }
    const meta = partialMeta({ path: f.path, kind: f.kind, text, hash: hashText(text) }, { timeZone: config.timeZone, defaultAuthor: config.defaultAuthor, datedUrls });
    if (!meta.slug || !isPublished({ meta } as Article, o)) continue;
    if (f.kind === 'article') into.slugs.add(meta.slug);
    if (meta.date && meta.title && Object.keys(meta.extra).length > 0) into.articles.push({ source: f.path, hash: hashText(text), kind: f.kind, meta, html: '', headings: [], words: 0, cjkChars: 0 });
    const section = meta.section === undefined ? undefined : (sectionSlugOf(meta.section, config.sections) ?? UNKNOWN);
    const route = contentRoute(config.permalinks, f.kind, meta, section, UNKNOWN);
    const out = outputFor(route);
    if (out.includes(UNKNOWN)) into.patterns.push(new RegExp(`^${out.split(UNKNOWN).map(escape).join('[^/]+')}$`));
    else into.paths.add(out);
    for (const alias of meta.aliases) {
      const checked = aliasRoute(alias);
      if (!('error' in checked)) into.paths.add(outputFor(checked.route));
    }
  }
  return into;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

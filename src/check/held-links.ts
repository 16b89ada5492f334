import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { SiteConfig } from '../config/types.js';
import { error, type Diagnostic } from '../errors/diagnostic.js';
import { contentRoute, sectionSlugOf } from '../model/content-route.js';
import { isPublished, type GraphOptions } from '../model/graph.js';
import { hrefFor, hrefForDecoded } from '../model/routes.js';
import type { Article } from '../parse/source.js';
import { tryDecodeURI } from '../parse/url.js';
import { isoInZone } from '../validate/dates.js';
import { linkInBody } from './links.js';

/** A story the build holds back whose address a link would make public: scheduled (`ms`) or a draft. */
interface Held {
  file: string;
  url: string;
  ms?: number;
}

/**
 * A link's page on the site, the same for every way of writing it: a site path or a full URL on
 * the site's host, with or without its trailing slash or `index.html`, its query or fragment,
 * percent-encoded or not, in any case. Undefined for a link elsewhere.
 */
export function pageKey(href: string, base: URL): string | undefined {
  let p: string;
  if (href.startsWith('/') && !href.startsWith('//')) p = href;
  else {
    let u: URL;
    try {
      u = new URL(href);
    } catch {
      return undefined;
    }
    if (!/^https?:$/.test(u.protocol) || u.host !== base.host) return undefined;
    p = u.pathname;
  }
  p = p.replace(/[?#].*$/, '');
  return (tryDecodeURI(p) ?? p).normalize('NFC').toLowerCase().replace(/\/index\.html?$/, '/').replace(/\/+$/, '');
}

/**
 * The links of published stories and pages to one the build holds back: a scheduled story (its
 * `date` still to come) or, without `--drafts`, a draft. The link is in the published page and in
 * the feeds, so the held story's address (often its headline) is public before it is, and readers
 * who follow it find no page. Said at the link's line, with the story and when it goes live.
 * A `related` slug naming such a story is no leak: it is listed from the build that publishes it.
 *
 * Costs nothing unless something is held back and a published body links within the site: a Set
 * of the held pages' addresses, and one lookup per link.
 */
export function heldLinkProblems(articles: readonly Article[], config: SiteConfig, o: GraphOptions, siteDir: string): Diagnostic[] {
  const base = new URL(config.baseUrl);
  const held = heldPages(articles, config, o, base);
  if (held.size === 0) return [];
  const out: Diagnostic[] = [];
  for (const a of articles) {
    if (!a.links || !isPublished(a, o)) continue;
    for (const href of a.links) {
      const key = pageKey(href, base);
      const target = key === undefined ? undefined : held.get(key);
      if (!target || target.file === a.source) continue;
      out.push(placed(diagnostic(a.source, href, target, config), href, config.basePath, siteDir));
    }
  }
  return out;
}

/**
 * Whether a link (as a page has it) is to a story the build holds back: `check` says such a link
 * as heldLinkProblems does, at its line, not as a generic broken link.
 */
export function heldLinkTest(articles: readonly Article[], config: SiteConfig, o: GraphOptions): (href: string) => boolean {
  const base = new URL(config.baseUrl);
  const held = heldPages(articles, config, o, base);
  if (held.size === 0) return () => false;
  // Only the links heldLinkProblems can say (a site path or a full URL): a relative one
  // (`../2030/06/01/scoop/`) is not collected from bodies, and stays a broken link to `check`.
  return (href) => {
    if (!(href.startsWith('/') && !href.startsWith('//')) && !/^https?:/i.test(href)) return false;
    const key = pageKey(href, base);
    return key !== undefined && held.has(key);
  };
}

/** Every held story's address and its aliases, by pageKey. */
function heldPages(articles: readonly Article[], config: SiteConfig, o: GraphOptions, base: URL): Map<string, Held> {
  const held = new Map<string, Held>();
  const sectioned = config.permalinks.article.includes('{section}');
  const routeOf = (a: Article) => (a.kind === 'article' && !a.meta.date ? undefined : contentRoute(config.permalinks, a.kind, a.meta, sectioned && a.meta.section ? sectionSlugOf(a.meta.section, config.sections) : undefined));
  const keysOf = (a: Article, url: string) => [url, ...(a.meta.aliases ?? []).map((al) => hrefForDecoded(config.basePath, al))].map((href) => pageKey(href, base)).filter((k): k is string => k !== undefined);
  for (const a of articles) {
    const m = a.meta;
    const draft = !!m.draft && !o.drafts;
    const scheduled = !draft && !o.future && m.date !== undefined && m.date.ms > o.now;
    // Held back and never taken down first: an expired or withdrawn story's address was public already, or is gone.
    if (!(draft || scheduled) || m.withdrawn || (m.expires && m.expires.ms <= o.now)) continue;
    if (isPublished(a, o)) continue;
    const route = routeOf(a);
    if (route === undefined) continue;
    const entry: Held = { file: a.source, url: hrefFor(config.basePath, route), ...(scheduled ? { ms: m.date!.ms } : {}) };
    for (const key of keysOf(a, entry.url)) if (!held.has(key)) held.set(key, entry);
  }
  // An address a published story has too is no leak (a draft of a rewrite, copied with the
  // story's slug and date): the link leads to the page that is there.
  if (held.size > 0) {
    for (const a of articles) {
      if (!isPublished(a, o)) continue;
      const route = routeOf(a);
      if (route !== undefined) for (const key of keysOf(a, hrefFor(config.basePath, route))) held.delete(key);
    }
  }
  return held;
}

/** An error: the link would put a held story's address in what is published (check and build alike). */
function diagnostic(file: string, href: string, target: Held, config: SiteConfig): Diagnostic {
  const page = `readers who followed it would find no page, and the story's address (${target.url}) would be public before the story is`;
  if (target.ms !== undefined) {
    const at = `${isoInZone(target.ms, config.timeZone)} (${config.timeZone})`;
    return error('LINK_TO_SCHEDULED', `${file} links to ${href}, the address of ${target.file}, which is scheduled for ${at}: the link would be on this published page and in the feeds now, so ${page}.`, {
      file,
      hint: `Remove the link until ${at}, then put it back; or name the story in \`related:\` (its slug), which is listed from the build that publishes it.`,
    });
  }
  return error('LINK_TO_DRAFT', `${file} links to ${href}, the address of ${target.file}, which is a draft (\`draft: true\`): the link would be on this published page and in the feeds now, so ${page}.`, {
    file,
    hint: `Remove the link until ${target.file} is published, or publish it first (delete its \`draft: true\` line).`,
  });
}

/** At the link's line and column in the body. */
function placed(d: Diagnostic, href: string, basePath: string, siteDir: string): Diagnostic {
  let text: string;
  try {
    text = readFileSync(path.join(siteDir, ...d.file!.split('/')), 'utf8');
  } catch {
    return d;
  }
  const at = linkInBody(text, href, basePath);
  return at ? { ...d, ...at } : d;
}

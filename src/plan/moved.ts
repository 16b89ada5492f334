import type { SiteConfig } from '../config/types.js';
import { warning, type Diagnostic } from '../errors/diagnostic.js';
import type { GraphOptions } from '../model/graph.js';
import type { SiteGraph } from '../model/types.js';
import { isoInZone } from '../validate/dates.js';
import { contentRoute, sectionSlugOf } from '../model/content-route.js';
import { outputFor } from '../model/routes.js';
import { aliasRoute } from '../publish/redirects.js';
import type { Article } from '../parse/source.js';
import { atFrontMatterKey } from '../validate/key-line.js';

/**
 * Stories and pages whose address changed since the last build of this output folder, with
 * nothing left at the old one: a new `slug`, a corrected date or section, or a renamed file (found
 * by its `id`, or by the same headline and date). Links from search engines, social posts and
 * other sites to the old address would break without a word, so each gets a warning with the
 * `aliases` line that keeps it. Only a build that knows the last one (a cache, or a watch session)
 * can tell; `wasWritten` says whether a page was in the output folder.
 */
export function movedStories(before: readonly Article[], now: readonly Article[], graph: SiteGraph, config: SiteConfig, siteDir: string, wasWritten: (outputPath: string) => boolean, isNew: (source: string) => boolean): Diagnostic[] {
  if (before.length === 0) return [];
  const current = new Map<string, { url: string; outputPath: string; aliases: readonly string[] }>();
  // A withdrawn story keeps its address: its notice is there.
  for (const v of [...graph.articles, ...graph.pages, ...graph.withdrawn]) current.set(v.source, { url: v.url, outputPath: v.outputPath, aliases: v.aliases ?? [] });
  const outputs = new Set<string>([...graph.articles, ...graph.pages, ...graph.withdrawn].map((a) => a.outputPath));
  const bySource = new Map(now.map((a) => [a.source, a]));
  // A renamed file: the old one is gone and a new one has its id, or its headline and date.
  const gone = before.filter((a) => !bySource.has(a.source));
  const matchKey = (a: Article) => (a.meta.id !== undefined ? `id:${String(a.meta.id)}` : `t:${a.meta.title}\n${a.meta.date?.ms ?? ''}`);
  const added = new Map<string, Article | null>();
  if (gone.length > 0) {
    // Only a file new to this build can be the renamed one: a story that was there before and did
    // not change is not (a deleted copy of it did not move it).
    for (const a of now) {
      if (!isNew(a.source)) continue;
      const k = matchKey(a);
      // Two new files that would match the same old one: neither is taken for it.
      added.set(k, added.has(k) ? null : a);
    }
  }
  const out: Diagnostic[] = [];
  for (const old of before) {
    const successor = bySource.get(old.source) ?? added.get(matchKey(old)) ?? undefined;
    if (!successor) continue;
    const now = current.get(successor.source);
    if (!now) continue;
    const oldRoute = routeOf(old, config);
    if (!oldRoute) continue;
    const oldOutput = outputFor(oldRoute);
    if (oldOutput === now.outputPath || !wasWritten(oldOutput) || outputs.has(oldOutput)) continue;
    if (now.aliases.some((al) => {
      const r = aliasRoute(al);
      return 'route' in r && outputFor(r.route) === oldOutput;
    })) continue;
    const m = successor.meta;
    const renamed = successor.source !== old.source;
    let d = warning('URL_CHANGED', `"${m.title}" was published at ${oldRoute}${renamed ? ` (from ${old.source})` : ''}; it is now at /${now.outputPath.replace(/index\.html$/, '')}, and links to the old address (search results, shared posts, other stories) would break.`, {
      file: successor.source,
      hint:
        (m.aliases.length > 0 ? `Add '${oldRoute}' to its \`aliases\`, which makes a redirect from there.` : `Keep the old address as a redirect: add the line \`aliases: ['${oldRoute}']\`.`) +
        // Its feed id was its URL: feed readers would show it again as a new story.
        (m.id === undefined && old.meta.id === undefined ? ` Add \`id: '${oldRoute}'\` too, so that feed readers do not show it again as a new story.` : ''),
    });
    // At the field that moved it, when the file says which.
    if (!renamed) {
      const keys = [old.meta.date?.iso !== m.date?.iso ? 'date' : '', old.meta.section !== m.section ? 'section' : '', 'slug'].filter(Boolean);
      for (const key of keys) if (d.line === undefined) d = atFrontMatterKey(d, key, siteDir);
    }
    out.push(d);
  }
  return out;
}

/**
 * Stories the last build of this output folder published that this one holds back because their
 * `date` is now to come: a year typed wrong takes a live story down with no more than a line in
 * the held-back list. Said once, by the build that takes it down, at its `date` line. A story given
 * `draft: true` or an `expires` that has passed was taken down on purpose, and is not warned.
 */
export function redatedIntoFuture(before: readonly Article[], now: readonly Article[], graph: SiteGraph, config: SiteConfig, o: GraphOptions, siteDir: string, wasWritten: (outputPath: string) => boolean): Diagnostic[] {
  const published = new Set([...graph.articles, ...graph.pages].map((v) => v.source));
  const bySource = new Map(now.map((a) => [a.source, a]));
  const out: Diagnostic[] = [];
  for (const old of before) {
    const a = bySource.get(old.source);
    if (!a || published.has(a.source) || !a.meta.date || a.meta.date.ms <= o.now || a.meta.draft) continue;
    if (!old.meta.date || old.meta.date.ms > o.now) continue;
    const oldRoute = routeOf(old, config);
    if (!oldRoute || !wasWritten(outputFor(oldRoute))) continue;
    const d = warning('TAKEN_DOWN_BY_DATE', `"${a.meta.title}" was published at ${oldRoute}; its \`date\` is now ${isoInZone(a.meta.date.ms, config.timeZone)}, still to come, so this build takes it off the site until then.`, {
      file: a.source,
      hint: `If the date was typed wrong, write the time it was published: \`date: ${isoInZone(old.meta.date.ms, config.timeZone).slice(0, 16).replace('T', ' ')}\`. To hold it back until then on purpose, leave it; this is said once.`,
    });
    out.push(atFrontMatterKey(d, 'date', siteDir));
  }
  return out;
}

/** The route (before the base path) an article or page had, worked out as the model does. */
function routeOf(a: Article, config: SiteConfig): string | undefined {
  if (a.kind === 'article' && !a.meta.date) return undefined;
  return contentRoute(config.permalinks, a.kind, a.meta, a.meta.section ? sectionSlugOf(a.meta.section, config.sections) : undefined);
}

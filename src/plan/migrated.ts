import type { SiteConfig } from '../config/types.js';
import { error, warning, type Diagnostic } from '../errors/diagnostic.js';
import { buildGraph, isPublished, type GraphOptions } from '../model/graph.js';
import { outputFor } from '../model/routes.js';
import type { Article } from '../parse/source.js';
import { aliasRoute } from '../publish/redirects.js';
import { isoInZone, parseSiteDate } from '../validate/dates.js';
import { atFrontMatterKey } from '../validate/key-line.js';
import { isPublicationTimeKey, isPublishDateKey, oldAddress, shown } from '../validate/other-tools.js';

/**
 * Fields of the tools a site moved from whose harm depends on the build's clock or on the URLs the
 * site makes, which a file's own check (validate/article.ts, cached by the file's text) knows
 * neither of:
 * - another tool's publication time (Hugo's `publishDate`): one still to come, after `date`, would
 *   be published at `date` (now, as a rule): an error; one that has passed does nothing; and so
 *   for a key whose name says it is the time of publication (`release_date`, `lift_time`): one
 *   still to come is an error, one that has passed is the site's own field;
 * - another tool's address for the story (Hugo's `url`, Jekyll's `permalink`): links to it break
 *   when dateline puts the story elsewhere, unless an alias keeps it: an error.
 * Published and scheduled articles and live pages: a scheduled story's mistake is said now, not
 * by the build that publishes it. Each at its key's line.
 */
export function migratedProblems(articles: readonly Article[], config: SiteConfig, o: GraphOptions, siteDir: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const moved: Moved[] = [];
  for (const a of articles) {
    const keys = Object.keys(a.meta.extra);
    // Scheduled ones too, pages as articles: a mistake is said now, not by the build that publishes it.
    if (keys.length === 0 || !isPublished(a, { ...o, future: true })) continue;
    for (const key of keys) {
      const v = a.meta.extra[key];
      const known = isPublishDateKey(key, v);
      const time = known || isPublicationTimeKey(key) ? publishTime(a, key, v, config, o, known) : undefined;
      if (time) out.push(atFrontMatterKey(time, key, siteDir));
      const path = oldAddress(key, v);
      if (path) moved.push({ article: a, key, path, written: shown(v).trim() });
    }
  }
  for (const [d, key] of oldAddresses(moved, config, o)) out.push(atFrontMatterKey(d, key, siteDir));
  return out;
}

/**
 * Another tool's publication time. dateline publishes an article, or a standalone page, at its
 * `date`: a later time still to come would be missed (the story would go out at `date`), so it
 * belongs in `date`. A page without a `date` is published as soon as it is built. `known`: a key
 * of another tool's (`publishDate`), which gets a warning when it has passed; a key that only
 * looks like one (`release_date`) is then the site's own, and gets none.
 */
function publishTime(a: Article, key: string, v: unknown, config: SiteConfig, o: GraphOptions, known: boolean): Diagnostic | undefined {
  const at = parseSiteDate(v, config.timeZone);
  // Not a date: the file's own check said so.
  if ('error' in at) return undefined;
  const file = a.source;
  const now = isoInZone(o.now, config.timeZone);
  const written = `\`${key}: ${shown(v)}\``;
  const date = a.meta.date;
  // A field of the site's own that happens to hold a date (a film's `release_date`): renamed, it stays.
  const own = known || !/releas/i.test(key) ? '' : `; if it is a date of your own for templates (a film's release), give the key a name that says so, such as \`film_${key}\``;
  // Words that name other things as often (a film's release, a match's schedule): a warning the
  // desk reads, where a key only of going-out words (go_live, hold_until) stops the build.
  const say = !known && /releas|schedul/i.test(key) ? warning : error;
  if (!date) {
    if (a.kind !== 'page') return undefined;
    if (at.ms > o.now) return say('UNKNOWN_KEY', `${written} does not hold the page back in dateline: as written, it would be published now (${now}).`, { file, hint: `Rename \`${key}\` to \`date\`: a page is held back until its \`date\`${own}.` });
    if (!known) return undefined;
    return warning('UNKNOWN_KEY', `\`${key}\` is not a field dateline knows: a page without a \`date\` is published as soon as it is built.`, { file, hint: `Delete the \`${key}\` line.` });
  }
  if (at.ms > o.now && at.ms > date.ms) {
    const when = date.ms <= o.now ? `so as written it would go out now (${now})` : `${date.iso}, so as written it would go out then`;
    return say('UNKNOWN_KEY', `${written} does not hold the ${a.kind === 'page' ? 'page' : 'article'} back in dateline: it is published at its \`date\`, ${when}, not at ${at.iso}.`, {
      file,
      hint: `Set \`date:\` to that time (\`date: ${shown(v)}\`: dateline publishes a story at its date), and delete the \`${key}\` line${own}.`,
    });
  }
  if (!known) return undefined;
  // Passed, or before `date`: the story goes out at `date`, which also dates its URL. Deleting the
  // line keeps that URL, where setting `date` to it would move an archived story.
  return warning('UNKNOWN_KEY', `\`${key}\` is not a field dateline knows: it publishes and dates an article by its \`date\` (${date.iso}), which also makes its URL.`, { file, hint: `Delete the \`${key}\` line.` });
}

interface Moved {
  article: Article;
  key: string;
  /** The old address, a path on the site that aliasRoute takes. */
  path: string;
  written: string;
}

/**
 * An old address that is not where dateline publishes the story, nor among its `aliases`: links
 * to it (from other sites, search engines, readers' bookmarks) would break. The fix is an alias,
 * which makes a redirect there. The URLs come from a graph of these articles alone, scheduled ones
 * included: an article's URL depends on nothing but its own fields and the config.
 */
function oldAddresses(moved: readonly Moved[], config: SiteConfig, o: GraphOptions): [Diagnostic, string][] {
  if (moved.length === 0) return [];
  const { graph } = buildGraph([...new Set(moved.map((m) => m.article))], config, { ...o, future: true });
  const at = new Map<string, { outputPath: string; url: string }>();
  for (const p of [...graph.views, ...graph.pages]) at.set(p.source, p);
  // As plan() compares output paths: one file on a case-folding file system.
  const same = (x: string, y: string) => x.normalize('NFC').toLowerCase() === y.normalize('NFC').toLowerCase();
  const routeOf = (p: string) => {
    const r = aliasRoute(p);
    return 'error' in r ? undefined : r.route;
  };
  const out: [Diagnostic, string][] = [];
  for (const { article: a, key, path, written } of moved) {
    const page = at.get(a.source);
    const route = routeOf(path)!;
    if (!page || same(outputFor(route), page.outputPath)) continue;
    if (a.meta.aliases.some((x) => { const r = routeOf(x); return r !== undefined && same(r, route); })) continue;
    const quoted = `'${path.replace(/'/g, "''")}'`;
    const hint = a.meta.aliases.length ? `Add ${quoted} to the \`aliases\` list (a redirect is made there), and delete the \`${key}\` line.` : `Keep the old address working with a redirect: write \`aliases: [${quoted}]\` instead of the \`${key}\` line.`;
    out.push([error('UNKNOWN_KEY', `\`${key}: ${written}\` is the ${a.kind}'s address on the old site; dateline publishes it at ${page.url}, so links to the old address would break.`, { file: a.source, hint }), key]);
  }
  return out;
}

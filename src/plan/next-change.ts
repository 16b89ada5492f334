import { isoInZone, parseSiteDate } from '../validate/dates.js';
import type { SiteConfig } from '../config/types.js';
import type { SiteGraph } from '../model/types.js';
import { absoluteUrl } from './feed-items.js';
import type { Planner } from './plan.js';
import { NEWS_WINDOW_MS } from './sitemaps.js';

export interface NextChange {
  ms: number;
  /**
   * publish: a scheduled article goes live; expire: one is taken down; news-sitemap: one leaves the
   * two-day News sitemap; live-update: a live blog's update timed ahead is published; live-end: a
   * live blog's coverage ends (`ended`); new-year: a new year starts in the site's time zone, and
   * every page's footer shows it (© 2027).
   */
  change: 'publish' | 'expire' | 'news-sitemap' | 'live-update' | 'live-end' | 'new-year';
}

/**
 * The next time the site changes by itself after the graph's clock: a scheduled article goes live,
 * one expires, (with the News sitemap on) an article turns two days old and leaves it, or a new
 * year starts in the site's time zone (the footer's year).
 */
export function nextChange(graph: SiteGraph, config: Pick<SiteConfig, 'newsSitemap' | 'timeZone'>): NextChange | undefined {
  const scheduled = graph.upcoming.find((u) => u.ms > graph.now);
  let next: NextChange | undefined = scheduled && { ms: scheduled.ms, change: scheduled.change };
  const year = Number(isoInZone(graph.now, config.timeZone).slice(0, 4));
  const newYear = parseSiteDate(`${year + 1}-01-01 00:00`, config.timeZone);
  if (!('error' in newYear) && newYear.ms > graph.now && (next === undefined || newYear.ms < next.ms)) next = { ms: newYear.ms, change: 'new-year' };
  if (config.newsSitemap.enabled) {
    for (const a of graph.articles) {
      const leaves = a.dateMs + NEWS_WINDOW_MS;
      if (a.dateMs <= graph.now && leaves > graph.now && (next === undefined || leaves < next.ms)) next = { ms: leaves, change: 'news-sitemap' };
    }
  }
  return next;
}

/**
 * next-change.json at the output root: when the site next changes by itself (`nextChange`), so a
 * CI job can rebuild exactly then, and the articles live now.
 * It says when, never what: no title, slug or file of an embargoed article appears in it, nor the
 * kind of change (`change`), which for a `publish` told anyone who read the public file that an
 * embargo lifts at that minute. `build --json`'s `nextChange` (CI's, not published) keeps it. It
 * holds no build time either, so two builds of the same content and schedule write the same bytes.
 */
export const planNextChange: Planner = (graph, config) => {
  const entry = nextChangeEntry(graph, config);
  const data = {
    next: entry && { at: entry.at, utc: entry.utc, unix: entry.unix, cron: entry.cron },
    published: graph.articles.map((a) => ({ url: absoluteUrl(config, a.url), date: a.date, ...(a.expiresMs !== undefined ? { expires: isoInZone(a.expiresMs, config.timeZone) } : {}) })),
  };
  return [{ outputPath: 'next-change.json', renderer: 'json', context: { data }, origin: 'next-change.json' }];
};

/** The `next` of next-change.json (and of `build --json`'s `nextChange`): null when nothing is due. */
export function nextChangeEntry(graph: SiteGraph, config: Pick<SiteConfig, 'newsSitemap' | 'timeZone'>) {
  return changeEntry(nextChange(graph, config), config.timeZone);
}

/** A next change as next-change.json and `--json` give it: in the site's zone and UTC, as a Unix time and a cron line. */
export function changeEntry(next: NextChange | undefined, timeZone: string) {
  if (!next) return null;
  return {
    at: isoInZone(next.ms, timeZone),
    utc: new Date(next.ms).toISOString().replace(/\.000Z$/, 'Z'),
    // Rounded up: a job started at this second or minute finds the change due.
    unix: Math.ceil(next.ms / 1000),
    change: next.change,
    // A five-field cron line (UTC) for that minute, for schedulers that take one.
    cron: cronAt(next.ms),
  };
}

function cronAt(ms: number): string {
  const d = new Date(Math.ceil(ms / 60_000) * 60_000);
  return `${d.getUTCMinutes()} ${d.getUTCHours()} ${d.getUTCDate()} ${d.getUTCMonth() + 1} *`;
}

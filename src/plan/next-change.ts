import { isoInZone } from '../validate/dates.js';
import { absoluteUrl } from './feed-items.js';
import type { Planner } from './plan.js';

/**
 * next-change.json at the output root: when the site next changes by itself (a scheduled article
 * goes live or one expires), so a CI job can rebuild exactly then, and the articles live now.
 * It says when, never what: no title, slug or file of an embargoed article appears in it. It holds
 * no build time either, so two builds of the same content and schedule write the same bytes.
 */
export const planNextChange: Planner = (graph, config) => {
  const next = graph.upcoming.find((u) => u.ms > graph.now);
  const data = {
    next: next
      ? {
          at: isoInZone(next.ms, config.timeZone),
          utc: new Date(next.ms).toISOString().replace(/\.000Z$/, 'Z'),
          // Rounded up: a job started at this second or minute finds the change due.
          unix: Math.ceil(next.ms / 1000),
          change: next.change,
          // A five-field cron line (UTC) for that minute, for schedulers that take one.
          cron: cronAt(next.ms),
        }
      : null,
    published: graph.articles.map((a) => ({ url: absoluteUrl(config, a.url), date: a.date, ...(a.expiresMs !== undefined ? { expires: isoInZone(a.expiresMs, config.timeZone) } : {}) })),
  };
  return [{ outputPath: 'next-change.json', renderer: 'json', context: { data }, origin: 'next-change.json' }];
};

function cronAt(ms: number): string {
  const d = new Date(Math.ceil(ms / 60_000) * 60_000);
  return `${d.getUTCMinutes()} ${d.getUTCHours()} ${d.getUTCDate()} ${d.getUTCMonth() + 1} *`;
}

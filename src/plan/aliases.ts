import { withdrawnTitle } from '../config/strings.js';
import { hrefForDecoded, outputFor } from '../model/routes.js';
import { aliasRoute, redirectPage, redirectsFile } from '../publish/redirects.js';
import type { Planner } from './plan.js';
import type { RenderJob } from './types.js';

/**
 * Old URLs (`aliases` in front matter) keep working after a slug or date change: a redirect page at
 * each old path, for any static host, and one `_redirects` file for hosts that read it (Netlify,
 * Cloudflare Pages). An alias that lands on a real page is caught by plan() as a collision; this
 * planner runs after the page planners, so the real page keeps the path and the alias is reported.
 */
export const planAliases: Planner = (graph, config) => {
  const origin = new URL(config.baseUrl).origin;
  const jobs: RenderJob[] = [];
  const rules: { from: string; to: string }[] = [];
  // A withdrawn story's old addresses lead to its notice, named by the notice's title, not its headline.
  const entries = [...graph.articles, ...graph.pages, ...graph.withdrawn.map((w) => ({ ...w, title: withdrawnTitle(config, w.kind) }))];
  for (const entry of entries) {
    const own = new Set<string>();
    for (const alias of entry.aliases) {
      const checked = aliasRoute(alias);
      // Unsafe aliases were reported with their line when the front matter was validated.
      if ('error' in checked) continue;
      // One path written twice (`/a/` and `/a`) is one redirect, not a clash with itself.
      const key = checked.route.normalize('NFC').toLowerCase();
      if (own.has(key)) continue;
      own.add(key);
      const from = hrefForDecoded(config.basePath, checked.route);
      rules.push({ from, to: entry.url });
      jobs.push({
        outputPath: outputFor(checked.route),
        renderer: 'text',
        context: { text: redirectPage({ href: entry.url, absolute: origin + entry.url, title: entry.title, language: config.language }) },
        origin: `${entry.source} (its alias "${alias}")`,
        conflictHint: `Remove "${alias}" from \`aliases\` in ${entry.source}: that URL belongs to another page, which stays where it is.`,
      });
    }
  }
  if (rules.length > 0) jobs.push({ outputPath: '_redirects', renderer: 'text', context: { text: redirectsFile(rules) }, origin: 'the _redirects file' });
  return jobs;
};

import type { SiteConfig } from '../config/types.js';
import type { Diagnostic } from '../errors/diagnostic.js';
import { buildGraph, type GraphOptions } from '../model/graph.js';
import type { SiteGraph } from '../model/types.js';
import type { Article } from '../parse/source.js';
import { plan } from './plan.js';

/**
 * What would go wrong once the scheduled articles are published: the site's graph and plan made
 * again with them live, and every error of that build that this one does not have.
 *
 * A scheduled story that takes a URL in use (its own, an alias, a tag, author or section page)
 * would otherwise pass every build and `check` until the hourly build that should publish it, which
 * then fails: the story stays unpublished, and every later build fails too, so expiries stop.
 * Each such error is reported now, at the scheduled article where it can be told which, with when
 * it goes live. Only a build with something scheduled pays for the second graph and plan.
 */
export function scheduledProblems(articles: Article[], graph: SiteGraph, config: SiteConfig, o: GraphOptions, current: readonly Diagnostic[]): Diagnostic[] {
  const scheduled = new Map(graph.upcoming.filter((u) => u.change === 'publish').map((u) => [u.source, u.ms]));
  if (scheduled.size === 0 || o.future) return [];
  // The scheduled ones last: a clash is placed on the article that came second, the one to change.
  const ahead = buildGraph([...articles.filter((a) => !scheduled.has(a.source)), ...articles.filter((a) => scheduled.has(a.source))], config, { ...o, future: true });
  const planned = plan(ahead.graph, config);
  const key = (d: Diagnostic) => `${d.code}\0${d.file}\0${d.line}\0${d.message}`;
  const known = new Set(current.map(key));
  const byDate = new Map(articles.map((a) => [a.source, a.meta.date?.iso]));
  const out: Diagnostic[] = [];
  for (const d of [...ahead.diagnostics, ...planned.diagnostics]) {
    if (d.severity !== 'error' || known.has(key(d))) continue;
    known.add(key(d));
    // The scheduled article the error is about: the one it is placed on, the first it names, or
    // the only one there is (a section page it brings names no file).
    const source = d.file && scheduled.has(d.file) ? d.file : ([...scheduled.keys()].find((s) => d.message.includes(s)) ?? (scheduled.size === 1 ? [...scheduled.keys()][0] : undefined));
    const when = source ? `${source} is scheduled for ${byDate.get(source)}; once it is published, ` : 'Once the scheduled articles are published, ';
    out.push({
      ...d,
      message: `${when}${d.message.charAt(0).toLowerCase()}${d.message.slice(1)} That build would fail and publish nothing.`,
      // The story not yet published is the one to change: the live page keeps its URL.
      ...(source && d.file !== source ? { file: source, line: undefined, column: undefined, frame: undefined } : {}),
      ...(source && d.code === 'URL_COLLISION' ? { hint: `Change ${source} before it is published: give it another \`slug\`, or leave out the alias, tag or section whose URL is taken.` } : {}),
    });
  }
  return out;
}

import type { SiteConfig } from '../config/types.js';
import { readingMinutes } from '../model/graph.js';
import type { ArticleFull, StandalonePage } from '../model/types.js';
import type { Article } from '../parse/source.js';

/**
 * The commonest edit while an editor writes: the words of one article change, and nothing a
 * listing, a URL, a tag page or a neighbour shows. Such an edit cannot change the site graph or
 * the plan, only the pages that carry the body (its page, the feeds that list it, the search
 * index), so a rebuild can skip the model, the plan and the fingerprints of every other page.
 */
export function isBodyOnlyEdit(before: Article | undefined, after: Article | undefined, config: SiteConfig): boolean {
  if (!before || !after || before.kind !== after.kind) return false;
  if (readingMinutes(before, config) !== readingMinutes(after, config)) return false;
  return JSON.stringify(before.meta) === JSON.stringify(after.meta);
}

/** Puts the new body into the graph's object, which every job that shows it holds. */
export function replaceBody(target: ArticleFull | StandalonePage, article: Article): void {
  target.html = article.html;
  target.headings = article.headings;
}

/** Body index → indices of the jobs that carry it, from each encoded job's `bodyRefs`. */
export function bodyDependents(bodyRefs: readonly (readonly number[])[]): Map<number, number[]> {
  const out = new Map<number, number[]>();
  bodyRefs.forEach((refs, job) => {
    for (const k of refs) (out.get(k) ?? out.set(k, []).get(k)!).push(job);
  });
  return out;
}

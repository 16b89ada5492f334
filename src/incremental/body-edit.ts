import type { SiteConfig } from '../config/types.js';
import { readingMinutes } from '../model/graph.js';
import type { ArticleFull, SiteGraph, StandalonePage } from '../model/types.js';
import { exactJson } from '../plan/fingerprint.js';
import { NEWS_WINDOW_MS } from '../plan/sitemaps.js';
import { isoInZone } from '../validate/dates.js';
import type { Article } from '../parse/source.js';
import { shownBody, shownHeadings } from '../model/live.js';
import { withPhotoSizes } from '../model/photos.js';
import { UPDATE_ANCHOR_LIKE } from '../parse/theme-ids.js';

/**
 * The commonest edit while an editor writes: the words of one article change, and nothing a
 * listing, a URL, a tag page or a neighbour shows. Such an edit cannot change the site graph or
 * the plan, only the pages that carry the body (its page, the feeds that list it, the search
 * index), so a rebuild can skip the model, the plan and the fingerprints of every other page.
 */
export function isBodyOnlyEdit(before: Article | undefined, after: Article | undefined, config: SiteConfig): boolean {
  if (!before || !after || before.kind !== after.kind) return false;
  if (readingMinutes(before, config) !== readingMinutes(after, config)) return false;
  // The body's images decide which static files are held back (plan/statics.ts), and this path
  // copies none.
  if ((before.images ?? []).join('\n') !== (after.images ?? []).join('\n')) return false;
  // A live blog's updates (their times and headlines) are the story's last change, its JSON-LD,
  // its feed entries and the next change: an update added, retimed or reworded is no body edit.
  if (exactJson(before.updates ?? null) !== exactJson(after.updates ?? null)) return false;
  // Its reading time counts only the updates shown at the build's time (model/graph.ts): the same
  // at every time, the newest updates held back one by one.
  if (after.updates?.length) {
    const byTime = [...after.updates].sort((x, y) => y.ms - x.ms);
    let words = 0;
    let cjkChars = 0;
    for (const u of byTime) {
      words += u.words ?? 0;
      cjkChars += u.cjkChars ?? 0;
      const less = (a: Article) => ({ words: Math.max(0, a.words - words), cjkChars: Math.max(0, a.cjkChars - cjkChars) });
      if (readingMinutes(less(before), config) !== readingMinutes(less(after), config)) return false;
    }
  }
  // Their anchors pass over a heading's id written like one (`### Update 2026-11-27 2220-2`).
  if (after.updates?.length && anchorLikeIds(before) !== anchorLikeIds(after)) return false;
  return exactJson(before.meta) === exactJson(after.meta);
}

const anchorLikeIds = (a: Article): string => a.headings.filter((h) => UPDATE_ANCHOR_LIKE.test(h.id)).map((h) => h.id).join('\n');

/** Puts the new body into the graph's object, which every job that shows it holds. */
export function replaceBody(target: ArticleFull | StandalonePage, article: Article): void {
  // A live blog's body without its updates held back (model/live.ts).
  const blog = 'liveBlog' in target ? target.liveBlog : undefined;
  const shown = shownBody(article.html, blog);
  target.headings = shownHeadings(article.headings, shown, blog);
  // With its photos' sizes (model/photos.ts): the same photos as before, or this is no body edit.
  target.html = withPhotoSizes(shown, target.photos);
  target.bodyAt = article.body;
}

/** Body index → indices of the jobs that carry it, from each encoded job's `bodyRefs`. */
export function bodyDependents(bodyRefs: readonly (readonly number[])[]): Map<number, number[]> {
  const out = new Map<number, number[]>();
  bodyRefs.forEach((refs, job) => {
    for (const k of refs) (out.get(k) ?? out.set(k, []).get(k)!).push(job);
  });
  return out;
}

/**
 * The first time after the graph's clock at which moving the clock changes the site by itself
 * (see clockMoved), Infinity when none comes: a scheduled article goes live or expires, an article
 * enters or leaves the news sitemap's window. Kept with the plan state, so that a resumed plan
 * tells without reading every article.
 */
export function nextMove(graph: Pick<SiteGraph, 'now' | 'upcoming' | 'articles'>): number {
  let next = Infinity;
  const after = (ms: number) => {
    if (ms > graph.now && ms < next) next = ms;
  };
  for (const u of graph.upcoming) after(u.ms);
  for (const a of graph.articles) {
    after(a.dateMs);
    after(a.dateMs + NEWS_WINDOW_MS);
    if (a.expiresMs !== undefined) after(a.expiresMs);
  }
  return next;
}

/**
 * Whether moving a graph's clock (`graphNow`, its `nextMove` as above) to `now` changes the site
 * by itself: one of nextMove's changes comes by then, or a new year starts (the footer shows it).
 * Then a graph made at the old time cannot be reused.
 */
export function clockMoved(graphNow: number, next: number, now: number, timeZone: string): boolean {
  if (now === graphNow) return false;
  // Back in time, an expired article (in no list of the graph) could come back.
  if (now < graphNow) return true;
  if (isoInZone(graphNow, timeZone).slice(0, 4) !== isoInZone(now, timeZone).slice(0, 4)) return true;
  return next <= now;
}

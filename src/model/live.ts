import { escapeHtml } from '../parse/html-text.js';
import { UPDATE_MARK, UPDATES_END } from '../parse/live.js';
import type { LiveUpdate } from '../validate/live.js';
import type { ArticleFull, LiveBlog } from './types.js';

/**
 * A live blog at the graph's `now`: the updates published by then, newest first (or oldest first,
 * as the config's `liveBlogs.order` says; two at one time in the order written), and whether
 * coverage has ended. An update timed later is held back like
 * a scheduled story: it is in no list here, so no page, feed, search index or JSON-LD can show it.
 */
export function liveBlogAt(updates: readonly LiveUpdate[], ended: { iso: string; ms: number } | undefined, now: number, future: boolean, order: 'newest' | 'oldest' = 'newest', headingIds: readonly string[] = []): LiveBlog {
  const sign = order === 'oldest' ? -1 : 1;
  const anchors = updateAnchors(updates, headingIds);
  const shown = updates
    .map((u, i) => ({ u, i }))
    .filter(({ u }) => future || u.ms <= now)
    .sort((x, y) => sign * (y.u.ms - x.u.ms) || x.i - y.i)
    .map(({ u, i }) => ({ id: u.id, anchor: anchors[i], iso: u.iso, ms: u.ms, token: u.token, headline: u.headline }));
  return { ...(ended && (future || ended.ms <= now) ? { end: ended.iso } : {}), updates: shown };
}

/**
 * Each update's anchor, from its time in the site's zone: `update-2026-11-27-2220` (with its
 * seconds when written: `…-222030`), numbered on from the second at one time (`…-2220-2`) in the
 * order they were written: file order, or from the end of a file written newest first (its first
 * update later than its last), so that one added above another of its minute takes the next
 * number and the older keeps its anchor. A number a heading of the body has as its id
 * (`### Update 2026-11-27 2220-2`) is passed over. Rewording a heading, which changes its id,
 * leaves the links readers shared working.
 */
function updateAnchors(updates: readonly LiveUpdate[], headingIds: readonly string[]): string[] {
  const taken = headingIds.length > 0 ? new Set(headingIds) : undefined;
  const seen = new Map<string, number>();
  const out: string[] = [];
  const newestFirst = updates.length > 1 && updates[0].ms > updates[updates.length - 1].ms;
  for (let k = 0; k < updates.length; k++) {
    const i = newestFirst ? updates.length - 1 - k : k;
    const u = updates[i];
    const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})/.exec(u.iso);
    const base = m ? `update-${m[1]}-${m[2]}${m[3]}${m[4] === '00' ? '' : m[4]}` : `update-${u.ms}`;
    let n = (seen.get(base) ?? 0) + 1;
    while (n > 1 && taken?.has(`${base}-${n}`)) n++;
    seen.set(base, n);
    out[i] = n === 1 ? base : `${base}-${n}`;
  }
  return out;
}

/**
 * A live blog's body as a page or feed shows it: the opening text, then the published updates in
 * the live blog's order (each after its UPDATE_MARK), then UPDATES_END and what follows the updates
 * (the footnotes). Every other update's HTML is left out. Called wherever a body is put into an
 * article the graph made (model/graph.ts, incremental/body-edit.ts, the body store, the render
 * worker), so the HTML an article holds never has a held-back update in it.
 */
export function shownBody(html: string, blog: LiveBlog | undefined): string {
  if (!blog || !html.includes(UPDATE_MARK)) return html;
  const { intro, parts, tail } = splitUpdates(html);
  const byId = new Map<string, string>();
  for (const part of parts) if (part.id !== undefined && !byId.has(part.id)) byId.set(part.id, part.html);
  let out = intro;
  for (const u of blog.updates) {
    const part = byId.get(escapeHtml(u.id));
    if (part !== undefined) out += UPDATE_MARK + part;
  }
  return withShownNotes(out + UPDATES_END, tail);
}

/**
 * The footnotes a shown body refers to: a held-back update's notes wait with it (with no note
 * left, the section goes). A back link to a reference left out goes too, and the notes kept, and
 * their references in the shown text, are numbered again: a gap would tell that notes are waiting.
 */
function withShownNotes(shown: string, tail: string): string {
  const start = tail.indexOf('<section class="footnotes"');
  const listAt = tail.indexOf('<ol>', start);
  const listEnd = tail.lastIndexOf('</ol>');
  if (start === -1 || listAt === -1 || listEnd < listAt) return shown + tail;
  const [lead, ...items] = tail.slice(listAt + 4, listEnd).split(/(?=<li id="footnote-)/);
  const idOf = (item: string) => /^<li id="footnote-([^"]*)"/.exec(item)![1];
  const kept = items.filter((item) => shown.includes(`href="#footnote-${idOf(item)}"`));
  if (kept.length === items.length) return shown + tail;
  if (kept.length === 0) {
    const close = tail.indexOf('</section>', listEnd) + '</section>'.length;
    return shown + tail.slice(0, start) + tail.slice(close).replace(/^\n/, '');
  }
  const number = new Map(kept.map((item, i) => [idOf(item), i + 1]));
  const refs = shown.replace(/(<a id="footnote-ref-[^"]*" href="#footnote-([^"]*)" data-footnote-ref[^>]*>)\d+<\/a>/g, (a, open: string, id: string) => (number.has(id) ? `${open}${number.get(id)}</a>` : a));
  const notes = kept.map((item) => item.replace(/ ?<a href="#(footnote-ref-[^"]*)" data-footnote-backref[^>]*>[\s\S]*?<\/a>/g, (a, ref: string) => (shown.includes(`id="${ref}"`) ? a : '')));
  return refs + tail.slice(0, listAt + 4) + lead + notes.join('') + tail.slice(listEnd);
}

/** The headings of a body that its shown HTML still has (a held-back update's are left out). */
export function shownHeadings(headings: ArticleFull['headings'], html: string, blog: LiveBlog | undefined): ArticleFull['headings'] {
  if (!blog) return headings;
  // The ids the HTML has, read once: a look through the whole body for each heading took seconds
  // for a blog of thousands of updates.
  const ids = new Set<string>();
  for (const m of html.matchAll(/ id="([^"]*)"/g)) ids.add(m[1]);
  return headings.filter((h) => ids.has(escapeHtml(h.id)));
}

/** The body without the update marks, for a feed's content. */
export function withoutMarks(html: string): string {
  return html.includes(UPDATE_MARK) || html.includes(UPDATES_END) ? html.split(UPDATE_MARK).join('').split(UPDATES_END).join('') : html;
}

/**
 * A live blog's shown body in parts, for its page: the opening text, each update (in the blog's
 * order) with its heading's opening tag (`<h2 id="…">`, the anchor), the heading's words after
 * its time (`rest`, HTML), and its text; and what follows the updates (the footnotes). The
 * template puts the time back as a <time datetime> in the site's words.
 */
export function liveParts(html: string, blog: LiveBlog): { intro: string; updates: { id: string; anchor: string; iso: string; headline: string; open: string; rest: string; html: string }[]; tail: string } {
  const { intro, parts, tail } = splitUpdates(html);
  const byId = new Map(blog.updates.map((u) => [escapeHtml(u.id), u]));
  const updates = parts.flatMap(({ id, html: part }) => {
    const u = byId.get(id ?? '');
    const close = part.indexOf('</h2>');
    if (!u || close === -1) return [];
    const open = part.slice(0, part.indexOf('>') + 1);
    const inner = part.slice(open.length, close);
    // The time as written, alone or in bold or italics (`**14:05** …`), and what separates it from the words.
    const token = u.token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const rest = inner.replace(new RegExp(`^(?:<(strong|em)>${token}</\\1>|${token})[\\s\\-–—:|·.,]*`), '');
    return [{ id: u.id, anchor: u.anchor, iso: u.iso, headline: u.headline, open, rest, html: part.slice(close + 5) }];
  });
  return { intro, updates, tail };
}

/**
 * A marked body (parse/live.ts markUpdates) in its parts: the opening text, each update from its
 * heading on with the heading's id as written in the HTML, and what follows the updates (the
 * footnotes). The one reading of the marks that shownBody and liveParts share.
 */
function splitUpdates(html: string): { intro: string; parts: { id: string | undefined; html: string }[]; tail: string } {
  const endAt = html.lastIndexOf(UPDATES_END);
  const main = endAt === -1 ? html : html.slice(0, endAt);
  const tail = endAt === -1 ? '' : html.slice(endAt + UPDATES_END.length);
  const [intro, ...parts] = main.split(UPDATE_MARK);
  return { intro, parts: parts.map((part) => ({ id: /^<h2 id="([^"]*)"/.exec(part)?.[1], html: part })), tail };
}

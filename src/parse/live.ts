import { decodeEntities, escapeHtml } from './html-text.js';
import type { RenderedMarkdown } from './markdown.js';

/**
 * A live blog's updates in its body: each starts at a `## ` heading whose text begins with a time
 * (`## 14:05 Rescue teams reach the village`, `## 2026-11-30 00:40 …`). The body is rendered as
 * one piece (footnotes, reference links and heading ids work across updates); this finds where
 * each update starts in its HTML, and marks it there, so that the site graph can keep only the
 * updates published at its `now` (model/live.ts) without parsing again.
 */

/** Put before each update's `<h2>` and after the last update, in a live blog's HTML only. */
export const UPDATE_MARK = '<!--dateline:update-->';
export const UPDATES_END = '<!--dateline:updates-end-->';

/** A heading that starts like a time: `14:05`, `9:05`, `2026-11-30 00:40`, `2026-11-30` (a date without its time is wrong). */
export const TIME_LIKE = /^(?:\d{4}-\d{1,2}-\d{1,2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?|\d{1,2}:\d{2}(?::\d{2})?)(?=$|[^\d:])/;

/** An update's heading as found: where it is, and its words. */
export interface UpdateHeading {
  /** The heading's id in the HTML (its anchor). */
  id: string;
  /** Its plain text ("14:05 Rescue teams reach the village"). */
  text: string;
  /** The time as written at its start ("14:05"). */
  token: string;
  /** Its line in the file, when found. */
  line?: number;
  /** Where its `<h2` starts in the HTML. */
  at: number;
}

const CONTAINERS = ['blockquote', 'li', 'details', 'aside', 'div', 'section', 'table', 'figure'];

/**
 * The body's top-level `## ` headings that start with a time, in order. A heading inside a quote
 * or a list is quoted text, not an update. `bodyLine`: the file line the body starts on.
 */
export function updateHeadings(md: Pick<RenderedMarkdown, 'html' | 'headings'>, body: string, bodyLine: number): UpdateHeading[] {
  const out: UpdateHeading[] = [];
  const lines = body.split('\n');
  let fromLine = 0;
  let from = 0;
  const topLevel = topLevelScan(md.html);
  for (const h of md.headings) {
    if (h.depth !== 2) continue;
    const token = TIME_LIKE.exec(h.text.trim())?.[0];
    if (token === undefined) continue;
    const at = md.html.indexOf(`<h2 id="${escapeHtml(h.id)}"`, from);
    if (at === -1 || !topLevel(at)) continue;
    from = at;
    // Its words as a reader sees them: without a footnote's number (`<sup>1</sup>`).
    const inner = md.html.slice(md.html.indexOf('>', at) + 1, md.html.indexOf('</h2>', at));
    const text = inner.includes('<sup') ? decodeEntities(inner.replace(/<sup\b[\s\S]*?<\/sup>/g, '').replace(/<[^>]*>/g, '')).trim() : h.text.trim();
    // Its line: the next `## ` line (outside a quote) that starts with the same time.
    const i = lines.findIndex((l, k) => k >= fromLine && /^ {0,3}##?[ \t]/.test(l) && l.replace(/^ {0,3}##?[ \t]+/, '').startsWith(token));
    if (i !== -1) fromLine = i + 1;
    out.push({ id: h.id, text, token, line: i === -1 ? undefined : bodyLine + i, at });
  }
  return out;
}

/**
 * A heading that starts almost like an update's time: `23.55`, `9h05`, `9.05pm`; not a number
 * with its unit (`1.25 million yuan released`, `3.20m rise`, `4.50 per cent`), which a live blog
 * heads its updates' paragraphs with too.
 */
const NEAR_TIME = new RegExp(
  [
    /^(?:[01]?\d|2[0-3])[.h:][0-5]\d(?![\d.,:%])(?!\s*(?:m|bn|b|k|mn|million|billion|trillion|thousand|hundred|per\b|percent|pct|pc\b|yuan|rmb|dollars?|euros?|pounds?|usd|eur|gbp|cny|km|kg|cm|mm|metres?|meters?|tonnes?|tons?|degrees?|°|mph|kph|points?|pts|times)\b)/.source,
    // `14:5`, `01：05` (a full-width colon)
    /^(?:[01]?\d|2[0-3])(?::[0-5](?!\d)|：[0-5]\d?(?!\d))/.source,
    // a date written otherwise before the time: `2026/11/28 01:05`, `11-28 01:05`, `28 Nov 01:05`, `Nov 28 01:05`
    /^(?:\d{4}[/.]\d{1,2}[/.]\d{1,2}|\d{1,2}[-/]\d{1,2}|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?)[ T]+\d{1,2}[:：.]\d{2}/.source,
  ].join('|'),
  'i',
);

/**
 * A live blog's top-level h2 and h3 headings (a `# ` heading is an h2) that look meant as updates but are not read as one: a
 * time written `23.55` or `9.05pm`, or a time under `###` instead of `##`. Each would publish
 * its text at once as part of the update above it, whatever its time.
 */
export function nearMissHeadings(md: Pick<RenderedMarkdown, 'html' | 'headings'>, body: string, bodyLine: number): { text: string; depth: number; line?: number; spaceless?: boolean }[] {
  const out: { text: string; depth: number; line?: number; spaceless?: boolean }[] = [];
  const lines = body.split('\n');
  let from = 0;
  const topLevel = topLevelScan(md.html);
  for (const h of md.headings) {
    if (h.depth > 3) continue;
    const text = h.text.trim();
    const time = TIME_LIKE.test(text);
    if (h.depth === 2 ? time || !NEAR_TIME.test(text) : !time && !NEAR_TIME.test(text)) continue;
    const at = md.html.indexOf(`<h${h.depth} id="${escapeHtml(h.id)}"`, from);
    if (at === -1 || !topLevel(at)) continue;
    from = at;
    // A `# ` heading is an h2 in the body (the headline is the page's h1).
    const mark = h.depth === 2 ? '##?' : '#'.repeat(h.depth);
    const start = text.slice(0, 5);
    const i = lines.findIndex((l) => new RegExp(`^ {0,3}${mark}[ \\t]`).test(l) && l.replace(/^ {0,3}#+[ \t]+/, '').startsWith(start));
    out.push({ text, depth: h.depth, line: i === -1 ? undefined : bodyLine + i });
  }
  // `##23:20 Road cut`, no space after the #s: a paragraph to Markdown, published as it is.
  let fence = false;
  lines.forEach((l, k) => {
    if (/^ {0,3}(```|~~~)/.test(l)) fence = !fence;
    const m = !fence && /^ {0,3}(#{2,3})(\d{1,2}[:.h：]\d{1,2}.*)$/.exec(l);
    if (m) out.push({ text: m[2].trim(), depth: m[1].length, line: bodyLine + k, spaceless: true });
  });
  return out.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

/** The HTML with UPDATE_MARK before each update's heading and UPDATES_END after the last update (before the footnotes). */
export function markUpdates(html: string, found: readonly UpdateHeading[]): string {
  if (found.length === 0) return html;
  let out = '';
  let last = 0;
  for (const u of found) {
    out += html.slice(last, u.at) + UPDATE_MARK;
    last = u.at;
  }
  const notes = html.indexOf('<section class="footnotes"', last);
  const end = notes === -1 ? html.length : notes;
  return out + html.slice(last, end) + UPDATES_END + html.slice(end);
}

/** Each update's HTML, from its heading to the next update's (the last one's to the footnotes), as markUpdates parts them. */
export function updateSlices(html: string, found: readonly UpdateHeading[]): string[] {
  const notes = found.length ? html.indexOf('<section class="footnotes"', found[found.length - 1].at) : -1;
  const end = notes === -1 ? html.length : notes;
  return found.map((u, i) => html.slice(u.at, i + 1 < found.length ? found[i + 1].at : end));
}

/**
 * The footnotes each update owns, as HTML (one string per update, empty when none): a note
 * referred to only from updates, never from the opening text, belongs to the earliest of them by
 * time (`ms`, one per update), which is shown whenever any of them is. Its photos and words wait
 * with that update, as the note itself does (model/live.ts).
 */
export function ownedNotes(html: string, found: readonly UpdateHeading[], slices: readonly string[], ms: readonly number[]): string[] {
  const out = slices.map(() => '');
  const start = found.length ? html.indexOf('<section class="footnotes"', found[found.length - 1].at) : -1;
  if (start === -1) return out;
  const intro = html.slice(0, found[0].at);
  const items = html.slice(start, html.indexOf('</section>', start)).split(/(?=<li id="footnote-)/).slice(1);
  for (const item of items) {
    const ref = `href="#footnote-${/^<li id="footnote-([^"]*)"/.exec(item)![1]}"`;
    if (intro.includes(ref)) continue;
    let owner = -1;
    slices.forEach((part, i) => {
      if (part.includes(ref) && (owner === -1 || ms[i] < ms[owner])) owner = i;
    });
    if (owner !== -1) out[owner] += item;
  }
  return out;
}

/**
 * Whether every container element opened before `at` is closed again before it, asked for
 * positions in increasing order: one scan of the HTML from start to end, keeping the depth (the
 * body is the sanitiser's or marked's output, where tags are well nested).
 */
function topLevelScan(html: string): (at: number) => boolean {
  const tag = new RegExp(`<(/?)(?:${CONTAINERS.join('|')})(?=[\\s>])`, 'g');
  let depth = 0;
  let next: RegExpExecArray | null | undefined;
  return (at) => {
    for (;;) {
      if (next === undefined) next = tag.exec(html);
      if (next === null || next.index >= at) break;
      depth += next[1] ? -1 : 1;
      next = undefined;
    }
    return depth === 0;
  };
}

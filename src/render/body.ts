/**
 * Small, pure transformations of an article's sanitised body HTML and headline for the theme.
 * They run on sanitize-html's output, whose attribute values never contain a raw "<" or ">", so a
 * tag can be matched without a parser.
 */

import { escapeHtml } from '../parse/html-text.js';

const VOID = new Set(['area', 'br', 'col', 'embed', 'hr', 'img', 'input', 'source', 'track', 'wbr']);
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*>/g;


/**
 * Runs the dateline into the start of the first top-level paragraph, the way a news story opens:
 * "<p><span class="dateline">Chongqing—</span>The city…" (a Chinese one: "重庆讯　"). A paragraph inside a blockquote, list or
 * figure is skipped; a body that has no paragraph gets one holding just the dateline.
 */
export function insertDateline(html: unknown, dateline: unknown): string {
  const body = String(html ?? '');
  const text = trimDashes(String(dateline ?? '').trim());
  if (!text) return body;
  const span = `<span class="dateline">${escapeHtml(text)}${datelineEnd(text)}</span>`;
  let depth = 0;
  TAG.lastIndex = 0;
  for (let m = TAG.exec(body); m; m = TAG.exec(body)) {
    const [whole, closing, rawName] = m;
    const name = rawName.toLowerCase();
    if (closing) {
      depth = Math.max(0, depth - 1);
      continue;
    }
    if (depth === 0 && name === 'p') {
      const at = m.index + whole.length;
      return body.slice(0, at) + span + body.slice(at);
    }
    if (!VOID.has(name) && !whole.endsWith('/>')) depth++;
  }
  return `<p>${span}</p>\n${body}`;
}

/**
 * What follows a dateline: an em dash ("Chongqing—"); in Chinese, a full-width space
 * ("本报重庆3月20日电　", "重庆讯　"), and nothing after a closing bracket ("本报讯（记者 冉征）").
 */
function datelineEnd(text: string): string {
  // A closing bracket, full-width or, in a Chinese dateline, typed half-width ("本报讯(记者 冉征)").
  if (/[）】」』〕》〉]$/u.test(text) || (text.endsWith(')') && HAN.test(text))) return '';
  // The last character, not the last UTF-16 unit: a place name may end in a Han character beyond U+FFFF.
  return /[\p{Script=Han}\u3000-\u303f]$/u.test(text) ? '\u3000' : '—';
}

const HAN = /\p{Script=Han}/u;

/**
 * The text without the dashes and spaces at its end ("Chongqing —" → "Chongqing"). A loop, not
 * `/[\s—–-]+$/`, which is tried at every character of a long run of them: a dateline of 100,000
 * spaces and a letter took 9 seconds.
 */
function trimDashes(s: string): string {
  let end = s.length;
  while (end > 0 && /[\s—–-]/u.test(s[end - 1])) end--;
  return s.slice(0, end);
}

/** Separators a column label follows in a headline: "…丨Insights", "…｜Insights". */
const LABEL_SEPARATOR = /[丨｜]/g;

/**
 * Splits a headline into its text and its column label ("Chongqing's rail freight doubles丨Insights"
 * → label "丨Insights"), so a theme can style the label. Without a separator the label is empty.
 */
export function splitHeadline(title: unknown): { main: string; label: string } {
  const t = String(title ?? '');
  let cut = -1;
  for (const m of t.matchAll(LABEL_SEPARATOR)) cut = m.index;
  if (cut <= 0 || cut === t.length - 1) return { main: t, label: '' };
  return { main: t.slice(0, cut), label: t.slice(cut) };
}

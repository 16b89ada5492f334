import { error, warning, type Diagnostic } from '../errors/diagnostic.js';
import { codeFrame } from '../errors/frame.js';
import { updateHeadings, type UpdateHeading } from '../parse/live.js';
import type { RenderedMarkdown } from '../parse/markdown.js';
import { parseSiteDate, type SiteDate } from './dates.js';

/** One update of a live blog, as its heading says. Plain data, in file order. */
export interface LiveUpdate {
  /** The heading's id: the update's anchor on the page. */
  id: string;
  ms: number;
  /** The time in the site's zone, with its offset. */
  iso: string;
  /** The time as written at the heading's start ("14:05"), which the page marks up as a <time>. */
  token: string;
  /** The heading's words after the time (empty when it is a time alone). */
  headline: string;
  /**
   * The photos, videos and linked files its text shows (srcs as in the article's `images`, once
   * per use): those only a held-back update shows wait with it (plan/statics.ts).
   */
  images?: string[];
  /** Its words, and CJK characters, as the reading time counts them (left out when none). */
  words?: number;
  cjkChars?: number;
}

export interface LiveContext {
  file: string;
  text: string;
  timeZone: string;
  /** The story's `date`: a time alone is read on its day, and no update is before it. */
  date?: SiteDate;
  /** The line of `live: true`, where a live blog without updates is reported. */
  liveLine?: number;
  /** The order the page shows the updates in (the config's `liveBlogs.order`). */
  order?: 'newest' | 'oldest';
  /** `ended`, and its line: an update after it is reported there. */
  ended?: SiteDate;
  endedLine?: number;
}

const EXAMPLE = '`## 14:05 Rescue teams reach the village`';

/**
 * The time of each update heading: `14:05` on the story's own day (in the site's time zone), or a
 * date and time (`2026-11-30 00:40`) for coverage that runs past midnight. Every heading that cannot
 * be read, an update before the story, and updates out of order in the file are reported at the
 * heading's line; a live blog without any update at its `live` line.
 */
export function readUpdates(found: readonly UpdateHeading[], ctx: LiveContext): { updates: LiveUpdate[]; kept: UpdateHeading[]; diagnostics: Diagnostic[] } {
  const ds: Diagnostic[] = [];
  const place = (line: number | undefined) => ({ file: ctx.file, line, column: line ? 1 : undefined, frame: line ? codeFrame(ctx.text, line, 1) : undefined });
  const day = ctx.date?.iso.slice(0, 10);
  const updates: LiveUpdate[] = [];
  const kept: UpdateHeading[] = [];
  for (const h of found) {
    const rest = h.text.slice(h.token.length);
    const headline = rest.replace(/^[\s\-–—:|·.,]+/, '').trim();
    const withDate = h.token.includes('-');
    const fix = `Write the time on the 24-hour clock as HH:MM at the start of the heading, such as ${EXAMPLE}; for an update on another day than the story's${day ? ` (${day})` : ''}, write the date before it: \`## ${nextDay(day)} 00:40 …\`.`;
    const bad = (why: string) => ds.push(error('BAD_UPDATE_TIME', `The update heading "## ${h.text}" starts with a time that cannot be read: ${why}.`, { ...place(h.line), hint: fix }));
    if (/^\s*[ap]\.?\s?m\.?(?![\p{L}])/iu.test(rest)) {
      bad(`"${h.token}${rest.match(/^\s*[ap]\.?\s?m\.?/i)![0]}" is on the 12-hour clock`);
      continue;
    }
    if (withDate && !/[ T]/.test(h.token)) {
      bad(`"${h.token}" is a date without a time`);
      continue;
    }
    if (!withDate && !day) continue; // No story date: its own error says so.
    const parsed = parseSiteDate(withDate ? h.token : `${day} ${h.token}`, ctx.timeZone);
    if ('error' in parsed) {
      bad(withDate ? parsed.error.replace(/^"[^"]*" /, `"${h.token}" `) : `"${h.token}" is not a time of day (00:00 to 23:59)`);
      continue;
    }
    if (parsed.gap) ds.push(warning('DATE_IN_GAP', `The update "## ${h.text}": ${parsed.gap}.`, { ...place(h.line), hint: 'Write the time as the clock showed it, or give the date and an offset.' }));
    if (ctx.date && parsed.ms < ctx.date.ms) {
      const hint = withDate
        ? "Correct the update's time, or the story's `date`."
        : `A time alone is read on the story's date (${day}); for an update after midnight, write its date: \`## ${nextDay(day)} ${h.token} ${headline || '…'}\`.`;
      ds.push(error('UPDATE_BEFORE_DATE', `The update "## ${h.text}" is timed ${parsed.iso}, before the story's \`date\` (${ctx.date.iso}).`, { ...place(h.line), hint }));
      continue;
    }
    updates.push({ id: h.id, ms: parsed.ms, iso: parsed.iso, token: h.token, headline });
    kept.push(h);
  }
  // Written oldest first or newest first, either way; an update against the file's order is a
  // time typed wrong (the page orders them by time, so it would show somewhere else). The file's
  // order is the longer run of updates in time order, one way or the other; each update outside
  // it is reported (not the right one beside a wrong one).
  const up = inOrderKeepingEarly(updates.map((u) => u.ms));
  const down = inOrderKeepingEarly(updates.map((u) => -u.ms));
  const [run, direction] = up.size >= down.size ? [up, 1] : [down, -1];
  // The updates in the page's order, and each one's place in it: sorted once, not for each update
  // out of order (thousands of them took seconds).
  let onPage: { u: LiveUpdate; k: number }[] | undefined;
  let placeOf: number[] = [];
  for (let i = 0; i < updates.length; i++) {
    if (run.has(i)) continue;
    const h = kept[i];
    // Where the page puts it: after the update above it there, or first, before the next.
    if (!onPage) {
      const sign = ctx.order === 'oldest' ? -1 : 1;
      onPage = updates.map((u, k) => ({ u, k })).sort((x, y) => sign * (y.u.ms - x.u.ms) || x.k - y.k);
      placeOf = new Array<number>(updates.length);
      onPage.forEach((p, at) => (placeOf[p.k] = at));
    }
    const at = placeOf[i];
    const where = at > 0 ? `after "${kept[onPage[at - 1].k].text}"` : `first, before "${kept[onPage[1].k].text}"`;
    ds.push(warning('UPDATE_OUT_OF_ORDER', `The update "## ${h.text}" (${updates[i].iso}) is out of order: the updates around it run ${direction > 0 ? 'oldest first' : 'newest first'}.`, { ...place(h.line), hint: `Check its time: the page shows the updates by their times, ${ctx.order === 'oldest' ? 'oldest' : 'newest'} first, so this one appears ${where}. If the time is right, move the update to its place.` }));
  }
  // Coverage said to have ended before an update made after it.
  const last = updates.reduce<LiveUpdate | undefined>((m, u) => (m === undefined || u.ms > m.ms ? u : m), undefined);
  if (ctx.ended && last && last.ms > ctx.ended.ms && !(ctx.date && ctx.ended.ms < ctx.date.ms)) {
    ds.push(warning('ENDED_BEFORE_UPDATE', `\`ended\` (${ctx.ended.iso}) is earlier than the update "## ${kept[updates.indexOf(last)].text}" (${last.iso}): the page would say the coverage ended above updates made after it.`, { ...place(ctx.endedLine), hint: `Set \`ended\` to the time the coverage ended, after the last update (such as \`ended: ${last.iso.slice(0, 16).replace('T', ' ')}\`), or correct that update's time.` }));
  }
  if (found.length === 0) {
    ds.push(warning('LIVE_NO_UPDATES', 'This live blog has no updates yet: an update starts with a heading whose text begins with its time.', { ...place(ctx.liveLine), hint: `Add an update under the story's opening text, such as ${EXAMPLE} on a line of its own followed by its text; or delete \`live: true\` if the story is not a live blog.` }));
  }
  return { updates, kept, diagnostics: ds };
}

/**
 * A live blog's headings that look meant as updates and are not read as one (parse/live.ts
 * nearMissHeadings): an error at the line, with the heading as it should be written.
 */
export function nearMissErrors(found: readonly { text: string; depth: number; line?: number; spaceless?: boolean }[], ctx: Pick<LiveContext, 'file' | 'text'>): Diagnostic[] {
  return found.map((h) => {
    const m = /^(\d{1,2})[.h:：](\d{1,2})(?!\d)(?::\d{2})?\s*(?:([ap])\.?\s?m\.?(?![\p{L}]))?/iu.exec(h.text);
    let fixed = h.text;
    if (m) {
      const hour = (Number(m[1]) % 12) + (m[3]?.toLowerCase() === 'p' ? 12 : 0);
      const hh = m[3] ? String(hour).padStart(2, '0') : m[1].padStart(2, '0');
      // `14:5` is left for the editor to say (14:05 or 14:50): the fix shows its place.
      const mm = m[2].length === 2 ? m[2] : 'MM';
      fixed = `${hh}:${mm} ${h.text.slice(m[0].length).replace(/^[\s\-–—:|·.,]+/, '')}`.trim();
    }
    const how = h.spaceless ? `a line with no space after its \`${'#'.repeat(h.depth)}\`, which is no heading` : h.depth !== 2 ? `a \`${'#'.repeat(h.depth)}\` heading` : 'a time written another way';
    return error('BAD_UPDATE_TIME', `The heading "${'#'.repeat(h.depth)} ${h.text}" looks like an update, but is ${how}: it is not read as one, and its text is published at once, as part of the update above it, whatever its time.`, {
      file: ctx.file,
      line: h.line,
      column: h.line ? 1 : undefined,
      frame: h.line ? codeFrame(ctx.text, h.line, 1) : undefined,
      hint: m
        ? `An update's heading is \`## \` and its time on the 24-hour clock as HH:MM: \`## ${fixed}\`. If it is not an update, start it with words, not a time.`
        : `An update's heading is \`## \` and its time on the 24-hour clock as HH:MM, with its date written YYYY-MM-DD before it when it is not the story's day: \`## YYYY-MM-DD HH:MM …\`. If it is not an update, start it with words, not a time.`,
    });
  });
}

/**
 * A story with no `live` line whose body has two or more `## 14:05 …` headings, as a live blog's
 * updates have: a forgotten `live: true` publishes every update at once, also those timed later.
 * A warning at the first of them (undefined when there are fewer than two). A timeline told under
 * times says `live: false`, which silences it.
 */
export function notLiveWarning(md: Pick<RenderedMarkdown, 'html' | 'headings'>, body: string, bodyLine: number, file: string, text: () => string): Diagnostic | undefined {
  let times = 0;
  for (const h of md.headings) if (h.depth === 2 && CLOCK.test(h.text.trim()) && ++times > 1) break;
  if (times < 2) return undefined;
  const found = updateHeadings(md, body, bodyLine).filter((h) => h.token.includes(':'));
  if (found.length < 2) return undefined;
  const line = found[0].line;
  return warning('LIVE_NOT_SET', `This story has ${found.length} headings that start with a time ("## ${found[0].text}" and more), as a live blog's updates do, but no \`live: true\`: it is published as an ordinary story, with every update at once, also those timed later.`, {
    file,
    line,
    column: line ? 1 : undefined,
    frame: line ? codeFrame(text(), line, 1) : undefined,
    hint: 'If it is a live blog, add `live: true` to its front matter: each update is then shown newest first, and held back until its time. If it is a timeline and not a live blog, add `live: false` to say so.',
  });
}

/** A heading that starts with a time of day, with or without a date before it (`14:05`, `2026-11-30 00:40`). */
const CLOCK = /^(?:\d{4}-\d{1,2}-\d{1,2}[ T])?\d{1,2}:\d{2}/;

/** The day after YYYY-MM-DD (for the examples), or a placeholder. */
function nextDay(day: string | undefined): string {
  if (!day) return 'YYYY-MM-DD';
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The places of a longest run of `values` that does not go down, of those the one that keeps the
 * earlier values (`22:20, 23:05, 22:50`: the first two, so that the one against them is the
 * third): the longest run of the values backwards that does not go up.
 */
function inOrderKeepingEarly(values: readonly number[]): Set<number> {
  const n = values.length;
  return new Set([...inOrder(values.map((_, i) => -values[n - 1 - i]))].map((i) => n - 1 - i));
}

/** The places of a longest run of `values` that does not go down (patience sorting); ties count as in order. */
function inOrder(values: readonly number[]): Set<number> {
  const tails: number[] = [];
  const before = new Array<number>(values.length).fill(-1);
  for (let i = 0; i < values.length; i++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (values[tails[mid]] <= values[i]) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) before[i] = tails[lo - 1];
    tails[lo] = i;
  }
  const out = new Set<number>();
  for (let i = tails.length ? tails[tails.length - 1] : -1; i !== -1; i = before[i]) out.add(i);
  return out;
}

import { Temporal } from 'temporal-polyfill';

/** An instant, with its ISO form in the site's time zone ("2024-03-20T09:30:00+08:00"). */
export interface SiteDate {
  ms: number;
  iso: string;
}

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Reads a front-matter date. A date or date-time without an offset is wall-clock time in the
 * site's time zone, never the build machine's: `2024-03-20` is March 20 everywhere.
 */
export function parseSiteDate(value: unknown, timeZone: string): (SiteDate & { gap?: string }) | { error: string } {
  if (typeof value !== 'string' && !(value instanceof Date)) {
    const found = typeof value === 'number' ? `the number ${value}` : Array.isArray(value) ? 'a list (one date is written without [ ])' : value === null ? 'nothing' : typeof value === 'object' ? 'a mapping' : typeof value;
    return { error: `expected a date such as 2024-03-20 or 2024-03-20 09:30, found ${found}` };
  }
  if (value instanceof Date) return fromMs(value.getTime(), timeZone);
  const m = PATTERN.exec(value.trim());
  if (!m) {
    // `09:00 EST`: an abbreviation names different offsets in different places (CST is China's and America's).
    const zoneName = /^\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2}(?::\d{2})?\s*([A-Za-z]{2,5}|[ap]\.m\.)$/i.exec(value.trim())?.[1];
    if (zoneName && /^[ap]\.?m\.?$/i.test(zoneName)) return { error: `"${value}" gives the time with ${zoneName}; write it on the 24-hour clock (9:00 pm is 21:00)` };
    if (zoneName) return { error: `"${value}" names its time zone as ${zoneName}, which dateline does not read (such abbreviations stand for different offsets in different places: CST is China's and America's); write the offset from UTC after the time instead (${value.trim().slice(0, -zoneName.length).trim()} +08:00, or -05:00…), or leave it out for the site's own zone` };
    return { error: `"${value}" is not a date; write it as 2024-03-20, 2024-03-20 09:30 or 2024-03-20T09:30:00+08:00` };
  }
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m;
  const fields = { year: +y, month: +mo, day: +d, hour: +h, minute: +mi, second: +s, millisecond: +(frac.padEnd(3, '0').slice(0, 3) || 0) };
  const wall = utcOf(fields);
  if (!isRealDateTime(fields, wall)) return { error: `"${value}" is not a real date or time (there is no ${y}-${mo}-${d}${m[4] ? ` ${h}:${mi}${m[6] ? `:${s}` : ''}` : ''})` };
  // Year 0024 for 2024: no newsroom dates a story before the year 1000.
  if (fields.year < 1000) return { error: `the year ${y} is too early for a story${/^00\d\d$/.test(y) ? ` (20${y.slice(2)} was probably meant)` : ''}` };
  if (!zone) {
    const at = fromMs(wallToInstant(wall, fields, timeZone), timeZone);
    // A time the clocks skip (a spring-forward gap) is read as that much later: say so.
    const shown = `${y}-${mo}-${d}T${h.padStart(2, '0')}:${mi}`;
    return at.iso.slice(0, 16) === shown || !m[4] ? at : { ...at, gap: `${y}-${mo}-${d} ${h.padStart(2, '0')}:${mi} does not exist in ${timeZone} (the clocks go forward then), so it is read as ${at.iso.slice(11, 16)}` };
  }
  const offset = zone.toUpperCase() === 'Z' ? 0 : offsetMinutes(zone);
  if (offset === undefined) return { error: `"${value}" has an offset that no place uses (${zone}); offsets run from -12:00 to +14:00` };
  return fromMs(wall - offset * 60_000, timeZone);
}

/**
 * A date as a Chinese editor may type it, rewritten the way dateline reads it, or undefined when
 * it is not one: "2024年3月20日" → "2024-03-20", "2024年3月20日 14时05分" → "2024-03-20 14:05",
 * full-width digits, colon and space (an input method's "２０２４-03-20　14：05") → ASCII.
 */
export function asciiDate(value: string): string | undefined {
  const plain = value
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
    .trim()
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[：﹕]/g, ':')
    .replace(/[\u3000\s]+/g, ' ')
    .replace(/[－—–／/.]/g, '-');
  const m = /^(\d{4}) ?[年-] ?(\d{1,2}) ?[月-] ?(\d{1,2}) ?日?(?:[ T]?(?:[上下]午)?(\d{1,2})(?::|[时時点點] ?)(\d{2})?(?:分)?)?$/.exec(plain);
  if (!m) return undefined;
  const [, y, mo, d, h, mi] = m;
  const out = `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}${h === undefined ? '' : ` ${h.padStart(2, '0')}:${mi ?? '00'}`}`;
  return out === value.trim() || /[上下]午/.test(plain) ? undefined : out;
}

type Fields = { year: number; month: number; day: number; hour: number; minute: number; second: number; millisecond: number };

/** The fields as if they were UTC, in milliseconds (any year, including 0–99). */
function utcOf(f: Fields): number {
  const d = new Date(0);
  d.setUTCFullYear(f.year, f.month - 1, f.day);
  d.setUTCHours(f.hour, f.minute, f.second, f.millisecond);
  return d.getTime();
}

/** A date and time that exists on the calendar (no February 30, no 24:00, no second 60); `ms` is utcOf(f). */
function isRealDateTime(f: Fields, ms: number): boolean {
  if (f.month < 1 || f.month > 12 || f.day < 1 || f.hour > 23 || f.minute > 59 || f.second > 59) return false;
  const d = new Date(ms);
  return d.getUTCFullYear() === f.year && d.getUTCMonth() === f.month - 1 && d.getUTCDate() === f.day;
}

const DAY = 86_400_000;

/**
 * A wall-clock time in the zone as an instant; in a DST gap it moves forward and in an overlap it
 * takes the earlier instant, as Temporal's "compatible" does. Far from any change of offset the
 * answer is the wall time less the offset; near one, Temporal decides.
 */
function wallToInstant(wall: number, f: Fields, timeZone: string): number {
  const guess = offsetSpan(wall, timeZone);
  const t = wall - guess.offset;
  const span = offsetSpan(t, timeZone);
  // Offsets differ by at most a day, so two days clear of a change there is one reading only.
  if (span.offset === guess.offset && t - span.start > 2 * DAY && span.end - t > 2 * DAY) return t;
  return Temporal.PlainDateTime.from(f).toZonedDateTime(timeZone, { disambiguation: 'compatible' }).epochMilliseconds;
}

interface Span {
  /** [start, end): the instants in ms over which the zone keeps this offset. */
  start: number;
  end: number;
  offset: number;
}

/** Per zone, the spans of constant offset met so far: a site's dates fall in a few of them. */
const spansByZone = new Map<string, Span[]>();

/** The zone's offset at an instant, with the span it holds over (from the zone's transitions). */
function offsetSpan(ms: number, timeZone: string): Span {
  let spans = spansByZone.get(timeZone);
  if (!spans) spansByZone.set(timeZone, (spans = []));
  for (const s of spans) if (ms >= s.start && ms < s.end) return s;
  const z = Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(timeZone);
  const prev = z.getTimeZoneTransition('previous');
  const next = z.getTimeZoneTransition('next');
  // "previous" is strictly earlier: when ms is itself a transition, its span starts at ms.
  const start = !prev ? -Infinity : prev.offsetNanoseconds === z.offsetNanoseconds ? prev.epochMilliseconds : ms;
  const span = { start, end: next ? next.epochMilliseconds : Infinity, offset: z.offsetNanoseconds / 1e6 };
  if (spans.length < 1000) spans.push(span);
  return span;
}

function offsetMinutes(zone: string): number | undefined {
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2, 4));
  if (hours > 14 || minutes > 59) return undefined;
  return sign * (hours * 60 + minutes);
}

export function fromMs(ms: number, timeZone: string): SiteDate {
  return { ms, iso: isoInZone(ms, timeZone) };
}

/** "2024-03-20T09:30:00+08:00": the instant as wall-clock time in the zone, with its offset. */
export function isoInZone(ms: number, timeZone: string): string {
  const { offset } = offsetSpan(ms, timeZone);
  const local = new Date(ms + offset);
  const year = local.getUTCFullYear();
  // Offsets with seconds (before standard time) and years beyond four digits: Temporal's own form.
  if (offset % 60_000 !== 0 || year < 0 || year > 9999 || Number.isNaN(year)) {
    return Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(timeZone).toString({ timeZoneName: 'never', smallestUnit: 'second' });
  }
  const p2 = (n: number) => (n < 10 ? `0${n}` : String(n));
  const abs = Math.abs(offset) / 60_000;
  const sign = offset < 0 ? '-' : '+';
  return `${String(year).padStart(4, '0')}-${p2(local.getUTCMonth() + 1)}-${p2(local.getUTCDate())}T${p2(local.getUTCHours())}:${p2(local.getUTCMinutes())}:${p2(local.getUTCSeconds())}${sign}${p2(Math.floor(abs / 60))}:${p2(abs % 60)}`;
}

/** The wall-clock parts of an instant in the site's zone, for permalinks and archives. */
export function partsInZone(iso: string): { yyyy: string; mm: string; dd: string } {
  return { yyyy: iso.slice(0, 4), mm: iso.slice(5, 7), dd: iso.slice(8, 10) };
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * A date as a CMS export, an e-mail or a person writes it in English or European order, in the
 * form dateline reads, for the fix: "March 20, 2026", "20 March 2026", "Fri, 20 Mar 2026 09:30:00
 * +0800" (e-mail and RSS), "20/03/2026", "20.03.2026 9:30 pm", "2026-03-20 9:30 pm". Two forms when day and month could
 * be either way round ("03/04/2026"); undefined when it is none of these.
 */
export function dateInWords(value: string): string[] | undefined {
  const v = value.trim().replace(/^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+/i, '');
  const time = /(?:,?\s+(?:at\s+)?(\d{1,2})[:.](\d{2})(?::\d{2})?\s*([ap])?\.?m?\.?)?(?:\s+([+-]\d{2}):?(\d{2})|\s+(?:gmt|utc|z))?$/i;
  const t = time.exec(v)!;
  const datePart = v.slice(0, t.index).trim();
  let hour = t[1] === undefined ? undefined : +t[1];
  if (hour !== undefined && t[3]) hour = (hour % 12) + (t[3].toLowerCase() === 'p' ? 12 : 0);
  if (hour !== undefined && hour > 23) return undefined;
  const clock = hour === undefined ? '' : ` ${String(hour).padStart(2, '0')}:${t[2]}`;
  const zone = t[4] ? `${t[4]}:${t[5]}` : /(?:gmt|utc|z)$/i.test(v) && t[0].trim() ? 'Z' : '';
  const form = (y: string, m: number, d: number) => {
    if (m < 1 || m > 12 || d < 1 || d > 31) return undefined;
    const day = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    return zone ? `${day}T${clock.trim() || '00:00'}:00${zone === 'Z' ? 'Z' : zone}` : `${day}${clock}`;
  };
  const month = (name: string) => MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
  let m = /^([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/i.exec(datePart);
  if (m && month(m[1])) return [form(m[3], month(m[1]), +m[2])].filter((x): x is string => !!x);
  m = /^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3,9})\.?,?\s+(\d{4})$/i.exec(datePart);
  if (m && month(m[2])) return [form(m[3], month(m[2]), +m[1])].filter((x): x is string => !!x);
  // Year first, with a time dateline does not read (`9:30 pm`, `09.30`).
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(datePart);
  if (m && t[0].trim()) return [form(m[1], +m[2], +m[3])].filter((x): x is string => !!x);
  m = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(datePart);
  if (!m) return undefined;
  const [a, b, y] = [+m[1], +m[2], m[3]];
  // Day first, as Europe and Asia write it, then month first, as the United States does.
  const out = (a > 12 ? [form(y, b, a)] : b > 12 || a === b ? [form(y, a, b)] : [form(y, b, a), form(y, a, b)]).filter((x): x is string => !!x);
  return out.length ? out : undefined;
}

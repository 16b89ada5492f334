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
export function parseSiteDate(value: unknown, timeZone: string): SiteDate | { error: string } {
  if (typeof value !== 'string' && !(value instanceof Date)) return { error: `expected a date such as 2024-03-20 or 2024-03-20 09:30, found ${typeof value === 'number' ? `the number ${value}` : typeof value}` };
  if (value instanceof Date) return fromMs(value.getTime(), timeZone);
  const m = PATTERN.exec(value.trim());
  if (!m) return { error: `"${value}" is not a date; write it as 2024-03-20, 2024-03-20 09:30 or 2024-03-20T09:30:00+08:00` };
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m;
  let plain: Temporal.PlainDateTime;
  try {
    plain = Temporal.PlainDateTime.from(
      { year: +y, month: +mo, day: +d, hour: +h, minute: +mi, second: +s, millisecond: +(frac.padEnd(3, '0').slice(0, 3) || 0) },
      { overflow: 'reject' },
    );
  } catch {
    return { error: `"${value}" is not a real date or time (there is no ${y}-${mo}-${d}${m[4] ? ` ${h}:${mi}` : ''})` };
  }
  if (!zone) return fromMs(plain.toZonedDateTime(timeZone, { disambiguation: 'compatible' }).epochMilliseconds, timeZone);
  const offset = zone.toUpperCase() === 'Z' ? 0 : offsetMinutes(zone);
  if (offset === undefined) return { error: `"${value}" has an offset that no place uses (${zone}); offsets run from -12:00 to +14:00` };
  const utc = Date.UTC(plain.year, plain.month - 1, plain.day, plain.hour, plain.minute, plain.second, plain.millisecond);
  return fromMs(utc - offset * 60_000, timeZone);
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
  return Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(timeZone).toString({ timeZoneName: 'never', smallestUnit: 'second' });
}

/** The wall-clock parts of an instant in the site's zone, for permalinks and archives. */
export function partsInZone(iso: string): { yyyy: string; mm: string; dd: string } {
  return { yyyy: iso.slice(0, 4), mm: iso.slice(5, 7), dd: iso.slice(8, 10) };
}

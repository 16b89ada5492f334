import { describe, expect, it } from 'vitest';
import { parseSiteDate } from '../../src/validate/dates.js';
import { Temporal } from 'temporal-polyfill';

const ok = (v: unknown, zone = 'Asia/Shanghai') => {
  const r = parseSiteDate(v, zone);
  if ('error' in r) throw new Error(r.error);
  return r;
};
const bad = (v: unknown, zone = 'Asia/Shanghai') => {
  const r = parseSiteDate(v, zone);
  expect('error' in r, String(v)).toBe(true);
  return (r as { error: string }).error;
};

describe('front-matter dates', () => {
  it('a date without a time is midnight in the site\'s zone, not UTC and not the machine\'s', () => {
    expect(ok('2024-03-20')).toEqual({ ms: Date.UTC(2024, 2, 19, 16, 0), iso: '2024-03-20T00:00:00+08:00' });
    expect(ok('2024-03-20', 'America/Los_Angeles')).toEqual({ ms: Date.UTC(2024, 2, 20, 7, 0), iso: '2024-03-20T00:00:00-07:00' });
  });

  it('a date-time without an offset is wall-clock time in the site\'s zone', () => {
    expect(ok('2024-03-20 09:30')).toEqual({ ms: Date.UTC(2024, 2, 20, 1, 30), iso: '2024-03-20T09:30:00+08:00' });
    expect(ok('2024-03-20T09:30:15').iso).toBe('2024-03-20T09:30:15+08:00');
    expect(ok('2024-03-20 9:30').iso).toBe('2024-03-20T09:30:00+08:00');
  });

  it('a date-time with an offset is that instant, shown in the site\'s zone', () => {
    expect(ok('2024-03-20T09:30:00+02:00')).toEqual({ ms: Date.UTC(2024, 2, 20, 7, 30), iso: '2024-03-20T15:30:00+08:00' });
    expect(ok('2024-03-20T09:30Z').ms).toBe(Date.UTC(2024, 2, 20, 9, 30));
    expect(ok('2024-03-20 09:30 -0500').ms).toBe(Date.UTC(2024, 2, 20, 14, 30));
    expect(ok('2024-03-20T09:30:00.250+05:30').ms).toBe(Date.UTC(2024, 2, 20, 4, 0, 0, 250));
  });

  it('a wall-clock time in a DST gap moves forward, as a clock would, and says so', () => {
    expect(ok('2024-03-10 02:30', 'America/New_York')).toEqual({ ms: Date.UTC(2024, 2, 10, 7, 30), iso: '2024-03-10T03:30:00-04:00', gap: '2024-03-10 02:30 does not exist in America/New_York (the clocks go forward then), so it is read as 03:30' });
    // Times the clocks show (the hour repeated in autumn takes its first), dates alone, and offsets say nothing.
    for (const v of ['2024-03-10 01:59', '2024-03-10 03:00', '2024-11-03 01:30', '2024-03-10', '2024-03-10T02:30-05:00']) expect(ok(v, 'America/New_York'), v).not.toHaveProperty('gap');
  });

  it('refuses a year before 1000, naming the year a typo probably meant', () => {
    expect(bad('0024-03-20')).toBe('the year 0024 is too early for a story (2024 was probably meant)');
    expect(bad('0099-06-01T12:00:00Z', 'UTC')).toBe('the year 0099 is too early for a story (2099 was probably meant)');
    expect(bad('0999-06-01')).toBe('the year 0999 is too early for a story');
    expect(ok('1000-01-01', 'UTC').iso).toBe('1000-01-01T00:00:00+00:00');
  });

  it('accepts a leap day, refuses impossible dates and times', () => {
    expect(ok('2024-02-29').iso).toBe('2024-02-29T00:00:00+08:00');
    for (const v of ['2024-02-30', '2023-02-29', '2024-13-01', '2024-04-31', '2024-00-10', '2024-03-20 24:00', '2024-03-20 09:60', '2024-03-20T09:30:60']) {
      expect(bad(v)).toMatch(/not a real date/);
    }
  });

  it('refuses an offset no place uses', () => {
    expect(bad('2024-03-20T09:30+99:99')).toMatch(/offset/);
    expect(bad('2024-03-20T09:30+15:00')).toMatch(/offset/);
  });

  it('refuses what is not a date, saying how to write one', () => {
    for (const v of ['yesterday', '20/03/2024', '2024-3-20', 'March 20, 2024', '2024-03-20T']) expect(bad(v)).toMatch(/2024-03-20 09:30/);
    expect(bad(20240320)).toMatch(/number 20240320/);
    expect(bad(true)).toMatch(/found boolean/);
    expect(bad(['2024-03-20'])).toMatch(/found a list/);
  });
});

/** The rule written plainly with Temporal, to check the fast path against (seeded inputs). */
const reference = {
  iso: (ms: number, zone: string) => Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(zone).toString({ timeZoneName: 'never', smallestUnit: 'second' }),
  wall: (f: Temporal.PlainDateTimeLike, zone: string) => Temporal.PlainDateTime.from(f).toZonedDateTime(zone, { disambiguation: 'compatible' }).epochMilliseconds,
};

describe('dates in a zone agree with Temporal everywhere, near offset changes too', () => {
  const zones = ['Asia/Shanghai', 'Europe/London', 'America/New_York', 'Australia/Lord_Howe', 'Pacific/Apia', 'Asia/Kathmandu', 'Pacific/Chatham', 'America/St_Johns', 'UTC', 'Africa/Casablanca'];
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const p2 = (n: number) => String(n).padStart(2, '0');
  /** Instants in 1890–2090; when `near`, within `spread` ms of the zone's next change of offset. */
  const instant = (zone: string, near: boolean, spread: number) => {
    const ms = Math.round(Date.UTC(1890, 0, 1) + rand() * 200 * 365.25 * 86_400_000);
    const t = near ? Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(zone).getTimeZoneTransition('next') : null;
    return t ? t.epochMilliseconds + Math.round((rand() - 0.5) * spread) : ms;
  };

  it('an instant shown in the zone', () => {
    for (const zone of zones) {
      for (let i = 0; i < 400; i++) {
        // Every tenth one a minute either side of a change of offset.
        const ms = instant(zone, i % 10 === 0, 120_000);
        expect(ok(new Date(ms) as unknown as string, zone).iso, `${zone} ${ms}`).toBe(reference.iso(ms, zone));
      }
    }
  });

  it('a wall-clock time read in the zone, in gaps and overlaps too', () => {
    for (const zone of zones) {
      for (let i = 0; i < 400; i++) {
        // Every third one within two hours of a change: in the gap or the overlap.
        const w = new Date(instant(zone, i % 3 === 0, 4 * 3_600_000));
        const f = { year: w.getUTCFullYear(), month: w.getUTCMonth() + 1, day: w.getUTCDate(), hour: w.getUTCHours(), minute: w.getUTCMinutes(), second: w.getUTCSeconds() };
        const text = `${f.year}-${p2(f.month)}-${p2(f.day)} ${p2(f.hour)}:${p2(f.minute)}:${p2(f.second)}`;
        const r = ok(text, zone);
        expect(r.ms, `${zone} ${text}`).toBe(reference.wall(f, zone));
        expect(r.iso, `${zone} ${text}`).toBe(reference.iso(r.ms, zone));
      }
    }
  });

  it('a wall time in the Samoa day that never was', () => {
    expect(ok('2011-12-30 12:00', 'Pacific/Apia').iso).toBe(reference.iso(reference.wall({ year: 2011, month: 12, day: 30, hour: 12 }, 'Pacific/Apia'), 'Pacific/Apia'));
  });
});

describe('parseSiteDate: what an editor typed, said back with the fix', () => {
  const err = (v: unknown) => {
    const r = parseSiteDate(v, 'Asia/Shanghai');
    return 'error' in r ? r.error : undefined;
  };
  it('names the seconds that do not exist, a list, a zone abbreviation and am/pm', () => {
    expect(err('2026-11-30 01:40:60')).toBe('"2026-11-30 01:40:60" is not a real date or time (there is no 2026-11-30 01:40:60)');
    expect(err(['2026-11-30'])).toBe('expected a date such as 2024-03-20 or 2024-03-20 09:30, found a list (one date is written without [ ])');
    expect(err({ at: '2026-11-30' })).toMatch(/found a mapping$/);
    expect(err('2026-11-30 13:40 CST')).toMatch(/^"2026-11-30 13:40 CST" names its time zone as CST, which dateline does not read .* \(2026-11-30 13:40 \+08:00, or -05:00…\)/);
    expect(err('2026-11-30 09:00 EST')).toContain('names its time zone as EST');
    expect(err('2026-11-30 9:00 pm')).toBe('"2026-11-30 9:00 pm" gives the time with pm; write it on the 24-hour clock (9:00 pm is 21:00)');
    expect(err('2026-11-30 9:00 P.M.')).toContain('24-hour clock');
    expect(err('2026-11-30 09:00 +08:00')).toBeUndefined();
  });
});

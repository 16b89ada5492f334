import { describe, expect, it } from 'vitest';
import { parseSiteDate } from '../../src/validate/dates.js';

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

  it('a wall-clock time in a DST gap moves forward, as a clock would', () => {
    expect(ok('2024-03-10 02:30', 'America/New_York').iso).toBe('2024-03-10T03:30:00-04:00');
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
    expect(bad(['2024-03-20'])).toMatch(/found object/);
  });
});

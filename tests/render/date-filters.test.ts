import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/validate.js';
import { createFilters, instantOf } from '../../src/render/filters.js';

// A template's date string is wall-clock time in the site's zone unless it names its own zone:
// then it is that instant, whatever the site's zone.
describe('the instant of a date string a template gives a date filter', () => {
  const iso = (v: string, zone = 'Asia/Shanghai') => {
    const ms = instantOf(v, zone);
    return ms === undefined ? undefined : new Date(ms).toISOString();
  };

  it('an offset, Z or GMT is that instant; none is the site\'s wall clock', () => {
    expect(iso('2024-03-20T10:00:00.123+08:00')).toBe('2024-03-20T02:00:00.123Z');
    expect(iso('2024-03-20T10:00:00Z')).toBe('2024-03-20T10:00:00.000Z');
    expect(iso('Wed, 20 Mar 2024 02:00:00 GMT')).toBe('2024-03-20T02:00:00.000Z');
    expect(iso('2024-03-20 10:00')).toBe('2024-03-20T02:00:00.000Z');
    expect(iso('garbage')).toBeUndefined();
  });

  it('a zone written as its letters (EST, PDT, UT) is that zone, not the site\'s', () => {
    expect(iso('2024-03-20 10:00 EST')).toBe('2024-03-20T15:00:00.000Z');
    expect(iso('Wed, 20 Mar 2024 10:00:00 PDT')).toBe('2024-03-20T17:00:00.000Z');
    expect(iso('Wed, 20 Mar 2024 10:00:00 UT')).toBe('2024-03-20T10:00:00.000Z');
    const config = resolveConfig({ title: 'Herald', baseUrl: 'https://news.example.org/', timeZone: 'Asia/Shanghai' });
    expect(createFilters(config).dateTime('2024-03-20 10:00 EST')).toBe('Mar 20, 2024, 11:00 PM GMT+8');
  });
});

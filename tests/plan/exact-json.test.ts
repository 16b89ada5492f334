import { describe, expect, it } from 'vitest';
import { exactJson } from '../../src/plan/fingerprint.js';

describe('exactJson (fingerprints, body edits)', () => {
  it('writes a NaN or an infinity apart from null wherever it is, and plain JSON for a value without one', () => {
    const plain = { title: 'Rail', image: null, tags: [{ name: 'Rail', extra: null }], when: new Date(Date.UTC(2024, 2, 20)), none: new Date(Number.NaN) };
    expect(exactJson(plain)).toBe(JSON.stringify(plain));
    const nan = exactJson({ a: null, b: [1, Number.NaN] });
    const inf = exactJson({ a: null, b: [1, Number.POSITIVE_INFINITY] });
    const null_ = exactJson({ a: null, b: [1, null] });
    expect(new Set([nan, inf, null_]).size).toBe(3);
    expect(exactJson({ a: null, deep: { list: [{ x: Number.NEGATIVE_INFINITY }] } })).not.toBe(exactJson({ a: null, deep: { list: [{ x: null }] } }));
    // An object that writes itself is taken at its word.
    expect(exactJson({ a: null, t: { toJSON: () => Number.NaN } })).not.toBe(exactJson({ a: null, t: null }));
    expect(exactJson({ a: null, t: Object.assign([1], { toJSON: () => Number.NaN }) })).not.toBe(exactJson({ a: null, t: null }));
    expect(exactJson({ a: null, t: Object.assign(new Date(0), { toJSON: () => Number.POSITIVE_INFINITY }) })).not.toBe(exactJson({ a: null, t: null }));
    // A value with no null in its JSON cannot hold one.
    expect(exactJson({ score: 3 })).toBe('{"score":3}');
    expect(exactJson(undefined)).toBe('');
  });
});

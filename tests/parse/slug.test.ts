import { describe, expect, it } from 'vitest';
import { encodePath, slugify } from '../../src/parse/slug.js';
import { seededTexts } from '../helpers/markdown-samples.js';

describe('slugify', () => {
  it('keeps letters and digits of every script, lower-cases what has case', () => {
    expect(slugify('Rail Freight Doubles in 2024')).toBe('rail-freight-doubles-in-2024');
    expect(slugify('重庆')).toBe('重庆');
    expect(slugify('重庆 新闻 2024')).toBe('重庆-新闻-2024');
    expect(slugify('Zürich Café')).toBe('zürich-café');
    expect(slugify('Москва')).toBe('москва');
    expect(slugify('मुंबई')).toBe('मुंबई');
  });

  it('gives printable ASCII (read without the Unicode rules) the slug the Unicode rules give', () => {
    const unicode = (t: string) => t.normalize('NFKC').toLowerCase().replace(/['’ʼ]/g, '').replace(/[^\p{L}\p{N}\p{M}]+/gu, '-').replace(/^-+|-+$/g, '');
    const all = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
    const samples = [all, "It's 9 O'Clock -- Rail_Freight (2024)!", ...seededTexts(5, [...all], 2000, 12)];
    for (const s of samples) expect(slugify(s), s).toBe(unicode(s));
    // And with the punctuation word processors type, which takes a path of its own.
    const typed = [...all, '‘', '’', '“', '”', '–', '—', '…', '\u00a0'];
    for (const s of ['Chongqing’s “new” line — and more…', 'rock\u00a0’n’\u00a0roll', ...seededTexts(6, typed, 2000, 12)]) expect(slugify(s), s).toBe(unicode(s));
  });

  it('turns every other run of characters into one hyphen, none at the ends', () => {
    expect(slugify('  --Hello,   World!!--  ')).toBe('hello-world');
    expect(slugify('a/b\\c..d')).toBe('a-b-c-d');
    expect(slugify("Don't stop")).toBe('dont-stop');
  });

  it('folds compatibility forms so one word has one slug', () => {
    expect(slugify('ＲＡＩＬ')).toBe('rail');
    expect(slugify('Cafe\u0301')).toBe(slugify('Café'));
  });

  it('is empty for text without letters or digits', () => {
    for (const t of ['', '!!!', '---', '   ', '+++', '🚄']) expect(slugify(t)).toBe('');
  });
});

describe('encodePath', () => {
  it('percent-encodes each segment one way, whether or not it was encoded already', () => {
    expect(encodePath('tags/重庆/')).toBe('tags/%E9%87%8D%E5%BA%86/');
    expect(encodePath('tags/%E9%87%8D%E5%BA%86/')).toBe('tags/%E9%87%8D%E5%BA%86/');
    expect(encodePath('a b/c?d#e/')).toBe('a%20b/c%3Fd%23e/');
    expect(encodePath('100%/')).toBe('100%25/');
  });
});

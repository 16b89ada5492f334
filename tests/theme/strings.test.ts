import { describe, expect, it } from 'vitest';
import { STRINGS } from '../../src/config/strings.js';
import { md, site } from '../helpers/site.js';
import { config } from './fixtures.js';

// An Arabic newsroom: right to left, Arabic-Indic digits, six plural forms, its own words.
const ARABIC = {
  language: 'ar',
  locale: 'ar-EG',
  strings: {
    home: 'الرئيسية',
    byline: 'بقلم {authors}',
    and: ' و',
    articles: { zero: 'لا مقالات', one: 'مقال واحد', two: 'مقالان', few: '{n} مقالات', many: '{n} مقالًا', other: '{n} مقال' },
    minutesToRead: { one: 'دقيقة قراءة', two: 'دقيقتا قراءة', few: '{n} دقائق قراءة', other: '{n} دقيقة قراءة' },
    older: 'أقدم',
    newer: 'أحدث',
    titleWithPage: '{title} – الصفحة {page}',
    tags: 'الوسوم',
  },
};

const story = (n: number, extra: Record<string, unknown> = {}) => md({ title: `خبر ${n}`, date: `2025-01-${String(10 + n).padStart(2, '0')} 10:00`, author: ['Ran Zheng', 'Li Wei'], tags: ['اقتصاد'], ...extra }, 'نص الخبر. '.repeat(300 * n));

describe('the theme\'s words in the site\'s language', () => {
  it('an Arabic site: right to left, its own words and plural forms, its digits, arrows that point its way', async () => {
    const files: Record<string, string> = { 'dateline.config.ts': config(ARABIC) };
    for (let n = 1; n <= 4; n++) files[`content/articles/s${n}.md`] = story(n);
    const s = await site(files);
    expect(s.ok, JSON.stringify(s.diagnostics)).toBe(true);
    const article = s.page('2025/01/11/s1/index.html');
    expect(article).toContain('<html lang="ar" dir="rtl">');
    expect(article).toContain('>الرئيسية</a>');
    expect(article).toMatch(/<span class="byline">بقلم <a [^>]*><bdi>Ran Zheng<\/bdi><\/a> و<a [^>]*><bdi>Li Wei<\/bdi><\/a><\/span>/);
    // 600 words: three minutes, the "few" form, in Arabic-Indic digits.
    expect(article).toContain('<span class="reading-time">٣ دقائق قراءة</span>');
    expect(article).toContain('<h2 class="visually-hidden">الوسوم</h2>');
    // Words left as they are fall back to English.
    expect(article).toContain('Related stories');
    // A tag page of four stories, three a page: "4 articles" in the few form; page 2's title.
    const tag = s.page('tags/اقتصاد/index.html');
    expect(tag).toContain('<p class="count">٤ مقالات · page ١ of ٢</p>');
    expect(tag).toContain('rel="next">أقدم <span aria-hidden="true">←</span></a>');
    expect(s.page('tags/اقتصاد/page/2/index.html')).toContain('<title>اقتصاد – الصفحة ٢ – Test Herald</title>');
    expect(s.page('tags/اقتصاد/page/2/index.html')).toContain('rel="prev"><span aria-hidden="true">→</span> أحدث</a>');
    expect(s.page('page/2/index.html')).toContain('<title>Test Herald – الصفحة ٢</title>');
  });

  it('an English site: the words as before, and the home page\'s later pages name the site once', async () => {
    const files: Record<string, string> = { 'dateline.config.ts': config() };
    for (let n = 1; n <= 4; n++) files[`content/articles/s${n}.md`] = story(n, { title: `Story ${n}` });
    const s = await site(files);
    expect(s.page('page/2/index.html')).toContain('<title>Test Herald – page 2</title>');
    expect(s.page('index.html')).toContain('<html lang="en" dir="ltr">');
    expect(s.page('tags/اقتصاد/index.html')).toContain('<p class="count">4 articles · page 1 of 2</p>');
    expect(s.page('2025/01/11/s1/index.html')).toContain('<span class="reading-time">3 min read</span>');
  });

  it('refuses a key the theme does not have, and a count without its `other` form', async () => {
    const s = await site({ 'dateline.config.ts': config({ strings: { olderr: 'x', articles: { one: '{n} article' } } }) });
    expect(s.ok).toBe(false);
    expect(s.diagnostics.map((d) => [d.message, d.hint])).toEqual([
      ['config key `strings.olderr` is not known.', 'Did you mean `strings.older`?'],
      ['config key `strings.articles`: expected a string, or for a count { one: "{n} article", other: "{n} articles" } (the forms zero, one, two, few, many and other), found an object.', expect.any(String)],
    ]);
  });

  it('every string the templates ask for is one the theme defines', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const dir = new URL('../../templates/', import.meta.url);
    const names = readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.njk'));
    const used = new Set<string>();
    for (const f of names) for (const m of readFileSync(new URL(f, dir), 'utf8').matchAll(/'(\w+)' \| t\b|\{\{ ui\.(\w+)|\(ui\.(\w+)/g)) used.add(m[1] ?? m[2] ?? m[3]);
    expect(used.size).toBeGreaterThan(30);
    expect([...used].filter((k) => !(k in STRINGS) && k !== 'bylineBefore' && k !== 'bylineAfter')).toEqual([]);
  });
});

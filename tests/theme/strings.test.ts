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

  it('a Chinese site (zh-CN) gets the theme\'s words, dates, cookie notice and footer label in Chinese, with no strings set', async () => {
    const cn = { language: 'zh-CN', footer: { links: [], lines: ['渝ICP备2021001234号'], email: 'news@example.org', messageUrl: '/contact-us/' } };
    const files: Record<string, string> = { 'dateline.config.ts': config(cn), 'content/pages/privacy-cookie-policy.md': md({ title: '隐私政策' }) };
    for (let n = 1; n <= 4; n++) files[`content/articles/s${n}.md`] = md({ title: `重庆新闻${n}`, date: `2025-01-${String(10 + n).padStart(2, '0')} 14:05`, author: ['冉征', '李晓燕'], section: '财经', tags: ['汽车'], corrections: n === 1 ? [{ date: '2025-01-12 10:00', text: '此前误写。' }] : undefined }, '重庆市统计局发布数据。'.repeat(80 * n));
    const s = await site(files);
    expect(s.ok, JSON.stringify(s.diagnostics)).toBe(true);
    const article = s.page('2025/01/11/s1/index.html');
    expect(article).toContain('<html lang="zh-CN" dir="ltr">');
    expect(article).toMatch(/<span class="byline">作者：<a [^>]*><bdi>冉征<\/bdi><\/a>、<a [^>]*><bdi>李晓燕<\/bdi><\/a><\/span>/);
    expect(article).toContain('<time datetime="2025-01-11T14:05:00+08:00">2025年1月11日</time>');
    // 800 characters at 400 a minute.
    expect(article).toContain('<span class="reading-time">阅读约2分钟</span>');
    expect(article).toContain('<meta property="og:locale" content="zh_CN">');
    expect(article).toContain('<a class="skip-link" href="#main">跳到正文</a>');
    expect(article).toContain('<h2 id="corrections-heading">更正</h2>');
    expect(article).toContain('<a href="/contact-us/">留言</a>');
    expect(article).toContain('<button type="button" id="cookie-accept">我同意</button>');
    expect(article).toContain('>隐私政策</a>');
    const tag = s.page('tags/汽车/index.html');
    expect(tag).toContain('<p class="count">4篇报道 · 第1页，共2页</p>');
    expect(tag).toContain('rel="next">下一页 <span aria-hidden="true">→</span></a>');
    expect(s.page('page/2/index.html')).toContain('<title>Test Herald（第2页）</title>');
    // Not one of the theme's English words is left on a page a reader sees.
    const english = Object.values(STRINGS).flatMap((v) => (typeof v === 'string' ? [v] : Object.values(v))).filter((v) => /[A-Za-z]{3}/.test(v.replace(/\{\w+\}/g, '')));
    english.push('I Agree', 'Leave a message', 'We use cookies');
    for (const page of ['2025/01/11/s1/index.html', 'tags/汽车/index.html', 'index.html', 'search/index.html', '404.html', 'authors/index.html', 'archive/index.html']) {
      const text = s.page(page).replace(/<script[\s\S]*?<\/script>|<head>[\s\S]*?<\/head>/g, '').replace(/<[^>]*>/g, '\n');
      const found = english.filter((w) => text.includes(w.replace(/\{\w+\}/g, '').trim()));
      expect(found, page).toEqual([]);
    }
  });

  it('a Chinese site\'s own strings, locale and cookie words win; a Traditional Chinese site gets the words in its own script', async () => {
    const own = { language: 'zh-CN', locale: 'en-US', strings: { byline: '记者 {authors}' }, cookieNotice: { button: '知道了' } };
    const s = await site({ 'dateline.config.ts': config(own), 'content/articles/a.md': md({ title: '重庆新闻', date: '2025-01-11 14:05', author: '冉征', tags: ['汽车'] }) });
    const article = s.page('2025/01/11/a/index.html');
    expect(article).toMatch(/<span class="byline">记者 <a /);
    expect(article).toContain('>Jan 11, 2025</time>');
    expect(article).toContain('<button type="button" id="cookie-accept">知道了</button>');
    expect(article).toContain('<h2 class="visually-hidden">标签</h2>');
    for (const language of ['zh-TW', 'zh-HK', 'zh-Hant']) {
      const tw = await site({ 'dateline.config.ts': config({ language, footer: { links: [], lines: [], email: 'news@example.org', messageUrl: '/contact-us/' } }), 'content/pages/privacy-cookie-policy.md': md({ title: '隱私權政策' }), 'content/articles/a.md': md({ title: '重慶新聞', date: '2025-01-11 14:05', author: ['冉征', '李曉燕'], tags: ['汽車'] }) });
      expect(tw.ok, JSON.stringify(tw.diagnostics)).toBe(true);
      const page = tw.page('2025/01/11/a/index.html');
      expect(page, language).toContain('<a class="skip-link" href="#main">跳到正文</a>');
      expect(page, language).toMatch(/<span class="byline">作者：<a [^>]*><bdi>冉征<\/bdi><\/a>、<a /);
      expect(page, language).toContain('<button type="button" id="cookie-accept">我同意</button>');
      expect(page, language).toContain('>隱私權政策</a>');
      expect(page, language).toContain('<a href="/contact-us/">留言</a>');
      expect(page, language).toContain('>2025年1月11日</time>');
      expect(tw.page('tags/汽車/index.html'), language).toContain('<p class="count">1篇報導</p>');
      // Not one word of the theme's in English, nor one in Simplified characters that Traditional writes otherwise.
      const english = Object.values(STRINGS).flatMap((v) => (typeof v === 'string' ? [v] : Object.values(v))).filter((v) => /[A-Za-z]{3}/.test(v.replace(/\{\w+\}/g, '')));
      english.push('I Agree', 'Leave a message', 'We use cookies', '报道', '页', '标签', '搜索', '隐私');
      for (const p of ['2025/01/11/a/index.html', 'tags/汽車/index.html', 'index.html', 'search/index.html', '404.html']) {
        const text = tw.page(p).replace(/<script[\s\S]*?<\/script>|<head>[\s\S]*?<\/head>/g, '').replace(/<[^>]*>/g, '\n');
        expect(english.filter((w) => text.includes(w.replace(/\{\w+\}/g, '').trim())), `${language} ${p}`).toEqual([]);
      }
    }
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

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build, createBuilder } from '../../src/build.js';
import { ogLocale } from '../../src/render/metadata.js';
import { cli, coldBuild, md, site, tree, writeSite } from '../helpers/site.js';

/** An English site (DEFAULT_CONFIG) with an Arabic story, a Chinese one and English ones around them. */
const ARABIC = md(
  {
    title: 'ارتفاع أسعار الشحن في ميناء جدة',
    date: '2025-12-31 09:00',
    author: 'Layla Haddad',
    section: 'Business',
    tags: ['port', 'rail'],
    summary: 'تضاعفت أسعار الشحن خلال عام واحد.',
    dateline: 'جدة',
    language: 'ar',
    image: { src: '/img/port.jpg', alt: 'رافعات في الميناء', caption: 'الميناء عند الفجر', credit: 'Layla Haddad' },
  },
  'قال مدير الميناء إن الطلب ارتفع بشكل كبير.\n\nوأضاف أن السفن تنتظر أياماً.',
);
const ENGLISH = (title: string, date: string, tags: string[]) => md({ title, date, author: 'Ran Zheng', section: 'Business', tags, summary: `${title} in brief.` });
const CHINESE = md(
  { title: '重庆铁路货运翻番', date: '2025-12-31 08:00', author: 'Ran Zheng', section: 'Business', tags: ['rail'], summary: '中欧班列开行数量创新高。', language: 'zh-CN' },
  `${'今年从重庆开往杜伊斯堡的集装箱列车数量比去年翻了一番。'.repeat(200)}\n\n最后一段：团结村站。`,
);

const files = () => ({
  'content/articles/jeddah.md': ARABIC,
  'content/articles/chongqing.md': CHINESE,
  'content/articles/rail.md': ENGLISH('Rail freight doubles', '2025-12-31 07:00', ['rail']),
  'content/articles/port.md': ENGLISH('Port expands', '2025-12-31 06:00', ['port']),
  'static/img/port.jpg': 'x',
});
const NOW = { now: '2026-01-01T00:00:00Z' };

describe('a story in another language than the site', () => {
  it('marks its own page: <html> stays the site\'s, the <article> is the story\'s, the theme\'s words inside say the site\'s again', async () => {
    const b = await site(files(), NOW);
    expect(b.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const page = b.page('2025/12/31/jeddah/index.html');
    expect(page).toContain('<html lang="en" dir="ltr">');
    const article = page.slice(page.indexOf('<article class="story"'), page.indexOf('</article>'));
    expect(article).toMatch(/^<article class="story" lang="ar" dir="rtl">/);
    // The headline, the standfirst, the photo and its caption, the dateline and the body are inside it.
    expect(article).toContain('<h1 class="story-title">ارتفاع أسعار الشحن في ميناء جدة');
    expect(article).toContain('<p class="standfirst">تضاعفت أسعار الشحن');
    expect(article).toContain('الميناء عند الفجر');
    expect(article).toContain('جدة');
    expect(article).toContain('وأضاف أن السفن تنتظر أياماً.');
    // The theme's words: section, byline and date, credit, tags.
    expect(article).toContain('<p class="kicker" lang="en" dir="ltr">');
    expect(article).toMatch(/<p class="story-meta" lang="en" dir="ltr">[\s\S]*?Layla Haddad/);
    expect(article).toContain('<span class="credit" lang="en" dir="ltr">');
    expect(article).toContain('<footer class="story-tags" lang="en" dir="ltr">');
    // The page's header and footer are outside the article, in the page's language.
    expect(page.indexOf('<header class="site-header') === -1 || page.indexOf('<header class="site-header') < page.indexOf('<article class="story"')).toBe(true);
    // Its metadata says Arabic.
    expect(page).toContain('"inLanguage":"ar"');
    expect(page).toContain('<meta property="og:locale" content="ar_AR">');
  });

  it('marks its headline and summary wherever another page shows them', async () => {
    const b = await site(files(), NOW);
    const card = /<h\d class="card-title" lang="ar" dir="rtl"><a href="\/2025\/12\/31\/jeddah\/">ارتفاع أسعار الشحن/;
    for (const p of ['index.html', 'tags/port/index.html', 'business/index.html', 'authors/layla-haddad/index.html']) {
      expect(b.page(p), p).toMatch(card);
    }
    expect(b.page('tags/port/index.html')).toContain('<p class="card-summary" lang="ar" dir="rtl">تضاعفت');
    // A related promo on an English story's page, and the English story's own card has no lang.
    const port = b.page('2025/12/31/port/index.html');
    const related = port.slice(port.indexOf('<aside class="related"'));
    expect(related).toMatch(card);
    expect(b.page('tags/port/index.html')).toMatch(/<h\d class="card-title"><a href="\/2025\/12\/31\/port\/">Port expands/);
    // The neighbour link in the section.
    expect(b.page('2025/12/31/chongqing/index.html')).toContain('<span class="story-nav-title" lang="ar" dir="rtl">ارتفاع');
    // The archive's month page.
    expect(b.page('2025/12/index.html')).toContain('<a href="/2025/12/31/jeddah/" lang="ar" dir="rtl">ارتفاع');
  });

  it('gives its language to the News sitemap for its URL only, and to its Atom entry and JSON Feed item', async () => {
    const b = await site(files(), NOW);
    const news = b.page('news-sitemap.xml');
    const url = (slug: string) => news.split('<url>').find((u) => u.includes(`/${slug}/`))!;
    expect(url('jeddah')).toContain('<news:language>ar</news:language>');
    expect(url('chongqing')).toContain('<news:language>zh-cn</news:language>');
    expect(url('port')).toContain('<news:language>en</news:language>');
    const atom = b.page('atom.xml');
    expect(atom).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en" ');
    const entry = (slug: string) => atom.split('<entry').find((e) => e.includes(`/${slug}/`))!;
    expect(entry('jeddah')).toMatch(/^ xml:lang="ar">/);
    expect(entry('port')).toMatch(/^>/);
    const json = JSON.parse(b.page('feed.json')) as { language: string; items: { url: string; language?: string }[] };
    expect(json.language).toBe('en');
    expect(json.items.find((i) => i.url.includes('/jeddah/'))?.language).toBe('ar');
    expect(json.items.find((i) => i.url.includes('/port/'))?.language).toBeUndefined();
    // RSS has no place for an item's language; its channel's stays the site's.
    expect(b.page('feed.xml')).toContain('<language>en</language>');
  });

  it('leaves a Chinese story\'s text as it is: no <span lang="zh"> inside its <article lang="zh-CN">', async () => {
    const b = await site(files(), NOW);
    const page = b.page('2025/12/31/chongqing/index.html');
    const start = page.indexOf('<article class="story" lang="zh-CN">');
    expect(start).toBeGreaterThan(-1);
    const article = page.slice(start, page.indexOf('</article>', start));
    // The body is far longer than a glance back from its last paragraph reaches.
    expect(article.length).toBeGreaterThan(5000);
    expect(article).toContain('最后一段：团结村站。');
    expect(article).toContain('<h1 class="story-title">重庆铁路货运翻番');
    expect(article).not.toContain('<span lang="zh">');
    // The site's footer line, outside it, is still marked.
    expect(page.slice(page.indexOf('</article>'))).toContain('<span lang="zh">渝ICP备12345678号</span>');
    // Its card on the home page says zh-CN, and gets no span inside either.
    expect(b.page('index.html')).toMatch(/<h\d class="card-title" lang="zh-CN"><a href="\/2025\/12\/31\/chongqing\/">重庆铁路货运翻番<\/a>/);
  });

  it('a standalone page in another language', async () => {
    const b = await site({ ...files(), 'content/pages/about-ar.md': md({ title: 'من نحن', language: 'ar', updated: '2025-06-01' }, 'نحن غرفة أخبار.') }, NOW);
    const page = b.page('about-ar/index.html');
    expect(page).toContain('<html lang="en" dir="ltr">');
    expect(page).toContain('<article class="standalone" lang="ar" dir="rtl">');
    expect(page).toContain('<p class="story-dates" lang="en" dir="ltr">');
    expect(page).toContain('<meta property="og:locale" content="ar_AR">');
  });

  it('a story in the site\'s own language, or without one, has no attribute and the site\'s metadata', async () => {
    const b = await site({ ...files(), 'content/articles/en.md': md({ title: 'Plain', date: '2025-12-27 09:00', author: 'Ran Zheng', language: 'EN' }) }, NOW);
    for (const p of ['2025/12/27/en/index.html', '2025/12/31/port/index.html']) {
      const page = b.page(p);
      expect(page).toContain('<article class="story">');
      expect(page).toContain('"inLanguage":"en"');
      expect(page).toContain('<meta property="og:locale" content="en_US">');
    }
  });
});

describe('og:locale', () => {
  it('is language_TERRITORY: a bare language gets its likeliest country, Arabic and Latin American Spanish Facebook\'s own', () => {
    expect(ogLocale('en-GB')).toBe('en_GB');
    expect(ogLocale('en')).toBe('en_US');
    expect(ogLocale('zh')).toBe('zh_CN');
    expect(ogLocale('zh-Hant')).toBe('zh_TW');
    expect(ogLocale('zh-Hans-CN')).toBe('zh_CN');
    expect(ogLocale('ar')).toBe('ar_AR');
    expect(ogLocale('ar-SA')).toBe('ar_SA');
    expect(ogLocale('es-419')).toBe('es_LA');
    expect(ogLocale('ur')).toBe('ur_PK');
  });
});

describe('a change of only `language`', () => {
  const story = (language?: string) =>
    md({ title: 'ارتفاع أسعار الشحن', date: '2025-12-31 09:00', author: 'Layla Haddad', section: 'Business', tags: ['port'], summary: 'تضاعفت الأسعار.', ...(language ? { language } : {}) }, 'قال مدير الميناء.');
  const sources = (language?: string) => ({
    'content/articles/jeddah.md': story(language),
    'content/articles/port.md': ENGLISH('Port expands', '2025-12-30 06:00', ['port']),
  });

  it('a warm build (cache and output kept) equals a cold one, byte for byte, each time', async () => {
    const dir = writeSite(sources());
    const warmOut = path.join(dir, 'dist');
    const NOW_ARGS = ['--now', '2026-01-01T00:00:00Z'];
    const warmEqualsCold = async () => {
      const warm = await cli(['build', dir, '--out', warmOut, ...NOW_ARGS]);
      expect(warm.code, warm.stderr).toBe(0);
      const coldOut = path.join(mkdtempSync(path.join(tmpdir(), 'dateline-cold-')), 'dist');
      await coldBuild(dir, coldOut, NOW);
      expect(tree(warmOut)).toEqual(tree(coldOut));
      return tree(warmOut);
    };
    expect((await warmEqualsCold()).get('index.html')).not.toContain('lang="ar"');
    for (const language of ['ar', 'fa', undefined]) {
      writeFileSync(path.join(dir, 'content/articles/jeddah.md'), story(language));
      const out = await warmEqualsCold();
      const home = out.get('index.html')!;
      if (language) expect(home, language).toContain(`class="card-title" lang="${language}" dir="rtl"`);
      else expect(home).not.toContain('dir="rtl"');
      expect(out.get('atom.xml')!.includes(`xml:lang="${language}"`), String(language)).toBe(!!language);
      expect(out.get('news-sitemap.xml')!.includes(`<news:language>${language}</news:language>`), String(language)).toBe(!!language);
    }
  });

  it('an in-place rebuild after the edit (watch, serve) equals a full build', async () => {
    const dir = writeSite(sources());
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'dateline-inc-')), 'dist');
    const builder = createBuilder({ siteDir: dir, outDir: out, now: '2026-01-01T00:00:00Z' });
    try {
      expect((await builder.build()).ok).toBe(true);
      writeFileSync(path.join(dir, 'content/articles/jeddah.md'), story('ar'));
      const again = await builder.build([{ type: 'change', path: 'content/articles/jeddah.md' }]);
      expect(again.ok).toBe(true);
      const fresh = path.join(mkdtempSync(path.join(tmpdir(), 'dateline-full-')), 'dist');
      expect((await build({ siteDir: dir, outDir: fresh, now: '2026-01-01T00:00:00Z' })).ok).toBe(true);
      expect(tree(out)).toEqual(tree(fresh));
      expect(readFileSync(path.join(out, '2025/12/31/jeddah/index.html'), 'utf8')).toContain('<article class="story" lang="ar" dir="rtl">');
    } finally {
      await builder.close();
    }
  });
});

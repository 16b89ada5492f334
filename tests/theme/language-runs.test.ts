import { describe, expect, it } from 'vitest';
import { markLanguageRuns } from '../../src/render/language-runs.js';
import { DEFAULT_CONFIG, md, site } from '../helpers/site.js';

const article = md(
  {
    title: 'Rail freight doubles丨Insights',
    date: '2025-06-01T09:00:00+08:00',
    author: 'Ran Zheng',
    tags: ['rail', '重庆'],
    image: { src: '/img/yard.jpg', alt: '重庆 freight yard', caption: 'The yard at 团结村', credit: 'Photo/ 长安汽车' },
  },
  [
    'The mayor called it "一带一路的枢纽" in his speech.',
    '',
    'In Tokyo the sign read ひらがなと漢字, and in Seoul 대한민국 서울 was on every poster.',
    '',
    'Prices rose 5％ this year.',
  ].join('\n'),
);

describe('CJK text on a page in another language', () => {
  it('marks each run of Chinese, Japanese and Korean in the body with its lang, and nothing in the head or in attributes', async () => {
    const b = await site({ 'content/articles/rail.md': article, 'static/img/yard.jpg': 'x' });
    expect(b.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const page = b.page('2025/06/01/rail/index.html');
    const body = page.slice(page.indexOf('<body'));
    const head = page.slice(0, page.indexOf('<body'));
    expect(body).toContain('"<span lang="zh">一带一路的枢纽</span>"');
    expect(body).toContain('<span lang="ja">ひらがなと漢字</span>');
    // Korean words keep their space inside one run.
    expect(body).toContain('<span lang="ko">대한민국 서울</span>');
    // The tag's link text, the caption and the credit; the tag's URL is untouched.
    expect(body).toMatch(/href="\/tags\/%E9%87%8D%E5%BA%86\/"[^>]*><span lang="zh">重庆<\/span><\/a>/);
    expect(body).toContain('The yard at <span lang="zh">团结村</span>');
    expect(body).toContain('<span lang="zh">长安汽车</span>');
    // The footer's licence line (DEFAULT_CONFIG), with its Latin letters and digits inside.
    expect(body).toContain('<p class="footer-line"><span lang="zh">渝ICP备12345678号</span></p>');
    // Attributes (alt text) and the head (title, meta, JSON-LD) cannot hold markup.
    expect(body).toContain('alt="重庆 freight yard"');
    expect(head).not.toContain('<span');
    expect(head).toContain('<title>Rail freight doubles丨Insights');
    // A column label's stroke and a full-width sign alone are no language.
    expect(body).not.toContain('<span lang="zh">丨</span>');
    expect(body).toContain('5％');
    expect(body).not.toMatch(/<span lang="zh">％/);
    // Nothing inside a script, the JSON-LD included.
    for (const script of page.match(/<script\b[\s\S]*?<\/script>/g) ?? []) expect(script).not.toContain('<span');
  });

  it('leaves a Chinese, Japanese or Korean site as it is', async () => {
    const config = DEFAULT_CONFIG.replace("timeZone: 'Asia/Shanghai',", "timeZone: 'Asia/Shanghai', language: 'zh-Hans',");
    const b = await site({ 'dateline.config.ts': config, 'content/articles/rail.md': article, 'static/img/yard.jpg': 'x' });
    const page = b.page('2025/06/01/rail/index.html');
    expect(page).toContain('<html lang="zh-Hans"');
    expect(page).toContain('一带一路的枢纽');
    expect(page).not.toContain('<span lang=');
  });

  it('reads the page language from its <html> tag and skips text that is not markup', () => {
    const page = (lang: string, body: string) => `<!doctype html><html lang="${lang}"><head><title>重庆</title></head><body>${body}</body></html>`;
    expect(markLanguageRuns(page('en', '<p>重庆</p>'), 'en')).toContain('<p><span lang="zh">重庆</span></p>');
    // A page whose own template says it is Japanese, on an English site.
    expect(markLanguageRuns(page('ja', '<p>重庆</p>'), 'en')).not.toContain('<span');
    for (const opaque of ['<textarea>重庆</textarea>', '<select><option>重庆</option></select>', '<svg><text>重庆</text></svg>', '<style>/* 重庆 */</style>', '<template><p>重庆</p></template>']) {
      expect(markLanguageRuns(page('en', opaque), 'en')).toBe(page('en', opaque));
    }
    // An element that says its own language keeps it: kanji alone are not taken for Chinese there.
    expect(markLanguageRuns(page('en', '<p>Hello <span lang="ja">東京</span> and 重庆.</p><blockquote lang="ja"><p>東京都 — 大阪府</p></blockquote><p>成都</p>'), 'en')).toContain(
      '<p>Hello <span lang="ja">東京</span> and <span lang="zh">重庆</span>.</p><blockquote lang="ja"><p>東京都 — 大阪府</p></blockquote><p><span lang="zh">成都</span></p>',
    );
    // A table of a million tags pasted into a story (the engine's stack once overflowed on it).
    const table = `<table>${'<tr><td>1</td></tr>'.repeat(700000)}</table><p>重庆</p>`;
    expect(markLanguageRuns(page('en', table), 'en')).toContain('</table><p><span lang="zh">重庆</span></p>');
    // A run never crosses a tag: two links, two spans.
    expect(markLanguageRuns(page('en', '<a>重庆</a><a>成都</a>'), 'en')).toContain('<a><span lang="zh">重庆</span></a><a><span lang="zh">成都</span></a>');
  });

  it('leaves the whole of an element in one of these languages however long, and marks runs inside one in another', () => {
    const page = (lang: string, body: string) => `<!doctype html><html lang="${lang}"><head><title>x</title></head><body>${body}</body></html>`;
    // A Chinese story on an English site: its <article lang="zh-CN"> is far longer than 1,500 characters.
    const story = `<article class="story" lang="zh-CN"><h1>重庆</h1><div><article class="inner"><p>一</p></article>${'<p>中欧班列开行数量创新高。</p>'.repeat(300)}<p>最后一段</p></div><p class="story-meta" lang="en">By 李伟</p></article><p>成都</p>`;
    const out = markLanguageRuns(page('en', story), 'en');
    expect(out.slice(0, out.indexOf('<p class="story-meta"'))).not.toContain('<span lang=');
    // The theme's words inside it, in English again; and what follows the article (a nested <article> closed first).
    expect(out).toContain('<p class="story-meta" lang="en">By <span lang="zh">李伟</span></p></article><p><span lang="zh">成都</span></p>');
    // A void element's lang covers nothing after it.
    expect(markLanguageRuns(page('en', '<img alt="重庆" lang="zh-CN"><p>重庆</p>'), 'en')).toContain('<p><span lang="zh">重庆</span></p>');
    // An English story on a Chinese site: its runs are marked, nothing else is.
    const zh = page('zh-CN', '<p>重庆</p><article lang="en"><p>The sign said 重庆.</p></article><p>成都</p>');
    expect(markLanguageRuns(zh, 'zh-CN')).toBe(page('zh-CN', '<p>重庆</p><article lang="en"><p>The sign said <span lang="zh">重庆</span>.</p></article><p>成都</p>'));
  });
});

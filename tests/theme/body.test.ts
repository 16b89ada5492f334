import { describe, expect, it } from 'vitest';
import { insertDateline, splitHeadline } from '../../src/render/body.js';
import { md, site } from '../helpers/site.js';

describe('insertDateline', () => {
  it('runs the dateline into the first top-level paragraph', () => {
    expect(insertDateline('<h2 id="x">Hi</h2>\n<p>Text.</p>\n<p>More.</p>', 'Chongqing')).toBe('<h2 id="x">Hi</h2>\n<p><span class="dateline">Chongqing—</span>Text.</p>\n<p>More.</p>');
  });

  it('skips paragraphs inside quotes, lists and figures, and void elements do not confuse it', () => {
    const html = '<figure><img src="a.jpg" alt="A" /><figcaption>Cap</figcaption></figure><blockquote><p>Quoted.</p></blockquote><ul><li><p>Item</p></li></ul><hr /><p id="lede" lang="en">Lede.</p>';
    expect(insertDateline(html, 'Fuling')).toContain('<p id="lede" lang="en"><span class="dateline">Fuling—</span>Lede.</p>');
    expect(insertDateline(html, 'Fuling').match(/dateline/g)).toHaveLength(1);
  });

  it('keeps one dash whatever the editor typed, escapes the text, and leaves the body alone without a dateline', () => {
    expect(insertDateline('<p>x</p>', 'Wanzhou — ')).toBe('<p><span class="dateline">Wanzhou—</span>x</p>');
    expect(insertDateline('<p>x</p>', 'A & B <i>')).toBe('<p><span class="dateline">A &amp; B &lt;i&gt;—</span>x</p>');
    expect(insertDateline('<p>x</p>', undefined)).toBe('<p>x</p>');
  });

  it('a Chinese dateline is followed by a full-width space, not an em dash; after a closing bracket by nothing', () => {
    expect(insertDateline('<p>近日，</p>', '本报重庆3月20日电')).toBe('<p><span class="dateline">本报重庆3月20日电\u3000</span>近日，</p>');
    expect(insertDateline('<p>近日，</p>', '重庆讯 —')).toBe('<p><span class="dateline">重庆讯\u3000</span>近日，</p>');
    expect(insertDateline('<p>近日，</p>', '本报讯（记者 冉征）')).toBe('<p><span class="dateline">本报讯（记者 冉征）</span>近日，</p>');
    // Brackets typed half-width, as many input methods do, and a place name ending in a character beyond U+FFFF.
    expect(insertDateline('<p>近日，</p>', '本报讯(记者 冉征)')).toBe('<p><span class="dateline">本报讯(记者 冉征)</span>近日，</p>');
    expect(insertDateline('<p>近日，</p>', '《重庆日报》')).toBe('<p><span class="dateline">《重庆日报》</span>近日，</p>');
    expect(insertDateline('<p>近日，</p>', '𠀋')).toBe('<p><span class="dateline">𠀋\u3000</span>近日，</p>');
    expect(insertDateline('<p>x</p>', 'Hong Kong (AP)')).toBe('<p><span class="dateline">Hong Kong (AP)—</span>x</p>');
    expect(insertDateline('<p>x</p>', 'CHONGQING')).toBe('<p><span class="dateline">CHONGQING—</span>x</p>');
    expect(insertDateline('<p>x</p>', '  ')).toBe('<p>x</p>');
  });

  it('gives a body without any top-level paragraph one that holds the dateline', () => {
    expect(insertDateline('<ul><li>one</li></ul>', 'Yubei')).toBe('<p><span class="dateline">Yubei—</span></p>\n<ul><li>one</li></ul>');
    expect(insertDateline('', 'Yubei')).toBe('<p><span class="dateline">Yubei—</span></p>\n');
  });
});

describe('splitHeadline', () => {
  it('splits off the last column label after 丨 or ｜', () => {
    expect(splitHeadline('Why the cableway matters丨Insights')).toEqual({ main: 'Why the cableway matters', label: '丨Insights' });
    expect(splitHeadline('A丨B ｜ Opinion')).toEqual({ main: 'A丨B ', label: '｜ Opinion' });
  });

  it('leaves a headline without a label, or with the separator at an end, whole', () => {
    expect(splitHeadline('Rail freight doubles')).toEqual({ main: 'Rail freight doubles', label: '' });
    expect(splitHeadline('丨Insights')).toEqual({ main: '丨Insights', label: '' });
    expect(splitHeadline('Insights丨')).toEqual({ main: 'Insights丨', label: '' });
  });
});

describe('images without alt text in the body', () => {
  it('warn once per image, naming the file, the image and its line', async () => {
    const s = await site({
      'content/articles/photos.md': md({ title: 'Photos', date: '2024-03-01', author: 'A' }, 'Intro.\n\n![](/images/one.jpg)\n\nText with an inline ![ ](/images/two.jpg "t") picture.\n\n<img src="/images/three.jpg">\n\n![A described bridge](/images/ok.jpg)'),
    });
    expect(s.ok).toBe(true);
    const alt = s.diagnostics.filter((d) => d.code === 'MISSING_ALT');
    expect(alt.map((d) => [d.severity, d.file, d.line, d.message])).toEqual([
      ['warning', 'content/articles/photos.md', 9, 'The image /images/one.jpg in the article body has no alt text.'],
      ['warning', 'content/articles/photos.md', 11, 'The image /images/two.jpg in the article body has no alt text.'],
      ['warning', 'content/articles/photos.md', 13, 'The image /images/three.jpg in the article body has no alt text.'],
    ]);
    expect(alt[0].hint).toMatch(/!\[.+\]\(/);
  });

  it('put on the line of the image without alt, not the first line with its src (or a word holding it)', async () => {
    const s = await site({
      'content/articles/photos.md': md({ title: 'Photos', date: '2024-03-01', author: 'A' }, 'See ![Map](/images/map.jpg) here.\n\nSome text.\n\n![](/images/map.jpg)\n\n<img src=x>\n\n![](/images/map.jpg)'),
    });
    expect(s.diagnostics.filter((d) => d.code === 'MISSING_ALT').map((d) => [d.line, d.message])).toEqual([
      [11, 'The image /images/map.jpg in the article body has no alt text.'],
      [13, 'The image x in the article body has no alt text.'],
      [15, 'The image /images/map.jpg in the article body has no alt text.'],
    ]);
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { HtmlValidate, StaticConfigLoader, type Report } from 'html-validate';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDemo, filesUnder } from '../helpers/demo.js';
import { md, site } from '../helpers/site.js';

/**
 * html-validate's recommended rules plus its rules for whole documents (doctype, heading levels,
 * references by id, SRI). Four rules are off and one is relaxed, each for a reason:
 */
const validator = new HtmlValidate(
  new StaticConfigLoader({
    extends: ['html-validate:recommended', 'html-validate:document'],
    rules: {
      // Formatting, not validity: `<!doctype html>` and `<br />` are both correct HTML; the body's
      // void elements are written the way sanitize-html writes them (so an article reads the same
      // on both Markdown paths), and Nunjucks leaves spaces at line ends.
      'doctype-style': 'off',
      'void-style': 'off',
      'no-trailing-whitespace': 'off',
      // "Headline – Site name": an editor's headline is not cut to fit a search-result length.
      'long-title': 'off',
      // Subresource integrity matters for files from another origin; the theme's own CSS and JS
      // come from the site itself.
      'require-sri': ['error', { target: 'crossorigin' }],
      // An id is valid HTML when it is not empty and has no space (the relaxed check). The strict
      // one takes letters, digits, `-` and `_` only, and refuses a heading's id with the marks of
      // its script in it: an Arabic heading's vowel marks (يُشحن), Hindi's and Thai's vowel signs.
      'valid-id': ['error', { relaxed: true }],
    },
  }),
);

/** Every error html-validate finds in a set of pages, as "page:line rule: message". */
async function errorsIn(pages: Iterable<[string, string]>): Promise<string[]> {
  const out: string[] = [];
  for (const [file, html] of pages) {
    const report: Report = await validator.validateString(html, file);
    for (const r of report.results) for (const m of r.messages) if (m.severity === 2) out.push(`${file}:${m.line} ${m.ruleId}: ${m.message}`);
  }
  return out;
}

describe('valid HTML (html-validate)', () => {
  let dist: string;
  beforeAll(async () => {
    dist = await buildDemo();
  });

  it('finds no error on any page of the demo newsroom', async () => {
    const pages = filesUnder(dist, '.html');
    expect(pages.length).toBeGreaterThan(100);
    expect(await errorsIn(pages.map((p) => [p, readFileSync(path.join(dist, p), 'utf8')]))).toEqual([]);
  });

  // Content an editor writes correctly: skipped heading levels or a <tr> outside <tbody> in raw
  // HTML are the article's mistakes, not the generator's.
  it('finds no error on an inline site that uses every kind of body content and furniture', async () => {
    const body = [
      'Lead paragraph with **bold**, _italic_, `code`, ~~struck~~ and a [link](/about-us/).',
      '## Facts', '| City | Tonnes | Share |', '|:-----|-------:|:-----:|', '| Chongqing | 1,200 | 55% |', '',
      '## Facts', '> A quotation.\n>\n> — Someone', '',
      '![A train at dusk](/images/a.jpg "The 18:05 to Duisburg")', '',
      '- one', '- two', '', '1. one', '2. two', '',
      '```js\nconst x = 1;\n```', '',
      'Line one<br>line two, and <abbr title="Chongqing">CQ</abbr> <sup>1</sup>.', '',
      '<figure><img src="/images/a.jpg" alt="Raw HTML figure"><figcaption>Raw</figcaption></figure>', '',
      '<table><tbody><tr><td align="right" class="x align-right">raw cell</td></tr></tbody></table>', '',
      '<details><summary>More</summary><p>Hidden</p></details>', '',
      '---', '', '### Smaller heading', '', 'The end.',
    ].join('\n');
    const files: Record<string, string> = {
      'static/images/a.jpg': 'not really a jpeg',
      'content/pages/about-us.md': md({ title: 'About Us' }, 'We are a newsroom.'),
      'content/articles/one.md': md({ title: 'Everything at once丨Insights', date: '2024-03-20 09:00', author: ['Ran Zheng', 'Li Wei'], section: 'Business', tags: ['火锅', 'Rail Freight'], summary: 'A summary.', dateline: 'Chongqing', image: { src: '/images/a.jpg', alt: 'A train', caption: 'A caption', credit: 'Ran Zheng' }, updated: '2024-03-21 10:00' }, body),
    };
    for (let i = 1; i <= 5; i++) files[`content/articles/s-${i}.md`] = md({ title: `Story ${i}`, date: `2024-03-0${i} 09:00`, author: 'Ran Zheng', section: 'Business', tags: ['火锅'] });
    const s = await site(files);
    expect(s.ok, JSON.stringify(s.diagnostics)).toBe(true);
    const pages = [...s.files!].filter(([p]) => p.endsWith('.html')).map(([p, f]): [string, string] => [p, typeof f === 'string' ? f : Buffer.from(f).toString('utf8')]);
    expect(pages.some(([p]) => p === 'page/2/index.html')).toBe(true);
    const article = pages.find(([p]) => p.endsWith('/one/index.html'))![1];
    expect(article).toContain('<td class="align-right">1,200</td>');
    expect(article).toContain('<td class="align-right">raw cell</td>');
    expect(await errorsIn(pages)).toEqual([]);
  });

  it('labels every task-list checkbox with its item, tight, loose and nested', async () => {
    const body = ['- [x] Interview the *mayor*', '- [ ] File the story', '  - [ ] Check the [quote](/about-us/)', '', 'Loose:', '', '- [ ] Call back', '', '- [x] Book the train', '', '  Seat 12A.'].join('\n');
    const s = await site({
      'content/pages/about-us.md': md({ title: 'About Us' }, 'We are a newsroom.'),
      'content/articles/tasks.md': md({ title: 'Tasks', date: '2024-03-20 09:00', author: 'Ran Zheng' }, body),
    });
    expect(s.ok, JSON.stringify(s.diagnostics)).toBe(true);
    const page = s.page('2024/03/20/tasks/index.html');
    expect(page).toContain('<li><label><input checked disabled type="checkbox" /> Interview the <em>mayor</em></label></li>');
    expect(page).toContain('<li><p><label><input checked disabled type="checkbox" /> Book the train</label></p>\n<p>Seat 12A.</p>');
    expect(page.match(/<input\b/g)).toHaveLength(5);
    expect(page.match(/<label><input\b[^>]*disabled[^>]*type="checkbox" \/> [^<\s]/g)).toHaveLength(5);
    expect(await errorsIn([['2024/03/20/tasks/index.html', page]])).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { LinkIndex, linkInBody } from '../../src/check/links.js';

describe('link index', () => {
  const index = () => {
    const i = new LinkIndex('https://news.example.org/news/');
    i.addPage('index.html', '<a href="/news/a/">a</a><a href="/news/a/#facts">facts</a><a href="https://elsewhere.example/x">out</a><a href="mailto:x@y.z">m</a><a href="/news/missing-footer/">f</a>');
    i.addPage('a/index.html', '<h2 id="facts">Facts</h2><a href="../">home</a><a href="#nope">n</a><a href="/news/missing-footer/">f</a><img src="/news/images/a.jpg">');
    i.addPage('b/index.html', '<a href="/news/gone/">gone</a><a href="/other/">x</a><a href="/news/missing-footer/">f</a>');
    i.addFile('images/a.jpg');
    return i;
  };

  it('finds missing pages, missing anchors and links outside the base path; names the content file', () => {
    const ds = index().check((p) => (p === 'b/index.html' ? 'content/b.md' : undefined));
    const messages = ds.map((d) => d.message);
    expect(messages).toContain('/b/index.html links to /news/gone/, which does not exist.');
    expect(messages).toContain('/a/index.html links to #nope, but that page has no element with id "nope".');
    expect(messages.some((m) => m.includes('/other/') && m.includes('base path'))).toBe(true);
    expect(ds.find((d) => d.message.includes('/news/gone/'))!.file).toBe('content/b.md');
    expect(messages.join('\n')).not.toContain('#facts');
    expect(messages.join('\n')).not.toContain('elsewhere');
  });

  it('a link broken on many pages (a template, the footer) is one diagnostic, not one per page', () => {
    const footer = index().check().filter((d) => d.message.includes('missing-footer'));
    expect(footer).toHaveLength(1);
    expect(footer[0].message).toMatch(/^3 pages link to \/news\/missing-footer\/, which does not exist/);
    expect(footer[0].hint).toMatch(/template or the config/);
  });
});

describe('the line of a broken link in an article body', () => {
  const text = [
    '---', // 1
    'title: A',
    'image: /news/gone/',
    '---',
    '',
    'Gone, see /news/gone/ in the text.', // 6: not a link
    'See [the report](/gone/ "Report") and [facts](#nope).', // 7
    '',
    '[ref]: <./relative/>', // 9
    '<p><a href="/gone-too/?a=1&amp;b=2">raw</a></p>', // 10
    '![chart](/images/无.png)', // 11
  ].join('\r\n');

  it('finds the link as written, whatever the renderer did to its href (base path, percent-encoding, &)', () => {
    expect(linkInBody(text, '/news/gone/', '/news/')).toEqual({ line: 7, column: 18 });
    expect(linkInBody(text, '#nope')).toEqual({ line: 7, column: 47 });
    expect(linkInBody(text, './relative/')).toEqual({ line: 9, column: 9 });
    expect(linkInBody(text, '/news/gone-too/?a=1&b=2', '/news/')).toEqual({ line: 10, column: 13 });
    expect(linkInBody(text, '/news/images/%E6%97%A0.png', '/news/')).toEqual({ line: 11, column: 10 });
  });

  it('a page bundle\'s relative address, which its page has as a full path, given the page\'s URL', () => {
    const page = new URL('https://example.org/news/2024/06/30/flood/');
    expect(linkInBody(text, '/news/2024/06/30/flood/relative/', '/news/', page)).toEqual({ line: 9, column: 9 });
    const bundle = ['---', 'title: A', '---', '', 'See [the map](../old/map.pdf) and <img src="docs/plan.png">.'].join('\n');
    expect(linkInBody(bundle, '/news/2024/06/30/old/map.pdf', '/news/', page)).toEqual({ line: 5, column: 15 });
    expect(linkInBody(bundle, '/news/2024/06/30/flood/docs/plan.png', '/news/', page)).toEqual({ line: 5, column: 45 });
    expect(linkInBody(bundle, '/news/2024/06/30/flood/docs/other.png', '/news/', page)).toBeUndefined();
    expect(linkInBody(bundle, '/news/2024/06/30/old/map.pdf', '/news/')).toBeUndefined();
  });

  it('none for a link the body does not write (the front matter\'s or a template\'s), or only begins', () => {
    expect(linkInBody(text, '/news/gone/x/', '/news/')).toBeUndefined();
    expect(linkInBody(text, '/go', '/')).toBeUndefined();
    expect(linkInBody(text, '/about-us/')).toBeUndefined();
  });
});

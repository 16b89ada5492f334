import { describe, expect, it } from 'vitest';
import { LinkIndex } from '../../src/check/links.js';

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

import { describe, expect, it } from 'vitest';
import { createInlineMarkdown } from '../../src/parse/markdown.js';

const inline = createInlineMarkdown({ basePath: '/news/' });

describe('a caption as inline Markdown', () => {
  it('never makes a block: a leading #, -, 1. or > stays text', () => {
    for (const s of ['# 1 again', '- left to right', '1. Shapingba', '> quoted', '---']) expect(inline(s)).toEqual({ html: s.replace('>', '&gt;'), text: s });
  });

  it('shows raw HTML and entities as written, and an image as its alt text', () => {
    expect(inline('<b>Bold</b> &copy; *x* ![a dog](/d.jpg)')).toEqual({ html: '&lt;b&gt;Bold&lt;/b&gt; &amp;copy; <em>x</em> a dog', text: '<b>Bold</b> &copy; x a dog' });
  });

  it('keeps a link the body would keep, with the base path or a bundle\'s folder; drops the address of any other', () => {
    expect(inline('[a](/about-us/) [b](river.jpg)', '/2024/03/20/flood/').html).toBe('<a href="/news/about-us/">a</a> <a href="/news/2024/03/20/flood/river.jpg">b</a>');
    expect(inline('[a](ftp://x.example/) [b](//evil.example/) [c](JavaScript:alert(1))')).toEqual({ html: 'a b c', text: 'a b c', unsafeLinks: [{ href: 'JavaScript:alert(1)', scheme: 'javascript' }] });
  });

  it('is one line, and links no bare address (with or without other Markdown in the caption)', () => {
    expect(inline('Photo:\n  https://x.example/  \n*now*')).toEqual({ html: 'Photo: https://x.example/ <em>now</em>', text: 'Photo: https://x.example/ now' });
    expect(inline('Photo: https://x.example/').html).toBe('Photo: https://x.example/');
    // Only the white space HTML folds: a no-break space and an ideographic one are the caption's own.
    expect(inline('重庆\u3000两江新区  *李伟*, 10\u00a0km\nnorth')).toEqual({ html: '重庆\u3000两江新区 <em>李伟</em>, 10\u00a0km north', text: '重庆\u3000两江新区 李伟, 10\u00a0km north' });
  });

  it('gives no link a browser would read as script or another site: a space or control character before the address counts for nothing', () => {
    const written = ['< javascript:alert(1)>', '<\u0001javascript:alert(1)>', '<\u001fjavascript:alert(1)>', '<\u000cjavascript:alert(1)>', '<\tjavascript:alert(1)>', '< //evil.example/>', '<\u0001//evil.example/>', '<  vbscript:msgbox(1)>', '< /about-us/>'];
    for (const w of written) {
      for (const folder of [undefined, '/2024/03/20/flood/']) {
        const { html } = inline(`See [this](${w}) now`, folder);
        const href = /<a href="([^"]*)"/.exec(html)?.[1];
        if (href === undefined) continue;
        // As a browser reads the attribute: entities decoded, then the URL parser (which drops leading controls and spaces).
        const url = new URL(href.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#39;/g, "'"), 'https://news.example.org/2024/03/20/flood/');
        expect([w, url.protocol, url.host]).toEqual([w, 'https:', 'news.example.org']);
      }
    }
  });
});

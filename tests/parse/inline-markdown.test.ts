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
  });
});

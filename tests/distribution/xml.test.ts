import { describe, expect, it } from 'vitest';
import { absolutizeHtml, excerpt } from '../../src/plan/feed-items.js';
import { cleanText, escapeXml, rfc822 } from '../../src/render/xml.js';
import { RFC822 } from './helpers.js';

describe('rfc822', () => {
  it('keeps the wall-clock time and offset of the ISO date, with a four-digit year and the right weekday', () => {
    expect(rfc822('2024-03-20T09:30:00+08:00')).toBe('Wed, 20 Mar 2024 09:30:00 +0800');
    // Just after midnight in Shanghai is still the previous day in UTC: the weekday follows the local date.
    expect(rfc822('2024-03-21T00:10:00+08:00')).toBe('Thu, 21 Mar 2024 00:10:00 +0800');
    expect(rfc822('2023-12-31T23:59:59-05:00')).toBe('Sun, 31 Dec 2023 23:59:59 -0500');
    expect(rfc822('2024-02-29T12:00:00Z')).toBe('Thu, 29 Feb 2024 12:00:00 +0000');
    expect(rfc822('2024-06-01T08:00:00+05:45')).toBe('Sat, 01 Jun 2024 08:00:00 +0545');
    expect(rfc822('0999-01-01T00:00:00Z')).toMatch(RFC822);
  });
});

describe('XML text', () => {
  it('drops control characters, lone surrogates and U+FFFE/U+FFFF, and keeps every other character', () => {
    expect(cleanText('a\u0000b\u0008c\u000Bd\u001Fe\u007F\u0085f\uD800g\uDC00h\uFFFEi\uFFFF')).toBe('abcdefghi');
    expect(cleanText('tab\tnl\ncr\r 重庆 😀 é')).toBe('tab\tnl\ncr\r 重庆 😀 é');
  });

  it('escapes markup, ampersands and quotes so that `]]>` and `</script>` are plain text', () => {
    expect(escapeXml('A & B ]]> </script> "q" \'s')).toBe('A &amp; B ]]&gt; &lt;/script&gt; &quot;q&quot; \'s');
  });
});

describe('feed item bodies', () => {
  it('makes root-relative and relative links absolute and leaves absolute, mailto and fragment-only schemes alone', () => {
    const html = '<p><a href="/a/">a</a> <a href="b/c">b</a> <a href="../up/">u</a> <a href="#top">t</a> <img src="/i.jpg" alt=""> <a href="https://x.org/?a=1&amp;b=2">x</a> <a href="mailto:desk@example.org">m</a></p>';
    expect(absolutizeHtml(html, 'https://news.example.org/2024/03/20/story/')).toBe(
      '<p><a href="https://news.example.org/a/">a</a> <a href="https://news.example.org/2024/03/20/story/b/c">b</a> <a href="https://news.example.org/2024/03/20/up/">u</a> <a href="https://news.example.org/2024/03/20/story/#top">t</a> <img src="https://news.example.org/i.jpg" alt=""> <a href="https://x.org/?a=1&amp;b=2">x</a> <a href="mailto:desk@example.org">m</a></p>',
    );
  });

  it('takes an excerpt from the text of the body, without captions or code, cut at a word', () => {
    const html = '<figure><img src="/x.jpg" alt=""><figcaption>Photo caption</figcaption></figure><p>First &amp; foremost, the river rose.</p><pre><code>x = 1</code></pre><p>Then it fell again over many days and nights.</p>';
    expect(excerpt(html, 300)).toBe('First & foremost, the river rose. Then it fell again over many days and nights.');
    expect(excerpt(html, 40)).toBe('First & foremost, the river rose. Then…');
  });
});

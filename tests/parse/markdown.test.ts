import { rawHtmlWarning } from '../../src/validate/raw-html.js';
import { Parser } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { createMarkdown } from '../../src/parse/markdown.js';

const render = (src: string, iframeHosts: string[] = []) => createMarkdown({ iframeHosts })(src).html;

/**
 * What a browser would see: every attribute value decoded once (as the HTML parser does), with the
 * white space and control characters a browser skips inside a scheme removed. None may be a
 * script-running URL, and no element may be a script or carry an on* handler.
 */
function expectNoDangerousUrl(html: string): void {
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        expect(name).not.toBe('script');
        for (const [attr, value] of Object.entries(attrs)) {
          expect(attr, html).not.toMatch(/^on/i);
          expect(value.replace(/[\s\u0000-\u001f]/g, ''), html).not.toMatch(/^(javascript|data|vbscript):/i);
        }
      },
    },
    { decodeEntities: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
}

describe('Markdown: GFM', () => {
  it('renders tables', () => {
    const html = render('| City | Tonnes |\n|:-----|-------:|\n| Chongqing | 1,200 |\n| Duisburg | 980 |\n');
    // The keyboard can reach a table to scroll one wider than the column.
    expect(html).toContain('<table tabindex="0">');
    expect(html).toMatch(/<th class="align-left">City<\/th>/);
    expect(html).toMatch(/<td class="align-right">1,200<\/td>/);
    expect(html).not.toContain('align=');
  });

  it('renders task lists as disabled checkboxes labelled by their item', () => {
    const html = render('- [x] Interview the mayor\n- [ ] File the story\n  - plain sub-item\n');
    expect(html).toContain('<li><label><input checked disabled type="checkbox" /> Interview the mayor</label></li>');
    expect(html).toContain('<li><label><input disabled type="checkbox" /> File the story</label><ul>\n<li>plain sub-item</li>');
  });

  it('lets a <label> through (task lists need it) without for, class or handlers', () => {
    expect(render('<label for="x" onclick="y" class="z">a</label>').trim()).toBe('<p><label>a</label></p>');
  });

  it('renders strikethrough and autolinks', () => {
    const html = render('~~wrong~~ see https://example.org/report');
    expect(html).toContain('<del>wrong</del>');
    expect(html).toContain('<a href="https://example.org/report">https://example.org/report</a>');
  });
});

describe('Markdown: headings', () => {
  it('gives headings stable ids from their text; the body starts at <h2>', () => {
    const md = createMarkdown({ iframeHosts: [] });
    const a = md('# Why rail?\n\n## The numbers, in full\n');
    expect(a.html).toContain('<h2 id="why-rail">Why rail?</h2>');
    expect(a.html).toContain('<h2 id="the-numbers-in-full">The numbers, in full</h2>');
    expect(md('# Why rail?\n\n## The numbers, in full\n').html).toBe(a.html);
    expect(a.headings).toEqual([{ depth: 2, id: 'why-rail', text: 'Why rail?' }, { depth: 2, id: 'the-numbers-in-full', text: 'The numbers, in full' }]);
  });

  it('keeps Unicode letters in ids (a Chinese heading)', () => {
    expect(render('## 重庆 新闻\n')).toContain('<h2 id="重庆-新闻">重庆 新闻</h2>');
    expect(render('## Café Zürich\n')).toContain('id="café-zürich"');
  });

  it('numbers duplicates, and never repeats an id even when a heading is written like a numbered one', () => {
    const html = render('## Update\n\n## Update\n\n## Update-1\n\n## Update\n');
    const ids = [...html.matchAll(/id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids[0]).toBe('update');
    expect(ids[1]).toBe('update-1');
    expect(new Set(ids).size).toBe(4);
  });

  it('starts counting afresh for each document', () => {
    const md = createMarkdown({ iframeHosts: [] });
    md('## Update\n');
    expect(md('## Update\n').html).toContain('id="update"');
  });

  it('makes the id from the words, not from inline HTML or entities', () => {
    expect(render('## Fish &amp; <em>chips</em> `now`\n')).toContain('id="fish-chips-now"');
  });

  it('a heading of symbols still gets an id', () => {
    expect(render('## ***\n\n## !!!\n')).toMatch(/<h2 id="section">.*\n<h2 id="section-1">/);
  });
});

describe('Markdown: images', () => {
  it('an image alone in its paragraph becomes a figure with its title as caption, never inside <p>', () => {
    const html = render('Before.\n\n![Cranes at the port](/images/port.jpg "Cranes at Guoyuan port, March 2024")\n\nAfter.\n');
    expect(html).toContain('<figure><img src="/images/port.jpg" alt="Cranes at the port" loading="lazy" /><figcaption>Cranes at Guoyuan port, March 2024</figcaption></figure>');
    expect(html).not.toMatch(/<p>\s*<figure/);
    expect(html).not.toMatch(/<p>[^<]*<img/);
  });

  it('without a title there is no caption', () => {
    expect(render('![Skyline](/images/skyline.jpg)\n')).toBe('<figure><img src="/images/skyline.jpg" alt="Skyline" loading="lazy" /></figure>\n');
  });

  it('escapes the caption and alt text once', () => {
    const html = render('![Fish & "chips"](/a.jpg "Fish & chips <b>")\n');
    expect(html).toContain('alt="Fish &amp; &quot;chips&quot;"');
    expect(html).toContain('<figcaption>Fish &amp; chips &lt;b&gt;</figcaption>');
  });

  it('an image inside text stays inline', () => {
    expect(render('Look ![icon](/i.png) here\n')).toMatch(/<p>Look <img src="\/i.png" alt="icon"/);
  });

  it('an image in a blockquote or list item alone is a figure too, not inside <p>', () => {
    const html = render('> ![a](/x.jpg "cap")\n');
    expect(html).toContain('<blockquote>\n<figure>');
    expect(html).not.toContain('<p><figure');
  });
});

describe('Markdown: footnotes', () => {
  it('numbers the notes in the order they are cited, puts them after the story, and links both ways', () => {
    const md = createMarkdown({ iframeHosts: [], footnotes: { heading: 'Notes', backLabel: 'Back to note {0}' } });
    const html = md('First[^b] and then[^a].\n\nMore text.\n\n[^a]: Note A.\n[^b]: Note *B*.\n').html;
    expect(html.indexOf('More text.')).toBeLessThan(html.indexOf('<section class="footnotes"'));
    expect(html).toContain('First<sup><a id="footnote-ref-b" href="#footnote-b" data-footnote-ref aria-describedby="footnote-label">1</a></sup>');
    expect(html).toContain('<h2 id="footnote-label" class="visually-hidden">Notes</h2>');
    expect(html).toMatch(/<li id="footnote-b">\s*<p>Note <em>B<\/em>\. <a href="#footnote-ref-b" data-footnote-backref aria-label="Back to note b">↩<\/a><\/p>\s*<\/li>\s*<li id="footnote-a">/);
    expect(html).not.toContain('[^');
    // The next article starts afresh.
    const next = md('Only[^x].\n\n[^x]: One.\n').html;
    expect(next).toContain('id="footnote-ref-x" href="#footnote-x" data-footnote-ref aria-describedby="footnote-label">1</a>');
    expect(next.match(/<section/g)).toHaveLength(1);
  });

  it('a label cannot leave its attribute', () => {
    const html = render('X[^x"onmouseover=alert(1)//].\n\n[^x"onmouseover=alert(1)//]: Evil.\n');
    expectNoDangerousUrl(html);
    expect(html).not.toMatch(/\sonmouseover=/);
  });
});

describe('Markdown: raw HTML ids', () => {
  it('takes off an id the theme uses or one met before, so a body cannot take the cookie button\'s or the skip link\'s', () => {
    expect(render('<span id="cookie-accept">x</span> <a id="main" href="/a">m</a> <b id="k">1</b><i id="k">2</i>\n\n<h2 id="intro">Raw</h2>\n\n## Intro\n\nText that says id="main".')).toBe(
      '<p><span>x</span> <a href="/a">m</a> <b id="k">1</b><i>2</i></p>\n<h2 id="intro">Raw</h2><h2>Intro</h2>\n<p>Text that says id="main".</p>\n',
    );
  });
});

describe('Markdown: sanitising', () => {
  it('removes <script>, <style>, <object>, <form> and <svg>', () => {
    for (const src of ['<script>alert(1)</script>', '<SCRIPT SRC=//evil.example/x.js></SCRIPT>', '<style>body{display:none}</style>', '<object data="x.swf"></object>', '<form action="https://evil.example"><input type="text" name="q"></form>', '<svg onload="alert(1)"><script>alert(1)</script></svg>', '<math><mi xlink:href="javascript:alert(1)">x</mi></math>']) {
      const html = render(src);
      expect(html, src).not.toMatch(/<(script|style|object|form|svg|math)/i);
      expect(html, src).not.toMatch(/type="text"/);
      expectNoDangerousUrl(html);
    }
  });

  it('removes every on* handler and style attribute', () => {
    for (const src of ['<img src="/a.jpg" onerror="alert(1)">', '<a href="/x" onclick="alert(1)" onmouseover=alert(1)>x</a>', '<details open ontoggle=alert(1)>x</details>', '<h2 id="x" ONCLICK="alert(1)">T</h2>', '<div style="background:url(javascript:alert(1))">x</div>']) {
      const html = render(src);
      expect(html, src).not.toMatch(/\son\w+=/i);
      expect(html, src).not.toMatch(/style=/i);
    }
  });

  const dangerous = [
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    '&#106;avascript:alert(1)',
    '&#0000106avascript:alert(1)',
    '&#x6A;avascript:alert(1)',
    'jav&#97;script:alert(1)',
    'java&#x09;script:alert(1)',
    'java&#x0A;script:alert(1)',
    'java&#13;script:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    'javascript&colon;alert(1)',
    '\u0001javascript:alert(1)',
    'vbscript:msgbox(1)',
    'VBScript:msgbox(1)',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'DATA:text/html,<script>alert(1)</script>',
  ];
  for (const url of dangerous) {
    it(`drops ${JSON.stringify(url)} in an HTML link, a Markdown link, an image and an iframe`, () => {
      const sources = [`<a href="${url}">x</a>`, `[x](${url.replace(/\s/g, '')})`, `[x](<${url}>)`, `<img src="${url}">`, `![x](${url.replace(/\s/g, '')})`, `<iframe src="${url}"></iframe>`];
      for (const src of sources) {
        const html = render(src, ['www.youtube-nocookie.com']);
        expectNoDangerousUrl(html);
      }
    });
  }

  it('(the check above catches an encoded scheme and a handler)', () => {
    expect(() => expectNoDangerousUrl('<a href="java&#x09;script:alert(1)">x</a>')).toThrow();
    expect(() => expectNoDangerousUrl('<img src="/a.jpg" onerror="x">')).toThrow();
  });

  it('keeps ordinary links and relative paths', () => {
    expect(render('[a](https://example.org/x?y=1&z=2) [b](/2024/03/20/story/) [c](mailto:desk@example.org) [d](#notes)')).toBe(
      '<p><a href="https://example.org/x?y=1&amp;z=2">a</a> <a href="/2024/03/20/story/">b</a> <a href="mailto:desk@example.org">c</a> <a href="#notes">d</a></p>\n',
    );
  });

  it('keeps iframes only from the configured hosts, and only over https', () => {
    const yt = '<iframe src="https://www.youtube-nocookie.com/embed/abc" allowfullscreen></iframe>';
    expect(render(yt)).not.toContain('<iframe');
    expect(render(yt, ['www.youtube-nocookie.com'])).toContain('<iframe src="https://www.youtube-nocookie.com/embed/abc" allowfullscreen');
    expect(render('<iframe src="https://evil.example/x"></iframe>', ['www.youtube-nocookie.com'])).toBe('');
    expect(render('<iframe src="http://www.youtube-nocookie.com/embed/abc"></iframe>', ['www.youtube-nocookie.com'])).toBe('');
    expect(render('<iframe src="//www.youtube-nocookie.com/embed/abc"></iframe>', ['www.youtube-nocookie.com'])).toBe('');
    expect(render('<iframe src="https://www.youtube-nocookie.com.evil.example/x"></iframe>', ['www.youtube-nocookie.com'])).toBe('');
    expect(render('<iframe srcdoc="<script>alert(1)</script>" src="https://www.youtube-nocookie.com/embed/a"></iframe>', ['www.youtube-nocookie.com'])).not.toContain('srcdoc');
  });

  it('lets an embed use what a video or chart needs, never the camera, microphone or location, and only for its own origin', () => {
    const yt = 'https://www.youtube.com/embed/abc';
    const frame = (allow: string) => render(`<iframe src="${yt}" allow="${allow}"></iframe>`, ['www.youtube.com']);
    expect(frame('accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture; web-share')).toBe(`<iframe src="${yt}" allow="accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture; web-share"></iframe>`);
    expect(frame('camera *; Microphone; geolocation https://evil.example; autoplay *; payment; usb; display-capture; fullscreen')).toBe(`<iframe src="${yt}" allow="autoplay; fullscreen"></iframe>`);
    expect(frame('camera; microphone')).toBe(`<iframe src="${yt}"></iframe>`);
    expect(render(`<iframe src="${yt}" allowfullscreen></iframe>`, ['www.youtube.com'])).toBe(`<iframe src="${yt}" allowfullscreen></iframe>`);
  });

  it('keeps the only input an article has: a checkbox', () => {
    expect(render('<input type="checkbox" checked>')).toContain('type="checkbox"');
    expect(render('<input type="password">')).toBe('');
    expect(render('<input>')).toBe('');
  });

  it('keeps code blocks as text', () => {
    const html = render('```html\n<script>alert(1)</script>\n```\n');
    expect(html).toContain('<pre><code class="language-html">&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('Markdown: an HTML comment never closed', () => {
  const unclosed = (src: string) => createMarkdown({ iframeHosts: [] })(src).unclosedComment;
  it('is found where it would hide the rest of the body', () => {
    expect(unclosed('a\n\n<!-- TODO: check the quote\n\nrest')).toBe('<!-- TODO: check the quote\n\nrest');
    expect(unclosed('a\n\n<!-- one -->\n\n<!-- two\n\nrest')).toMatch(/^<!-- two/);
    expect(unclosed('<div>\n<!-- x\n</div>\n\nafter')).toMatch(/^<!-- x/);
  });
  it('is not found in a closed comment, in code, or as text', () => {
    for (const src of ['a\n\n<!-->\n\nb', 'a\n\n<!--->\n\nb', '<style>\n<!--\np{}\n</style>\n\nPara two', '<script>\n<!--\n</script>\n\nx', 'a\n\n<!-- closed -->\n\nb', 'a\n\n<!--\nmany\nlines\n-->\n\nb', 'a\n\n```html\n<!-- in code\n```\n\nb', 'a `<!--` b', 'inline <!-- open text', '    <!-- indented code']) {
      expect(unclosed(src), src).toBeUndefined();
    }
  });
});

describe('Markdown: raw HTML whose nesting changes the page', () => {
  const problems = (src: string) => createMarkdown({ iframeHosts: ['www.youtube.com'] })(src).rawHtml;

  it('says a player left open hides what follows (a browser shows a player\'s content only where it cannot play)', () => {
    const body = '<video controls src="/media/clip.mp4">\n<source src="/media/clip.webm">\n\nAfter the video.';
    const [p] = problems(body)!;
    expect(p).toMatchObject({ kind: 'unclosed', tag: 'video' });
    const d = rawHtmlWarning(p, 'content/a.md', body, 1);
    expect(d.message).toBe('The `<video>` opened on line 1 is never closed, so everything after it on the page is hidden.');
    expect(d.hint).toBe('Add `</video>` straight after its `<source>` and `<track>` lines (what is inside a player is shown only where it cannot play).');
    expect(problems('<video controls src="/media/clip.mp4"></video>\n\nAfter the video.')).toBeUndefined();
  });

  it('leaves alone what a browser reads as it was meant', () => {
    for (const src of [
      // An element whose end tag is in a later HTML block, with Markdown between.
      'Intro.\n\n<div class="box">\n\n**Fact box**\n\n- one\n- two\n\n</div>\n\nAfter.',
      '<details>\n<summary>Read more</summary>\n\nThe *rest*.\n\n</details>\n\nAfter.',
      '<table>\n<tr>\n<td>\n\n**Bold** cell\n\n</td>\n</tr>\n</table>\n\nAfter.',
      '> <div class="q">\n>\n> Quote\n>\n> </div>\n\nAfter.',
      // End tags HTML lets a writer leave out.
      '<table>\n<tr><td>a<td>b\n<tr><td>c\n</table>\n\nAfter.',
      '<ul>\n<li>one\n<li>two\n</ul>\n\nAfter.',
      '<dl>\n<dt>Term\n<dd>Definition\n</dl>\n\nAfter.',
      '<p>Intro\n\nA paragraph.\n\n## A heading',
      '<table><tr><td><p>Rail</td></tr></table>\n\nAfter.',
      // Void elements, written either way.
      'Line<br>\nNext<br/>\n\n<img src="/a.png" alt="A map">\n\n<hr>\n\nAfter.',
      // Ended by its parent with nothing of a later block inside it.
      '<table><tr><td><b>Name</td></tr></table>\n\nAfter.',
      '<section><div>text</section></div>\n\nAfter.',
      // Left open at the very end, with nothing after it to take in.
      'Intro.\n\n<div class="box">\nThe last words.',
      // A spare end tag: dropped, the page is as if it were not there.
      'Text.\n\n</div>\n\nMore.',
      // An element the sanitiser removes (keeping what it holds), and an anchor, which shows as nothing.
      '<center>\nCentred\n\nRest.',
      '<a name="top">The top of the story.\n\nMore.',
      // Embeds as news sites give them.
      '<blockquote class="twitter-tweet"><p lang="en" dir="ltr">Big news <a href="https://t.co/abc">pic.twitter.com/abc</a></p>&mdash; Mayor (@mayor) <a href="https://twitter.com/mayor/status/1">March 1, 2024</a></blockquote> <script async src="https://platform.twitter.com/widgets.js" charset="utf-8"></script>\n\nAfter.',
      '<iframe width="560" height="315" src="https://www.youtube.com/embed/x" allowfullscreen></iframe>\n\nAfter.',
      'He said <span lang="fr">*bonjour*</span>.<sup>1</sup> <kbd>Ctrl</kbd>+<kbd>C</kbd>',
      // Tags in code are text.
      '```html\n<div>\n```\n\nAfter `<table>` too.',
    ]) {
      expect(problems(src), src).toBeUndefined();
    }
  });

  it('finds an element never closed that takes in what follows, at the line and column of its tag', () => {
    expect(problems('Intro.\n\n<table>\n<tr><td>a</td></tr>\n\nThe rest of the story.')).toEqual([
      { kind: 'unclosed', tag: 'table', place: { line: 2, column: 1 }, closer: { by: 'end' }, selfClosing: false, intoCell: false },
    ]);
    expect(problems('<table>\n<tr><td>a\n\nThe rest.')).toMatchObject([{ tag: 'table', intoCell: true }]);
    // Only to the end of its paragraph, or of its quote.
    expect(problems('Read <a href="/x">the report. More.\n\nNext.')).toEqual([
      { kind: 'unclosed', tag: 'a', place: { line: 0, column: 6 }, closer: { by: 'markdown', tag: 'p' }, selfClosing: false, intoCell: false },
    ]);
    expect(problems('> <div class="q">\n> Quote\n>\n> More quote\n\nAfter.')).toMatchObject([{ tag: 'div', place: { line: 0, column: 3 }, closer: { by: 'markdown', tag: 'blockquote' } }]);
    // Up to an end tag around it.
    expect(problems('<div>\n\n<section>\n\nTwo\n\n</div>')).toMatchObject([{ tag: 'section', place: { line: 2, column: 1 }, closer: { by: 'tag', tag: 'div', place: { line: 6, column: 1 } } }]);
    // `<iframe />` is an opening tag to HTML: the rest of the story would be inside the frame.
    expect(problems('<iframe src="https://www.youtube.com/embed/x" />\n\nRest of the story.')).toMatchObject([{ tag: 'iframe', selfClosing: true, closer: { by: 'end' } }]);
    // A `<pre>` block that marked runs on to the end of the body, past its blank lines.
    expect(problems('Intro.\n\n<pre>\ncode\n\nmore *Markdown*')).toMatchObject([{ tag: 'pre', place: { line: 2, column: 1 } }]);
    expect(problems('Text <script>\nalert(1)\n\nMore text.')).toMatchObject([{ tag: 'script', place: { line: 0, column: 6 } }]);
  });

  it('finds an end tag that comes after its element was ended, with something between', () => {
    expect(problems('- Item <div class="note">\n\n  More of the item.\n\nThe note.\n\n</div>')).toEqual([
      { kind: 'closed-early', tag: 'div', place: { line: 6, column: 1 }, opened: { line: 0, column: 8 }, closer: { by: 'markdown', tag: 'li' } },
    ]);
    expect(problems('<span class="x">Paragraph one\n\nParagraph two</span>')).toMatchObject([{ kind: 'closed-early', tag: 'span', place: { line: 2, column: 14 }, closer: { by: 'markdown', tag: 'p' } }]);
    expect(problems('Text <b><i>x</b> y</i> z.')).toEqual([
      { kind: 'closed-early', tag: 'i', place: { line: 0, column: 19 }, opened: { line: 0, column: 9 }, closer: { by: 'tag', tag: 'b', place: { line: 0, column: 13 } } },
    ]);
  });

  it('finds a link inside a link, raw HTML or Markdown', () => {
    expect(problems('See <a href="/x">one <a href="/y">two</a> three.')).toEqual([{ kind: 'link-in-link', place: { line: 0, column: 22 }, inner: true, other: { line: 0, column: 5 } }]);
    expect(problems('[see <a href="/y">this</a>](/x)')).toEqual([{ kind: 'link-in-link', place: { line: 0, column: 6 }, inner: true }]);
    expect(problems('<a href="/x">see [this](/y) too</a>')).toEqual([{ kind: 'link-in-link', place: { line: 0, column: 1 }, inner: false }]);
  });

  it('places a tag inside a list, a quote and a footnote on its own line', () => {
    expect(problems('Intro.\n\n- One\n- Two\n\n  <div>\n  Inside\n\n  More of two.')).toMatchObject([{ tag: 'div', place: { line: 5, column: 3 } }]);
    expect(problems('> Quote\n> <b>bold\n> more\n\nAfter.')).toMatchObject([{ tag: 'b', place: { line: 1, column: 3 } }]);
    expect(problems('Claim[^1].\n\n[^1]: A source <b>bold\n    and more.\n\nAfter.')).toMatchObject([{ tag: 'b', place: { line: 2, column: 16 } }]);
  });

  it('renders the page as before: the marks that place raw HTML never reach it', () => {
    const md = createMarkdown({ iframeHosts: [] });
    // The footnotes put the back link inside a note's last paragraph, also one written as raw HTML.
    expect(md('Claim[^1].\n\n[^1]: <p>Source <b>here</b></p>\n').html).toContain('<p>Source <b>here</b> <a href="#footnote-ref-1" data-footnote-backref');
    for (const src of ['<div>\n\nx\n\n</div>', 'a <b>b</b> c', '<table>\n<tr><td>a</td></tr>\n\nRest.']) expect(md(src).html, src).not.toMatch(/[\uFDD0\uFDD1]/);
    // A body that holds the mark's character itself is rendered as written (and not checked).
    const odd = md('A \uFDD00\uFDD1 mark <div>\nx\n\nRest.');
    expect(odd.html).toContain('A \uFDD00\uFDD1 mark');
    expect(odd.rawHtml).toBeUndefined();
  });
});

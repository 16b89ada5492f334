import { readFileSync } from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import { describe, expect, it } from 'vitest';
import { parseFrontMatter } from '../../src/parse/front-matter.js';
import { createMarkdown } from '../../src/parse/markdown.js';
import { REPO } from '../helpers/site.js';

// Articles without raw HTML skip the sanitiser. These tests hold that shortcut to two promises:
// it changes no byte of the output, and nothing unsafe ever takes it.
const md = createMarkdown({ iframeHosts: [] });
/** An HTML comment is harmless but forces the sanitising path. */
const sanitised = (src: string) => md(`${src}\n\n<!-- force -->\n`).html.trim();

describe('Markdown without raw HTML', () => {
  it('reads exactly as it would after the sanitiser, for every demo article and page', () => {
    const files = fg.sync('content/**/*.md', { cwd: REPO }).sort();
    expect(files.length).toBeGreaterThan(30);
    for (const f of files) {
      const fm = parseFrontMatter(f, readFileSync(path.join(REPO, f), 'utf8')).result!;
      expect(md(fm.body).html.trim(), f).toBe(sanitised(fm.body));
    }
  });

  it('reads the same for quotes, tables, task lists, breaks, rules and inline images', () => {
    const src = [
      'He said "it\'s done" & left.  ',
      'Next line',
      '',
      '| a | b |',
      '|:--|--:|',
      '| "x" | \'y\' |',
      '',
      '- [x] done',
      '- [ ] todo',
      '',
      '---',
      '',
      'Text with ![inline](/i.png "t \\"q\\"") image and [a link](https://example.org/?a=1&b=2 "title").',
      '',
      '```js',
      'const x = "<b>" && 1 < 2;',
      '```',
    ].join('\n');
    expect(md(src).html.trim()).toBe(sanitised(src));
    // Without the link above, which forces the sanitiser, a task list takes the fast path.
    const tasks = '- [x] done\n- [ ] todo *now*\n  - [ ] sub\n\n1. [ ] loose\n\n   more\n';
    expect(md(tasks).html.trim()).toBe(sanitised(tasks));
  });

  it('keeps the entities of attribute values and turns those of text into quotes', () => {
    const src = 'Say "hi", it\'s ![pic](/i.png "a \\"b\\" it\'s") and [link](/x "it\'s \\"q\\"") "end" `"c"`\n\n> "Quote"\n';
    const html = md(src).html;
    expect(html).toContain('title="it\'s &quot;q&quot;"');
    expect(html).toContain('Say "hi", it\'s');
    expect(html.trim()).toBe(sanitised(src));
  });

  it('reads a long code block of JSON, thousands of quotes in one run of text, as the sanitiser does', () => {
    const json = JSON.stringify(Array.from({ length: 3000 }, (_, i) => ({ id: i, name: `item "${i}"`, note: "it's" })), null, 1);
    const src = `Data below, "quoted" [link](/x "a \\"title\\"").\n\n\`\`\`json\n${json}\n\`\`\`\n\nAfter "it" ends.\n`;
    expect(md(src).html.trim()).toBe(sanitised(src));
  });

  it('reads named entities and fence languages the sanitiser rewrites as the sanitiser does', () => {
    for (const src of ['&copy; 2024 a&nbsp;b &ouml; &AMP; &bogus; &amp; &lt; &#169; &#x1F600;', '[a&copy;](/x "&copy;")', '[x](/a "t &#34;q&#34;") [y](/b "&#38;") [z](/c "&#169; &#x27; &#62;")', '```c++\nint x;\n```', "```it's\nx\n```", '```js title\nx\n```', '`&copy;`']) {
      expect(md(src).html.trim(), src).toBe(sanitised(src));
    }
    expect(md('&copy; 2024').words).toBe(md('© 2024').words);
  });

  it('sends every unsafe or unusual link through the sanitiser', () => {
    for (const href of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', '&#106;avascript:alert(1)', 'java%0ascript:alert(1)', 'data:text/html,x', 'vbscript:x', '//evil.example/x', 'javas\tcript:x']) {
      const html = md(`[x](${href}) and ![y](${href})`).html;
      expect(html, href).not.toMatch(/(javascript|vbscript|data):/i);
      expect(html, href).not.toContain('evil.example');
    }
  });
});

import { describe, expect, it } from 'vitest';
import { md, site } from '../helpers/site.js';
import { jsonLd, parseXml, text } from './helpers.js';

// Everything an editor (or a paste from a PDF) can put in a field that could break a file.
const HOSTILE = 'Bell\u0007 tab\t ]]> </script><script>alert(1)</script> & &amp; <b>"quotes"</b> \u0000nul \u001bESC \u0085NEL \ud800lone \uFFFE end';

describe('hostile text in titles, tags, names and bodies', () => {
  it('keeps every feed, sitemap and JSON file valid and no text closes a <script>', async () => {
    const s = await site(
      {
        'content/bad.md': md(
          { title: HOSTILE, date: '2025-12-31 10:00', author: ['A & B <Desk>', 'Zoë ]]>'], tags: ['R&D', 'x]]>y', '</script>'], section: 'News & <Views>', summary: HOSTILE, dateline: 'CDATA ]]> & </script>' },
          `Body ]]> with & and <b>bold</b>, a control\u0001 char.\n\n\`\`\`\n]]> </script> <![CDATA[ x ]]>\n\`\`\`\n`,
        ),
      },
      { now: '2026-01-01T00:00:00+08:00' },
    );
    expect(s.ok, JSON.stringify(s.diagnostics)).toBe(true);
    // Control characters are taken out as the file is read, each field with a warning (NEL, 0x85
    // in Windows-1252, is the ellipsis it almost always was); the feeds clean the rest.
    // Half a surrogate pair, which only a YAML escape can write, is left out the same way.
    expect(s.graph!.articles[0].title).toBe(HOSTILE.replace(/[\u0000\u0007\u001b\ud800]/g, '').replace('\u0085', '…').replace('&amp;', '&'));
    expect(s.diagnostics.filter((d) => d.code === 'LONE_SURROGATE').map((d) => [d.file, d.line, d.message])).toEqual([
      ['content/bad.md', 2, '`title` holds the escape for U+D800, half of a character that needs its other half (a lone surrogate): no page can show it, so it is left out.'],
      ['content/bad.md', 7, '`summary` holds the escape for U+D800, half of a character that needs its other half (a lone surrogate): no page can show it, so it is left out.'],
    ]);
    expect(s.diagnostics.filter((d) => d.code === 'CONTROL_CHARACTER').map((d) => d.message)).toEqual([
      '`title` holds an invisible control character: U+0007 is left out.',
      '`summary` holds an invisible control character: U+0007 is left out.',
      'The body holds an invisible control character: U+0001 is left out.',
    ]);
    const names = [...s.files!.keys()];
    const xmlFiles = names.filter((n) => n.endsWith('.xml'));
    expect(xmlFiles).toEqual(expect.arrayContaining(['feed.xml', 'atom.xml', 'sitemap.xml', 'news-sitemap.xml', 'tags/r-d/feed.xml', 'news-views/atom.xml']));
    for (const f of xmlFiles) expect(() => parseXml(s.page(f)), f).not.toThrow();
    for (const f of names.filter((n) => n.endsWith('.json'))) expect(() => JSON.parse(s.page(f)), f).not.toThrow();

    // `&amp;` read as the character it names (HTML_ENTITY): front matter is text.
    const cleaned = 'Bell tab\t ]]> </script><script>alert(1)</script> & & <b>"quotes"</b> nul ESC …NEL lone  end';
    const item = parseXml(s.page('feed.xml')).rss.channel.item[0];
    expect(item.title).toBe(cleaned);
    expect(item['dc:creator']).toEqual(['A & B <Desk>', 'Zoë ]]>']);
    expect(item.category).toEqual(['R&D', 'x]]>y', '</script>']);
    expect(item['content:encoded']).toContain(']]&gt;');
    expect(parseXml(s.page('atom.xml')).feed.entry[0].title['#text']).toBe(cleaned);
    expect(parseXml(s.page('news-sitemap.xml')).urlset.url[0]['news:news']['news:title']).toBe(cleaned);
    const json = JSON.parse(s.page('feed.json'));
    expect(json.items[0].title).toBe(cleaned);
    expect(json.items[0].tags).toEqual(['R&D', 'x]]>y', '</script>']);

    for (const page of names.filter((n) => n.endsWith('.html'))) {
      const html = s.page(page);
      expect(html, page).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/);
      // As many </script> as <script: no text ended a script early or opened one.
      expect(html.match(/<\/script>/gi)?.length ?? 0, page).toBe(html.match(/<script[\s>]/gi)?.length ?? 0);
      expect(html, page).not.toContain('<script>alert(1)');
    }
    const [article] = jsonLd(s.page('2025/12/31/bad/index.html'));
    expect(article.headline).toContain('</script><script>alert(1)</script>');
    expect(article.keywords).toEqual(['R&D', 'x]]>y', '</script>']);
    expect(article.dateline).toBe('CDATA ]]> & </script>');
  });

  it('keeps the JSON-LD and feeds valid for a body full of entities and raw HTML', async () => {
    const s = await site({ 'content/ent.md': md({ title: 'Entities &nbsp; &copy; &#xD800; &#0;', date: '2025-12-31 10:00', author: 'Ran Zheng' }, 'Fish &amp; chips &nbsp; &copy; &#128512; &#0; <iframe src="https://evil.example/"></iframe> <img src="/x.png" onerror="alert(1)">') });
    for (const f of ['feed.xml', 'atom.xml', 'news-sitemap.xml']) expect(() => parseXml(s.page(f)), f).not.toThrow();
    const body = parseXml(s.page('feed.xml')).rss.channel.item[0]['content:encoded'];
    expect(body).not.toContain('onerror');
    expect(body).not.toContain('evil.example');
    expect(body).toContain('src="https://news.example.org/x.png"');
    // The title's entities read as their characters, but those that name none (a lone surrogate, NUL).
    expect(jsonLd(text(s.files!.get('2025/12/31/ent/index.html')))[0].headline).toBe('Entities \u00a0 © &#xD800; &#0;');
  });

  it('a photo whose file name has a space is linked as a URL (%20) in the page, its metadata and the feeds, and is still copied', async () => {
    const s = await site(
      {
        'content/port.md': md({ title: 'Port', date: '2025-12-31 10:00', author: 'Ran Zheng', image: { src: '/images/harbour view.jpg', alt: 'The harbour', crops: ['/images/harbour view 16x9.jpg'] } }, '![Cranes](</images/cranes at dawn.jpg>)'),
        'static/images/harbour view.jpg': 'jpg',
        'static/images/cranes at dawn.jpg': 'jpg',
      },
      { now: '2026-01-01T00:00:00+08:00' },
    );
    expect(s.ok, JSON.stringify(s.diagnostics)).toBe(true);
    const page = s.page('2025/12/31/port/index.html');
    expect(page).toContain('src="/images/harbour%20view.jpg"');
    expect(page).toContain('src="/images/cranes%20at%20dawn.jpg"');
    expect(page).toContain('<meta property="og:image" content="https://news.example.org/images/harbour%20view.jpg">');
    expect(jsonLd(page)[0].image).toEqual(['https://news.example.org/images/harbour%20view.jpg', 'https://news.example.org/images/harbour%20view%2016x9.jpg']);
    expect(JSON.parse(s.page('feed.json')).items[0].image).toBe('https://news.example.org/images/harbour%20view.jpg');
    for (const f of [...s.files!.keys()].filter((n) => /\.(html|xml|json)$/.test(n))) expect(s.page(f), f).not.toMatch(/harbour view|cranes at dawn/);
    expect([...s.copies!.keys()]).toEqual(expect.arrayContaining(['images/harbour view.jpg', 'images/cranes at dawn.jpg']));
  });

  it('raw HTML thousands of tags deep, left open or closed in the wrong place: a warning for each at its line, and the story kept', async () => {
    const body = `${'<div>'.repeat(3000)}\n\n${'Text <b>x\n\n'.repeat(3000)}${'</b>'.repeat(3000)}\n\nThe end.`;
    const s = await site({ 'content/deep.md': md({ title: 'Deep', date: '2025-12-31 10:00', author: 'Ran Zheng' }, body) }, { now: '2026-01-01T00:00:00+08:00' });
    expect(s.ok, JSON.stringify(s.diagnostics.filter((d) => d.severity === 'error'))).toBe(true);
    const byPlace = (code: string) => s.diagnostics.filter((d) => d.code === code).sort((a, b) => a.line! - b.line! || a.column! - b.column!);
    // Every <div> (the body starts on line 7), each taking in the rest of the story.
    const unclosed = byPlace('RAW_HTML_UNCLOSED');
    expect(unclosed).toHaveLength(3000);
    expect(unclosed.slice(0, 2).map((d) => `${d.line}:${d.column}`)).toEqual(['7:1', '7:6']);
    expect(unclosed[0].message).toBe('The `<div>` opened on line 7 is never closed, so everything after it on the page goes inside the `<div>`.');
    // Each </b> is the one for a <b> the end of its paragraph had ended, the last opened first.
    const misnested = byPlace('RAW_HTML_MISNESTED');
    expect(misnested).toHaveLength(3000);
    expect(misnested[0]).toMatchObject({ file: 'content/deep.md', line: 6009, column: 1 });
    expect(misnested[0].message).toBe('The `</b>` on line 6009 closes nothing: the `<b>` opened on line 6007 was already ended at the end of the paragraph, so what comes between them is not inside it.');
    expect(misnested[2999].message).toContain('the `<b>` opened on line 9 was already ended');
    expect(s.page('2025/12/31/deep/index.html')).toContain('The end.');
  });
});

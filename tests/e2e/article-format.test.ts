import { describe, expect, it } from 'vitest';
import { md, site } from '../helpers/site.js';

describe('the article format, through a whole build', () => {
  it('every .md under content/ is an article, except content/pages/ and names starting with _ or .', async () => {
    const a = (title: string) => md({ title, date: '2024-03-20', author: 'Li Wei' });
    const b = await site({
      'content/top.md': a('Top level'),
      'content/articles/2024/deep/nested.md': a('Nested'),
      'content/desk/story.md': a('Desk story'),
      'content/pages/about-us.md': md({ title: 'About Us' }),
      'content/pages/team/editors.md': md({ title: 'Editors' }),
      'content/_drafts/x.md': a('Underscore folder'),
      'content/articles/_partial.md': a('Underscore file'),
      'content/.git/y.md': a('Dot folder'),
      'content/articles/.z.md': a('Dot file'),
      'content/articles/notes.txt': 'not markdown',
    });
    expect(b.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(b.graph!.articles.map((x) => x.source).sort()).toEqual(['content/articles/2024/deep/nested.md', 'content/desk/story.md', 'content/top.md']);
    expect(b.graph!.pages.map((x) => x.source)).toEqual(['content/pages/about-us.md', 'content/pages/team/editors.md']);
    expect(b.has('about-us/index.html')).toBe(true);
    expect(b.has('editors/index.html')).toBe(true);
    const everything = [...b.files!.values()].map(String).join('\n');
    for (const hidden of ['Underscore folder', 'Underscore file', 'Dot folder', 'Dot file']) expect(everything).not.toContain(hidden);
  });

  it('unknown front-matter keys reach the site\'s templates', async () => {
    const b = await site({
      'templates/article.njk': '<p class="kicker">{{ article.extra.kicker }}</p><p class="n">{{ article.extra.source_count + 1 }}</p><p class="box">{{ article.extra.factbox.heading }}</p>',
      'templates/page.njk': '<p class="page-extra">{{ entry.extra.contact_hours }}</p>',
      'content/a.md': md('title: Rail\ndate: 2024-03-20\nauthor: Li Wei\nkicker: Exclusive <interview>\nsource_count: 2\nfactbox:\n  heading: In numbers'),
      'content/pages/contact-us.md': md('title: Contact Us\ncontact_hours: 9 to 5'),
    });
    const html = b.page('2024/03/20/a/index.html');
    expect(html).toContain('<p class="kicker">Exclusive &lt;interview&gt;</p>');
    expect(html).toContain('<p class="n">3</p>');
    expect(html).toContain('<p class="box">In numbers</p>');
    expect(b.page('contact-us/index.html')).toContain('<p class="page-extra">9 to 5</p>');
  });

  it('near-miss keys are warnings that name the file, the line and the likely key, and the build goes on', async () => {
    const b = await site({ 'content/a.md': md('title: Rail\nDate: 2024-03-20\ndate: 2024-03-20\nauthor: Li Wei\ntag: Rail\nauthors: [Anna]') });
    expect(b.ok).toBe(true);
    const warnings = b.diagnostics.filter((d) => d.code === 'UNKNOWN_KEY').map((d) => [d.file, d.line, d.message]);
    expect(warnings).toEqual([
      ['content/a.md', 3, '`Date` is not a field dateline knows; did you mean `date`?'],
      ['content/a.md', 6, '`tag` is not a field dateline knows; did you mean `tags`?'],
      ['content/a.md', 7, '`authors` is not a field dateline knows; did you mean `author`?'],
    ]);
  });

  it('tags as a comma-separated string and as a list give the same tag pages', async () => {
    const b = await site({
      'content/a.md': md('title: A\ndate: 2024-03-20\nauthor: Li Wei\ntags: Rail, Port'),
      'content/b.md': md('title: B\ndate: 2024-03-21\nauthor: Li Wei\ntags:\n  - Port\n  - Rail'),
    });
    expect(b.page('tags/rail/index.html')).toContain('2 articles');
    expect(b.page('tags/port/index.html')).toContain('2 articles');
  });

  it('Markdown in an article page: a figure outside <p>, a table, iframes only from the configured hosts', async () => {
    const body = 'Intro.\n\n![Cranes](/images/cranes.jpg "Cranes at the port")\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n<iframe src="https://www.youtube-nocookie.com/embed/x"></iframe>\n\n<iframe src="https://evil.example/x"></iframe>\n\n<script>alert(1)</script>';
    const b = await site({
      'dateline.config.ts': `export default { title: 'H', baseUrl: 'https://news.example.org/', markdown: { iframeHosts: ['www.youtube-nocookie.com'] } };`,
      'content/a.md': md({ title: 'A', date: '2024-03-20', author: 'Li Wei' }, body),
    });
    const html = b.page('2024/03/20/a/index.html');
    expect(html).toContain('<figure><img src="/images/cranes.jpg" alt="Cranes" loading="lazy" /><figcaption>Cranes at the port</figcaption></figure>');
    expect(html).not.toMatch(/<p>\s*<figure/);
    expect(html).toContain('<table tabindex="0">');
    expect(html).toContain('<iframe src="https://www.youtube-nocookie.com/embed/x"></iframe>');
    expect(html).not.toContain('evil.example');
    expect(html).not.toContain('alert(1)');
  });

  it('the site footer from the config is on every page', async () => {
    const b = await site({
      'content/a.md': md({ title: 'A', date: '2024-03-20', author: 'Li Wei', tags: ['Rail'] }),
      'content/pages/about-us.md': md({ title: 'About Us' }),
    });
    const html = [...b.files!.entries()].filter(([p]) => p.endsWith('.html'));
    expect(html.length).toBeGreaterThan(5);
    for (const [p, text] of html) {
      expect(String(text), p).toContain('渝ICP备12345678号');
      expect(String(text), p).toContain('<a href="mailto:desk@example.org">desk@example.org</a>');
    }
  });
});

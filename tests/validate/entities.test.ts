import { describe, expect, it } from 'vitest';
import { site } from '../helpers/site.js';

describe('HTML entities in front matter (an archive exported from WordPress)', () => {
  it('are read as the characters they name, each field with a warning at its line; an id is kept as written', async () => {
    const file = 'content/articles/ent.md';
    const b = await site({
      [file]: [
        '---',
        'title: "Council&#8217;s plan: &quot;green&quot; &amp; lean"',
        'summary: "Budget&nbsp;cut &#8211; 5% &madeup;"',
        'tags: [Arts &amp; Culture]',
        'date: 2024-01-01T10:00:00Z',
        'author: Jane Doe',
        'id: "https://old.example/?p=1&amp;x=2"',
        '---',
        'Body.',
      ].join('\n'),
    });
    const ws = b.diagnostics.filter((d) => d.code === 'HTML_ENTITY');
    expect(ws.map((d) => [d.line, d.message])).toEqual([
      [2, '`title` holds HTML entities (`&#8217;`, `&quot;`, `&amp;`): front matter is text, not HTML, so they are read as the characters they name (’, ", &).'],
      [3, '`summary` holds HTML entities (`&nbsp;`, `&#8211;`, `&madeup;`): front matter is text, not HTML, so they are read as the characters they name (a space, –).'],
      [4, '`tags` holds HTML entities (`&amp;`): front matter is text, not HTML, so they are read as the characters they name (&).'],
    ]);
    const page = b.page('2024/01/01/ent/index.html');
    expect(page).toContain('<title>Council’s plan: &quot;green&quot; &amp; lean');
    expect(page).not.toContain('&amp;#8217;');
    // The tag is "Arts & Culture", not "Arts &amp; Culture" (whose page was /tags/arts-amp-culture/).
    expect(b.has('tags/arts-culture/index.html')).toBe(true);
    // One not known stays as written.
    expect(page).toContain('Budget\u00a0cut – 5% &amp;madeup;');
    // The story's id for feed readers, byte for byte.
    expect(JSON.parse(b.page('feed.json')).items[0].id).toBe('https://old.example/?p=1&amp;x=2');
  });
});

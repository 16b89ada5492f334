import { describe, expect, it } from 'vitest';
import { md, site } from '../helpers/site.js';

describe('shortcodes and template tags brought from another tool', () => {
  it('get a warning each, at its line, with what to write instead; code and links that show them are left alone', async () => {
    const body = [
      '[caption id="attachment_1" width="300"]<img src="/a.jpg" alt="x"> The council chamber.[/caption]', // line 7
      '',
      '[gallery ids="1,2,3"]',
      '',
      '{{< youtube abc123 >}}',
      '',
      'See [earlier]({% post_url 2024-03-20-x %}) and {{ site.baseurl }}/about.',
      '',
      'Watch the [video](https://example.org/v) and the [audio][1]. Code: `{{< youtube x >}}`.',
      '',
      '```',
      '[caption]in code[/caption]',
      '{% include x.html %}',
      '```',
      '',
      '[1]: https://example.org/a',
      '',
      'A shortcut link: the [gallery] of the flood.',
      '',
      '[gallery]: https://example.org/gallery',
    ].join('\n');
    const b = await site({ 'content/articles/wp.md': md({ title: 'From WordPress', date: '2024-01-01T10:00:00Z', author: 'Jane Doe' }, body) });
    const found = b.diagnostics.filter((d) => d.code === 'SHORTCODE').map((d) => [d.line, d.message.split(' is ')[0]]);
    expect(found).toEqual([
      [7, '`[caption id="attachment_1" width="300"]`'],
      [9, '`[gallery ids="1,2,3"]`'],
      [11, '`{{< youtube abc123 >}}`'],
      [13, '`{% post_url 2024-03-20-x %}`'],
      [13, '`{{ site.baseurl }}`'],
    ]);
    const gallery = b.diagnostics.find((d) => d.line === 9)!;
    expect(gallery).toMatchObject({ severity: 'warning', file: 'content/articles/wp.md', message: '`[gallery ids="1,2,3"]` is a WordPress shortcode: dateline runs no code in an article, so readers would see it as text.', hint: 'Replace it with the photos, one `![what it shows](/images/photo.jpg)` line each.' });
    // Shown as text, never run.
    expect(b.page('2024/01/01/wp/index.html')).toContain('{{&lt; youtube abc123 &gt;}}');
  });
});

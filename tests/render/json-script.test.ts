import { describe, expect, it } from 'vitest';
import { jsonForScript } from '../../src/render/filters.js';
import { site, md } from '../helpers/site.js';

describe('jsonScript: JSON inside <script>', () => {
  const nasty = { headline: '</script><script>alert(1)</script>', note: '<!-- x --> & \u2028 \u2029', quote: '"\'' };

  it('escapes < (and >, &, U+2028/2029) so no text can close the element, and parses back to the same value', () => {
    const out = jsonForScript(nasty);
    expect(out).not.toMatch(/[<>&\u2028\u2029]/);
    expect(out).toContain('"\\u003c/script\\u003e\\u003cscript\\u003e');
    expect(out).toContain('"\\u003c!-- x --\\u003e \\u0026 \\u2028 \\u2029"');
    expect(JSON.parse(out)).toEqual(nasty);
  });

  it('in a template, an editor\'s headline cannot end the <script> block', async () => {
    const b = await site({
      'templates/article.njk': '<script type="application/ld+json">{{ {headline: article.title, tags: article.tags} | jsonScript }}</script>',
      'content/a.md': md({ title: '</script><script>alert(1)</script>', date: '2024-03-20', author: 'Li Wei', tags: ['<b>'] }),
    });
    expect(b.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const html = b.page('2024/03/20/a/index.html');
    expect(html.match(/<\/script>/gi)).toHaveLength(1);
    const json = JSON.parse(html.replace(/^<script[^>]*>/, '').replace(/<\/script>$/, ''));
    expect(json.headline).toBe('</script><script>alert(1)</script>');
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { md, REPO, site } from '../helpers/site.js';

// partialCached renders a partial once per build for each set of variables: pages must read
// exactly as with an include, and a cached partial must never show one page's data on another.
const articles = {
  'content/a.md': md({ title: 'Alpha', date: '2024-03-20', author: 'Li Wei', section: 'City' }),
  'content/b.md': md({ title: 'Beta', date: '2024-03-21', author: 'Li Wei', section: 'Business' }),
  'content/c.md': md({ title: 'Gamma', date: '2024-03-22', author: 'Li Wei', section: 'City' }),
};
const pages = ['2024/03/20/a/index.html', '2024/03/21/b/index.html', '2024/03/22/c/index.html', 'index.html', 'city/index.html'];

describe('partialCached', () => {
  it('gives the theme\'s footer and cookie notice byte for byte as an include would', async () => {
    const cached = await site(articles);
    const theme = readFileSync(path.join(REPO, 'templates', 'base.njk'), 'utf8');
    expect(theme).toContain('partialCached("partials/footer.njk")');
    const included = theme.replace('{{ partialCached("partials/footer.njk") -}}', '{% include "partials/footer.njk" %}').replace('{{ partialCached("partials/cookie-notice.njk") -}}', '{% include "partials/cookie-notice.njk" %}');
    const plain = await site({ ...articles, 'templates/base.njk': included });
    for (const p of pages) {
      expect(cached.page(p), p).toBe(plain.page(p));
      // Nothing between them that the theme did not write before (a comment line leaves one).
      expect(cached.page(p), p).toContain('</main>\n<footer class="site-footer">');
    }
  });

  it('renders every time, as an include, a partial that reads the page or loads another template', async () => {
    const b = await site({
      ...articles,
      // A site's own footer that shows the page's title: the theme's base.njk caches the footer.
      'templates/partials/footer.njk': '<footer>{{ page.title }}</footer>',
      'templates/partials/cookie-notice.njk': '{% include "partials/inner.njk" %}',
      'templates/partials/inner.njk': '<i>{{ article.title }}</i>',
    });
    expect(b.page('2024/03/20/a/index.html')).toContain('<footer>Alpha</footer><i>Alpha</i>');
    expect(b.page('2024/03/21/b/index.html')).toContain('<footer>Beta</footer><i>Beta</i>');
    expect(b.page('city/index.html')).toMatch(/<footer>City[^<]*<\/footer><i><\/i>/);
  });

  it('renders every time a partial that calls partialCached itself; lists as variables work too', async () => {
    const b = await site({
      ...articles,
      'content/a.md': md({ title: 'Alpha', date: '2024-03-20', author: 'Li Wei', section: 'City', tags: ['Rail'] }),
      'content/b.md': md({ title: 'Beta', date: '2024-03-21', author: 'Li Wei', section: 'Business', tags: ['Port', 'Trade'] }),
      'templates/partials/footer.njk': '<footer>{{ partialCached("partials/byline.njk") }}</footer>',
      'templates/partials/byline.njk': '<b>{{ page.title }}</b>',
      'templates/partials/tags.njk': '<u>{% for t in tags %}{{ t.name }}{% endfor %}</u>',
      'templates/article.njk': '{{ partialCached("partials/tags.njk", { tags: article.tags }) }}',
    });
    expect(b.page('2024/03/20/a/index.html')).toBe('<u>Rail</u>');
    expect(b.page('2024/03/21/b/index.html')).toBe('<u>PortTrade</u>');
    expect(b.page('index.html')).toContain('<footer><b>');
    expect(b.page('city/index.html')).toMatch(/<footer><b>City/);
  });

  it('says so when its variables are not an object', async () => {
    const b = await site({ ...articles, 'templates/article.njk': '{{ partialCached("partials/footer.njk", "x") }}' });
    expect(b.diagnostics.find((d) => d.code === 'TEMPLATE_RENDER')?.message).toMatch(/the variables must be an object/);
  });

  it('renders once for each set of variables it is given', async () => {
    const b = await site({
      ...articles,
      'templates/partials/stamp.njk': '[{{ section }}|{{ site.title }}]',
      'templates/article.njk': '{{ partialCached("partials/stamp.njk", { section: article.section.name }) }}{{ partialCached("partials/stamp.njk") }}',
    });
    expect(b.page('2024/03/20/a/index.html')).toBe('[City|Test Herald][|Test Herald]');
    expect(b.page('2024/03/21/b/index.html')).toBe('[Business|Test Herald][|Test Herald]');
    expect(b.page('2024/03/22/c/index.html')).toBe('[City|Test Herald][|Test Herald]');
  });
});

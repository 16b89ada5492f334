import { describe, expect, it } from 'vitest';
import { md, site } from '../helpers/site.js';

describe('render: a syntax error in an included template', () => {
  it('is a diagnostic with the partial\'s file and line, not a crash from a later tick', async () => {
    const s = await site({
      'content/articles/a.md': md({ title: 'Alpha', date: '2025-03-01T10:00:00+08:00', author: 'Li Wei' }),
      'templates/partials/footer.njk': '<footer>\n{% if %}\n</footer>\n',
    });
    expect(s.ok).toBe(false);
    const errors = s.diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'TEMPLATE_SYNTAX', file: 'templates/partials/footer.njk', line: 2, message: 'The template templates/partials/footer.njk is not valid Nunjucks: unexpected token: %}' });
    expect(errors[0].frame).toContain('> 2 | {% if %}');
    // Nunjucks would throw this one asynchronously; give it the chance before the test ends.
    await new Promise((r) => setImmediate(r));
  });

  it('every template that does not parse is reported at once, and with the content\'s mistakes', async () => {
    const files = {
      'content/articles/a.md': md({ title: 'Alpha', date: '2025-03-01T10:00:00+08:00', author: 'Li Wei', tags: ['Rail'] }),
      'templates/home.njk': '{% if %}\n',
      'templates/tag.njk': '<h1>{{ term.name }}</h1>\n{% for %}\n',
    };
    const both = (s: { diagnostics: { code: string; file?: string; line?: number }[] }) => s.diagnostics.filter((d) => d.code === 'TEMPLATE_SYNTAX').map((d) => [d.file, d.line]);
    expect(both(await site(files))).toEqual([['templates/home.njk', 1], ['templates/tag.njk', 2]]);
    const withContent = await site({ ...files, 'content/articles/b.md': md({ title: 'Beta', date: '2025-02-30', author: 'Li Wei' }) });
    expect(withContent.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual(['BAD_DATE', 'TEMPLATE_SYNTAX', 'TEMPLATE_SYNTAX']);
    expect(both(withContent)).toEqual([['templates/home.njk', 1], ['templates/tag.njk', 2]]);
  });

  it('is not looked for in hidden files: an editor\'s lock or backup file beside a template is no template', async () => {
    const s = await site({
      'content/articles/a.md': md({ title: 'Alpha', date: '2025-03-01T10:00:00+08:00', author: 'Li Wei' }),
      'templates/.#article.njk': '{% if %}',
      'templates/.backup/partials/footer.njk': '{% for %}',
    });
    expect(s.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(s.page('2025/03/01/a/index.html')).toContain('Alpha');
  });
});

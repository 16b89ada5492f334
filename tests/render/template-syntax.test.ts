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
    expect(errors[0]).toMatchObject({ code: 'TEMPLATE_RENDER', file: 'templates/partials/footer.njk', line: 2 });
    expect(errors[0].frame).toContain('> 2 | {% if %}');
    // Nunjucks would throw this one asynchronously; give it the chance before the test ends.
    await new Promise((r) => setImmediate(r));
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

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dateline, md, REPO, writeSite } from '../helpers/site.js';

/**
 * A template that prints a name that is not there (`{{ artcle.title }}`) prints nothing in a build,
 * as Nunjucks does; `check` says so, at the template's line, so that a theme's typo is found before
 * readers find the hole in the page.
 */

const NOW = '2026-01-01T00:00:00Z';
const files = {
  'content/articles/a.md': md({ title: 'Bridge joined', date: '2025-12-20 09:00', author: 'Li Wei', tags: ['Rail'], summary: 'The deck is joined.' }),
  'content/articles/b.md': md({ title: 'Tunnel opens', date: '2025-12-21 09:00', author: 'Li Wei' }),
  'content/pages/about-us.md': md({ title: 'About Us' }),
  'content/pages/privacy-cookie-policy.md': md({ title: 'Privacy & Cookie Policy' }),
};
/** The theme's article.njk with a misspelt name printed under the headline. */
const typo = () => readFileSync(path.join(REPO, 'templates/article.njk'), 'utf8').replace('{% if article.summary %}', '<p class="kicker-2">{{ artcle.section.name }}</p>\n    {% if article.summary %}');

describe('a template that prints a name that is not there', () => {
  it('check warns once, at the template line, naming the expression and a page; --strict fails; build prints nothing there', async () => {
    const template = typo();
    const line = template.split('\n').findIndex((l) => l.includes('artcle')) + 1;
    const dir = writeSite({ ...files, 'templates/article.njk': template });
    const r = await dateline(['check', dir, '--now', NOW]);
    expect(r.code).toBe(0);
    expect([...r.stderr.matchAll(/^warning\[(\w+)\] (\S+)$/gm)].map((m) => [m[1], m[2]])).toEqual([['TEMPLATE_UNDEFINED', `templates/article.njk:${line}`]]);
    expect(r.stderr).toContain('`{{ artcle.section.name }}` prints nothing on content/articles/b.md: a name in it is not defined there, or is empty (a build leaves it blank).');
    expect(r.stderr).toContain("fix: Check the spelling of each name (`article.title`, `site.title`, `page.items`…). If the value may be missing, write `{{ name or '' }}` or put it inside `{% if name %}`.");
    // The rest of the check goes on: links of the pages it met it on are followed.
    expect(r.stderr).not.toContain('BROKEN_LINK');
    const strict = await dateline(['check', dir, '--now', NOW, '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('error[TEMPLATE_UNDEFINED]');
    // A build prints nothing there, as Nunjucks does, and says nothing.
    const b = await dateline(['build', dir, '--now', NOW]);
    expect(b.code).toBe(0);
    expect(b.stderr).toBe('');
    expect(readFileSync(path.join(dir, 'dist/2025/12/20/a/index.html'), 'utf8')).toContain('<p class="kicker-2"></p>');
  });

  // Before, check said nothing: the filter turned the missing name into '', which Nunjucks prints.
  it('a misspelt name given to one of dateline\'s filters (`{{ article.dte | date }}`): warned at its line, naming that expression alone', async () => {
    const template = readFileSync(path.join(REPO, 'templates/article.njk'), 'utf8').replace('{% if article.summary %}', '<p class="when">{{ article.title }} {{ article.dte | date }}</p>\n    {% if article.summary %}');
    const line = template.split('\n').findIndex((l) => l.includes('article.dte')) + 1;
    const dir = writeSite({ ...files, 'templates/article.njk': template });
    const r = await dateline(['check', dir, '--now', NOW]);
    expect(r.code).toBe(0);
    expect([...r.stderr.matchAll(/^warning\[(\w+)\] (\S+)$/gm)].map((m) => [m[1], m[2]])).toEqual([['TEMPLATE_UNDEFINED', `templates/article.njk:${line}`]]);
    expect(r.stderr).toContain('\n  `{{ article.dte | date }}` prints nothing on content/articles/b.md');
    const b = await dateline(['build', dir, '--now', NOW]);
    expect(b.code).toBe(0);
    expect(b.stderr).toBe('');
    expect(readFileSync(path.join(dir, 'dist/2025/12/20/a/index.html'), 'utf8')).toContain('<p class="when">Bridge joined </p>');
  });

  // A filter given a missing value where nothing is printed (`{% set %}`, an `{% if %}` test) is no
  // hole in the page: check said "a value prints nothing" at a `{% set %}` line, for a story
  // without `updated`, and --strict failed a correct template.
  it('a missing value given to one of dateline\'s filters where nothing is printed (`{% set %}`, `{% if %}`) is not warned', async () => {
    const template = readFileSync(path.join(REPO, 'templates/article.njk'), 'utf8').replace(
      '{% if article.summary %}',
      "{% set changed = article.updated | dateTime %}\n    {% if changed %}<p class=\"changed\">{{ changed }}</p>{% endif %}\n    {% if article.updated | year != article.date | year %}<p class=\"old\">x</p>{% endif %}\n    {% if article.summary %}",
    );
    const dir = writeSite({ ...files, 'templates/article.njk': template });
    const r = await dateline(['check', dir, '--now', NOW, '--strict']);
    expect(r.stderr).not.toContain('TEMPLATE_UNDEFINED');
    expect(r.code, r.stderr).toBe(0);
  });

  it('a field of the site\'s own that a story may leave out (article.extra.subtitle, site.params.x) is not warned', async () => {
    const template = readFileSync(path.join(REPO, 'templates/article.njk'), 'utf8').replace('{% if article.summary %}', '<p class="subtitle">{{ article.extra.subtitle }}</p><p>{{ site.params.strap }}</p>\n    {% if article.summary %}');
    const dir = writeSite({ ...files, 'content/articles/a.md': md({ title: 'Bridge joined', date: '2025-12-20 09:00', author: 'Li Wei', subtitle: null }), 'templates/article.njk': template });
    const r = await dateline(['check', dir, '--now', NOW]);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('TEMPLATE_UNDEFINED');
  });

  it('the newsroom theme prints no name that is not there, on a bare site or on the demo newsroom', async () => {
    const bare = writeSite({ 'dateline.config.ts': "export default { title: 'T', baseUrl: 'https://news.example.org/' };\n", 'content/articles/a.md': md({ title: 'A', date: '2025-12-20 09:00', author: 'Li Wei' }) });
    const r = await dateline(['check', bare, '--now', NOW]);
    expect(r.stderr).not.toContain('TEMPLATE_UNDEFINED');
    const demo = await dateline(['check', REPO]);
    expect(demo.code).toBe(0);
    expect(demo.stderr).not.toContain('TEMPLATE_UNDEFINED');
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, md, REPO, writeSite } from '../helpers/site.js';

/**
 * A macro called with arguments it does not take: Nunjucks drops an argument too many or a keyword
 * the macro does not name, and leaves one not given undefined, without a word, and the page shows
 * an ordinary card or an empty heading. `check` says so at the call.
 */

const NOW = '2026-01-01T00:00:00Z';
const files = {
  'content/articles/a.md': md({ title: 'The river at dawn', date: '2025-12-20 09:00', author: 'Li Wei', layout: 'photo-essay' }),
  'content/articles/b.md': md({ title: 'Tunnel opens', date: '2025-12-21 09:00', author: 'Li Wei' }),
  'content/pages/about-us.md': md({ title: 'About Us' }),
  'content/pages/privacy-cookie-policy.md': md({ title: 'Privacy & Cookie Policy' }),
};
const layout = [
  '{% extends "base.njk" %}',
  '{% import "partials/macros.njk" as m %}',
  '{% from "partials/macros.njk" import card %}',
  '{% macro credit(name, role="Photos") %}<p>{{ role }}: {{ name }}</p>{% endmacro %}',
  '{% block main %}',
  '<h1>{{ m.headline() }}</h1>',
  '<p>{{ m.byline(article, true) }}</p>',
  '{{ card(article, sise="lead") }}',
  '{{ credit("Chen Lin", rol="Pictures") }}',
  '{{ m.headline(article.title) }}{{ card(article, 3, size="stack") }}{{ credit(name="Chen Lin") }}',
  '{% endblock %}',
  '',
].join('\n');

describe('check: a macro called with arguments it does not take', () => {
  it('warns at each call, with the macro and what to write; a build says nothing; --strict fails', async () => {
    const dir = writeSite({ ...files, 'templates/photo-essay.njk': layout });
    const r = await cli(['check', dir, '--now', NOW]);
    expect(r.code).toBe(0);
    expect([...r.stderr.matchAll(/^warning\[(\w+)\] (\S+)$/gm)].map((m) => [m[1], m[2]])).toEqual([
      ['TEMPLATE_MACRO_ARGS', 'templates/photo-essay.njk:6:8'],
      ['TEMPLATE_MACRO_ARGS', 'templates/photo-essay.njk:7:7'],
      ['TEMPLATE_MACRO_ARGS', 'templates/photo-essay.njk:8:4'],
      ['TEMPLATE_MACRO_ARGS', 'templates/photo-essay.njk:9:4'],
    ]);
    expect(r.stderr).toContain('The call of m.headline leaves out `title`, which the macro then sees as undefined.');
    expect(r.stderr).toContain('fix: Give it: m.headline(title). The macro is in partials/macros.njk, line 2: headline(title).');
    expect(r.stderr).toContain('The call of m.byline gives 2 arguments; the macro takes 1 argument (article), and Nunjucks drops the rest.');
    expect(r.stderr).toContain('The call of card names `sise`, which card does not take (Nunjucks ignores it).');
    expect(r.stderr).toContain('fix: Write `size=` for `sise=`. The macro is in partials/macros.njk, line 24: card(article, level=…, size=…, kicker=…).');
    expect(r.stderr).toContain('fix: Use one of its arguments: name, role. The macro is at line 4: credit(name, role=…).');
    expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    const strict = await cli(['check', dir, '--now', NOW, '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('error[TEMPLATE_MACRO_ARGS] templates/photo-essay.njk:6:8');
    const b = await cli(['build', dir, '--now', NOW]);
    expect(b.code).toBe(0);
    expect(b.stderr).toBe('');
  });

  it('a site that overrides the macros: the theme templates that call them with the old arguments are named', async () => {
    const macros = readFileSync(path.join(REPO, 'templates/partials/macros.njk'), 'utf8').replace('{% macro headline(title) -%}', '{% macro headline(story, title) -%}');
    const dir = writeSite({ ...files, 'content/articles/a.md': md({ title: 'A', date: '2025-12-20 09:00', author: 'Li Wei' }), 'templates/partials/macros.njk': macros });
    const r = await cli(['check', dir, '--now', NOW]);
    expect(r.stderr).toMatch(/^warning\[TEMPLATE_MACRO_ARGS\] \(theme\) article\.njk:\d+:\d+$/m);
    expect(r.stderr).toContain('The call of m.headline leaves out `title`, which the macro then sees as undefined.');
  });

  it('the newsroom theme and the demo newsroom call every macro as it is written', async () => {
    const demo = await cli(['check', REPO]);
    expect(demo.code).toBe(0);
    expect(demo.stderr).not.toContain('TEMPLATE_MACRO_ARGS');
  });
});

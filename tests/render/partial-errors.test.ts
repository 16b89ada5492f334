import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtCopy, cli, md, read, REPO, tree, writeSite, type CliRun } from '../helpers/site.js';

const STACK = /\n\s+at .+:\d+:\d+/;

/** Enough for every theme template to render: articles, an author, pages, a tag. */
const GOOD: Record<string, string> = {
  'content/articles/rail.md': md({ title: 'Rail freight doubles', date: '2024-03-20', author: 'Li Wei', tags: ['Rail'] }),
  'content/articles/port.md': md({ title: 'Port expands', date: '2024-03-21 09:30', author: 'Anna Schmidt', tags: ['Port'] }),
  'content/pages/about-us.md': md({ title: 'About Us' }),
  'content/pages/privacy-cookie-policy.md': md({ title: 'Privacy & Cookie Policy' }),
};

/**
 * A good site as a build left it, a template broken, built again through the bin: exit 1, no stack
 * trace, dist/ as the first build left it, and exactly one error, which is returned with the output.
 */
async function breakTemplates(files: Record<string, string>): Promise<CliRun & { error: string }> {
  const dir = await builtCopy(GOOD, cli);
  const before = tree(path.join(dir, 'dist'));
  writeSite(files, dir);
  const r = await cli(['build', dir]);
  expect(r.code).toBe(1);
  expect(r.stdout).toBe('');
  expect(r.stderr).not.toMatch(STACK);
  expect(r.stderr.match(/^error\[/gm), r.stderr).toHaveLength(1);
  expect(r.stderr).toContain('1 error; nothing was written.');
  expect(tree(path.join(dir, 'dist'))).toEqual(before);
  return { ...r, error: r.stderr.split('\n\n')[0] };
}

/** 1-based line and column of `needle` in `text`. */
function at(text: string, needle: string): string {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.includes(needle));
  return `${i + 1}:${lines[i].indexOf(needle) + 1}`;
}

describe('render: an error in a partial, a macro file or a layout is reported once, where it is', () => {
  it('an unknown filter in a site partial that the theme\'s layout includes', async () => {
    const r = await breakTemplates({ 'templates/partials/footer.njk': '<footer>\n{{ site.title | nosuchfilter }}\n</footer>\n' });
    expect(r.error).toMatch(/^error\[TEMPLATE_RENDER\] templates\/partials\/footer\.njk:2:17\n/);
    expect(r.error).toContain('failed: filter not found: nosuchfilter');
    expect(r.error).toContain('> 2 | {{ site.title | nosuchfilter }}');
    expect(r.error).toContain('fix: There is no filter named nosuchfilter: fix its name, or remove it.');
  });

  it('an unknown filter used twice in a partial: the use that ran', async () => {
    const footer = '<footer>\n{% if false %}{{ site.title | nosuchfilter }}{% endif %}\n<p>\n{{ site.title | nosuchfilter }}</p>\n</footer>\n';
    const r = await breakTemplates({ 'templates/partials/footer.njk': footer });
    expect(r.error).toMatch(/^error\[TEMPLATE_RENDER\] templates\/partials\/footer\.njk:4:17\n/);
  });

  it('an unknown filter in a macro file that the theme\'s templates import', async () => {
    const theme = read(path.join(REPO, 'templates', 'partials', 'macros.njk'));
    expect(theme).toContain('{{ h.main }}');
    const macros = theme.replace('{{ h.main }}', '{{ h.main | nosuchfilter }}');
    const r = await breakTemplates({ 'templates/partials/macros.njk': macros });
    expect(r.error).toMatch(new RegExp(`^error\\[TEMPLATE_RENDER\\] templates/partials/macros\\.njk:${at(macros, 'nosuchfilter')}\\n`));
    expect(r.error).toContain('filter not found: nosuchfilter');
  });

  it('a call of something undefined in an imported macro names the macro\'s file, not the caller\'s', async () => {
    const r = await breakTemplates({
      'templates/page.njk': '{% extends "base.njk" %}\n{% import "partials/tools.njk" as tools %}\n{% block main %}\n{{ tools.kicker(entry.title) }}\n{% endblock %}\n',
      'templates/partials/tools.njk': '{% macro kicker(text) %}\n<p class="kicker">\n  {{ text.shout() }}\n</p>\n{% endmacro %}\n',
    });
    expect(r.error).toMatch(/^error\[TEMPLATE_RENDER\] templates\/partials\/tools\.njk:3:\d+\n/);
    expect(r.error).toContain('Unable to call `text["shout"]`');
  });

  it('a template that does not exist, included by a partial', async () => {
    const r = await breakTemplates({ 'templates/partials/footer.njk': '<footer>\n{% include "partials/nope.njk" %}\n</footer>\n' });
    expect(r.error).toMatch(/^error\[TEMPLATE_NOT_FOUND\] templates\/partials\/footer\.njk:2:12\n/);
    expect(r.error).toContain('The template partials/nope.njk does not exist (included from templates/partials/footer.njk).');
    expect(r.error).toContain('> 2 | {% include "partials/nope.njk" %}');
    expect(r.error).toContain('fix: Create templates/partials/nope.njk, or fix the name in templates/partials/footer.njk.');
  });

  it('a partial that partialCached asks for and that does not exist, on a build whose config comes from the cache', async () => {
    // The failing build is the second: its config is loaded from the cache, without the compiler
    // that raised V8's limit of stack frames, and the template's frame was past the tenth.
    const theme = read(path.join(REPO, 'templates', 'base.njk'));
    const base = theme.replace('partialCached("partials/cookie-notice.njk")', 'partialCached("partials/cookie-notise.njk")');
    expect(base).not.toBe(theme);
    const r = await breakTemplates({ 'templates/base.njk': base });
    expect(r.error).toMatch(new RegExp(`^error\\[TEMPLATE_NOT_FOUND\\] templates/base\\.njk:${at(base, '"partials/cookie-notise.njk"')}\\n`));
    expect(r.error).toContain('The template partials/cookie-notise.njk does not exist (included from templates/base.njk).');
    expect(r.error).toContain('> ' + `${base.split('\n').findIndex((l) => l.includes('cookie-notise')) + 1}`.padStart(2) + ' | {{ partialCached("partials/cookie-notise.njk") -}}');
  });

  // Before, the build never ended (the test's time limit fails it).
  it('two partials that include each other: an error naming the loop, not a build that never ends', async () => {
    const r = await breakTemplates({
      'templates/partials/footer.njk': '<footer>\n{% include "partials/a.njk" %}\n</footer>\n',
      'templates/partials/a.njk': 'A{% include "partials/b.njk" %}\n',
      'templates/partials/b.njk': 'B\n{% include "partials/a.njk" %}\n',
    });
    expect(r.error).toMatch(/^error\[TEMPLATE_RENDER\] templates\/partials\/(a|b)\.njk:\d+/);
    expect(r.error).toMatch(/templates include one another without end: (partials\/a\.njk → partials\/b\.njk → partials\/a\.njk|partials\/b\.njk → partials\/a\.njk → partials\/b\.njk)/);
    expect(r.error).toContain('fix: Remove the include at that line that leads back to a template already being rendered');
  });

  // Before, the 40th include in a row was counted as 40 deep (each include's template stayed
  // "open" while the rest of the page rendered in its callback): a theme with an icon partial per
  // link failed with an include loop it did not have.
  it('forty-five includes one after another are no loop', async () => {
    const dir = writeSite({
      ...GOOD,
      'templates/partials/icon.njk': '<span class="icon"></span>',
      'templates/partials/footer.njk': `<footer>\n${'{% include "partials/icon.njk" %}\n'.repeat(45)}</footer>\n`,
    });
    const r = await cli(['build', dir, '-q']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(read(path.join(dir, 'dist', 'index.html')).match(/<span class="icon"><\/span>/g)).toHaveLength(45);
  });

  it('a layout that includes itself: the loop and the line are its own, not a partial its base includes', async () => {
    const layout = '{% extends "base.njk" %}\n{% block main %}\n<h1>{{ article.title }}</h1>\n{% include "photo-essay.njk" %}\n{% endblock %}\n';
    const r = await breakTemplates({
      'templates/photo-essay.njk': layout,
      'content/articles/rail.md': md({ title: 'Rail freight doubles', date: '2024-03-20', author: 'Li Wei', tags: ['Rail'], layout: 'photo-essay' }),
    });
    expect(r.error).toMatch(/^error\[TEMPLATE_RENDER\] templates\/photo-essay\.njk:4\n/);
    expect(r.error).toContain('templates include one another without end: photo-essay.njk → photo-essay.njk\n');
    expect(r.error).toContain('> 4 | {% include "photo-essay.njk" %}');
  });

  // Before: "RangeError: Maximum call stack size exceeded" at the partial's first line, the generic fix.
  it('a macro that calls itself without end: the call that closes the loop, not the first line', async () => {
    const r = await breakTemplates({
      'templates/partials/footer.njk': '<footer>\n<p>{{ site.title }}</p>\n</footer>\n{% macro crumbs(x) %}<i>{{ x }}</i>{{ more(x) }}{% endmacro %}\n{% macro more(x) %}{{ crumbs(x) }}{% endmacro %}\n{{ crumbs(1) }}\n',
    });
    expect(r.error).toMatch(/^error\[TEMPLATE_RENDER\] templates\/partials\/footer\.njk:5:23\n/);
    expect(r.error).toContain('failed: the macro crumbs calls itself without end (crumbs → more → crumbs).');
    expect(r.error).toContain('fix: Put the call of crumbs at that line inside an {% if %} that stops it');
  });

  it('an unclosed {% if %} in a partial: the line of the tag left open', async () => {
    const r = await breakTemplates({ 'templates/partials/footer.njk': '<footer>\n<p>\n{% if site.title %}\n{{ site.title }}\n</p>\n</footer>\n' });
    expect(r.error).toMatch(/^error\[TEMPLATE_SYNTAX\] templates\/partials\/footer\.njk:3:1\n/);
    expect(r.error).toContain('parseIf: expected elif, else, or endif, got end of file');
    expect(r.error).toContain('> 3 | {% if site.title %}');
    expect(r.error).toContain('fix: Close the {% if %} at that line with {% endif %}.');
  });

  // Before, the error stood at the {% endblock %} ("unknown block tag: endblock") with the fix
  // "check that every tag is closed", and the {% if %} left open was not named.
  it('an {% if %} left open inside a block: the line of the {% if %}, and the end tag it runs into', async () => {
    const layout = '{% extends "base.njk" %}\n{% block main %}\n<h1>{{ article.title }}</h1>\n{% if article.image %}<figure>{% if article.image.credit %}<img src="{{ article.image.src }}" alt="">{% endif %}\n<p>{{ article.summary }}</p>\n{% endblock %}\n';
    const r = await breakTemplates({
      'templates/photo-essay.njk': layout,
      'content/articles/rail.md': md({ title: 'Rail freight doubles', date: '2024-03-20', author: 'Li Wei', tags: ['Rail'], layout: 'photo-essay' }),
    });
    expect(r.error).toMatch(/^error\[TEMPLATE_SYNTAX\] templates\/photo-essay\.njk:4:1\n/);
    expect(r.error).toContain('is not valid Nunjucks: the {% if %} at line 4 is still open at the {% endblock %} at line 6');
    expect(r.error).toContain('> 4 | {% if article.image %}');
    expect(r.error).toContain('fix: Close the {% if %} at that line with {% endif %} before the {% endblock %} at line 6.');
  });

  it('a misspelt end tag: the tag it should be', async () => {
    const r = await breakTemplates({ 'templates/partials/footer.njk': '<footer>\n{% if site.title %}<p>{{ site.title }}</p>{% endfi %}\n</footer>\n' });
    expect(r.error).toMatch(/^error\[TEMPLATE_SYNTAX\] templates\/partials\/footer\.njk:2:\d+\n/);
    expect(r.error).toContain('fix: {% endfi %} at that line closes no open tag: the tag open there is closed with {% endif %}. Fix its name, or remove it.');
  });

  it('a filter name in the wrong case: the fix is the filter meant; one far from any: dateline\'s filters listed', async () => {
    const near = await breakTemplates({ 'templates/partials/footer.njk': '<footer>\n<p>{{ build.now | datetime }}</p>\n</footer>\n' });
    expect(near.error).toMatch(/^error\[TEMPLATE_RENDER\] templates\/partials\/footer\.njk:2:\d+\n/);
    expect(near.error).toContain('fix: There is no filter named datetime: write `dateTime`.');
    const far = await breakTemplates({ 'templates/partials/footer.njk': '<footer>\n<p>{{ build.now | formatDate("long") }}</p>\n</footer>\n' });
    expect(far.error).toMatch(/fix: There is no filter named formatDate: fix its name, or remove it\. dateline's filters: .*\bdate, dateTime\b.*; and Nunjucks' own/);
  });

  it('an unknown filter in a layout that a site template extends', async () => {
    const r = await breakTemplates({
      'templates/page.njk': '{% extends "layouts/plain.njk" %}\n{% block main %}\n<h1>{{ entry.title }}</h1>\n{% endblock %}\n',
      'templates/layouts/plain.njk': '<!doctype html>\n<html>\n<body>\n{% block main %}{% endblock %}\n<footer>{{ site.title | nosuchfilter }}</footer>\n</body>\n</html>\n',
    });
    expect(r.error).toMatch(/^error\[TEMPLATE_RENDER\] templates\/layouts\/plain\.njk:5:25\n/);
    expect(r.error).toContain('> 5 | <footer>{{ site.title | nosuchfilter }}</footer>');
  });
});

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBuilder } from '../../src/build.js';
import { parseFrontMatter } from '../../src/parse/front-matter.js';
import { validateFrontMatter } from '../../src/validate/article.js';
import { cli, md, site, writeSite } from '../helpers/site.js';

// `corrections` and `editorsNote` on a standalone page (About Us, the privacy policy) were kept
// in its data and shown by no page, without a word.

function check(file: string, front: string, kind: 'page' | 'article') {
  const text = `---\n${front}\n---\n\nBody.\n`;
  const fm = parseFrontMatter(file, text).result!;
  return validateFrontMatter(fm, { file, text, kind, timeZone: 'Asia/Shanghai' });
}

describe('corrections and an editor\'s note on a standalone page', () => {
  it('a warning at the key, whose fix is to say it in the page\'s text', () => {
    const r = check('content/pages/privacy.md', 'title: Privacy Policy\ncorrections:\n  - date: 2026-11-30 10:00\n    text: We added the analytics section.', 'page');
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ severity: 'warning', code: 'BAD_FIELD', file: 'content/pages/privacy.md', line: 3 });
    expect(r.diagnostics[0].message).toContain('published nowhere');
    expect(r.diagnostics[0].hint).toContain("Write the change in the page's own text");
    const note = check('content/pages/about-us.md', 'title: About Us\neditorsNote: This page is being updated.', 'page').diagnostics;
    expect(note).toMatchObject([{ code: 'BAD_FIELD', line: 3, message: expect.stringContaining('`editorsNote`') }]);
  });

  it('not on an article, which shows them', () => {
    expect(check('content/articles/a.md', 'title: A\ndate: 2026-11-30\nauthor: Li Wei\neditorsNote: Updated.\ncorrection: Fixed a name.', 'article').diagnostics).toEqual([]);
  });

  it('the build says it and still publishes the page', async () => {
    const r = await site({ 'content/pages/about-us.md': md('title: About Us\ncorrection: Fixed a typo.') });
    expect(r.diagnostics.filter((d) => d.code === 'BAD_FIELD').map((d) => `${d.file}:${d.line}`)).toEqual(['content/pages/about-us.md:3']);
    expect(r.page('about-us/index.html')).toContain('About Us');
  });

  /** A site's own page template: shows what `shows` names. */
  const pageTemplate = (shows: string) => `{% extends "base.njk" %}{% block main %}<h1>{{ entry.title }}</h1>${shows}{{ entry.html | safe }}{% endblock %}\n`;
  const CORRECTIONS = '{% for c in entry.corrections %}<p class="fix">{{ c.text }}</p>{% endfor %}';
  const NOTE = '{% if entry.editorsNote %}<p class="note">{{ entry.editorsNote }}</p>{% endif %}';
  const ABOUT = md('title: About Us\neditorsNote: This page is being updated.\ncorrection: Fixed a typo.');
  const warned = (ds: { code: string; file?: string; line?: number; message: string }[]) => ds.filter((d) => d.code === 'BAD_FIELD').map((d) => `${d.file}:${d.line} ${/`(\w+)`/.exec(d.message)?.[1]}`);

  it('follows the site\'s own templates a page template extends, includes or imports', async () => {
    const files = {
      'templates/page.njk': '{% extends "layouts/page-base.njk" %}{% block extra %}{% endblock %}\n',
      'templates/layouts/page-base.njk': `{% extends "base.njk" %}{% block main %}<h1>{{ entry.title }}</h1>{% include "partials/fixes.njk" %}{{ entry.html | safe }}{% block extra %}{% endblock %}{% endblock %}\n`,
      'templates/partials/fixes.njk': CORRECTIONS,
      'content/pages/about-us.md': ABOUT,
    };
    const r = await site(files);
    expect(r.page('about-us/index.html')).toContain('<p class="fix">Fixed a typo.</p>');
    // The corrections are shown, two templates down; the note nowhere.
    expect(warned(r.diagnostics)).toEqual(['content/pages/about-us.md:3 editorsNote']);
    // A template loaded by an expression may show anything: no warning.
    const dynamic = await site({ ...files, 'templates/page.njk': '{% set layout = "layouts/page-base.njk" %}{% extends layout %}\n' });
    expect(warned(dynamic.diagnostics)).toEqual([]);
  });

  it('not when the site\'s own page template (or the one its `layout` names) shows them; only what it does not show is warned', async () => {
    const both = await site({ 'templates/page.njk': pageTemplate(CORRECTIONS + NOTE), 'content/pages/about-us.md': ABOUT });
    expect(warned(both.diagnostics)).toEqual([]);
    expect(both.page('about-us/index.html')).toContain('<p class="note">This page is being updated.</p>');
    expect(both.page('about-us/index.html')).toContain('<p class="fix">Fixed a typo.</p>');
    // A template that shows the corrections only: the note is published nowhere.
    const fixes = await site({ 'templates/page.njk': pageTemplate(CORRECTIONS), 'content/pages/about-us.md': ABOUT });
    expect(warned(fixes.diagnostics)).toEqual(['content/pages/about-us.md:3 editorsNote']);
    const note = fixes.diagnostics.find((d) => d.code === 'BAD_FIELD')!;
    expect(note.message).toContain('templates/page.njk, shows no `entry.editorsNote`');
    expect(note.hint).toContain('or show `entry.editorsNote` in templates/page.njk');
    // `layout: policy` is drawn by templates/policy.njk, whatever page.njk shows.
    const policy = md('title: Privacy\nlayout: policy\ncorrection: We added the analytics section.');
    const laid = await site({ 'templates/policy.njk': pageTemplate(CORRECTIONS), 'content/pages/privacy.md': policy, 'content/pages/about-us.md': ABOUT });
    expect(warned(laid.diagnostics)).toEqual(['content/pages/about-us.md:4 correction']);
    expect(laid.page('privacy/index.html')).toContain('<p class="fix">We added the analytics section.</p>');
  });

  it('a template edit is seen by a warm build (the build cache) and by a watch session\'s rebuild', async () => {
    const dir = writeSite({ 'templates/page.njk': pageTemplate(CORRECTIONS + NOTE), 'content/pages/about-us.md': ABOUT, 'content/articles/a.md': md({ title: 'Rail', date: '2025-06-01', author: 'Li Wei' }) });
    const now = ['--now', '2026-01-01T00:00:00Z'];
    const cold = await cli(['build', dir, ...now]);
    expect(cold.code).toBe(0);
    expect(cold.stderr).not.toContain('BAD_FIELD');
    writeFileSync(path.join(dir, 'templates/page.njk'), pageTemplate(NOTE));
    const warm = await cli(['build', dir, ...now]);
    expect(warm.stderr).toContain('warning[BAD_FIELD] content/pages/about-us.md:4:1');
    expect(warm.stderr).not.toContain('about-us.md:3:1');
    writeFileSync(path.join(dir, 'templates/page.njk'), pageTemplate(CORRECTIONS + NOTE));
    expect((await cli(['build', dir, ...now])).stderr).not.toContain('BAD_FIELD');

    const builder = createBuilder({ siteDir: dir, mode: 'memory', now: '2026-01-01T00:00:00Z' });
    try {
      expect(warned((await builder.build()).diagnostics)).toEqual([]);
      writeFileSync(path.join(dir, 'templates/page.njk'), pageTemplate(CORRECTIONS));
      expect(warned((await builder.build([{ type: 'change', path: 'templates/page.njk' }])).diagnostics)).toEqual(['content/pages/about-us.md:3 editorsNote']);
      writeFileSync(path.join(dir, 'templates/page.njk'), pageTemplate(CORRECTIONS + NOTE));
      expect(warned((await builder.build([{ type: 'change', path: 'templates/page.njk' }])).diagnostics)).toEqual([]);
    } finally {
      await builder.close();
    }
  });
});

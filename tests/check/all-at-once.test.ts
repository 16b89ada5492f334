import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, md, writeSite, type CliRun } from '../helpers/site.js';

/**
 * Every mistake of a run is reported at once: when content has errors, the rest of the site is
 * still rendered (in memory) and, with `check`, its links followed; a file that failed is counted
 * as there for `related` and links, so that no report sends the editor after a page that is only
 * missing until the file's own error is fixed.
 */

const STACK = /\n\s+at .+:\d+:\d+/;
const NOW = '2026-01-01T00:00:00Z';

const story = (title: string, date: string, extra: Record<string, unknown> = {}, body = `${title} body text.`) => md({ title, date, author: 'Li Wei', tags: ['Rail'], ...extra }, body);

/** The pages every page links to (footer, cookie notice), so a clean site checks clean. */
const PAGES = {
  'content/pages/about-us.md': md({ title: 'About Us' }),
  'content/pages/privacy-cookie-policy.md': md({ title: 'Privacy & Cookie Policy' }),
};

/** Each reported diagnostic's head line, `error[CODE] file:line` (column left out). */
function reported(r: CliRun): string[] {
  return [...r.stderr.matchAll(/^(error|warning)\[([A-Z_]+)\](?: (\S+?)(?::(\d+))?(?::\d+)?)?$/gm)].map((m) => `${m[1]}[${m[2]}]${m[3] ? ` ${m[3]}${m[4] ? `:${m[4]}` : ''}` : ''}`);
}

/** Every file under `dir`, dot files included, with its bytes and modification time. */
function snapshot(dir: string): Map<string, { bytes: string; mtimeMs: number }> {
  const out = new Map<string, { bytes: string; mtimeMs: number }>();
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = path.join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else out.set(path.relative(dir, p), { bytes: readFileSync(p).toString('base64'), mtimeMs: st.mtimeMs });
    }
  };
  walk(dir);
  return out;
}

describe('check: content errors and what the rest of the site has, in one run', () => {
  it('an article with an empty title and a broken link in another article are both reported, and the first article\'s slug in `related` is no warning', async () => {
    const dir = writeSite({
      ...PAGES,
      'content/articles/rail-freight.md': story('', '2025-03-01 10:00'),
      'content/articles/monorail.md': story('Monorail platform opens', '2025-03-02 10:00', { related: ['rail-freight'] }, 'Opened today.\n\nSee [x](/no/such/page/).'),
      'content/articles/hotpot.md': story('Hotpot makers ship by rail', '2025-03-03 10:00', { related: ['rail-freight'] }),
    });
    const r = await cli(['check', dir, '--now', NOW]);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(STACK);
    expect(reported(r)).toEqual(['error[BROKEN_LINK] content/articles/monorail.md:11', 'error[MISSING_FIELD] content/articles/rail-freight.md:2']);
    expect(r.stderr).toContain('links to /no/such/page/, which does not exist.');
    expect(r.stderr).toContain('2 errors; nothing was written.');
  });

  it('no broken link or missing `related` for an article or page that is there but failed: a bad field, a date that is no date, a layout that does not exist', async () => {
    const links = ['[1](/2025/03/01/rail-freight/)', '[2](/2025/02/28/port/#the-cranes)', '[3](/2025/03/05/feature/)', '[4](/old/rail-story/)', '[5](/about-us/)'].join(' ');
    const dir = writeSite({
      'content/pages/privacy-cookie-policy.md': md({ title: 'Privacy & Cookie Policy' }),
      // The footer on every page links to About Us, whose title is missing.
      'content/pages/about-us.md': md({ summary: 'Who we are.' }),
      'content/articles/rail-freight.md': story('', '2025-03-01 10:00', { aliases: ['/old/rail-story/'] }),
      'content/articles/port.md': story('Port cranes arrive', '2025-02-30'),
      'content/articles/feature.md': story('A long read', '2025-03-05 10:00', { layout: 'longread' }),
      'content/articles/monorail.md': story('Monorail platform opens', '2025-03-02 10:00', { related: ['rail-freight', 'port', 'feature'] }, `Opened today. ${links}\n\nAnd [a typo](/2025/03/02/monorial/).`),
    });
    const r = await cli(['check', dir, '--now', NOW]);
    expect(r.code).toBe(1);
    expect(reported(r)).toEqual([
      'error[TEMPLATE_NOT_FOUND] content/articles/feature.md:6',
      'error[BROKEN_LINK] content/articles/monorail.md:11',
      'error[BAD_DATE] content/articles/port.md:3',
      'error[MISSING_FIELD] content/articles/rail-freight.md:2',
      'error[MISSING_FIELD] content/pages/about-us.md:3',
    ]);
    // The one broken link is the typo: none to the four files that failed, nor to their alias.
    expect(r.stderr).toContain('links to /2025/03/02/monorial/, which does not exist.');
    expect(r.stderr).not.toMatch(/rail-freight\/|\/port\/|\/feature\/|\/old\/rail-story\/|pages link to \/about-us\//);
  });
});

describe('a template error found in rendering is said with the content errors', () => {
  const broken = () =>
    writeSite({
      ...PAGES,
      'content/articles/rail-freight.md': story('', '2025-03-01 10:00'),
      'content/articles/monorail.md': story('Monorail platform opens', '2025-03-02 10:00', {}, 'See [x](/no/such/page/).'),
      // Runs only on a tag page, which the article without errors has.
      'templates/tag.njk': '<h1>{{ term.name }}</h1>\n{{ countArticles(term) }}\n',
    });

  it('check: the content error, the template error and the broken link, in one run', async () => {
    const r = await cli(['check', broken(), '--now', NOW]);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(STACK);
    expect(reported(r)).toEqual(['error[BROKEN_LINK] content/articles/monorail.md:8', 'error[MISSING_FIELD] content/articles/rail-freight.md:2', 'error[TEMPLATE_RENDER] templates/tag.njk:2']);
    expect(r.stderr).toContain('Unable to call `countArticles`, which is undefined or falsey');
  });

  it('check with no content errors: a template error does not stop the links being followed', async () => {
    const dir = broken();
    const r0 = await cli(['check', dir, '--now', NOW]);
    expect(r0.code).toBe(1);
    const fixed = writeSite({ 'content/articles/rail-freight.md': story('Rail freight doubles', '2025-03-01 10:00') }, dir);
    const r = await cli(['check', fixed, '--now', NOW]);
    expect(r.code).toBe(1);
    expect(reported(r)).toEqual(['error[BROKEN_LINK] content/articles/monorail.md:8', 'error[TEMPLATE_RENDER] templates/tag.njk:2']);
  });

  it('build: both errors, exit 1, and a previous dist/ left exactly as it was (bytes and times), with no temporary folder beside it', async () => {
    const dir = writeSite({
      ...PAGES,
      'content/articles/rail-freight.md': story('Rail freight doubles', '2025-03-01 10:00'),
      'content/articles/monorail.md': story('Monorail platform opens', '2025-03-02 10:00'),
    });
    const good = await cli(['build', dir, '--now', NOW]);
    expect(good.code).toBe(0);
    const before = snapshot(path.join(dir, 'dist'));
    expect(before.has('tags/rail/index.html')).toBe(true);
    const siteBefore = readdirSync(dir).sort();
    writeSite({ 'content/articles/rail-freight.md': story('', '2025-03-01 10:00'), 'templates/tag.njk': '<h1>{{ term.name }}</h1>\n{{ countArticles(term) }}\n' }, dir);
    const r = await cli(['build', dir, '--now', NOW]);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(STACK);
    expect(reported(r)).toEqual(['error[MISSING_FIELD] content/articles/rail-freight.md:2', 'error[TEMPLATE_RENDER] templates/tag.njk:2']);
    expect(r.stderr).toContain('2 errors; nothing was written.');
    expect(snapshot(path.join(dir, 'dist'))).toEqual(before);
    expect(readdirSync(dir).sort()).toEqual([...siteBefore, 'templates'].sort());
  });
});

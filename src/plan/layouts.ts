import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { error, type Diagnostic } from '../errors/diagnostic.js';
import { atFrontMatterKey } from '../validate/key-line.js';
import { nearMiss } from '../validate/near-miss.js';
import { THEME_TEMPLATES } from '../paths.js';
import type { RenderJob } from './types.js';
import type { ShownField } from '../config/types.js';
import { LOADS_BY_EXPRESSION, templateFiles } from '../render/template-deps.js';

/**
 * The theme's page templates, by what each shows. An article or standalone page given another
 * kind's (`layout: page` on an article, as a Jekyll archive has on every post) was published
 * empty: that template shows `entry`, or a listing, and the article is `article`.
 */
const THEME_LAYOUTS: Record<string, string> = {
  'article.njk': 'articles',
  'page.njk': 'standalone pages (About Us, Contact Us)',
  'base.njk': 'the frame every page is drawn in',
  'home.njk': 'the home page',
  'tag.njk': 'a tag\'s page',
  'tags.njk': 'the list of tags',
  'author.njk': 'an author\'s page',
  'authors.njk': 'the list of authors',
  'section.njk': 'a section\'s page',
  'archive.njk': 'the archive',
  'archive-year.njk': 'a year of the archive',
  'archive-month.njk': 'a month of the archive',
  '404.njk': 'the page for addresses that do not exist',
  'search.njk': 'the search page',
};

/** The kind of content a job shows, and the theme's template for it: articles and standalone pages. */
function contentKind(j: RenderJob): { own: string; what: string } | undefined {
  const kind = (j.context as { page?: { kind?: unknown } }).page?.kind;
  return kind === 'article' ? { own: 'article.njk', what: 'an article' } : kind === 'page' ? { own: 'page.njk', what: 'a standalone page' } : undefined;
}

/**
 * A page template that does not exist (an article's `layout` misspelt), or one of the theme's that
 * shows another kind of page, found with the content's other mistakes, before any page renders,
 * and put at the `layout:` line. One file lookup per template name.
 */
export function missingLayouts(jobs: readonly RenderJob[], templateDirs: readonly string[], siteDir: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const exists = new Map<string, boolean>();
  let layouts: string[] | undefined;
  for (const j of jobs) {
    if (!j.template || j.renderer !== 'nunjucks' || !j.origin.startsWith('content/')) continue;
    let found = exists.get(j.template);
    if (found === undefined) exists.set(j.template, (found = templateDirs.some((d) => existsSync(path.join(d, j.template!)))));
    const kind = contentKind(j);
    const other = kind && j.template !== kind.own ? THEME_LAYOUTS[j.template] : undefined;
    if (found && other) {
      const name = j.template.replace(/\.njk$/, '');
      const d = error('WRONG_LAYOUT', `\`layout: ${name}\` is the theme's template for ${other}: ${kind!.what} shown with it would be published empty.`, {
        file: j.origin,
        hint: `Delete the \`layout\` line (${kind!.what} has its own template, ${kind!.own.replace(/\.njk$/, '')}), or name a template of your own in templates/.`,
      });
      out.push(atFrontMatterKey(d, 'layout', siteDir));
    }
    if (!found) {
      const names = (layouts ??= layoutNames(templateDirs));
      const near = nearMiss(j.template.replace(/\.njk$/, ''), names);
      const hint = near
        ? `Write \`layout: ${near}\` (templates/${near}.njk), or create templates/${j.template}.`
        : `Fix the \`layout\` name (the name of a template in templates/, without ".njk"${names.length ? `: ${names.join(', ')}` : ''}), or create templates/${j.template}.`;
      const d = error('TEMPLATE_NOT_FOUND', `The template ${j.template} does not exist, needed by ${j.origin}.`, { file: j.origin, hint });
      out.push(atFrontMatterKey(d, 'layout', siteDir));
    }
  }
  return out;
}

/**
 * What each of the site's own templates at the top of templates/ shows of `corrections` and
 * `editorsNote` (a standalone page's template that shows them publishes them): by file name, only
 * those that show either. A template shows what it mentions, and what the site's templates it
 * loads by name (`extends`, `include`, `import`, `from`) mention, as far as they go; one that loads
 * a template by an expression or a relative name may show anything, so it counts as showing both.
 * Read at each full build (a few small files); the theme's templates show neither on a page.
 */
export function templateShows(siteDir: string): Record<string, ShownField[]> {
  const dir = path.join(siteDir, 'templates');
  if (path.resolve(dir) === path.resolve(THEME_TEMPLATES)) return {};
  const files = templateFiles([dir]);
  const own = new Map<string, { fields: Set<ShownField>; loads: string[]; dynamic: boolean }>();
  const read = (name: string) => {
    let t = own.get(name);
    if (!t) {
      let text = '';
      try {
        text = readFileSync(files.get(name)!, 'utf8');
      } catch {
        // Gone since it was listed: it shows nothing.
      }
      t = { fields: new Set(SHOWN.filter((k) => new RegExp(`\\b${k}\\b`).test(text))), loads: [...text.matchAll(LOADS_BY_NAME)].map((m) => m[1]).filter((n) => files.has(n)), dynamic: LOADS_BY_EXPRESSION.test(text) };
      own.set(name, t);
    }
    return t;
  };
  const out: Record<string, ShownField[]> = {};
  for (const top of [...files.keys()].filter((n) => !n.includes('/')).sort()) {
    const shown = new Set<ShownField>();
    const seen = new Set([top]);
    const queue = [top];
    while (queue.length > 0 && shown.size < SHOWN.length) {
      const t = read(queue.pop()!);
      if (t.dynamic) SHOWN.forEach((k) => shown.add(k));
      t.fields.forEach((k) => shown.add(k));
      for (const n of t.loads) {
        if (seen.has(n)) continue;
        seen.add(n);
        queue.push(n);
      }
    }
    if (shown.size) out[top] = SHOWN.filter((k) => shown.has(k));
  }
  return out;
}

const SHOWN: ShownField[] = ['corrections', 'editorsNote'];
/** A template loaded by its quoted name, as the site's templates/ names it. */
const LOADS_BY_NAME = /\{%-?\s*(?:include|extends|import|from)\s+["']([^"']+)["']/g;

/** The templates a `layout` can name: the site's own at the top of its templates/, not the theme's pages. */
function layoutNames(templateDirs: readonly string[]): string[] {
  const names = new Set<string>();
  let theme: string[] = [];
  try {
    theme = readdirSync(THEME_TEMPLATES);
  } catch {
    // no theme folder: every name is the site's
  }
  for (const d of templateDirs) {
    if (path.resolve(d) === path.resolve(THEME_TEMPLATES)) continue;
    let entries: string[] = [];
    try {
      entries = readdirSync(d);
    } catch {
      continue;
    }
    for (const f of entries.sort()) if (/^[a-z0-9][a-z0-9_-]*\.njk$/i.test(f) && !THEME_LAYOUTS[f] && !theme.includes(f)) names.add(f.replace(/\.njk$/, ''));
  }
  return [...names];
}

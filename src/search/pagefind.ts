import type { SiteConfig } from '../config/types.js';
import { warning, type Diagnostic } from '../errors/diagnostic.js';
import type { ArticleFull, SiteGraph } from '../model/types.js';
import { isoInZone } from '../validate/dates.js';
import { absolutePhotoUrl } from '../plan/feed-items.js';
import { escapeHtml } from '../parse/html-text.js';
import { importModule } from '../lazy-require.js';

/** Where the index and Pagefind's own scripts go, inside the output folder. */
export const SEARCH_FOLDER = 'pagefind';

export interface SearchIndex {
  files: { path: string; bytes: Uint8Array }[];
  diagnostics: Diagnostic[];
}


/**
 * The page Pagefind indexes for one article. It is made from the article's data, not from the
 * themed page, so the index holds the headline, byline, tags, section and body — never the
 * header, footer, cookie notice or "related stories" of a site's templates — and a site that
 * overrides article.njk keeps a working search.
 */
export function searchDocument(a: ArticleFull, config: SiteConfig, language: string, shownDate: (ms: number) => string, html = a.html): string {
  const named: [string, string][] = [...a.authors.map((x): [string, string] => ['author', x.name]), ...a.tags.map((x): [string, string] => ['tag', x.name]), ...(a.section ? [['section', a.section.name] as [string, string]] : [])];
  // Pagefind's search page shows a filter's value as HTML (its label is Svelte's {@html}), and
  // Pagefind reads a filter's text with its entities decoded twice (`&amp;lt;` is `<`): a tag,
  // section or byline such as `<img src=x onerror=…>` ran script on /search/ for every reader. Each
  // value is escaped three times, so that the index holds it escaped once and the label shows it
  // as written (tests/distribution/search.test.ts checks both); the names stay searchable as text,
  // in a paragraph that is no filter.
  const filters = named.map(([kind, name]) => `<span data-pagefind-filter="${kind}">${escapeHtml(escapeHtml(escapeHtml(name)))}</span>`);
  const image = a.image ? `<img data-pagefind-meta="image[src], image_alt[alt]" src="${escapeHtml(absolutePhotoUrl(config, a.image.src))}" alt="${escapeHtml(a.image.alt)}">` : '';
  return [
    `<!doctype html><html lang="${escapeHtml(language)}"><head><title>${escapeHtml(a.title)}</title></head><body>`,
    `<article data-pagefind-body data-pagefind-sort="date:${escapeHtml(a.date)}">`,
    // A word in the headline counts for more than one in the body.
    `<h1 data-pagefind-meta="title" data-pagefind-weight="7">${escapeHtml(a.title)}</h1>`,
    image,
    a.summary ? `<p>${escapeHtml(a.summary)}</p>` : '',
    html,
    // The lead photo's caption, as plain text (its Markdown's words): who and what it shows is searched for too.
    a.image?.caption ? `<p>${escapeHtml(a.image.caption)}</p>` : '',
    // Bylines, tags and section last: searchable, filterable, and not the start of every excerpt.
    `<p data-pagefind-meta="date:${escapeHtml(shownDate(a.dateMs))}">${named.map(([, name]) => escapeHtml(name)).join(' ')}</p>`,
    `<p data-pagefind-ignore>${filters.join(' ')}</p>`,
    '</article></body></html>',
  ].join('\n');
}

/** Pagefind wants an ISO 639-1 code: the primary subtag of the site's language. */
function indexLanguage(tag: string): string {
  return tag.toLowerCase().split(/[-_]/)[0] || 'en';
}

export interface SearchBundle {
  /** Its folder in the output: "pagefind" (with the search UI) or "pagefind/archive". */
  dir: string;
  articles: ArticleFull[];
}

// What only the page that shows the search needs; a bundle merged into the first one does without.
const UI_ONLY = /^pagefind-(ui|modular-ui|component-ui|highlight)\.(js|css)$/;
// The web-component UI (226 KB) is loaded by no page of ours: search.njk uses the default UI, and
// a site that writes its own search page has the modular UI and pagefind.js.
const UNUSED = /^pagefind-component-ui\.(js|css)$/;

/**
 * The bundles the index is split into. Pagefind cannot update an index, so an edit re-indexes a
 * whole bundle: articles of this year and last (where edits happen) are one bundle, and older
 * ones, when there are both, a second, merged into the first by the search page. Editing today's
 * story then re-indexes a year or two of articles rather than the whole archive.
 */
export function searchBundles(graph: SiteGraph, config: SiteConfig): SearchBundle[] {
  const cut = String(Number(isoInZone(graph.now, config.timeZone).slice(0, 4)) - 1).padStart(4, '0');
  const recent = graph.articles.filter((a) => a.date.slice(0, 4) >= cut);
  const older = graph.articles.filter((a) => a.date.slice(0, 4) < cut);
  if (recent.length === 0 || older.length === 0) return [{ dir: SEARCH_FOLDER, articles: graph.articles }];
  return [
    { dir: SEARCH_FOLDER, articles: recent },
    { dir: `${SEARCH_FOLDER}/archive`, articles: older },
  ];
}

/**
 * A Pagefind index of some published articles, in memory: the build writes its files into the
 * output like any page (before the output folder is swapped in), or keeps them in memory in a
 * memory build. Pagefind runs as its own binary from the npm package; if it cannot run here the
 * build goes on without search and says so.
 */
export async function buildSearchIndex(bundle: SearchBundle, config: SiteConfig, htmlOf = (a: ArticleFull) => a.html): Promise<SearchIndex> {
  // Pagefind's client prints its service's failures with a stack trace; an editor gets one warning.
  const printed: string[] = [];
  const consoleError = console.error;
  console.error = (...args: unknown[]) => void printed.push(args.map((a) => (a instanceof Error ? a.message : String(a))).join(' '));
  try {
    const result = await indexBundle(bundle, config, htmlOf);
    if (result.diagnostics.length && printed.length) result.diagnostics[0].message += ` (${printed[0].split('\n')[0]})`;
    return result;
  } finally {
    console.error = consoleError;
  }
}

async function indexBundle(bundle: SearchBundle, config: SiteConfig, htmlOf: (a: ArticleFull) => string): Promise<SearchIndex> {
  const language = indexLanguage(config.language);
  const dateFormat = new Intl.DateTimeFormat(config.locale, { ...config.dateFormat, timeZone: config.timeZone });
  const shownDate = (ms: number) => dateFormat.format(ms);
  const unavailable = (why: string): SearchIndex => ({
    files: [],
    diagnostics: [warning('SEARCH_UNAVAILABLE', `The search index was not built: ${why}`, { hint: 'Reinstall dependencies (`npm ci`) so that the `pagefind` package and its binary for this platform are present, or set `search: { enabled: false }` in the config.' })],
  });
  let pagefind: typeof import('pagefind');
  try {
    pagefind = await importModule<typeof import('pagefind')>('pagefind');
  } catch (e) {
    return unavailable(e instanceof Error ? e.message.split('\n')[0] : String(e));
  }
  try {
    const created = await pagefind.createIndex({ forceLanguage: language });
    if (!created.index) return unavailable(created.errors.join('; ') || 'Pagefind did not start.');
    const index = created.index;
    try {
      // Sent in batches: the service answers each file, and a burst of 10,000 waits in memory.
      const errors: string[] = [];
      for (let i = 0; i < bundle.articles.length; i += 200) {
        const batch = bundle.articles.slice(i, i + 200);
        const done = await Promise.all(batch.map((a) => index.addHTMLFile({ url: a.url, content: searchDocument(a, config, language, shownDate, htmlOf(a)) })));
        for (const d of done) errors.push(...d.errors);
      }
      const out = await index.getFiles();
      errors.push(...out.errors);
      if (errors.length) return unavailable(errors.slice(0, 3).join('; '));
      const withUi = bundle.dir === SEARCH_FOLDER;
      const files = out.files
        .map((f) => ({ name: f.path.split('\\').join('/'), bytes: f.content }))
        .filter((f) => !UNUSED.test(f.name) && (withUi || !UI_ONLY.test(f.name)))
        .map((f) => ({ path: `${bundle.dir}/${f.name}`, bytes: f.bytes }))
        .sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
      return { files, diagnostics: [] };
    } finally {
      await index.deleteIndex();
    }
  } catch (e) {
    return unavailable(e instanceof Error ? e.message.split('\n')[0] : String(e));
  }
}

import { uiText, withdrawnTitle } from '../config/strings.js';
import type { SiteConfig } from '../config/types.js';
import { error, type Diagnostic } from '../errors/diagnostic.js';
import { hrefFor, outputFor } from '../model/routes.js';
import type { SiteGraph, Term } from '../model/types.js';
import { planAliases } from './aliases.js';
import { originFile } from './origin.js';
import { planFeeds } from './feeds.js';
import { planNextChange } from './next-change.js';
import { paginate } from './paginate.js';
import { planRobots } from './robots.js';
import { planSearchPage } from './search.js';
import { planNewsSitemap, planSitemap } from './sitemaps.js';
import type { RenderJob } from './types.js';

/** How many articles each section block on the home page shows. */
const SECTION_BLOCK_SIZE = 4;

/** A plan step adds jobs for one kind of page; feeds, sitemaps and the like plug in the same way. */
export type Planner = (graph: SiteGraph, config: SiteConfig) => RenderJob[];

const summary = (t: Term) => ({ name: t.name, slug: t.slug, url: t.url, count: t.articles.length, description: t.description, bio: t.bio, link: t.link });

export const planArticles: Planner = (graph) =>
  graph.articles.map((a) => ({
    outputPath: a.outputPath,
    renderer: 'nunjucks',
    template: a.layout ? `${a.layout}.njk` : 'article.njk',
    context: { page: { kind: 'article', title: a.title, url: a.url, description: a.summary }, article: a },
    origin: a.source,
  }));

export const planPages: Planner = (graph) =>
  graph.pages.map((p) => ({
    outputPath: p.outputPath,
    renderer: 'nunjucks',
    template: p.layout ? `${p.layout}.njk` : 'page.njk',
    context: { page: { kind: 'page', title: p.title, url: p.url, description: p.summary }, entry: p },
    origin: p.source,
  }));

/**
 * A withdrawn story's address: the notice alone (front matter `withdrawn`). The context holds the
 * notice and the address, nothing of the story, so no template can show its headline or words.
 */
export const planWithdrawn: Planner = (graph, config) =>
  graph.withdrawn.map((w) => ({
    outputPath: w.outputPath,
    renderer: 'nunjucks',
    template: 'withdrawn.njk',
    context: {
      page: { kind: 'withdrawn', title: withdrawnTitle(config, w.kind), url: w.url },
      withdrawn: { notice: w.notice ?? uiText(config, w.kind === 'page' ? 'withdrawnPageNotice' : 'withdrawnNotice'), own: w.notice !== undefined, date: w.date, language: w.language, direction: w.direction },
    },
    origin: w.source,
  }));

export const planHome: Planner = (graph, config) => {
  const sectionBlocks = graph.sections.filter((s) => s.articles.length > 0).map((s) => ({ section: summary(s), articles: s.articles.slice(0, SECTION_BLOCK_SIZE) }));
  // A story the desk put first (`featured: true`; the newest of them) leads the home page whatever
  // its age or picture, above the newest stories, which then fill the page as before.
  const featured = graph.views.find((a) => a.featured);
  return paginate(graph.views, config.pageSize, '/', config.basePath).map((slice) => {
    const first = slice.pagination.page === 1;
    const items = featured && first ? [featured, ...slice.items.filter((a) => a !== featured)] : slice.items;
    // Else the lead is the newest story on the page that has a picture (the newest story when none has).
    const leadAt = !first ? -1 : featured ? 0 : Math.max(0, items.findIndex((a) => a.image));
    return {
      outputPath: slice.outputPath,
      renderer: 'nunjucks',
      template: 'home.njk',
      context: {
        page: { kind: 'home', title: first ? config.title : uiText(config, 'titleWithPage', { title: config.title, page: slice.pagination.page }), url: slice.url, description: config.description },
        lead: items[leadAt],
        items: first ? items.filter((_, i) => i !== leadAt) : items,
        sectionBlocks: first ? sectionBlocks : [],
        pagination: slice.pagination,
      },
      origin: 'the home page',
    };
  });
};

/**
 * The content file a term page is put on when its URL collides (`section: Tags` takes /tags/):
 * the newest article with the term, the likeliest to have brought it. Beside the jobs, not in
 * them: a job is plain data for the workers.
 */
const termSource = new WeakMap<RenderJob, string>();

function termPlanner(kind: 'tag' | 'author' | 'section', pick: (g: SiteGraph) => Term[]): Planner {
  return (graph, config) =>
    pick(graph)
      .filter((t) => t.articles.length > 0)
      .flatMap((t) => {
        const route = decodeURIComponent(t.url.slice(config.basePath.length - 1));
        return paginate(t.articles, config.pageSize, route, config.basePath).map((slice): RenderJob => ({
          outputPath: slice.outputPath,
          renderer: 'nunjucks',
          template: `${kind}.njk`,
          context: {
            page: { kind, title: slice.pagination.page === 1 ? t.name : uiText(config, 'titleWithPage', { title: t.name, page: slice.pagination.page }), url: slice.url, description: t.description ?? t.bio ?? '' },
            term: summary(t),
            items: slice.items,
            pagination: slice.pagination,
          },
          origin: `the ${kind} page for "${t.name}"`,
        })).map((job) => (termSource.set(job, t.articles[0].source), job));
      });
}

export const planTags = termPlanner('tag', (g) => g.tags);
export const planAuthors = termPlanner('author', (g) => g.authors);
export const planSections = termPlanner('section', (g) => g.sections);

/**
 * The tags and authors indexes in the order of the site's language, as a reader looks a name up:
 * Chinese by pinyin (zh) or by strokes (zh-Hant), "Éclair" beside "eclair", "G7" before "G20".
 * The graph keeps its own order (by slug) for everything else; equal names go by slug.
 */
function readersOrder<T extends { name: string; slug: string }>(terms: T[], locale: string): T[] {
  const collator = new Intl.Collator(locale, { numeric: true });
  return [...terms].sort((x, y) => collator.compare(x.name, y.name) || (x.slug < y.slug ? -1 : x.slug > y.slug ? 1 : 0));
}

export const planIndexes: Planner = (graph, config) => {
  const tagsRoute = config.permalinks.tag.split('{tag}')[0];
  const authorsRoute = config.permalinks.author.split('{author}')[0];
  const jobs: RenderJob[] = [];
  // The indexes exist even while empty, because every page's footer links to them.
  if (tagsRoute !== '/')
    jobs.push({ outputPath: outputFor(tagsRoute), renderer: 'nunjucks', template: 'tags.njk', context: { page: { kind: 'tags', title: uiText(config, 'tags'), url: hrefFor(config.basePath, tagsRoute) }, terms: readersOrder(graph.tags, config.locale).map(summary) }, origin: 'the tags index' });
  if (authorsRoute !== '/')
    jobs.push({ outputPath: outputFor(authorsRoute), renderer: 'nunjucks', template: 'authors.njk', context: { page: { kind: 'authors', title: uiText(config, 'authors'), url: hrefFor(config.basePath, authorsRoute) }, terms: readersOrder(graph.authors, config.locale).map(summary) }, origin: 'the authors index' });
  return jobs;
};

export const planArchives: Planner = (graph, config) => {
  const years = graph.years.map((y) => ({ yyyy: y.yyyy, url: y.url, count: y.articles.length, months: y.months.map((m) => ({ yyyy: m.yyyy, mm: m.mm, url: m.url, count: m.articles.length })) }));
  const jobs: RenderJob[] = [];
  jobs.push({ outputPath: 'archive/index.html', renderer: 'nunjucks', template: 'archive.njk', context: { page: { kind: 'archive', title: uiText(config, 'archive'), url: hrefFor(config.basePath, '/archive/') }, years }, origin: 'the archive index' });
  graph.years.forEach((y, i) => {
    jobs.push({ outputPath: y.outputPath, renderer: 'nunjucks', template: 'archive-year.njk', context: { page: { kind: 'archive-year', title: uiText(config, 'archiveOf', { period: y.yyyy }), url: y.url }, year: years[i], items: [] }, origin: `the archive page for ${y.yyyy}` });
    for (const m of y.months) {
      jobs.push({ outputPath: m.outputPath, renderer: 'nunjucks', template: 'archive-month.njk', context: { page: { kind: 'archive-month', title: uiText(config, 'archiveOf', { period: `${m.yyyy}-${m.mm}` }), url: m.url }, month: { yyyy: m.yyyy, mm: m.mm, url: m.url, count: m.articles.length }, year: { yyyy: y.yyyy, url: y.url }, items: m.articles }, origin: `the archive page for ${m.yyyy}-${m.mm}` });
    }
  });
  return jobs;
};

export const planNotFound: Planner = (_graph, config) => [
  { outputPath: '404.html', renderer: 'nunjucks', template: '404.njk', context: { page: { kind: '404', title: uiText(config, 'notFound'), url: hrefFor(config.basePath, '/404.html') } }, origin: 'the 404 page' },
];

// planAliases runs after every page planner: a real page keeps its path, a colliding alias is reported.
export const DEFAULT_PLANNERS: Planner[] = [
  planArticles, planPages, planWithdrawn, planHome, planTags, planAuthors, planSections, planIndexes, planArchives, planNotFound,
  // Distribution: feeds, sitemaps, robots.txt, the search page, next-change.json.
  planFeeds, planSitemap, planNewsSitemap, planRobots, planSearchPage, planNextChange,
  planAliases,
];

/** Two article pages of one story: the same headline at the same time (a file saved twice), where another slug would publish it twice. */
function sameStory(a: RenderJob, b: RenderJob): boolean {
  type Ctx = { page?: { kind?: string }; article?: { title: string; dateMs: number } };
  const [cx, cy] = [a.context as Ctx, b.context as Ctx];
  const [x, y] = [cx.article, cy.article];
  return !!x && !!y && cx.page?.kind === 'article' && cy.page?.kind === 'article' && x.dateMs === y.dateMs && x.title.trim().toLowerCase() === y.title.trim().toLowerCase();
}

/**
 * Every page of the site, in a stable order. Two jobs writing the same file is an error that names
 * both origins; so is a layout name that could leave the templates folder.
 */
export function plan(graph: SiteGraph, config: SiteConfig, planners: Planner[] = DEFAULT_PLANNERS): { jobs: RenderJob[]; diagnostics: Diagnostic[] } {
  const ds: Diagnostic[] = [];
  const owner = new Map<string, RenderJob>();
  const jobs: RenderJob[] = [];
  for (const planner of planners) {
    for (const job of planner(graph, config)) {
      if (job.template && !/^[a-z0-9][a-z0-9_-]*\.njk$/i.test(job.template)) {
        // `layout: photo-essay.njk`, `layout: templates/photo-essay`: the name meant is plain to see.
        const meant = job.template.replace(/\\/g, '/').split('/').pop()!.replace(/(\.njk)+$/i, '');
        const hint = /^[a-z0-9][a-z0-9_-]*$/i.test(meant) ? `Write \`layout: ${meant}\`: a layout is named without its folder or ".njk", and is a template at the top of templates/ (templates/${meant}.njk).` : 'Use the name of a template in templates/ without ".njk", e.g. `layout: feature`.';
        ds.push(error('BAD_LAYOUT', `The layout "${job.template.replace(/\.njk$/, '')}" is not a template name.`, { file: job.origin, hint }));
        continue;
      }
      const key = job.outputPath.normalize('NFC').toLowerCase();
      const first = owner.get(key);
      if (first) {
        ds.push(
          error('URL_COLLISION', `${first.origin} and ${job.origin} would both be written to /${job.outputPath.replace(/index\.html$/, '')}.`, {
            file: originFile(job.origin) ?? originFile(first.origin) ?? termSource.get(job) ?? termSource.get(first),
            hint: job.conflictHint ?? first.conflictHint ?? (sameStory(first, job) ? `They are one story, with the same headline and time: the same story saved twice (brought from two old sites, or a copy): delete one of the files. If they are two stories, give one of them another \`slug\`.` : 'Give one of them another `slug` (or rename the tag, author or section) so that each page has its own URL.'),
          }),
        );
        continue;
      }
      owner.set(key, job);
      jobs.push(job);
    }
  }
  return { jobs, diagnostics: ds };
}

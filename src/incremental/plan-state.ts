import { deserialize, serialize } from 'node:v8';
import { entryHash, planStateSteps, readPlanState, runSteps, type ApartValues, type CachedParse } from '../cache/build-cache.js';
import type { Diagnostic } from '../errors/diagnostic.js';
import { fullOf } from '../model/full.js';
import type { ArticleFull, ArticleView, SiteGraph, StandalonePage } from '../model/types.js';
import type { Article } from '../parse/source.js';
import type { FingerprintInputs } from '../plan/fingerprint.js';
import type { NextChange } from '../plan/next-change.js';
import { createEncoder, decodeContext, decodeViews, type Encoder, type Table } from '../plan/encode.js';
import type { RenderJob } from '../plan/types.js';
import type { RenderSetup } from '../workers/render-tasks.js';

/**
 * A plan's jobs by index: the plan itself in a session, or, resumed from the cache, each job read
 * only when asked for (an edit renders a few of ten thousand).
 */
export interface JobList {
  readonly length: number;
  at(i: number): RenderJob | undefined;
}

/**
 * The last successful build's graph and plan, as the body-edit fast path needs them: kept in
 * memory by a watch session, and written to the cache (the plan state) for the next process.
 */
export interface LastBuild {
  /**
   * Resumed from the cache, its views, articles and lists are read, all of them, the first time
   * one of those fields is asked for: an edit asks `views` and `bodies` for the few it needs.
   */
  graph: SiteGraph;
  /** The graph's views by number. */
  views: Table<ArticleView>;
  jobs: JobList;
  /** The graph's articles then pages: what `{__body: k}` refers to. */
  bodies: Table<ArticleFull | StandalonePage>;
  /** When moving the graph's clock next changes the site (body-edit.ts: nextMove). */
  nextMove: number;
  /** What the build says of the site's next change by itself (plan/next-change.ts: nextChange), made from the whole graph. */
  nextChange?: NextChange;
  /** Reads every part of a resumed plan state that is not read yet; throws when one is damaged. */
  whole?: () => void;
  bodyAt: Map<string, number>;
  /** Body index → the jobs that carry it. */
  dependents: Pick<ReadonlyMap<number, readonly number[]>, 'get'>;
  /** Source path → hash of its text. */
  hashOf: Map<string, string>;
  globals: FingerprintInputs['globals'];
  setup: RenderSetup;
  diagnostics: Diagnostic[];
  /**
   * How many of `diagnostics`, from the first, discovery made (a symlink skipped): a later build
   * that discovers nothing to say cannot repeat them, and takes the full path.
   */
  discovered?: number;
  copies?: Map<string, string>;
  /** Every content file of that build, in order: a file added or deleted since needs the full path. */
  sources: string[];
  /** The hash of each of those files when it was built ('' for one that had errors). */
  hashes: string[];
  /**
   * Whether that build held a story back (scheduled, a draft, expired): then an edit that changes a
   * body's links to the site's pages takes the full path, which says a link to one (check/held-links.ts).
   */
  holdsBack?: boolean;
}

/** What a content file parsed to, as far as resuming a plan needs to know. */
export type ParsedFile = CachedParse;

/**
 * Writes a build's graph and plan for a later process. The state read first holds what every edit
 * reads: the sources and their hashes, the setup, which jobs carry each body, the graph's clock and
 * its standalone pages (their views as their numbers: plan/encode.ts, Encoder.value). Apart from
 * it, each read only when asked for: the listing pages' lists, the views in groups, the articles in
 * groups (without their bodies, which the cache's segments hold, or the fields their views have),
 * and the jobs (jobValues). Read whole, the graph was half of the 25 MB file at 10,000 articles,
 * and most of what a one-article edit read and the collector copied.
 */
export function persistPlanState(cacheDir: string, state: LastBuild, id: string): void {
  runSteps(persistPlanStateSteps(cacheDir, state, id));
}

/**
 * persistPlanState a step at a time (cache/build-cache.ts: planStateSteps), for a build whose
 * workers render meanwhile. `sent`: the jobs as the build encoded them to send them (sentJobValues),
 * each group written as soon as it has gone, not encoded again here; the state's `dependents` are
 * then read only after the last job.
 */
export function* persistPlanStateSteps(cacheDir: string, state: LastBuild, id: string, sent?: SentJobs): Generator<Promise<void> | undefined, void, void> {
  const { graph } = state;
  // The state's own tables: the build's, whose index of objects by number is made once.
  const encode = createEncoder(state.views, state.bodies);
  const views = groupValues(graph.views.length, VIEWS_A_VALUE, (i) => graph.views[i]);
  const articles = groupValues(graph.articles.length, ARTICLES_A_VALUE, (k) => storedArticle(graph.articles[k], graph.views[k], state.views));
  const jobs: ApartValues = sent ?? jobValues(state, encode);
  if (jobs.count !== Math.ceil(state.jobs.length / JOBS_A_VALUE)) throw new Error('the jobs sent are not the plan\'s');
  const bodySources = Array.from({ length: state.bodies.length }, (_, k) => state.bodies.at(k).source);
  // As two arrays of numbers, which V8 reads back as they are: a Map of ten thousand lists took
  // 10-40 ms to read. The last value apart: which bodies a job carries is known once it is encoded.
  const dependents = () => {
    const ends = new Uint32Array(state.bodies.length + 1);
    const carried: number[] = [];
    for (let k = 0; k < state.bodies.length; k++) {
      for (const j of state.dependents.get(k) ?? []) carried.push(j);
      ends[k + 1] = carried.length;
    }
    return serialize({ ends, jobs: Uint32Array.from(carried) });
  };
  const stored: StoredState = {
    layout: { views: graph.views.length, articles: graph.articles.length, jobs: state.jobs.length, viewGroups: views.count, articleGroups: articles.count },
    graph: { now: graph.now, upcoming: graph.upcoming, preview: graph.preview, withdrawn: graph.withdrawn, pages: (encode.value(graph.pages) as object[]).map((page) => Object.assign(page, { html: '', headings: [] })) },
    bodySources,
    globals: state.globals,
    setup: state.setup,
    diagnostics: state.diagnostics,
    discovered: state.discovered,
    copies: state.copies,
    sources: state.sources,
    hashes: state.hashes,
    holdsBack: state.holdsBack,
    nextMove: state.nextMove,
    nextChange: state.nextChange,
  };
  // The lists of the tag, author, section and archive pages (a hundred thousand references at
  // 10,000 articles): first of the values apart.
  const lists = () => serialize(encode.value({ tags: graph.tags, authors: graph.authors, sections: graph.sections, years: graph.years }, true));
  const jobsAt = 1 + views.count + articles.count;
  yield* planStateSteps(cacheDir, id, stored, {
    count: jobsAt + jobs.count + 1,
    bytesOf: (i) => (i === 0 ? lists() : i <= views.count ? views.bytesOf(i - 1) : i < jobsAt ? articles.bytesOf(i - 1 - views.count) : i < jobsAt + jobs.count ? jobs.bytesOf(i - jobsAt) : dependents()),
    ready: (i) => (i >= jobsAt && i < jobsAt + jobs.count ? jobs.ready?.(i - jobsAt) : undefined),
  });
}

/**
 * What the plan state's graph stream holds (persistPlanState). The values apart, in order: the
 * lists, the views' groups, the articles' groups, the jobs' groups, and the dependents (StoredDependents).
 */
interface StoredState extends Omit<LastBuild, 'graph' | 'views' | 'bodies' | 'jobs' | 'hashOf' | 'whole' | 'bodyAt' | 'dependents'> {
  layout: { views: number; articles: number; jobs: number; viewGroups: number; articleGroups: number };
  graph: Pick<SiteGraph, 'now' | 'upcoming' | 'preview' | 'withdrawn'> & { pages: unknown };
  /** Each body's source, by its number. */
  bodySources: string[];
}

/** The jobs that carry body k: `jobs` from `ends[k]` to `ends[k + 1]`. */
interface StoredDependents {
  ends: Uint32Array;
  jobs: Uint32Array;
}

/** How many groups (of views, articles or jobs) plan states have read in this thread: for the tests. */
export const planGroupsRead = { count: 0 };

const VIEWS_A_VALUE = 16;
const ARTICLES_A_VALUE = 32;

/** `count` items in groups of `per`, each group serialized on its own as it is asked for. */
function groupValues(count: number, per: number, item: (i: number) => unknown): ApartValues {
  return {
    count: Math.ceil(count / per),
    bytesOf: (g) => {
      const group: unknown[] = [];
      for (let i = g * per; i < Math.min(count, (g + 1) * per); i++) group.push(item(i));
      return serialize(group);
    },
  };
}

/**
 * An article as the plan state keeps it: the fields its view does not have (the view's would be
 * written again), without its body (the segments hold it); the views it shows (related stories,
 * the section's previous and next) as their numbers. A copy through the encoder took twice as long.
 */
function storedArticle(article: ArticleFull, view: ArticleView, views: Table): StoredArticle {
  const own: Record<string, unknown> = {};
  const a = article as unknown as Record<string, unknown>;
  const v = view as unknown as Record<string, unknown>;
  for (const key in a) if (!(key in v) || v[key] !== a[key]) own[key] = a[key];
  const numberOf = (x: ArticleView) => {
    const i = views.indexOf(x);
    if (i === undefined) throw new Error(`${article.source} shows a story that is not in the graph`);
    return i;
  };
  return Object.assign(own, {
    html: '',
    headings: [],
    related: Uint32Array.from(article.related ?? [], numberOf),
    previous: article.previous && numberOf(article.previous),
    next: article.next && numberOf(article.next),
  });
}

type StoredArticle = Record<string, unknown> & { related: Uint32Array; previous?: number; next?: number };

/** An article from storedArticle and its view: the object the model makes (model/full.ts), with its hidden class. */
function articleOf(stored: StoredArticle, view: ArticleView, viewOf: (i: number) => ArticleView): ArticleFull {
  const full = fullOf(view, { html: '', headings: [] }) as unknown as Record<string, unknown>;
  for (const key of Object.keys(stored)) full[key] = stored[key];
  full.related = Array.from(stored.related, viewOf);
  full.previous = stored.previous === undefined ? undefined : viewOf(stored.previous);
  full.next = stored.next === undefined ? undefined : viewOf(stored.next);
  return full as unknown as ArticleFull;
}

/**
 * A plan state's items of one kind, `per` to a group (groupValues), each group read the first time
 * one of its items is asked for, and each item made (`finish`) the first time it is: an article
 * decoded brings the views it shows, and a whole group of them brought most of the views.
 */
function storedTable<T extends object>(count: number, per: number, group: (g: number) => unknown, finish: (item: T, i: number) => T = (item) => item): Table<T> {
  const items: (T | undefined)[] = new Array(count);
  const groups = new Map<number, T[]>();
  const index = new Map<object, number>();
  return {
    length: count,
    at(i) {
      let item = items[i];
      if (item !== undefined || !(i >= 0 && i < count)) return item as T;
      const g = Math.floor(i / per);
      let read = groups.get(g);
      if (!read) {
        planGroupsRead.count++;
        const value = group(g);
        if (!Array.isArray(value) || value.length !== Math.min(per, count - g * per)) throw new Error('a group of the plan state is not as many as it says');
        groups.set(g, (read = value as T[]));
      }
      item = finish(read[i - g * per], i);
      items[i] = item;
      index.set(item, i);
      return item;
    },
    indexOf: (item) => index.get(item),
  };
}

/**
 * The jobs with their contexts encoded as for a worker (plan/encode.ts: the views and bodies they
 * refer to as their numbers), serialized a group of JOBS_A_VALUE at a time, each group by a
 * serializer of its own, as the file is written. Read whole with the graph, the jobs were a third
 * of the time a one-article edit at 10,000 articles took to read the plan state, and of the
 * garbage it made; the edit needs the few that carry its body. Serialized one by one through one
 * serializer (which must then check that no value refers to an object written before), the
 * 11,514 jobs of 10,000 articles took the main thread 240 ms while the workers render; in groups
 * of 16, each by a new serializer, 154 ms with their encoding.
 */
export function jobValues(state: Pick<LastBuild, 'graph' | 'jobs'>, encode: Encoder = createEncoder(state.graph.views, [...state.graph.articles, ...state.graph.pages])): ApartValues {
  const n = state.jobs.length;
  return {
    count: Math.ceil(n / JOBS_A_VALUE),
    bytesOf: (g) => {
      const group: RenderJob[] = [];
      for (let i = g * JOBS_A_VALUE; i < Math.min(n, (g + 1) * JOBS_A_VALUE); i++) group.push(encode.context(state.jobs.at(i)!));
      return serialize(group);
    },
  };
}

const JOBS_A_VALUE = 16;

/** The jobs' values of a plan state, made from the jobs as a build sends them to its workers. */
export interface SentJobs extends ApartValues {
  /**
   * Job i as it was sent (plan/encode.ts: its context encoded, with the bodies it carries beside
   * it, which the state leaves as references). A group is serialized once all its jobs are in.
   */
  add(i: number, job: RenderJob & { bodies?: unknown }): void;
  /** No more jobs come (the render stopped): a group still waited for never will be. */
  abandon(): void;
}

/**
 * jobValues for a build that encodes every job once, to send it: the state keeps what went, and
 * does not encode the jobs again (at 100,000 articles that second encoding took the main thread
 * about 2 s while the workers render). Each group's bytes are held until the state writes them.
 */
export function sentJobValues(n: number): SentJobs {
  const count = Math.ceil(n / JOBS_A_VALUE);
  const groups = new Map<number, { jobs: RenderJob[]; added: number }>();
  const made: (Uint8Array | undefined)[] = new Array(count);
  const written = new Uint8Array(count);
  const waiting = new Map<number, { resolve(): void; reject(e: Error): void; promise: Promise<void> }>();
  let abandoned = false;
  return {
    count,
    add(i, job) {
      const g = Math.floor(i / JOBS_A_VALUE);
      let group = groups.get(g);
      if (!group) groups.set(g, (group = { jobs: new Array(Math.min(JOBS_A_VALUE, n - g * JOBS_A_VALUE)), added: 0 }));
      const { bodies: _bodies, ...stored } = job;
      if (group.jobs[i - g * JOBS_A_VALUE] === undefined) group.added++;
      group.jobs[i - g * JOBS_A_VALUE] = stored;
      if (group.added < group.jobs.length) return;
      groups.delete(g);
      made[g] = serialize(group.jobs);
      waiting.get(g)?.resolve();
      waiting.delete(g);
    },
    ready(g) {
      if (made[g] !== undefined || written[g]) return undefined;
      if (abandoned) return Promise.reject(new Error('the render stopped before every page was sent'));
      let w = waiting.get(g);
      if (!w) {
        let resolve!: () => void;
        let reject!: (e: Error) => void;
        const promise = new Promise<void>((y, n) => {
          resolve = y;
          reject = n;
        });
        waiting.set(g, (w = { resolve, reject, promise }));
      }
      return w.promise;
    },
    bytesOf(g) {
      const bytes = made[g];
      if (bytes === undefined) throw new Error(`the jobs of group ${g} have not been sent`);
      // Written once: the file holds them now.
      made[g] = undefined;
      written[g] = 1;
      return bytes;
    },
    abandon() {
      abandoned = true;
      groups.clear();
      for (const w of waiting.values()) w.reject(new Error('the render stopped before every page was sent'));
      waiting.clear();
    },
  };
}

/** The `count` jobs of a plan state, each decoded the first time it is asked for, against the state's own views and bodies. */
export function storedJobs(stored: ApartValues, count: number, views: Pick<Table, 'at'>, bodies: Pick<Table, 'at'>, first = 0): JobList {
  if (stored.count - first !== Math.ceil(count / JOBS_A_VALUE)) throw new Error('the plan state\'s jobs are not as many as it says');
  const viewOf = (i: number) => views.at(i);
  const bodyOf = (k: number) => bodies.at(k);
  return storedTable<RenderJob>(count, JOBS_A_VALUE, (g) => deserialize(stored.bytesOf(first + g)), (job) => {
    job.context = decodeContext(job.context, viewOf, bodyOf);
    return job;
  });
}

/**
 * The plan state named `id`, when it was made from exactly these content files as the cache's index
 * holds them now (`current`, with the body-only edits since it was written in `delta`: source →
 * hash) and these hashed assets. Its bodies come from the cache's segments as they are needed.
 * Undefined when anything else differs: then the build takes the full path.
 */
export function resumePlanState(cacheDir: string, id: string | undefined, o: { sources: string[]; assets: Record<string, string>; delta: Map<string, string>; current: (source: string) => ParsedFile | undefined; changed: ReadonlySet<string> }): LastBuild | undefined {
  const read = readPlanState(cacheDir, id);
  if (!read) return undefined;
  const { layout, graph: g, bodySources, ...stored } = read.state as StoredState;
  if (JSON.stringify(stored.globals.assets) !== JSON.stringify(o.assets) || stored.sources.join('\n') !== o.sources.join('\n')) return undefined;
  // The plan's diagnostics are said again as they were: not when a file they are about has been
  // edited since (now or by an earlier body edit), whose warnings may be gone. A file with a
  // warning that was not touched has the same warning still (a long headline in the archive).
  const touched = (source: string) => o.changed.has(source) || o.delta.has(source);
  if (stored.diagnostics.some((d) => d.file !== undefined && touched(d.file))) return undefined;
  // The index must hold exactly what the plan was made from (a failed watch build can leave a
  // newer parse in the index than in the plan): then the changes are the files parsed now.
  // By the entries' hashes: the cache's index decodes an article only when it is asked for.
  for (let i = 0; i < o.sources.length; i++) {
    const p = o.current(o.sources[i]);
    const hash = p && entryHash(p);
    if (hash === undefined || (p!.diagnostics.length > 0 && touched(o.sources[i])) || hash !== (o.delta.get(o.sources[i]) ?? stored.hashes[i])) return undefined;
  }
  const hashOf = new Map<string, string>();
  for (const source of bodySources) {
    const p = o.current(source);
    const hash = p && entryHash(p);
    if (hash === undefined) return undefined;
    hashOf.set(source, hash);
  }
  const apart = read.apart;
  const articlesAt = 1 + layout.viewGroups;
  const views = storedTable<ArticleView>(layout.views, VIEWS_A_VALUE, (i) => deserialize(apart.bytesOf(1 + i)));
  const viewOf = (i: number): ArticleView => views.at(i);
  const articles = storedTable<ArticleFull>(layout.articles, ARTICLES_A_VALUE, (i) => deserialize(apart.bytesOf(articlesAt + i)), (stored, k) => articleOf(stored as unknown as StoredArticle, views.at(k), viewOf));
  let pages: StandalonePage[];
  try {
    pages = decodeViews(g.pages, viewOf) as StandalonePage[];
  } catch {
    return undefined;
  }
  const pageAt = new Map<object, number>(pages.map((page, p) => [page, layout.articles + p]));
  const bodies: Table<ArticleFull | StandalonePage> = {
    length: layout.articles + pages.length,
    at: (k) => (k < layout.articles ? articles.at(k) : pages[k - layout.articles]),
    indexOf: (item) => articles.indexOf(item) ?? pageAt.get(item),
  };
  let jobs: JobList;
  let deps: StoredDependents;
  try {
    const jobsAt = articlesAt + layout.articleGroups;
    jobs = storedJobs({ count: apart.count - 1, bytesOf: apart.bytesOf }, layout.jobs, views, bodies, jobsAt);
    deps = deserialize(apart.bytesOf(apart.count - 1)) as StoredDependents;
    if (!(deps.ends instanceof Uint32Array) || deps.ends.length !== bodySources.length + 1 || !(deps.jobs instanceof Uint32Array)) return undefined;
  } catch {
    return undefined;
  }
  const every = <T extends object>(table: Table<T>): T[] => Array.from({ length: table.length }, (_, i) => table.at(i));
  let lists: Pick<SiteGraph, 'tags' | 'authors' | 'sections' | 'years'> | undefined;
  const listsOf = () => (lists ??= decodeViews(deserialize(apart.bytesOf(0)), viewOf) as Pick<SiteGraph, 'tags' | 'authors' | 'sections' | 'years'>);
  // In the order of a graph the model makes (model/graph.ts).
  const graph = {} as SiteGraph;
  const later = (key: keyof SiteGraph, make: () => unknown) => {
    const own = (value: unknown) => Object.defineProperty(graph, key, { value, writable: true, enumerable: true, configurable: true });
    Object.defineProperty(graph, key, { get: () => (own(make()), graph[key]), set: own, enumerable: true, configurable: true });
  };
  later('articles', () => every(articles));
  later('views', () => every(views));
  graph.pages = pages;
  graph.withdrawn = g.withdrawn;
  later('tags', () => listsOf().tags);
  later('authors', () => listsOf().authors);
  later('sections', () => listsOf().sections);
  later('years', () => listsOf().years);
  graph.now = g.now;
  graph.upcoming = g.upcoming;
  if (g.preview !== undefined) graph.preview = g.preview;
  return {
    ...stored,
    graph,
    views,
    bodies,
    bodyAt: new Map(bodySources.map((source, k) => [source, k])),
    dependents: { get: (k) => (k >= 0 && k < bodySources.length && deps.ends[k] < deps.ends[k + 1] ? Array.from(deps.jobs.subarray(deps.ends[k], deps.ends[k + 1])) : undefined) },
    jobs,
    hashOf,
    whole: () => {
      every(articles);
      listsOf();
    },
  };
}

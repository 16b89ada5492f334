import { deserialize, serialize } from 'node:v8';
import { entryHash, readPlanState, writePlanState, type ApartValues, type CachedParse } from '../cache/build-cache.js';
import type { Diagnostic } from '../errors/diagnostic.js';
import { restoreViewFields, stripViewFields } from '../model/full.js';
import type { ArticleFull, SiteGraph, StandalonePage } from '../model/types.js';
import type { Article } from '../parse/source.js';
import type { FingerprintInputs } from '../plan/fingerprint.js';
import { createEncoder, decodeContext } from '../plan/encode.js';
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
  graph: SiteGraph;
  jobs: JobList;
  /** The graph's articles then pages: what `{__body: k}` refers to. */
  bodies: (ArticleFull | StandalonePage)[];
  bodyAt: Map<string, number>;
  /** Body index → the jobs that carry it. */
  dependents: Map<number, number[]>;
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
 * Writes a build's graph and plan for a later process: the graph, then the jobs apart (jobValues).
 * Left out of the graph, and put back once it is written: the bodies (the cache's segments hold
 * them) and the articles' copies of their view fields (the serializer writes a string again for
 * each object that holds it; `resumePlanState` restores them).
 */
export function persistPlanState(cacheDir: string, state: LastBuild, id: string): void {
  const jobs = jobValues(state);
  const kept = state.bodies.map((b) => [b.html, b.headings] as const);
  for (const b of state.bodies) {
    b.html = '';
    b.headings = [];
  }
  stripViewFields(state.graph.articles, state.graph.views);
  let restored = false;
  // Before the jobs are encoded: a body or view deeper in a context than the encoder names one is
  // copied into the job whole, and must be whole.
  const restore = () => {
    if (restored) return;
    restored = true;
    restoreViewFields(state.graph.articles, state.graph.views);
    state.bodies.forEach((b, k) => {
      b.html = kept[k][0];
      b.headings = kept[k][1];
    });
  };
  try {
    writePlanState(cacheDir, id, { ...state, hashOf: undefined, jobs: undefined, jobCount: state.jobs.length }, [state.graph.views, state.graph.articles], jobs, restore);
  } finally {
    restore();
  }
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
export function jobValues(state: Pick<LastBuild, 'graph' | 'bodies' | 'jobs'>): ApartValues {
  const encode = createEncoder(state.graph.views, state.bodies);
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

/** The `count` jobs of a plan state, each decoded the first time it is asked for, against the state's own views and bodies. */
export function storedJobs(stored: ApartValues, count: number, views: readonly object[], bodies: readonly object[]): JobList {
  const read = new Map<number, RenderJob>();
  if (stored.count !== Math.ceil(count / JOBS_A_VALUE)) throw new Error('the plan state\'s jobs are not as many as it says');
  // The group read last: the pages an edit renders are often neighbours in the plan.
  let last: { g: number; jobs: RenderJob[] } | undefined;
  return {
    length: count,
    at(i) {
      if (!(i >= 0 && i < count)) return undefined;
      let job = read.get(i);
      if (!job) {
        const g = Math.floor(i / JOBS_A_VALUE);
        if (last?.g !== g) last = { g, jobs: deserialize(stored.bytesOf(g)) as RenderJob[] };
        job = last.jobs[i - g * JOBS_A_VALUE];
        job.context = decodeContext(job.context, views, (k) => bodies[k]);
        read.set(i, job);
      }
      return job;
    },
  };
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
  const { jobCount, ...stored } = read.state as Omit<LastBuild, 'jobs'> & { jobCount: number };
  let state: LastBuild;
  try {
    state = { ...stored, jobs: storedJobs(read.apart, jobCount, stored.graph.views, stored.bodies) };
  } catch {
    return undefined;
  }
  if (JSON.stringify(state.globals.assets) !== JSON.stringify(o.assets) || state.sources.join('\n') !== o.sources.join('\n')) return undefined;
  // The plan's diagnostics are said again as they were: not when a file they are about has been
  // edited since (now or by an earlier body edit), whose warnings may be gone. A file with a
  // warning that was not touched has the same warning still (a long headline in the archive).
  const touched = (source: string) => o.changed.has(source) || o.delta.has(source);
  if (state.diagnostics.some((d) => d.file !== undefined && touched(d.file))) return undefined;
  restoreViewFields(state.graph.articles, state.graph.views);
  // The index must hold exactly what the plan was made from (a failed watch build can leave a
  // newer parse in the index than in the plan): then the changes are the files parsed now.
  // By the entries' hashes: the cache's index decodes an article only when it is asked for.
  for (let i = 0; i < o.sources.length; i++) {
    const p = o.current(o.sources[i]);
    const hash = p && entryHash(p);
    if (hash === undefined || (p!.diagnostics.length > 0 && touched(o.sources[i])) || hash !== (o.delta.get(o.sources[i]) ?? state.hashes[i])) return undefined;
  }
  const hashOf = new Map<string, string>();
  for (const b of state.bodies) {
    const p = o.current(b.source);
    const hash = p && entryHash(p);
    if (hash === undefined) return undefined;
    hashOf.set(b.source, hash);
  }
  return { ...state, hashOf };
}

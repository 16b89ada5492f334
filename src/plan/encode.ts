import { fullOf } from '../model/full.js';
import type { ArticleView } from '../model/types.js';
import type { RenderJob } from './types.js';

/**
 * Job contexts refer to the same graph objects again and again. Sent to a worker as they are,
 * every reference is copied: at 10,000 articles that was 200 MB of cloning. Encoded:
 * - an article view (listings, related blocks, neighbours) becomes `{__view: i}`, and each worker
 *   gets the table of views once per build;
 * - a body (an article or standalone page with its HTML: the article page, a feed) becomes
 *   `{__body: k}`, and the job carries each body it uses once, in `bodies`; an article's body
 *   names its own view (`__viewOf`) and carries only the fields the view does not have;
 * - an object of the site's own data with a key starting `__` (an editor's `box: {__view: 3}`, or
 *   `__proto__`) becomes `{__entries: [[key, value], …]}`, never read as a reference.
 * The references are also what a page depends on: fingerprints hash a view or a body once per
 * build, and a body edit finds the pages to render again by `bodyRefs`.
 */
export interface EncodedJob {
  job: RenderJob & { bodies?: [number, unknown][] };
  /** Indices of the views the context refers to, the bodies' own references included. */
  refs: number[];
  /** Indices of the bodies the context carries. */
  bodyRefs: number[];
}

const MAX_DEPTH = 8;
/** How many encoded bodies an encoder keeps: far more than a feed carries (50 by default). */
const BODIES_KEPT = 1024;

/**
 * A graph's views or bodies by number: an array's (`tableOf`), or a resumed plan state's, whose
 * items are read when first asked for (incremental/plan-state.ts). `indexOf` knows every item
 * `at` has given.
 */
export interface Table<T extends object = object> {
  readonly length: number;
  at(i: number): T;
  indexOf(item: object): number | undefined;
}

export function tableOf<T extends object>(list: readonly T[]): Table<T> {
  let index: Map<object, number> | undefined;
  return {
    length: list.length,
    at: (i) => list[i],
    indexOf: (item) => (index ??= new Map(list.map((x, i) => [x, i]))).get(item),
  };
}

const asTable = <T extends object>(x: readonly T[] | Table<T>): Table<T> => (Array.isArray(x) ? tableOf(x as readonly T[]) : (x as Table<T>));

export interface Encoder {
  (job: RenderJob): EncodedJob;
  /** A body's encoded fields and the views it refers to (encoded once per encoder, until `forget`). */
  body(k: number): { value: Record<string, unknown>; refs: number[] };
  /** Drops the bodies encoded so far: every job that needs them is encoded. */
  forget(): void;
  /** The job with its context encoded, its bodies left as references (`{__body: k}`): for the plan state. */
  context(job: RenderJob): RenderJob;
  /**
   * Any value with its views encoded (`{__view: i}`), bodies in it copied: for the plan state's
   * graph. `lists`: a list of views as one array of their numbers (`{__views: Uint32Array}`),
   * which the serializer writes as bytes: the listing pages' lists are a hundred thousand views.
   */
  value(v: unknown, lists?: boolean): unknown;
}

export function createEncoder(viewList: readonly object[] | Table, bodyList: readonly object[] | Table = []): Encoder {
  const views = asTable(viewList);
  const bodies = asTable(bodyList);
  // The bodies encoded last, for the jobs that carry the same ones (feeds carry the newest
  // stories, which their pages carried just before). Kept for every body until `forget`, they were
  // 150 MB of the main thread's heap at 100,000 articles, garbage by the end of the render.
  const bodyCache = new Map<number, { value: Record<string, unknown>; refs: number[] }>();
  const enc = (value: unknown, refs: number[], bodyRefs: number[] | undefined, depth: number, lists = false): unknown => {
    if (value === null || typeof value !== 'object') return value;
    const i = views.indexOf(value);
    if (i !== undefined) {
      refs.push(i);
      return { __view: i };
    }
    const k = bodyRefs ? bodies.indexOf(value) : undefined;
    if (k !== undefined) {
      if (!bodyRefs!.includes(k)) bodyRefs!.push(k);
      return { __body: k };
    }
    if (depth > MAX_DEPTH) {
      // Sent as it is, but never taken for a reference: the decoder reads one level deeper.
      if (!Array.isArray(value) && Object.keys(value).some((key) => key.startsWith('__'))) return { __entries: Object.entries(value) };
      return value;
    }
    if (Array.isArray(value)) {
      const numbers = lists && value.length > 0 ? viewNumbers(value) : undefined;
      if (numbers) return { __views: numbers };
      return value.map((v) => enc(v, refs, bodyRefs, depth + 1, lists));
    }
    const entries = Object.entries(value);
    // As a list of entries, which neither the decoder nor a fingerprint takes for a reference,
    // and whose `__proto__` stays a key (assigned, it would set the copy's prototype).
    if (entries.some(([key]) => key.startsWith('__'))) return { __entries: entries.map(([key, v]) => [key, enc(v, refs, bodyRefs, depth + 1, lists)]) };
    const out: Record<string, unknown> = {};
    for (const [key, v] of entries) out[key] = enc(v, refs, bodyRefs, depth + 1, lists);
    return out;
  };
  /** The views' numbers, when every item of the list is a view. */
  const viewNumbers = (list: unknown[]): Uint32Array | undefined => {
    const out = new Uint32Array(list.length);
    for (let j = 0; j < list.length; j++) {
      const item = list[j];
      const i = item !== null && typeof item === 'object' ? views.indexOf(item) : undefined;
      if (i === undefined) return undefined;
      out[j] = i;
    }
    return out;
  };
  const body = (k: number) => {
    let b = bodyCache.get(k);
    if (!b) {
      const refs: number[] = [];
      const value: Record<string, unknown> = {};
      const full = bodies.at(k) as Record<string, unknown>;
      // An article is its view plus its body: the view goes as its index in the table, and only
      // the fields it does not have are copied (a fifth of the main thread's heap at 100,000).
      const view = (k < views.length ? views.at(k) : undefined) as Record<string, unknown> | undefined;
      const own = view !== undefined && view.source === full.source;
      if (own) {
        value.__viewOf = k;
        refs.push(k);
      }
      // A body's own fields; a body inside a body (none today) would stay a plain copy.
      for (const [key, v] of Object.entries(full)) if (!own || !(key in view) || view[key] !== v) value[key] = enc(v, refs, undefined, 1);
      if (bodyCache.size >= BODIES_KEPT) bodyCache.delete(bodyCache.keys().next().value as number);
      bodyCache.set(k, (b = { value, refs }));
    }
    return b;
  };
  const encoder = ((job: RenderJob): EncodedJob => {
    const refs: number[] = [];
    const bodyRefs: number[] = [];
    const context = enc(job.context, refs, bodyRefs, 0) as Record<string, unknown>;
    // Not a spread, which gives each copy a hidden class of its own (see model/graph.ts).
    const out: EncodedJob = { job: Object.assign({}, job, { context }), refs, bodyRefs };
    if (bodyRefs.length > 0) {
      out.job.bodies = bodyRefs.map((k) => {
        const b = body(k);
        for (const r of b.refs) refs.push(r);
        return [k, b.value];
      });
    }
    return out;
  }) as Encoder;
  encoder.body = body;
  encoder.forget = () => bodyCache.clear();
  encoder.context = (job) => Object.assign({}, job, { context: enc(job.context, [], [], 0) as Record<string, unknown> });
  encoder.value = (v, lists) => enc(v, [], undefined, 0, lists);
  return encoder;
}

/** What an encoded job is kept for: its fingerprint, and its batch's message to a worker. */
export type EncodingUse = 'fingerprint' | 'send';

const USE_BITS: Record<EncodingUse, number> = { fingerprint: 1, send: 2 };

/**
 * The jobs of a plan, each encoded when it is first needed: a build that renders everything
 * encodes each batch as it goes to a worker, so the workers start without waiting for all. An
 * encoding is kept until every use `keepFor` named is `done` with it, or until it is dropped;
 * then only its body references stay, which the plan state needs. At 100,000 articles the
 * encodings of every page were a tenth of the main thread's heap. A read of a released job that
 * no use waits for fails loudly, never renders stale data.
 */
export class EncodedJobs {
  private readonly list: (EncodedJob | undefined)[];
  private readonly uses: Uint8Array;

  constructor(
    private readonly jobs: readonly RenderJob[],
    private readonly encode: Encoder,
  ) {
    this.list = new Array(jobs.length);
    this.uses = new Uint8Array(jobs.length);
  }

  at(i: number): EncodedJob {
    const e = this.list[i];
    // Dropped while a use still waits: made again for it.
    if (e && !e.job && this.uses[i] !== 0) return this.encode(this.jobs[i]);
    return (this.list[i] ??= this.encode(this.jobs[i]));
  }

  /** The bodies job `i` carries: kept after its encoding goes, never encoded twice for. */
  bodyRefs(i: number): number[] {
    return (this.list[i] ?? this.at(i)).bodyRefs;
  }

  /** These jobs' encodings (every job's without `which`) wait for `use` before they go. */
  keepFor(use: EncodingUse, which?: Iterable<number>): void {
    const bit = USE_BITS[use];
    if (!which) for (let i = 0; i < this.uses.length; i++) this.uses[i] |= bit;
    else for (const i of which) this.uses[i] |= bit;
  }

  done(i: number, use: EncodingUse): void {
    if ((this.uses[i] &= ~USE_BITS[use]) === 0) this.drop(i);
  }

  /** Lets this encoding go now, even while a use still waits for it: that use encodes the job again. */
  drop(i: number): void {
    const e = this.list[i];
    // The body references in an array of exactly their length: grown by push, it has room for 16
    // (13 MB at 100,000 pages).
    if (e?.job) this.list[i] = { job: undefined as unknown as EncodedJob['job'], refs: [], bodyRefs: e.bodyRefs.slice() };
  }
}

/** The job's context with its references resolved, in place; `load` completes each body first. */
/** The body objects a job's encoding carries, as they were sent (before decodeJob): to read ahead what its `load` will be asked for. */
export function encodedBodies(job: RenderJob & { bodies?: [number, unknown][] }): Record<string, unknown>[] {
  return (job.bodies ?? []).map(([, value]) => value).filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null);
}

export function decodeJob(job: RenderJob & { bodies?: [number, unknown][] }, views: readonly unknown[], load?: (body: Record<string, unknown>) => void): Record<string, unknown> {
  const bodies = new Map<number, unknown>();
  const viewOf = (i: number) => views[i];
  for (const [k, value] of job.bodies ?? []) {
    let body = decodeValue(value, viewOf, bodies, 1) as Record<string, unknown>;
    if (typeof body.__viewOf === 'number') {
      // The view's fields first, then the body's own: the object the main thread has, with its
      // hidden class (model/full.ts).
      const { __viewOf, ...rest } = body;
      const full = fullOf(views[__viewOf as number] as ArticleView, { html: '', headings: [] }) as unknown as Record<string, unknown>;
      for (const k of Object.keys(rest)) full[k] = rest[k];
      body = full;
    }
    load?.(body);
    bodies.set(k, body);
  }
  job.bodies = undefined;
  return decodeValue(job.context, viewOf, bodies, 0) as Record<string, unknown>;
}

/** A context from Encoder.context, its references resolved in place: `viewOf(i)` is view i, `bodyOf(k)` body k itself. */
export function decodeContext(context: Record<string, unknown>, viewOf: (i: number) => unknown, bodyOf: (k: number) => unknown): Record<string, unknown> {
  return decodeValue(context, viewOf, { get: bodyOf }, 0) as Record<string, unknown>;
}

/** A value from Encoder.value, its views resolved in place. */
export function decodeViews(value: unknown, viewOf: (i: number) => unknown): unknown {
  return decodeValue(value, viewOf, { get: () => undefined }, 0);
}

function decodeValue(value: unknown, viewOf: (i: number) => unknown, bodies: { get(k: number): unknown }, depth: number): unknown {
  if (value === null || typeof value !== 'object') return value;
  // The encoder names a view or body down to one level below MAX_DEPTH, and sends what lies
  // deeper as it is: an editor's `{__view: 3}` there is data.
  if (depth > MAX_DEPTH + 1) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = decodeValue(value[i], viewOf, bodies, depth + 1);
    return value;
  }
  const v = value as Record<string, unknown>;
  if (typeof v.__view === 'number') return viewOf(v.__view);
  if (v.__views instanceof Uint32Array) return Array.from(v.__views, (i) => viewOf(i));
  if (typeof v.__body === 'number') return bodies.get(v.__body);
  if (Array.isArray(v.__entries)) {
    const out: Record<string, unknown> = {};
    for (const [key, x] of v.__entries as [string, unknown][]) Object.defineProperty(out, key, { value: decodeValue(x, viewOf, bodies, depth + 1), enumerable: true, writable: true, configurable: true });
    return out;
  }
  if (depth > MAX_DEPTH) return value;
  for (const k of Object.keys(v)) v[k] = decodeValue(v[k], viewOf, bodies, depth + 1);
  return v;
}

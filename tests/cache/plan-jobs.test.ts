import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPlanState } from '../../src/cache/build-cache.js';
import { jobValues, persistPlanState, persistPlanStateSteps, planGroupsRead, resumePlanState, sentJobValues, storedJobs, type LastBuild } from '../../src/incremental/plan-state.js';
import { createEncoder, tableOf } from '../../src/plan/encode.js';
import type { Article } from '../../src/parse/source.js';
import type { RenderJob } from '../../src/plan/types.js';

/** What the plan state's file holds of the jobs, read as a build reads it: each group's bytes when asked for. */
function written(state: Pick<LastBuild, 'graph' | 'jobs'>) {
  const values = jobValues(state);
  const groups = Array.from({ length: values.count }, (_, i) => Buffer.from(values.bytesOf(i)));
  return { count: groups.length, groups, bytesOf: (i: number) => groups[i] };
}

function site(jobCount: number) {
  const views = Array.from({ length: 4 }, (_, i) => ({ source: `content/a${i}.md`, title: `Story ${i}`, url: `/a${i}/` }));
  const bodies = views.map((v) => ({ ...v, html: `<p>Body of ${v.title}</p>`, headings: [] }));
  // A value past the encoder's depth, shared by every job as the graph shares it.
  const deep = { a: { b: { c: { d: { e: { f: { g: { h: { i: { j: 'deep' } } } } } } } } } };
  const jobs: RenderJob[] = Array.from({ length: jobCount }, (_, n) => ({
    outputPath: `page/${n}/index.html`,
    renderer: 'nunjucks',
    template: n === 0 ? 'article.njk' : 'list.njk',
    origin: `job ${n}`,
    context: n === 0
      ? { article: bodies[1], related: [views[2], views[3]], box: { __view: 3, note: 'an editor\'s own key' }, deep }
      : { articles: [views[n % 4], views[(n + 1) % 4]], pagination: { page: n, pages: jobCount, total: jobCount * 2, pageSize: 2, first: '/' }, deep },
  }));
  return { graph: { views, articles: bodies, pages: [] } as unknown as LastBuild['graph'], bodies: bodies as unknown as LastBuild['graph']['articles'], jobs };
}

describe('the plan state\'s jobs, each read on its own', () => {
  it('gives each job back as it was planned, its views and bodies the state\'s own objects, an editor\'s `__` keys as data', () => {
    const state = site(700);
    const list = storedJobs(written(state), 700, tableOf(state.graph.views), tableOf(state.bodies));
    expect(list.length).toBe(700);
    for (const i of [0, 1, 499, 500, 699]) {
      const job = list.at(i)!;
      expect(job).toEqual(state.jobs[i]);
      expect(list.at(i)).toBe(job);
    }
    const first = list.at(0)!.context as { article: unknown; related: unknown[]; box: Record<string, unknown> };
    expect(first.article).toBe(state.bodies[1]);
    expect(first.related[1]).toBe(state.graph.views[3]);
    expect(first.box).toEqual({ __view: 3, note: 'an editor\'s own key' });
    expect((list.at(600)!.context.articles as unknown[])[0]).toBe(state.graph.views[0]);
    expect(list.at(700)).toBeUndefined();
    expect(list.at(-1)).toBeUndefined();
  });

  it('reads only the jobs asked for: others\' bytes, garbled, are never read', () => {
    const state = site(40);
    const stored = written(state);
    // Jobs go in groups of 16: the second group (jobs 16 to 31) garbled.
    expect(stored.count).toBe(3);
    stored.groups[1].fill(0xff);
    const list = storedJobs(stored, 40, tableOf(state.graph.views), tableOf(state.bodies));
    expect(list.at(0)).toEqual(state.jobs[0]);
    expect(list.at(15)).toEqual(state.jobs[15]);
    expect(list.at(39)).toEqual(state.jobs[39]);
    expect(() => list.at(20)).toThrow();
    // A count the groups do not hold: no list at all.
    expect(() => storedJobs(stored, 60, tableOf(state.graph.views), tableOf(state.bodies))).toThrow();
  });

  it('written with the state: a body deeper in a context than the encoder names one is kept whole, not as the state is written (without bodies)', () => {
    const state = site(20);
    let deep: Record<string, unknown> = { story: state.bodies[2] };
    for (let d = 0; d < 10; d++) deep = { deeper: deep };
    state.jobs[3].context.deep = deep;
    const dir = mkdtempSync(path.join(tmpdir(), 'dateline-plan-'));
    persistPlanState(dir, lastBuild(state), 'one');
    // Left as it was by the write.
    expect((state.bodies[2] as { html: string }).html).toBe('<p>Body of Story 2</p>');
    const list = resumed(dir, 'one')!.jobs;
    let at = list.at(3)!.context.deep as Record<string, unknown>;
    for (let d = 0; d < 10; d++) at = at.deeper as Record<string, unknown>;
    expect(at.story).toMatchObject({ title: 'Story 2', html: '<p>Body of Story 2</p>' });
    expect(list.at(4)).toEqual(state.jobs[4]);
    expect(readPlanState(dir, 'another')).toBeUndefined();
  });
});

/** A LastBuild of `site`'s parts, as a build hands it to persistPlanState. */
function lastBuild(state: { graph: LastBuild['graph']; jobs: RenderJob[] }, more: Partial<LastBuild> = {}): LastBuild {
  const bodies = [...state.graph.articles, ...(state.graph.pages ?? [])];
  return { graph: { pages: [], withdrawn: [], tags: [], authors: [], sections: [], years: [], now: 0, upcoming: [], ...state.graph }, views: tableOf(state.graph.views), bodies: tableOf(bodies), jobs: state.jobs, bodyAt: new Map(), dependents: new Map(), hashOf: new Map(), nextMove: Infinity, globals: { assets: {} }, setup: {}, diagnostics: [], sources: [], hashes: [], ...more } as unknown as LastBuild;
}

/** The plan state as a build resumes it, every source file as the plan was made from it. */
const resumed = (dir: string, id: string) => resumePlanState(dir, id, { sources: [], assets: {}, delta: new Map(), current: () => ({ article: { hash: 'same' } as Article, diagnostics: [] }), changed: new Set() });

describe('the plan state\'s views and articles, read in groups as asked for', () => {
  /** n articles, each with its view's fields, a body, two related stories and an editor's own data; a tag page listing every third. */
  function newsroom(n: number) {
    const views = Array.from({ length: n }, (_, i) => ({ source: `content/a${i}.md`, slug: `a${i}`, title: `Story ${i}`, url: `/a${i}/`, tags: [{ name: 'City', slug: 'city', url: '/tags/city/' }], extra: { __view: 1, box: { __proto__: null, note: `note ${i}` } } }));
    const articles = views.map((v, i) => ({ ...v, html: `<p>Body ${i}</p>`, headings: [{ depth: 2, id: 'h', text: 'H' }], bodyAt: ['seg', i * 10, 10, 0], related: [views[(i + 1) % n], views[(i + 7) % n]], previous: i > 0 ? views[i - 1] : undefined, liveBlog: undefined }));
    const tag = { name: 'City', slug: 'city', url: '/tags/city/', articles: views.filter((_, i) => i % 3 === 0) };
    const jobs: RenderJob[] = articles.map((a, i) => ({ outputPath: `a${i}/index.html`, renderer: 'nunjucks', template: 'article.njk', origin: a.source, context: { article: a, related: a.related } }));
    jobs.push({ outputPath: 'tags/city/index.html', renderer: 'nunjucks', template: 'tag.njk', origin: 'tag', context: { term: tag, articles: tag.articles } });
    const graph = { views, articles, tags: [tag], now: 5, upcoming: [{ ms: 9, source: 'content/later.md', change: 'publish' }] } as unknown as LastBuild['graph'];
    return { graph, jobs, views, articles, tag };
  }

  it('an edit\'s job reads its own group of jobs, its article\'s group and its views\' groups: not the graph', () => {
    const site = newsroom(1000);
    const dir = mkdtempSync(path.join(tmpdir(), 'dateline-plan-'));
    persistPlanState(dir, lastBuild(site, { dependents: new Map([[3, [3, 1000]], [500, [500]]]) }), 'one');
    const before = planGroupsRead.count;
    const state = resumed(dir, 'one')!;
    expect(planGroupsRead.count - before).toBe(0);
    expect(state.dependents.get(3)).toEqual([3, 1000]);
    expect(state.dependents.get(500)).toEqual([500]);
    expect(state.dependents.get(4)).toBeUndefined();
    expect(state.bodyAt.get('content/a500.md')).toBe(500);
    const job = state.jobs.at(500)!;
    // Its jobs' group, its article's, and at most the groups of its view and two related views.
    expect(planGroupsRead.count - before).toBeLessThanOrEqual(5);
    const article = job.context.article as (typeof site.articles)[number];
    // As it was, but its body, which the cache's segments hold.
    expect(article).toEqual({ ...site.articles[500], html: '', headings: [] });
    expect(article).toBe(state.bodies.at(500));
    expect(state.bodies.indexOf(article)).toBe(500);
    expect(article.related[1]).toBe(state.views.at(507));
    expect((job.context.related as unknown[])[0]).toBe(article.related[0]);
    // An editor's own `__` keys are data, not references.
    expect(state.views.at(500).extra).toEqual({ __view: 1, box: { note: 'note 500' } });
    expect(state.graph.now).toBe(5);
    expect(state.nextMove).toBe(Infinity);
    const partly = planGroupsRead.count - before;
    expect(partly).toBeLessThan(1000 / 64 + 1000 / 32);
    // The whole graph when a field of it is read: the same objects.
    expect(state.graph.articles).toHaveLength(1000);
    expect(state.graph.articles[500]).toBe(article);
    expect(state.graph.views[507]).toBe(article.related[1]);
    expect(state.graph.tags[0].articles.map((v) => v.title)).toEqual(site.tag.articles.map((v) => v.title));
    expect(state.graph.tags[0].articles[1]).toBe(state.views.at(3));
    expect(state.graph.upcoming).toEqual(site.graph.upcoming);
    // The tag page's job refers to the same views.
    expect((state.jobs.at(1000)!.context.articles as unknown[])[2]).toBe(state.views.at(6));
  });

  it('a group with other bytes fails only the read that needs it', () => {
    const site = newsroom(200);
    const dir = mkdtempSync(path.join(tmpdir(), 'dateline-plan-'));
    persistPlanState(dir, lastBuild(site), 'one');
    const file = readdirSync(dir).find((n) => n.startsWith('plan.'))!;
    const bytes = readFileSync(path.join(dir, file));
    // The last article's title as its view keeps it, in the views' last group: "Story 199" → "Storx 199".
    const at = bytes.lastIndexOf('Story 199');
    expect(at).toBeGreaterThan(0);
    bytes[at + 4] = 'x'.charCodeAt(0);
    writeFileSync(path.join(dir, file), bytes);
    const state = resumed(dir, 'one')!;
    expect(state.jobs.at(0)!.context.article).toMatchObject({ title: 'Story 0' });
    expect(() => state.jobs.at(199)).toThrow();
    expect(() => state.whole!()).toThrow();
  });
});

describe('the plan state written a step at a time, as a cold build writes it while its workers render', () => {
  it('steps once for each group, with other work between the steps, and writes the file a write at once writes', async () => {
    const state = site(300);
    const once = mkdtempSync(path.join(tmpdir(), 'dateline-plan-'));
    persistPlanState(once, lastBuild(state), 'one');
    const stepped = mkdtempSync(path.join(tmpdir(), 'dateline-plan-'));
    const steps = persistPlanStateSteps(stepped, lastBuild(state), 'one');
    let count = 0;
    while (!steps.next().done) {
      count++;
      // Nothing is in place before the last step: a reader meanwhile finds no state.
      expect(readdirSync(stepped).filter((f) => f.startsWith('plan.'))).toEqual([]);
      await new Promise((resolve) => setImmediate(resolve));
    }
    // 300 jobs in groups of 16, and the views' and articles' groups besides.
    expect(count).toBeGreaterThan(300 / 16);
    const file = readdirSync(once).find((f) => f.startsWith('plan.'))!;
    expect(readdirSync(stepped)).toEqual([file]);
    // The same state read back (not compared byte for byte: V8 may write a string in either of its
    // forms, one byte or two a character, as the string happens to be held).
    const [a, b] = [resumed(stepped, 'one')!, resumed(once, 'one')!];
    for (let i = 0; i < 300; i++) expect(a.jobs.at(i)).toEqual(b.jobs.at(i));
    expect(a.jobs.at(299)).toEqual(state.jobs[299]);
  });

  it('stopped between two steps (a signal ends the build), it leaves neither the file nor its temporary one', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dateline-plan-'));
    const steps = persistPlanStateSteps(dir, lastBuild(site(300)), 'one');
    for (let i = 0; i < 5; i++) expect(steps.next().done).toBe(false);
    expect(readdirSync(dir).some((f) => f.startsWith('.plan.'))).toBe(true);
    steps.return();
    expect(readdirSync(dir)).toEqual([]);
    expect(readPlanState(dir, 'one')).toBeUndefined();
  });
});

/**
 * Runs plan-state steps as a build does (build.ts, whileRendering): the event loop turns between
 * steps, a step's promise is awaited, and its rejection thrown into the steps. How many waited.
 */
async function drive(steps: Generator<Promise<void> | undefined, void, void>): Promise<number> {
  let waits = 0;
  for (let step = steps.next(); !step.done; ) {
    if (step.value instanceof Promise) {
      waits++;
      let failed: { error: unknown } | undefined;
      await step.value.catch((error: unknown) => (failed = { error }));
      step = failed ? steps.throw(failed.error) : steps.next();
    } else {
      await new Promise((resolve) => setImmediate(resolve));
      step = steps.next();
    }
  }
  return waits;
}

/** Sends the jobs encoded as a build sends them to its workers, 64 at a time, a batch every few milliseconds, into `sent`; stops after `upTo`. */
async function send(state: ReturnType<typeof site>, sent: ReturnType<typeof sentJobValues>, upTo = state.jobs.length): Promise<void> {
  const encode = createEncoder(state.graph.views, state.bodies);
  for (let from = 0; from < upTo; from += 64) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    for (let i = from; i < Math.min(upTo, from + 64); i++) sent.add(i, encode(state.jobs[i]).job);
  }
}

describe('the plan state written from the jobs as a cold build sends them to its workers', () => {
  it('waits for each group of jobs until it has gone, and reads back as the state written at once: jobs, and which carry each body, last', async () => {
    const state = site(300);
    const dependents = new Map([[1, [0]], [3, [7, 299]]]);
    const once = mkdtempSync(path.join(tmpdir(), 'dateline-plan-'));
    persistPlanState(once, lastBuild(state, { dependents }), 'one');
    const dir = mkdtempSync(path.join(tmpdir(), 'dateline-plan-'));
    const sent = sentJobValues(300);
    const steps = persistPlanStateSteps(dir, lastBuild(state, { dependents }), 'one', sent);
    const sending = send(state, sent);
    // The job that carries a body goes with it beside its context, as a worker gets it.
    expect(createEncoder(state.graph.views, state.bodies)(state.jobs[0]).job.bodies).toHaveLength(1);
    const waits = await drive(steps);
    await sending;
    // The state's views and articles were written before the first jobs went; then it waited for them.
    expect(waits).toBeGreaterThan(0);
    const [a, b] = [resumed(dir, 'one')!, resumed(once, 'one')!];
    for (let i = 0; i < 300; i++) expect(a.jobs.at(i)).toEqual(b.jobs.at(i));
    expect(a.jobs.at(299)).toEqual(state.jobs[299]);
    // The body it carried, as the state's own (its HTML in the cache's segments, not here).
    expect(a.jobs.at(0)!.context.article).toBe(a.bodies.at(1));
    expect(a.jobs.at(0)!.context.related).toEqual([state.graph.views[2], state.graph.views[3]]);
    expect(a.dependents.get(3)).toEqual([7, 299]);
    expect(a.dependents.get(1)).toEqual([0]);
    expect(a.dependents.get(2)).toBeUndefined();
    expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('a render that stops before every job went: the state waiting for them ends without a file, and without its temporary one', async () => {
    const state = site(300);
    const dir = mkdtempSync(path.join(tmpdir(), 'dateline-plan-'));
    const sent = sentJobValues(300);
    const steps = persistPlanStateSteps(dir, lastBuild(state), 'one', sent);
    const driving = drive(steps);
    await send(state, sent, 128);
    // The temporary file is there while the state waits.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(readdirSync(dir).some((f) => f.startsWith('.plan.'))).toBe(true);
    sent.abandon();
    await driving;
    expect(readdirSync(dir)).toEqual([]);
    expect(readPlanState(dir, 'one')).toBeUndefined();
  });
});

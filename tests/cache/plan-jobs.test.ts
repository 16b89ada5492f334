import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPlanState } from '../../src/cache/build-cache.js';
import { jobValues, persistPlanState, storedJobs, type LastBuild } from '../../src/incremental/plan-state.js';
import type { RenderJob } from '../../src/plan/types.js';

/** What the plan state's file holds of the jobs, read as a build reads it: each group's bytes when asked for. */
function written(state: Pick<LastBuild, 'graph' | 'bodies' | 'jobs'>) {
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
  return { graph: { views } as unknown as LastBuild['graph'], bodies: bodies as unknown as LastBuild['bodies'], jobs };
}

describe('the plan state\'s jobs, each read on its own', () => {
  it('gives each job back as it was planned, its views and bodies the state\'s own objects, an editor\'s `__` keys as data', () => {
    const state = site(700);
    const list = storedJobs(written(state), 700, state.graph.views, state.bodies);
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
    const list = storedJobs(stored, 40, state.graph.views, state.bodies);
    expect(list.at(0)).toEqual(state.jobs[0]);
    expect(list.at(15)).toEqual(state.jobs[15]);
    expect(list.at(39)).toEqual(state.jobs[39]);
    expect(() => list.at(20)).toThrow();
    // A count the groups do not hold: no list at all.
    expect(() => storedJobs(stored, 60, state.graph.views, state.bodies)).toThrow();
  });

  it('written with the state: a body deeper in a context than the encoder names one is kept whole, not as the state is written (without bodies)', () => {
    const state = site(20);
    let deep: Record<string, unknown> = { story: state.bodies[2] };
    for (let d = 0; d < 10; d++) deep = { deeper: deep };
    state.jobs[3].context.deep = deep;
    const dir = mkdtempSync(path.join(tmpdir(), 'dateline-plan-'));
    const full = { ...state, graph: { ...state.graph, articles: state.bodies }, bodyAt: new Map(), dependents: new Map(), hashOf: new Map(), globals: {}, setup: {}, diagnostics: [], sources: [], hashes: [] } as unknown as LastBuild;
    persistPlanState(dir, full, 'one');
    // Left as it was by the write.
    expect((state.bodies[2] as { html: string }).html).toBe('<p>Body of Story 2</p>');
    const read = readPlanState(dir, 'one')!;
    const { jobCount, graph, bodies } = read.state as { jobCount: number; graph: { views: object[] }; bodies: object[] };
    const list = storedJobs(read.apart, jobCount, graph.views, bodies);
    let at = list.at(3)!.context.deep as Record<string, unknown>;
    for (let d = 0; d < 10; d++) at = at.deeper as Record<string, unknown>;
    expect(at.story).toMatchObject({ title: 'Story 2', html: '<p>Body of Story 2</p>' });
    expect(list.at(4)).toEqual(state.jobs[4]);
    expect(readPlanState(dir, 'another')).toBeUndefined();
  });
});

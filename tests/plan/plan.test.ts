import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/validate.js';
import type { SiteGraph } from '../../src/model/types.js';
import { paginate } from '../../src/plan/paginate.js';
import { plan, type Planner } from '../../src/plan/plan.js';
import { md, site } from '../helpers/site.js';

const config = resolveConfig({ title: 'H', baseUrl: 'https://news.example.org/news/' });
const emptyGraph: SiteGraph = { articles: [], pages: [], tags: [], authors: [], sections: [], years: [], upcoming: [] };

describe('plan', () => {
  it('two jobs writing one file are an error naming both origins; the first keeps the path', () => {
    const two: Planner = () => [
      { outputPath: 'about/index.html', renderer: 'text', context: { text: 'a' }, origin: 'content/pages/about.md' },
      { outputPath: 'About/index.html', renderer: 'text', context: { text: 'b' }, origin: 'content/about.md' },
    ];
    const r = plan(emptyGraph, config, [two]);
    expect(r.jobs.map((j) => j.origin)).toEqual(['content/pages/about.md']);
    expect(r.diagnostics).toMatchObject([{ code: 'URL_COLLISION', file: 'content/about.md' }]);
    expect(r.diagnostics[0].message).toBe('content/pages/about.md and content/about.md would both be written to /About/.');
  });

  it('a layout name that could leave the templates folder is refused', () => {
    const r = plan(emptyGraph, config, [() => [{ outputPath: 'x/index.html', renderer: 'nunjucks', template: '../../etc/passwd.njk', context: {}, origin: 'content/x.md' }]]);
    expect(r.jobs).toEqual([]);
    expect(r.diagnostics).toMatchObject([{ code: 'BAD_LAYOUT', file: 'content/x.md' }]);
  });

  it('every job context survives structuredClone (it can go to a worker)', async () => {
    const b = await site({ 'content/a.md': md({ title: 'A', date: '2024-03-20', author: 'Li Wei', tags: ['重庆'] }), 'content/b.md': md({ title: 'B', date: '2024-03-21', author: 'Li Wei', tags: ['重庆'] }) });
    const r = plan(b.graph!, b.config!);
    expect(r.diagnostics).toEqual([]);
    for (const job of r.jobs) expect(structuredClone(job.context)).toEqual(job.context);
    expect(r.jobs.map((j) => j.outputPath)).toContain('tags/重庆/index.html');
  });

  it('a standalone page and an article on one URL: both files named', async () => {
    const b = await site({
      'dateline.config.ts': `export default { title: 'H', baseUrl: 'https://x.example/', permalinks: { article: '/{slug}/' } };`,
      'content/about-us.md': md({ title: 'About us, the story', date: '2024-03-20', author: 'Li Wei' }),
      'content/pages/about-us.md': md({ title: 'About Us' }),
    });
    expect(b.ok).toBe(false);
    expect(b.diagnostics.find((d) => d.code === 'URL_COLLISION')!.message).toContain('content/about-us.md and content/pages/about-us.md');
  });
});

describe('paginate', () => {
  it('page 1 at the route, then page/2/…; hrefs with the base path', () => {
    const pages = paginate([1, 2, 3, 4, 5], 2, '/tags/重庆/', '/news/');
    expect(pages.map((p) => [p.outputPath, p.items])).toEqual([
      ['tags/重庆/index.html', [1, 2]],
      ['tags/重庆/page/2/index.html', [3, 4]],
      ['tags/重庆/page/3/index.html', [5]],
    ]);
    expect(pages[1].pagination).toMatchObject({ page: 2, pages: 3, total: 5, prev: '/news/tags/%E9%87%8D%E5%BA%86/', next: '/news/tags/%E9%87%8D%E5%BA%86/page/3/' });
  });

  it('an empty listing still has its first page', () => {
    expect(paginate([], 10, '/', '/').map((p) => p.outputPath)).toEqual(['index.html']);
  });
});

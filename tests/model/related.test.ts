import { describe, expect, it } from 'vitest';
import { md, site } from '../helpers/site.js';

// Related articles: those named in `related` first, then by the number of shared tags, then the
// newest. The model picks them in one pass over typed arrays; this checks it against the rule
// written out plainly, on a random site with tags of very different sizes.
describe('related articles', () => {
  it.each([
    { articles: 120, tags: 8, most: 4, count: 4 },
    { articles: 400, tags: 14, most: 6, count: 7 },
    // Every fifth article with 33 to 60 tags: such a story is counted apart from the pair lists (model/graph.ts WIDE).
    { articles: 200, tags: 70, most: 6, count: 5, wide: 5 },
  ])('are the explicit ones, then the most shared tags, then the newest, for every article ($articles articles, up to $most of $tags tags)', async ({ articles, tags: tagCount, most, count, wide }) => {
    let seed = 11;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const names = ['rail', 'port', 'opera', 'rain', 'metro', 'trade', 'hotpot', 'river', 'fog', 'bridge', 'museum', 'ferry', 'budget', 'school'];
    const tagPool = Array.from({ length: tagCount }, (_, i) => names[i] ?? `topic ${i}`);
    const files: Record<string, string> = { 'dateline.config.ts': `export default { title: 'T', baseUrl: 'https://n.example.org/', timeZone: 'Asia/Shanghai', relatedCount: ${count} };\n` };
    for (let i = 0; i < articles; i++) {
      // Skewed: the first tags are far more common than the last.
      const n = wide && i % wide === 0 ? 33 + Math.floor(rand() * 28) : 1 + Math.floor(rand() * most);
      const tags = [...new Set(Array.from({ length: n }, () => tagPool[Math.floor((n > most ? rand() : rand() ** 2) * tagPool.length)]))];
      const related = i % 17 === 0 && i > 0 ? [`s${i - 1}`, 'missing-slug'] : undefined;
      const day = String(1 + (i % 28)).padStart(2, '0');
      const month = String(1 + (Math.floor(i / 28) % 12)).padStart(2, '0');
      const year = 2025 - Math.floor(i / 336);
      files[`content/s${i}.md`] = md({ title: `Story ${i}`, date: `${year}-${month}-${day}T${String(i % 24).padStart(2, '0')}:00:00+08:00`, author: 'A', tags, ...(related ? { related } : {}) });
    }
    const s = await site(files);
    const arts = s.graph!.articles;
    const index = new Map(arts.map((a, i) => [a.slug, i]));
    for (const [self, a] of arts.entries()) {
      const explicit = (a.slug.match(/^s(\d+)$/) && Number(a.slug.slice(1)) % 17 === 0 && a.slug !== 's0' ? [`s${Number(a.slug.slice(1)) - 1}`] : []).filter((x) => index.has(x));
      const shared = (j: number) => arts[j].tags.filter((t) => a.tags.some((u) => u.slug === t.slug)).length;
      const rest = arts
        .map((_, j) => j)
        .filter((j) => j !== self && !explicit.includes(arts[j].slug) && shared(j) > 0)
        .sort((x, y) => shared(y) - shared(x) || x - y)
        .map((j) => arts[j].slug);
      expect(a.related.map((r) => r.slug), a.slug).toEqual([...explicit, ...rest].slice(0, count));
    }
    // The case is what it says: stories over the pair lists' limit, among others.
    if (wide) expect(arts.filter((a) => a.tags.length > 32).length).toBeGreaterThan(10);
  });
});

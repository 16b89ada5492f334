import { describe, expect, it } from 'vitest';
import { md, site } from '../helpers/site.js';

// A contributor's file must not hold a build up: text that made a regular expression try again at
// every character of a long run (100,000 spaces in a byline, a dateline, a list item, a heading
// or a paragraph) took a minute altogether, and a megabyte of them would stop CI for hours.
describe('a story padded with long runs of spaces builds in time linear in its size', () => {
  it('a byline, a dateline, a `related` item, a heading and a paragraph of 100,000 spaces each', async () => {
    const pad = ' '.repeat(100_000);
    const front = [
      'title: Padded',
      'date: 2025-12-31 10:00',
      `author: "Ran${pad}Zheng"`,
      `dateline: "Chongqing${pad}x"`,
      'related:',
      `  - other${pad}story`,
    ].join('\n');
    const t = performance.now();
    const s = await site({ 'content/padded.md': md(front, `## Heading${pad}end\n\nWords${pad}more words.\n`), 'content/other.md': md({ title: 'Other', date: '2025-12-30 10:00', author: 'Ran Zheng' }) }, { now: '2026-01-01T00:00:00Z' });
    const seconds = (performance.now() - t) / 1000;
    expect(s.graph?.articles.map((a) => a.title).sort()).toEqual(['Other', 'Padded']);
    // About 1.5 s here on a shared machine; 57 s before.
    expect(seconds).toBeLessThan(10);
  }, 180_000);

  it('a live blog of 16,000 updates, every other one out of order: each warned, in time linear in their number', async () => {
    const updates = Array.from({ length: 16000 }, (_, i) => {
      const minute = i % 2 === 0 ? 10 + i * 2 : 7 + (i - 1) * 2;
      return `## 2025-12-${String(1 + Math.floor(minute / 1440)).padStart(2, '0')} ${String(Math.floor((minute % 1440) / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')} Update ${i}\n\nText ${i}.\n`;
    });
    const t = performance.now();
    const s = await site({ 'content/live.md': md({ title: 'Live', date: '2025-12-01 00:00', author: 'Ran Zheng', live: true }, updates.join('\n')) }, { now: '2026-01-01T00:00:00Z' });
    const seconds = (performance.now() - t) / 1000;
    expect(s.diagnostics.filter((d) => d.code === 'UPDATE_OUT_OF_ORDER').length).toBeGreaterThan(7000);
    expect(s.page('2025/12/01/live/index.html')).toContain('Update 15999');
    // About 3 s here on a shared machine; 19 s before.
    expect(seconds).toBeLessThan(12);
  }, 300_000);
});

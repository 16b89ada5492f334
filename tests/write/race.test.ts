import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, coldBuild, md, tree, writeSite } from '../helpers/site.js';

const NOW = ['--now', '2026-01-01T00:00:00Z'];

/** A site of a dozen stories and one embargoed till 2030. */
function site(): string {
  const files: Record<string, string> = {};
  for (let i = 0; i < 12; i++) files[`content/articles/a${i}.md`] = md({ title: `Story ${i}`, date: `2025-0${1 + (i % 9)}-1${i % 10}`, author: 'Li Wei', tags: [`t${i % 3}`], section: 'Business' }, `Body ${i}.`);
  files['content/articles/embargoed.md'] = md({ title: 'Minister resigns', date: '2030-01-01T09:00:00+08:00', author: 'Desk' }, 'Not before 2030.');
  return writeSite(files);
}

async function until(done: () => boolean, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Every file under `dir` whose text has `needle`. */
const holding = (dir: string, needle: string) => [...tree(dir)].filter(([, text]) => text.includes(needle)).map(([p]) => p);

describe('two builds racing into one output folder', () => {
  // Each preview with what shows it in a page.
  for (const [name, preview, sign] of [
    ['a cached --future preview', ['--future'], 'Minister resigns'],
    ['an uncached preview at another URL', ['--no-cache', '--base-url', 'https://preview.example/'], 'preview.example'],
  ] as const) {
    it(`a live build overtaken by ${name} leaves no mark on the preview's folder, and the next live build writes it whole`, async () => {
      const dir = site();
      const out = path.join(dir, 'dist');
      expect((await cli(['build', dir, ...NOW])).code).toBe(0);
      writeFileSync(path.join(dir, 'content/articles/a3.md'), md({ title: 'Story 3', date: '2025-04-13', author: 'Li Wei', tags: ['t0'], section: 'Business' }, 'Edited.'));
      // Build A (live, cached) stops right before it writes its mark; build B swaps in its folder meanwhile.
      const paused = path.join(mkdtempSync(path.join(tmpdir(), 'dateline-race-')), 'paused');
      const a = cli(['build', dir, ...NOW], { env: { DATELINE_TEST_PAUSE_BEFORE_MARK: paused } });
      try {
        await until(() => existsSync(paused));
        const b = await cli(['build', dir, ...NOW, ...preview]);
        expect(b.code, b.stderr).toBe(0);
        expect(holding(out, sign).length).toBeGreaterThan(0);
      } finally {
        rmSync(paused, { force: true });
      }
      const ra = await a;
      expect(ra.code, ra.stderr).toBe(0);
      // No record describes the preview's folder: its mark says so.
      expect(readFileSync(path.join(out, '.dateline-build'), 'utf8')).toBe('built\n');

      const next = await cli(['build', dir, ...NOW]);
      expect(next.code, next.stderr).toBe(0);
      const cold = path.join(mkdtempSync(path.join(tmpdir(), 'dateline-cold-')), 'dist');
      await coldBuild(dir, cold, { now: NOW[1] });
      expect(tree(out)).toEqual(tree(cold));
      expect(holding(out, 'noindex, nofollow')).toEqual([]);
      expect(holding(out, 'Minister resigns')).toEqual([]);
      expect(holding(out, 'preview.example')).toEqual([]);
      // And the build after that one is a cached one again: the live folder carries its record.
      expect(readFileSync(path.join(out, '.dateline-build'), 'utf8')).not.toBe('built\n');
      expect(readdirSync(out)).toContain('index.html');
    }, 120_000);
  }
});

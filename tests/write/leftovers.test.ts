import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, md, writeSite } from '../helpers/site.js';

/** The pid of a process that has exited: its folders belong to nobody. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  expect(child.status).toBe(0);
  return child.pid!;
}

/** A temporary folder as a build killed mid-way leaves it, with a page inside. */
function leftover(dir: string, name: string): string {
  mkdirSync(path.join(dir, name, 'half'), { recursive: true });
  writeFileSync(path.join(dir, name, 'half', 'index.html'), '<p>half a page');
  return name;
}

describe('folders left beside the output folder by a killed build', () => {
  it('each kind of build removes those whose process is gone and keeps those of a live process', async () => {
    const dir = writeSite({ 'content/articles/a.md': md({ title: 'A', date: '2025-01-01', author: 'Li Wei' }) });
    const dead = deadPid();
    // This test's own process is alive: its folder may be a build that is still running.
    const live = leftover(dir, `.dist.tmp-${process.pid}-cafe0001`);
    // Not a build's temporary folder, or another output folder's: not this build's to remove.
    const unrelated = [leftover(dir, '.dist.tmp-notes'), leftover(dir, `.public.tmp-${dead}-deadbeef`)];
    const rounds = [
      ['the first build (no dist/ yet)', []],
      ['a cached build (writes in place)', []],
      ['an uncached build (swaps over dist/)', ['--no-cache']],
    ] as const;
    for (const [i, [round, flags]] of rounds.entries()) {
      // Killed before its swap, and killed between its two renames (dist/ already moved aside).
      const gone = [leftover(dir, `.dist.tmp-${dead}-0000000${i}`), leftover(dir, `.dist.tmp-${dead}-0000000${i}.old`)];
      const r = await cli(['build', dir, '--now', '2026-01-01T00:00:00Z', ...flags]);
      expect(r.code, `${round}: ${r.stderr}`).toBe(0);
      const left = readdirSync(dir).filter((n) => n.includes('.tmp-')).sort();
      expect(left, round).toEqual([live, ...unrelated].sort());
      expect(gone.some((n) => existsSync(path.join(dir, n))), round).toBe(false);
      expect(existsSync(path.join(dir, 'dist', 'index.html')), round).toBe(true);
    }
  });

  it('a cached build removes the staged pages of a build killed while staging, and only those', async () => {
    const dir = writeSite({ 'content/articles/a.md': md({ title: 'A', date: '2025-01-01', author: 'Li Wei' }) });
    expect((await cli(['build', dir, '--now', '2026-01-01T00:00:00Z'])).code).toBe(0);
    const dead = deadPid();
    const stray = path.join(dir, 'dist', '2025', `index.html.dateline-tmp-${dead}`);
    writeFileSync(stray, '<p>a page that never got its place');
    // A staging build still running (this test's process) keeps its pages, whatever other build died.
    const live = path.join(dir, 'dist', '2025', `index.html.dateline-tmp-${process.pid}`);
    writeFileSync(live, '<p>a page about to get its place');
    writeFileSync(path.join(dir, `.dist.staging-${process.pid}`), '');
    expect((await cli(['build', dir, '--now', '2026-01-01T00:00:00Z'])).code).toBe(0);
    expect(existsSync(stray)).toBe(true);
    // Its process gone, the next build takes them away with its marker.
    writeFileSync(path.join(dir, `.dist.staging-${dead}`), '');
    expect((await cli(['build', dir, '--now', '2026-01-01T00:00:00Z'])).code).toBe(0);
    expect(existsSync(stray)).toBe(false);
    expect(existsSync(live)).toBe(true);
    expect(existsSync(path.join(dir, `.dist.staging-${dead}`))).toBe(false);
    expect(existsSync(path.join(dir, `.dist.staging-${process.pid}`))).toBe(true);
  });
});

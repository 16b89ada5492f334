import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, md, writeSite, tree } from '../helpers/site.js';


describe('dateline build --shard i/n and dateline merge', () => {
  it('three shards merged equal one build, and no shard holds every page', async () => {
    const files: Record<string, string> = { 'static/images/a.txt': 'static' };
    for (let i = 0; i < 12; i++) files[`content/articles/a${i}.md`] = md({ title: `Story ${i}`, date: `2025-0${1 + (i % 9)}-1${i % 10}`, author: i % 2 ? 'Ran Zheng' : 'Li Wei', tags: [`t${i % 4}`], section: 'Business' });
    const dir = writeSite(files);
    const tmp = mkdtempSync(path.join(tmpdir(), 'dateline-shard-'));
    const now = ['--now', '2026-01-01T00:00:00Z'];
    const single = await cli(['build', dir, '--out', path.join(tmp, 'single'), ...now]);
    expect(single.code).toBe(0);
    for (const i of [1, 2, 3]) {
      const r = await cli(['build', dir, '--shard', `${i}/3`, '--out', path.join(tmp, `s${i}`), ...now]);
      expect(r.code, r.stderr).toBe(0);
    }
    const all = tree(path.join(tmp, 'single'));
    for (const i of [1, 2, 3]) {
      const size = tree(path.join(tmp, `s${i}`)).size;
      expect(size).toBeGreaterThan(0);
      expect(size).toBeLessThan(all.size);
    }
    const merged = await cli(['merge', path.join(tmp, 'merged'), path.join(tmp, 's1'), path.join(tmp, 's2'), path.join(tmp, 's3')]);
    expect(merged.code, merged.stderr).toBe(0);
    expect(tree(path.join(tmp, 'merged'))).toEqual(all);
  });

  it('refuses a malformed --shard', async () => {
    const dir = writeSite({ 'content/articles/a.md': md({ title: 'A', date: '2025-01-01', author: 'X' }) });
    const r = await cli(['build', dir, '--shard', '4/3']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--shard');
  });
});

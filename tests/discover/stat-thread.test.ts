import { lstatSync, mkdirSync, mkdtempSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StatThread } from '../../src/discover/stat-thread.js';

// The thread a warm build on a large site stats its files and the output's folders on: its answers
// must be what the build's own `stat` and `lstat` would have said, a link and a missing path too.

let thread: StatThread | undefined;
afterEach(() => thread?.close());

describe('the stat thread', () => {
  it('gives each file\'s size and time as statSync does (links followed), and nothing for one that is not there', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dateline-stat-'));
    writeFileSync(path.join(dir, 'a.md'), 'twelve bytes');
    writeFileSync(path.join(dir, '重庆.md'), '');
    symlinkSync(path.join(dir, 'a.md'), path.join(dir, 'link.md'));
    thread = new StatThread();
    const names = ['a.md', '重庆.md', 'link.md', 'gone.md'];
    const sigs = await thread.files(names.map((n) => path.join(dir, n)));
    for (const [i, n] of names.slice(0, 3).entries()) {
      const st = statSync(path.join(dir, n));
      expect(sigs[i]).toEqual({ size: st.size, mtimeMs: st.mtimeMs });
    }
    expect(sigs[0]!.size).toBe(12);
    expect(sigs[3]).toBeUndefined();
  });

  it('gives the time of every folder output paths lie in, as lstat does: none for a link, a file or a folder not there', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'dateline-stat-out-'));
    mkdirSync(path.join(out, '2025/01/01/a'), { recursive: true });
    mkdirSync(path.join(out, 'tags'));
    const elsewhere = mkdtempSync(path.join(tmpdir(), 'dateline-stat-elsewhere-'));
    symlinkSync(elsewhere, path.join(out, 'linked'));
    writeFileSync(path.join(out, 'plain'), 'a file where a folder was');
    thread = new StatThread();
    const times = await thread.folders(out, ['index.html', '2025/01/01/a/index.html', 'tags/index.xml', 'linked/index.html', 'plain/index.html', 'missing/x/index.html']);
    expect([...times.keys()].sort()).toEqual(['', '2025', '2025/01', '2025/01/01', '2025/01/01/a', 'linked', 'missing', 'missing/x', 'plain', 'tags']);
    for (const d of ['', '2025', '2025/01', '2025/01/01', '2025/01/01/a', 'tags']) expect(times.get(d)).toBe(lstatSync(path.join(out, d)).mtimeMs);
    for (const d of ['linked', 'plain', 'missing', 'missing/x']) expect(times.get(d)).toBeNaN();
  });

  it('answers questions asked together, each with its own answer, and refuses them once closed', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dateline-stat-'));
    writeFileSync(path.join(dir, 'one'), '1');
    writeFileSync(path.join(dir, 'three'), '333');
    thread = new StatThread();
    const [a, b, c] = await Promise.all([thread.files([path.join(dir, 'one')]), thread.folders(dir, ['one']), thread.files([path.join(dir, 'three'), path.join(dir, 'one')])]);
    expect(a.map((s) => s?.size)).toEqual([1]);
    expect([...b.keys()]).toEqual(['']);
    expect(c.map((s) => s?.size)).toEqual([3, 1]);
    thread.close();
    await new Promise((r) => setTimeout(r, 50));
    await expect(thread.files([path.join(dir, 'one')])).rejects.toThrow();
  });
});

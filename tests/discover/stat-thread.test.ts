import { lstatSync, mkdirSync, mkdtempSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { fileHasher } from '../../src/discover/source-kind.js';
import { StatThread } from '../../src/discover/stat-thread.js';
import { BIN, cli, md, REPO, writeSite } from '../helpers/site.js';

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
      expect(sigs[i]).toEqual({ size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, ino: st.ino });
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

  it('stops where it is when the build asks for the rest, and gives what it has: undefined only for the files it had not reached', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dateline-stat-'));
    writeFileSync(path.join(dir, 'a.md'), 'twelve bytes');
    const st = statSync(path.join(dir, 'a.md'));
    thread = new StatThread();
    // Started, so that it is at work when the rest is asked for.
    expect(await thread.files([path.join(dir, 'a.md')])).toEqual([{ size: 12, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, ino: st.ino }]);
    // Far more than it stats in the time a timer takes to fire, even late on a loaded machine.
    const n = 200_000;
    const asked = thread.filesUntil(Array.from({ length: n }, () => path.join(dir, 'a.md')));
    await new Promise((r) => setTimeout(r, 5));
    const sigs = await asked.rest();
    expect(sigs).toHaveLength(n);
    const left = sigs.filter((s) => s === undefined).length;
    expect(left).toBeGreaterThan(0);
    for (const s of sigs) if (s !== undefined) expect(s).toEqual({ size: 12, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, ino: st.ino });
    // What it had reached is a run from the first file: it took them in order.
    expect(sigs.slice(0, n - left).every((s) => s !== undefined)).toBe(true);
  });

  it('hashes files as fileHasher does: the same SHA-1, and none for a file not of the size given or not there', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dateline-hash-'));
    const files: Record<string, string | Buffer> = {
      'story.md': '---\ntitle: 重庆\n---\nWords.\n',
      'empty.md': '',
      'large.md': 'x'.repeat(200_000),
      'latin1.md': Buffer.from([0x63, 0x61, 0x66, 0xe9]),
    };
    for (const [name, body] of Object.entries(files)) writeFileSync(path.join(dir, name), body);
    const asked = [
      ...Object.keys(files).map((name) => ({ abs: path.join(dir, name), size: statSync(path.join(dir, name)).size })),
      { abs: path.join(dir, 'story.md'), size: 3 },
      { abs: path.join(dir, 'large.md'), size: 300_000 },
      { abs: path.join(dir, 'gone.md'), size: 0 },
    ];
    const here = fileHasher();
    const expected = asked.map((f) => here(f.abs, f.size));
    expect(expected.slice(0, 4).every((h) => /^[0-9a-f]{40}$/.test(h!))).toBe(true);
    expect(expected.slice(4)).toEqual([undefined, undefined, undefined]);
    thread = new StatThread();
    // The thread alone, then the two threads together, the build's one slowed so that both take some.
    expect(await thread.hashTogether(asked)).toEqual(expected);
    const many = Array.from({ length: 100 }, (_, i) => asked[i % asked.length]);
    let hashedHere = 0;
    const slow = (abs: string, size: number) => {
      hashedHere++;
      const until = Date.now() + 10;
      while (Date.now() < until);
      return here(abs, size);
    };
    expect(await thread.hashTogether(many, slow)).toEqual(many.map((f) => here(f.abs, f.size)));
    expect(hashedHere).toBeGreaterThan(0);
    expect(hashedHere).toBeLessThan(many.length);
  });

  // The thread only saves time: a build that stops early, or a machine where threads cannot start,
  // is as it would be without it. DATELINE_TEST_STAT_THREAD starts it for a site of one story.
  const STORY = { 'content/articles/a.md': md({ title: 'Alpha', date: '2025-01-01', author: 'Ran Zheng' }) };

  it('leaves no answer unhandled when the build stops before it takes one: the calling process lives on', async () => {
    const dir = writeSite(STORY);
    // A build through the package's API that stops at a bad clock, after the thread was asked.
    const script = `import { build } from ${JSON.stringify(path.join(REPO, 'lib', 'index.js'))};
const r = await build({ siteDir: ${JSON.stringify(dir)}, now: 'not a time' });
console.log(r.ok, r.diagnostics.map((d) => d.code).join());
await new Promise((done) => setTimeout(done, 500));
console.log('alive');`;
    const run = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, DATELINE_TEST_STAT_THREAD: '1' } }, (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }));
    });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('false BAD_NOW\nalive\n');
    expect(run.code).toBe(0);
  });

  it('builds where Node may not start threads (its permission model), without the thread', async () => {
    const dir = writeSite(STORY);
    const run = await new Promise<{ code: number; stderr: string }>((resolve) => {
      execFile(process.execPath, ['--experimental-permission', '--allow-fs-read=*', '--allow-fs-write=*', BIN, 'build', dir, '--now', '2026-01-01T00:00:00Z'], { env: { ...process.env, DATELINE_TEST_STAT_THREAD: '1', GITHUB_ACTIONS: '' } }, (err, _stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stderr }));
    });
    expect(run.stderr.replace(/^\(node:\d+\) ExperimentalWarning: .*\n(\(Use .*\n)?/m, '')).toBe('');
    expect(run.code).toBe(0);
    // And the next build, from the cache, the same way.
    expect((await cli(['build', dir, '--now', '2026-01-01T00:00:00Z'], { env: { DATELINE_TEST_STAT_THREAD: '1' } })).code).toBe(0);
  });
});

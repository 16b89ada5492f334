import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { createProgress, PROGRESS_AFTER_MS, progressDelayMs, timingTable } from '../../src/publish/report.js';
import { BIN, cli, md, read, writeSite } from '../helpers/site.js';
import { photo } from '../helpers/photos.js';

const NOW = '2026-06-01T00:00:00Z';
const STAGES = ['config', 'discover', 'parse', 'model', 'plan', 'render', 'write'];
/** The pipeline's stages, in order, among whatever else the build times (cache, manifest…). */
const inOrder = (names: string[]) => names.filter((n) => STAGES.includes(n));

/** The pages the footer and the cookie notice link to: without them, `check` finds those links broken. */
const PAGES = {
  'content/pages/about-us.md': md({ title: 'About Us' }),
  'content/pages/privacy-cookie-policy.md': md({ title: 'Privacy & Cookie Policy' }),
};

/** A site whose only problem is a warning: a lead image without alt text. */
const warnSite = () =>
  writeSite({
    'static/images/bridge.jpg': photo(),
    'content/articles/a.md': md({ title: 'Bridge', date: '2025-03-01 09:00', author: 'Tan Yuxin', image: { src: '/images/bridge.jpg' } }),
  });

describe('build output for machines: --json', () => {
  it('prints only a JSON summary on stdout: counts, stage timings, warnings with file and line', async () => {
    const dir = warnSite();
    const r = await cli(['build', dir, '--now', NOW, '--json', '--manifest', path.join(dir, 'm.json')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ command: 'build', ok: true, exitCode: 0, outDir: path.join(dir, 'dist'), manifest: path.join(dir, 'm.json') });
    expect(j.counts).toMatchObject({ articles: 1, warnings: 1, errors: 0 });
    expect(j.counts.pages).toBeGreaterThan(1);
    expect(j.counts.files).toBeGreaterThan(j.counts.pages);
    expect(inOrder(Object.keys(j.timings))).toEqual(STAGES);
    expect(Object.keys(j.timings).at(-1)).toBe('manifest');
    for (const ms of Object.values(j.timings)) expect(typeof ms).toBe('number');
    expect(j.warnings).toEqual([expect.objectContaining({ code: 'MISSING_ALT', file: 'content/articles/a.md', line: 5, hint: expect.stringContaining('alt') })]);
    expect(j.errors).toEqual([]);
  });

  it('reports errors with file and line, exit 1, and still nothing but JSON on stdout', async () => {
    const dir = writeSite({ ...PAGES, 'content/articles/a.md': md({ title: 'Bad date', date: '2025-13-45', author: 'Tan Yuxin' }) });
    const r = await cli(['check', dir, '--json']);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ command: 'check', ok: false, exitCode: 1, outDir: null });
    expect(j.errors).toEqual([expect.objectContaining({ code: 'BAD_DATE', file: 'content/articles/a.md', line: 3, column: expect.any(Number) })]);
  });
});

describe('build output for people', () => {
  it('--strict turns warnings into errors: exit 1 and the previous dist/ stays', async () => {
    const dir = writeSite(PAGES, warnSite());
    expect((await cli(['build', dir, '--now', NOW])).code).toBe(0);
    const before = read(path.join(dir, 'dist/index.html'));
    const r = await cli(['build', dir, '--now', NOW, '--strict']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error[MISSING_ALT] content/articles/a.md:5');
    expect(r.stderr).toContain('(a warning, an error under --strict)');
    expect(r.stdout).toBe('');
    expect(read(path.join(dir, 'dist/index.html'))).toBe(before);
    const j = JSON.parse((await cli(['check', dir, '--strict', '--json'])).stdout);
    expect(j).toMatchObject({ ok: false, exitCode: 1, counts: { warnings: 0, errors: 1 } });
  });

  it('--quiet prints only errors; a plain build prints warnings and one summary line', async () => {
    const dir = warnSite();
    const quiet = await cli(['build', dir, '--now', NOW, '--quiet']);
    expect(quiet).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const plain = await cli(['build', dir, '--now', NOW]);
    expect(plain.stderr).toContain('warning[MISSING_ALT]');
    expect(plain.stdout.trim().split('\n')).toHaveLength(1);
    const broken = writeSite({ 'content/articles/a.md': md({ title: 'No date', author: 'Tan Yuxin' }) });
    const err = await cli(['build', broken, '--quiet']);
    expect(err.code).toBe(1);
    expect(err.stdout).toBe('');
    expect(err.stderr).toContain('error[MISSING_FIELD] content/articles/a.md');
  });

  it('--timings prints a table with every stage and the total', async () => {
    const dir = warnSite();
    const r = await cli(['build', dir, '--now', NOW, '--timings']);
    expect(r.code).toBe(0);
    const rows = r.stdout.trim().split('\n').slice(2);
    const names = rows.map((l) => l.split(/\s+/)[0]);
    expect(inOrder(names)).toEqual(STAGES);
    expect(names.at(-1)).toBe('total');
    for (const row of rows) expect(row).toMatch(/^\w+\s+\d+\.\d ms/);
  });

  it('exits 2 for usage errors: an unknown option, a missing site folder', async () => {
    expect((await cli(['build', '--no-such-flag'])).code).toBe(2);
    const missing = await cli(['build', '/no/such/site']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('does not exist');
    expect(existsSync('/no/such/site')).toBe(false);
  });
});

/**
 * Runs the real bin on a pseudo-terminal made by util-linux's `script` (stdout and stderr both a
 * TTY, as in an editor's terminal); resolves to what the terminal received.
 */
function inTerminal(args: string[], env: Record<string, string>): Promise<{ code: number | null; screen: string }> {
  const quote = (a: string) => `'${a.replace(/'/g, `'\\''`)}'`;
  const child = spawn('script', ['-qfec', [process.execPath, BIN, ...args].map(quote).join(' '), '/dev/null'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let screen = '';
  child.stdout.on('data', (d: Buffer) => (screen += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => (screen += d.toString('utf8')));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, screen })));
}

describe('progress', () => {
  it('shows stage and count on a terminal through the real bin, and erases the line before the summary', async () => {
    const dir = writeSite({
      'content/articles/a.md': md({ title: 'A', date: '2025-03-01 09:00', author: 'Tan Yuxin' }),
      'content/articles/b.md': md({ title: 'B', date: '2025-03-02 09:00', author: 'Tan Yuxin' }),
    });
    const now = ['--now', NOW, '--no-cache'];
    // No wait before the first line: what a build longer than PROGRESS_AFTER_MS shows.
    const env = { DATELINE_PROGRESS_DELAY_MS: '0' };
    const shown = await inTerminal(['build', dir, ...now], env);
    expect(shown.code, shown.screen).toBe(0);
    const lines = [...shown.screen.matchAll(/\r\x1b\[K(\w+) (\d+)\/(\d+)/g)].map((m) => [m[1], Number(m[2]), Number(m[3])] as const);
    expect(lines.map(([stage]) => stage)).toEqual(['parse', 'render']);
    expect(lines[0]).toEqual(['parse', 2, 2]);
    expect(lines[1][1]).toBe(lines[1][2]);
    expect(lines[1][2]).toBeGreaterThan(2);
    // The last count is erased, and the summary starts on a clean line.
    expect(shown.screen).toMatch(/\r\x1b\[Krender \d+\/\d+\r\x1b\[KBuilt 2 articles/);
    // --quiet, --json and a build whose output is not a terminal show none.
    for (const flag of ['--quiet', '--json']) {
      const r = await inTerminal(['build', dir, ...now, flag], env);
      expect(r.code, r.screen).toBe(0);
      expect(r.screen, flag).not.toContain('\x1b[K');
    }
    const piped = await cli(['build', dir, ...now], { env });
    expect(piped.code).toBe(0);
    expect(piped.stderr + piped.stdout).not.toContain('\x1b');
  });

  it('takes its delay from DATELINE_PROGRESS_DELAY_MS only when that is a whole number of milliseconds', () => {
    expect(progressDelayMs({})).toBe(PROGRESS_AFTER_MS);
    expect(progressDelayMs({ DATELINE_PROGRESS_DELAY_MS: '0' })).toBe(0);
    expect(progressDelayMs({ DATELINE_PROGRESS_DELAY_MS: '250' })).toBe(250);
    for (const bad of ['', 'soon', '-1', '1.5']) expect(progressDelayMs({ DATELINE_PROGRESS_DELAY_MS: bad }), bad).toBe(PROGRESS_AFTER_MS);
  });

  it('reports stage and count for parse and render, ending at the total', async () => {
    const calls: [string, number, number][] = [];
    const r = await build({ siteDir: warnSite(), mode: 'memory', now: NOW, onProgress: (stage, done, total) => calls.push([stage, done, total]) });
    expect(r.ok).toBe(true);
    const last = (stage: string) => calls.filter((c) => c[0] === stage).pop();
    expect(last('parse')).toEqual(['parse', 1, 1]);
    expect(last('render')).toEqual(['render', r.renderCount, r.renderCount]);
  });

  it('draws one line on a terminal only once the build has run for a while, and erases it at the end', () => {
    let written = '';
    let clock = 0;
    const p = createProgress({ write: (s: string) => (written += s) }, { delayMs: 1000, intervalMs: 100, now: () => clock });
    p.update('render', 1, 500);
    expect(written).toBe('');
    clock = 1200;
    p.update('render', 200, 500);
    expect(written).toBe('\r\x1b[Krender 200/500');
    clock = 1250;
    p.update('render', 201, 500);
    expect(written).toBe('\r\x1b[Krender 200/500');
    p.update('render', 500, 500);
    expect(written.endsWith('\r\x1b[Krender 500/500')).toBe(true);
    p.end();
    expect(written.endsWith('\r\x1b[K')).toBe(true);
  });

  it('formats the timing table with each stage\'s share of the build', () => {
    expect(timingTable({ parse: 30, render: 70 }, 0.1)).toBe(['stage       time', 'parse    30.0 ms   30%', 'render   70.0 ms   70%', 'total   100.0 ms'].join('\n'));
  });
});

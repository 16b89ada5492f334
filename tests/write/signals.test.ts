import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OUTPUT_MARK, UNTRACKED_MARK } from '../../src/write/in-place.js';
import { walkFiles } from '../../src/write/walk.js';
import { BIN, cli, coldBuild as buildCold, md, REPO, tree, writeSite } from '../helpers/site.js';

const NOW = '2026-01-01T00:00:00Z';

/** A small site; `edit` appends to one story, so that a second build changes it. */
function smallSite(): { dir: string; edit: () => void } {
  const files: Record<string, string> = {};
  for (let i = 1; i <= 6; i++) files[`content/articles/story-${i}.md`] = md({ title: `Story ${i}`, date: `2025-01-0${i}`, author: 'Li Wei', tags: ['city'] });
  const dir = writeSite(files);
  return { dir, edit: () => appendFileSync(path.join(dir, 'content/articles/story-3.md'), '\nA correction.\n') };
}

/** The site as a build from nothing makes it now, in a folder of its own. */
async function coldBuild(dir: string): Promise<Map<string, string>> {
  const out = mkdtempSync(path.join(tmpdir(), 'dateline-cold-'));
  rmSync(out, { recursive: true });
  await buildCold(dir, out, { now: NOW });
  return tree(out);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(file: string): Promise<void> {
  for (let i = 0; i < 1500 && !existsSync(file); i++) await sleep(20);
  expect(existsSync(file), `the build never reached ${file}`).toBe(true);
}

/**
 * The real bin, paused by its test hook (src/write/critical.ts) at `point`; `signal` is sent there,
 * then the pause is let go. Resolves to how the process ended.
 */
async function interrupted(dir: string, args: string[], point: 'swap' | 'put' | 'staged' | 'manifest', signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  const pauseFile = path.join(mkdtempSync(path.join(tmpdir(), 'dateline-pause-')), 'paused');
  const child = spawn(process.execPath, [BIN, 'build', dir, '--now', NOW, '-q', ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DATELINE_TEST_PAUSE_AT: point, DATELINE_TEST_PAUSE_FILE: pauseFile } });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) => child.on('close', (code, sig) => resolve({ code, signal: sig, stdout, stderr })));
  await waitFor(pauseFile);
  child.kill(signal);
  // Time for the signal to reach the process's handler while it waits.
  await sleep(200);
  rmSync(pauseFile, { force: true });
  return ended;
}

const beside = (dir: string) => readdirSync(dir).filter((n) => n.startsWith('.dist.'));
const stagedFiles = (out: string) => {
  const found: string[] = [];
  walkFiles(out, (abs, rel) => abs.includes('.dateline-tmp-') && found.push(rel));
  return found;
};

describe('a build interrupted while it changes the live output folder', () => {
  it('SIGTERM while a cached build\'s pages are staged beside their places: they are taken out, dist/ is the old site, --json says so', async () => {
    const files: Record<string, string> = {};
    for (let i = 1; i <= 90; i++) files[`content/articles/story-${i}.md`] = md({ title: `Story ${i}`, date: `2025-0${1 + (i % 9)}-1${i % 10}`, author: 'Li Wei', tags: [`t${i % 4}`] });
    const dir = writeSite(files);
    expect((await cli(['build', dir, '--now', NOW, '-q', '--workers', '2'])).code).toBe(0);
    const old = tree(path.join(dir, 'dist'));
    // Every page again: the site's own base.njk.
    mkdirSync(path.join(dir, 'templates'), { recursive: true });
    writeFileSync(path.join(dir, 'templates', 'base.njk'), `${readFileSync(path.join(REPO, 'templates', 'base.njk'), 'utf8')}\n{# edited #}\n`);
    const r = await interrupted(dir, ['--workers', '2', '--json'], 'staged', 'SIGTERM');
    expect(r.code).toBe(143);
    expect(JSON.parse(r.stdout)).toMatchObject({ command: 'build', ok: false, exitCode: 143, errors: [{ code: 'SIGNAL' }] });
    expect(JSON.parse(r.stdout).errors[0].message).toContain("the output folder is the last build's");
    expect(stagedFiles(path.join(dir, 'dist'))).toEqual([]);
    expect(tree(path.join(dir, 'dist'))).toEqual(old);
  });


  it('SIGTERM during the swap: the swap ends, the build exits 143, dist/ is the new site whole', async () => {
    const { dir, edit } = smallSite();
    expect((await cli(['build', dir, '--now', NOW, '--no-cache', '-q'])).code).toBe(0);
    const old = tree(path.join(dir, 'dist'));
    edit();
    const fresh = await coldBuild(dir);
    expect(fresh).not.toEqual(old);
    const end = await interrupted(dir, ['--no-cache'], 'swap', 'SIGTERM');
    expect(end).toMatchObject({ code: 143, signal: null });
    // The CI log says why the job ended, and what dist/ holds (also with -q).
    expect(end.stderr).toContain("Stopped by SIGTERM while the new site was put in place, which ended first: the output folder is this build's, whole.");
    expect(tree(path.join(dir, 'dist'))).toEqual(fresh);
    expect(beside(dir)).toEqual([]);
  });

  it.each([
    ['a full build', ['--no-cache']],
    ['a cached build', []],
  ])('SIGTERM after %s put the new site in place (while --manifest reads it): the message says dist/ is this build\'s', async (_, flags) => {
    const { dir, edit } = smallSite();
    expect((await cli(['build', dir, '--now', NOW, '-q'])).code).toBe(0);
    edit();
    const fresh = await coldBuild(dir);
    const manifest = path.join(mkdtempSync(path.join(tmpdir(), 'dateline-manifest-')), 'manifest.json');
    const end = await interrupted(dir, [...flags, '--manifest', manifest], 'manifest', 'SIGTERM');
    expect(end).toMatchObject({ code: 143, signal: null });
    expect(tree(path.join(dir, 'dist'))).toEqual(fresh);
    // Not "the last build's, as it was": a deploy step that trusted that would skip the new site.
    expect(end.stderr).toContain("the output folder is this build's, whole.");
    expect(end.stderr).not.toContain("the last build's");
  });

  it('SIGKILL during the swap: the next build puts the old site back before anything else', async () => {
    const { dir, edit } = smallSite();
    expect((await cli(['build', dir, '--now', NOW, '--no-cache', '-q'])).code).toBe(0);
    const old = tree(path.join(dir, 'dist'));
    edit();
    const end = await interrupted(dir, ['--no-cache'], 'swap', 'SIGKILL');
    expect(end.signal).toBe('SIGKILL');
    // Killed between the two renames: no dist/, the old site beside it.
    expect(existsSync(path.join(dir, 'dist'))).toBe(false);
    expect(beside(dir).filter((n) => n.endsWith('.old'))).toHaveLength(1);
    // A build that fails still finds the live site where it was.
    const broken = path.join(dir, 'content/articles/broken.md');
    writeFileSync(broken, md({ date: '2025-02-01', author: 'Li Wei' }));
    expect((await cli(['build', dir, '--now', NOW, '-q'])).code).toBe(1);
    expect(tree(path.join(dir, 'dist'))).toEqual(old);
    rmSync(broken);
    expect((await cli(['build', dir, '--now', NOW, '-q'])).code).toBe(0);
    expect(tree(path.join(dir, 'dist'))).toEqual(await coldBuild(dir));
    expect(beside(dir)).toEqual([]);
  });

  // A body edit takes the cached build's fast path (pages, then the search index, then the mark);
  // a new headline the full path (all at once).
  it.each([
    ['a body edit', (edit: () => void) => edit()],
    ['a new headline', (_: () => void, dir: string) => writeFileSync(path.join(dir, 'content/articles/story-2.md'), md({ title: 'Story Two, retitled', date: '2025-01-02', author: 'Li Wei', tags: ['city'] }))],
  ])('SIGINT while a cached build puts its pages in place (%s): all go in, marked, and it exits 130', async (_, change) => {
    const { dir, edit } = smallSite();
    expect((await cli(['build', dir, '--now', NOW, '-q'])).code).toBe(0);
    const markBefore = readFileSync(path.join(dir, 'dist', OUTPUT_MARK), 'utf8');
    change(edit, dir);
    const fresh = await coldBuild(dir);
    const end = await interrupted(dir, [], 'put', 'SIGINT');
    expect(end).toMatchObject({ code: 130, signal: null });
    expect(tree(path.join(dir, 'dist'))).toEqual(fresh);
    expect(stagedFiles(path.join(dir, 'dist'))).toEqual([]);
    // The mark is written inside the section: the next cached build trusts the folder.
    const markAfter = readFileSync(path.join(dir, 'dist', OUTPUT_MARK), 'utf8');
    expect(markAfter).not.toBe(markBefore);
    const next = await cli(['build', dir, '--now', NOW, '--json']);
    expect(JSON.parse(next.stdout).counts.rendered).toBe(0);
  });

  it('SIGKILL while a cached build puts its pages in place: the folder is unmarked, and the next build makes it whole', async () => {
    const { dir, edit } = smallSite();
    expect((await cli(['build', dir, '--now', NOW, '-q'])).code).toBe(0);
    const old = tree(path.join(dir, 'dist'));
    edit();
    const fresh = await coldBuild(dir);
    const end = await interrupted(dir, [], 'put', 'SIGKILL');
    expect(end.signal).toBe('SIGKILL');
    // Half old, half new: without the mark no build trusts it.
    const half = tree(path.join(dir, 'dist'));
    expect(half).not.toEqual(old);
    expect(half).not.toEqual(fresh);
    // Marked as a build's folder that no record describes: the next build writes it whole.
    expect(readFileSync(path.join(dir, 'dist', OUTPUT_MARK), 'utf8')).toBe(UNTRACKED_MARK);
    expect((await cli(['build', dir, '--now', NOW, '-q'])).code).toBe(0);
    expect(tree(path.join(dir, 'dist'))).toEqual(fresh);
    expect(stagedFiles(path.join(dir, 'dist'))).toEqual([]);
    expect(beside(dir)).toEqual([]);
  });
});

describe('leftovers named with the build\'s own pid (a container, where every build is pid 1)', () => {
  it('are removed before the build writes, and never published', async () => {
    const { dir, edit } = smallSite();
    expect((await cli(['build', dir, '--now', NOW, '-q'])).code).toBe(0);
    edit();
    const manifest = path.join(dir, '..', `${path.basename(dir)}-manifest.json`);
    // The real bin, in a process that first plants what a killed build of its own pid would leave.
    const script = `
      import { mkdirSync, writeFileSync } from 'node:fs';
      const [dir, bin, ...args] = process.argv.slice(1);
      const pid = process.pid;
      writeFileSync(dir + '/dist/index.html.dateline-tmp-' + pid, '<p>half');
      mkdirSync(dir + '/.dist.tmp-' + pid + '-cafe0001/x', { recursive: true });
      writeFileSync(dir + '/.dist.tmp-' + pid + '-cafe0001/x/index.html', '<p>half');
      writeFileSync(dir + '/.dist.staging-' + pid, '');
      process.argv = [process.argv[0], bin, ...args];
      await import(bin);
    `;
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, ['--input-type=module', '-e', script, dir, BIN, 'build', dir, '--now', NOW, '-q', '--manifest', manifest], { cwd: REPO, stdio: 'ignore' });
      child.on('exit', resolve);
    });
    expect(code).toBe(0);
    expect(stagedFiles(path.join(dir, 'dist'))).toEqual([]);
    expect(beside(dir)).toEqual([]);
    expect(readFileSync(manifest, 'utf8')).not.toContain('dateline-tmp');
    expect(tree(path.join(dir, 'dist'))).toEqual(await coldBuild(dir));
  });
});

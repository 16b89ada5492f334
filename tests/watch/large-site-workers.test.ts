import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cli, md, REPO, tree, writeSite } from '../helpers/site.js';
import { NOW, spawnCli, stopChild, waitFor, type Running } from '../helpers/watch.js';

/**
 * A watch session on a very large site (30,000 content files; 220 here, through the test hook)
 * lets its worker threads go after each build: kept between saves with the garbage of the pages
 * they wrote, they held 800 MB of 1.9 GB at 100,000 articles. A later build that needs workers
 * starts new ones, and writes what a cold build writes.
 */
const ARTICLES = 220;

function files(): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < ARTICLES; i++) {
    const day = String((i % 28) + 1).padStart(2, '0');
    out[`content/articles/story-${i}.md`] = md({ title: `Story number ${i}`, date: `2025-03-${day}T09:00:00+08:00`, author: 'Ran Zheng', tags: [`Tag ${i % 7}`] }, `Words of story ${i}.`);
  }
  return out;
}

/** The threads of a process (Node's own, V8's, libuv's and one per worker). */
const threads = (pid: number) => readdirSync(`/proc/${pid}/task`).length;

let child: Running | undefined;
afterEach(async () => {
  await stopChild(child);
  child = undefined;
  delete process.env.DATELINE_TEST_LARGE_SITE;
});

/** `build --watch` with two workers, into its own output and cache folders: a cold first build, which parses and renders in them. */
const watchArgs = (dir: string, label: string, workers = 2) => ['build', dir, '--watch', '--workers', String(workers), '-o', path.join(dir, `out-${label}`), '--cache-dir', path.join(dir, `.cache-${label}`), '--now', NOW];

/** Starts `build --watch` and waits for its first build; resolves to the process's thread count then. */
async function session(dir: string, label: string, workers: number): Promise<number> {
  const c = (child = spawnCli(watchArgs(dir, label, workers)));
  await waitFor(() => /Built: /.test(c.stdout()), 'the first build');
  // What a build starts or stops settles after it says so: count once the number holds.
  let last = -1;
  return waitFor(async () => {
    const n = threads(c.proc.pid!);
    const same = n === last;
    last = n;
    await new Promise((r) => setTimeout(r, 300));
    return same ? n : 0;
  }, 'a steady thread count');
}

/** A session on the site as a very large one (the test hook's mark at its size); resolves once its first build's workers are gone. */
async function largeSession(dir: string, base: number): Promise<Running> {
  process.env.DATELINE_TEST_LARGE_SITE = String(ARTICLES);
  const c = (child = spawnCli(watchArgs(dir, 'large')));
  await waitFor(() => /Built: /.test(c.stdout()), 'the first build');
  await waitFor(() => threads(c.proc.pid!) === base, `the workers to go (${base} threads)`);
  return c;
}

/** A partial every page shows, replaced by the site's own: every page renders again. */
function editFooter(dir: string): void {
  mkdirSync(path.join(dir, 'templates/partials'), { recursive: true });
  const footer = readFileSync(path.join(REPO, 'templates/partials/footer.njk'), 'utf8');
  writeFileSync(path.join(dir, 'templates/partials/footer.njk'), `<p class="edited">Edited footer</p>\n${footer}`);
}

describe.skipIf(process.platform !== 'linux')('a watch session on a very large site', () => {
  it('keeps no worker threads between builds, and a template edit after that builds what a cold build does', async () => {
    const dir = writeSite(files());
    const base = await session(dir, 'none', 0);
    await stopChild(child);
    // A site below the mark keeps its two workers: the count tells them apart.
    expect(await session(dir, 'kept', 2)).toBe(base + 2);
    await stopChild(child);

    const c = await largeSession(dir, base);

    // Every page renders again, in new workers.
    editFooter(dir);
    await waitFor(() => /Rebuilt/.test(c.stdout()), 'the rebuild after the template edit');
    await waitFor(() => threads(c.proc.pid!) === base, 'the new workers to go');
    const watched = tree(path.join(dir, 'out-large'));
    expect(watched.get('2025/03/01/story-0/index.html')).toContain('Edited footer');

    await stopChild(child);
    child = undefined;
    delete process.env.DATELINE_TEST_LARGE_SITE;
    const cold = await cli(['build', dir, '-o', path.join(dir, 'cold'), '--no-cache', '--now', NOW]);
    expect(cold.code).toBe(0);
    expect([...watched.keys()].sort()).toEqual([...tree(path.join(dir, 'cold')).keys()].sort());
    for (const [p, text] of tree(path.join(dir, 'cold'))) expect(watched.get(p), p).toBe(text);
  });

  it('keeps none after a build that stopped at an error either, which checked the rest of the site in them', async () => {
    const dir = writeSite(files());
    const base = await session(dir, 'none', 0);
    await stopChild(child);

    const c = await largeSession(dir, base);

    // A story with a mistake (the build stops at it), then a template edit: every page is rendered
    // again, in new workers, to say the templates' mistakes with the story's.
    writeFileSync(path.join(dir, 'content/articles/story-1.md'), md({ title: 'Story number 1', date: '2025-02-30T09:00:00+08:00', author: 'Ran Zheng' }, 'Words.'));
    await waitFor(() => /1 error/.test(c.stderr()), 'the failed build');
    editFooter(dir);
    await waitFor(() => (c.stderr().match(/1 error/g) ?? []).length >= 2, 'the second failed build');
    await waitFor(() => threads(c.proc.pid!) === base, `the workers to go after the failed build (${base} threads)`);
  });
});

import { copyFileSync, mkdtempSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, coldBuild, dateline, DEFAULT_CONFIG, md, tree, writeSite } from '../helpers/site.js';
import { spawnCli, stopChild, waitFor } from '../helpers/watch.js';
import { checkOf, crc32 } from '../../src/cache/damage.js';
import { createBodyReader, createSegmentWriter } from '../../src/cache/bodies.js';
import { photo } from '../helpers/photos.js';

const NOW = ['--now', '2026-01-01T00:00:00Z'];
const NOTE = /^note: the build cache was damaged \(([^)]+)\); what it held there was built again without it\.$/m;

const story = (i: number, extra = '') =>
  md({ title: `Story ${i}`, date: `2025-0${1 + (i % 9)}-1${i % 10}`, author: 'Ran Zheng', tags: [`t${i % 3}`], summary: `Story ${i}.` }, `Body of story ${i}, with some words${extra}.\n\n## Part ${i}\n\nMore text ${i}.`);

/** A site built twice with its cache (the second after a one-article edit, as on CI). */
async function builtSite(extra: Record<string, string | Uint8Array> = {}): Promise<string> {
  const files: Record<string, string | Uint8Array> = { ...extra };
  for (let i = 0; i < 8; i++) files[`content/articles/a${i}.md`] = story(i);
  const dir = writeSite(files);
  expect((await cli(['build', dir, ...NOW])).code).toBe(0);
  writeFileSync(path.join(dir, 'content/articles/a3.md'), story(3, ', edited'));
  expect((await cli(['build', dir, ...NOW])).code).toBe(0);
  return dir;
}

/** After damage: one more edit, a warm build that says so once and equals a cold one byte for byte. */
async function expectColdAfterDamage(dir: string, what: string) {
  writeFileSync(path.join(dir, 'content/articles/a5.md'), story(5, ', edited too'));
  const warm = await cli(['build', dir, ...NOW]);
  expect(warm.code).toBe(0);
  expect(warm.stderr).toMatch(NOTE);
  expect(NOTE.exec(warm.stderr)![1]).toBe(what);
  expect(warm.stderr).not.toMatch(/warning|error|\bat .*\.js:\d+/);
  const coldOut = path.join(mkdtempSync(path.join(tmpdir(), 'dateline-cold-')), 'dist');
  await coldBuild(dir, coldOut, { now: NOW[1] });
  expect(tree(path.join(dir, 'dist'))).toEqual(tree(coldOut));
  // Said once: the next build has a whole cache again.
  const next = await cli(['build', dir, '--strict', ...NOW]);
  expect(next.code).toBe(0);
  expect(next.stderr).toBe('');
}

const cacheFile = (dir: string, ...rel: string[]) => path.join(dir, '.dateline-cache', ...rel);

/**
 * The plan state's values apart (cache/build-cache.ts, planStateSteps: the state every edit reads,
 * the values, where each ends, the CRC of each, their count and the state's length, the file's
 * check), in the order incremental/plan-state.ts writes them (the listing pages' lists, the groups
 * of views, of articles and of jobs, and which jobs carry each body), and a way to put others of the same lengths in their place
 * with every check made again.
 */
function planValues(dir: string) {
  const file = cacheFile(dir, 'plan.v14');
  const bytes = readFileSync(file);
  const count = bytes.readUInt32LE(bytes.length - 20);
  const graphLength = bytes.readDoubleLE(bytes.length - 16);
  const trailerAt = bytes.length - 20 - count * 12;
  const ends = new Float64Array(new Uint8Array(bytes.subarray(trailerAt, trailerAt + count * 8)).buffer);
  const values = Array.from({ length: count }, (_, i) => bytes.subarray(graphLength + (i ? ends[i - 1] : 0), graphLength + ends[i]));
  const setValues = (others: Buffer[]) => {
    others.forEach((g, i) => {
      g.copy(bytes, graphLength + (i ? ends[i - 1] : 0));
      bytes.writeUInt32LE(crc32(g), trailerAt + count * 8 + i * 4);
    });
    const crc = crc32(bytes.subarray(trailerAt, bytes.length - 8), crc32(bytes.subarray(0, graphLength)));
    checkOf(bytes.length - 8, crc).copy(bytes, bytes.length - 8);
    writeFileSync(file, bytes);
  };
  return { file, bytes, values, setValues };
}
const segments = (dir: string) => readdirSync(cacheFile(dir, 'bodies')).filter((n) => n.endsWith('.seg')).map((n) => cacheFile(dir, 'bodies', n));

/** A letter of a word in the file's middle third changed ("Story" → "STory"): bytes that still read as a value. */
function flipText(file: string, word = 'Story') {
  const b = readFileSync(file);
  let at = b.indexOf(word, Math.floor(b.length / 3));
  if (at < 0) at = b.indexOf(word);
  expect(at).toBeGreaterThanOrEqual(0);
  b[at + 1] = 'T'.charCodeAt(0);
  writeFileSync(file, b);
}

describe('a damaged build cache (a CI cache restored in part) is never served', () => {
  it('a body segment with other bytes (a flipped letter) is read from the article again, not into the feeds and search index', async () => {
    const dir = await builtSite();
    for (const s of segments(dir)) flipText(s, 'Body of');
    await expectColdAfterDamage(dir, 'a body segment');
  });

  it('a body segment replaced by an older build\'s, or cut short, is read from the articles again', async () => {
    const dir = await builtSite();
    const all = segments(dir);
    expect(all.length).toBeGreaterThan(1);
    // The first build's segment under the name of the second's, and the other way round, cut short.
    const [a, b] = all;
    const bytesA = readFileSync(a);
    copyFileSync(b, a);
    writeFileSync(b, bytesA);
    truncateSync(b, Math.floor(bytesA.length / 2));
    await expectColdAfterDamage(dir, 'a body segment');
  });

  it('a transpiled config with other bytes does not fail the build or change its settings', async () => {
    // Types in it: a config that is plain JavaScript runs without a transpiler, and leaves nothing here.
    const dir = await builtSite({ 'dateline.config.ts': DEFAULT_CONFIG.replace("title: 'Test Herald'", "title: 'Test Herald' as string") });
    const transpiled = readdirSync(cacheFile(dir, 'config')).filter((n) => n.endsWith('.mjs'));
    expect(transpiled.length).toBeGreaterThan(0);
    for (const n of transpiled) {
      const file = cacheFile(dir, 'config', n);
      // The site's title, as a value that still runs: 'Test Herald' → 'Test HeRald'.
      const text = readFileSync(file, 'utf8');
      expect(text).toContain('Test Herald');
      writeFileSync(file, text.replace('Test Herald', 'Test HeRald'));
    }
    await expectColdAfterDamage(dir, 'its config transpile cache');
  });

  it('a plan state whole by its checks whose parts apart do not read (another V8\'s): the edit takes the full path, the same as a cold build', async () => {
    const dir = await builtSite();
    const { values, setValues } = planValues(dir);
    expect(values.length).toBeGreaterThan(0);
    // Every value apart garbled (the jobs' groups too) but the last, which the resumed state reads
    // at once (a garbled one there: not resumed at all), with the checks made again: bytes as
    // written, but no value.
    setValues(values.map((g, i) => (i === values.length - 1 ? g : Buffer.alloc(g.length, 0xff))));
    writeFileSync(path.join(dir, 'content/articles/a5.md'), story(5, ', edited too'));
    const warm = await cli(['build', dir, ...NOW, '--json'], { env: { DATELINE_DEBUG: '1' } });
    expect(warm.stderr).toBe('');
    expect(warm.code).toBe(0);
    // The full path, with its model and plan: the resumed one had no jobs to render from.
    expect(Object.keys((JSON.parse(warm.stdout) as { timings: Record<string, number> }).timings)).toEqual(expect.arrayContaining(['resume', 'model', 'plan']));
    const coldOut = path.join(mkdtempSync(path.join(tmpdir(), 'dateline-cold-')), 'dist');
    await coldBuild(dir, coldOut, { now: NOW[1] });
    expect(tree(path.join(dir, 'dist'))).toEqual(tree(coldOut));
  });

  it('parts of the plan state (groups of views, articles, jobs) with other bytes (a bit flipped in each) are noted when the edit reads one, and it is built without the plan', async () => {
    const dir = await builtSite();
    const { file, values, bytes } = planValues(dir);
    // Outside the graph and the trailer, which the file's check covers: each group has its own.
    for (const g of values) g[g.length >> 1] ^= 0x20;
    writeFileSync(file, bytes);
    await expectColdAfterDamage(dir, 'its plan state');
  });

  it('a site with page bundles, whose edit reads every story\'s place, with a part of the plan state damaged: noted, built without it', async () => {
    const dir = await builtSite({
      'content/articles/visit/index.md': md({ title: 'The visit', date: '2025-03-03', author: 'Ran Zheng', summary: 'A visit.' }, 'Words.\n\n![The bridge](bridge.jpg)'),
      'content/articles/visit/bridge.jpg': photo(),
    });
    const { file, values: parts, bytes } = planValues(dir);
    // The listing pages' lists, then the views' groups, the articles' and the jobs' (plan-state.ts):
    // nine stories, so one group of views and one of articles.
    const articles = parts[2];
    articles[articles.length >> 1] ^= 0x20;
    writeFileSync(file, bytes);
    await expectColdAfterDamage(dir, 'its plan state');
  });

  it('`build --json` after an edit that left a damaged part of the plan state unread: the summary\'s next change as a cold build\'s, nothing noted', async () => {
    // 120 stories a day apart, the newest yesterday (in the News sitemap until tomorrow): the feed
    // carries the 50 newest, the edit the oldest, and neither the articles between.
    const day = 86_400_000;
    const dated = (i: number, extra = '') => md({ title: `Story ${i}`, date: new Date(Date.parse('2025-12-31T08:00:00Z') - (119 - i) * day).toISOString(), author: 'Ran Zheng', tags: [`t${i % 3}`], summary: `Story ${i}.` }, `Body of story ${i}${extra}.`);
    const files: Record<string, string> = {};
    for (let i = 0; i < 120; i++) files[`content/articles/a${i}.md`] = dated(i);
    const dir = writeSite(files);
    const cold = await cli(['build', dir, ...NOW, '--json']);
    expect(cold.code).toBe(0);
    const { file, values: parts, bytes } = planValues(dir);
    // The lists, 8 groups of views, 4 of articles newest first: the third holds stories 55 to 24.
    const third = parts[1 + 8 + 2];
    third[third.length >> 1] ^= 0x20;
    writeFileSync(file, bytes);
    writeFileSync(path.join(dir, 'content/articles/a0.md'), dated(0, ', edited'));
    const warm = await cli(['build', dir, ...NOW, '--json'], { env: { DATELINE_DEBUG: '1' } });
    expect(warm.stderr).toBe('');
    expect(warm.code).toBe(0);
    const summary = (r: { stdout: string }) => JSON.parse(r.stdout) as { nextChange: { change: string; utc: string } | null; timings: Record<string, number> };
    expect(Object.keys(summary(warm).timings)).not.toContain('model');
    expect(summary(warm).nextChange).toEqual(summary(cold).nextChange);
    expect(summary(warm).nextChange).toMatchObject({ change: 'news-sitemap' });
    expect(readFileSync(path.join(dir, 'dist/2025/09/03/a0/index.html'), 'utf8')).toContain('Body of story 0, edited.');
  });

  it('an index, delta or plan state cut short, emptied or with other bytes is noted and built without', async () => {
    for (const [file, what, damage] of [
      ['build.v10', 'its index', (f: string) => truncateSync(f, 100)],
      ['build.delta.v10', 'its index', (f: string) => flipText(f)],
      ['plan.v14', 'its plan state', (f: string) => writeFileSync(f, '')],
      ['plan.v14', 'its plan state', (f: string) => truncateSync(f, 100)],
    ] as const) {
      const dir = await builtSite();
      damage(cacheFile(dir, file));
      await expectColdAfterDamage(dir, what);
    }
  });

  it('`build --watch` says so too, at its first build, and serves the articles\' own words', async () => {
    const dir = await builtSite();
    for (const s of segments(dir)) flipText(s, 'Body of');
    // An edit since: the session's first build renders the feeds again, from the bodies.
    writeFileSync(path.join(dir, 'content/articles/a5.md'), story(5, ', edited too'));
    const child = spawnCli(['build', dir, '--watch', ...NOW]);
    try {
      await waitFor(() => /Built/.test(child.stdout()), 'the first build');
      // Said on stderr before the build's line on stdout, but the two pipes are read apart.
      expect(await waitFor(() => NOTE.exec(child.stderr())?.[1], 'the note on stderr', 5_000)).toBe('a body segment');
      const feed = readFileSync(path.join(dir, 'dist/feed.xml'), 'utf8');
      expect(feed).toContain('Body of story 3, with some words, edited.');
      expect(feed).not.toContain('BTdy of');
    } finally {
      await stopChild(child);
    }
  });

  it('damage noted in the process before a build (a reader used on its own, an earlier builder) is not that build\'s note', async () => {
    // What the build cache's readers note is per thread; the test runner's worker runs file after
    // file in one process, and a build there printed what an earlier file's reader had found.
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'dateline-segments-'));
    const [ref] = createSegmentWriter(cacheDir)([{ html: '<p>A body.</p>', headings: [] }]);
    truncateSync(path.join(cacheDir, 'bodies', ref![0]), 3);
    expect(createBodyReader(cacheDir).read(ref!)).toBeUndefined();
    const r = await dateline(['build', writeSite({ 'content/articles/a.md': story(1) }), ...NOW]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });
});

import { createHash } from 'node:crypto';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fg from 'fast-glob';
import { describe, expect, it } from 'vitest';
import { build, createBuilder } from '../../src/build.js';
import { collectManifest, markManifest, type Manifest } from '../../src/publish/manifest.js';
import { dateline, md, REPO } from '../helpers/site.js';
import { smallNewsroom } from './newsroom.js';

// A cached `build --manifest` makes its manifest from the last one's (publish/manifest-record.ts):
// only the files it wrote, copied or removed are read again. Each case checks the manifest byte
// for byte against a cold build's of the same sources, and against the files in dist/ themselves.
const NOW = '2026-06-01T00:00:00Z';

const newsroom = () => smallNewsroom('Freight volumes doubled at the port.', { 'static/images/map.png': 'PNG-ONE-0123456789' });

interface Built {
  text: string;
  manifest: Manifest;
  rendered: number;
  hashed: number | null;
}

/** `build --manifest --json` of the site as it is, with its cache and dist/. */
async function cached(dir: string): Promise<Built> {
  const file = path.join(dir, 'manifest.json');
  const r = await dateline(['build', dir, '--now', NOW, '--manifest', file, '--json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const counts = (JSON.parse(r.stdout) as { counts: { rendered: number; hashed: number | null } }).counts;
  const text = readFileSync(file, 'utf8');
  return { text, manifest: JSON.parse(text) as Manifest, rendered: counts.rendered, hashed: counts.hashed };
}

/** The manifest a cold build of the same sources writes: a copy of the site, no cache, no dist/. */
async function cold(dir: string): Promise<{ text: string; dist: string }> {
  const copy = mkdtempSync(path.join(tmpdir(), 'dateline-cold-'));
  cpSync(dir, copy, { recursive: true, filter: (src) => !/(^|[\\/])(dist|\.dateline-cache|manifest\.json)$/.test(path.relative(dir, src)) });
  const file = path.join(copy, 'cold.json');
  const r = await dateline(['build', copy, '--now', NOW, '--no-cache', '--manifest', file]);
  expect(r.code).toBe(0);
  return { text: readFileSync(file, 'utf8'), dist: path.join(copy, 'dist') };
}

/** What dist/ holds, hashed here: a manifest entry that is not so is stale. */
async function onDisk(dir: string): Promise<[string, string, number][]> {
  const dist = path.join(dir, 'dist');
  const paths = (await fg('**/*', { cwd: dist, dot: true, onlyFiles: true, ignore: ['.dateline-build'] })).sort((a, b) => (a < b ? -1 : 1));
  return paths.map((p) => {
    const bytes = readFileSync(path.join(dist, p));
    return [p, createHash('sha256').update(bytes).digest('hex'), bytes.byteLength];
  });
}

async function expectAsCold(dir: string, b: Built): Promise<void> {
  const c = await cold(dir);
  expect(b.text).toBe(c.text);
  expect(b.manifest.files.map((f) => [f.path, f.sha256, f.size])).toEqual(await onDisk(dir));
}

describe('build --manifest on a cached build', () => {
  it('after a body edit: the fast path runs, reads only the files it wrote, and the manifest is a cold build\'s', async () => {
    const dir = newsroom();
    const first = await cached(dir);
    expect(first.hashed).toBe(first.manifest.files.length);
    const file = path.join(dir, 'content/articles/two.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('doubled', 'tripled'));
    const b = await cached(dir);
    // The story's page and the search index's files that hold its words, not the whole site.
    expect(b.rendered).toBeGreaterThan(0);
    expect(b.rendered).toBeLessThan(first.rendered / 2);
    expect(b.hashed).toBeGreaterThan(0);
    expect(b.hashed!).toBeLessThan(first.manifest.files.length / 2);
    expect(b.text).not.toBe(first.text);
    await expectAsCold(dir, b);
    // Nothing changed since: nothing is read again.
    const again = await cached(dir);
    expect(again.hashed).toBe(0);
    expect(again.text).toBe(b.text);
  });

  it('after an added article and a deleted one', async () => {
    const dir = newsroom();
    const first = await cached(dir);
    writeFileSync(path.join(dir, 'content/articles/six.md'), md({ title: 'Story 6', date: '2025-06-01 09:00', author: 'Tan Yuxin', tags: ['Ports'] }));
    const added = await cached(dir);
    expect(added.hashed!).toBeLessThan(first.manifest.files.length);
    expect(added.manifest.files.map((f) => f.path)).toContain('tags/ports/index.html');
    await expectAsCold(dir, added);

    rmSync(path.join(dir, 'content/articles/five.md'));
    const deleted = await cached(dir);
    expect(deleted.hashed!).toBeLessThan(first.manifest.files.length);
    const paths = deleted.manifest.files.map((f) => f.path);
    expect(paths).not.toContain('tags/weather/index.html');
    expect(paths.some((p) => p.includes('/five/'))).toBe(false);
    await expectAsCold(dir, deleted);
  });

  it('after a static file is replaced by another of the same size', async () => {
    const dir = newsroom();
    const first = await cached(dir);
    const png = path.join(dir, 'static/images/map.png');
    const before = first.manifest.files.find((f) => f.path === 'images/map.png')!;
    writeFileSync(png, 'PNG-TWO-9876543210');
    expect(statSync(png).size).toBe(before.size);
    const b = await cached(dir);
    const after = b.manifest.files.find((f) => f.path === 'images/map.png')!;
    expect(after.sha256).not.toBe(before.sha256);
    expect(b.hashed!).toBeLessThan(first.manifest.files.length);
    await expectAsCold(dir, b);
  });

  it('after a template change', async () => {
    const dir = newsroom();
    await cached(dir);
    mkdirSync(path.join(dir, 'templates/partials'), { recursive: true });
    const partial = readFileSync(path.join(REPO, 'templates/partials/footer.njk'), 'utf8');
    writeFileSync(path.join(dir, 'templates/partials/footer.njk'), `${partial}<p>Printed on recycled electrons.</p>\n`);
    const b = await cached(dir);
    expect(readFileSync(path.join(dir, 'dist/index.html'), 'utf8')).toContain('recycled electrons');
    await expectAsCold(dir, b);
  });

  it('after builds without --manifest, and after one that swapped in a new folder', async () => {
    const dir = newsroom();
    const first = await cached(dir);
    const file = path.join(dir, 'content/articles/two.md');
    // Two edits built without a manifest: their journal says what they wrote.
    for (const word of ['tripled', 'quadrupled']) {
      writeFileSync(file, readFileSync(file, 'utf8').replace(/doubled|tripled/, word));
      expect((await dateline(['build', dir, '--now', NOW, '-q'])).code).toBe(0);
    }
    const b = await cached(dir);
    expect(b.hashed).toBeGreaterThan(0);
    expect(b.hashed!).toBeLessThan(first.manifest.files.length / 2);
    await expectAsCold(dir, b);

    // A build without the cache swaps in a folder no journal follows: the manifest is made whole.
    writeFileSync(file, readFileSync(file, 'utf8').replace('quadrupled', 'halved'));
    expect((await dateline(['build', dir, '--now', NOW, '--no-cache', '-q'])).code).toBe(0);
    const whole = await cached(dir);
    expect(whole.hashed).toBe(whole.manifest.files.length);
    await expectAsCold(dir, whole);
  });

  it('after a file of dist/ is changed or deleted by hand: the record does not hold, and the folder is made anew', async () => {
    const dir = newsroom();
    await cached(dir);
    const page = path.join(dir, 'dist/2025/03/01/three/index.html');
    appendFileSync(page, '<!-- edited by hand -->');
    const changed = await cached(dir);
    expect(readFileSync(page, 'utf8')).not.toContain('edited by hand');
    expect(changed.hashed).toBe(changed.manifest.files.length);
    await expectAsCold(dir, changed);

    const st = statSync(page);
    rmSync(page);
    const deleted = await cached(dir);
    expect(statSync(page).size).toBe(st.size);
    expect(deleted.hashed).toBe(deleted.manifest.files.length);
    await expectAsCold(dir, deleted);

    // A file whose time moved but whose bytes are the same (dist/ restored from an archive) holds.
    const later = new Date(Date.now() + 60_000);
    utimesSync(page, later, later);
    const touched = await cached(dir);
    expect(touched.hashed).toBe(0);
    await expectAsCold(dir, touched);
  });
});

describe('a build session with manifest (watch, serve, the API)', () => {
  it('each rebuild\'s manifest is the folder\'s, as a fresh build\'s; the record is kept for the next build at close', async () => {
    const dir = newsroom();
    const outDir = path.join(dir, 'dist');
    const b = createBuilder({ siteDir: dir, now: NOW, manifest: true });
    const fresh = async (n: number) => {
      const r = await build({ siteDir: dir, outDir: path.join(dir, `fresh-${n}`), now: NOW, manifest: true, cache: false });
      expect(r.ok).toBe(true);
      return JSON.stringify(r.manifest);
    };
    // With the time the build was made for (`now`), as every manifest of a build given one.
    const whole = async () => JSON.stringify(markManifest(await collectManifest({ outDir }, { baseUrl: 'https://news.example.org/', basePath: '/', hashed: new Set(first.manifest!.files.filter((f) => f.cacheControl.includes('immutable')).map((f) => f.path)) }), { now: Date.parse(NOW) }));
    const first = await b.build();
    let closed = false;
    try {
      expect(first.manifestHashed).toBe(first.manifest!.files.length);
      const two = 'content/articles/two.md';
      writeFileSync(path.join(dir, two), readFileSync(path.join(dir, two), 'utf8').replace('doubled', 'tripled'));
      const edit = await b.build([{ type: 'change', path: two }]);
      // The body edit's fast path, with its manifest.
      expect(edit.renderCount).toBeLessThan(first.renderCount / 2);
      expect(edit.manifestHashed!).toBeLessThan(first.manifest!.files.length / 2);
      expect(JSON.stringify(edit.manifest)).toBe(await whole());
      expect(JSON.stringify(edit.manifest)).toBe(await fresh(1));

      rmSync(path.join(dir, 'content/articles/five.md'));
      const deleted = await b.build([{ type: 'unlink', path: 'content/articles/five.md' }]);
      expect(deleted.manifestHashed!).toBeLessThan(first.manifest!.files.length);
      expect(JSON.stringify(deleted.manifest)).toBe(await whole());
      expect(JSON.stringify(deleted.manifest)).toBe(await fresh(2));

      await b.close();
      closed = true;
      // The next build starts from the record the session left, and reads nothing again. (The
      // API's, not the bin's: the cache is keyed on dateline's own code, src/ here, lib/ there.)
      const next = await build({ siteDir: dir, now: NOW, manifest: true });
      expect(next.manifestHashed).toBe(0);
      expect(next.manifest).toEqual(deleted.manifest);
    } finally {
      if (!closed) await b.close();
    }
  });

  it('in memory, a body edit\'s fast path gives the manifest too', async () => {
    const dir = newsroom();
    const b = createBuilder({ siteDir: dir, now: NOW, manifest: true, mode: 'memory' });
    try {
      const first = await b.build();
      const two = 'content/articles/two.md';
      writeFileSync(path.join(dir, two), readFileSync(path.join(dir, two), 'utf8').replace('doubled', 'tripled'));
      const edit = await b.build([{ type: 'change', path: two }]);
      expect(edit.renderCount).toBeLessThan(first.renderCount / 2);
      const full = await build({ siteDir: dir, now: NOW, manifest: true, mode: 'memory' });
      expect(edit.manifest).toEqual(full.manifest);
      expect(edit.manifest).not.toEqual(first.manifest);
    } finally {
      await b.close();
    }
  });
});

import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import { describe, expect, it } from 'vitest';
import type { ManifestDiff } from '../../src/publish/diff.js';
import type { Manifest } from '../../src/publish/manifest.js';
import { dateline, md } from '../helpers/site.js';
import { smallNewsroom } from './newsroom.js';

const NOW = '2026-06-01T00:00:00Z';
const MARKER = 'Kestrelwatch';

const newsroom = () => smallNewsroom(`Freight volumes doubled, said ${MARKER} analysts in the port.`);

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;

async function buildWithManifest(dir: string, name: string): Promise<Manifest> {
  const file = path.join(dir, name);
  const r = await dateline(['build', dir, '--now', NOW, '--manifest', file]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return readJson<Manifest>(file);
}

describe('dateline build --manifest', () => {
  it('refuses a manifest inside the output folder or static/ (it would be published, and listed as a file of the site): exit 2, nothing written', async () => {
    const dir = newsroom();
    for (const where of [['dist', 'manifest.json'], ['static', 'manifest.json'], ['out', 'deploy', 'm.json']]) {
      const args = where[0] === 'out' ? ['--out', path.join(dir, 'out')] : [];
      const r = await dateline(['build', dir, '--now', NOW, ...args, '--manifest', path.join(dir, ...where), '--json']);
      expect(r.code, where.join('/')).toBe(2);
      expect(JSON.parse(r.stdout).errors[0].message).toContain('--manifest:');
      expect(existsSync(path.join(dir, ...where)), where.join('/')).toBe(false);
    }
    expect(existsSync(path.join(dir, 'dist'))).toBe(false);
  });

  it('lists every output file with its sha256, size, content type and URL', async () => {
    const dir = newsroom();
    const m = await buildWithManifest(dir, 'manifest.json');
    const dist = path.join(dir, 'dist');
    const onDisk = (await fg('**/*', { cwd: dist, dot: true, onlyFiles: true })).sort();
    // Every file but the cache's mark on the folder, which is not part of the site.
    expect(onDisk).toContain('.dateline-build');
    expect(m.files.map((f) => f.path)).toEqual(onDisk.filter((p) => p !== '.dateline-build'));
    expect(m.baseUrl).toBe('https://news.example.org/');
    for (const f of m.files) {
      const bytes = readFileSync(path.join(dist, f.path));
      expect(f.sha256, f.path).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(f.size, f.path).toBe(statSync(path.join(dist, f.path)).size);
    }
    const byPath = new Map(m.files.map((f) => [f.path, f]));
    expect(byPath.get('index.html')).toMatchObject({ url: '/', contentType: 'text/html; charset=utf-8', cacheControl: 'public, max-age=0, must-revalidate' });
    expect(byPath.get('2025/02/01/two/index.html')?.url).toBe('/2025/02/01/two/');
    const css = m.files.find((f) => /^theme\/dateline\.[0-9a-f]{10}\.css$/.test(f.path));
    expect(css).toMatchObject({ contentType: 'text/css; charset=utf-8', cacheControl: 'public, max-age=31536000, immutable' });
    expect(byPath.get('theme/dateline.css')?.cacheControl).toBe('public, max-age=0, must-revalidate');
  });
});

describe('dateline diff', () => {
  it('after editing one article body, lists exactly the pages that show that body as changed', async () => {
    const dir = newsroom();
    const before = await buildWithManifest(dir, 'before.json');
    // The pages that show the body: found by its marker word, so a theme or feed that shows bodies
    // elsewhere is counted honestly. Listings show titles and summaries only.
    const dist = path.join(dir, 'dist');
    const showing = before.files.filter((f) => readFileSync(path.join(dist, f.path)).includes(MARKER)).map((f) => f.url).sort();
    expect(showing).toContain('/2025/02/01/two/');
    for (const listing of ['/', '/tags/rail/', '/tags/trade/', '/transport/', '/authors/tan-yuxin/', '/2025/', '/2025/02/', '/archive/']) expect(showing).not.toContain(listing);

    const file = path.join(dir, 'content/articles/two.md');
    // Same number of words: the reading time, which a listing might show, stays the same.
    writeFileSync(file, readFileSync(file, 'utf8').replace(MARKER, 'Peregrine'));
    const after = await buildWithManifest(dir, 'after.json');

    const json = await dateline(['diff', path.join(dir, 'before.json'), path.join(dir, 'after.json'), '--json']);
    expect(json.code).toBe(0);
    const d = JSON.parse(json.stdout) as ManifestDiff;
    // The search index holds the body too: the files of the bundle that has the article change, and
    // those named by a content hash are replaced. Nothing else is added or removed.
    const search = (u: string) => u.startsWith('/pagefind/');
    expect(d.added.length).toBeGreaterThan(0);
    expect(d.added.filter((e) => !search(e.url))).toEqual([]);
    expect(d.removed.filter((e) => !search(e.url))).toEqual([]);
    expect(d.changed.map((e) => e.url).filter((u) => !search(u)).sort()).toEqual(showing);
    const page = d.changed.find((e) => e.url === '/2025/02/01/two/')!;
    expect(page).toMatchObject({ path: '2025/02/01/two/index.html', contentType: 'text/html; charset=utf-8', urls: ['/2025/02/01/two/', '/2025/02/01/two/index.html'] });
    expect(page.sha256).toBe(after.files.find((f) => f.path === page.path)!.sha256);

    const text = await dateline(['diff', path.join(dir, 'before.json'), path.join(dir, 'after.json')]);
    expect(text.code).toBe(0);
    expect(text.stdout.trim().split('\n').filter((l) => !l.includes(' /pagefind/'))).toEqual(showing.map((u) => `changed ${u}`));
    expect(text.stderr.trim()).toBe(`${d.added.length} added, ${d.changed.length} changed, ${d.removed.length} removed`);
  });

  it('finds nothing between two builds of the same input, and lists added and removed URLs', async () => {
    const dir = newsroom();
    await buildWithManifest(dir, 'one.json');
    await buildWithManifest(dir, 'two.json');
    const same = await dateline(['diff', path.join(dir, 'one.json'), path.join(dir, 'two.json')]);
    expect(same.stdout).toBe('');
    expect(same.stderr.trim()).toBe('0 added, 0 changed, 0 removed');

    rmSync(path.join(dir, 'content/articles/five.md'));
    writeFileSync(path.join(dir, 'content/articles/six.md'), md({ title: 'Story 6', date: '2025-06-01 09:00', author: 'Tan Yuxin', tags: ['Rail'] }));
    await buildWithManifest(dir, 'three.json');
    const d = JSON.parse((await dateline(['diff', path.join(dir, 'two.json'), path.join(dir, 'three.json'), '--json'])).stdout) as ManifestDiff;
    expect(d.added.map((e) => e.url)).toContain('/2025/06/01/six/');
    expect(d.removed.map((e) => e.url)).toEqual(expect.arrayContaining(['/2025/05/01/five/', '/tags/weather/']));
    expect(d.changed.map((e) => e.url)).toContain('/');
  });

  it('treats a missing old manifest as an empty site, and refuses a file that is not a manifest', async () => {
    const dir = newsroom();
    const m = await buildWithManifest(dir, 'm.json');
    const first = await dateline(['diff', path.join(dir, 'none.json'), path.join(dir, 'm.json'), '--json']);
    expect(first.code).toBe(0);
    expect((JSON.parse(first.stdout) as ManifestDiff).added).toHaveLength(m.files.length);
    expect(first.stderr).toContain('does not exist, so every file counts as added');

    writeFileSync(path.join(dir, 'bad.json'), '{"files": []}');
    const bad = await dateline(['diff', path.join(dir, 'bad.json'), path.join(dir, 'm.json')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('is not a dateline manifest');
    const missing = await dateline(['diff', path.join(dir, 'm.json'), path.join(dir, 'nope.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.json does not exist');
  });
});

describe('dateline diff and builds not for publishing', () => {
  it('refuses to compare a preview or --noindex build with the live site, which a deploy would then overwrite with it', async () => {
    const dir = newsroom();
    writeFileSync(path.join(dir, 'content/articles/scoop.md'), md({ title: 'Mayor resigns', date: '2026-12-05 06:00', author: 'Tan Yuxin', tags: ['Rail'] }));
    const live = await buildWithManifest(dir, 'live.json');
    expect(Object.keys(live)).toEqual(['dateline', 'baseUrl', 'now', 'files']);
    expect(live.now).toBe('2026-06-01T00:00:00.000Z');

    const file = (name: string) => path.join(dir, name);
    const preview = await dateline(['build', dir, '--now', NOW, '--future', '--out', file('preview'), '--manifest', file('preview.json')]);
    expect(preview.code).toBe(0);
    const p = readJson<Manifest>(file('preview.json'));
    expect(p).toMatchObject({ preview: true, noindex: true });
    expect(Object.keys(p)).toEqual(['dateline', 'baseUrl', 'preview', 'noindex', 'now', 'files']);
    expect(p.files.map((f) => f.url)).toContain('/2026/12/05/scoop/');

    for (const args of [[], ['--json']]) {
      const refused = await dateline(['diff', file('live.json'), file('preview.json'), ...args]);
      expect(refused.code).toBe(2);
      expect(refused.stdout).toBe('');
      expect(refused.stderr).toContain('preview.json is the manifest of a preview (--drafts or --future)');
      expect(refused.stderr).toContain('--allow-preview');
    }
    // Nothing to compare with is a live host's first deploy too.
    const first = await dateline(['diff', file('none.json'), file('preview.json')]);
    expect(first.code).toBe(2);
    expect(first.stderr).toContain('none.json does not exist, which is a live site\'s first deploy');
    // Asked for: the diff, and a note that it is not the live site.
    const forced = await dateline(['diff', file('live.json'), file('preview.json'), '--json', '--allow-preview']);
    expect(forced.code).toBe(0);
    expect((JSON.parse(forced.stdout) as ManifestDiff).added.map((e) => e.url)).toContain('/2026/12/05/scoop/');
    expect(forced.stderr).toContain('is the manifest of a preview: not for the live site');
    // Undoing a preview deployed by mistake, and one preview after another, are no mistake.
    const undo = await dateline(['diff', file('preview.json'), file('live.json'), '--json']);
    expect(undo.code).toBe(0);
    expect((JSON.parse(undo.stdout) as ManifestDiff).removed.map((e) => e.url)).toContain('/2026/12/05/scoop/');
    expect((await dateline(['diff', file('preview.json'), file('preview.json')])).code).toBe(0);

    // A staging host's copy: the live stories, with noindex on every page.
    const staging = await dateline(['build', dir, '--now', NOW, '--noindex', '--out', file('staging'), '--manifest', file('staging.json')]);
    expect(staging.code).toBe(0);
    const s = readJson<Manifest>(file('staging.json'));
    expect(s.noindex).toBe(true);
    expect(s.preview).toBeUndefined();
    const refused = await dateline(['diff', file('live.json'), file('staging.json')]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('a build marked --noindex');
  });

  it('holds back a build made for a later time (--now ahead of the clock) until that time: it holds the stories scheduled until then', async () => {
    const dir = newsroom();
    const file = (name: string) => path.join(dir, name);
    writeFileSync(file('content/articles/scoop.md'), md({ title: 'Mayor resigns', date: '2099-01-01 06:00', author: 'Tan Yuxin', tags: ['Rail'] }));
    const live = await buildWithManifest(dir, 'live.json');
    expect(live.files.map((f) => f.url)).not.toContain('/2099/01/01/scoop/');

    // Built for a time to come: the scoop is in, as --now says, whatever the clock reads.
    const ahead = await dateline(['build', dir, '--now', '2099-01-01T12:00:00Z', '--out', file('ahead'), '--manifest', file('ahead.json')]);
    expect(ahead.code).toBe(0);
    expect(ahead.stderr).toContain('is built for 2099-01-01 ');
    expect(ahead.stderr).toContain("later than this machine's clock");
    const a = readJson<Manifest>(file('ahead.json'));
    expect(a.now).toBe('2099-01-01T12:00:00.000Z');
    expect(a.files.map((f) => f.url)).toContain('/2099/01/01/scoop/');

    for (const args of [[], ['--json']]) {
      const refused = await dateline(['diff', file('live.json'), file('ahead.json'), ...args]);
      expect(refused.code).toBe(2);
      expect(refused.stdout).toBe('');
      expect(refused.stderr).toContain('ahead.json is the manifest of a build made for 2099-01-01T12:00:00.000Z (--now)');
    }
    const forced = await dateline(['diff', file('live.json'), file('ahead.json'), '--json', '--allow-preview']);
    expect(forced.code).toBe(0);
    expect((JSON.parse(forced.stdout) as ManifestDiff).added.map((e) => e.url)).toContain('/2099/01/01/scoop/');
    // A --now in the past is a rebuild of what was live then: no note, and no refusal.
    expect((await dateline(['diff', file('ahead.json'), file('live.json')])).code).toBe(0);
  });
});

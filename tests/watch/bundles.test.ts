import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { md, writeSite } from '../helpers/site.js';
import { NOW, request, spawnCli, stopChild, waitFor, watchInline, type Running, type WatchedSite } from '../helpers/watch.js';
import { photo } from '../helpers/photos.js';

/** A page bundle's files (flood-defences/river.jpg beside its index.md) in a watch session and `dateline serve`. */

const BUNDLE = 'content/articles/2025/flood-defences';
const story = (date = '2025-03-01T10:00:00+08:00') => md({ title: 'Flood defences', date, author: 'Li Wei', image: { src: 'river.jpg', alt: 'The river' } }, '![The wall](river.jpg)');
const DIR = '2025/03/01/flood-defences/';

let open: WatchedSite | undefined;
let child: Running | undefined;
afterEach(async () => {
  await open?.close();
  open = undefined;
  await stopChild(child);
  child = undefined;
});

const write = (dir: string, rel: string, text: string | Buffer) => {
  mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  writeFileSync(path.join(dir, rel), text);
};

describe('watch: page bundles', () => {
  it('a bundle file added, changed and deleted appears, changes and goes in dist/; a new date moves the files with the page', async () => {
    const s = (open = await watchInline({ [`${BUNDLE}/index.md`]: story(), [`${BUNDLE}/river.jpg`]: 'river v1' }));
    expect(s.read(`${DIR}river.jpg`)).toBe('river v1');
    write(s.dir, `${BUNDLE}/river.jpg`, 'river v2');
    await waitFor(() => s.read(`${DIR}river.jpg`) === 'river v2', 'the changed photo');
    write(s.dir, `${BUNDLE}/docs/clip.mp4`, 'clip');
    await waitFor(() => s.read(`${DIR}docs/clip.mp4`) === 'clip', 'the new video');
    rmSync(path.join(s.dir, BUNDLE, 'docs/clip.mp4'));
    await waitFor(() => s.read(`${DIR}docs/clip.mp4`) === undefined, 'the deleted video to go');
    const n = (await s.settle(1)).length + 1;
    // A file alone: copied or removed, no page renders.
    write(s.dir, `${BUNDLE}/chart.png`, 'png');
    await waitFor(() => s.read(`${DIR}chart.png`), 'the new chart');
    const builds = await s.settle(n);
    expect(builds.map((b) => b.result?.renderCount)).toEqual(builds.map(() => 0));
    write(s.dir, `${BUNDLE}/index.md`, story('2025-03-02T10:00:00+08:00'));
    await waitFor(() => s.read('2025/03/02/flood-defences/river.jpg') === 'river v2' && s.read(`${DIR}river.jpg`) === undefined, 'the files to move with the page');
    expect(s.read('2025/03/02/flood-defences/index.html')).toContain('<img src="/2025/03/02/flood-defences/river.jpg"');
  });

  it('a photo renamed in the folder after the story named it, or named with a typo: the warning\'s fix is the file that is there', async () => {
    const s = (open = await watchInline({ [`${BUNDLE}/index.md`]: story(), [`${BUNDLE}/river.jpg`]: 'river', [`${BUNDLE}/notes.docx`]: 'notes' }));
    const n = s.builds.length;
    rmSync(path.join(s.dir, BUNDLE, 'river.jpg'));
    write(s.dir, `${BUNDLE}/river-at-dusk.jpg`, 'river');
    const renamed = await waitFor(() => s.builds.slice(n).find((b) => b.result?.diagnostics.some((d) => d.code === 'BUNDLE_FILE_MISSING')), 'the warning');
    expect(renamed.result!.diagnostics.filter((d) => d.code === 'BUNDLE_FILE_MISSING').map((d) => [d.line, d.hint])).toEqual([
      [5, `Write river-at-dusk.jpg, the file in ${BUNDLE}/ it was probably meant to be; or put river.jpg there beside index.md.`],
    ]);
    // Two photos the story does not show: no guess between them; a typo a letter away still is one.
    write(s.dir, `${BUNDLE}/wall.jpg`, 'wall');
    write(s.dir, `${BUNDLE}/index.md`, md({ title: 'Flood defences', date: '2025-03-01T10:00:00+08:00', author: 'Li Wei' }, '![The river](river.jpg)\n\n![The wall](wal.jpg)'));
    const later = await waitFor(() => s.builds.find((b) => b.result?.diagnostics.some((d) => d.message.startsWith('wal.jpg'))), 'the typo');
    expect(later.result!.diagnostics.filter((d) => d.code === 'BUNDLE_FILE_MISSING').map((d) => d.hint)).toEqual([
      `Put river.jpg in ${BUNDLE}/ beside index.md, or correct the path (it is relative to that folder).`,
      `Write wall.jpg, the file in ${BUNDLE}/ it was probably meant to be; or put wal.jpg there beside index.md.`,
    ]);
  });

  it('dateline serve serves a bundle file, and its change and deletion, from the real bin', async () => {
    const [v1, v2] = [photo(1), photo(2)];
    const dir = writeSite({ [`${BUNDLE}/index.md`]: story(), [`${BUNDLE}/river.jpg`]: v1 });
    const c = (child = spawnCli(['serve', dir, '--port', '0', '--now', NOW]));
    const url = await waitFor(() => /Serving (http:\/\/127\.0\.0\.1:(\d+)\/)/.exec(c.stdout()), 'the URL');
    const port = Number(url[2]);
    await waitFor(() => /Built: 1 article/.test(c.stdout()), 'the first build');
    expect(c.stderr()).toBe('');
    const served = await request(port, `/${DIR}river.jpg`);
    expect(served.status).toBe(200);
    expect(served.bytes.equals(v1)).toBe(true);
    write(dir, `${BUNDLE}/river.jpg`, v2);
    await waitFor(async () => (await request(port, `/${DIR}river.jpg`)).bytes.equals(v2), 'the changed photo');
    rmSync(path.join(dir, BUNDLE, 'river.jpg'));
    await waitFor(async () => (await request(port, `/${DIR}river.jpg`)).status === 404, 'the deleted photo to go');
    // And the story's page says where the photo should be.
    await waitFor(() => c.stderr().includes(`warning[BUNDLE_FILE_MISSING] ${BUNDLE}/index.md`), 'the warning');
  });
});

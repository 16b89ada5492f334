import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, coldBuild, md, writeSite } from '../helpers/site.js';
import { OUTPUT_MARK } from '../../src/write/in-place.js';

// A cold build swaps in a new folder: a file it did not write (a page of a story deleted while
// the cache was away, a file copied into dist/ by hand) is gone. A warm build writes in place,
// and kept them: the two folders differed, and a deploy of the warm one published stale pages.

const NOW = ['--now', '2026-01-01T00:00:00Z'];

function story(title: string, date: string, body = 'Body.') {
  return md({ title, date, author: 'Ran Zheng', tags: ['Rail'], summary: `${title}.` }, body);
}

/** Every entry of a folder, symbolic links not followed: a file's bytes, a link's target, an empty folder. */
function listing(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string, rel: string) => {
    const names = readdirSync(d).sort();
    if (names.length === 0 && rel) out.set(rel, '(empty folder)');
    for (const name of names) {
      if (!rel && name === OUTPUT_MARK) continue;
      const p = path.join(d, name);
      const st = lstatSync(p);
      if (st.isSymbolicLink()) out.set(`${rel}${name}`, `-> ${readlinkSync(p)}`);
      else if (st.isDirectory()) walk(p, `${rel}${name}/`);
      else out.set(`${rel}${name}`, readFileSync(p, 'latin1'));
    }
  };
  walk(dir, '');
  return out;
}

/** A warm build into `out` (cache kept), then a cold one of the same sources: the same entries, byte for byte. */
async function warmEqualsCold(dir: string, out: string, extra: string[] = [], env: Record<string, string> = {}) {
  const warm = await cli(['build', dir, '--out', out, ...NOW, ...extra], { env });
  expect(warm.stderr).toBe('');
  expect(warm.code).toBe(0);
  const cold = path.join(mkdtempSync(path.join(tmpdir(), 'dateline-cold-')), 'dist');
  await coldBuild(dir, cold, { now: NOW[1] });
  const w = listing(out);
  expect([...w.keys()]).toEqual([...listing(cold).keys()]);
  expect(w).toEqual(listing(cold));
  return w;
}

describe('files in the output folder the build did not write', () => {
  // A large site's build has the output's folders' times read by a thread of its own before it
  // writes (discover/stat-thread.ts); DATELINE_TEST_STAT_THREAD makes this small one do so.
  it.each([
    ['', {}],
    [', with the folders\' times from the stat thread', { DATELINE_TEST_STAT_THREAD: '1' }],
  ])('a warm build removes them as a cold one does: a copied-in file, a folder, links (never followed), a deleted story%s', async (_, env: Record<string, string>) => {
    const dir = writeSite({
      'content/articles/a.md': story('Alpha', '2025-01-01'),
      'content/articles/b.md': story('Bravo', '2025-01-02'),
      'content/articles/c.md': story('Charlie', '2025-01-03'),
      'static/google1234.html': 'google-site-verification: google1234.html',
    });
    const out = path.join(dir, 'dist');
    expect((await cli(['build', dir, ...NOW])).code).toBe(0);

    // Outside the output folder, reached only through links: left exactly as it is.
    const outside = mkdtempSync(path.join(tmpdir(), 'dateline-outside-'));
    writeFileSync(path.join(outside, 'keep.html'), 'not the site');
    writeFileSync(path.join(out, 'stale.html'), 'a page no source makes');
    mkdirSync(path.join(out, 'old/deep'), { recursive: true });
    writeFileSync(path.join(out, 'old/deep/x.html'), 'old');
    mkdirSync(path.join(out, 'empty'));
    mkdirSync(path.join(out, '2025/01/01/a/extra'));
    symlinkSync(outside, path.join(out, 'elsewhere'));
    symlinkSync(path.join(outside, 'keep.html'), path.join(out, '2025/kept.html'));

    // Nothing changed since (a cached build's fast path).
    let w = await warmEqualsCold(dir, out, [], env);
    expect(w.has('stale.html')).toBe(false);
    expect(w.get('google1234.html')).toBe('google-site-verification: google1234.html');
    expect(readdirSync(outside)).toEqual(['keep.html']);
    expect(readFileSync(path.join(outside, 'keep.html'), 'utf8')).toBe('not the site');

    // A story deleted, with a file copied in meanwhile: its page, its folders and the file go.
    expect(w.has('2025/01/02/b/index.html')).toBe(true);
    rmSync(path.join(dir, 'content/articles/b.md'));
    writeFileSync(path.join(out, '2025/01/02/b/notes.txt'), 'left by hand');
    w = await warmEqualsCold(dir, out, [], env);
    expect([...w.keys()].filter((p) => p.startsWith('2025/01/02'))).toEqual([]);

    // A body edited (the fast path that renders one page) with a foreign file: the same.
    writeFileSync(path.join(dir, 'content/articles/a.md'), story('Alpha', '2025-01-01', 'A new body.'));
    writeFileSync(path.join(out, 'tags/stale.xml'), '<x/>');
    w = await warmEqualsCold(dir, out, [], env);
    expect(w.get('2025/01/01/a/index.html')).toContain('A new body.');
    expect(w.has('tags/stale.xml')).toBe(false);
  });

  it('a warm build\'s manifest lists what a cold build\'s does: no removed file in it', async () => {
    const dir = writeSite({ 'content/articles/a.md': story('Alpha', '2025-01-01'), 'content/articles/b.md': story('Bravo', '2025-01-02') });
    const out = path.join(dir, 'dist');
    const manifest = (name: string) => JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as { files: { path: string }[] };
    expect((await cli(['build', dir, '--manifest', path.join(dir, 'm1.json'), ...NOW])).code).toBe(0);
    expect(manifest('m1.json').files.map((f) => f.path)).toContain('2025/01/02/b/index.html');
    writeFileSync(path.join(out, 'stale.html'), 'copied in');
    rmSync(path.join(dir, 'content/articles/b.md'));
    await warmEqualsCold(dir, out, ['--manifest', path.join(dir, 'warm.json')]);
    const cold = path.join(mkdtempSync(path.join(tmpdir(), 'dateline-cold-')), 'dist');
    expect((await cli(['build', dir, '--out', cold, '--no-cache', '--manifest', path.join(dir, 'cold.json'), ...NOW])).code).toBe(0);
    expect(manifest('warm.json')).toEqual(manifest('cold.json'));
    expect(manifest('warm.json').files.map((f) => f.path)).not.toContain('stale.html');
  });
});

import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, coldBuild, dateline, md, tree, writeSite } from '../helpers/site.js';

const NOW = ['--now', '2026-01-01T00:00:00Z'];

function site(): string {
  const files: Record<string, string> = {};
  for (let i = 0; i < 4; i++) files[`content/articles/a${i}.md`] = md({ title: `Story ${i}`, date: `2025-01-1${i}`, author: 'Li Wei', section: 'Business' }, `Body ${i}.`);
  return writeSite(files);
}

/** A cold build of the site in a folder of its own, to compare with. */
async function cold(dir: string): Promise<Map<string, string>> {
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'dateline-cold-')), 'dist');
  await coldBuild(dir, out, { now: NOW[1] });
  return tree(out);
}

describe('the output folder', () => {
  it('never replaces a hand-made site (an index.html, notes, a .git): exit 2, nothing touched, and says what to do', async () => {
    const dir = site();
    const pub = path.join(mkdtempSync(path.join(tmpdir(), 'dateline-public-')), 'public');
    mkdirSync(path.join(pub, '.git'), { recursive: true });
    writeFileSync(path.join(pub, 'index.html'), '<h1>hand-made</h1>');
    writeFileSync(path.join(pub, 'NOTES.md'), 'notes');
    writeFileSync(path.join(pub, '.git', 'HEAD'), 'ref');
    const withGit = await dateline(['build', dir, '--out', pub, ...NOW]);
    expect(withGit.code).toBe(2);
    expect(withGit.stderr).toBe(`error: --out: ${pub} holds a .git folder; the build replaces its output folder as a whole, and would delete it. Choose another output folder (publish from it by copying the build in).\n`);
    // Without .git: still not a folder dateline built.
    rmSync(path.join(pub, '.git'), { recursive: true });
    const plain = await dateline(['build', dir, '--out', pub, ...NOW]);
    expect(plain.code).toBe(2);
    expect(plain.stderr).toContain(`${pub} is a folder that dateline did not build (it has no .dateline-build file)`);
    expect(plain.stderr).toContain('If it holds an old build, delete the folder and build again; otherwise choose another output folder.');
    expect(tree(pub)).toEqual(new Map([['NOTES.md', 'notes'], ['index.html', '<h1>hand-made</h1>']]));
    // Even with a mark, a .git is never replaced.
    mkdirSync(path.join(pub, '.git'));
    writeFileSync(path.join(pub, '.dateline-build'), 'built\n');
    expect((await dateline(['build', dir, '--out', pub, ...NOW])).code).toBe(2);
    expect(readdirSync(pub).sort()).toEqual(['.dateline-build', '.git', 'NOTES.md', 'index.html']);
  });

  it('every kind of build leaves its mark, so the next one replaces its folder: cached, --no-cache, a shard, a merge', async () => {
    const dir = site();
    const out = path.join(dir, 'dist');
    for (const flags of [[], ['--no-cache'], [], ['--no-cache'], ['--future'], []]) {
      const r = await dateline(['build', dir, ...NOW, ...flags]);
      expect(r.code, `${flags.join(' ')}: ${r.stderr}`).toBe(0);
      expect(readdirSync(out), flags.join(' ')).toContain('.dateline-build');
    }
    expect(tree(out)).toEqual(await cold(dir));
    // An empty folder is taken too.
    const empty = path.join(dir, 'empty');
    mkdirSync(empty);
    expect((await dateline(['build', dir, '--out', empty, ...NOW])).code).toBe(0);
    // A merge's folder: merged again, and a build may replace it.
    for (const i of [1, 2]) expect((await dateline(['build', dir, '--shard', `${i}/2`, '--out', path.join(dir, `s${i}`), ...NOW])).code).toBe(0);
    for (const run of [1, 2]) expect((await cli(['merge', 'merged', 's1', 's2'], { cwd: dir })).code, `merge ${run}`).toBe(0);
    expect(readdirSync(path.join(dir, 'merged'))).toContain('.dateline-build');
    expect((await dateline(['build', dir, '--out', path.join(dir, 'merged'), ...NOW])).code).toBe(0);
  });

  it('after rm -rf dist/* (the hidden mark left behind) the next build writes the whole site', async () => {
    const dir = site();
    const out = path.join(dir, 'dist');
    expect((await dateline(['build', dir, ...NOW])).code).toBe(0);
    for (const name of readdirSync(out)) if (!name.startsWith('.')) rmSync(path.join(out, name), { recursive: true });
    expect(readdirSync(out)).toEqual(['.dateline-build']);
    const r = await dateline(['build', dir, '--json', ...NOW]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).counts.rendered).toBe(JSON.parse(r.stdout).counts.pages);
    expect(tree(out)).toEqual(await cold(dir));
    // Only one top-level folder gone (a year): the whole site again too.
    rmSync(path.join(out, '2025'), { recursive: true });
    expect((await dateline(['build', dir, ...NOW])).code).toBe(0);
    expect(tree(out)).toEqual(await cold(dir));
  });

  it('a symlinked dist/ stays a link, and its target gets the site, build after build', async () => {
    const dir = site();
    const www = path.join(mkdtempSync(path.join(tmpdir(), 'dateline-www-')), 'www');
    mkdirSync(path.join(www, 'news'), { recursive: true });
    writeFileSync(path.join(www, 'other.html'), 'the rest of the server');
    symlinkSync(path.join(www, 'news'), path.join(dir, 'dist'));
    for (const flags of [[], [], ['--no-cache']]) {
      const r = await dateline(['build', dir, ...NOW, ...flags]);
      expect(r.code, r.stderr).toBe(0);
      expect(lstatSync(path.join(dir, 'dist')).isSymbolicLink()).toBe(true);
      expect(readFileSync(path.join(www, 'news', 'index.html'), 'utf8')).toContain('Story 3');
    }
    expect(tree(path.join(www, 'news'))).toEqual(await cold(dir));
    expect(readdirSync(www).sort()).toEqual(['news', 'other.html']);
    // Edited: the target has the edit.
    writeFileSync(path.join(dir, 'content/articles/a1.md'), md({ title: 'Story 1 corrected', date: '2025-01-11', author: 'Li Wei', section: 'Business' }, 'Body 1.'));
    expect((await dateline(['build', dir, ...NOW])).code).toBe(0);
    expect(readFileSync(path.join(www, 'news', 'index.html'), 'utf8')).toContain('Story 1 corrected');
  });

  it('checks a link as the folder it leads to: one into content/ or to the site folder is refused', async () => {
    const dir = site();
    for (const [target, said] of [[path.join(dir, 'content'), "is inside the site's content/ folder"], [dir, 'is the site folder or contains it']] as const) {
      const link = path.join(mkdtempSync(path.join(tmpdir(), 'dateline-link-')), 'out');
      symlinkSync(target, link);
      const r = await dateline(['build', dir, '--out', link, ...NOW]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`${link} (a link to ${target}) ${said}`);
    }
    expect(existsSync(path.join(dir, 'content', 'articles', 'a0.md'))).toBe(true);
  });
});

describe('the swap, when the folder the build wrote is gone', () => {
  it('refuses to swap in an empty folder: the live site stays as it was', async () => {
    const { DiskSink } = await import('../../src/write/sink.js');
    const { mkdtempSync, mkdirSync, writeFileSync, readFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const parent = mkdtempSync(path.join(tmpdir(), 'dateline-swap-'));
    const out = path.join(parent, 'dist');
    mkdirSync(out);
    writeFileSync(path.join(out, 'index.html'), 'the live site');
    const sink = new DiskSink(out);
    await sink.write('index.html', 'the new site');
    // Another build took it for a leftover (two containers, both pid 1, on one volume).
    rmSync(sink.tmp, { recursive: true });
    await expect(sink.commit()).rejects.toMatchObject({ code: 'ENOENT' });
    expect(readFileSync(path.join(out, 'index.html'), 'utf8')).toBe('the live site');
  });
});

describe('second review of the output folder', () => {
  it('a cache folder inside a symlinked dist/\'s target is refused, as it is without the link', async () => {
    const dir = site();
    const www = mkdtempSync(path.join(tmpdir(), 'dateline-www-'));
    symlinkSync(www, path.join(dir, 'dist'));
    const r = await dateline(['build', dir, '--cache-dir', path.join(www, 'cache'), ...NOW]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the cache would be published with the site');
    expect(existsSync(path.join(www, 'cache'))).toBe(false);
  });

  it('a folder an earlier dateline built without its mark (known by its _headers) is built over; a link to a dangling link is refused', async () => {
    const dir = site();
    expect((await dateline(['build', dir, '--no-cache', ...NOW])).code).toBe(0);
    rmSync(path.join(dir, 'dist', '.dateline-build'));
    const again = await dateline(['build', dir, ...NOW]);
    expect(again.code, again.stderr).toBe(0);
    expect(existsSync(path.join(dir, 'dist', '.dateline-build'))).toBe(true);
    // A hand-made site with an index.html and a _headers of its own is still refused.
    const hand = mkdtempSync(path.join(tmpdir(), 'dateline-hand-'));
    writeFileSync(path.join(hand, 'index.html'), 'mine');
    writeFileSync(path.join(hand, '_headers'), '/*\n  X-Frame-Options: DENY\n');
    expect((await dateline(['build', dir, '-o', hand, ...NOW])).code).toBe(2);
    expect(readFileSync(path.join(hand, 'index.html'), 'utf8')).toBe('mine');
    // dist -> inner -> (nothing): the swap would replace the inner link with a folder.
    const other = site();
    const inner = path.join(other, 'inner');
    symlinkSync(path.join(other, 'nowhere'), inner);
    symlinkSync(inner, path.join(other, 'dist'));
    const chain = await dateline(['build', other, ...NOW]);
    expect(chain.code).toBe(2);
    expect(chain.stderr).toContain('leads to a link to a folder that does not exist');
    expect(lstatSync(inner).isSymbolicLink()).toBe(true);
  });
});

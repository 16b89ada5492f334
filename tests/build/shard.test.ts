import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, dateline, md, tree, writeSite } from '../helpers/site.js';


/** A fresh folder, and a way to write a file anywhere below it. */
function scratch() {
  const tmp = mkdtempSync(path.join(tmpdir(), 'dateline-merge-'));
  const put = (rel: string, text: string | Buffer) => {
    mkdirSync(path.dirname(path.join(tmp, rel)), { recursive: true });
    writeFileSync(path.join(tmp, rel), text);
  };
  return { tmp, put };
}

describe('dateline build --shard i/n and dateline merge', () => {
  it('three shards merged equal one build, and no shard holds every page', async () => {
    const files: Record<string, string> = { 'static/images/a.txt': 'static' };
    for (let i = 0; i < 12; i++) files[`content/articles/a${i}.md`] = md({ title: `Story ${i}`, date: `2025-0${1 + (i % 9)}-1${i % 10}`, author: i % 2 ? 'Ran Zheng' : 'Li Wei', tags: [`t${i % 4}`], section: 'Business' });
    const dir = writeSite(files);
    const tmp = mkdtempSync(path.join(tmpdir(), 'dateline-shard-'));
    const now = ['--now', '2026-01-01T00:00:00Z'];
    const single = await dateline(['build', dir, '--out', path.join(tmp, 'single'), ...now]);
    expect(single.code).toBe(0);
    // Each shard twice, as a CI job retried: its own last output (which may lack index.html) is replaced.
    for (const run of [1, 2]) {
      for (const i of [1, 2, 3]) {
        const r = await dateline(['build', dir, '--shard', `${i}/3`, '--out', path.join(tmp, `s${i}`), ...now]);
        expect(r.code, `run ${run}, shard ${i}: ${r.stderr}`).toBe(0);
      }
    }
    // "i/n" and a digest of what the shard was built from.
    // With the shard's clock and the site's next change after it (a new year, here).
    expect(readFileSync(path.join(tmp, 's2', '.dateline-shard'), 'utf8')).toMatch(/^2\/3\n[\w-]{27}\nnow 2026-01-01T08:00:00\+08:00 next 2027-01-01T00:00:00\+08:00 new-year\n$/);
    expect(readFileSync(path.join(tmp, 's2', '.dateline-shard'), 'utf8').split('\n')[1]).toBe(readFileSync(path.join(tmp, 's1', '.dateline-shard'), 'utf8').split('\n')[1]);
    expect(readdirSync(path.join(tmp, 's2'))).not.toContain('index.html');
    // Not part of the site: a deploy driven by a shard's manifest never uploads it.
    const manifest = path.join(tmp, 'm2.json');
    expect((await dateline(['build', dir, '--shard', '2/3', '--out', path.join(tmp, 's2'), '--manifest', manifest, ...now])).code).toBe(0);
    expect(readFileSync(manifest, 'utf8')).not.toContain('dateline-shard');
    const all = tree(path.join(tmp, 'single'));
    for (const i of [1, 2, 3]) {
      const size = tree(path.join(tmp, `s${i}`)).size;
      expect(size).toBeGreaterThan(0);
      expect(size).toBeLessThan(all.size);
    }
    const merged = await dateline(['merge', path.join(tmp, 'merged'), path.join(tmp, 's1'), path.join(tmp, 's2'), path.join(tmp, 's3')]);
    expect(merged.code, merged.stderr).toBe(0);
    expect(tree(path.join(tmp, 'merged'))).toEqual(all);
  });

  it('the shards\' manifests joined (as docs/scaling.md does with jq) are the manifest of a single build', async () => {
    const files: Record<string, string> = { 'static/images/a.txt': 'static' };
    for (let i = 0; i < 8; i++) files[`content/articles/a${i}.md`] = md({ title: `Story ${i}`, date: `2025-0${1 + (i % 9)}-1${i % 10}`, author: 'Li Wei', tags: [`t${i % 3}`] });
    const dir = writeSite(files);
    const tmp = mkdtempSync(path.join(tmpdir(), 'dateline-shard-'));
    const now = ['--now', '2026-01-01T00:00:00Z'];
    expect((await dateline(['build', dir, '--out', path.join(tmp, 'single'), '--manifest', path.join(tmp, 'single.json'), ...now])).code).toBe(0);
    type M = { dateline: number; baseUrl: string; files: { path: string }[] };
    const shards: M[] = [];
    for (const i of [1, 2]) {
      const r = await dateline(['build', dir, '--shard', `${i}/2`, '--out', path.join(tmp, `s${i}`), '--manifest', path.join(tmp, `s${i}.json`), ...now]);
      expect(r.code, r.stderr).toBe(0);
      shards.push(JSON.parse(readFileSync(path.join(tmp, `s${i}.json`), 'utf8')) as M);
    }
    // jq's `.[0] + {files: …}`: the first shard's marks (`now` here), its files replaced by all
    // the shards' with unique_by(.path): sorted by path, the first of each.
    const byPath = new Map<string, M['files'][number]>();
    for (const f of shards.flatMap((m) => m.files)) if (!byPath.has(f.path)) byPath.set(f.path, f);
    const joined = { ...shards[0], files: [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) };
    expect(Object.keys(joined)).toEqual(['dateline', 'baseUrl', 'now', 'files']);
    expect(joined).toEqual(JSON.parse(readFileSync(path.join(tmp, 'single.json'), 'utf8')));
  });

  it('merge refuses an output folder whose replacement would lose work, as build --out does: exit 2, nothing touched', async () => {
    const { tmp, put } = scratch();
    put('s1/index.html', 'home');
    put('s2/a/index.html', 'story a');
    put('s1/.dateline-shard', '1/2\n');
    put('s2/.dateline-shard', '2/2\n');
    put('notes/notes.txt', 'keep me');
    put('a-file', 'keep me');
    const before = tree(tmp);
    for (const out of ['.', '..', 's1', 's2', 's1/merged', 'notes', 'a-file']) {
      const r = await cli(['merge', out, 's1', 's2'], { cwd: tmp });
      expect(r.code, out).toBe(2);
      expect(r.stderr, out).toMatch(/^error: .* [Cc]hoose another output folder\.\n/);
      expect(r.stderr, out).not.toMatch(/\n\s+at /);
    }
    expect(tree(tmp)).toEqual(before);
    expect(readdirSync(tmp).sort()).toEqual(['a-file', 'notes', 's1', 's2']);
    // A previous merge's folder is replaced as usual.
    for (const run of [1, 2]) {
      const r = await cli(['merge', 'merged', 's1', 's2'], { cwd: tmp });
      expect(r.code, `${run}: ${r.stderr}`).toBe(0);
    }
    expect(tree(path.join(tmp, 'merged'))).toEqual(new Map([['a/index.html', 'story a'], ['index.html', 'home']]));
  });

  it('merge refuses two shards that disagree on a file: exit 1, each file and the line where the copies part, nothing written', async () => {
    const { tmp, put } = scratch();
    put('merged/index.html', 'the previous merge');
    put('merged/.dateline-build', 'built\n');
    put('s1/index.html', '<!doctype html>\n<title>Herald</title>\n<p>Rail freight doubles</p>\n');
    put('s2/index.html', '<!doctype html>\n<title>Herald</title>\n<p>Rail freight triples</p>\n');
    put('s1/a/index.html', 'story a');
    put('s2/a/index.html', 'story a');
    put('s1/.dateline-shard', '1/2\n');
    put('s2/.dateline-shard', '2/2\n');
    put('s1/images/logo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1]));
    put('s2/images/logo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 2]));
    const r = await cli(['merge', 'merged', 's1', 's2'], { cwd: tmp });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('error[SHARD_CONFLICT] s2/index.html:3\n  index.html differs between s1 and s2, from line 3 on.');
    expect(r.stderr).toContain('fix: Build every shard from the same commit with the same flags (compare the two copies: diff s1/index.html s2/index.html).');
    // A binary file has no lines.
    expect(r.stderr).toContain('error[SHARD_CONFLICT] s2/images/logo.png\n  images/logo.png differs between s1 and s2.');
    expect(r.stderr).not.toContain('a/index.html differs');
    expect(r.stderr).toMatch(/2 errors; nothing was written\.\n$/);
    expect(tree(path.join(tmp, 'merged'))).toEqual(new Map([['index.html', 'the previous merge']]));
    expect(readdirSync(tmp).sort()).toEqual(['merged', 's1', 's2']);
  });

  it('merge refuses a set of shards with one missing, one given twice, or from builds split different ways: exit 2, nothing written', async () => {
    const { tmp, put } = scratch();
    put('merged/index.html', 'the previous merge');
    put('merged/.dateline-build', 'built\n');
    for (const [dir, mark] of [['s1', '1/3'], ['s2', '2/3'], ['s3', '3/3'], ['t2', '2/2']]) {
      put(`${dir}/.dateline-shard`, `${mark}\n`);
      put(`${dir}/page-${dir}/index.html`, dir);
    }
    put('plain/index.html', 'a folder no shard build wrote');
    const cases: [string[], string][] = [
      [['s1', 's2'], 'Shard 3/3 is missing: the folders given hold 1/3, 2/3.'],
      [['s1', 's1', 's2', 's3'], 'Shard 1/3 is given twice (s1 and s1).'],
      [['s1', 't2', 's3'], 'The shard folders come from builds split different ways (s1: 1/3, t2: 2/2, s3: 3/3).'],
      [['s1', 's2', 's3', 'plain'], 'plain is not the folder of a `dateline build --shard i/n` (it has no .dateline-shard file). A shard\'s folder uploaded as a CI artifact keeps that hidden file only when the upload includes hidden files (GitHub\'s actions/upload-artifact: include-hidden-files: true).'],
    ];
    for (const [dirs, message] of cases) {
      const r = await cli(['merge', 'merged', ...dirs], { cwd: tmp });
      expect(r.code, dirs.join(' ')).toBe(2);
      expect(r.stderr).toBe(`error: ${message} Give every shard folder of one build, each once; nothing was written.\n`);
    }
    expect(tree(path.join(tmp, 'merged'))).toEqual(new Map([['index.html', 'the previous merge']]));
    // The whole set merges.
    expect((await cli(['merge', 'merged', 's3', 's1', 's2'], { cwd: tmp })).code).toBe(0);
    expect([...tree(path.join(tmp, 'merged')).keys()]).toEqual(['page-s1/index.html', 'page-s2/index.html', 'page-s3/index.html']);
  });

  it('merge refuses shards built from different sources (two commits): exit 2, naming which, nothing written', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 6; i++) files[`content/articles/a${i}.md`] = md({ title: `Story ${i}`, date: `2025-01-1${i}`, author: 'Li Wei', section: 'Business' }, `Body ${i}.`);
    const a = writeSite(files);
    // Job 2 checked out a newer commit: a correction to one story.
    const b = writeSite({ ...files, 'content/articles/a2.md': md({ title: 'Story 2', date: '2025-01-12', author: 'Li Wei', section: 'Business' }, 'Body 2. Late correction.') });
    const tmp = mkdtempSync(path.join(tmpdir(), 'dateline-shard-'));
    const now = ['--now', '2026-01-01T00:00:00Z'];
    for (const [site, i] of [[a, 1], [b, 2], [a, 3]] as const) {
      const r = await dateline(['build', site, '--shard', `${i}/3`, '--out', path.join(tmp, `s${i}`), ...now]);
      expect(r.code, r.stderr).toBe(0);
    }
    const r = await cli(['merge', 'dist', 's1', 's2', 's3'], { cwd: tmp });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toBe('error: The shards were built from different sources, config, templates or flags: [s1 (1/3), s3 (3/3)] differ from [s2 (2/3)]. Build every shard from the same commit with the same flags. Give every shard folder of one build, each once; nothing was written.\n');
    expect(existsSync(path.join(tmp, 'dist'))).toBe(false);
    // Shard 2 built again from the first commit: the set merges.
    expect((await dateline(['build', a, '--shard', '2/3', '--out', path.join(tmp, 's2'), ...now])).code).toBe(0);
    const merged = await cli(['merge', 'dist', 's1', 's2', 's3'], { cwd: tmp });
    expect(merged.code, merged.stderr).toBe(0);
    expect(readFileSync(path.join(tmp, 'dist', 'feed.xml'), 'utf8')).not.toContain('Late correction');
  });

  it('merge refuses shards built at different times on either side of a scheduled story (each job its own clock): exit 2, naming when; minutes apart with no change between, it merges', async () => {
    const files: Record<string, string> = { 'dateline.config.ts': "export default { title: 'T', baseUrl: 'https://example.com', timeZone: 'Asia/Shanghai' };\n" };
    for (let i = 0; i < 5; i++) files[`content/articles/a${i}.md`] = md({ title: `Story ${i}`, date: `2026-11-2${i} 08:00`, author: 'Li Wei', section: 'Business' }, `Body ${i}.`);
    // Two days old at 09:15:20, when it leaves the News sitemap.
    files['content/articles/older.md'] = md({ title: 'Older', date: '2026-11-26T09:15:20', author: 'Li Wei', section: 'Business' }, 'Older.');
    files['content/articles/scoop.md'] = md({ title: 'Scoop', date: '2026-11-28 09:15', author: 'Li Wei', section: 'Business' }, 'The scoop.');
    const dir = writeSite(files);
    const tmp = mkdtempSync(path.join(tmpdir(), 'dateline-shard-'));
    // Job 1 ran at 09:14:50, jobs 2 and 3 at 09:15:10, after the scoop was due.
    for (const [i, now] of [[1, '2026-11-28T09:14:50+08:00'], [2, '2026-11-28T09:15:10+08:00'], [3, '2026-11-28T09:15:10+08:00']] as const) {
      const r = await dateline(['build', dir, '--shard', `${i}/3`, '--out', path.join(tmp, `s${i}`), '--now', now]);
      expect(r.code, r.stderr).toBe(0);
    }
    const r = await cli(['merge', 'dist', 's1', 's2', 's3'], { cwd: tmp });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('The shards were built at different times, on either side of a scheduled change: s1 (1/3) at 2026-11-28T09:14:50+08:00, s2 (2/3) at 2026-11-28T09:15:10+08:00, and at 2026-11-28T09:15:00+08:00 a scheduled story went out.');
    expect(r.stderr).toContain('Build every shard with the same `--now`');
    expect(existsSync(path.join(tmp, 'dist'))).toBe(false);
    // Job 1 again, at 09:15:40: no change between its clock and the others' (a story leaving the
    // News sitemap at 09:15:20 is none: one shard writes that file), so the set merges,
    // and equals one build at either time.
    expect((await dateline(['build', dir, '--shard', '1/3', '--out', path.join(tmp, 's1'), '--now', '2026-11-28T09:15:40+08:00'])).code).toBe(0);
    const merged = await cli(['merge', 'dist', 's1', 's2', 's3'], { cwd: tmp });
    expect(merged.code, merged.stderr).toBe(0);
    expect((await dateline(['build', dir, '--out', path.join(tmp, 'single'), '--now', '2026-11-28T09:15:10+08:00'])).code).toBe(0);
    expect(tree(path.join(tmp, 'dist'))).toEqual(tree(path.join(tmp, 'single')));
  });

  it('merge says why a downloaded shard has no mark (an artifact upload that left hidden files out)', async () => {
    const dir = writeSite({ 'content/articles/a.md': md({ title: 'A', date: '2025-01-01', author: 'X' }) });
    const tmp = mkdtempSync(path.join(tmpdir(), 'dateline-shard-'));
    for (const i of [1, 2]) {
      expect((await dateline(['build', dir, '--shard', `${i}/2`, '--out', path.join(tmp, `s${i}`), '--now', '2026-01-01T00:00:00Z'])).code).toBe(0);
      // What actions/upload-artifact@v4 does by default since v4.4 (include-hidden-files: false).
      rmSync(path.join(tmp, `s${i}`, '.dateline-shard'));
    }
    const r = await cli(['merge', 'dist', 's1', 's2'], { cwd: tmp });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('s1 is not the folder of a `dateline build --shard i/n` (it has no .dateline-shard file)');
    expect(r.stderr).toContain('include-hidden-files: true');
    expect(existsSync(path.join(tmp, 'dist'))).toBe(false);
  });

  it('refuses a malformed --shard', async () => {
    const dir = writeSite({ 'content/articles/a.md': md({ title: 'A', date: '2025-01-01', author: 'X' }) });
    const r = await dateline(['build', dir, '--shard', '4/3']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--shard');
  });
});

import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build, createBuilder } from '../../src/build.js';
import { gitHashOf, parseIndex, readGitIndex, type GitIndex } from '../../src/discover/git-index.js';
import { fileHasher, hashText } from '../../src/discover/source-kind.js';
import { cli, coldBuild, md, tree, writeSite } from '../helpers/site.js';

const NOW_AT = '2026-01-01T00:00:00Z';
const git = (cwd: string, ...args: string[]) => execFileSync('git', ['-c', 'user.name=Desk', '-c', 'user.email=desk@example.org', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: cwd } });

/**
 * A work tree as a fresh clone leaves it: every tracked file written again (new times and inodes),
 * and the index written after them. A clone of a few files writes them and its index in the same
 * millisecond, where every entry is racily clean; a newsroom's thousands of files are written well
 * before the index. The index's time is set a little later, as that one's is.
 */
function freshCheckout(dir: string): void {
  for (const f of git(dir, 'ls-files', '-z').split('\0').filter(Boolean)) rmSync(path.join(dir, f));
  git(dir, 'checkout', '-q', '--', '.');
  const later = new Date(Date.now() + 50);
  utimesSync(path.join(dir, '.git', 'index'), later, later);
}

/** A repository with these files committed, checked out afresh. */
function repo(files: Record<string, string>): string {
  const dir = writeSite(files);
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'first');
  freshCheckout(dir);
  return dir;
}

/** What the index vouches for, as the build asks: each file's id when it is as git left it and as long as the build last read it. */
function vouched(index: GitIndex | undefined, dir: string, names: string[]): (string | undefined)[] {
  return names.map((n) => {
    const st = statSync(path.join(dir, n));
    return index && gitHashOf(index, path.join(dir, n), st, st.size);
  });
}

describe('git\'s index as the hash of a fresh clone\'s files (discover/git-index.ts)', () => {
  const files = { 'content/articles/a.md': '---\ntitle: "长安汽车丨Insights"\n---\n\nChongqing—By Ran Zheng\n', 'content/articles/bom.md': '\uFEFF---\ntitle: Saved by Notepad\n---\n', 'content/articles/empty.md': '', 'templates/base.njk': '{{ page.title }}\n' };
  const names = Object.keys(files);

  it('names a file\'s content as git does: a content file\'s hash is its blob id', () => {
    const dir = repo(files);
    const hash = fileHasher();
    for (const n of names) {
      const id = git(dir, 'hash-object', n).trim();
      expect(hashText(readFileSync(path.join(dir, n), 'utf8'))).toBe(id);
      expect(hash(path.join(dir, n), statSync(path.join(dir, n)).size)).toBe(id);
    }
  });

  it('vouches for every file as git checked it out, in index versions 2, 3 and 4, and from a linked worktree', () => {
    const dir = repo(files);
    const ids = names.map((n) => git(dir, 'hash-object', n).trim());
    expect(vouched(readGitIndex(dir), dir, names)).toEqual(ids);
    // Asked from the site's folder below the work tree's.
    expect(vouched(readGitIndex(path.join(dir, 'content')), dir, names)).toEqual(ids);
    for (const version of ['3', '4']) {
      git(dir, 'update-index', '--index-version', version);
      expect(vouched(readGitIndex(dir), dir, names)).toEqual(ids);
    }
    const linked = path.join(mkdtempSync(path.join(tmpdir(), 'dateline-worktree-')), 'tree');
    git(dir, 'worktree', 'add', '-q', linked);
    const later = new Date(Date.now() + 50);
    utimesSync(path.join(dir, '.git', 'worktrees', 'tree', 'index'), later, later);
    expect(vouched(readGitIndex(linked), linked, names)).toEqual(ids);
  });

  it('vouches for nothing it cannot be sure of: a file edited, touched or of another size than the build read; told not to check; not a plain file', () => {
    const dir = repo({ ...files, 'content/articles/b.md': 'b\n', 'content/articles/c.md': 'c\n', 'content/articles/d.md': 'd\n', 'content/articles/e.md': 'e\n' });
    appendFileSync(path.join(dir, 'content/articles/a.md'), 'More.\n');
    utimesSync(path.join(dir, 'content/articles/b.md'), new Date(), new Date(Date.now() - 60_000));
    git(dir, 'update-index', '--assume-unchanged', 'content/articles/c.md');
    git(dir, 'update-index', '--skip-worktree', 'content/articles/d.md');
    const index = readGitIndex(dir)!;
    expect(vouched(index, dir, ['content/articles/a.md', 'content/articles/b.md', 'content/articles/c.md', 'content/articles/d.md'])).toEqual([undefined, undefined, undefined, undefined]);
    const e = path.join(dir, 'content/articles/e.md');
    const st = statSync(e);
    expect(gitHashOf(index, e, st, st.size)).toBe(git(dir, 'hash-object', 'content/articles/e.md').trim());
    // Checked out through a filter (CRLF line ends, Git LFS), a file is another size than its blob, and than the build read.
    expect(gitHashOf(index, e, st, st.size + 1)).toBeUndefined();
    // Without its change time and inode (the build's record of a file it did not stat itself), nothing.
    expect(gitHashOf(index, e, { size: st.size, mtimeMs: st.mtimeMs }, st.size)).toBeUndefined();
  });

  it('leaves out a file changed as late as the index was written (racily clean), and reads no index it cannot trust', () => {
    const dir = repo(files);
    const indexFile = path.join(dir, '.git', 'index');
    const bytes = readFileSync(indexFile);
    const newest = Math.max(...names.map((n) => statSync(path.join(dir, n)).mtimeMs));
    const tracked = git(dir, 'ls-files').trim().split('\n').length;
    expect(parseIndex(bytes, newest + 1000)!.at.size).toBe(tracked);
    expect(parseIndex(bytes, newest)!.at.size).toBeLessThan(tracked);
    // A changed byte (the checksum), a cut index, another format.
    const changed = Buffer.from(bytes);
    changed[20] ^= 1;
    expect(parseIndex(changed, newest + 1000)).toBeUndefined();
    expect(parseIndex(bytes.subarray(0, bytes.length - 30), newest + 1000)).toBeUndefined();
    expect(parseIndex(Buffer.from('not an index at all, but long enough to look'), newest + 1000)).toBeUndefined();
    // Split index: its entries are in another file.
    git(dir, 'update-index', '--split-index');
    expect(readGitIndex(dir)).toBeUndefined();
    git(dir, 'update-index', '--no-split-index');
    expect(readGitIndex(dir)).toBeDefined();
    const before = process.env.GIT_INDEX_FILE;
    process.env.GIT_INDEX_FILE = indexFile;
    try {
      expect(readGitIndex(dir)).toBeUndefined();
    } finally {
      if (before === undefined) delete process.env.GIT_INDEX_FILE;
      else process.env.GIT_INDEX_FILE = before;
    }
    const sha256 = writeSite({ 'a.md': 'a\n' });
    try {
      git(sha256, 'init', '-q', '--object-format=sha256');
      git(sha256, 'add', '-A');
      expect(readGitIndex(sha256)).toBeUndefined();
    } catch (e) {
      // A git too old for SHA-256 repositories has none to misread.
      expect(String(e)).toMatch(/object-format|unknown option/);
    }
    expect(readGitIndex(mkdtempSync(path.join(tmpdir(), 'dateline-nogit-')))).toBeUndefined();
  });

  it('reads a version 4 index whole past a name that is not UTF-8, and no index where a filter other than Git LFS\'s may keep a size', () => {
    const dir = repo(files);
    const ids = names.map((n) => git(dir, 'hash-object', n).trim());
    // An entry named with a byte that is not UTF-8, sorted before the others.
    const odd = Buffer.concat([Buffer.from(`100644 ${ids[0]}\t`), Buffer.from([0x61, 0x62, 0xff]), Buffer.from([0])]);
    execFileSync('git', ['update-index', '-z', '--index-info'], { cwd: dir, input: odd });
    git(dir, 'update-index', '--index-version', '4');
    const later = new Date(Date.now() + 50);
    utimesSync(path.join(dir, '.git', 'index'), later, later);
    expect(vouched(readGitIndex(dir), dir, names)).toEqual(ids);
    // Git LFS's filter (a pointer checked out as the file: another size) is no reason to refuse.
    writeFileSync(path.join(dir, '.gitattributes'), '*.jpg filter=lfs diff=lfs merge=lfs -text\n');
    git(dir, 'add', '.gitattributes');
    expect(readGitIndex(dir)).toBeDefined();
    writeFileSync(path.join(dir, '.gitattributes'), '*.md filter=keywords\n');
    expect(readGitIndex(dir)).toBeUndefined();
  });

  it('a copy made again in a watch session (cp -p: same size and time) loses its id: the source checked out again as it was is copied again', async () => {
    const dir = repo({ 'content/articles/s0.md': md({ title: 'Story', date: '2025-03-01T10:00:00+08:00', author: 'Ran Zheng' }, 'Words.'), 'static/files/a.txt': 'one\n' });
    const out = path.join(dir, 'dist');
    const file = path.join(dir, 'static/files/a.txt');
    const before = process.env.DATELINE_TEST_GIT_INDEX;
    process.env.DATELINE_TEST_GIT_INDEX = '1';
    try {
      const once = async () => {
        const r = await build({ siteDir: dir, outDir: out, now: NOW_AT });
        expect(r.ok).toBe(true);
        return r;
      };
      await once();
      freshCheckout(dir);
      // The copy's id recorded, its bytes compared once.
      expect((await once()).fromGit).toBe(1);
      freshCheckout(dir);
      expect((await once()).fromGit).toBe(2);
      const session = createBuilder({ siteDir: dir, outDir: out, now: NOW_AT });
      try {
        expect((await session.build()).ok).toBe(true);
        // Its time kept to the nanosecond (`touch -r`; utimes from JavaScript keeps milliseconds).
        execFileSync('cp', ['-p', file, `${file}.was`]);
        writeFileSync(file, 'two\n');
        execFileSync('touch', ['-r', `${file}.was`, file]);
        rmSync(`${file}.was`);
        expect((await session.build([{ type: 'change', path: 'static/files/a.txt' }])).ok).toBe(true);
        expect(readFileSync(path.join(out, 'files/a.txt'), 'utf8')).toBe('two\n');
      } finally {
        await session.close();
      }
      rmSync(file);
      git(dir, 'checkout', '-q', '--', 'static/files/a.txt');
      const later = new Date(Date.now() + 50);
      utimesSync(path.join(dir, '.git', 'index'), later, later);
      await once();
      expect(readFileSync(path.join(out, 'files/a.txt'), 'utf8')).toBe('one\n');
      const coldOut = path.join(mkdtempSync(path.join(tmpdir(), 'dateline-cold-')), 'dist');
      await coldBuild(dir, coldOut, { now: NOW_AT });
      expect(tree(out)).toEqual(tree(coldOut));
    } finally {
      if (before === undefined) delete process.env.DATELINE_TEST_GIT_INDEX;
      else process.env.DATELINE_TEST_GIT_INDEX = before;
    }
  });

  it('a cached build in a fresh clone takes unchanged content and static files from the index, and builds what a cold build builds (real bin)', async () => {
    const story = (n: number, body = 'Words.') => md({ title: `Story ${n}`, date: `2025-03-${String(n + 1).padStart(2, '0')}T10:00:00+08:00`, author: 'Ran Zheng', tags: ['rail'], summary: `Story ${n}.` }, body);
    const stories = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`content/articles/s${i}.md`, story(i)]));
    // Static files (a newsroom's photos): in a fresh clone each has a new time and the size of its copy.
    const statics = Object.fromEntries(Array.from({ length: 4 }, (_, i) => [`static/files/f${i}.txt`, `file ${i}\n`]));
    // And a page bundle's file beside its story.
    const bundle = { 'content/articles/flood/index.md': story(20, 'The [notes](notes.txt).'), 'content/articles/flood/notes.txt': 'the notes\n' };
    const dir = repo({ ...stories, ...statics, ...bundle });
    const env = { DATELINE_TEST_GIT_INDEX: '1' };
    const out = path.join(dir, 'dist');
    const run = async () => {
      const r = await cli(['build', dir, '--json', '--now', NOW_AT], { env });
      expect(r.code, r.stderr).toBe(0);
      return (JSON.parse(r.stdout) as { counts: { parsed: number; fromGit: number } }).counts;
    };
    expect(await run()).toMatchObject({ parsed: 9, fromGit: 0 });
    // A clone before any change: the static files' ids are recorded (their bytes compared this once).
    freshCheckout(dir);
    expect(await run()).toMatchObject({ parsed: 0, fromGit: 9 });
    // The cache took their new sizes and times: the next build has nothing to ask git.
    expect(await run()).toMatchObject({ parsed: 0, fromGit: 0 });
    // The next commit: one story edited, one added, a static file changed at the same size; checked out afresh, the cache and dist/ kept.
    writeFileSync(path.join(dir, 'content/articles/s1.md'), story(1, 'Words edited.'));
    writeFileSync(path.join(dir, 'content/articles/s9.md'), story(9));
    writeFileSync(path.join(dir, 'static/files/f1.txt'), 'FILE 1\n');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'second');
    freshCheckout(dir);
    // And a story and a static file edited after the checkout, at the same size: git's index does not vouch for them.
    writeFileSync(path.join(dir, 'content/articles/s2.md'), story(2, 'Wordz.'));
    writeFileSync(path.join(dir, 'static/files/f2.txt'), 'FILE 2\n');
    // From git: 7 stories (not the one the commit changed, nor the one edited since), 2 static files and the bundle's file.
    expect(await run()).toMatchObject({ parsed: 3, fromGit: 7 + 2 + 1 });
    const coldOut = path.join(mkdtempSync(path.join(tmpdir(), 'dateline-cold-')), 'dist');
    await coldBuild(dir, coldOut, { now: NOW_AT });
    expect(tree(out)).toEqual(tree(coldOut));
    expect(readFileSync(path.join(out, '2025/03/03/s2/index.html'), 'utf8')).toContain('Wordz.');
    expect(readFileSync(path.join(out, 'files/f1.txt'), 'utf8')).toBe('FILE 1\n');
    expect(readFileSync(path.join(out, 'files/f2.txt'), 'utf8')).toBe('FILE 2\n');
    expect(readFileSync(path.join(out, '2025/03/21/flood/notes.txt'), 'utf8')).toBe('the notes\n');
  });
});

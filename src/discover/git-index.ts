import { createHash } from 'node:crypto';
import { closeSync, fstatSync, lstatSync, openSync, readFileSync, readSync } from 'node:fs';
import path from 'node:path';
import type { FileSig } from './stat-thread.js';

/**
 * What git's index (`.git/index`) says of the files of a work tree: each file's blob id (the SHA-1
 * of its content, as dateline hashes a content file: hashText) and the size, times and inode the
 * file had when git last wrote or checked it. A fresh clone in CI gives every file a new time, and
 * a cached build then hashed every content file to tell it unchanged (10,000 files: about 0.3 s
 * of CPU, a fifth of such a build). Where the file is still as git left it, git's id is its hash.
 *
 * Read only as far as it can be trusted: the index of a work tree found from the site's folder
 * up (a `.git` folder, or a `.git` file naming one, as a linked worktree or submodule has), in
 * versions 2 to 4, whole (its checksum checked). Not used at all with GIT_DIR, GIT_WORK_TREE or
 * GIT_INDEX_FILE set, with a work tree moved by `core.worktree`, in a SHA-256 repository, with
 * a split or sparse index, or where a `filter=` attribute other than Git LFS's is set (a filter may
 * check a file out as other bytes of the same size). An entry is left out when git itself would
 * look at the file again: a conflict, a file git is told not to check (assume-unchanged,
 * skip-worktree), one only intended to be added, anything but a plain file, and a file changed in
 * the same millisecond as the index was written or later ("racily clean": git's own rule, at the
 * precision Node gives).
 */
export interface GitIndex {
  /** The work tree's folder, as found from the site's (not resolved through symlinks). */
  root: string;
  entries: GitEntries;
}

/**
 * The index's bytes, and where each entry git vouches for starts, by its path from the work tree's
 * folder (`/` between names). An entry's fields are read from the bytes when it is asked for:
 * making 10,000 objects took half of the 30-60 ms a first read took.
 */
export interface GitEntries {
  bytes: Buffer;
  at: Map<string, number>;
  /** The paths of the `.gitattributes` files the index lists. */
  attributes: string[];
}

const U32 = 2 ** 32;

/**
 * The blob id git has for the file at `abs` when the file is as git last saw it, undefined when it
 * may not be. `size` is the file's size when the build last read it: a file checked out through a
 * filter (line endings made CRLF, Git LFS) differs from its blob, nearly always in size, and then
 * is read.
 */
export function gitHashOf(index: GitIndex, abs: string, now: FileSig, size: number | undefined): string | undefined {
  if (now.ctimeMs === undefined || now.ino === undefined || now.size !== size) return undefined;
  const rel = path.relative(index.root, abs);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  const { bytes, at } = index.entries;
  const e = at.get(path.sep === '/' ? rel : rel.split(path.sep).join('/'));
  if (e === undefined) return undefined;
  // The fields (git's index-format.txt): ctime and mtime (seconds, nanoseconds), dev, ino, mode, uid, gid, size, the id.
  const same = timeAt(bytes, e) === now.ctimeMs && timeAt(bytes, e + 8) === now.mtimeMs && bytes.readUInt32BE(e + 20) === now.ino % U32 && bytes.readUInt32BE(e + 36) === now.size % U32;
  return same ? bytes.toString('hex', e + 40, e + 60) : undefined;
}

/** A time as Node gives it in ms (seconds × 1000 + nanoseconds / 10⁶: the same double). */
const timeAt = (bytes: Buffer, at: number) => bytes.readUInt32BE(at) * 1e3 + bytes.readUInt32BE(at + 4) / 1e6;

/** The index of the git work tree `dir` is in, undefined when there is none or it cannot be trusted. */
export function readGitIndex(dir: string): GitIndex | undefined {
  if (process.env.GIT_DIR || process.env.GIT_WORK_TREE || process.env.GIT_INDEX_FILE || process.env.GIT_COMMON_DIR) return undefined;
  try {
    const found = findGitDir(path.resolve(dir));
    if (!found) return undefined;
    const { root, gitDir } = found;
    const common = readIfThere(path.join(gitDir, 'commondir'))?.toString('utf8').trim();
    const commonDir = common ? path.resolve(gitDir, common) : gitDir;
    const home = process.env.HOME ?? '';
    const xdg = process.env.XDG_CONFIG_HOME || path.join(home, '.config');
    for (const config of [path.join(gitDir, 'config'), path.join(gitDir, 'config.worktree'), path.join(commonDir, 'config'), ...(home ? [path.join(home, '.gitconfig')] : []), path.join(xdg, 'git', 'config')]) {
      const text = readIfThere(config)?.toString('utf8') ?? '';
      // Another object format, a work tree elsewhere, attributes from a file of the config's choosing.
      if (/^\s*(objectformat|worktree|attributesfile)\s*=/im.test(text)) return undefined;
    }
    const fd = openSync(path.join(gitDir, 'index'), 'r');
    let bytes: Buffer;
    let writtenMs: number;
    try {
      const st = fstatSync(fd);
      writtenMs = st.mtimeMs;
      bytes = Buffer.allocUnsafe(st.size);
      let at = 0;
      while (at < st.size) {
        const n = readSync(fd, bytes, at, st.size - at, at);
        if (n === 0) return undefined;
        at += n;
      }
    } finally {
      closeSync(fd);
    }
    const entries = parseIndex(bytes, writtenMs);
    if (!entries) return undefined;
    // A filter (a `filter=` attribute) checks a file out as other bytes than its blob; one that
    // keeps the size would pass gitHashOf's check. Git LFS's changes the size (a pointer becomes
    // the file), and line-end conversions, `ident` and working-tree encodings change it too.
    const attributes = [...entries.attributes.map((name) => path.join(root, name)), path.join(commonDir, 'info', 'attributes'), path.join(xdg, 'git', 'attributes')];
    if (attributes.some((file) => /(^|\s)filter=(?!lfs(\s|$))/m.test(readIfThere(file)?.toString('utf8') ?? ''))) return undefined;
    return { root, entries };
  } catch {
    return undefined;
  }
}

function readIfThere(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** The folder holding `.git` from `dir` up, and the git folder it names. */
function findGitDir(dir: string): { root: string; gitDir: string } | undefined {
  for (let at = dir; ; ) {
    const dotGit = path.join(at, '.git');
    const st = lstatSync(dotGit, { throwIfNoEntry: false });
    if (st?.isDirectory()) return { root: at, gitDir: dotGit };
    if (st?.isFile()) {
      const named = /^gitdir: *(.+?)\s*$/m.exec(readFileSync(dotGit, 'utf8'))?.[1];
      return named ? { root: at, gitDir: path.resolve(at, named) } : undefined;
    }
    const up = path.dirname(at);
    if (up === at) return undefined;
    at = up;
  }
}

/** The entries of an index file (git's index-format.txt), undefined for one that is not whole or not one this reads. */
export function parseIndex(bytes: Buffer, writtenMs: number): GitEntries | undefined {
  if (bytes.length < 32 || bytes.toString('latin1', 0, 4) !== 'DIRC') return undefined;
  const version = bytes.readUInt32BE(4);
  if (version < 2 || version > 4) return undefined;
  const body = bytes.subarray(0, bytes.length - 20);
  const sum = bytes.subarray(bytes.length - 20);
  // index.skipHash leaves the checksum zero.
  if (!sum.every((b) => b === 0) && !createHash('sha1').update(body).digest().equals(sum)) return undefined;
  const count = bytes.readUInt32BE(8);
  const entries = new Map<string, number>();
  const untrusted = new Set<string>();
  const attributes: string[] = [];
  let at = 12;
  let last = Buffer.alloc(0);
  for (let i = 0; i < count; i++) {
    const start = at;
    if (at + 62 > body.length) return undefined;
    const mtimeMs = timeAt(bytes, at + 8);
    const mode = bytes.readUInt32BE(at + 24);
    const flags = bytes.readUInt16BE(at + 60);
    at += 62;
    let extended = 0;
    if (flags & 0x4000) {
      if (version < 3 || at + 2 > body.length) return undefined;
      extended = bytes.readUInt16BE(at);
      at += 2;
    }
    let name: string;
    if (version === 4) {
      // The path is the last one's without its last `cut` bytes, then what follows, to a NUL.
      let c = bytes[at++];
      let cut = c & 127;
      while (c & 128) {
        c = bytes[at++];
        cut = ((cut + 1) << 7) | (c & 127);
      }
      const end = bytes.indexOf(0, at);
      if (end < 0 || end > body.length || cut > last.length) return undefined;
      // Kept as bytes: a name that is not UTF-8 would not come back as it was from its text.
      last = Buffer.concat([last.subarray(0, last.length - cut), bytes.subarray(at, end)]);
      name = last.toString('utf8');
      at = end + 1;
    } else {
      // The name's length, when under 4,095 bytes, is in the flags.
      const end = (flags & 0xfff) < 0xfff ? at + (flags & 0xfff) : bytes.indexOf(0, at);
      if (end < 0 || end >= body.length || bytes[end] !== 0) return undefined;
      name = bytes.toString('latin1', at, end);
      if (!/^[\x00-\x7f]*$/.test(name)) name = bytes.toString('utf8', at, end);
      // Padded with NULs to a multiple of 8 bytes from the entry's start, at least one.
      at = start + Math.ceil((end - start + 1) / 8) * 8;
    }
    if (name === '.gitattributes' || name.endsWith('/.gitattributes')) attributes.push(name);
    const plainFile = mode === 0o100644 || mode === 0o100755;
    // Stage bits (a conflict), assume-unchanged; skip-worktree, intent-to-add; a name that was not UTF-8; racily clean.
    const trusted = plainFile && (flags & 0xb000) === 0 && (extended & 0x6000) === 0 && !name.includes('\uFFFD') && mtimeMs < Math.floor(writtenMs);
    if (trusted && !untrusted.has(name)) entries.set(name, start);
    else {
      untrusted.add(name);
      entries.delete(name);
    }
  }
  // The extensions: a split index keeps its entries in another file, a sparse one whole folders as one entry.
  while (at + 8 <= body.length) {
    const sig = bytes.toString('latin1', at, at + 4);
    if (sig === 'link' || sig === 'sdir') return undefined;
    at += 8 + bytes.readUInt32BE(at + 4);
  }
  return at === body.length ? { bytes, at: entries, attributes } : undefined;
}

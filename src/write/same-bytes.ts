import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

// Two 64 KB buffers for every comparison: it runs to its end without yielding.
const mine = Buffer.allocUnsafe(1 << 16);
const theirs = Buffer.allocUnsafe(1 << 16);

// Opened without blocking: a FIFO put where a file should be would otherwise hold the build in
// `open` until something wrote to it, where not even SIGTERM reaches the build. A link at the
// copy's place is not followed. Neither flag is there on Windows, where neither is needed.
const SOURCE = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);
const COPY = SOURCE | (constants.O_NOFOLLOW ?? 0);

/**
 * Whether `copy` is a regular file of `size` bytes with the same bytes and permissions as
 * `source`, as a copy made by `copyFile` has. Read a chunk at a time, and only as far as the first
 * difference; a file that cannot be read, or is not a regular file, is not the same.
 */
export function sameBytes(source: string, copy: string, size: number): boolean {
  let a: number | undefined;
  let b: number | undefined;
  try {
    a = openSync(source, SOURCE);
    b = openSync(copy, COPY);
    const ours = fstatSync(a);
    const st = fstatSync(b);
    if (!ours.isFile() || !st.isFile() || st.size !== size || ours.size !== size || (st.mode & 0o7777) !== (ours.mode & 0o7777)) return false;
    for (let at = 0; ; ) {
      const n = fill(a, mine, at);
      if (fill(b, theirs, at) !== n) return false;
      if (n === 0) return at === size;
      if (mine.compare(theirs, 0, n, 0, n) !== 0) return false;
      at += n;
    }
  } catch {
    return false;
  } finally {
    if (a !== undefined) closeSync(a);
    if (b !== undefined) closeSync(b);
  }
}

/** Reads from `at` until the buffer is full or the file ends; the bytes read. */
function fill(fd: number, buf: Buffer, at: number): number {
  let n = 0;
  while (n < buf.length) {
    const r = readSync(fd, buf, n, buf.length - n, at + n);
    if (r === 0) break;
    n += r;
  }
  return n;
}

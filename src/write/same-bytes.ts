import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

// Two 64 KB buffers for every comparison: it runs to its end without yielding.
const ours = Buffer.allocUnsafe(1 << 16);
const theirs = Buffer.allocUnsafe(1 << 16);

/**
 * Whether `copy` is a regular file (a link there is not followed) of `size` bytes, the same bytes
 * as `source` holds. Read a chunk at a time, and only as far as the first difference; a file that
 * cannot be read is not the same.
 */
export function sameBytes(source: string, copy: string, size: number): boolean {
  let a: number | undefined;
  let b: number | undefined;
  try {
    a = openSync(source, 'r');
    // O_NOFOLLOW is not there on Windows, where it adds nothing.
    b = openSync(copy, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
    const st = fstatSync(b);
    if (!st.isFile() || st.size !== size || fstatSync(a).size !== size) return false;
    for (let at = 0; ; ) {
      const n = fill(a, ours, at);
      if (fill(b, theirs, at) !== n) return false;
      if (n === 0) return at === size;
      if (ours.compare(theirs, 0, n, 0, n) !== 0) return false;
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

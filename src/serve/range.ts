/** Bytes `start` to `end` of a file, both included, as Content-Range counts them. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * The one byte range a `Range` header asks of a file of `size` bytes (RFC 9110 §14.1.2):
 * `bytes=a-b` (cut at the end of the file), `bytes=a-`, or `bytes=-n` (the last n bytes).
 * 'unsatisfiable' when it starts past the end, or asks for the last 0 bytes (a 416).
 * Undefined when the header is to be ignored and the whole file sent, which RFC 9110 lets a
 * server do with any Range: no header, another unit, a malformed one, or several ranges, whose
 * multipart/byteranges answer no browser needs for media.
 */
export function parseRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | undefined {
  const m = header === undefined ? null : /^bytes=(.*)$/i.exec(header.trim());
  if (!m) return undefined;
  // A list may hold empty elements ("bytes=0-99,"), which do not count.
  const specs = m[1].split(',').map((s) => s.trim()).filter((s) => s !== '');
  const spec = specs.length === 1 ? /^(\d*)-(\d*)$/.exec(specs[0]) : null;
  if (!spec || (spec[1] === '' && spec[2] === '')) return undefined;
  if (spec[1] === '') {
    const last = Number(spec[2]);
    return last === 0 || size === 0 ? 'unsatisfiable' : { start: Math.max(0, size - last), end: size - 1 };
  }
  const start = Number(spec[1]);
  const end = spec[2] === '' ? Infinity : Number(spec[2]);
  if (end < start) return undefined;
  return start >= size ? 'unsatisfiable' : { start, end: Math.min(end, size - 1) };
}

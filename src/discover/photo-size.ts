import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { imageSize } from 'image-size';

/** What a build knows of one photo file: its size in bytes and, when its header could be read, in pixels. */
export interface PhotoFacts {
  bytes: number;
  width?: number;
  height?: number;
}

/** The names of the files a page shows as photos: the ones whose pixel size is read. */
export const PHOTO_FILE = /\.(?:jpe?g|png|gif|webp|avif|svg|heic|heif|tiff?)$/i;

/**
 * Photos a phone or a scanner saves that only Safari shows: Chrome, Firefox and Edge, feed readers
 * and social networks show a broken image instead.
 */
export const NOT_FOR_WEB = /\.(?:heic|heif|tiff?)$/i;

/** Every format image-size reads keeps its size well inside this: the rest of the file is pixels. */
const HEAD = 64 * 1024;

/**
 * A photo's pixel size from the start of its file (a whole 30 MB photo is never read for its
 * header), as the browser shows it: a camera's JPEG stored on its side with an EXIF orientation
 * of 5 to 8 is shown turned, its width and height swapped. The whole file is read only when its
 * first 64 KB do not hold the size (a JPEG with a large embedded preview before its frame).
 * No pixel size for a file that is not an image image-size can read (a text file named .jpg,
 * a cut-off download); an SVG without a size or viewBox has none either.
 */
export function readPhotoFacts(abs: string): PhotoFacts {
  const fd = openSync(abs, 'r');
  try {
    const bytes = fstatSync(fd).size;
    const head = readBytes(fd, Math.min(HEAD, bytes));
    const size = sizeOf(head) ?? (bytes > HEAD ? sizeOf(readBytes(fd, bytes)) : undefined);
    return size ? { bytes, ...size } : { bytes };
  } finally {
    closeSync(fd);
  }
}

/**
 * The first `n` bytes of the file, in memory of their own. image-size reads through a DataView on
 * the view's whole ArrayBuffer, not stopping at the view's end: given a slice of Node's shared
 * buffer pool (`Buffer.allocUnsafe` of a small size), a cut-off JPEG took its width from whatever
 * the pool held after it, another size from one build to the next.
 */
function readBytes(fd: number, n: number): Uint8Array {
  const buf = new Uint8Array(n);
  let got = 0;
  while (got < n) {
    const r = readSync(fd, buf, got, n - got, got);
    if (r === 0) break;
    got += r;
  }
  // Shorter than its size said (cut while being read): a copy as long as what was read.
  return got === n ? buf : buf.slice(0, got);
}

function sizeOf(buf: Uint8Array): { width: number; height: number } | undefined {
  if (buf.length === 0) return undefined;
  try {
    const s = imageSize(buf);
    if (!(s.width > 0 && s.height > 0)) return undefined;
    const turned = s.orientation !== undefined && s.orientation >= 5 && s.orientation <= 8;
    return turned ? { width: s.height, height: s.width } : { width: s.width, height: s.height };
  } catch {
    // image-size throws on anything it cannot read, and a cut-off header can make it read past
    // the buffer (a RangeError): either way the file has no size we can trust.
    return undefined;
  }
}

/**
 * The facts of each photo file, read once per build and kept while the file's size and time stay
 * the same: a watch session reads again only the photos that changed. `forget` drops one the
 * watcher saw change (a copy that keeps its date, `cp -p`, has the same size and time).
 */
export class PhotoFactsCache {
  private readonly known = new Map<string, { sig: string; facts: PhotoFacts | undefined }>();

  /** Undefined when the file cannot be opened (removed while the build ran). */
  get(abs: string): PhotoFacts | undefined {
    let sig: string;
    try {
      const st = statSync(abs);
      sig = `${st.size}:${st.mtimeMs}`;
    } catch {
      return undefined;
    }
    const k = this.known.get(abs);
    if (k && k.sig === sig) return k.facts;
    let facts: PhotoFacts | undefined;
    try {
      facts = readPhotoFacts(abs);
    } catch {
      facts = undefined;
    }
    this.known.set(abs, { sig, facts });
    return facts;
  }

  forget(abs: string): void {
    this.known.delete(abs);
  }

  /** Keeps only these files: a session's photos removed since are not held for ever. */
  keepOnly(abs: ReadonlySet<string>): void {
    for (const p of this.known.keys()) if (!abs.has(p)) this.known.delete(p);
  }
}

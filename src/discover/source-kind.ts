import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';

/**
 * What a content file is and its content hash: the parse workers need these, and not the rest of
 * discovery (which loads fast-glob, 30 ms of every worker's start).
 */
export const PAGES_DIR = 'content/pages';

/**
 * A content file's hash: the SHA-1 of its UTF-8 bytes as git names a file's content (its blob id,
 * `git hash-object`), so that a build in a fresh clone can take a file's hash from git's index
 * instead of reading it (discover/git-index.ts).
 */
export function hashText(text: string): string {
  return createHash('sha1').update(`blob ${Buffer.byteLength(text)}\0`).update(text).digest('hex');
}

/** hashText of a file's text, from the file's bytes: the same hash for UTF-8, which a content file is. */
export function hashBytes(bytes: Uint8Array): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

/**
 * hashText of each file's text, read as bytes into one buffer kept for every file (`size` from a
 * stat just made): the same hash for UTF-8 text, which is what a content file is; another for a
 * file that is not, or that is not `size` bytes long now, which then counts as changed. A fresh
 * checkout gives every file a new time, and reading its 10,000 articles as strings took 0.24 s.
 */
export function fileHasher(): (abs: string, size: number) => string | undefined {
  return hasherWith({ openSync, readSync, closeSync }, createHash);
}

/**
 * fileHasher's work, given Node's modules: it names nothing outside itself, so the stat thread
 * (discover/stat-thread.ts), which runs plain JavaScript from a string and cannot import this
 * file, runs the same code from its text (`String(hasherWith)`).
 */
export function hasherWith(fs: Pick<typeof import('node:fs'), 'openSync' | 'readSync' | 'closeSync'>, sha1: typeof createHash): (abs: string, size: number) => string | undefined {
  let buf = Buffer.allocUnsafe(1 << 16);
  return (abs, size) => {
    if (buf.length <= size) buf = Buffer.allocUnsafe(Math.max(size + 1, buf.length * 2));
    let fd: number;
    try {
      fd = fs.openSync(abs, 'r');
    } catch {
      return undefined;
    }
    try {
      // One byte more than it should have: a file that grew since its stat reads longer. A read
      // of a file that comes short has reached its end: no read more to find it.
      let n = 0;
      while (n <= size) {
        const want = size + 1 - n;
        const r = fs.readSync(fd, buf, n, want, null);
        n += r;
        if (r < want) break;
      }
      return n === size ? sha1('sha1').update(`blob ${n}\0`).update(buf.subarray(0, n)).digest('hex') : undefined;
    } catch {
      return undefined;
    } finally {
      fs.closeSync(fd);
    }
  };
}

export function kindOf(rel: string): 'article' | 'page' {
  return rel.startsWith(`${PAGES_DIR}/`) ? 'page' : 'article';
}

/** Folders whose `index.md` is named `index`, not by its folder: the content folder and its usual top folders. */
const NOT_BUNDLES = ['content', 'articles', 'pages'];

/**
 * The folder of a page bundle, when `rel` is one's Markdown file: `flood-defences/index.md` (Hugo,
 * Eleventy) is a story named by its folder, whose other files (photos, documents) are published
 * beside it. Undefined for any other file, and for `content/articles/index.md`, which is named
 * `index` (validate/article.ts).
 */
export function bundleFolder(rel: string): string | undefined {
  if (!rel.endsWith('/index.md')) return undefined;
  const folder = rel.slice(0, -'/index.md'.length);
  return NOT_BUNDLES.includes(folder.slice(folder.lastIndexOf('/') + 1)) ? undefined : folder;
}

/**
 * The extensions of photos, video, sound, captions and documents: files, not pages. One kept in
 * content/ is not published (discover.ts); a link to one that is missing wants the file put in
 * static/ (check/links.ts).
 */
export const MEDIA_EXTENSIONS = 'jpe?g|png|gif|webp|avif|svg|heic|tiff?|bmp|mp4|m4v|mov|webm|ogv|mp3|m4a|aac|ogg|oga|opus|wav|flac|vtt|pdf|docx?|xlsx?|pptx?|csv|zip';

/**
 * What a page bundle publishes from its story's folder (discover.ts), on the site's own origin:
 * photos, video, sound and captions, which a browser shows and never runs. Not SVG (an image
 * that may hold script), HTML, XML, JavaScript, CSS (no script, but a style sheet on the site's
 * origin can restyle or read a page through selectors) or anything else a browser may run when
 * the file is opened: a writer with access to content/ must not get past the sanitiser that
 * cleans raw HTML in stories. Files a site trusts go in static/.
 */
export const BUNDLE_MEDIA_EXTENSIONS = 'jpe?g|png|gif|webp|avif|heic|tiff?|bmp|mp4|m4v|mov|webm|ogv|mp3|m4a|aac|ogg|oga|opus|wav|flac|vtt';

/**
 * Documents a page bundle publishes only when its story links to them (plan/bundles.ts): an
 * editor's working notes or an interview kept beside a story are not for the site.
 */
export const BUNDLE_DOCUMENT_EXTENSIONS = 'pdf|docx?|xlsx?|pptx?|odt|ods|odp|rtf|txt|csv|zip';

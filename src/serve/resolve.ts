import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';

export type Resolved =
  | { kind: 'file'; file: string }
  /** A folder asked for without its slash: the browser must come back with one, or relative links break. */
  | { kind: 'redirect'; location: string }
  | { kind: 'missing' }
  /** Not a path at all (malformed percent-encoding). */
  | { kind: 'bad' };

/**
 * Maps a request path to a file in the output folder the way a static host does: `a/` →
 * a/index.html, `a` (a folder) → redirect to `a/`. Anything that could name a file outside the
 * folder (`..` or `.` segments, encoded or not, an encoded `/`, backslashes, NUL, a symlink that
 * leads out) is missing: the answer must not tell whether such a file exists.
 *
 * `pathname` is the raw request path (still percent-encoded, without the query); `basePath` is
 * where the site lives on its host ("/" or "/news/"), which the output folder does not contain.
 */
export async function resolveRequest(root: string, pathname: string, basePath = '/'): Promise<Resolved> {
  if (!pathname.startsWith('/') || pathname.includes('\\')) return { kind: 'missing' };
  if (basePath !== '/') {
    if (pathname === '/' || pathname === basePath.slice(0, -1)) return { kind: 'redirect', location: basePath };
    if (!pathname.startsWith(basePath)) return { kind: 'missing' };
    pathname = pathname.slice(basePath.length - 1);
  }
  const raw = pathname.slice(1).split('/');
  const wantsFolder = raw[raw.length - 1] === '';
  if (wantsFolder) raw.pop();
  const segments: string[] = [];
  for (const seg of raw) {
    let s: string;
    try {
      s = decodeURIComponent(seg);
    } catch {
      return { kind: 'bad' };
    }
    if (s === '' || s === '.' || s === '..' || /[/\\\0]/.test(s)) return { kind: 'missing' };
    segments.push(s);
  }

  const realRoot = await realpath(root).catch(() => undefined);
  if (!realRoot) return { kind: 'missing' };
  const inside = async (p: string): Promise<string | undefined> => {
    const real = await realpath(p).catch(() => undefined);
    return real !== undefined && (real === realRoot || real.startsWith(realRoot + path.sep)) ? real : undefined;
  };
  const target = await inside(path.join(root, ...segments));
  if (!target) return { kind: 'missing' };
  const st = await stat(target).catch(() => undefined);
  if (!st) return { kind: 'missing' };
  if (st.isDirectory()) {
    if (!wantsFolder) return { kind: 'redirect', location: `${basePath.slice(0, -1)}${pathname}/` };
    const index = await inside(path.join(target, 'index.html'));
    const ist = index && (await stat(index).catch(() => undefined));
    return index && ist && ist.isFile() ? { kind: 'file', file: index } : { kind: 'missing' };
  }
  if (wantsFolder || !st.isFile()) return { kind: 'missing' };
  return { kind: 'file', file: target };
}

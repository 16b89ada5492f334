/**
 * A URL or path as an editor wrote it (`/images/harbour view.jpg`), with each character that may
 * not stand in a URL as it is (a space or another control or white-space character, `"`, `<`,
 * `>`, `^`, a backquote, `{`, `|`, `}`) percent-encoded: pages, feeds, sitemaps and JSON-LD then
 * carry a URL that crawlers and feed readers take. What is already encoded (`%20`) stays as it is,
 * and so does text in other scripts, which browsers encode themselves.
 */
export function urlSafe(href: string): string {
  return UNSAFE.test(href) ? href.replace(UNSAFE_ALL, (c) => encodeURIComponent(c)) : href;
}

/**
 * An absolute URL as a crawler or feed reader wants it: a path with Chinese letters or a space
 * percent-encoded as UTF-8 (`/images/重庆.jpg` → `/images/%E9%87%8D%E5%BA%86.jpg`), a host in
 * its ASCII form. A page's own `<img src>` may hold the letters as they are; og:image, feeds and
 * JSON-LD are read by programs that do not all encode them. Any other URL is left as it is.
 */
export function asciiUrl(url: string): string {
  if (!NOT_ASCII.test(url)) return url;
  try {
    return new URL(url).href;
  } catch {
    return url.replace(NOT_ASCII_RUNS, (run) => {
      try {
        return encodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}

const NOT_ASCII = /[^\x21-\x7e]/;
const NOT_ASCII_RUNS = /[^\x21-\x7e]+/g;

const UNSAFE = /[\u0000-\u0020\u007f-\u00a0"<>^`{|}\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/;
const UNSAFE_ALL = new RegExp(UNSAFE.source, 'g');

/** `decodeURI(s)`, or `s` as it is when its percent-encoding is not valid. */
export function tryDecodeURI(s: string): string {
  try {
    return decodeURI(s);
  } catch {
    return s;
  }
}

/**
 * Whether a link or image address is relative to the page that has it (`river.jpg`,
 * `photos/map.pdf`, `../other-story/`): not a path from the site's root, not a URL with a scheme
 * or a host, not a place in the page itself (`#notes`, `?page=2`), and without a backslash (a
 * Windows path, which is no address).
 */
export function isPageRelative(href: string): boolean {
  const h = href.trim();
  return h !== '' && !/^[/#?]/.test(h) && !/^[a-z][a-z0-9+.-]*:/i.test(h) && !h.includes('\\');
}

/**
 * A relative address as the site path a browser resolves it to on the page at `folder` (a route,
 * "/2024/06/30/flood-defences/"): `river.jpg` → "/2024/06/30/flood-defences/river.jpg". `..`
 * stops at the site's root; a query or fragment stays; characters stay as written.
 */
export function resolveRelative(href: string, folder: string): string {
  const h = href.trim();
  const cut = h.search(/[?#]/);
  const rest = cut === -1 ? '' : h.slice(cut);
  const parts = (cut === -1 ? h : h.slice(0, cut)).split('/');
  const out = folder.split('/').filter((s) => s !== '');
  let dir = false;
  parts.forEach((part, i) => {
    const last = i === parts.length - 1;
    // `%2e` is a dot to a browser resolving the address.
    const p = part.includes('%') ? part.replace(/%2e/gi, '.') : part;
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') {
      out.push(part);
      dir = false;
      return;
    }
    dir = last;
  });
  return `/${out.join('/')}${dir && out.length > 0 ? '/' : ''}${rest}`;
}

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

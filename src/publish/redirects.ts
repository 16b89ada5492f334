import { escapeHtml } from '../parse/html-text.js';
import { MAX_SLUG_BYTES } from '../parse/slug.js';

/** The longest alias, in bytes as a path: well inside what a file system's paths hold (4,096 on Linux). */
const MAX_ALIAS_BYTES = 2048;

/** An old URL after a slug or date change, as a site path ("/2023/05/old-slug/"), checked. */
export type AliasRoute = { route: string } | { error: string };

/**
 * Checks one `aliases` entry and gives its route. An alias is a path on this site, relative to the
 * base URL; anything that could name another site or climb out of the output folder is refused,
 * also when it hides behind percent-encoding.
 */
export function aliasRoute(alias: string): AliasRoute {
  const raw = alias.trim();
  if (!raw) return { error: 'is empty' };
  if (/^[a-z][a-z0-9+.-]*:/i.test(raw)) return { error: 'is a full URL, not a path on this site' };
  if (raw.startsWith('//')) return { error: 'starts with "//", which browsers read as another site' };
  // Controls, backslashes, query strings and fragments cannot be the name of a file.
  if (/[\u0000-\u001f\u007f\\?#]/.test(raw)) return { error: 'contains a character a file path cannot hold ("\\", "?", "#" or a control character)' };
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return { error: 'has a "%" that is not a valid percent-encoding' };
  }
  if (/[\u0000-\u001f\u007f\\]/.test(decoded)) return { error: 'encodes a character a file path cannot hold' };
  const route = decoded.startsWith('/') ? decoded : `/${decoded}`;
  if (route.includes('//')) return { error: 'contains an empty path segment ("//")' };
  const segments = route.split('/').slice(1);
  if (segments.some((s) => s === '.' || s === '..')) return { error: 'contains a "." or ".." segment' };
  if (route === '/') return { error: 'is the home page' };
  // Each part is a folder's or file's name on disk, and the whole a path under the output folder:
  // past what a file system holds, the write failed as an I/O error with no file or line.
  const long = segments.find((s) => Buffer.byteLength(s) > MAX_SLUG_BYTES);
  if (long !== undefined) return { error: `has a part of ${Buffer.byteLength(long)} bytes; the most a folder's name can hold is ${MAX_SLUG_BYTES}` };
  if (Buffer.byteLength(route) > MAX_ALIAS_BYTES) return { error: `is ${Buffer.byteLength(route)} bytes long; the most is ${MAX_ALIAS_BYTES}` };
  // A hidden name (`/.git/config`, `/.htaccess`, `/.well-known/…`) is no story's old address, and
  // a redirect page there is harmful: a dist/ with a .git folder is refused by the next build, an
  // HTML .htaccess stops an Apache host serving the site, and .well-known proves who owns it.
  if (segments.some((s) => s.startsWith('.'))) return { error: 'has a part that starts with "." (a hidden file or folder, such as /.git/ or /.htaccess)' };
  if (/^\/_(headers|redirects)(\/|$)/.test(route)) return { error: 'is the name of a file dateline writes for the host' };
  // Written by the search step, not planned as pages: no collision would name them.
  if (/^\/pagefind(\/|$)/.test(route)) return { error: 'is in the folder of the search index (/pagefind/), which a redirect would break' };
  const last = segments[segments.length - 1];
  // "/old" and "/old/" are one page (a folder's index.html); "/old.html" is a file of its own.
  return { route: last === '' || last.includes('.') ? route : `${route}/` };
}


/**
 * A redirect page for hosts without redirect rules: a meta refresh for browsers, a canonical link
 * for search engines, and a plain link for everyone else.
 */
export function redirectPage(o: { href: string; absolute: string; title: string; language: string }): string {
  const href = escapeHtml(o.href);
  const title = escapeHtml(o.title);
  return `<!doctype html>
<html lang="${escapeHtml(o.language)}">
<head>
<meta charset="utf-8">
<title>Moved: ${title}</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="${escapeHtml(o.absolute)}">
<meta http-equiv="refresh" content="0; url=${href}">
</head>
<body>
<p>This page has moved to <a href="${href}">${title}</a>.</p>
</body>
</html>
`;
}

/** The `_redirects` file Netlify and Cloudflare Pages read: one permanent redirect a line. */
export function redirectsFile(rules: { from: string; to: string }[]): string {
  const lines = [...rules].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0)).map((r) => `${r.from} ${r.to} 301`);
  return `# Written by dateline from \`aliases\` in front matter: old URL, new URL, status.\n${lines.join('\n')}\n`;
}


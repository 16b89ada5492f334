import path from 'node:path';
import type { StaticFile } from '../discover/discover.js';
import { encodePath } from '../parse/slug.js';
import type { RenderJob } from '../plan/types.js';

/** A content-hashed file never changes under its name: browsers and CDNs may keep it for a year. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/**
 * Everything else (pages, feeds, images) is checked with the server on every visit, so a new build
 * is seen at once. This is also what Netlify and Cloudflare Pages send when no rule matches.
 */
export const REVALIDATE = 'public, max-age=0, must-revalidate';

/** The Cache-Control a file should be served with. */
export function cacheControlFor(outPath: string, hashed: ReadonlySet<string>): string {
  return hashed.has(outPath) ? IMMUTABLE : REVALIDATE;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.rss': 'application/rss+xml; charset=utf-8',
  '.atom': 'application/atom+xml; charset=utf-8',
  '.xsl': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.pdf': 'application/pdf',
  '.mp3': 'audio/mpeg',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.vtt': 'text/vtt; charset=utf-8',
};

/** The Content-Type of an output file, by its extension (the names dateline and sites write). */
export function contentTypeFor(outPath: string): string {
  const base = path.posix.basename(outPath);
  // Netlify's and Cloudflare's rule files are text; they are read by the host, not served.
  if (base === '_headers' || base === '_redirects') return 'text/plain; charset=utf-8';
  return TYPES[path.posix.extname(base).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The `_headers` file (Netlify and Cloudflare Pages): hashed CSS and JS immutable, pages short-lived.
 * Every file gets X-Content-Type-Options: nosniff. No two rules set Cache-Control on one URL, because both hosts would join two values into one
 * contradictory header: pages are matched by their URL shapes (the home page, pretty URLs ending
 * in "/", and .html files), hashed assets by their exact paths. A preview or a `--noindex` build (publish/preview.ts)
 * adds a rule for every path of the host that sets only X-Robots-Tag, which both hosts add to
 * whatever the other rules set. A withdrawn story's notice has no rule here: its page says noindex
 * itself, and this file, which GitHub Pages and S3 serve as a plain file, would be a public list of
 * the newsroom's takedowns.
 */
export function headersFile(basePath: string, hashedPaths: readonly string[], preview = false): string {
  const rule = (pattern: string, value: string) => `${pattern}\n  Cache-Control: ${value}\n`;
  const out = [
    '# Written by dateline. Netlify and Cloudflare Pages read this file; other hosts ignore it.',
    // Every file, with the type the host gives it: a browser never guesses another from its bytes,
    // so a text or image file in a story's folder cannot be run as a page.
    preview
      ? '# Every file: its type as the host says. A build not for search engines (a preview, --drafts or --future, or --noindex for a staging host): no search engine may index any of it.\n/*\n  X-Content-Type-Options: nosniff\n  X-Robots-Tag: noindex\n'
      : '# Every file: its type as the host says, never guessed from its bytes.\n/*\n  X-Content-Type-Options: nosniff\n',
    '# Pages: checked on every visit, so a new build is seen at once.',
    rule(basePath, REVALIDATE) + rule(`${basePath}*/`, REVALIDATE) + rule(`${basePath}*.html`, REVALIDATE),
  ];
  if (hashedPaths.length > 0) {
    out.push('# CSS and JS with a content hash in the name: a new version gets a new name.');
    out.push([...hashedPaths].sort().map((p) => rule(basePath + encodePath(p), IMMUTABLE)).join(''));
  }
  return `${out.join('\n')}`;
}

/** The job that writes `_headers` (static files named `_…` are never copied, so nothing else does). */
export function headersJob(basePath: string, hashed: readonly StaticFile[], preview = false): RenderJob {
  return { outputPath: '_headers', renderer: 'text', context: { text: headersFile(basePath, hashed.map((h) => h.outPath), preview) }, origin: 'the _headers file' };
}

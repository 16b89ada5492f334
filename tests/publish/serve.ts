import { readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import fg from 'fast-glob';
import { Parser } from 'htmlparser2';
import { contentTypeFor } from '../../src/publish/headers.js';

/**
 * Test-only: serves a built folder under a URL prefix ("/news/") the way a static host does:
 * "/news/a/" → a/index.html, "/news/a" → 301 to "/news/a/" when a/ is a folder, anything outside
 * the prefix → 404, with the site's 404.html as the body when it has one.
 */
export async function serveUnder(root: string, prefix: string): Promise<{ origin: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const send = (status: number, body = '', headers: Record<string, string> = {}) => {
      res.writeHead(status, headers);
      res.end(body);
    };
    if (!url.pathname.startsWith(prefix)) return send(404, 'outside the prefix');
    let rel: string;
    try {
      rel = decodeURIComponent(url.pathname.slice(prefix.length));
    } catch {
      return send(400);
    }
    if (rel.split('/').includes('..')) return send(400);
    const file = path.join(root, rel === '' || rel.endsWith('/') ? `${rel}index.html` : rel);
    let stat: ReturnType<typeof statSync> | undefined;
    try {
      stat = statSync(file, { throwIfNoEntry: false });
    } catch {
      // "a.jpg/" asks for a folder under a file (ENOTDIR): not found, as on a static host.
      stat = undefined;
    }
    if (stat?.isDirectory()) return send(301, '', { location: `${url.pathname}/` });
    if (!stat?.isFile()) {
      const page = statSync(path.join(root, '404.html'), { throwIfNoEntry: false })?.isFile();
      return page ? send(404, readFileSync(path.join(root, '404.html'), 'utf8'), { 'content-type': contentTypeFor('404.html') }) : send(404, 'not found');
    }
    res.writeHead(200, { 'content-type': contentTypeFor(file) });
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Every URL an HTML page refers to: href, src, srcset, meta refresh and URL-valued meta content. */
export function htmlRefs(html: string): string[] {
  const refs: string[] = [];
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        for (const a of ['href', 'src', 'poster', 'action']) if (attrs[a] !== undefined) refs.push(attrs[a]);
        if (attrs.srcset) for (const part of attrs.srcset.split(',')) refs.push(part.trim().split(/\s+/)[0]);
        if (name === 'meta' && attrs['http-equiv']?.toLowerCase() === 'refresh') {
          const m = /url=(.+)$/i.exec(attrs.content ?? '');
          if (m) refs.push(m[1].trim());
        }
        if (name === 'meta' && /^https?:\/\//.test(attrs.content ?? '')) refs.push(attrs.content);
      },
    },
    { decodeEntities: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return refs.filter((r) => r !== '' && !/^(mailto|tel|data|javascript):/i.test(r));
}

/**
 * Absolute URLs of `origin` in any text file (feeds, sitemaps, JSON, robots.txt). A URL ends where
 * its quote does, written as it is, as `\"` in JSON or as `&quot;` in escaped HTML (feed bodies).
 */
export function textRefs(text: string, origin: string): string[] {
  const escaped = origin.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return [...text.matchAll(new RegExp(`${escaped}[^\\s"'<>)\\]\\\\]*`, 'g'))].map((m) => m[0].split(/&(?:quot|lt|gt|apos|#39);/)[0].replace(/&amp;/g, '&'));
}

export interface CrawlResult {
  /** Internal URLs (site origin), each with the first page that refers to it. */
  checked: Map<string, string>;
  /** "url ← page: status" for every reference that did not resolve to 200. */
  failures: string[];
  /** References whose path is outside the base path. */
  outside: string[];
}

/**
 * Resolves every internal reference of every output file against the server that serves the folder
 * under `basePath`; the site's own absolute URLs (canonical, feeds) are mapped onto that server.
 */
export async function crawl(dir: string, serverOrigin: string, siteOrigin: string, basePath: string): Promise<CrawlResult> {
  const files = (await fg('**/*', { cwd: dir, dot: true, onlyFiles: true })).sort();
  const checked = new Map<string, string>();
  const outside: string[] = [];
  const pageUrl = (f: string) => `${serverOrigin}${basePath}${f.replace(/(^|\/)index\.html$/, '$1')}`;
  const add = (ref: string, from: string, base: string) => {
    let u: URL;
    try {
      u = new URL(ref, base);
    } catch {
      outside.push(`${ref} ← ${from} (not a URL)`);
      return;
    }
    if (u.origin === siteOrigin) u = new URL(u.pathname + u.search, serverOrigin);
    if (u.origin !== serverOrigin) return;
    if (!u.pathname.startsWith(basePath)) outside.push(`${ref} ← ${from}`);
    const key = u.origin + u.pathname;
    if (!checked.has(key)) checked.set(key, from);
  };
  for (const f of files) {
    if (f.endsWith('.html')) {
      // Every page is fetched itself too, whether or not another page links to it (redirect pages).
      add(pageUrl(f), f, pageUrl(f));
      for (const ref of htmlRefs(readFileSync(path.join(dir, f), 'utf8'))) add(ref, f, pageUrl(f));
    } else if (/\.(xml|json|txt|xsl)$/.test(f)) {
      for (const ref of textRefs(readFileSync(path.join(dir, f), 'utf8'), siteOrigin)) add(ref, f, pageUrl(f));
    }
  }
  const failures: string[] = [];
  for (const [url, from] of checked) {
    const res = await fetch(url);
    await res.arrayBuffer();
    if (res.status !== 200) failures.push(`${url} ← ${from}: ${res.status}`);
  }
  return { checked, failures, outside };
}

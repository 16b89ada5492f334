import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { CLIENT_SCRIPT } from './client.js';
import { sendFile } from './file.js';
import { CLIENT_PATH, EVENTS_PATH, injectClient, LiveReload, RELOAD_PREFIX } from './live-reload.js';
import { contentType, isHtml } from './mime.js';
import { resolveRequest } from './resolve.js';

export interface ServeOptions {
  /** The output folder. It may not exist yet (first build failed): requests then get 404. */
  root: string;
  host?: string;
  /** 0: any free port. */
  port?: number;
  /** Where the site lives on its host ("/news/"), read on each request: a config edit can change it. */
  basePath?: () => string;
  reload?: LiveReload;
  /** The output folder is not there (deleted beside the session): called before answering. */
  onMissingRoot?: () => void;
}

export interface DevServer {
  url: string;
  port: number;
  reload: LiveReload;
  close(): Promise<void>;
}

const FALLBACK_404 = '<!doctype html>\n<html><head><meta charset="utf-8"><title>Not found</title></head><body><h1>Not found</h1><p>No page at this address in the output folder.</p></body></html>\n';

/** Serves the output folder as a static host would, plus live reload. Resolves once listening. */
export async function startServer(o: ServeOptions): Promise<DevServer> {
  const reload = o.reload ?? new LiveReload();
  const root = path.resolve(o.root);
  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) send(res, req, 500, 'text/plain; charset=utf-8', `Internal error: ${e instanceof Error ? e.message : String(e)}\n`);
      else res.destroy();
    });
  });

  // Bound to this machine only (the default), it answers only to this machine's names. A web page
  // whose name was pointed at 127.0.0.1 (DNS rebinding) could otherwise read the preview, with its
  // embargoed and draft stories, and the errors' stream, from the editor's own browser.
  const loopbackOnly = LOOPBACK.has((o.host ?? '127.0.0.1').toLowerCase());

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (loopbackOnly && !isLoopbackHost(req.headers.host)) {
      return send(res, req, 403, 'text/plain; charset=utf-8', 'dateline serve answers only to localhost and 127.0.0.1. To reach it by another name (a tunnel, a proxy, a phone on the same network), start it with --host 0.0.0.0.\n');
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return send(res, req, 405, 'text/plain; charset=utf-8', 'Method not allowed\n');
    }
    const raw = req.url ?? '/';
    const q = raw.indexOf('?');
    const pathname = (q < 0 ? raw : raw.slice(0, q)).split('#')[0];
    const query = q < 0 ? '' : raw.slice(q);
    if (pathname.startsWith(RELOAD_PREFIX)) {
      if (pathname === EVENTS_PATH) return reload.handle(req, res);
      if (pathname === CLIENT_PATH) return send(res, req, 200, 'text/javascript; charset=utf-8', CLIENT_SCRIPT);
      return send(res, req, 404, 'text/plain; charset=utf-8', 'Not found\n');
    }
    const basePath = o.basePath?.() ?? '/';
    if (o.onMissingRoot && !existsSync(root)) o.onMissingRoot();
    const found = await resolveRequest(root, pathname, basePath);
    if (found.kind === 'bad') return send(res, req, 400, 'text/plain; charset=utf-8', 'Bad request\n');
    if (found.kind === 'redirect') {
      res.setHeader('Location', found.location + query);
      return send(res, req, 301, 'text/plain; charset=utf-8', `Moved to ${found.location}\n`);
    }
    if (found.kind === 'missing') return sendMissing(req, res, basePath);
    const type = contentType(found.file);
    if (isHtml(type)) {
      // The script added makes the page longer than the file, and its bytes change with each
      // build's version: a range of it would be of bytes no request can count on. Pages are
      // small, and browsers never ask for part of one; any that does gets the whole page.
      res.setHeader('Accept-Ranges', 'none');
      return send(res, req, 200, type, injectClient(await readFile(found.file, 'utf8'), reload.version));
    }
    if (!(await sendFile(req, res, found.file, type, HEADERS))) return sendMissing(req, res, basePath);
  }

  async function sendMissing(req: IncomingMessage, res: ServerResponse, basePath: string): Promise<void> {
    const page = await resolveRequest(root, `${basePath}404.html`, basePath);
    const html = page.kind === 'file' ? await readFile(page.file, 'utf8').catch(() => FALLBACK_404) : FALLBACK_404;
    send(res, req, 404, 'text/html; charset=utf-8', injectClient(html, reload.version));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 8080, o.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  return {
    url: `http://${host}:${addr.port}/`,
    port: addr.port,
    reload,
    async close() {
      reload.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive sockets of open tabs would hold the port for minutes otherwise.
      server.closeAllConnections();
      await closed;
    },
  };
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** Whether a Host header names this machine: localhost (or a name under .localhost), 127.x.x.x or [::1], with any port. */
function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const name = (host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d*$/, '')).toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost') || name === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(name);
}

// A preview must never show yesterday's page from the browser's cache.
const HEADERS = { 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' };

function send(res: ServerResponse, req: IncomingMessage, status: number, type: string, body: string): void {
  const bytes = Buffer.from(body, 'utf8');
  res.writeHead(status, { ...HEADERS, 'Content-Type': type, 'Content-Length': bytes.length });
  res.end(req.method === 'HEAD' ? undefined : bytes);
}

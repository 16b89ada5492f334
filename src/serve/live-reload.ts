import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Diagnostic } from '../errors/diagnostic.js';

/** Paths the dev server answers itself; a site cannot have a folder by this name. */
export const RELOAD_PREFIX = '/__dateline/';
export const EVENTS_PATH = `${RELOAD_PREFIX}events`;
export const CLIENT_PATH = `${RELOAD_PREFIX}client.js`;

/**
 * Adds the live-reload client to an HTML page as it is served (dist/ never holds it), with the
 * version of the build the page is from: a page that loads while a rebuild's reload goes out
 * (every tab reloading at once) learns from the next `hello` that it is stale.
 */
export function injectClient(html: string, version?: string): string {
  const tag = `<script src="${CLIENT_PATH}" defer${version ? ` data-version="${version}"` : ''}></script>`;
  const at = html.toLowerCase().lastIndexOf('</body>');
  return at < 0 ? `${html}\n${tag}\n` : `${html.slice(0, at)}${tag}\n${html.slice(at)}`;
}

/** What the overlay shows of a diagnostic (an error or a warning): plain strings, which the client puts in as text only. */
export interface OverlayError {
  code: string;
  file?: string;
  line?: number;
  column?: number;
  message: string;
  frame?: string;
  hint?: string;
}

const toOverlay = (d: Diagnostic): OverlayError => ({ code: d.code, file: d.file, line: d.line, column: d.column, message: d.message, frame: d.frame, hint: d.hint });

/** How many warnings a tab is sent and shows; the terminal lists them all. */
export const WARNINGS_SHOWN = 50;

/**
 * Server-Sent Events to every open tab: `reload` after a good build, `errors` after a failed one
 * (so a page opened later still shows them), `hello` with the build version on connect, so a tab
 * that missed a reload while disconnected catches up, and `warnings` on connect: those of the last
 * good build, the one the pages are from (a failed build's warnings are mostly echoes of its
 * errors, as in the terminal).
 */
export class LiveReload {
  private readonly clients = new Set<ServerResponse>();
  private errors: OverlayError[] = [];
  private warnings: { shown: OverlayError[]; total: number } = { shown: [], total: 0 };
  private builds = 0;
  /** Differs between two runs of the server, so a tab left open across a restart reloads too. */
  private readonly run = randomBytes(4).toString('hex');
  private readonly keepAlive: NodeJS.Timeout;

  constructor() {
    // A comment line now and then, so an idle connection is not dropped by anything in between.
    this.keepAlive = setInterval(() => this.send(': ping\n\n'), 20_000);
    this.keepAlive.unref();
  }

  get connections(): number {
    return this.clients.size;
  }

  handle(req: IncomingMessage, res: ServerResponse): void {
    // HEAD (a link checker, a proxy's health check): the stream's headers, and no stream.
    if (req.method === 'HEAD') {
      res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache, no-transform' });
      return void res.end();
    }
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
    });
    res.write(`retry: 1000\n\n${event('hello', { version: this.version })}`);
    if (this.errors.length) res.write(event('errors', this.errors));
    if (this.warnings.total) res.write(event('warnings', this.warnings));
    this.clients.add(res);
    req.on('close', () => this.clients.delete(res));
  }

  /** After each build: reload the tabs, or show what is wrong. */
  built(ok: boolean, diagnostics: readonly Diagnostic[]): void {
    if (ok) {
      this.errors = [];
      // Sent as the reloaded tabs connect again: a save that fixed them leaves none.
      // The first WARNINGS_SHOWN and how many in all: an archive can have thousands (long
      // headlines from an old system), sent to every tab on every reload.
      const all = diagnostics.filter((d) => d.severity === 'warning');
      this.warnings = { shown: all.slice(0, WARNINGS_SHOWN).map(toOverlay), total: all.length };
      this.builds++;
      this.send(event('reload', { version: this.version }));
    } else {
      this.errors = diagnostics.filter((d) => d.severity === 'error').map(toOverlay);
      this.send(event('errors', this.errors));
    }
  }

  /** The build the output folder is at: "run.builds". */
  get version(): string {
    return `${this.run}.${this.builds}`;
  }

  close(): void {
    clearInterval(this.keepAlive);
    for (const res of this.clients) res.end();
    this.clients.clear();
  }

  private send(chunk: string): void {
    for (const res of this.clients) res.write(chunk);
  }
}

// JSON never holds a raw newline, so one `data:` line carries the whole message.
const event = (name: string, data: unknown) => `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;

import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, truncateSync, utimesSync, writeSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/errors/diagnostic.js';
import { startServer, type DevServer } from '../../src/serve/server.js';
import { listen, portClosed, request, waitFor } from '../helpers/watch.js';

const SECRET = 'TOP SECRET OUTSIDE DIST';
/** 1000 bytes, each different from its neighbours, so a range off by one shows. */
const CLIP = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));
const BIG_SIZE = 5 * 2 ** 30;
const BIG_MARK = Buffer.from('MARKER PAST FOUR GIB');
const BIG_MARK_AT = 2 ** 32 + 12_345;
let top: string;
let root: string;
let server: DevServer;

function put(rel: string, content: string | Buffer) {
  const f = path.join(root, ...rel.split('/'));
  mkdirSync(path.dirname(f), { recursive: true });
  writeFileSync(f, content);
}

/** As a rebuild writes a file: to a temp name, renamed over the old one. */
function replace(rel: string, content: string | Buffer) {
  const f = path.join(root, ...rel.split('/'));
  writeFileSync(`${f}.tmp`, content);
  renameSync(`${f}.tmp`, f);
}

beforeAll(async () => {
  top = mkdtempSync(path.join(tmpdir(), 'dateline-serve-'));
  root = path.join(top, 'dist');
  writeFileSync(path.join(top, 'secret.txt'), SECRET);
  put('index.html', '<!doctype html><html><body><h1>Home</h1></body></html>');
  put('404.html', '<!doctype html><html><body><h1>Page not found here</h1></body></html>');
  put('politics/index.html', '<html><body>Politics</body></html>');
  put('tags/重庆/index.html', '<html><body>Chongqing tag</body></html>');
  put('empty/.keep', '');
  for (const [name, body] of Object.entries({ 'a.css': 'body{}', 'a.js': 'let a;', 'a.json': '{}', 'feed.xml': '<rss/>', 'a.svg': '<svg/>', 'a.png': 'png', 'a.jpg': 'jpg', 'a.webp': 'webp', 'a.woff2': 'font', 'captions.vtt': 'WEBVTT', 'a.mp3': 'mp3', 'a.m4a': 'm4a', 'a.ogg': 'ogg', 'a.opus': 'opus', 'a.wav': 'wav', 'a.mp4': 'mp4', 'a.m4v': 'm4v', 'a.mov': 'mov', 'a.webm': 'webm', 'robots.txt': 'User-agent: *', 'a.bin': 'bin', 'NOEXT': 'x' })) put(`files/${name}`, body);
  put('media/clip.mp4', CLIP);
  put('media/empty.m4a', '');
  // A 5 GiB video that takes no room (sparse), with a marker past the 4 GiB mark: no test may
  // read it whole, and offsets beyond 32 bits must come out right.
  put('media/big.mp4', '');
  truncateSync(path.join(root, 'media', 'big.mp4'), BIG_SIZE);
  const fd = openSync(path.join(root, 'media', 'big.mp4'), 'r+');
  writeSync(fd, BIG_MARK, 0, BIG_MARK.length, BIG_MARK_AT);
  closeSync(fd);
  symlinkSync(path.join(top, 'secret.txt'), path.join(root, 'leak.txt'));
  symlinkSync(top, path.join(root, 'up'));
  symlinkSync(path.join(root, 'politics', 'index.html'), path.join(root, 'alias.html'));
  server = await startServer({ root, port: 0 });
});
afterAll(async () => {
  await server.close();
  // The 5 GiB video takes no room, but would look like it to anything that sums file sizes.
  rmSync(top, { recursive: true, force: true });
});

describe('serve: like a static host', () => {
  it('listens on 127.0.0.1 and a free port when given 0', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    expect(server.port).toBeGreaterThan(0);
  });

  it('serves folder/ as folder/index.html and redirects folder to folder/, keeping the query', async () => {
    const home = await request(server.port, '/');
    expect(home.status).toBe(200);
    expect(home.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(home.body).toContain('<h1>Home</h1>');
    expect((await request(server.port, '/politics/')).body).toContain('Politics');
    const r = await request(server.port, '/politics?utm=x');
    expect(r.status).toBe(301);
    expect(r.headers.location).toBe('/politics/?utm=x');
    expect((await request(server.port, '/empty/')).status).toBe(404);
  });

  it('decodes percent-encoded Unicode paths', async () => {
    const r = await request(server.port, '/tags/%E9%87%8D%E5%BA%86/');
    expect(r.status).toBe(200);
    expect(r.body).toContain('Chongqing tag');
    expect((await request(server.port, '/tags/%E9%87%8D%E5%BA%86')).headers.location).toBe('/tags/%E9%87%8D%E5%BA%86/');
    expect((await request(server.port, '/tags/%E9%87/')).status).toBe(400);
  });

  it('sends the right content type for each kind of file', async () => {
    const expected: Record<string, string> = {
      'a.css': 'text/css; charset=utf-8',
      'a.js': 'text/javascript; charset=utf-8',
      'a.json': 'application/json; charset=utf-8',
      'feed.xml': 'application/xml; charset=utf-8',
      'a.svg': 'image/svg+xml',
      'a.png': 'image/png',
      'a.jpg': 'image/jpeg',
      'a.webp': 'image/webp',
      'a.woff2': 'font/woff2',
      'captions.vtt': 'text/vtt; charset=utf-8',
      'a.mp3': 'audio/mpeg',
      'a.m4a': 'audio/mp4',
      'a.ogg': 'audio/ogg',
      'a.opus': 'audio/ogg',
      'a.wav': 'audio/wav',
      'a.mp4': 'video/mp4',
      'a.m4v': 'video/mp4',
      'a.mov': 'video/quicktime',
      'a.webm': 'video/webm',
      'robots.txt': 'text/plain; charset=utf-8',
      'a.bin': 'application/octet-stream',
      NOEXT: 'application/octet-stream',
    };
    for (const [name, type] of Object.entries(expected)) {
      const r = await request(server.port, `/files/${name}`);
      expect(r.status, name).toBe(200);
      expect(r.headers['content-type'], name).toBe(type);
      expect(r.body, name).toBe(readFileSync(path.join(root, 'files', name), 'utf8'));
    }
  });

  it('answers missing pages with 404.html and status 404', async () => {
    const r = await request(server.port, '/no/such/page/');
    expect(r.status).toBe(404);
    expect(r.body).toContain('Page not found here');
    expect(r.body).toContain('/__dateline/client.js');
  });

  it('answers HEAD with the headers of GET and no body, and refuses other methods', async () => {
    for (const p of ['/', '/files/a.png', '/nope']) {
      const [get, head] = [await request(server.port, p), await request(server.port, p, 'HEAD')];
      expect(head.status).toBe(get.status);
      expect(head.headers['content-length']).toBe(String(Buffer.byteLength(get.body)));
      expect(head.body).toBe('');
    }
    expect((await request(server.port, '/', 'POST')).status).toBe(405);
    // The live-reload endpoints too; HEAD on the event stream answers at once, with no stream.
    const client = await request(server.port, '/__dateline/client.js', 'HEAD');
    expect([client.status, client.body]).toEqual([200, '']);
    const events = await request(server.port, '/__dateline/events', 'HEAD');
    expect([events.status, events.headers['content-type'], events.body]).toEqual([200, 'text/event-stream; charset=utf-8', '']);
  });

  it('never serves a file outside the output folder', async () => {
    const attempts = [
      '/../secret.txt', '/%2e%2e/secret.txt', '/%2E%2E/secret.txt', '/politics/../../secret.txt', '/politics/%2e%2e/%2e%2e/secret.txt',
      '/..%2fsecret.txt', '/politics/..%2f..%2fsecret.txt', '/%2e%2e%2fsecret.txt', '/..%5csecret.txt', '/..\\secret.txt', '/politics\\..\\..\\secret.txt',
      '/secret.txt%00.html', '/%00', '/leak.txt', '/up/secret.txt', '/up/', '//secret.txt', '/%252e%252e/secret.txt', '/./secret.txt', '/%2e/index.html',
    ];
    for (const p of attempts) {
      const r = await request(server.port, p);
      expect([400, 404], p).toContain(r.status);
      expect(r.body, p).not.toContain(SECRET);
      expect(r.headers.location, p).toBeUndefined();
    }
    // A symlink that stays inside the folder is fine.
    expect((await request(server.port, '/alias.html')).body).toContain('Politics');
  });

  it('answers only to this machine\'s names: a page whose name was pointed at 127.0.0.1 (DNS rebinding) reads nothing', async () => {
    for (const host of [`localhost:${server.port}`, `127.0.0.1:${server.port}`, `[::1]:${server.port}`, 'LOCALHOST', `news.localhost:${server.port}`, 'localhost.']) {
      const r = await request(server.port, '/', 'GET', { host });
      expect(r.status, host).toBe(200);
      expect(r.body, host).toContain('Home');
    }
    for (const [p, host] of [['/', `evil.example:${server.port}`], ['/', 'evil.example'], ['/politics/', `127.0.0.1.evil.example:${server.port}`], ['/__dateline/events', `evil.example:${server.port}`], ['/__dateline/client.js', 'localhost.evil.example']]) {
      const r = await request(server.port, p, 'GET', { host });
      expect(r.status, `${host} ${p}`).toBe(403);
      expect(r.body).not.toMatch(/Home|Politics|__datelineLiveReload/);
      expect(r.body).toContain('only to localhost');
      expect(r.body).toContain('start it with --host 0.0.0.0');
    }
  });

  it('adds the live-reload script to HTML responses only, never to the files', async () => {
    const home = await request(server.port, '/');
    // With the version of the build the page is from, for a tab that loads while a reload goes out.
    expect(home.body).toMatch(/<script src="\/__dateline\/client\.js" defer data-version="[0-9a-f]{8}\.0"><\/script>\n<\/body>/);
    expect(readFileSync(path.join(root, 'index.html'), 'utf8')).not.toContain('__dateline');
    expect((await request(server.port, '/files/a.js')).body).toBe('let a;');
    const client = await request(server.port, '/__dateline/client.js');
    expect(client.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(client.body).toContain("new EventSource(\"/__dateline/events\")");
  });
});

describe('serve: versions of a file (ETag, Last-Modified, 304)', () => {
  it('sends a strong ETag and the Last-Modified date with a file, and 304 to a browser that has that version', async () => {
    put('media/v.mp4', 'first version');
    const first = await request(server.port, '/media/v.mp4');
    const etag = first.headers.etag!;
    expect(etag).toMatch(/^"[^"]+"$/);
    expect(first.headers['last-modified']).toBe(statSync(path.join(root, 'media', 'v.mp4')).mtime.toUTCString());
    const same = await request(server.port, '/media/v.mp4', 'GET', { 'If-None-Match': etag });
    expect([same.status, same.body, same.headers.etag]).toEqual([304, '', etag]);
    // If-None-Match compares weakly, takes a list, and applies to HEAD too.
    expect((await request(server.port, '/media/v.mp4', 'HEAD', { 'If-None-Match': `"other", W/${etag}` })).status).toBe(304);
    expect((await request(server.port, '/media/v.mp4', 'GET', { 'If-None-Match': '"other"' })).status).toBe(200);

    // A rebuild renames the new version over the file: the old tag is no longer it.
    replace('media/v.mp4', 'second version');
    const changed = await request(server.port, '/media/v.mp4', 'GET', { 'If-None-Match': etag });
    expect([changed.status, changed.body]).toEqual([200, 'second version']);
    expect(changed.headers.etag).not.toBe(etag);

    // A page carries the live-reload script with the build's version in it: no validator, no 304.
    const home = await request(server.port, '/');
    expect([home.headers.etag, home.headers['last-modified']]).toEqual([undefined, undefined]);
  });

  it('If-Modified-Since: 304 only when the file is no newer than the date, to the nanosecond', async () => {
    put('media/d.mp3', 'audio');
    const file = path.join(root, 'media', 'd.mp3');
    const at = 1_700_000_000;
    const ask = async (since: string, extra: Record<string, string> = {}) => (await request(server.port, '/media/d.mp3', 'GET', { 'If-Modified-Since': since, ...extra })).status;
    utimesSync(file, at, at);
    const date = new Date(at * 1000).toUTCString();
    expect((await request(server.port, '/media/d.mp3')).headers['last-modified']).toBe(date);
    expect(await ask(date)).toBe(304);
    expect(await ask(new Date((at + 60) * 1000).toUTCString())).toBe(304);
    expect(await ask(new Date((at - 1) * 1000).toUTCString())).toBe(200);
    expect(await ask('not a date')).toBe(200);
    // If-None-Match decides when both are there.
    expect(await ask(date, { 'If-None-Match': '"other"' })).toBe(200);
    // Written half a second into that second: the same date, but maybe not the version the
    // browser got with it (a rebuild can write a file twice within a second).
    utimesSync(file, at + 0.5, at + 0.5);
    expect((await request(server.port, '/media/d.mp3')).headers['last-modified']).toBe(date);
    expect(await ask(date)).toBe(200);
  });
});

describe('serve: byte ranges, for seeking in audio and video', () => {
  it('answers one range with 206, its Content-Range and exactly its bytes', async () => {
    const whole = await request(server.port, '/media/clip.mp4');
    expect([whole.status, whole.headers['accept-ranges'], whole.headers['content-length']]).toEqual([200, 'bytes', '1000']);
    expect(whole.headers['content-range']).toBeUndefined();
    const cases: [string, number, number][] = [
      ['bytes=0-99', 0, 99],
      ['bytes=990-', 990, 999],
      ['bytes=-10', 990, 999],
      ['bytes=7-7', 7, 7],
      ['bytes=500-5000', 500, 999],
      ['bytes=-5000', 0, 999],
      ['bytes=0-', 0, 999],
      ['bytes=250-260,', 250, 260],
    ];
    for (const [range, start, end] of cases) {
      const r = await request(server.port, '/media/clip.mp4', 'GET', { Range: range });
      expect(r.status, range).toBe(206);
      expect(r.headers['content-range'], range).toBe(`bytes ${start}-${end}/1000`);
      expect(r.headers['content-length'], range).toBe(String(end - start + 1));
      expect([r.headers['content-type'], r.headers['accept-ranges']], range).toEqual(['video/mp4', 'bytes']);
      expect(r.bytes.equals(CLIP.subarray(start, end + 1)), range).toBe(true);
    }
  });

  it('answers a range past the end with 416 and the size of the file', async () => {
    for (const [file, range, size] of [['clip.mp4', 'bytes=1000-', 1000], ['clip.mp4', 'bytes=5000-6000', 1000], ['clip.mp4', 'bytes=-0', 1000], ['empty.m4a', 'bytes=0-', 0], ['empty.m4a', 'bytes=-5', 0]] as const) {
      const r = await request(server.port, `/media/${file}`, 'GET', { Range: range });
      expect(r.status, range).toBe(416);
      expect(r.headers['content-range'], range).toBe(`bytes */${size}`);
    }
  });

  it('sends the whole file for a Range it does not take: several ranges, another unit, malformed', async () => {
    for (const range of ['bytes=0-1,5-6', 'bytes=5-2', 'bytes=-', 'bytes=a-b', 'bytes=1.5-2', 'items=0-1', 'bytes 0-1', '0-1']) {
      const r = await request(server.port, '/media/clip.mp4', 'GET', { Range: range });
      expect(r.status, range).toBe(200);
      expect(r.headers['content-range'], range).toBeUndefined();
      expect(r.bytes.equals(CLIP), range).toBe(true);
    }
  });

  it('answers HEAD with the headers of GET and no body; a Range is for GET only (RFC 9110 §14.2)', async () => {
    const get = await request(server.port, '/media/clip.mp4');
    for (const headers of [{}, { Range: 'bytes=0-99' }]) {
      const head = await request(server.port, '/media/clip.mp4', 'HEAD', headers);
      expect(head.status).toBe(200);
      expect(head.body).toBe('');
      const { date: _a, ...getHeaders } = get.headers;
      const { date: _b, ...headHeaders } = head.headers;
      expect(headHeaders).toEqual(getHeaders);
    }
  });

  it('If-Range: the range only while the file is the version the browser holds part of, else the whole file', async () => {
    put('media/r.webm', CLIP);
    const file = path.join(root, 'media', 'r.webm');
    const etag = (await request(server.port, '/media/r.webm')).headers.etag!;
    const ask = (ifRange: string) => request(server.port, '/media/r.webm', 'GET', { Range: 'bytes=10-19', 'If-Range': ifRange });
    const same = await ask(etag);
    expect([same.status, same.headers['content-range']]).toEqual([206, 'bytes 10-19/1000']);
    expect(same.bytes.equals(CLIP.subarray(10, 20))).toBe(true);
    // A weak tag never matches in If-Range.
    expect((await ask(`W/${etag}`)).status).toBe(200);
    expect((await ask('"another"')).status).toBe(200);
    // A date matches only when it is the file's mtime exactly, which a whole second can be.
    utimesSync(file, 1_700_000_000, 1_700_000_000);
    const date = new Date(1_700_000_000_000).toUTCString();
    expect((await ask(date)).status).toBe(206);
    utimesSync(file, 1_700_000_000.25, 1_700_000_000.25);
    expect((await ask(date)).status).toBe(200);
    // A rebuild wrote a new version: the browser's part is of another file, so it gets all of the new one.
    const fresh = await request(server.port, '/media/r.webm');
    replace('media/r.webm', 'a new cut');
    const changed = await ask(fresh.headers.etag!);
    expect([changed.status, changed.body, changed.headers['content-range']]).toEqual([200, 'a new cut', undefined]);
    // If-None-Match comes first: the browser that has the whole file gets 304.
    const now = (await request(server.port, '/media/r.webm')).headers.etag!;
    expect((await request(server.port, '/media/r.webm', 'GET', { Range: 'bytes=0-1', 'If-None-Match': now })).status).toBe(304);
  });

  it('sends a page with the live-reload script whole, whatever range is asked', async () => {
    const whole = await request(server.port, '/');
    const r = await request(server.port, '/', 'GET', { Range: 'bytes=0-9' });
    expect([r.status, r.headers['accept-ranges'], r.headers['content-range']]).toEqual([200, 'none', undefined]);
    expect(r.body).toBe(whole.body);
    expect(r.body).toContain('/__dateline/client.js');
  });

  it('streams a range from deep in a 5 GiB video without reading the rest', async () => {
    const head = await request(server.port, '/media/big.mp4', 'HEAD');
    expect([head.headers['content-length'], head.headers['accept-ranges']]).toEqual([String(BIG_SIZE), 'bytes']);
    const at = `bytes=${BIG_MARK_AT}-${BIG_MARK_AT + BIG_MARK.length - 1}`;
    const mark = await part(server.port, '/media/big.mp4', at);
    expect(mark.headers['content-range']).toBe(`bytes ${BIG_MARK_AT}-${BIG_MARK_AT + BIG_MARK.length - 1}/${BIG_SIZE}`);
    expect(mark.bytes.toString()).toBe(BIG_MARK.toString());
    const tail = await part(server.port, '/media/big.mp4', 'bytes=-4');
    expect(tail.headers['content-range']).toBe(`bytes ${BIG_SIZE - 4}-${BIG_SIZE - 1}/${BIG_SIZE}`);
    expect([...tail.bytes]).toEqual([0, 0, 0, 0]);
  });
});

/** A GET of a range that fails at once on any answer but a 206 (never downloading 5 GiB). */
function part(port: number, rawPath: string, range: string): Promise<{ headers: http.IncomingHttpHeaders; bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: rawPath, headers: { Range: range }, agent: false }, (res) => {
      if (res.statusCode !== 206) {
        req.destroy();
        return reject(new Error(`${range}: status ${res.statusCode}, expected 206`));
      }
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ headers: res.headers, bytes: Buffer.concat(chunks) }));
    });
    req.on('error', (e) => (req.destroyed ? undefined : reject(e)));
  });
}

describe('serve: large files', () => {
  // Linux only: the test counts the process's open files in /proc (the server runs in it).
  it.runIf(process.platform === 'linux')('closes the file when a request is given up halfway (a video seeked, a tab closed)', async () => {
    const openFiles = () => readdirSync('/proc/self/fd').length;
    const before = openFiles();
    for (let i = 0; i < 20; i++) await giveUpAfterFirstChunk(server.port, '/media/big.mp4');
    await waitFor(() => openFiles() <= before + 2, `the files closed (${openFiles()} open, ${before} before)`, 5_000);
  });
});

/** Starts a GET, and closes the connection once the first bytes of the body came. */
function giveUpAfterFirstChunk(port: number, rawPath: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: rawPath, agent: false }, (res) => {
      res.once('data', () => {
        req.destroy();
        resolve();
      });
    });
    req.on('error', (e) => (req.destroyed ? undefined : reject(e)));
  });
}

describe('serve: live reload over Server-Sent Events', () => {
  it('tells open tabs to reload after a good build and sends the errors of a failed one', async () => {
    const s = await startServer({ root, port: 0 });
    try {
      const tab = await listen(s.port);
      await waitFor(() => tab.events.length === 1, 'hello');
      expect(tab.events[0]).toEqual({ event: 'hello', data: { version: expect.stringMatching(/^[0-9a-f]{8}\.0$/) } });
      s.reload.built(true, []);
      await waitFor(() => tab.events.some((e) => e.event === 'reload'), 'reload');
      const diagnostic = { code: 'FRONT_MATTER_SYNTAX', severity: 'error' as const, message: 'Bad <script>alert(1)</script>', file: 'content/a.md', line: 2, frame: '> 2 | title: "<b>', hint: 'Close the quote.' };
      s.reload.built(false, [diagnostic, { code: 'W', severity: 'warning', message: 'only a warning' }]);
      const errors = await waitFor(() => tab.events.find((e) => e.event === 'errors'), 'errors');
      expect(errors.data).toEqual([{ code: 'FRONT_MATTER_SYNTAX', message: 'Bad <script>alert(1)</script>', file: 'content/a.md', line: 2, frame: '> 2 | title: "<b>', hint: 'Close the quote.' }]);
      // A tab opened while the build is broken sees the errors at once.
      const late = await listen(s.port);
      await waitFor(() => late.events.find((e) => e.event === 'errors'), 'errors for a new tab');
      s.reload.built(true, []);
      await waitFor(() => late.events.at(-1)?.event === 'reload' && tab.events.at(-1)?.event === 'reload', 'reload after the fix');
      expect(s.reload.connections).toBe(2);
    } finally {
      await s.close();
    }
  });

  it('sends a tab that connects the warnings of the last good build, kept while a build fails, gone after a good build without them', async () => {
    const s = await startServer({ root, port: 0 });
    let last: Diagnostic[] = [];
    const streamOf = async () => {
      const tab = await listen(s.port);
      await waitFor(() => tab.events.length, 'hello');
      // Sent on connect in one go: what came before a `reload` the test asks for is all of it.
      s.reload.built(true, last);
      await waitFor(() => tab.events.some((e) => e.event === 'reload'), 'reload');
      tab.close();
      return tab.events.filter((e) => e.event === 'warnings' || e.event === 'errors');
    };
    try {
      const long = { code: 'LONG_HEADLINE', severity: 'warning' as const, message: 'The headline is 200 characters long.', file: 'content/a.md', line: 2, hint: 'Write a headline of a line or two.' };
      last = [long];
      s.reload.built(true, last);
      expect(await streamOf()).toEqual([{ event: 'warnings', data: { shown: [{ code: 'LONG_HEADLINE', message: 'The headline is 200 characters long.', file: 'content/a.md', line: 2, hint: 'Write a headline of a line or two.' }], total: 1 } }]);
      // A failed build: its errors, and the warnings of the pages served (the last good build's), not its own.
      s.reload.built(false, [{ code: 'FRONT_MATTER_SYNTAX', severity: 'error', message: 'Bad.' }, { code: 'RELATED_NOT_FOUND', severity: 'warning', message: 'An echo.' }]);
      const late = await listen(s.port);
      await waitFor(() => late.events.length >= 3, 'hello, errors and warnings');
      late.close();
      const codes = (data: unknown) => (Array.isArray(data) ? data : (data as { shown: { code: string }[] }).shown).map((d: { code: string }) => d.code);
      expect(late.events.slice(1).map((e) => [e.event, codes(e.data)])).toEqual([['errors', ['FRONT_MATTER_SYNTAX']], ['warnings', ['LONG_HEADLINE']]]);
      // An archive's thousands: the first fifty, and how many in all.
      last = Array.from({ length: 1200 }, (_, i) => ({ ...long, file: `content/a${i}.md` }));
      s.reload.built(true, last);
      const [many] = await streamOf();
      expect((many.data as { total: number }).total).toBe(1200);
      expect((many.data as { shown: { file: string }[] }).shown.map((w) => w.file)).toEqual(Array.from({ length: 50 }, (_, i) => `content/a${i}.md`));
      last = [];
      s.reload.built(true, last);
      expect(await streamOf()).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('serves under the config base path', async () => {
    let base = '/news/';
    const s = await startServer({ root, port: 0, basePath: () => base });
    try {
      expect((await request(s.port, '/news/')).body).toContain('<h1>Home</h1>');
      expect((await request(s.port, '/news/politics/')).body).toContain('Politics');
      expect((await request(s.port, '/')).headers.location).toBe('/news/');
      expect((await request(s.port, '/news')).headers.location).toBe('/news/');
      expect((await request(s.port, '/news/politics')).headers.location).toBe('/news/politics/');
      expect((await request(s.port, '/politics/')).status).toBe(404);
      base = '/';
      expect((await request(s.port, '/politics/')).status).toBe(200);
    } finally {
      await s.close();
    }
  });

  it('close() ends open event streams and frees the port', async () => {
    const s = await startServer({ root, port: 0 });
    const tab = await listen(s.port);
    await waitFor(() => tab.events.length, 'hello');
    await s.close();
    expect(await portClosed(s.port)).toBe(true);
  });
});

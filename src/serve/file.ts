import { open } from 'node:fs/promises';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream';
import { notModified, rangeStillValid, versionOf, type Version } from './conditional.js';
import { parseRange, type ByteRange } from './range.js';

/**
 * Answers with a file of the output folder, streamed. Its length is read from the open file, not
 * from a stat of its path made earlier: a rebuild renames a new version over the path at any
 * moment, and the open file stays the version whose bytes go out, so the two always agree.
 * False when the file is gone (or no longer a file) by the time it is opened: the caller answers
 * as for a missing page.
 */
export async function sendFile(req: IncomingMessage, res: ServerResponse, file: string, type: string, headers: OutgoingHttpHeaders): Promise<boolean> {
  const fh = await open(file).catch(() => undefined);
  if (!fh) return false;
  let streaming = false;
  try {
    const st = await fh.stat({ bigint: true });
    if (!st.isFile()) return false;
    const size = Number(st.size);
    const v = versionOf(st);
    const validators = { ETag: v.etag, 'Last-Modified': v.lastModified };
    // A reload asks again for every image and video (no-cache): unchanged ones are not sent again.
    if (notModified(req, v)) {
      res.writeHead(304, { ...headers, ...validators });
      res.end();
      return true;
    }
    const range = wantedRange(req, v, size);
    if (range === 'unsatisfiable') {
      const body = `Range not satisfiable: the file has ${size} bytes\n`;
      res.writeHead(416, { ...headers, ...validators, 'Accept-Ranges': 'bytes', 'Content-Range': `bytes */${size}`, 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
      return true;
    }
    const { start, end } = range ?? { start: 0, end: size - 1 };
    res.writeHead(range ? 206 : 200, {
      ...headers,
      ...validators,
      // Media players seek with ranges; Safari will not play a video from a server without them.
      'Accept-Ranges': 'bytes',
      'Content-Type': type,
      'Content-Length': end - start + 1,
      ...(range && { 'Content-Range': `bytes ${start}-${end}/${size}` }),
    });
    if (req.method === 'HEAD' || end < start) {
      res.end();
      return true;
    }
    // Only the bytes asked for are read, a chunk at a time: a seek into a 2 GB video reads what
    // it plays. pipeline, not pipe: a request given up halfway (a video seeked, a tab closed)
    // must close the file as well; pipe leaves it open, one descriptor lost per seek.
    pipeline(fh.createReadStream({ start, end }), res, () => {});
    streaming = true;
    return true;
  } finally {
    // Once streaming, the stream closes the file when it ends or is destroyed.
    if (!streaming) await fh.close();
  }
}

/**
 * The part of the file to send, undefined for all of it. Range is defined for GET only (RFC 9110
 * §14.2), so a HEAD gets the headers of the whole file; so does a request whose If-Range names a
 * version the file no longer is: the part the browser holds is of another file.
 */
function wantedRange(req: IncomingMessage, v: Version, size: number): ByteRange | 'unsatisfiable' | undefined {
  if (req.method !== 'GET' || !rangeStillValid(req, v)) return undefined;
  return parseRange(req.headers.range, size);
}

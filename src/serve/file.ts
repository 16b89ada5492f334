import { open } from 'node:fs/promises';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream';
import { notModified, versionOf } from './conditional.js';

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
    const v = versionOf(st);
    const validators = { ETag: v.etag, 'Last-Modified': v.lastModified };
    // A reload asks again for every image and video (no-cache): unchanged ones are not sent again.
    if (notModified(req, v)) {
      res.writeHead(304, { ...headers, ...validators });
      res.end();
      return true;
    }
    res.writeHead(200, { ...headers, ...validators, 'Content-Type': type, 'Content-Length': Number(st.size) });
    if (req.method === 'HEAD' || st.size === 0n) {
      res.end();
      return true;
    }
    // pipeline, not pipe: a request given up halfway (a video seeked, a tab closed) must close
    // the file as well; pipe leaves it open, one descriptor lost per seek.
    pipeline(fh.createReadStream(), res, () => {});
    streaming = true;
    return true;
  } finally {
    // Once streaming, the stream closes the file when it ends or is destroyed.
    if (!streaming) await fh.close();
  }
}

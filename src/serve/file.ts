import { open } from 'node:fs/promises';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream';

/**
 * Answers with a file of the output folder, streamed. Its length is read from the open file, not
 * from a stat of its path made earlier: a rebuild renames a new version over the path at any
 * moment, and the open file stays the version whose bytes go out, so the two always agree.
 * False when the file is gone (or no longer a file) by the time it is opened: the caller answers
 * as for a missing page.
 */
export async function sendFile(req: IncomingMessage, res: ServerResponse, file: string, headers: OutgoingHttpHeaders): Promise<boolean> {
  const fh = await open(file).catch(() => undefined);
  if (!fh) return false;
  let streaming = false;
  try {
    const st = await fh.stat();
    if (!st.isFile()) return false;
    res.writeHead(200, { ...headers, 'Content-Length': st.size });
    if (req.method === 'HEAD' || st.size === 0) {
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

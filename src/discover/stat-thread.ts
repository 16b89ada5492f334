import type { Worker } from 'node:worker_threads';
import { workerThreads } from '../lazy-require.js';
import { hasherWith } from './source-kind.js';

/**
 * A thread of its own for the `stat` calls of a warm build on a large site: the size and time of
 * every content file (is it the one the cache parsed?), and the time of every folder of the output
 * (has anything been put in it since the last build?). At 10,000 articles that is 25,000 calls,
 * about 0.2 s of a one-article edit's 1.1 s, all of it waiting on the kernel while the one core
 * the build uses could read the cache. Here they run on the other core while the build reads its
 * cache and renders, and it takes the answers when it gets to them. After a fresh checkout, when
 * every file has a new time and is hashed to tell it unchanged, it hashes them with the build.
 *
 * The thread is a few lines of plain JavaScript, not dateline: it starts in about 50 ms where a
 * render worker takes 0.2 s (0.15–0.25 s on a slower machine while the build runs beside it). A
 * list goes to it as one string (10,000 paths as an array took 12 ms to copy) and comes back as
 * numbers. A path it could not `stat` comes back as NaN, and the build asks again itself, so that
 * what it then says (a file deleted meanwhile) is what it said before. The files' stats and hashes
 * are shared out through a counter in shared memory: the thread and the build each take the next
 * file not taken, so the build, once it gets there, does what the thread has not reached.
 */
const THREAD_CODE = `
const { parentPort } = require('node:worker_threads');
const fs = require('node:fs');
const { statSync, lstatSync } = fs;
const sep = require('node:path').sep;
// fileHasher's own code (discover/source-kind.ts), from its text: the SHA-1 of a file's bytes when
// it has the size given, undefined when it has not or cannot be read.
const hashOf = (${hasherWith})(fs, require('node:crypto').createHash);
const at = (op, p) => {
  try {
    return op === 'files' ? statSync(p, { throwIfNoEntry: false }) : lstatSync(p, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
};
parentPort.on('message', ({ id, op, paths, root, sizes, next }) => {
  const list = paths === '' ? [] : paths.split('\\0');
  if (op === 'hash') {
    // The next file no thread has taken, until none is left: the build's thread takes them too.
    const taken = new Int32Array(next);
    const done = [];
    const hashes = [];
    for (let i = Atomics.add(taken, 0, 1); i < list.length; i = Atomics.add(taken, 0, 1)) {
      done.push(i);
      hashes.push(hashOf(list[i], sizes[i]) ?? '');
    }
    const out = Float64Array.from(done);
    return parentPort.postMessage({ id, out, names: hashes.join('\\0') }, [out.buffer]);
  }
  if (op === 'files') {
    // NaN for a file it could not read, and for each it left to the build's thread.
    const out = new Float64Array(list.length * 4).fill(NaN);
    const taken = new Int32Array(next);
    for (let i = Atomics.add(taken, 0, 1); i < list.length; i = Atomics.add(taken, 0, 1)) {
      const st = at(op, list[i]);
      if (!st) continue;
      out[4 * i] = st.size;
      out[4 * i + 1] = st.mtimeMs;
      out[4 * i + 2] = st.ctimeMs;
      out[4 * i + 3] = st.ino;
    }
    return parentPort.postMessage({ id, out }, [out.buffer]);
  }
  // The folders the output paths lie in ('' the output folder itself), each once: as foldersOf in
  // write/foreign.ts finds them, which this code, run from a string, cannot import.
  const dirs = new Set(['']);
  for (const p of list) {
    for (let cut = p.lastIndexOf('/'); cut > 0; cut = p.lastIndexOf('/', cut - 1)) {
      const dir = p.slice(0, cut);
      if (dirs.has(dir)) break;
      dirs.add(dir);
    }
  }
  const names = [...dirs];
  const out = new Float64Array(names.length);
  names.forEach((d, i) => {
    const st = at(op, d === '' ? root : root + sep + (sep === '/' ? d : d.split('/').join(sep)));
    out[i] = st && st.isDirectory() ? st.mtimeMs : NaN;
  });
  parentPort.postMessage({ id, out, names: names.join('\\0') }, [out.buffer]);
});
`;

/**
 * A size and a time, as the build keeps them for each content file; and the change time and inode,
 * which tell a file as git's index knows it (discover/git-index.ts).
 */
export interface FileSig {
  size: number;
  mtimeMs: number;
  ctimeMs?: number;
  ino?: number;
}

const sigsOf = (paths: readonly string[], out: Float64Array): (FileSig | undefined)[] => paths.map((_, i) => (Number.isNaN(out[4 * i]) ? undefined : { size: out[4 * i], mtimeMs: out[4 * i + 1], ctimeMs: out[4 * i + 2], ino: out[4 * i + 3] }));

export class StatThread {
  readonly #worker: Worker;
  #next = 0;
  readonly #waiting = new Map<number, { resolve: (answer: { out: Float64Array; names?: string }) => void; reject: (e: unknown) => void }>();
  #failed: unknown;

  constructor() {
    this.#worker = new (workerThreads().Worker)(THREAD_CODE, { eval: true, stdout: false, stderr: false });
    // Idle, it never holds the process open.
    this.#worker.unref();
    this.#worker.on('message', ({ id, ...answer }: { id: number; out: Float64Array; names?: string }) => {
      this.#waiting.get(id)?.resolve(answer);
      this.#waiting.delete(id);
      if (this.#waiting.size === 0) this.#worker.unref();
    });
    const fail = (e: unknown) => {
      this.#failed = e;
      for (const w of this.#waiting.values()) w.reject(e);
      this.#waiting.clear();
    };
    this.#worker.on('error', fail);
    this.#worker.on('exit', () => fail(new Error('the stat thread stopped')));
  }

  #ask(op: 'files' | 'folders' | 'hash', paths: readonly string[], root?: string, more: { sizes?: Float64Array; next?: SharedArrayBuffer } = {}): Promise<{ out: Float64Array; names?: string }> {
    if (this.#failed !== undefined) return Promise.reject(this.#failed);
    const id = this.#next++;
    const promise = new Promise<{ out: Float64Array; names?: string }>((resolve, reject) => this.#waiting.set(id, { resolve, reject }));
    // While a question is open the thread holds the process, which would otherwise end with the build still waiting.
    this.#worker.ref();
    // A path with a NUL cannot be a file's (the kernel refuses it): none is sent so.
    this.#worker.postMessage({ id, op, paths: paths.join('\0'), root, ...more });
    return promise;
  }

  /** Each file's size and time (`stat`, links followed), undefined for one that could not be read. */
  async files(paths: readonly string[]): Promise<(FileSig | undefined)[]> {
    return sigsOf(paths, (await this.#ask('files', paths, undefined, { next: new SharedArrayBuffer(4) })).out);
  }

  /**
   * As `files`, for a build that may get to the answer first: `rest()` stops the thread where it
   * is and gives what it has, undefined for each file it had not reached, which the build then
   * stats itself. The thread starts in about 0.15 s and stats 10,000 files in about 0.2 s on a
   * 2.1 GHz machine: a fresh checkout reached the answer that much before it was ready.
   */
  filesUntil(paths: readonly string[]): { rest(): Promise<(FileSig | undefined)[]> } {
    const next = new SharedArrayBuffer(4);
    const asked = this.#ask('files', paths, undefined, { next });
    // Handled now: a build that stops before it takes the answer closes the thread, which rejects it.
    asked.catch(() => {});
    return {
      rest: async () => {
        // Every file not yet taken is the build's: the thread stops after the one it is on. One
        // that has not started (still starting up) is not waited for.
        if (Atomics.add(new Int32Array(next), 0, paths.length) === 0) return paths.map(() => undefined);
        return sigsOf(paths, (await asked).out);
      },
    };
  }

  /**
   * The time of each folder the output paths `live` lie in, by its path in the output folder `root`
   * ('' that folder itself): `lstat`, so NaN for a link, which is no folder, and for one not there.
   * The thread finds the folders itself: 15,000 paths' folders took 23 ms of the build's thread.
   */
  async folders(root: string, live: readonly string[]): Promise<Map<string, number>> {
    const { out, names } = await this.#ask('folders', live, root);
    const times = new Map<string, number>();
    names!.split('\0').forEach((d, i) => times.set(d, out[i]));
    return times;
  }

  /**
   * Each file's SHA-1 as `hashHere` gives it (fileHasher in discover/source-kind.ts: undefined for
   * a file not of the size given, or not there), the files shared between the build's thread,
   * which hashes with `hashHere` meanwhile, and this one: each takes the next file neither has
   * taken, so neither waits for the other longer than one file takes. A fresh checkout with the
   * cache restored gives every file a new time, and each is hashed to tell it unchanged: 10,000
   * of them took about 0.3 s of the build's thread. Without `hashHere` this thread hashes them all.
   */
  async hashTogether(files: readonly { abs: string; size: number }[], hashHere?: (abs: string, size: number) => string | undefined): Promise<(string | undefined)[]> {
    const next = new SharedArrayBuffer(4);
    const taken = new Int32Array(next);
    const asked = this.#ask('hash', files.map((f) => f.abs), undefined, { sizes: Float64Array.from(files, (f) => f.size), next });
    // Handled now: a hash here that throws, or a build that stops, leaves the answer untaken.
    asked.catch(() => {});
    const hashes = new Array<string | undefined>(files.length);
    const mine = new Uint8Array(files.length);
    let here = 0;
    if (hashHere) {
      for (let i = Atomics.add(taken, 0, 1); i < files.length; i = Atomics.add(taken, 0, 1)) {
        hashes[i] = hashHere(files[i].abs, files[i].size);
        mine[i] = 1;
        here++;
      }
    }
    // Every file hashed here: the thread took none, and its answer is not waited for.
    if (here === files.length) return hashes;
    try {
      const { out, names } = await asked;
      const theirs = names === '' ? [] : names!.split('\0');
      out.forEach((i, k) => {
        hashes[i] = theirs[k] === '' ? undefined : theirs[k];
        mine[i] = 1;
      });
    } catch {
      // The thread stopped: what it had taken is hashed here.
    }
    if (hashHere) for (let i = 0; i < files.length; i++) if (!mine[i]) hashes[i] = hashHere(files[i].abs, files[i].size);
    return hashes;
  }

  /** Ends the thread; a question still open is answered with an error. */
  close(): void {
    void this.#worker.terminate();
  }
}

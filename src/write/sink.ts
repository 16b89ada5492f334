import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { copyFile, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Where a build's output goes: a folder on disk, or memory (tests, `dateline check`). */
export interface OutputSink {
  write(outPath: string, content: string | Uint8Array): Promise<void>;
  copy(outPath: string, source: string): Promise<void>;
  /** Makes the output visible as a whole. */
  commit(): Promise<void>;
  /** Throws the partial output away; whatever was there before stays exactly as it was. */
  abort(): Promise<void>;
}

/**
 * Refuses any output path that could leave the output folder: absolute, `..`, backslashes, NUL.
 * Every path comes from slugs that were already checked; this is the last line, not the first.
 */
export function safeOutputPath(root: string, outPath: string): string {
  if (!outPath || outPath.includes('\0') || outPath.includes('\\') || path.posix.isAbsolute(outPath) || outPath.split('/').some((s) => s === '..' || s === '.')) {
    throw new Error(`Refusing to write outside the output folder: ${JSON.stringify(outPath)}`);
  }
  const full = path.resolve(root, ...outPath.split('/'));
  if (!full.startsWith(root + path.sep)) throw new Error(`Refusing to write outside the output folder: ${JSON.stringify(outPath)}`);
  return full;
}

/**
 * Writes into a temporary folder beside the output folder, then swaps it in: a failed or
 * interrupted build never leaves a half-written dist/.
 */
export class DiskSink implements OutputSink {
  readonly tmp: string;
  private readonly dirs = new Set<string>();
  count = 0;

  constructor(readonly outDir: string) {
    const parent = path.dirname(outDir);
    this.tmp = path.join(parent, `.${path.basename(outDir)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  }

  private async ensureDir(file: string): Promise<void> {
    const dir = path.dirname(file);
    if (this.dirs.has(dir)) return;
    await mkdir(dir, { recursive: true });
    // Remember every ancestor too: no further mkdir call for a folder already made.
    for (let d = dir; d.startsWith(this.tmp) && !this.dirs.has(d); d = path.dirname(d)) this.dirs.add(d);
  }

  async write(outPath: string, content: string | Uint8Array): Promise<void> {
    const file = safeOutputPath(this.tmp, outPath);
    await this.ensureDir(file);
    await writeFile(file, content);
    this.count++;
  }

  async copy(outPath: string, source: string): Promise<void> {
    const file = safeOutputPath(this.tmp, outPath);
    await this.ensureDir(file);
    await copyFile(source, file);
  }

  async commit(): Promise<void> {
    await mkdir(this.tmp, { recursive: true });
    const exists = await stat(this.outDir).then(() => true, () => false);
    if (!exists) {
      await rename(this.tmp, this.outDir);
      return;
    }
    const old = `${this.tmp}.old`;
    await rename(this.outDir, old);
    try {
      await rename(this.tmp, this.outDir);
    } catch (e) {
      await rename(old, this.outDir);
      throw e;
    }
    await rm(old, { recursive: true, force: true });
  }

  async abort(): Promise<void> {
    await rm(this.tmp, { recursive: true, force: true, maxRetries: 5 });
  }
}

/** Keeps every file in memory: tests read pages straight from `files`. */
export class MemorySink implements OutputSink {
  readonly files = new Map<string, string | Uint8Array>();
  readonly copies = new Map<string, string>();
  count = 0;
  async write(outPath: string, content: string | Uint8Array): Promise<void> {
    safeOutputPath('/out', outPath);
    this.files.set(outPath, content);
    this.count++;
  }
  async copy(outPath: string, source: string): Promise<void> {
    safeOutputPath('/out', outPath);
    this.copies.set(outPath, source);
  }
  async commit(): Promise<void> {}
  async abort(): Promise<void> {}
}

const within = (child: string, parent: string) => child === parent || child.startsWith(parent + path.sep);

/**
 * Why an output folder must not be used, or undefined when it is safe. A build replaces the
 * output folder as a whole, so it must not be the site folder, one of its parents, or a source
 * folder inside it; and a folder that holds something other than a built site is not replaced.
 */
export function unsafeOutDir(siteDir: string, outDir: string): string | undefined {
  const site = path.resolve(siteDir);
  const out = path.resolve(outDir);
  if (within(site, out)) return `${outDir} is the site folder or contains it; the build replaces its output folder as a whole.`;
  for (const source of ['content', 'templates', 'static']) {
    if (within(out, path.join(site, source))) return `${outDir} is inside the site's ${source}/ folder.`;
  }
  return unreplaceable(outDir);
}

/**
 * The same for `dateline merge`, which replaces its output folder as a whole too: it must not be
 * the current folder or a parent of it, nor a shard folder, inside one (the merge would read its
 * own output) or a parent of one.
 */
export function unsafeMergeOut(outDir: string, shardDirs: string[], cwd = process.cwd()): string | undefined {
  const out = path.resolve(outDir);
  if (within(path.resolve(cwd), out)) return `${outDir} is the current folder or contains it; the merge replaces its output folder as a whole.`;
  for (const d of shardDirs) {
    const shard = path.resolve(d);
    if (within(out, shard) || within(shard, out)) return `${outDir} is the shard folder ${d}, inside it or contains it.`;
  }
  return unreplaceable(outDir);
}

/** A file, or a folder that holds something other than a built site, is never replaced. */
function unreplaceable(outDir: string): string | undefined {
  const out = path.resolve(outDir);
  if (!existsSync(out)) return undefined;
  if (!statSync(out).isDirectory()) return `${outDir} is a file.`;
  const entries = readdirSync(out);
  if (entries.length > 0 && !entries.includes('index.html')) return `${outDir} is a folder that holds something other than a built site (it has no index.html); it would be replaced.`;
  return undefined;
}

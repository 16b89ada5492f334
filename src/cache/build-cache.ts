import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { Diagnostic } from '../errors/diagnostic.js';
import type { Article } from '../parse/source.js';

/**
 * The persistent build cache (`.dateline-cache/`): what every content file parsed to, keyed by
 * its content hash, and a fingerprint of every page in the output folder. A warm build re-parses
 * only files whose hash changed and re-renders only pages whose fingerprint changed. Safe to
 * delete; a cache made by another version, config or set of build flags is ignored.
 */
export interface CachedParse {
  size?: number;
  mtimeMs?: number;
  article?: Article;
  diagnostics: Diagnostic[];
}

export interface CacheData {
  format: number;
  key: string;
  templatesHash: string;
  /** The output folder the fingerprints describe: its inode after the build that wrote it. */
  outDir: string;
  outIno: number;
  parsed: [string, CachedParse][];
  written: [string, string][];
  statics: [string, string][];
}

const FORMAT = 1;
const FILE = 'build.v8';

export function readCache(dir: string, key: string): CacheData | undefined {
  try {
    const data = deserialize(readFileSync(path.join(dir, FILE))) as CacheData;
    return data.format === FORMAT && data.key === key ? data : undefined;
  } catch {
    // Missing, truncated or from another Node version: a cache is only ever a shortcut.
    return undefined;
  }
}

/** Written to a unique temp file and renamed: two builds racing each leave a whole cache. */
export function writeCache(dir: string, data: Omit<CacheData, 'format'>): void {
  mkdirSync(dir, { recursive: true });
  const tmp = path.join(dir, `.${FILE}.${process.pid}.${randomBytes(4).toString('hex')}`);
  try {
    writeFileSync(tmp, serialize({ format: FORMAT, ...data }));
    renameSync(tmp, path.join(dir, FILE));
  } catch {
    rmSync(tmp, { force: true });
  }
}

export function cacheKey(parts: unknown): string {
  return createHash('sha1').update(JSON.stringify(parts)).digest('hex');
}

/** One hash of every template file's path and bytes: any template edit changes it. */
export function hashFiles(files: { path: string; text: string }[]): string {
  const h = createHash('sha1');
  for (const f of files) h.update(f.path).update('\0').update(f.text).update('\0');
  return h.digest('hex');
}

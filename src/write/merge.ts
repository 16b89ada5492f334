import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import { error, type Diagnostic } from '../errors/diagnostic.js';
import { DiskSink } from './sink.js';

/**
 * Merges the folders written by `dateline build --shard i/n` into one output folder, swapped in
 * whole like any build. Shards never share a page; a path in two shards with different bytes is
 * an error (the shards came from different sources or versions).
 */
export async function mergeShards(outDir: string, shardDirs: string[]): Promise<{ files: number; diagnostics: Diagnostic[] }> {
  const owner = new Map<string, string>();
  const sink = new DiskSink(path.resolve(outDir));
  const diagnostics: Diagnostic[] = [];
  try {
    for (const dir of shardDirs) {
      const files = (await fg('**/*', { cwd: dir, dot: true, onlyFiles: true, followSymbolicLinks: false })).sort();
      for (const f of files) {
        const src = path.join(dir, f);
        const first = owner.get(f);
        if (first) {
          if (!readFileSync(first).equals(readFileSync(src))) diagnostics.push(error('SHARD_CONFLICT', `${f} differs between ${path.dirname(first)} and ${dir}.`, { hint: 'Build every shard from the same commit with the same flags.' }));
          continue;
        }
        owner.set(f, src);
        const target = path.join(sink.tmp, f);
        mkdirSync(path.dirname(target), { recursive: true });
        copyFileSync(src, target);
      }
    }
    if (diagnostics.length) {
      await sink.abort();
      return { files: 0, diagnostics };
    }
    await sink.commit();
    return { files: owner.size, diagnostics };
  } catch (e) {
    await sink.abort();
    throw e;
  }
}

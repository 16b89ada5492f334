import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import { error, type Diagnostic } from '../errors/diagnostic.js';
import { DiskSink, SHARD_MARK } from './sink.js';

/**
 * Merges the folders written by `dateline build --shard i/n` into one output folder, swapped in
 * whole like any build. Shards never share a page; a path in two shards with different bytes is
 * an error (the shards came from different sources or versions).
 */
export async function mergeShards(outDir: string, shardDirs: string[]): Promise<{ files: number; diagnostics: Diagnostic[] }> {
  /** Each file's first copy, and the shard folder it came from. */
  const owner = new Map<string, { src: string; dir: string }>();
  const sink = new DiskSink(path.resolve(outDir));
  const diagnostics: Diagnostic[] = [];
  try {
    for (const dir of shardDirs) {
      const files = (await fg('**/*', { cwd: dir, dot: true, onlyFiles: true, followSymbolicLinks: false })).sort();
      for (const f of files) {
        if (f === SHARD_MARK) continue;
        const src = path.join(dir, f);
        const first = owner.get(f);
        if (first) {
          const [a, b] = [readFileSync(first.src), readFileSync(src)];
          if (!a.equals(b)) {
            const line = firstDifferentLine(a, b);
            diagnostics.push(error('SHARD_CONFLICT', `${f} differs between ${first.dir} and ${dir}${line ? `, from line ${line} on` : ''}.`, { file: src, line, hint: `Build every shard from the same commit with the same flags (compare the two copies: diff ${first.src} ${src}).` }));
          }
          continue;
        }
        owner.set(f, { src, dir });
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

/** The line (1-based) where two copies of a text file start to differ; undefined for binary files. */
function firstDifferentLine(a: Buffer, b: Buffer): number | undefined {
  let at = 0;
  while (at < a.length && at < b.length && a[at] === b[at]) at++;
  if (a.includes(0) || b.includes(0)) return undefined;
  let line = 1;
  for (let i = 0; i < at; i++) if (a[i] === 10) line++;
  return line;
}

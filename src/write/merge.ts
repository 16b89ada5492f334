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

/**
 * Why the folders are not one whole set of shards (each holds `.dateline-shard`, "i/n": one of
 * each i from 1 to n, all with the same n), or undefined. A shard missing (a failed download in CI)
 * or given twice would merge into a site with pages missing.
 */
export function shardSetProblem(shardDirs: string[]): string | undefined {
  const marks = shardDirs.map((dir) => {
    try {
      const m = /^(\d+)\/(\d+)\s*$/.exec(readFileSync(path.join(dir, SHARD_MARK), 'utf8'));
      return m ? { dir, index: Number(m[1]), count: Number(m[2]) } : { dir };
    } catch {
      return { dir };
    }
  });
  const unmarked = marks.find((m) => !('count' in m));
  if (unmarked) return `${unmarked.dir} is not the folder of a \`dateline build --shard i/n\` (it has no ${SHARD_MARK} file).`;
  const shards = marks as { dir: string; index: number; count: number }[];
  const counts = [...new Set(shards.map((m) => m.count))];
  if (counts.length > 1) return `The shard folders come from builds split different ways (${shards.map((m) => `${m.dir}: ${m.index}/${m.count}`).join(', ')}).`;
  const n = counts[0];
  for (let i = 1; i <= n; i++) {
    const given = shards.filter((m) => m.index === i);
    if (given.length === 0) return `Shard ${i}/${n} is missing: the folders given hold ${shards.map((m) => `${m.index}/${m.count}`).join(', ')}.`;
    if (given.length > 1) return `Shard ${i}/${n} is given twice (${given.map((m) => m.dir).join(' and ')}).`;
  }
  return undefined;
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

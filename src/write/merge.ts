import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import { error, type Diagnostic } from '../errors/diagnostic.js';
import { OUTPUT_MARK, UNTRACKED_MARK } from './in-place.js';
import { DiskSink, resolveOutDir, SHARD_MARK } from './sink.js';

/**
 * Merges the folders written by `dateline build --shard i/n` into one output folder, swapped in
 * whole like any build. Shards never share a page; a path in two shards with different bytes is
 * an error (the shards came from different sources or versions).
 */
export async function mergeShards(outDir: string, shardDirs: string[]): Promise<{ files: number; diagnostics: Diagnostic[] }> {
  /** Each file's first copy, and the shard folder it came from. */
  const owner = new Map<string, { src: string; dir: string }>();
  const sink = new DiskSink(resolveOutDir(outDir));
  const diagnostics: Diagnostic[] = [];
  try {
    for (const dir of shardDirs) {
      const files = (await fg('**/*', { cwd: dir, dot: true, onlyFiles: true, followSymbolicLinks: false })).sort();
      for (const f of files) {
        if (f === SHARD_MARK || f === OUTPUT_MARK) continue;
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
    // A folder dateline wrote: the next merge (or build) may replace it.
    writeFileSync(path.join(sink.tmp, OUTPUT_MARK), UNTRACKED_MARK);
    await sink.commit();
    return { files: owner.size, diagnostics };
  } catch (e) {
    await sink.abort();
    throw e;
  }
}

/**
 * Why the folders are not one whole set of shards (each holds `.dateline-shard`, "i/n" and a digest
 * of the build's inputs: one of each i from 1 to n, all with the same n and the same digest), or
 * undefined. A shard missing (a failed download in CI) or given twice would merge into a site with
 * pages missing; shards built from different commits, into one whose pages disagree (a correction
 * in one page and not in the feeds).
 */
export function shardSetProblem(shardDirs: string[]): string | undefined {
  const marks = shardDirs.map((dir) => {
    try {
      const m = /^(\d+)\/(\d+)\n?(\S*)(?:\nnow (\S+) next (\S+)(?: (\S+))?)?\s*$/.exec(readFileSync(path.join(dir, SHARD_MARK), 'utf8'));
      return m ? { dir, index: Number(m[1]), count: Number(m[2]), inputs: m[3], ...(m[4] ? { now: m[4], next: m[5] === 'none' ? undefined : m[5], change: m[6] } : {}) } : { dir };
    } catch {
      return { dir };
    }
  });
  const unmarked = marks.find((m) => !('count' in m));
  if (unmarked) return `${unmarked.dir} is not the folder of a \`dateline build --shard i/n\` (it has no ${SHARD_MARK} file). A shard's folder uploaded as a CI artifact keeps that hidden file only when the upload includes hidden files (GitHub's actions/upload-artifact: include-hidden-files: true).`;
  const shards = marks as { dir: string; index: number; count: number; inputs: string; now?: string; next?: string; change?: string }[];
  const digests = [...new Set(shards.map((m) => m.inputs))];
  if (digests.length > 1) {
    const groups = digests.map((d) => shards.filter((m) => m.inputs === d).map((m) => `${m.dir} (${m.index}/${m.count})`).join(', '));
    return `The shards were built from different sources, config, templates or flags: ${groups.map((g) => `[${g}]`).join(' differ from ')}. Build every shard from the same commit with the same flags.`;
  }
  const counts = [...new Set(shards.map((m) => m.count))];
  if (counts.length > 1) return `The shard folders come from builds split different ways (${shards.map((m) => `${m.dir}: ${m.index}/${m.count}`).join(', ')}).`;
  const n = counts[0];
  for (let i = 1; i <= n; i++) {
    const given = shards.filter((m) => m.index === i);
    if (given.length === 0) return `Shard ${i}/${n} is missing: the folders given hold ${shards.map((m) => `${m.index}/${m.count}`).join(', ')}.`;
    if (given.length > 1) return `Shard ${i}/${n} is given twice (${given.map((m) => m.dir).join(' and ')}).`;
  }
  // Built at different times (each job's own clock): the same site unless the site changed by
  // itself between them (a scheduled story went out in one and not in the other's listings).
  const timed = shards.filter((m) => m.now !== undefined);
  const latest = timed.reduce<(typeof timed)[number] | undefined>((a, m) => (a === undefined || Date.parse(m.now!) > Date.parse(a.now!) ? m : a), undefined);
  const before = latest && timed.find((m) => m.next !== undefined && Date.parse(m.next) <= Date.parse(latest.now!));
  if (before && latest) {
    const what = { publish: 'a scheduled story went out', expire: 'a story was taken down', 'news-sitemap': 'a story left the News sitemap', 'live-update': "a live blog's update went out", 'live-end': "a live blog's coverage ended", 'new-year': 'a new year began' }[before.change ?? ''] ?? 'the site changed';
    return `The shards were built at different times, on either side of a scheduled change: ${before.dir} (${before.index}/${n}) at ${before.now}, ${latest.dir} (${latest.index}/${n}) at ${latest.now}, and at ${before.next} ${what}. Their pages would disagree (a story on its own page but not on the home page). Build every shard with the same \`--now\`, one time for the whole run (docs/scaling.md).`;
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

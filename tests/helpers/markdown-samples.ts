import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeCorpus } from '../../bench/corpus.mjs';
import { REPO } from './site.js';

/** Every Markdown file under `dir`, sorted, as text. */
function markdownIn(dir: string): string[] {
  const files = readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.md')).sort();
  return files.map((f) => readFileSync(path.join(dir, f), 'utf8'));
}

/** Whole articles to compare a fast path on: the demo site's and 60 of the benchmark corpus's. */
export function wholeArticles(): { demo: string[]; bench: string[] } {
  const bench = mkdtempSync(path.join(os.tmpdir(), 'dateline-samples-'));
  makeCorpus({ articles: 60, out: bench });
  return { demo: markdownIn(path.join(REPO, 'content')), bench: markdownIn(bench) };
}

/** `count` texts of 1 to `maxPieces` pieces drawn from `pieces`, the same on every run for one seed. */
export function seededTexts(seed: number, pieces: readonly string[], count: number, maxPieces: number): string[] {
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  return Array.from({ length: count }, () => Array.from({ length: 1 + Math.floor(rand() * maxPieces) }, () => pieces[Math.floor(rand() * pieces.length)]).join(''));
}

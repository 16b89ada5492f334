import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SiteConfig } from '../config/types.js';
import type { Diagnostic } from '../errors/diagnostic.js';
import type { SiteGraph } from '../model/types.js';
import { buildSearchIndex, SEARCH_FOLDER } from './pagefind.js';

export interface SearchUpdate {
  /** Every file of the current index (output path → bytes); empty when it is already on disk. */
  files: [string, Uint8Array][];
  /** The files to write now. */
  write: [string, Uint8Array][];
  /** Files of the index on disk that the new one no longer has (in-place writes only). */
  remove: string[];
  diagnostics: Diagnostic[];
  /** Call once the files are written: only then does a later build count on them being there. */
  commit(): void;
}

export interface SearchRun {
  /** Off for all but one shard of a sharded build, like the static files. */
  enabled: boolean;
  /** The output folder, and whether this build writes into it in place (watch mode, a cached rebuild). */
  outDir: string;
  inPlace: boolean;
}

const KEY_FILE = 'search-index.key';

/**
 * The search step of a builder. Pagefind cannot update an index, so the whole index is made
 * again, but only when something it holds has changed: a template or footer edit, or a cached
 * rebuild of unchanged content, leaves the index on disk as it is. What the index on disk was made
 * from is kept in memory and, between processes, in the build cache folder.
 */
export function createSearchStep(cacheDir?: string) {
  let memory: { key: string; files: [string, Uint8Array][] } | undefined;
  const diskKey = () => {
    try {
      return cacheDir ? readFileSync(path.join(cacheDir, KEY_FILE), 'utf8') : '';
    } catch {
      return '';
    }
  };
  const remember = (key: string, files: [string, Uint8Array][]) => () => {
    memory = { key, files };
    if (!cacheDir) return;
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(path.join(cacheDir, KEY_FILE), key);
  };

  return async function update(graph: SiteGraph, config: SiteConfig, run: SearchRun): Promise<SearchUpdate> {
    const onDisk = run.inPlace ? listIndex(run.outDir) : [];
    if (!config.search.enabled || !run.enabled) return { files: [], write: [], remove: onDisk, diagnostics: [], commit: remember('', []) };
    // The cache folder can serve builds into several output folders.
    const key = `${run.outDir}\n${searchKey(graph, config)}`;
    if (run.inPlace && onDisk.length > 0 && key === (memory?.key ?? diskKey())) {
      return { files: memory?.files ?? [], write: [], remove: [], diagnostics: [], commit: () => {} };
    }
    // A memory builder (tests, watch in memory) keeps an unchanged index without asking Pagefind.
    if (!run.inPlace && memory?.key === key && memory.files.length) return { files: memory.files, write: memory.files, remove: [], diagnostics: [], commit: () => {} };
    const built = await buildSearchIndex(graph, config);
    const files: [string, Uint8Array][] = built.files.map((f) => [f.path, f.bytes]);
    const live = new Set(files.map(([p]) => p));
    // An index that failed is tried again at the next build.
    return { files, write: files, remove: onDisk.filter((p) => !live.has(p)), diagnostics: built.diagnostics, commit: remember(built.diagnostics.length ? '' : key, files) };
  };
}

/** The index files in an output folder, as output paths. */
function listIndex(outDir: string): string[] {
  const found: string[] = [];
  const walk = (dir: string, rel: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.isDirectory()) walk(path.join(dir, e.name), `${rel}${e.name}/`);
      else found.push(`${rel}${e.name}`);
    }
  };
  walk(path.join(outDir, SEARCH_FOLDER), `${SEARCH_FOLDER}/`);
  return found.sort();
}

/** A hash of everything the index is made from. */
function searchKey(graph: SiteGraph, config: SiteConfig): string {
  const h = createHash('sha1').update(JSON.stringify([config.language, config.locale, config.baseUrl, config.timeZone, config.dateFormat]));
  for (const a of graph.articles) {
    h.update(JSON.stringify([a.url, a.title, a.date, a.summary, a.authors, a.tags, a.section, a.image])).update(a.html);
  }
  return h.digest('base64');
}

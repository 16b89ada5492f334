import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SiteConfig } from '../config/types.js';
import type { Diagnostic } from '../errors/diagnostic.js';
import type { ArticleFull, SiteGraph } from '../model/types.js';
import { walkFiles } from '../write/walk.js';
import { buildSearchIndex, SEARCH_FOLDER, searchBundles, type SearchBundle } from './pagefind.js';

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
  /** The hash of an article's source text, which its HTML is made from (keys a bundle without reading bodies). */
  bodyHash?: (source: string) => string | undefined;
  /** An article's HTML where the graph does not hold it (a cached or large build reads it from the cache). */
  htmlOf?: (article: ArticleFull) => string;
}

const KEY_FILE = 'search-index.json';

type Files = [string, Uint8Array][];

/**
 * The search step of a builder. Pagefind cannot update an index, so a bundle (see searchBundles)
 * is made again whole, but only when something it holds has changed: a template or footer edit,
 * or a cached rebuild of unchanged content, leaves it on disk as it is. What each bundle on disk
 * was made from is kept in memory and, between processes, in the build cache folder.
 */
export function createSearchStep(cacheDir?: string) {
  let memory = new Map<string, { key: string; files: Files }>();
  const storedKeys = (): Record<string, string> => {
    try {
      return cacheDir ? (JSON.parse(readFileSync(path.join(cacheDir, KEY_FILE), 'utf8')) as Record<string, string>) : {};
    } catch {
      return {};
    }
  };
  const remember = (next: Map<string, { key: string; files: Files }>) => () => {
    memory = next;
    if (!cacheDir) return;
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(path.join(cacheDir, KEY_FILE), JSON.stringify(Object.fromEntries([...next].map(([dir, b]) => [dir, b.key]))));
  };

  return async function update(graph: SiteGraph, config: SiteConfig, run: SearchRun): Promise<SearchUpdate> {
    const onDisk = run.inPlace ? listIndex(run.outDir) : [];
    if (!config.search.enabled || !run.enabled) return { files: [], write: [], remove: onDisk, diagnostics: [], commit: remember(new Map()) };
    const bundles = searchBundles(graph, config);
    const dirs = bundles.map((b) => b.dir);
    const stored = memory.size ? {} : storedKeys();
    const next = new Map<string, { key: string; files: Files }>();
    const out: SearchUpdate = { files: [], write: [], remove: [], diagnostics: [], commit: remember(next) };
    const kept = new Set<string>();
    for (const b of bundles) {
      // The cache folder can serve builds into several output folders.
      const key = `${run.outDir}\n${b.dir}\n${searchKey(b, config, run.bodyHash)}`;
      const known = memory.get(b.dir);
      const mine = onDisk.filter((p) => bundleOf(p, dirs) === b.dir);
      if (run.inPlace && mine.length > 0 && key === (known?.key ?? stored[b.dir])) {
        for (const p of mine) kept.add(p);
        out.files.push(...(known?.files ?? []));
        next.set(b.dir, known ?? { key, files: [] });
        continue;
      }
      // A memory builder (tests, watch in memory) keeps an unchanged bundle without asking Pagefind.
      if (!run.inPlace && known?.key === key && known.files.length > 0) {
        out.files.push(...known.files);
        out.write.push(...known.files);
        next.set(b.dir, known);
        continue;
      }
      const built = await buildSearchIndex(b, config, run.htmlOf);
      const files: Files = built.files.map((f) => [f.path, f.bytes]);
      out.files.push(...files);
      out.write.push(...files);
      out.diagnostics.push(...built.diagnostics);
      // A bundle that failed is tried again at the next build; when Pagefind cannot run, one
      // warning says so for all of them.
      next.set(b.dir, { key: built.diagnostics.length ? '' : key, files });
      if (built.diagnostics.length) break;
    }
    const live = new Set([...out.write.map(([p]) => p), ...kept]);
    out.remove = onDisk.filter((p) => !live.has(p));
    return out;
  };
}

/** The bundle folder a file belongs to: the longest that holds it ("pagefind/archive" inside "pagefind"). */
function bundleOf(file: string, dirs: string[]): string | undefined {
  return dirs.filter((d) => file.startsWith(`${d}/`)).sort((x, y) => y.length - x.length)[0];
}

/** The index files in an output folder, as output paths. */
function listIndex(outDir: string): string[] {
  const found: string[] = [];
  walkFiles(path.join(outDir, SEARCH_FOLDER), (_abs, rel) => found.push(`${SEARCH_FOLDER}/${rel}`));
  return found.sort();
}

/** A hash of everything a bundle is made from. */
function searchKey(bundle: SearchBundle, config: SiteConfig, bodyHash: SearchRun['bodyHash']): string {
  const h = createHash('sha1').update(JSON.stringify([config.language, config.locale, config.baseUrl, config.timeZone, config.dateFormat]));
  for (const a of bundle.articles) {
    // A live blog's body hash is the same whichever updates are published: their ids say which.
    h.update(JSON.stringify([a.url, a.title, a.date, a.summary, a.authors, a.tags, a.section, a.image, a.liveBlog?.updates.map((u) => u.id) ?? null])).update(bodyHash?.(a.source) ?? a.html);
  }
  return h.digest('base64');
}

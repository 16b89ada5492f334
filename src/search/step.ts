import { createHash } from 'node:crypto';
import type { SiteConfig } from '../config/types.js';
import type { Diagnostic } from '../errors/diagnostic.js';
import type { SiteGraph } from '../model/types.js';
import { buildSearchIndex } from './pagefind.js';

export interface SearchUpdate {
  /** Every file of the current index (output path → bytes). */
  files: [string, Uint8Array][];
  /** The files to write now: all of them after a full build or a change, none otherwise. */
  write: [string, Uint8Array][];
  /** Files of the previous index that the current one no longer has (watch mode rebuilds). */
  remove: string[];
  diagnostics: Diagnostic[];
  /** Call once the files are written: only then does a later rebuild count on them being there. */
  commit(): void;
}

/**
 * The search step of a builder. Pagefind cannot update an index in place, so a rebuild makes the
 * whole index again, but only when something the index holds has changed: editing a template or
 * the footer leaves it as it is.
 */
export function createSearchStep() {
  let key = '';
  let files: [string, Uint8Array][] = [];
  const keep = (next: string, fresh: [string, Uint8Array][]) => () => {
    key = next;
    files = fresh;
  };
  return async function update(graph: SiteGraph, config: SiteConfig, full: boolean): Promise<SearchUpdate> {
    const previous = files.map(([p]) => p);
    if (!config.search.enabled) return { files: [], write: [], remove: previous, diagnostics: [], commit: keep('', []) };
    const next = searchKey(graph, config);
    if (!full && next === key) return { files, write: [], remove: [], diagnostics: [], commit: () => {} };
    const built = await buildSearchIndex(graph, config);
    const fresh: [string, Uint8Array][] = built.files.map((f) => [f.path, f.bytes]);
    const live = new Set(fresh.map(([p]) => p));
    // An index that failed is tried again at the next rebuild.
    return { files: fresh, write: fresh, remove: previous.filter((p) => !live.has(p)), diagnostics: built.diagnostics, commit: keep(built.diagnostics.length ? '' : next, fresh) };
  };
}

/** A hash of everything the index is made from. */
function searchKey(graph: SiteGraph, config: SiteConfig): string {
  const h = createHash('sha1').update(config.language).update(config.baseUrl);
  for (const a of graph.articles) {
    h.update(JSON.stringify([a.url, a.title, a.date, a.summary, a.authors, a.tags, a.section, a.image])).update(a.html);
  }
  return h.digest('base64');
}

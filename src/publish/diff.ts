import type { Manifest, ManifestEntry } from './manifest.js';

export interface DiffEntry extends ManifestEntry {
  /** Every URL a CDN may have cached this file under: "/a/" and "/a/index.html" for a page. */
  urls: string[];
}

export interface ManifestDiff {
  added: DiffEntry[];
  changed: DiffEntry[];
  removed: DiffEntry[];
}

function withUrls(e: ManifestEntry): DiffEntry {
  const urls = e.url.endsWith('/') ? [e.url, `${e.url}index.html`] : [e.url];
  return { ...e, urls };
}

/**
 * What a deploy must do to turn the old build into the new one: upload added and changed files,
 * delete removed ones, and purge all three from the CDN (an added URL may have a cached 404).
 * A file counts as changed when its bytes or the headers it is served with differ.
 */
export function diffManifests(before: Manifest, after: Manifest): ManifestDiff {
  const old = new Map(before.files.map((f) => [f.path, f]));
  const now = new Set(after.files.map((f) => f.path));
  const diff: ManifestDiff = { added: [], changed: [], removed: [] };
  for (const f of after.files) {
    const prev = old.get(f.path);
    if (!prev) diff.added.push(withUrls(f));
    else if (prev.sha256 !== f.sha256 || prev.contentType !== f.contentType || prev.cacheControl !== f.cacheControl) diff.changed.push(withUrls(f));
  }
  for (const f of before.files) if (!now.has(f.path)) diff.removed.push(withUrls(f));
  const byUrl = (a: DiffEntry, b: DiffEntry) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0);
  diff.added.sort(byUrl);
  diff.changed.sort(byUrl);
  diff.removed.sort(byUrl);
  return diff;
}

/** One line a URL, "added|changed|removed <url>", for people and for `grep`/`awk`. */
export function formatDiff(d: ManifestDiff): string {
  const lines: string[] = [];
  for (const kind of ['added', 'changed', 'removed'] as const) for (const e of d[kind]) lines.push(`${kind.padEnd(7)} ${e.url}`);
  return lines.join('\n');
}

export function diffSummary(d: ManifestDiff): string {
  return `${d.added.length} added, ${d.changed.length} changed, ${d.removed.length} removed`;
}

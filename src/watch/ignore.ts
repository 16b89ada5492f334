import path from 'node:path';
import { CONFIG_FILES } from '../config/defaults.js';
import { HOST_DOT_NAMES } from '../discover/discover.js';
import { isEditorLeftover } from '../discover/leftovers.js';

/** The folders of a site that a build reads; everything else at the site's top level is not watched. */
export const WATCHED_FOLDERS = ['content', 'templates', 'static'] as const;


/**
 * chokidar 5 takes no globs: it watches the site folder and asks this predicate about every path
 * (absolute) before it descends into a folder or reports a file. Returns true for paths to skip.
 * `skip` holds folders a build writes into (the output folder, a cache), which must never
 * trigger a build of their own.
 */
export function createIgnore(siteDir: string, skip: readonly string[] = [], extra: () => ReadonlySet<string> = () => NONE): (file: string) => boolean {
  const root = path.resolve(siteDir);
  const skipped = skip.map((d) => path.resolve(d));
  return (file: string) => {
    const abs = path.resolve(file);
    if (abs === root) return false;
    if (skipped.some((d) => abs === d || abs.startsWith(d + path.sep))) return true;
    const rel = path.relative(root, abs);
    if (rel.startsWith('..') || path.isAbsolute(rel)) return true;
    const parts = rel.split(path.sep);
    if (extra().has(parts.join('/'))) return false;
    const top = (WATCHED_FOLDERS as readonly string[]).includes(parts[0]) || (parts.length === 1 && CONFIG_FILES.includes(parts[0]));
    if (!top) return true;
    // Dot files and folders anywhere (.git, .DS_Store, .#lock, .a.md.swp, the build's .dist.tmp-*),
    // but a host's at the top of static/ (.well-known/), which the build warns is not published.
    if (parts.some((p, i) => p.startsWith('.') && !(i === 1 && parts[0] === 'static' && HOST_DOT_NAMES.includes(p)))) return true;
    // Editors' temporary and backup files (discover/leftovers.ts).
    return isEditorLeftover(parts[parts.length - 1]);
  };
}

const NONE: ReadonlySet<string> = new Set();

/**
 * What the watcher must see besides the site's folders: the files the config imports
 * (config/deps.ts) and the folders they are in, site-relative with forward slashes.
 */
export function withFolders(files: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const f of files) for (let at = f.length; at !== -1; at = f.lastIndexOf('/', at - 1)) out.add(f.slice(0, at));
  return out;
}

/** The path chokidar reported, as the builder wants it: relative to the site, forward slashes. */
export function sitePath(siteDir: string, file: string): string {
  return path.relative(path.resolve(siteDir), path.resolve(file)).split(path.sep).join('/');
}

export const isConfigFile = (rel: string): boolean => CONFIG_FILES.includes(rel);

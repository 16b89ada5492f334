import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { StaticFile } from '../discover/discover.js';

/** CSS and JS get content-hashed names: what templates link to, and what browsers cache longest. */
const HASHED = /\.(css|js|mjs)$/i;

export interface HashedAssets {
  /** Output path → hashed output path: "theme/dateline.css" → "theme/dateline.3f2a9c1b7e.css". Plain data. */
  names: Record<string, string>;
  /** The hashed copies to write, beside the originals (which stay for anything that links to them by name). */
  copies: StaticFile[];
}

/** "theme/dateline.css" + its bytes → "theme/dateline.<10 hex of sha256>.css". */
export function hashedName(outPath: string, bytes: Uint8Array): string {
  const digest = createHash('sha256').update(bytes).digest('hex').slice(0, 10);
  const ext = path.posix.extname(outPath);
  return `${outPath.slice(0, -ext.length)}.${digest}${ext}`;
}

/**
 * Hashes every CSS and JS file among the static files (the theme's and the site's, after the site's
 * have replaced the theme's at the same path). The name depends on the bytes alone, so it changes
 * when, and only when, the file does.
 */
export async function hashAssets(statics: readonly StaticFile[]): Promise<HashedAssets> {
  const names: Record<string, string> = {};
  const copies: StaticFile[] = [];
  const taken = new Set(statics.map((s) => s.outPath));
  for (const s of statics) {
    if (!HASHED.test(s.outPath)) continue;
    const hashed = hashedName(s.outPath, await readFile(s.source));
    // A site that ships its own already-hashed file of that name keeps it.
    if (taken.has(hashed)) continue;
    names[s.outPath] = hashed;
    copies.push({ outPath: hashed, source: s.source });
  }
  return { names, copies };
}

import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cli, REPO } from './site.js';

/** A fixed clock: the demo's scheduled article (June 2027) stays unpublished whatever today is. */
export const DEMO_NOW = '2026-11-28T12:00:00+08:00';
export const DEMO_BASE_URL = 'https://www.mountaincityherald.example/';

/**
 * Builds the demo newsroom with the real bin into a fresh temp folder and returns that folder: once
 * a test worker, since no test writes into it (a build with its search index is about a second of
 * CPU, and seven files asked for one). No build cache: the cache is keyed by the package version,
 * so during development it could hand back pages parsed by older code.
 */
export function buildDemo(): Promise<string> {
  return (demoBuilt ??= (async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'dateline-demo-')), 'dist');
    const r = await cli(['build', REPO, '--out', out, '--now', DEMO_NOW, '--no-cache', '--quiet']);
    if (r.code !== 0) throw new Error(`The demo newsroom did not build (exit ${r.code}):\n${r.stderr}${r.stdout}`);
    return out;
  })());
}

let demoBuilt: Promise<string> | undefined;

/** Every file under `dir` whose name ends with `ext`, as sorted paths relative to `dir`. */
export function filesUnder(dir: string, ext: string): string[] {
  return (readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[])
    .filter((p) => p.endsWith(ext))
    .map((p) => p.split(path.sep).join('/'))
    .sort();
}

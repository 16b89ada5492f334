import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Every file under a folder (forward-slash paths, sorted) with its bytes. */
export function readTree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else out.set(path.relative(dir, full).split(path.sep).join('/'), readFileSync(full));
    }
  };
  walk(dir);
  return out;
}

/** The paths whose bytes differ between two trees, and the paths only one of them has. */
export function treeDiff(a: Map<string, Buffer>, b: Map<string, Buffer>): string[] {
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
  return paths.filter((p) => !a.has(p) || !b.has(p) || !a.get(p)!.equals(b.get(p)!));
}

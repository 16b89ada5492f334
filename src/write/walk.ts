import { readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * Every file under `dir`, depth first, as its absolute path and its path below `dir` with forward
 * slashes. A folder that cannot be read (or is gone) counts as empty.
 */
export function walkFiles(dir: string, visit: (abs: string, rel: string) => void, rel = ''): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) walkFiles(abs, visit, `${rel}${e.name}/`);
    else visit(abs, `${rel}${e.name}`);
  }
}

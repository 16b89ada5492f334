import { readdirSync, readFileSync, type Dirent } from 'node:fs';
import path from 'node:path';

export interface TextFile {
  /** Relative to the folder that was read, forward slashes. */
  path: string;
  text: string;
}

/** Every file under `dir` whose name `keep` accepts, as text, sorted by path; none if `dir` is missing. */
export function readTextFiles(dir: string, keep: (name: string) => boolean): TextFile[] {
  const out: TextFile[] = [];
  const walk = (d: string, rel: string) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(d, e.name);
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(p, r);
      else if (keep(e.name)) out.push({ path: r, text: readFileSync(p, 'utf8') });
    }
  };
  walk(dir, '');
  return out;
}

import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * What a relative module specifier in a config looks like: `from './x'`, `import './x'`,
 * `import('./x')`, `require('./x')`, `export … from './x'`. A specifier that is not a literal, or
 * that names a package, is not followed.
 */
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)(["'])(\.{1,2}\/[^"'\n]*)\1/g;
/** Node's and jiti's order for a specifier written without its extension. */
const EXTENSIONS = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs', '.json'];
const CODE = /\.(?:[mc]?[jt]s)$/;

/**
 * The site's own files that the config imports, directly or through another import: what a watch
 * session must also watch, since an edit to one changes the config as much as an edit to the
 * config file. Site-relative paths with forward slashes, sorted. Only relative specifiers written
 * as string literals are followed, and only to files inside the site folder outside
 * node_modules; a file the config reads with `fs` is not seen.
 */
export function configDependencies(siteDir: string, configFile: string): string[] {
  const root = path.resolve(siteDir);
  const found = new Set<string>();
  const queue = [path.join(root, configFile)];
  while (queue.length > 0) {
    const file = queue.pop()!;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const m of text.matchAll(SPECIFIER)) {
      const target = resolve(path.resolve(path.dirname(file), m[2].replace(/[?#].*$/, '')));
      if (!target) continue;
      const rel = path.relative(root, target);
      if (rel.startsWith('..') || path.isAbsolute(rel) || rel.split(path.sep).includes('node_modules')) continue;
      const key = rel.split(path.sep).join('/');
      if (key === configFile || found.has(key)) continue;
      found.add(key);
      if (CODE.test(target)) queue.push(target);
    }
  }
  return [...found].sort();
}

function resolve(abs: string): string | undefined {
  const candidates = [abs, ...EXTENSIONS.map((e) => abs + e), ...EXTENSIONS.map((e) => path.join(abs, `index${e}`))];
  // TypeScript's ESM style: `./authors.js` written for the file authors.ts.
  const js = /\.([mc]?)js$/.exec(abs);
  if (js) candidates.splice(1, 0, abs.slice(0, -js[0].length) + `.${js[1]}ts`);
  return candidates.find((c) => {
    try {
      return statSync(c).isFile();
    } catch {
      return false;
    }
  });
}

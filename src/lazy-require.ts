import { createRequire } from 'node:module';

const load = createRequire(import.meta.url);

/**
 * A CommonJS package loaded the first time it is used: for libraries most builds seldom need
 * (sanitize-html for raw HTML in Markdown, `yaml` for unusual front matter, jiti for a config in
 * TypeScript, htmlparser2 for feed excerpts and `dateline check`), so no thread pays for loading
 * them up front. Loaded with `require`, Node does not scan a CommonJS file for its exports as
 * `import` does (25 ms for jiti).
 */
export function lazyRequire<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= load(name) as T);
}

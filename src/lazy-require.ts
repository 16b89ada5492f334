import { createRequire } from 'node:module';

const load = createRequire(import.meta.url);

/**
 * A CommonJS package loaded the first time it is used: for libraries most builds seldom need
 * (sanitize-html for raw HTML in Markdown, `yaml` for unusual front matter), so no thread pays
 * for loading them up front.
 */
export function lazyRequire<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= load(name) as T);
}

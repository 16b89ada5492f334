import { createRequire } from 'node:module';
import path from 'node:path';

const load = createRequire(import.meta.url);

/**
 * A CommonJS package loaded the first time it is used: for libraries most builds seldom need
 * (sanitize-html for raw HTML in Markdown, `yaml` for unusual front matter, jiti for a config in
 * TypeScript; htmlparser2 for feed excerpts and `dateline check` is `htmlParser`), so no thread
 * pays for loading them up front. Loaded with `require`, Node does not scan a CommonJS file for its
 * exports as `import` does (25 ms for jiti).
 */
export function lazyRequire<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= load(name) as T);
}

/**
 * Node's worker_threads, loaded when a pool (workers/pool.ts) or the stat thread
 * (discover/stat-thread.ts) first starts: a build too small for either never loads it.
 */
export const workerThreads = lazyRequire<typeof import('node:worker_threads')>('node:worker_threads');

/** Where bin/dateline.js lends its `import()` (below). */
const LENT_IMPORT = Symbol.for('dateline.import');

/**
 * `import()` of an ES module: a site's `.mjs` config, Pagefind. The CLI's bundle runs as a script
 * that V8 compiles from its code cache (bin/dateline.js), and a script's `import()` has no module
 * loader to call in Node 20 but an experimental one: the bin lends its own `import()`, which finds a
 * package in the same node_modules as lib/ does (the specifiers are package names and file URLs,
 * never relative). Without it (lib/ as compiled, the tests' src/), our own.
 */
export function importModule<T>(specifier: string): Promise<T> {
  const lent = (globalThis as Record<symbol, unknown>)[LENT_IMPORT] as ((s: string) => Promise<unknown>) | undefined;
  return (lent ? lent(specifier) : import(specifier)) as Promise<T>;
}

/** What dateline takes from htmlparser2: its parser, and the tokenizer under it. */
export interface HtmlParserModule {
  Parser: typeof import('htmlparser2').Parser;
  Tokenizer: typeof import('htmlparser2').Tokenizer;
}

let htmlParserModule: HtmlParserModule | undefined;

/**
 * htmlparser2's Parser and Tokenizer, loaded on first use without the rest of the package. Its entry
 * point also loads domhandler, domutils and dom-serializer, with an older copy of entities: 43 ms
 * in a new process, against 12 ms for the two files (2.1 GHz). They are required by their paths,
 * which the package's `exports` do not list; were its layout to change, the whole package is.
 */
export function htmlParser(): HtmlParserModule {
  if (!htmlParserModule) {
    try {
      const dir = path.dirname(load.resolve('htmlparser2'));
      const { Parser } = load(path.join(dir, 'Parser.js')) as { Parser: HtmlParserModule['Parser'] };
      const { default: Tokenizer } = load(path.join(dir, 'Tokenizer.js')) as { default: HtmlParserModule['Tokenizer'] };
      if (typeof Parser !== 'function' || typeof Tokenizer !== 'function') throw new Error('another layout');
      htmlParserModule = { Parser, Tokenizer };
    } catch {
      const { Parser, Tokenizer } = load('htmlparser2') as HtmlParserModule;
      htmlParserModule = { Parser, Tokenizer };
    }
  }
  return htmlParserModule;
}

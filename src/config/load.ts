import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createJiti } from 'jiti';
import { BuildError, error } from '../errors/diagnostic.js';
import { CONFIG_FILES } from './defaults.js';
import type { SiteConfig } from './types.js';
import { validateConfig } from './validate.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/**
 * `import { defineConfig } from 'dateline'` must work in a site folder that has no node_modules;
 * it resolves to the one small module that defines it, not to the whole package.
 */
const selfEntry = [path.join(here, 'define.js'), path.join(here, 'define.ts')].find((f) => existsSync(f)) ?? '';

export function findConfigFile(siteDir: string): string | undefined {
  return CONFIG_FILES.find((f) => existsSync(path.join(siteDir, f)));
}

/** Reads, runs and validates the site's config file. Throws BuildError with every problem found. */
export async function loadConfig(siteDir: string, overrides: { baseUrl?: string; transpileCache?: string } = {}): Promise<SiteConfig> {
  const file = findConfigFile(siteDir);
  if (!file) {
    throw new BuildError([
      error('CONFIG_MISSING', `No config file in ${siteDir}.`, {
        hint: `Create ${CONFIG_FILES[0]} (\`dateline init\` writes one), or pass the site folder as the argument.`,
      }),
    ]);
  }
  const jiti = createJiti(import.meta.url, {
    alias: { dateline: selfEntry },
    moduleCache: false,
    // Transpiling a TypeScript config loads Babel, the slowest part of a small build's start;
    // the result is kept (by content hash) in the build cache folder when there is one.
    fsCache: overrides.transpileCache ?? false,
    interopDefault: true,
  });
  let raw: unknown;
  try {
    raw = await jiti.import(path.join(siteDir, file), { default: true });
  } catch (cause) {
    const message = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
    throw new BuildError([error('CONFIG_LOAD', `The config file could not be loaded: ${message}`, { file, hint: 'Fix the syntax of the config file; it must `export default defineConfig({...})`.' })], { cause });
  }
  if (overrides.baseUrl !== undefined && typeof raw === 'object' && raw !== null) raw = { ...raw, baseUrl: overrides.baseUrl };
  const { config, diagnostics } = validateConfig(raw, file);
  if (!config) throw new BuildError(diagnostics);
  return config;
}

import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { cacheDamaged } from '../cache/damage.js';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { importModule, lazyRequire } from '../lazy-require.js';
import { BuildError, error, type Diagnostic } from '../errors/diagnostic.js';
import { codeFrame } from '../errors/frame.js';
import { BUNDLED, PACKAGE_ROOT } from '../paths.js';
import { CONFIG_FILES } from './defaults.js';
import * as selfModule from './define.js';
import { plainModuleBody, runPlainModule } from './plain-module.js';
import type { SiteConfig } from './types.js';
import { authorCollisions, tagRegistryProblems, validateConfig } from './validate.js';

/** This module's folder: lib/config from a bundle too, whose own folder is lib/. */
const here = BUNDLED ? path.join(PACKAGE_ROOT, 'lib', 'config') : path.dirname(fileURLToPath(import.meta.url));
/** jiti, loaded only for a config that needs it (TypeScript, or a module that imports). */
const jitiModule = lazyRequire<typeof import('jiti')>('jiti');
let plainLoads = 0;
/**
 * `import { defineConfig } from 'dateline'` must work in a site folder that has no node_modules;
 * it resolves to the one small module that defines it, not to the whole package.
 */
const selfEntry = [path.join(here, 'define.js'), path.join(here, 'define.ts')].find((f) => existsSync(f)) ?? '';

/**
 * A config with mistakes. `fallback`, when there is one, is the config with the keys at fault set
 * back to their defaults, for checking the content in the same build (config/validate.ts).
 */
export class ConfigError extends BuildError {
  constructor(
    diagnostics: Diagnostic[],
    readonly fallback?: SiteConfig,
  ) {
    super(diagnostics);
  }
}

export function findConfigFile(siteDir: string): string | undefined {
  return CONFIG_FILES.find((f) => existsSync(path.join(siteDir, f)));
}

/** Reads, runs and validates the site's config file. Throws BuildError with every problem found. */
export async function loadConfig(siteDir: string, overrides: { baseUrl?: string; transpileCache?: string; warnings?: Diagnostic[] } = {}): Promise<SiteConfig> {
  const file = findConfigFile(siteDir);
  if (!file) {
    throw new BuildError([
      error('CONFIG_MISSING', `No config file in ${siteDir}.`, {
        hint: `Create ${CONFIG_FILES[0]} (\`dateline init\` writes one), or pass the site folder as the argument.`,
      }),
    ]);
  }
  // Edits to the one not read would do nothing, without a word.
  const others = CONFIG_FILES.filter((f) => f !== file && existsSync(path.join(siteDir, f)));
  if (others.length) {
    throw new BuildError([error('CONFIG_AMBIGUOUS', `The site has more than one config file: ${[file, ...others].join(', ')}. Only ${file} would be read.`, { file, hint: `Keep one: delete ${others.length === 1 ? others[0] : others.join(' and ')}, or merge what it sets into ${file}.` })]);
  }
  let raw: unknown;
  let text: string;
  try {
    const abs = path.join(siteDir, file);
    text = readFileSync(abs, 'utf8');
    const mod = (await importPlain(abs, text)) ?? importAsWritten(abs, text, overrides.transpileCache) ?? (await importTranspiled(abs, text, overrides.transpileCache));
    // `module.exports = {...}` (a CommonJS .js config) has no default: its exports are the config.
    raw = 'default' in mod ? mod.default : 'title' in mod || 'baseUrl' in mod ? { ...mod } : undefined;
  } catch (cause) {
    throw new BuildError([loadFailure(cause, siteDir, file)], { cause });
  }
  if (overrides.baseUrl !== undefined) {
    if (!/^https?:\/\/[^/]+/.test(overrides.baseUrl)) {
      throw new BuildError([error('BAD_BASE_URL', `--base-url: expected an absolute http(s) URL, found "${overrides.baseUrl}".`, { hint: 'Pass the address the site will live at, such as --base-url https://news.example.org/.' })]);
    }
    if (typeof raw === 'object' && raw !== null) raw = { ...raw, baseUrl: overrides.baseUrl };
  }
  const { config, diagnostics, fallback } = validateConfig(raw, file, text);
  if (!config) throw new ConfigError(diagnostics, fallback);
  const clashes = [...authorCollisions(config, text), ...tagRegistryProblems(config, text)];
  if (clashes.length) throw new BuildError(clashes);
  // What a valid config may still hold that is likely a mistake (`timeZone: 'EST'`), for the build to say.
  overrides.warnings?.push(...diagnostics);
  return config;
}

/**
 * A JavaScript module config that imports nothing runs as Node's own import, without jiti and the
 * Babel it loads to transpile (about 0.2 s of a build without a transpile cache). Each load is a
 * new module (watch mode sees edits). Undefined when it is not such a file or fails: jiti then
 * runs it, and reports an error with its line.
 */
async function importPlain(abs: string, text: string): Promise<Record<string, unknown> | undefined> {
  if (!abs.endsWith('.mjs') || /\bimport\b|\brequire\b/.test(text)) return undefined;
  try {
    return await importModule<Record<string, unknown>>(`${pathToFileURL(abs).href}?load=${++plainLoads}`);
  } catch {
    return undefined;
  }
}

/**
 * A config that is plain JavaScript importing only from `dateline` (the scaffold's, even named
 * `.ts`), run without a transpiler (plain-module.ts). Undefined for any other: jiti runs it. The
 * text of one that is not is remembered (its CRC-32, in NOT_PLAIN beside the transpiled files):
 * Babel's parser took 50–60 ms of every build to say so again, where jiti's cache then answers.
 * A wrong answer only sends a config to jiti, which runs any.
 */
function importAsWritten(abs: string, text: string, transpileCache: string | undefined): Record<string, unknown> | undefined {
  const marker = transpileCache && path.join(transpileCache, NOT_PLAIN);
  const sum = String(crc32(text));
  if (marker && readOr(marker) === sum) return undefined;
  const body = plainModuleBody(text, 'dateline');
  if (body !== undefined) return runPlainModule(body, abs, selfModule);
  if (marker) {
    try {
      mkdirSync(transpileCache!, { recursive: true });
      writeFileSync(marker, sum);
    } catch {
      // Asked again next time.
    }
  }
  return undefined;
}

/** Beside the transpiled files: the CRC-32 of the last config text found not to be plain JavaScript. */
const NOT_PLAIN = 'not-plain';

function readOr(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Through jiti, with its transpile cache when there is one. jiti reads a cached file by its name
 * alone, so each file's CRC-32 is kept beside them (SUMS): one that was damaged (a CI cache
 * restored in part) is removed before jiti can run it, and the build notes it (cache/damage.ts).
 */
async function importTranspiled(abs: string, text: string, transpileCache: string | undefined): Promise<Record<string, unknown>> {
  if (!transpileCache) return importWithJiti(abs, text, undefined);
  const sums = checkTranspileCache(transpileCache);
  const mod = await importWithJiti(abs, text, transpileCache);
  try {
    // jiti writes a new file, or a new version of one under the same name (a config edit).
    const now: Record<string, number> = {};
    for (const n of readdirSync(transpileCache)) if (n !== SUMS && n !== NOT_PLAIN) now[n] = crc32(readFileSync(path.join(transpileCache, n)));
    if (JSON.stringify(now) !== JSON.stringify(sums)) writeFileSync(path.join(transpileCache, SUMS), JSON.stringify(now));
  } catch {
    // The next build transpiles again.
  }
  return mod;
}

const SUMS = 'sums.json';

/** Removes each transpiled file that is not as it was written; the sums of the others. */
function checkTranspileCache(dir: string): Record<string, number> {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return {};
  }
  let sums: Record<string, number> = {};
  try {
    if (names.includes(SUMS)) sums = JSON.parse(readFileSync(path.join(dir, SUMS), 'utf8')) as Record<string, number>;
  } catch {
    cacheDamaged('its config transpile cache');
  }
  const kept: Record<string, number> = {};
  for (const n of names) {
    if (n === SUMS || n === NOT_PLAIN) continue;
    const file = path.join(dir, n);
    try {
      if (typeof sums[n] === 'number' && crc32(readFileSync(file)) === sums[n]) {
        kept[n] = sums[n];
        continue;
      }
      if (typeof sums[n] === 'number') cacheDamaged('its config transpile cache');
      rmSync(file, { force: true });
    } catch {
      // Gone already.
    }
  }
  return kept;
}

async function importWithJiti(abs: string, text: string, transpileCache: string | undefined): Promise<Record<string, unknown>> {
  const jiti = jitiModule().createJiti(import.meta.url, {
    alias: { dateline: selfEntry },
    moduleCache: false,
    // Transpiling a TypeScript config loads Babel, the slowest part of a small build's start;
    // the result is kept (by content hash) in the build cache folder when there is one.
    fsCache: transpileCache ?? false,
    interopDefault: false,
  });
  // evalModule with forceTranspile: jiti.import would hand a plain .mjs to Node's own import,
  // whose cache keeps the first version of the file for the life of the process (watch mode).
  return (await jiti.evalModule(text, { filename: abs, async: true, forceTranspile: true })) as Record<string, unknown>;
}

/**
 * What went wrong in the config file, at its line when the error says where: jiti puts
 * "<file>:<line>:<column>" on the message of a syntax error and in the stack of a runtime error.
 */
function loadFailure(cause: unknown, siteDir: string, file: string): Diagnostic {
  const message = cause instanceof Error ? cause.message : String(cause);
  const where = [message, cause instanceof Error ? (cause.stack ?? '') : ''].join('\n');
  // The first place in the site's own files: the config, or a file it imports (which jiti names
  // the same way), never a package's.
  const root = path.resolve(siteDir);
  const escaped = (root + path.sep).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  let at: { rel: string; line: number; column: number } | undefined;
  for (const m of where.matchAll(new RegExp(`${escaped}([^\\s:()]+):(\\d+):(\\d+)`, 'g'))) {
    const rel = m[1].split(path.sep).join('/');
    if (rel.split('/').includes('node_modules')) continue;
    at = { rel, line: Number(m[2]), column: Number(m[3]) };
    break;
  }
  const culprit = at?.rel ?? file;
  const line = at?.line || undefined;
  const syntax = /ParseError|SyntaxError/.test(message) || cause instanceof SyntaxError;
  // A runtime error's column is in the transpiled code, its line is the source's.
  const column = at && syntax ? at.column + 1 : undefined;
  let frame: string | undefined;
  if (line) {
    try {
      frame = codeFrame(readFileSync(path.join(root, culprit), 'utf8'), line, column) || undefined;
    } catch {
      frame = undefined;
    }
  }
  const imported = culprit !== file;
  const first = message.split('\n')[0].replace(/^(\w*Error): /, '').trim();
  const what = imported ? `${culprit}, which the config file imports,` : 'The config file';
  return error('CONFIG_LOAD', `${what} ${syntax ? 'has a syntax error' : 'failed when it ran'}: ${first}`, {
    file: culprit,
    line,
    column,
    frame,
    hint: imported
      ? `Fix ${culprit}${line ? ' at that line' : ''}${syntax ? ' (a missing comma, quote or bracket is the usual cause)' : ' so that it runs'}.`
      : syntax
        ? 'Fix the config at that line (a missing comma, quote or bracket is the usual cause); it must `export default defineConfig({...})`.'
        : 'Fix the config file so that it runs; it must `export default defineConfig({...})`.',
  });
}

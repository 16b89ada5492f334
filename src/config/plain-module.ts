import { parse } from 'acorn';
import { runInThisContext } from 'node:vm';

/**
 * A config file that is plain JavaScript whatever its name says, run as it is written. The
 * scaffold's config is one: `import { defineConfig } from 'dateline'` and a default export, in a
 * `.ts` file. Through jiti it was transpiled by Babel's whole transform, about 0.3 s of CPU and
 * 30 MB at the start of each build without a transpile cache, a third of a small build. acorn, a
 * JavaScript parser, tells whether the module holds anything a function body would run otherwise;
 * when it does, or the text does not parse (TypeScript's syntax does not), undefined, and jiti runs
 * the file as before, with its own errors. Babel's parser, which did this before, took 28-31 ms to
 * load in each process; with acorn in the bundle, a cold 3-article build took 0.47 s of CPU against
 * 0.50 (2.1 GHz). Babel's parser still reads a config to place an error in it (locate.ts).
 */

/** How many texts plainModuleBody has parsed in this thread: for tests. */
export let plainModuleParses = 0;

/** What a CommonJS wrapper (jiti's) gives a module and an ES module has not: their uses go to jiti. */
const WRAPPER_NAMES = new Set(['require', 'module', 'exports', '__filename', '__dirname', 'arguments']);

interface AstNode {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

/**
 * The module's code as a function body, with where its imports and default export go; undefined
 * when it is not plain JavaScript importing only from `self` (TypeScript's syntax, another import,
 * a named export, `import.meta`, `await` outside a function, `this`, a wrapper's names).
 */
export function plainModuleBody(text: string, self: string): string | undefined {
  plainModuleParses++;
  // A `#!` line: run as a script of its own, not a config.
  if (text.startsWith('#!')) return undefined;
  let program: AstNode;
  try {
    program = parse(text, { ecmaVersion: 'latest', sourceType: 'module' }) as unknown as AstNode;
  } catch {
    return undefined;
  }
  const edits: { start: number; end: number; with: string }[] = [];
  let defaults = 0;
  for (const statement of program.body as AstNode[]) {
    if (statement.type === 'ImportDeclaration') {
      const specifiers = statement.specifiers as AstNode[];
      const source = (statement.source as { value: string }).value;
      if (source !== self || (statement.attributes as unknown[] | undefined)?.length) return undefined;
      const bound: string[] = [];
      for (const s of specifiers) {
        if (s.type !== 'ImportSpecifier') return undefined;
        const imported = s.imported as { type: string; name?: string };
        if (imported.type !== 'Identifier') return undefined;
        bound.push(`${imported.name}: ${(s.local as { name: string }).name}`);
      }
      edits.push({ start: statement.start, end: statement.end, with: `const { ${bound.join(', ')} } = __datelineSelf;` });
    } else if (statement.type === 'ExportDefaultDeclaration') {
      const declaration = statement.declaration as AstNode;
      // `export default function …` and `class …` are declarations: a function body has them otherwise.
      if (/Declaration$/.test(declaration.type) || defaults++) return undefined;
      const keywords = text.slice(statement.start, declaration.start);
      if (!/^export\s+default\s*$/.test(keywords)) return undefined;
      edits.push({ start: statement.start, end: declaration.start, with: '__datelineOut.default = ' });
    } else if (/^Export|^TS/.test(statement.type)) {
      return undefined;
    }
  }
  if (defaults !== 1 || !plainThroughout(program, 0)) return undefined;
  let body = '';
  let at = 0;
  for (const e of edits) {
    // The lines stay where they were: an error names the line the editor wrote.
    body += text.slice(at, e.start) + e.with + '\n'.repeat(text.slice(e.start, e.end).split('\n').length - 1);
    at = e.end;
  }
  return body + text.slice(at);
}

/**
 * Nothing that runs otherwise in a function body than in a module (acorn's ESTree nodes; TypeScript
 * never gets this far). `a?.b` is a member expression with `optional` set.
 */
function plainThroughout(node: AstNode, functions: number): boolean {
  const t = node.type;
  if (t === 'MetaProperty' || t === 'ImportExpression' || t === 'ThisExpression') return false;
  if (t === 'Identifier' && WRAPPER_NAMES.has(node.name as string)) return false;
  if (functions === 0 && (t === 'AwaitExpression' || (t === 'ForOfStatement' && node.await))) return false;
  const inner = functions + (t.includes('Function') ? 1 : 0);
  for (const key in node) {
    if (key === 'loc') continue;
    const value = node[key];
    if (Array.isArray(value)) {
      for (const v of value) if (v && typeof v === 'object' && typeof (v as AstNode).type === 'string' && !plainThroughout(v as AstNode, inner)) return false;
    } else if (value && typeof value === 'object' && typeof (value as AstNode).type === 'string' && !plainThroughout(value as AstNode, inner)) {
      return false;
    }
  }
  return true;
}

/**
 * Runs a body from plainModuleBody in strict mode, as a module's code runs, under the file's own
 * name: an error's stack gives the file and the line. Its default export, as a module namespace
 * would hold it.
 */
export function runPlainModule(body: string, filename: string, self: Record<string, unknown>): Record<string, unknown> {
  const run = runInThisContext(`(function (__datelineSelf, __datelineOut) {'use strict';${body}\n})`, { filename }) as (self: unknown, out: Record<string, unknown>) => void;
  const out: Record<string, unknown> = {};
  run.call(undefined, self, out);
  return out;
}

import type { ArrayExpression, ExportSpecifier, Node, ObjectExpression, Program } from '@babel/types';
import { codeFrame } from '../errors/frame.js';
import { lazyRequire } from '../lazy-require.js';

/**
 * Where a key of the site config is written in the config file, for a diagnostic's line. Running
 * the config (load.ts) gives its values but not where they came from, so this parses the text and
 * walks the key path through the object and array literals of the default export. A key that is
 * not written there answers with a key further up the path, or with nothing, never with a line
 * where the key is not.
 */

/** Babel's parser, loaded only when a config has a problem to place: a valid config does not pay for it. */
const babel = lazyRequire<typeof import('@babel/parser')>('@babel/parser');

/** A key path as the validator walks it: `authors[2].slug` is ['authors', 2, 'slug']. */
export type KeyPath = readonly (string | number)[];

/** A position in the config file, as a diagnostic carries it; empty when none is known. */
export interface Place {
  line?: number;
  column?: number;
  frame?: string;
}

/** `authors[2].slug` as ['authors', 2, 'slug']. */
export function parseKeyPath(key: string): KeyPath {
  return [...key.matchAll(/\[(\d+)\]|([^.[\]]+)/g)].map((m) => (m[1] !== undefined ? Number(m[1]) : m[2]));
}

/** Where `path` is written in the config text; see configLocator. */
export function locateKey(text: string, path: string | KeyPath): Place {
  return configLocator(text)(path);
}

/**
 * A function from key path to place, the text parsed once for all of a config's problems. The
 * place is the key's own (a quoted key at its quote, an array element at its start); for a key
 * that is not written there (missing, or from a spread or a variable), the nearest key above it
 * that is, and for a top-level key the default export (`defineConfig(` or the object).
 */
export function configLocator(text: string): (path: string | KeyPath) => Place {
  // Babel reads a byte order mark as a space, which would put every column of line 1 one off.
  const src = text.replace(/^\uFEFF/, '');
  let root: Root | undefined;
  try {
    // 'unambiguous': a module when it imports or exports, else a script (`module.exports = {…}`).
    // The TypeScript plugin reads plain JavaScript too. The config has already run, so the text
    // is valid; errorRecovery keeps the tree where Babel checks more than the runtime did.
    const ast = babel().parse(src, { sourceType: 'unambiguous', plugins: ['typescript'], errorRecovery: true, attachComment: false });
    root = findRoot(ast.program);
  } catch {
    // Only a position for a diagnostic that is right without one: no parser, or text it cannot
    // read, must not hide it.
    root = undefined;
  }
  let starts: number[] | undefined;
  return (path) => {
    if (!root) return {};
    try {
      return place(text, (starts ??= lineStarts(src)), walk(root, typeof path === 'string' ? parseKeyPath(path) : path));
    } catch {
      return {};
    }
  };
}

/** The config object, and where a missing top-level key is reported. */
interface Root {
  anchor: number;
  object?: ObjectExpression;
}

/** A written key: its offset, and the object or array literal that is its value, when it is one. */
interface Found {
  at: number;
  value?: ObjectExpression | ArrayExpression;
}

/**
 * The default export (`export default …`, `export { config as default }`, `module.exports = …`).
 * The anchor is `defineConfig` of the call or the object's brace, or the export statement when
 * its value is not an object literal (made by a function, or imported).
 */
function findRoot(program: Program): Root | undefined {
  for (const s of program.body) {
    let value: Node | undefined;
    if (s.type === 'ExportDefaultDeclaration') value = s.declaration;
    else if (s.type === 'ExportNamedDeclaration') {
      const named = s.specifiers.find((x): x is ExportSpecifier => x.type === 'ExportSpecifier' && (x.exported.type === 'Identifier' ? x.exported.name : x.exported.value) === 'default');
      // `export { default } from './base'` is made elsewhere: the statement itself, no object.
      value = named && (s.source ? s : named.local);
    } else if (s.type === 'ExpressionStatement' && s.expression.type === 'AssignmentExpression' && isModuleExports(s.expression.left)) value = s.expression.right;
    if (value) return configObject(program, value, true) ?? { anchor: s.start! };
  }
  return undefined;
}

function isModuleExports(node: Node): boolean {
  return node.type === 'MemberExpression' && !node.computed && node.object.type === 'Identifier' && node.object.name === 'module' && node.property.type === 'Identifier' && node.property.name === 'exports';
}

/**
 * The object literal of an expression: `{…}`, `defineConfig({…})`, or (with `follow`) a name
 * declared as one of those at the top level (`export default config`).
 */
function configObject(program: Program, node: Node, follow: boolean): Root | undefined {
  const value = unwrap(node);
  if (value.type === 'ObjectExpression') return { anchor: value.start!, object: value };
  if (value.type === 'CallExpression' && value.callee.type === 'Identifier' && value.callee.name === 'defineConfig' && value.arguments.length) {
    const arg = unwrap(value.arguments[0]);
    return arg.type === 'ObjectExpression' ? { anchor: value.callee.start!, object: arg } : configObject(program, arg, follow);
  }
  if (!follow || value.type !== 'Identifier') return undefined;
  const init = declared(program, value.name);
  return init && configObject(program, init, false);
}

/**
 * The value of a top-level `const config = …` (or let or var, exported or not), when the file
 * mentions the name nowhere but there and where it exports it. Any other mention may change the
 * object after it is written (`config.pageSize = 0`, `config.authors.sort()`, `merge(config)`),
 * so the values that ran need not be the ones the literal shows: its lines would point at the
 * wrong text, and the export's line is given instead.
 */
function declared(program: Program, name: string): Node | undefined {
  for (const s of program.body) {
    const d = s.type === 'ExportNamedDeclaration' ? s.declaration : s;
    if (d?.type !== 'VariableDeclaration') continue;
    const found = d.declarations.find((v) => v.id.type === 'Identifier' && v.id.name === name);
    if (found) return mentions(program, name) <= 2 ? (found.init ?? undefined) : undefined;
  }
  return undefined;
}

/** How many times the file names `name` (declaring it, exporting it, using it). */
function mentions(program: Program, name: string): number {
  let count = 0;
  const stack: unknown[] = [program];
  while (stack.length) {
    const n = stack.pop();
    if (!n || typeof n !== 'object') continue;
    if (Array.isArray(n)) {
      for (const x of n) stack.push(x);
      continue;
    }
    const node = n as Node;
    if (node.type === 'Identifier' && node.name === name) count++;
    for (const [key, value] of Object.entries(node)) if (key !== 'loc' && value && typeof value === 'object') stack.push(value);
  }
  return count;
}

/** A value past what only gives it a type: `as const`, `satisfies UserConfig`, `!`, `<T>`. */
function unwrap(node: Node): Node {
  while (node.type === 'TSAsExpression' || node.type === 'TSSatisfiesExpression' || node.type === 'TSNonNullExpression' || node.type === 'TSTypeAssertion') node = node.expression;
  return node;
}

function literal(node: Node): Found['value'] {
  const value = unwrap(node);
  return value.type === 'ObjectExpression' || value.type === 'ArrayExpression' ? value : undefined;
}

/** The offset of the key at `path`, or of the nearest key above it that is written. */
function walk(root: Root, path: KeyPath): number {
  let at = root.anchor;
  let value: Found['value'] = root.object;
  for (const key of path) {
    const found: Found | undefined = value && (typeof key === 'number' ? element(value, key) : property(value, key));
    if (!found) break;
    ({ at, value } = found);
  }
  return at;
}

// Each object's keys and each list's first spread, read once for all of a config's problems: a
// config with many problems in one long list does not read the list again for each.
const objectKeys = new WeakMap<ObjectExpression, Map<string, Found>>();
const firstSpread = new WeakMap<ArrayExpression, number>();

/**
 * The entry of an object literal that sets `key`: its last, as JavaScript takes the last; none
 * before a spread (or a computed key that is not a literal), which may set any key again.
 */
function property(object: ObjectExpression | ArrayExpression, key: string): Found | undefined {
  if (object.type !== 'ObjectExpression') return undefined;
  let keys = objectKeys.get(object);
  if (!keys) {
    keys = new Map();
    for (const p of object.properties) {
      const name = p.type === 'SpreadElement' ? undefined : keyName(p.key, p.computed);
      if (p.type === 'SpreadElement' || name === undefined) keys.clear();
      else keys.set(name, { at: p.key.start!, value: p.type === 'ObjectProperty' ? literal(p.value) : undefined });
    }
    objectKeys.set(object, keys);
  }
  return keys.get(key);
}

/** `title`, `'title'`, `['title']` or `1`; undefined for a computed key that is not a literal. */
function keyName(key: Node, computed: boolean): string | undefined {
  if (key.type === 'Identifier') return computed ? undefined : key.name;
  return key.type === 'StringLiteral' || key.type === 'NumericLiteral' ? String(key.value) : undefined;
}

/**
 * The i-th element of an array literal. A hole counts as an element, as in JavaScript, but has
 * nothing written; past a spread, whose length is not known, no index is.
 */
function element(array: ObjectExpression | ArrayExpression, index: number): Found | undefined {
  if (array.type !== 'ArrayExpression') return undefined;
  let spread = firstSpread.get(array);
  if (spread === undefined) {
    const i = array.elements.findIndex((e) => e?.type === 'SpreadElement');
    firstSpread.set(array, (spread = i === -1 ? array.elements.length : i));
  }
  const e = index < spread ? array.elements[index] : null;
  return e ? { at: e.start!, value: literal(e) } : undefined;
}

/**
 * Line and column (from 1; the column in UTF-16 units, as the frame's caret) of an offset. Lines
 * end at \n only, as the frame splits them: Babel's own `loc` also ends one at a lone \r or U+2028.
 * `starts` holds the offset of each line, found once per text and searched by halves.
 */
function place(text: string, starts: readonly number[], offset: number): Place {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  const line = lo + 1;
  const column = offset - starts[lo] + 1;
  return { line, column, frame: codeFrame(text, line, column) };
}

function lineStarts(src: string): number[] {
  const starts = [0];
  for (let i = src.indexOf('\n'); i !== -1; i = src.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

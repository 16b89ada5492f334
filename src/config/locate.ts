import { codeFrame } from '../errors/frame.js';

/**
 * Where a key of the site config is written in the config file, for a diagnostic's line. Running
 * the config (load.ts) gives its values but not where they came from, so this reads the text: a
 * scanner that knows strings, template literals, comments and regular expressions well enough to
 * skip them, and the brackets, which is all a walk along a key path needs. It is not a parser: on
 * text it does not understand it answers with a key further up the path, or with nothing, never
 * with a line where the key is not.
 */

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
 * A function from key path to place, the text scanned once for all of a config's problems. The
 * place is the key's own (a quoted key at its quote, an array element at its first token); for a
 * key that is not written there (missing, or from a spread or a variable), the nearest key above
 * it that is, and for a top-level key the default export (`defineConfig(` or the object).
 */
export function configLocator(text: string): (path: string | KeyPath) => Place {
  let doc: Doc | undefined;
  try {
    doc = scan(text.replace(/^\uFEFF/, ''));
  } catch {
    // Only a position for a diagnostic that is right without one: a bug here must not hide it.
    doc = undefined;
  }
  return (path) => {
    if (!doc) return {};
    try {
      const at = walk(doc, typeof path === 'string' ? parseKeyPath(path) : path);
      return at === undefined ? {} : place(text, doc.src, doc.tokens[at].start);
    } catch {
      return {};
    }
  };
}

// The scanner.

type Kind = 'name' | 'string' | 'punct' | 'other';

interface Token {
  /** `name`: an identifier, keyword or number; `string`: a quoted string (text is its value); `other`: a template or a regular expression. */
  kind: Kind;
  text: string;
  start: number;
}

interface Doc {
  src: string;
  tokens: Token[];
  /** For each opening bracket, the index of its closing one (tokens.length when none); -1 for any other token. */
  close: number[];
  root?: { anchor: number; object?: number };
  /**
   * The object and array literals walked so far, by their opening token: a config with many
   * problems in one long list reads the list once, not once a problem.
   */
  objects: Map<number, Map<string, Found>>;
  arrays: Map<number, (Found | undefined)[]>;
}

function scan(src: string): Doc {
  const tokens = tokenize(src);
  const close = pairs(tokens);
  const doc: Doc = { src, tokens, close, objects: new Map(), arrays: new Map() };
  doc.root = findRoot(doc);
  return doc;
}

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    const start = i;
    if (/\s/.test(c)) i++;
    else if (c === '/' && (src[i + 1] === '/' || src[i + 1] === '*')) i = commentEnd(src, i);
    else if (c === '"' || c === "'") {
      i = stringEnd(src, i);
      const closed = i - start >= 2 && src[i - 1] === c;
      tokens.push({ kind: 'string', text: unescape(src.slice(start + 1, closed ? i - 1 : i)), start });
    } else if (c === '`') {
      i = templateEnd(src, i);
      tokens.push({ kind: 'other', text: '`', start });
    } else if (c === '/' && regexMayStart(tokens[tokens.length - 1]) && regexEnd(src, i) !== -1) {
      i = regexEnd(src, i);
      tokens.push({ kind: 'other', text: '/', start });
    } else if (/[\p{ID_Start}$_\\]/u.test(c) || /[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      const m = /^[\p{ID_Continue}$\u200c\u200d.\\]*/u.exec(src.slice(i + 1, i + 200))!;
      // A number may hold dots (1.5), a name may not: `a.b` is three tokens.
      i += 1 + (/[0-9.]/.test(c) ? m[0].length : m[0].split('.')[0].length);
      tokens.push({ kind: 'name', text: src.slice(start, i), start });
    } else if (src.startsWith('...', i)) {
      i += 3;
      tokens.push({ kind: 'punct', text: '...', start });
    } else {
      // One code point, so that a lone surrogate pair is not split into two tokens.
      i += (src.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
      tokens.push({ kind: 'punct', text: src.slice(start, i), start });
    }
  }
  return tokens;
}

/** The end of a // or /* comment (an unclosed one runs to the end of the text). */
function commentEnd(src: string, i: number): number {
  if (src[i + 1] === '/') {
    const nl = src.indexOf('\n', i);
    return nl === -1 ? src.length : nl;
  }
  const end = src.indexOf('*/', i + 2);
  return end === -1 ? src.length : end + 2;
}

/** The end of a '…' or "…" string, past its closing quote; an unclosed one ends at its line's end. */
function stringEnd(src: string, i: number): number {
  const quote = src[i];
  for (let j = i + 1; j < src.length; j++) {
    const c = src[j];
    if (c === '\\') j += src.startsWith('\r\n', j + 1) ? 2 : 1;
    else if (c === quote) return j + 1;
    else if (c === '\n') return j;
  }
  return src.length;
}

/**
 * The end of a template literal, past `${…}` holes that hold code of their own: strings,
 * comments, braces and more templates. A stack, not recursion: any nesting in any text.
 */
function templateEnd(src: string, i: number): number {
  // One entry per open template (-1) or open hole (how many of its own braces are open).
  const stack: number[] = [-1];
  let j = i + 1;
  while (j < src.length && stack.length) {
    const top = stack[stack.length - 1];
    const c = src[j];
    if (top === -1 && c === '$' && src[j + 1] === '{') {
      stack.push(0);
      j += 2;
      continue;
    }
    if (top === -1) {
      if (c === '`') stack.pop();
      j += c === '\\' ? 2 : 1;
    } else if (c === '"' || c === "'") j = stringEnd(src, j);
    else if (c === '/' && (src[j + 1] === '/' || src[j + 1] === '*')) j = commentEnd(src, j);
    else {
      if (c === '`') stack.push(-1);
      else if (c === '{') stack[stack.length - 1]++;
      else if (c === '}' && top === 0) stack.pop();
      else if (c === '}') stack[stack.length - 1]--;
      j++;
    }
  }
  return Math.min(j, src.length);
}

const BEFORE_EXPRESSION = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await']);

/** A slash starts a regular expression where an expression may start, else it divides. */
function regexMayStart(prev: Token | undefined): boolean {
  if (!prev) return true;
  if (prev.kind === 'punct') return !')]}'.includes(prev.text);
  return prev.kind === 'name' && BEFORE_EXPRESSION.has(prev.text);
}

/** The end of a regular expression literal with its flags, or -1 when the line has no closing slash. */
function regexEnd(src: string, i: number): number {
  let inClass = false;
  for (let j = i + 1; j < src.length; j++) {
    const c = src[j];
    if (c === '\n' || c === '\r') return -1;
    if (c === '\\') j++;
    else if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    else if (c === '/' && !inClass) return j + 1 + /^[a-z]*/.exec(src.slice(j + 1, j + 20))![0].length;
  }
  return -1;
}

/** A quoted key's value: 'a\'b' is a'b. */
function unescape(s: string): string {
  if (!s.includes('\\')) return s;
  const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', 0: '\0' };
  return s.replace(/\\(?:u\{([0-9a-fA-F]{1,6})\}|u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2})|\r?\n|(.))/gs, (all, cp, u, x, c) => {
    const code = cp ?? u ?? x;
    if (code !== undefined) return String.fromCodePoint(Math.min(parseInt(code, 16), 0x10ffff));
    return c === undefined ? '' : (simple[c] ?? c);
  });
}

const OPENER: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

/**
 * Which bracket closes which. A stray closing bracket is passed over; one that closes an outer
 * bracket also closes the unclosed ones inside it, as an editor's matching would.
 */
function pairs(tokens: Token[]): number[] {
  const close = new Array<number>(tokens.length).fill(-1);
  const open: number[] = [];
  tokens.forEach((t, i) => {
    if (t.kind !== 'punct') return;
    if (t.text === '(' || t.text === '[' || t.text === '{') open.push(i);
    else if (OPENER[t.text]) {
      const at = open.findLastIndex((j) => tokens[j].text === OPENER[t.text]);
      if (at !== -1) for (const j of open.splice(at)) close[j] = i;
    }
  });
  for (const j of open) close[j] = tokens.length;
  return close;
}

// The walk.

const is = (t: Token | undefined, text: string): boolean => t !== undefined && t.kind !== 'string' && t.kind !== 'other' && t.text === text;

/**
 * The config object: the default export (`export default …` or `module.exports = …`), else the
 * first `defineConfig({`. The anchor is where a missing top-level key is reported: the
 * `defineConfig` of the call or the object's brace, or `export` when the export is not a literal.
 */
function findRoot(doc: Doc): Doc['root'] {
  const t = doc.tokens;
  for (const i of topLevel(doc)) {
    const from = is(t[i], 'export') && is(t[i + 1], 'default') ? i + 2 : is(t[i], 'module') && is(t[i + 1], '.') && is(t[i + 2], 'exports') && is(t[i + 3], '=') ? i + 4 : -1;
    if (from !== -1) return literalAt(doc, from, true) ?? { anchor: i };
  }
  for (let i = 0; i < t.length; i++) {
    const found = is(t[i], 'defineConfig') ? literalAt(doc, i, false) : undefined;
    if (found) return found;
  }
  return undefined;
}

/**
 * The object literal of an expression: `{…}`, `defineConfig({…})`, or (with `follow`) a name
 * declared as one of those (`export default config`). Undefined for anything else.
 */
function literalAt(doc: Doc, i: number, follow: boolean): Doc['root'] {
  const t = doc.tokens;
  const first = skipParens(t, i);
  if (is(t[first], '{')) return plainLiteral(doc, first) ? { anchor: first, object: first } : undefined;
  if (is(t[first], 'defineConfig') && is(t[first + 1], '(')) {
    const arg = skipParens(t, first + 2);
    if (!is(t[arg], '{')) return literalAt(doc, arg, follow);
    return plainLiteral(doc, arg) ? { anchor: first, object: arg } : undefined;
  }
  if (!follow || t[first]?.kind !== 'name' || is(t[first + 1], '.') || is(t[first + 1], '(') || is(t[first + 1], '[')) return undefined;
  const value = declaredValue(doc, t[first].text);
  return value === undefined ? undefined : literalAt(doc, value, false);
}

const DECLARE = ['const', 'let', 'var'];
/** Where a statement ends at the latest, for a declaration without `=` (`let config;`). */
const STATEMENT = [';', ...DECLARE, 'export', 'import', 'function', 'class', 'module'];

/**
 * Where the value of a top-level `const name = …` (or let, var) starts: past a type annotation,
 * at the token after `=`.
 */
function declaredValue(doc: Doc, name: string): number | undefined {
  const t = doc.tokens;
  for (const i of topLevel(doc)) {
    if (!DECLARE.some((w) => is(t[i], w)) || !is(t[i + 1], name)) continue;
    for (let j = i + 2; j < t.length && !STATEMENT.some((w) => is(t[j], w)); j++) {
      if (doc.close[j] !== -1) j = doc.close[j];
      else if (is(t[j], '=') && !is(t[j + 1], '>') && !is(t[j + 1], '=')) return j + 1;
    }
    return undefined;
  }
  return undefined;
}

/** The tokens outside every bracket: where a module's exports and declarations are. */
function topLevel(doc: Doc): number[] {
  const out: number[] = [];
  for (let i = 0; i < doc.tokens.length; i++) {
    out.push(i);
    if (doc.close[i] !== -1) i = doc.close[i];
  }
  return out;
}

function skipParens(t: Token[], i: number): number {
  while (is(t[i], '(')) i++;
  return i;
}

/**
 * A bracket whose value is the literal itself, not a part of a larger expression: `[…].map(f)`,
 * `{…}.x` or `{…} || x` may not hold the elements or keys written in it.
 */
function plainLiteral(doc: Doc, open: number): boolean {
  let next = doc.close[open] + 1;
  while (is(doc.tokens[next], ')')) next++;
  const after = doc.tokens[next];
  return after === undefined || after.kind !== 'punct' || !'.[(?|&+-*/%<>=!^'.includes(after.text);
}

/** The token of the key at `path`, or of the nearest key above it that is written. */
function walk(doc: Doc, path: KeyPath): number | undefined {
  if (!doc.root) return undefined;
  let at = doc.root.anchor;
  let container = doc.root.object;
  for (const key of path) {
    if (container === undefined) break;
    const found = typeof key === 'number' ? element(doc, container, key) : property(doc, container, key);
    if (!found) break;
    at = found.at;
    container = found.literal;
  }
  return at;
}

interface Found {
  /** The key's token (an element's first token). */
  at: number;
  /** The object or array literal that is its value, when it is one. */
  literal?: number;
}

/** The parts of a bracket between its commas, as [first token, end) ranges. */
function parts(doc: Doc, open: number): [number, number][] {
  const end = doc.close[open];
  const out: [number, number][] = [];
  let from = open + 1;
  for (let i = open + 1; i < end; i++) {
    if (doc.close[i] !== -1) i = doc.close[i];
    else if (is(doc.tokens[i], ',')) {
      out.push([from, i]);
      from = i + 1;
    }
  }
  out.push([from, end]);
  return out;
}

/** The entry of an object literal that sets `key`; see entries. */
function property(doc: Doc, object: number, key: string): Found | undefined {
  return is(doc.tokens[object], '{') ? entries(doc, object).get(key) : undefined;
}

/**
 * An object literal's keys, each at its last entry, as JavaScript takes the last; none of those
 * before a spread (or a computed key), which may set any key again.
 */
function entries(doc: Doc, object: number): Map<string, Found> {
  const known = doc.objects.get(object);
  if (known) return known;
  const out = new Map<string, Found>();
  for (const [from, to] of parts(doc, object)) {
    if (from === to) continue;
    const entry = entryKey(doc, from, to);
    if (entry.key === undefined) out.clear();
    else out.set(entry.key, { at: entry.at, literal: entry.value === undefined ? undefined : valueLiteral(doc, entry.value, to) });
  }
  doc.objects.set(object, out);
  return out;
}

/**
 * An object literal's entry: its key (undefined for a spread or a computed key other than a
 * string), the key's token, and where the value starts when the entry is `key: value`.
 */
function entryKey(doc: Doc, from: number, to: number): { key?: string; at: number; value?: number } {
  const t = doc.tokens;
  let k = from;
  if (is(t[k], '...')) return { at: from };
  // `get key() {…}`, `async key() {…}`, `*key() {…}`: the key follows.
  if ((['get', 'set', 'async'].some((w) => is(t[k], w)) && k + 1 < to && !is(t[k + 1], ':') && !is(t[k + 1], '(') && !is(t[k + 1], ',')) || is(t[k], '*')) k++;
  if (k >= to) return { at: from };
  let key: string | undefined;
  let after: number;
  if (t[k].kind === 'name' || t[k].kind === 'string') {
    key = t[k].text;
    after = k + 1;
  } else if (is(t[k], '[')) {
    // ['feeds']: a computed key is known only when it is a string.
    const end = doc.close[k];
    key = end === k + 2 && t[k + 1].kind === 'string' ? t[k + 1].text : undefined;
    after = end + 1;
  } else return { at: from };
  return { key, at: k, value: after + 1 < to && is(t[after], ':') ? after + 1 : undefined };
}

/** The i-th element of an array literal; see elements. */
function element(doc: Doc, array: number, index: number): Found | undefined {
  return is(doc.tokens[array], '[') ? elements(doc, array)[index] : undefined;
}

/**
 * An array literal's elements up to the first spread, whose length is not known; a hole counts
 * as an element, as in JavaScript, and is undefined (nothing is written for it).
 */
function elements(doc: Doc, array: number): (Found | undefined)[] {
  const known = doc.arrays.get(array);
  if (known) return known;
  const out: (Found | undefined)[] = [];
  // (A trailing comma reads as a hole at the end: undefined, as an index past the end is.)
  for (const [from, to] of parts(doc, array)) {
    if (is(doc.tokens[from], '...')) break;
    out.push(from === to ? undefined : { at: from, literal: valueLiteral(doc, from, to) });
  }
  doc.arrays.set(array, out);
  return out;
}

/** The object or array literal a value (tokens from..to) is, if it is one and nothing more. */
function valueLiteral(doc: Doc, from: number, to: number): number | undefined {
  const first = skipParens(doc.tokens, from);
  if (first >= to || !(is(doc.tokens[first], '{') || is(doc.tokens[first], '['))) return undefined;
  return doc.close[first] < to && plainLiteral(doc, first) ? first : undefined;
}

/** Line and column (from 1; the column in UTF-16 units, as the frame's caret) of an offset. */
function place(text: string, src: string, offset: number): Place {
  let line = 1;
  let lineStart = 0;
  for (let i = src.indexOf('\n'); i !== -1 && i < offset; i = src.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  const column = offset - lineStart + 1;
  return { line, column, frame: codeFrame(text, line, column) };
}

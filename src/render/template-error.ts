import { createRequire } from 'node:module';
import path from 'node:path';
import { compileInput, ERROR_ORIGIN, nunjucks, TEMPLATE_SCRIPT, type CompileInput } from './load-nunjucks.js';

/**
 * Where a template error is, for its diagnostic. Runs only when a render has failed: it reads
 * the stack of the error the template's code threw, and compiles that template again (once per
 * template and build) to learn which of its tags produced the code on the line that threw.
 */

/** A place in a template: its absolute path, with line and column counted from 1 where known. */
export interface TemplatePlace {
  path: string;
  /** The template's text, as it was compiled. */
  source?: string;
  line?: number;
  column?: number;
  /** For a template that does not exist: the tag of the template that asks for it. */
  ref?: 'include' | 'import' | 'extends';
  /**
   * For a syntax error at the end of the file, or at an end tag that closes an outer tag first: the
   * tag left open, what closes it, and the end tag met before it was closed (`{% endblock %}`, line 12).
   */
  unclosed?: { open: string; close: string; before?: { tag: string; line: number } };
  /** An end tag that closes no open tag (`{% endfi %}`, a stray `{% endif %}`), and what was open. */
  strayEnd?: { tag: string; expected?: string };
}

interface NjNode {
  typename: string;
  lineno: number;
  colno: number;
  value?: unknown;
  name?: NjNode;
  template?: NjNode;
  args?: { children?: NjNode[] };
}

interface Token {
  type: string;
  value: string;
  lineno: number;
  colno: number;
}

interface Compiler {
  compile(node: unknown, frame?: unknown): void;
  _emit(code: string): void;
  _getNodeName(node: NjNode): string;
}

/** The nodes of one compile of a template, each with the line of the generated code it starts on. */
interface Compiled {
  input: CompileInput;
  nodes: { line: number; node: NjNode }[];
  onLine: Map<number, NjNode[]>;
  /** The name of each template a tag asks for, and the kind of tag. */
  refs: Map<NjNode, TemplatePlace['ref']>;
  nameOf(node: NjNode): string;
}

const nj = nunjucks as unknown as {
  compiler: { Compiler: new (name: string, throwOnUndefined?: unknown) => Compiler };
  parser: { parse(src: string, extensions: unknown, opts: unknown): unknown };
  lexer: { lex(src: string, opts: unknown): { nextToken(): Token | null; lineno: number; colno: number } };
};
const transformer = createRequire(import.meta.url)('nunjucks/src/transformer') as { transform(ast: unknown, asyncFilters: unknown): unknown };

const FRAME = new RegExp(`${TEMPLATE_SCRIPT.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^:\\s]+):(\\d+):(\\d+)`);
const TEMPLATE_REFS: Record<string, TemplatePlace['ref']> = { Include: 'include', Import: 'import', FromImport: 'import', Extends: 'extends' };
/** Tags that need an end tag: `set` only without `=`, and `raw` and `verbatim` hide what they hold. */
const END_TAGS: Record<string, string> = {
  if: 'endif', for: 'endfor', asyncEach: 'endeach', asyncAll: 'endall', macro: 'endmacro', call: 'endcall', block: 'endblock',
  filter: 'endfilter', switch: 'endswitch', set: 'endset', raw: 'endraw', verbatim: 'endverbatim',
};

/**
 * Where the error a render threw comes from. `message` is the error's message; `parseError` says
 * its positions are the parser's (from 1) rather than the runtime's (from 0).
 */
export function placeTemplateError(e: unknown, message: string, parseError: boolean): TemplatePlace | undefined {
  // An error thrown again for every page (a syntax error) is placed once.
  if (e && typeof e === 'object') {
    if (!placed.has(e)) placed.set(e, place(e, message, parseError));
    return placed.get(e);
  }
  return place(e, message, parseError);
}

const placed = new WeakMap<object, TemplatePlace | undefined>();

function place(e: unknown, message: string, parseError: boolean): TemplatePlace | undefined {
  const origin = (e && typeof e === 'object' && (e as { [ERROR_ORIGIN]?: unknown })[ERROR_ORIGIN]) || e;
  const stack = origin instanceof Error && typeof origin.stack === 'string' ? origin.stack : '';
  const frame = FRAME.exec(stack);
  if (frame) {
    // The innermost frame of a template: the template whose code threw (a layout, a macro's file).
    const file = decodeURIComponent(frame[1]);
    const compiled = compile(file);
    // Lines of the generated code, counted from 0 as the nodes are noted.
    const at = compiled && nodeAt(compiled, Number(frame[2]) - 1 - headerLines(), message);
    return { path: file, source: compiled?.input.src, ...(at && placeOf(at, compiled!)) };
  }
  // No template's code threw (a syntax error, or a stack cut short): the innermost template that
  // Nunjucks names, which it names last, with its own position if it gave one.
  const named = [...message.matchAll(/\(([^)\n]+)\)(?:\s*\[Line (\d+)(?:, Column (\d+))?\])?/g)].pop();
  if (!named || !path.isAbsolute(named[1])) return undefined;
  const file = named[1];
  const source = compileInput(file)?.src;
  const base = parseError ? 0 : 1;
  // `{% endfor %}` met while an `{% if %}` inside the loop is open: Nunjucks names the end tag
  // ("unknown block tag: endfor"); the mistake is the tag left open, at its own line.
  const unknownEnd = parseError && source !== undefined ? /unknown block tag: (end\w*)/.exec(message)?.[1] : undefined;
  if (unknownEnd) {
    const m = endMismatch(source!, compileInput(file)?.opts);
    if (m && m.end === unknownEnd && m.unclosed) return { path: file, source, line: m.unclosed.line, column: m.unclosed.column, unclosed: { open: m.unclosed.open, close: m.unclosed.close, before: { tag: `{% ${m.end} %}`, line: m.line } } };
    if (m && m.end === unknownEnd) return { path: file, source, line: m.line, column: m.column, strayEnd: { tag: `{% ${m.end} %}`, expected: m.expected && `{% ${m.expected} %}` } };
  }
  if (named[2] !== undefined) return { path: file, source, line: Number(named[2]) + base, column: named[3] !== undefined ? Number(named[3]) + base : undefined };
  if (parseError) {
    const open = source === undefined ? undefined : unclosedTag(source, compileInput(file)?.opts);
    return open ? { path: file, source, line: open.line, column: open.column, unclosed: { open: open.open, close: open.close } } : { path: file, source };
  }
  const compiled = compile(file);
  const at = compiled && nodeAt(compiled, -1, message);
  return { path: file, source, ...(at && placeOf(at, compiled!)) };
}

function placeOf({ node, exact }: { node: NjNode; exact: boolean }, compiled: Compiled): Partial<TemplatePlace> {
  return { line: node.lineno + 1, column: exact ? node.colno + 1 : undefined, ref: compiled.refs.get(node) };
}

/**
 * The node that threw, from the line of generated code that threw (-1: unknown) and the message:
 * an unknown filter, a template that does not exist, a call of something that is no function.
 * Nunjucks writes one line of code for each output or tag; a column within it is not kept
 * reliably by V8 (a call's position can be one of its arguments'), so the message decides.
 */
function nodeAt(compiled: Compiled, line: number, message: string): { node: NjNode; exact: boolean } | undefined {
  const node = exactNodeAt(compiled, line, message);
  if (node) return { node, exact: true };
  // Anything else (a filter or function that threw): the line, without a column.
  const first = compiled.onLine.get(line)?.[0] ?? compiled.nodes.filter((n) => n.line < line).pop()?.node;
  return first && { node: first, exact: false };
}

function exactNodeAt(compiled: Compiled, line: number, message: string): NjNode | undefined {
  const onLine = compiled.onLine.get(line) ?? [];
  const anywhere = (named: (n: NjNode) => boolean) => onLine.find(named) ?? compiled.nodes.find((n) => named(n.node))?.node;
  const filter = /filter not found: ([^\s]+)/.exec(message)?.[1];
  if (filter) return anywhere((n) => n.typename === 'Filter' && n.name?.value === filter);
  const missing = /template not found: ([^\n]+)/.exec(message)?.[1].trim();
  if (missing !== undefined) return anywhere((n) => n.value === missing && compiled.refs.has(n));
  const callee = /Unable to call `([^\n]*)`, which is/.exec(message)?.[1];
  if (callee !== undefined) {
    const calls = onLine.filter((n) => n.typename === 'FunCall');
    return calls.find((n) => n.name && compiled.nameOf(n.name) === callee) ?? calls[0];
  }
  return undefined;
}

const compiled = new Map<string, Compiled>();

/** The template at this path compiled again from the same input, noting the line each node starts on. */
function compile(file: string): Compiled | undefined {
  const input = compileInput(file);
  if (!input) return undefined;
  const known = compiled.get(file);
  if (known?.input === input) return known;
  try {
    const c = new nj.compiler.Compiler(file, input.opts?.throwOnUndefined);
    const nodes: Compiled['nodes'] = [];
    let line = 0;
    const emit = c._emit;
    c._emit = function emitCounting(code: string) {
      emit.call(this, code);
      for (let i = code.indexOf('\n'); i >= 0; i = code.indexOf('\n', i + 1)) line++;
    };
    const compileNode = c.compile;
    c.compile = function compileNoting(node: unknown, frame?: unknown) {
      nodes.push({ line, node: node as NjNode });
      compileNode.call(this, node, frame);
    };
    // As nunjucks' compiler.compile does, preprocessors and all.
    const extensions = (input.extensions ?? []) as { preprocess?: (s: string) => string }[];
    const src = extensions.reduce((s, ext) => (ext.preprocess ? ext.preprocess(s) : s), input.src);
    c.compile(transformer.transform(nj.parser.parse(src, extensions, input.opts ?? {}), input.asyncFilters));
    const onLine = new Map<number, NjNode[]>();
    const refs = new Map<NjNode, TemplatePlace['ref']>();
    for (const { line: at, node } of nodes) {
      if (!onLine.has(at)) onLine.set(at, []);
      onLine.get(at)!.push(node);
      if (TEMPLATE_REFS[node.typename] && node.template) refs.set(node.template, TEMPLATE_REFS[node.typename]);
      // `partialCached("partials/footer.njk")` asks for a template as an include does.
      const first = node.typename === 'FunCall' && node.name?.value === 'partialCached' ? node.args?.children?.[0] : undefined;
      if (first?.typename === 'Literal') refs.set(first, 'include');
    }
    const result: Compiled = { input, nodes, onLine, refs, nameOf: (node) => c._getNodeName(node) };
    compiled.set(file, result);
    return result;
  } catch {
    return undefined;
  }
}

let header: number | undefined;

/** The lines V8 puts before a `new Function` body, as Nunjucks compiles a template. */
function headerLines(): number {
  if (header === undefined) {
    try {
      new Function(`throw new Error('probe');\n//# sourceURL=${TEMPLATE_SCRIPT}probe`)();
    } catch (e) {
      header = Number(FRAME.exec(String((e as Error).stack))?.[2] ?? 3) - 1;
    }
  }
  return header!;
}

/**
 * The tag a template leaves open at its end, which Nunjucks reports without a line: the last of
 * the tags still open, or a `{%`, `{{` or `{#` never ended.
 */
export function unclosedTag(source: string, opts: unknown): { line: number; column: number; open: string; close: string } | undefined {
  const lexer = nj.lexer.lex(source, opts ?? {});
  const open: { name: string; at: Token }[] = [];
  let start: Token | undefined;
  let tag: string | undefined;
  let assigns = false;
  let from = { lineno: 0, colno: 0 };
  try {
    for (let t = lexer.nextToken(); t; from = { lineno: lexer.lineno, colno: lexer.colno }, t = lexer.nextToken()) {
      if (t.type === 'block-start' || t.type === 'variable-start') [start, tag, assigns] = [t, undefined, false];
      else if (t.type === 'variable-end') start = undefined;
      else if (t.type === 'symbol' && start?.type === 'block-start' && tag === undefined) tag = t.value;
      else if (t.type === 'operator' && t.value === '=') assigns = true;
      else if (t.type === 'block-end' && start) {
        const top = open[open.length - 1];
        if (top && (top.name === 'raw' || top.name === 'verbatim')) {
          if (tag === END_TAGS[top.name]) open.pop();
        } else if (tag && END_TAGS[tag] && !(tag === 'set' && assigns)) open.push({ name: tag, at: start });
        else if (tag?.startsWith('end')) {
          const i = open.map((o) => END_TAGS[o.name]).lastIndexOf(tag);
          if (i >= 0) open.length = i;
        }
        start = undefined;
      }
    }
  } catch {
    // The lexer stops at a comment never ended, which starts where the failing token did.
    return { line: from.lineno + 1, column: from.colno + 1, open: '{#', close: '#}' };
  }
  if (start) return { line: start.lineno + 1, column: start.colno + 1, open: start.type === 'block-start' ? `{% ${tag ?? ''}`.trimEnd() : '{{', close: start.type === 'block-start' ? '%}' : '}}' };
  const last = open.pop();
  return last && { line: last.at.lineno + 1, column: last.at.colno + 1, open: `{% ${last.name} %}`, close: `{% ${END_TAGS[last.name]} %}` };
}

/**
 * The first end tag that does not close the innermost open tag, where Nunjucks' parser stops
 * ("unknown block tag: endfor"). When an outer tag is what it closes, `unclosed` is the innermost
 * tag opened inside that one and left open; otherwise it closes nothing (`expected`: what would
 * close the innermost open tag).
 */
export function endMismatch(source: string, opts: unknown): { end: string; line: number; column: number; unclosed?: { line: number; column: number; open: string; close: string }; expected?: string } | undefined {
  const lexer = nj.lexer.lex(source, opts ?? {});
  const open: { name: string; at: Token }[] = [];
  let start: Token | undefined;
  let tag: Token | undefined;
  let assigns = false;
  try {
    for (let t = lexer.nextToken(); t; t = lexer.nextToken()) {
      if (t.type === 'block-start' || t.type === 'variable-start') [start, tag, assigns] = [t, undefined, false];
      else if (t.type === 'variable-end') start = undefined;
      else if (t.type === 'symbol' && start?.type === 'block-start' && tag === undefined) tag = t;
      else if (t.type === 'operator' && t.value === '=') assigns = true;
      else if (t.type === 'block-end' && start) {
        const name = tag?.value;
        const top = open[open.length - 1];
        if (top && (top.name === 'raw' || top.name === 'verbatim')) {
          if (name === END_TAGS[top.name]) open.pop();
        } else if (name && END_TAGS[name] && !(name === 'set' && assigns)) open.push({ name, at: start });
        else if (name?.startsWith('end') && tag) {
          if (top && END_TAGS[top.name] === name) open.pop();
          else {
            const i = open.map((o) => END_TAGS[o.name]).lastIndexOf(name);
            const left = i >= 0 ? open[open.length - 1] : undefined;
            return {
              end: name, line: tag.lineno + 1, column: tag.colno + 1,
              unclosed: left && { line: left.at.lineno + 1, column: left.at.colno + 1, open: `{% ${left.name} %}`, close: `{% ${END_TAGS[left.name]} %}` },
              expected: top && END_TAGS[top.name],
            };
          }
        }
        start = undefined;
      }
    }
  } catch {
    return undefined;
  }
  return undefined;
}

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type Nunjucks from 'nunjucks';
import { PACKAGE_ROOT, THEME_TEMPLATES } from '../paths.js';

/**
 * Nunjucks, loaded so that it never makes String.prototype the prototype of an ordinary object.
 *
 * Its SafeString.prototype is `Object.create(String.prototype, …)`. In V8 that one call turns off,
 * for the rest of the thread's life, fast paths that string and regular-expression builtins take
 * while String.prototype is untouched: with Nunjucks loaded, marked, yaml and every string
 * operation of a build ran about a third slower (the same effect is reported against parse5, for
 * the same single line). While Nunjucks' modules run, that call gets an ordinary object holding
 * String.prototype's own properties instead: SafeString keeps the same methods, `length`,
 * `toString` and `valueOf`; only `instanceof String` differs, which neither Nunjucks nor dateline
 * asks. If something loaded Nunjucks before this module, that copy is used as it is.
 */
function loadNunjucks(): typeof Nunjucks {
  const realCreate = Object.create;
  const stringMethods = realCreate(Object.prototype, Object.getOwnPropertyDescriptors(String.prototype)) as object;
  Object.create = function create(proto: object | null, properties?: PropertyDescriptorMap) {
    return realCreate(proto === String.prototype ? stringMethods : proto, properties as PropertyDescriptorMap);
  } as typeof Object.create;
  try {
    return createRequire(import.meta.url)('nunjucks') as typeof Nunjucks;
  } finally {
    Object.create = realCreate;
  }
}

export const nunjucks = loadNunjucks();

/**
 * Nunjucks' Frame.set splits every name on "." (for `loop.index` and friends) each time it is
 * called, several times per loop iteration and macro call of every page. The same assignment with
 * each name's parts split once per thread: a plain name is one property write, a dotted one walks
 * its parts. Behaviour is Nunjucks' own (see its runtime.js); names come from template source,
 * so the table of split names stays small.
 */
function fasterFrameSet(): void {
  type Frame = { variables: Record<string, unknown>; resolve(name: string, forWrite: boolean): Frame | undefined; set(name: string, val: unknown, resolveUp?: boolean): void };
  const proto = (nunjucks as unknown as { runtime: { Frame: { prototype: Frame } } }).runtime.Frame.prototype;
  if (typeof proto.set !== 'function' || typeof proto.resolve !== 'function') return;
  const split = new Map<string, string[]>();
  proto.set = function set(this: Frame, name: string, val: unknown, resolveUp?: boolean): void {
    let parts = split.get(name);
    if (!parts) split.set(name, (parts = name.split('.')));
    if (resolveUp) {
      const frame = this.resolve(parts[0], true);
      if (frame) return frame.set(name, val);
    }
    let obj = this.variables;
    const last = parts.length - 1;
    for (let i = 0; i < last; i++) obj = (obj[parts[i]] ||= {}) as Record<string, unknown>;
    obj[parts[last]] = val;
  };
}
fasterFrameSet();

/** Nunjucks' compiler, whose methods the functions below replace, as each of them types the part it uses. */
const compilerPrototype = <C>(): C => (nunjucks as unknown as { compiler: { Compiler: { prototype: C } } }).compiler.Compiler.prototype;

/** A name `a.b` may look up as `o.b` in JavaScript: one that is an identifier. */
const PLAIN_NAME = /^[A-Za-z_$][\w$]*$/;

/**
 * `{{ article.section.url }}` compiles to `runtime.memberLookup((…),"url")`: every lookup of every
 * template goes through that one function, whose `obj[val]` sees every object and every name of
 * the theme and is as slow as a property read gets (V8's megamorphic keyed load): a tenth of a
 * render worker's time went to it and its callers. Each name looked up with a dot is compiled
 * instead to a function of its own, defined at the end of the template's code (a declaration,
 * hoisted; no line before it moves, so errors are placed as before): `o.url` at a site that sees
 * few kinds of object. It does what memberLookup does: undefined for undefined or null, a method
 * bound to its object, the value otherwise. A name given in brackets, or one that is no identifier,
 * is looked up as Nunjucks does.
 */
function namedLookups(): void {
  type Node = { typename: string; value?: unknown };
  type Compiler = {
    compileLookupVal(node: { target: Node; val: Node }, frame: unknown): void;
    getCode(): string;
    _emit(code: string): void;
    _compileExpression(node: Node, frame: unknown): void;
  };
  const proto = compilerPrototype<Compiler>();
  const lookupVal = proto.compileLookupVal;
  const getCode = proto.getCode;
  if (typeof lookupVal !== 'function' || typeof getCode !== 'function' || typeof proto._compileExpression !== 'function') return;
  const names = new WeakMap<object, Set<string>>();
  proto.compileLookupVal = function compileNamedLookup(this: Compiler, node, frame) {
    const name = node.val?.typename === 'Literal' ? node.val.value : undefined;
    if (typeof name !== 'string' || !PLAIN_NAME.test(name)) return lookupVal.call(this, node, frame);
    let used = names.get(this);
    if (!used) names.set(this, (used = new Set()));
    used.add(name);
    this._emit(`$dateline_lookup_${name}((`);
    this._compileExpression(node.target, frame);
    this._emit('))');
  };
  proto.getCode = function getCodeWithLookups(this: Compiler) {
    const used = names.get(this);
    const code = getCode.call(this);
    if (!used || used.size === 0) return code;
    const fns = [...used].map((n) => `function $dateline_lookup_${n}(o) { if (o === undefined || o === null) { return undefined; } if (typeof o.${n} === 'function') { return function () { return o.${n}.apply(o, arguments); }; } return o.${n}; }`);
    return `${code}\n${fns.join('\n')}\n`;
  };
}
namedLookups();

/**
 * Each iteration of a `{% for %}` sets `loop.index`, `loop.index0`, `loop.revindex`,
 * `loop.revindex0`, `loop.first`, `loop.last` and `loop.length` with a `frame.set` each: seven
 * calls that each find the frame's `loop` object by name. The compiler writes them instead as one
 * lookup of that object (made when missing, as Frame.set makes it) and seven property writes, in
 * the same order, on the same object: what the calls did.
 */
function fasterLoopBindings(): void {
  type Compiler = { _emitLoopBindings(node: unknown, arr: string, i: string, len: string): void; _emitLine(code: string): void; _tmpid(): string };
  const proto = compilerPrototype<Compiler>();
  if (typeof proto._emitLoopBindings !== 'function' || typeof proto._emitLine !== 'function' || typeof proto._tmpid !== 'function') return;
  proto._emitLoopBindings = function emitLoopObject(this: Compiler, _node, _arr, i, len) {
    const loop = this._tmpid();
    this._emitLine(`var ${loop} = frame.variables["loop"] || (frame.variables["loop"] = {});`);
    this._emitLine(`${loop}.index = ${i} + 1; ${loop}.index0 = ${i}; ${loop}.revindex = ${len} - ${i}; ${loop}.revindex0 = ${len} - ${i} - 1; ${loop}.first = ${i} === 0; ${loop}.last = ${i} === ${len} - 1; ${loop}.length = ${len};`);
  };
}
fasterLoopBindings();

/**
 * `{% include "x.njk" %}` compiles to a waterfall of three callbacks, and the rest of the including
 * template runs inside the last of them: everything a layout renders after its include (the whole
 * page, for the theme's head-meta.njk) nested in the include's calls, a page at a time. Until V8
 * had optimized the templates, a render worker's scavenges then kept 4 MB of each second's pages
 * alive and moved it to the old generation (10-20 ms each, against 1 ms; `node --no-opt` kept it
 * so the whole render). Every loader and filter of a build is synchronous, so the included
 * template is fetched and rendered as Nunjucks' synchronous `render` does it, and the result is
 * added where the include stands: the same lookup of the template (relative to the including
 * one, `ignore missing` kept), the same variables and frame, its errors thrown to the including
 * template's own handler. A cold build of the bench site: about 0.97 of the time and CPU (30
 * alternating pairs: 0.962 with the old build first in each pair, 0.986 with it second), 14-29 MB
 * less peak memory; the pages byte-identical (docs/scaling.md).
 */
function synchronousIncludes(): void {
  type Node = { template: unknown; ignoreMissing?: boolean };
  type Compiler = { compileInclude(node: Node, frame: unknown): void; buffer: string; _emit(code: string): void; _emitLine(code: string): void; _tmpid(): string; _templateName(): string; _compileExpression(node: unknown, frame: unknown): void };
  const proto = compilerPrototype<Compiler>();
  if (typeof proto.compileInclude !== 'function' || typeof proto._templateName !== 'function' || typeof proto._compileExpression !== 'function') return;
  proto.compileInclude = function compileSynchronousInclude(this: Compiler, node, frame) {
    const template = this._tmpid();
    this._emit(`var ${template} = env.getTemplate(`);
    this._compileExpression(node.template, frame);
    this._emitLine(`, false, ${this._templateName()}, ${node.ignoreMissing ? 'true' : 'false'});`);
    this._emitLine(`${this.buffer} += ${template}.render(context.getVariables(), frame);`);
  };
}
synchronousIncludes();

/**
 * Autoescape runs every value a page prints through `lib.escape`, a global replace with a callback,
 * and nearly all of them (a title, a URL, a date) have nothing to escape: a test for the six
 * characters first gives those back as they are, and the rest to Nunjucks' own escape.
 */
function quickEscape(): void {
  const lib = (nunjucks as unknown as { lib: { escape(s: string): string } }).lib;
  const escape = lib.escape;
  if (typeof escape !== 'function') return;
  const special = /[&"'<>\\]/;
  lib.escape = function escapeIfNeeded(s: string): string {
    return special.test(s) ? escape(s) : s;
  };
}
quickEscape();

/** The prefix of the script name each compiled template runs under, so a stack frame names its template. */
export const TEMPLATE_SCRIPT = 'dateline-template:';

/** The error a template's code threw, kept on the error Nunjucks throws in its place. */
export const ERROR_ORIGIN = Symbol('dateline.templateErrorOrigin');

export interface CompileInput {
  src: string;
  asyncFilters: unknown;
  extensions: unknown;
  opts: Record<string, unknown> | undefined;
}

const compileInputs = new Map<string, CompileInput>();

/**
 * The code each template was last compiled to in this thread, with what it was compiled from. A new
 * environment (a watch session's after a template edit, an added article or a changed config)
 * compiles every template again, about 65 ms at each render worker with the newsroom theme; from
 * the same source and options the code is the same, and is taken from here: a template edit
 * compiles only the template edited. (`check`'s strict environment has options of its own.)
 */
const compiledCode = new Map<string, { key: string; code: string }>();

/**
 * The theme's templates as Nunjucks compiles them for a build, made when the package is built
 * (scripts/bundle.mjs, from `themeCodeTable`): lexing, parsing and compiling the theme took about
 * 55 ms of CPU at each build and in each render worker, a tenth of a small build. Each is used
 * only for the same source and options, by the same version of Nunjucks; anything else compiles.
 * Where the theme's folder is written into the code (an include's parent), a mark stands for it.
 */
export const THEME_CODE_FILE = path.join(PACKAGE_ROOT, 'lib', 'theme-code.json');
const THEME_MARK = '\u0000dateline-theme\u0000';

interface ThemeCodeTable {
  nunjucks: string;
  /** `reads`: what partialCached needs to know of the template (templateReads), found from the same source and options. */
  templates: Record<string, { key: string; code: string; reads: Reads }>;
}

/** The variables a template reads, or null when it loads another template (templateReads). */
export type Reads = readonly string[] | null;

/** What nunjucks' parser gives templateReads: a template's syntax tree and its node classes (not in @types/nunjucks). */
interface NunjucksParsing {
  parser: { parse(src: string, extensions: unknown[], opts: object): { findAll(type: unknown): unknown[] } };
  nodes: Record<'Include' | 'Import' | 'FromImport' | 'Extends' | 'Symbol', unknown>;
}

/**
 * What each theme template whose code this thread took from THEME_CODE_FILE reads, by its path and
 * the options it was compiled under, with the source it holds for. Kept whatever is compiled
 * since: an environment made earlier (its templates compiled then) may still render after
 * another, with other options, has compiled the same template.
 */
const shippedReads = new Map<string, { src: string; reads: Reads }>();

/**
 * The names a template's source reads (its symbols), or null when it loads another template (an
 * include, an import, `extends`, partialCached): for partialCached (render/nunjucks.ts), which
 * renders a partial once a build when it reads nothing of the page. A theme template the package
 * ships compiled (`path` given) is not parsed again: parsing a partial with nunjucks' parser, still
 * cold, took about 20 ms of a one-article edit.
 */
export function templateReads(src: string, extensions: unknown[], opts: object, path?: string): Reads {
  const shipped = path !== undefined && extensions.length === 0 ? shippedReads.get(`${path}\0${JSON.stringify(opts)}`) : undefined;
  if (shipped && shipped.src === src) return shipped.reads;
  readsParsed++;
  const { nodes, parser } = nunjucks as unknown as NunjucksParsing;
  const ast = parser.parse(src, extensions, opts);
  const read = [...new Set(ast.findAll(nodes.Symbol).map((n) => (n as { value: string }).value))];
  const loads = read.includes('partialCached') || [nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends].some((type) => ast.findAll(type).length > 0);
  return loads ? null : read;
}

let themeTable: ThemeCodeTable | null | undefined;

function nunjucksVersion(): string {
  return (createRequire(import.meta.url)('nunjucks/package.json') as { version: string }).version;
}

const keyHash = (key: string) => createHash('sha1').update(key).digest('hex');

/** The folder as it is written in the code: inside a JSON string. */
const inCode = (dir: string) => JSON.stringify(dir).slice(1, -1);

/** The shipped code of a theme template compiled from `key`, and what it reads; undefined for any other. */
function themeCode(name: string, key: string): { code: string; reads: Reads } | undefined {
  if (!name.startsWith(THEME_TEMPLATES + path.sep)) return undefined;
  if (themeTable === undefined) {
    try {
      const table = JSON.parse(readFileSync(THEME_CODE_FILE, 'utf8')) as ThemeCodeTable;
      themeTable = table.nunjucks === nunjucksVersion() ? table : null;
    } catch {
      themeTable = null;
    }
  }
  const entry = themeTable?.templates[name.slice(THEME_TEMPLATES.length + 1).split(path.sep).join('/')];
  if (!entry || entry.key !== keyHash(key)) return undefined;
  return { code: entry.code.split(inCode(THEME_MARK)).join(inCode(THEME_TEMPLATES)), reads: entry.reads };
}

/** What THEME_CODE_FILE holds: each theme template this thread has compiled, as it was compiled. */
export function themeCodeTable(): ThemeCodeTable {
  const templates: ThemeCodeTable['templates'] = {};
  const suffix = /\n\/\/# sourceURL=[^\n]*$/;
  for (const [name, { key, code }] of [...compiledCode].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (!name.startsWith(THEME_TEMPLATES + path.sep)) continue;
    // What the code was compiled from: the key is kept only for no extensions.
    const input = compileInputs.get(name)!;
    const reads = templateReads(input.src, [], input.opts ?? {});
    templates[name.slice(THEME_TEMPLATES.length + 1).split(path.sep).join('/')] = { key: keyHash(key), code: code.replace(suffix, '').split(inCode(THEME_TEMPLATES)).join(inCode(THEME_MARK)), reads };
  }
  return { nunjucks: nunjucksVersion(), templates };
}

/** How many templates templateReads has parsed in this thread, not taken from the shipped table: for tests. */
export let readsParsed = 0;

/** How many templates this thread has compiled itself, not taken from the shipped code: for tests. */
export let templatesCompiled = 0;

/** What the template at this path was last compiled from in this thread: to place an error in it. */
export function compileInput(templatePath: string): CompileInput | undefined {
  return compileInputs.get(templatePath);
}

/**
 * Nunjucks names a template in an error only where it renders one (the page's own template and
 * each include), and there rewraps the error as a new Error with the message alone: an error in a
 * layout or in an imported macro is put on the page's template, with the line of whichever of its
 * functions caught it first. Two hooks, free while nothing fails: each compiled template runs as a
 * script named after its path (a comment after its code, once per compile), so a stack frame
 * names the template; and the error Nunjucks throws keeps the one the template's code threw, with
 * that stack. The input of each compile is kept (a reference) to compile it again on an error.
 */
function placeableErrors(): void {
  const n = nunjucks as unknown as {
    compiler: { compile(src: string, asyncFilters: unknown, extensions: unknown, name: unknown, opts?: Record<string, unknown>): string };
    lib: { _prettifyError(path: string, withInternals: boolean, err: unknown): unknown };
  };
  const compile = n.compiler.compile;
  if (typeof compile !== 'function' || typeof n.lib._prettifyError !== 'function') return;
  n.compiler.compile = function compileNamed(src, asyncFilters, extensions, name, opts) {
    if (typeof name !== 'string') return compile.call(this, src, asyncFilters, extensions, name, opts);
    // Before compiling: a syntax error is placed from its input too.
    compileInputs.set(name, { src, asyncFilters, extensions, opts });
    // The code depends on nothing else: no extension is ever added, and the filters and globals
    // are looked up as the template renders.
    const key = Array.isArray(extensions) && extensions.length === 0 ? JSON.stringify([src, asyncFilters, opts]) : undefined;
    const last = compiledCode.get(name);
    if (key !== undefined && last?.key === key) return last.code;
    const shipped = key !== undefined ? themeCode(name, key) : undefined;
    let made = shipped?.code;
    // A table made before it held the names read (an older lib/ of a checkout) has none to give.
    if (shipped && (shipped.reads === null || Array.isArray(shipped.reads))) shippedReads.set(`${name}\0${JSON.stringify(opts ?? {})}`, { src, reads: shipped.reads });
    if (made === undefined) {
      templatesCompiled++;
      made = compile.call(this, src, asyncFilters, extensions, name, opts);
    }
    const code = `${made}\n//# sourceURL=${TEMPLATE_SCRIPT}${encodeURIComponent(name)}`;
    if (key !== undefined) compiledCode.set(name, { key, code });
    return code;
  };
  const prettify = n.lib._prettifyError;
  n.lib._prettifyError = function prettifyKeepingOrigin(path, withInternals, err) {
    // Nunjucks' own wrappers keep what they wrap as `cause`; a rewrapped message keeps its origin.
    let origin: unknown = err;
    for (let e = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
      origin = (e as { [ERROR_ORIGIN]?: unknown })[ERROR_ORIGIN] ?? e;
      if (origin !== e) break;
    }
    const out = prettify.call(this, path, withInternals, err);
    if (out && typeof out === 'object' && !(ERROR_ORIGIN in out)) (out as { [ERROR_ORIGIN]?: unknown })[ERROR_ORIGIN] = origin;
    return out;
  };
}
placeableErrors();

/** How deep templates may render inside one another (includes, imports, partialCached). */
export const MAX_TEMPLATE_DEPTH = 40;

/**
 * Two templates that include each other (or one that includes itself) render without end: Nunjucks
 * has no limit, and the build ran at full CPU for good while `serve` stopped answering. Renders
 * nest synchronously, so a count of the templates being rendered right now finds the loop: past
 * MAX_TEMPLATE_DEPTH, an error naming the templates that go round, at the include that closes it.
 * An included template is done when it calls back, not when its `render` returns: the compiled
 * include runs the rest of the including template inside that callback, so forty includes one
 * after another (an icon each) were counted as forty deep, and a loop was named by the partials
 * that had ended before it (`head-meta.njk → header.njk → …`).
 */
function boundedNesting(): void {
  const proto = nunjucks.Template.prototype as unknown as { render(...args: unknown[]): unknown; path?: string };
  const render = proto.render;
  if (typeof render !== 'function') return;
  const open: string[] = [];
  proto.render = function renderBounded(this: { path?: string }, ...args: unknown[]) {
    const name = this.path ?? '(a template given as text)';
    // Past the limit, the error waits for a template that is open already (so it names the loop and
    // stands at the include that closes it, not at a partial the looping layout happens to include).
    if (open.length >= MAX_TEMPLATE_DEPTH && (open.includes(name) || open.length >= 2 * MAX_TEMPLATE_DEPTH)) {
      const from = open.lastIndexOf(name);
      const loop = (from === -1 ? open.slice(-3) : open.slice(from)).map(shortName);
      throw new Error(`templates include one another without end: ${[...loop, shortName(name)].join(' → ')}`);
    }
    const depth = open.length;
    let done = false;
    const close = () => {
      if (!done) {
        done = true;
        open.length = depth;
      }
    };
    const last = args.length - 1;
    if (last >= 0 && typeof args[last] === 'function') {
      const cb = args[last] as (...r: unknown[]) => unknown;
      args[last] = (...r: unknown[]) => {
        close();
        return cb(...r);
      };
    }
    open.push(name);
    try {
      return render.apply(this, args);
    } finally {
      close();
    }
  };
}

/** "partials/a.njk" from a template's absolute path. */
function shortName(p: string): string {
  const at = p.replace(/\\/g, '/').lastIndexOf('/templates/');
  return at === -1 ? p : p.slice(at + '/templates/'.length);
}

boundedNesting();

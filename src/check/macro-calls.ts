import { readFileSync } from 'node:fs';
import { warning, type Diagnostic } from '../errors/diagnostic.js';
import { codeFrame } from '../errors/frame.js';
import { nunjucks } from '../render/load-nunjucks.js';
import { templateFiles, templateName } from '../render/template-deps.js';
import { nearMiss } from '../validate/near-miss.js';

/**
 * `check`: calls of the templates' macros with arguments the macro does not take. Nunjucks drops
 * an argument too many or a keyword the macro does not name, and leaves one not given undefined,
 * without a word: `{{ m.card(story, sise='lead') }}` prints an ordinary card and
 * `{{ m.headline() }}` an empty heading. Read from the templates' syntax trees, once, never while
 * rendering: the macros of each template a call can reach (its own, `{% import "x" as m %}` and
 * `{% from "x" import a %}`), against the arguments written at the call.
 */

interface Node {
  typename: string;
  lineno: number;
  colno: number;
  fields?: readonly string[];
  children?: Node[];
  [key: string]: unknown;
}

interface MacroSig {
  name: string;
  positional: string[];
  keywords: string[];
  line: number;
}

interface Call {
  /** `m` of `m.card(…)`, or undefined for a bare `card(…)`. */
  alias?: string;
  /** The macro of this template the call is written in, if any. */
  inside?: string;
  name: string;
  positional: number;
  keywords: string[];
  line: number;
  column: number;
}

interface TemplateInfo {
  file: string;
  source: string;
  macros: Map<string, MacroSig>;
  /** alias → imported template name. */
  imports: Map<string, string>;
  /** local name → [template, macro name]. */
  fromImports: Map<string, [string, string]>;
  calls: Call[];
}

const nj = nunjucks as unknown as { parser: { parse(src: string, extensions?: unknown, opts?: unknown): Node } };
const PARSE_OPTS = { trimBlocks: true, lstripBlocks: true };

function children(node: Node): Node[] {
  const out: Node[] = [];
  for (const f of node.fields ?? []) {
    const v = node[f];
    if (v && typeof v === 'object' && typeof (v as Node).typename === 'string') out.push(v as Node);
  }
  if (Array.isArray(node.children)) out.push(...node.children.filter((c) => c && typeof c === 'object'));
  return out;
}

const symbol = (n: unknown): string | undefined => (n && (n as Node).typename === 'Symbol' ? String((n as Node).value) : undefined);
const literal = (n: unknown): string | undefined => (n && (n as Node).typename === 'Literal' && typeof (n as Node).value === 'string' ? String((n as Node).value) : undefined);

/** Positional and keyword parts of an argument list (NodeList, its last child a KeywordArgs). */
function argParts(args: Node | undefined): { positional: Node[]; keywords: [string, Node][] } {
  const positional: Node[] = [];
  const keywords: [string, Node][] = [];
  for (const a of args?.children ?? []) {
    if (a.typename === 'KeywordArgs') {
      for (const p of a.children ?? []) {
        const k = symbol(p.key) ?? literal(p.key);
        if (k !== undefined) keywords.push([k, p.value as Node]);
      }
    } else positional.push(a);
  }
  return { positional, keywords };
}

function analyse(file: string, source: string): TemplateInfo | undefined {
  let root: Node;
  try {
    root = nj.parser.parse(source, [], PARSE_OPTS);
  } catch {
    return undefined; // a syntax error: the build says it
  }
  const info: TemplateInfo = { file, source, macros: new Map(), imports: new Map(), fromImports: new Map(), calls: [] };
  const inside: string[] = [];
  const walk = (n: Node) => {
    if (n.typename === 'Macro') {
      const name = symbol(n.name);
      const { positional, keywords } = argParts(n.args as Node);
      if (name) info.macros.set(name, { name, positional: positional.map(symbol).filter((s): s is string => !!s), keywords: keywords.map(([k]) => k), line: n.lineno + 1 });
      inside.push(name ?? '');
      for (const c of children(n)) walk(c);
      inside.pop();
      return;
    } else if (n.typename === 'Import') {
      const t = literal(n.template);
      const alias = symbol(n.target);
      if (t && alias) info.imports.set(alias, t);
    } else if (n.typename === 'FromImport') {
      const t = literal(n.template);
      for (const c of (n.names as Node | undefined)?.children ?? []) {
        if (c.typename === 'Pair') {
          const name = symbol(c.key);
          const as = symbol(c.value);
          if (t && name && as) info.fromImports.set(as, [t, name]);
        } else {
          const name = symbol(c);
          if (t && name) info.fromImports.set(name, [t, name]);
        }
      }
    } else if (n.typename === 'FunCall') {
      const target = n.name as Node;
      const { positional, keywords } = argParts(n.args as Node);
      // At the macro's name as written (`m` of `m.card(…)`); Nunjucks places the call at its `(`.
      const at = (target?.typename === 'LookupVal' ? (target.target as Node) : target) ?? n;
      const call = { inside: inside[inside.length - 1] || undefined, positional: positional.length, keywords: keywords.map(([k]) => k).filter((k) => k !== 'caller'), line: at.lineno + 1, column: at.colno + 1 };
      if (target?.typename === 'LookupVal' && symbol(target.target) && literal(target.val)) info.calls.push({ alias: symbol(target.target), name: literal(target.val)!, ...call });
      else if (symbol(target)) info.calls.push({ name: symbol(target)!, ...call });
    }
    for (const c of children(n)) walk(c);
  };
  walk(root);
  return info;
}


const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function sigText(m: MacroSig): string {
  const all = [...m.positional, ...m.keywords];
  return all.length === 0 ? 'no arguments' : `${plural(all.length, 'argument', 'arguments')} (${all.join(', ')})`;
}

export function macroCallProblems(templateDirs: readonly string[], siteDir: string): Diagnostic[] {
  const files = templateFiles(templateDirs);
  const infos = new Map<string, TemplateInfo | undefined>();
  const info = (name: string): TemplateInfo | undefined => {
    if (!infos.has(name)) {
      const abs = files.get(name);
      let text: string | undefined;
      try {
        text = abs === undefined ? undefined : readFileSync(abs, 'utf8');
      } catch {
        text = undefined;
      }
      infos.set(name, abs === undefined || text === undefined ? undefined : analyse(abs, text));
    }
    return infos.get(name);
  };
  const out: Diagnostic[] = [];
  for (const name of [...files.keys()].sort()) {
    const t = info(name);
    if (!t) continue;
    const file = templateName(t.file, siteDir);
    for (const call of t.calls) {
      let macro: MacroSig | undefined;
      let shown: string;
      let where = 'at line';
      if (call.alias !== undefined) {
        const from = t.imports.get(call.alias);
        if (from === undefined) continue; // not an imported file: an object's method
        macro = info(from)?.macros.get(call.name);
        if (!macro) continue; // a missing macro fails the render, with its own message
        shown = `${call.alias}.${call.name}`;
        where = `in ${from}, line`;
      } else {
        const imported = t.fromImports.get(call.name);
        macro = imported ? info(imported[0])?.macros.get(imported[1]) : t.macros.get(call.name);
        if (!macro) continue; // a global function (partialCached, range…)
        if (imported) where = `in ${imported[0]}, line`;
        shown = call.name;
      }
      const params = [...macro.positional, ...macro.keywords];
      const problems: string[] = [];
      const hints: string[] = [];
      if (call.positional > params.length) {
        problems.push(`gives ${plural(call.positional, 'argument', 'arguments')}; the macro takes ${sigText(macro)}, and Nunjucks drops the rest`);
        hints.push(`Remove the extra ${call.positional - params.length === 1 ? 'argument' : 'arguments'}`);
      }
      for (const k of call.keywords) {
        if (params.includes(k)) continue;
        const near = nearMiss(k, params);
        problems.push(`names \`${k}\`, which ${shown} does not take (Nunjucks ignores it)`);
        hints.push(near ? `Write \`${near}=\` for \`${k}=\`` : `Use one of its arguments: ${params.join(', ') || 'none'}`);
      }
      const missing = macro.positional.filter((p, i) => i >= call.positional && !call.keywords.includes(p));
      if (missing.length > 0) {
        problems.push(`leaves out ${missing.map((m) => `\`${m}\``).join(', ')}, which the macro then sees as undefined`);
        hints.push(`Give ${missing.length === 1 ? 'it' : 'them'}: ${shown}(${macro.positional.join(', ')})`);
      }
      if (problems.length === 0) continue;
      out.push(warning('TEMPLATE_MACRO_ARGS', `The call of ${shown} ${problems.join('; it ')}.`, {
        file, line: call.line, column: call.column,
        frame: codeFrame(t.source, call.line, call.column) || undefined,
        hint: `${hints.map((h, i) => (i === 0 ? h : h[0].toLowerCase() + h.slice(1))).join('; ')}. The macro is ${where} ${macro.line}: ${macro.name}(${[...macro.positional, ...macro.keywords.map((k) => `${k}=…`)].join(', ')}).`,
      }));
    }
  }
  return out;
}

/**
 * The macros of a template that call themselves, directly or through others of the same file, at
 * the call that closes the loop: what a render that overflowed the stack most likely met.
 */
export function recursiveMacroCalls(source: string): { macro: string; path: string[]; line: number; column: number }[] {
  const t = analyse('', source);
  if (!t) return [];
  const calls = t.calls.filter((c) => c.alias === undefined && c.inside !== undefined && t.macros.has(c.name) && !t.fromImports.has(c.name));
  const out: { macro: string; path: string[]; line: number; column: number }[] = [];
  for (const start of t.macros.keys()) {
    // Depth-first from `start` along bare calls between this file's macros, back to `start`.
    const seen = new Set<string>();
    const find = (at: string, trail: string[]): { path: string[]; call: Call } | undefined => {
      for (const c of calls.filter((x) => x.inside === at)) {
        if (c.name === start) return { path: [...trail, c.name], call: c };
        if (seen.has(c.name)) continue;
        seen.add(c.name);
        const r = find(c.name, [...trail, c.name]);
        if (r) return r;
      }
      return undefined;
    };
    const r = find(start, [start]);
    if (r) out.push({ macro: start, path: r.path, line: r.call.line, column: r.call.column });
  }
  return out;
}

import jsyaml from 'js-yaml';

/**
 * Front matter as almost every article writes it, read by js-yaml: about ten times quicker than
 * `yaml`'s document model (7 against 73 µs an article), which a build otherwise spends a tenth of
 * its parsing time in. `yaml` stays the authority: anything this path is not sure to read the
 * same way (anchors, aliases, tags, directives, complex keys, a key it cannot place on a line, or
 * anything js-yaml refuses) returns undefined, and the caller parses with `yaml`, whose errors
 * are the ones editors see. tests/parse/yaml-fast.test.ts checks both give the same fields and
 * key lines, on edge cases and on thousands of generated blocks.
 */

/** A plain scalar is resolved by the YAML 1.2 core schema's table, as `yaml` resolves it. */
const scalar = (tag: string, pattern: RegExp, construct: (s: string) => unknown) =>
  new jsyaml.Type(`tag:yaml.org,2002:${tag}`, { kind: 'scalar', resolve: (s: string | null) => pattern.test(s ?? ''), construct: (s: string | null) => construct(s ?? '') });

const NULL = /^(?:~|null|Null|NULL|)$/;
const BOOL = /^(?:true|True|TRUE|false|False|FALSE)$/;
const INT = /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/;
const FLOAT = /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const CORE = jsyaml.FAILSAFE_SCHEMA.extend({
  implicit: [
    scalar('null', NULL, () => null),
    scalar('bool', BOOL, (s) => s[0] === 't' || s[0] === 'T'),
    scalar('int', INT, (s) => (s[1] === 'o' ? parseInt(s.slice(2), 8) : Number(s))),
    scalar('float', FLOAT, (s) => (/inf|Inf|INF/.test(s) ? (s[0] === '-' ? -Infinity : Infinity) : /nan|NaN|NAN/.test(s) ? NaN : Number(s))),
  ],
});

/**
 * Constructs whose reading this path does not vouch for, left to `yaml`: an anchor, alias or tag
 * where a node can start (at a line's indentation, or after `:`, `-`, `?`, `,`, `[`, `{`; an `&`
 * inside words, as in "Q&A" or "Privacy & Cookie Policy", is text), a directive, a complex key,
 * a collection as a key (or inside a flow collection), `__proto__`, a tab.
 */
const UNSURE = /(?:^[ ]*|[:\-?,[{][ ]*)[&*!]|^%|^\s*\?(?:\s|$)|[\]}]\s*:|[{,][ ]*[[{]|__proto__|\t/m;
/** A key at the start of a line: plain, or quoted without escapes. */
const KEY_LINE = /^(?:"([^"\\]*)"|'([^']*)'|([^\s#'"\-?:,[\]{}|>!&*%@`][^:#]*?))[ ]*:(?:[ ]|$)/;

/**
 * The fields of a front-matter block, and the line of each top-level key (1-based, counted as
 * in `src`), or undefined when `yaml` must read it.
 */
export function fastFrontMatter(src: string): { value: Record<string, unknown>; keyLines: Record<string, number> } | undefined {
  if (UNSURE.test(src)) return undefined;
  let value: unknown;
  try {
    value = jsyaml.load(src, { schema: CORE });
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value) || nullKey(value)) return undefined;
  // Every line that starts at the left margin must be one of the mapping's keys, each once.
  const keys = new Set(Object.keys(value));
  const keyLines = Object.create(null) as Record<string, number>;
  let line = 0;
  let at = 0;
  while (at <= src.length) {
    const end = src.indexOf('\n', at);
    const text = src.slice(at, end === -1 ? src.length : end);
    line++;
    const c = text.charCodeAt(0);
    if (text !== '' && c !== 32 && c !== 35 /* # */) {
      const m = KEY_LINE.exec(text);
      const key = m?.[1] ?? m?.[2] ?? m?.[3];
      // A plain key that is a null, boolean or number: `yaml` and js-yaml name it differently.
      if (m?.[3] !== undefined && (NULL.test(key!) || BOOL.test(key!) || INT.test(key!) || FLOAT.test(key!))) return undefined;
      if (key === undefined || !keys.has(key) || key in keyLines) return undefined;
      keyLines[key] = line;
    }
    if (end === -1) break;
    at = end + 1;
  }
  if (Object.keys(keyLines).length !== keys.size) return undefined;
  return { value: value as Record<string, unknown>, keyLines };
}

/** A mapping anywhere with a key `null` or `''`: `yaml` names a null key `''`, js-yaml `null`. */
function nullKey(value: object): boolean {
  if (Array.isArray(value)) return value.some((v) => v !== null && typeof v === 'object' && nullKey(v));
  if (Object.hasOwn(value, 'null') || Object.hasOwn(value, '')) return true;
  for (const v of Object.values(value)) if (v !== null && typeof v === 'object' && nullKey(v)) return true;
  return false;
}

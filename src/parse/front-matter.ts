import matter from 'gray-matter';
import type * as Yaml from 'yaml';
import { lazyRequire } from '../lazy-require.js';
import { codeFrame } from '../errors/frame.js';
import { error, type Diagnostic } from '../errors/diagnostic.js';
import { fastFrontMatter } from './yaml-fast.js';

/** `yaml`, loaded on first use: the fast path reads almost every file, and loading it costs each thread about 20 ms. */
const yaml = lazyRequire<typeof Yaml>('yaml');

export interface FrontMatter {
  data: Record<string, unknown>;
  body: string;
  /** File line (1-based) of each top-level key, for messages about a field. */
  keyLines: Record<string, number>;
  /** File line where the Markdown body starts. */
  bodyLine: number;
}

export class YamlFailure extends Error {
  constructor(
    readonly yamlError: { code: Yaml.YAMLError['code'] | 'ALIAS_LIMIT'; message: string; pos: [number, number] },
    readonly lineCounter: Yaml.LineCounter,
  ) {
    super(yamlError.message);
  }
}

/** The fix for a YAML syntax error, from the line it is on: a quoted value has rules of its own. */
function syntaxHint(line: string): string {
  // `live：true`: a Chinese (full-width) colon is a letter to YAML, not the key's colon.
  const wide = /^(\s*)([A-Za-z_][\w-]*)[ \t]*[：﹕][ \t]*(.*)$/.exec(line);
  if (wide) return `Write the colon after \`${wide[2]}\` as \`:\`, not the full-width \`：\`, then a space: \`${wide[1]}${wide[2]}: ${wide[3].trimEnd()}\`.`;
  // `author:　冉征`: a full-width space (an input method's) is a letter to YAML, so the colon has no space after it.
  const wideSpace = /^(\s*)([A-Za-z_][\w-]*):[ \t]*\u3000[\u3000 \t]*(.*)$/.exec(line);
  if (wideSpace) return `Type a plain space after the colon of \`${wideSpace[2]}\`, not the full-width \`　\`: \`${wideSpace[1]}${wideSpace[2]}: ${wideSpace[3].trimEnd()}\`.`;
  // `title: Rail doubles` pasted from Word, Google Docs or a web page: the space is a non-breaking
  // one, which looks the same and is a letter to YAML too.
  const hardSpace = /^(\s*)([A-Za-z_][\w-]*):[ \t]*[\u00a0\u2000-\u200b\u202f\u205f\u2060\ufeff][\u00a0\u2000-\u200b\u202f\u205f\u2060\ufeff \t]*(.*)$/.exec(line);
  if (hardSpace) return `The space after the colon of \`${hardSpace[2]}\` is a non-breaking or invisible one (pasted from a word processor or a web page), which YAML reads as a letter: delete it and type a plain space, \`${hardSpace[1]}${hardSpace[2]}: ${hardSpace[3].trimEnd()}\`.`;
  // `draft:true` is one word to YAML, not a key and a value.
  const squeezed = /^\s*([A-Za-z_][\w-]*):(\S.*)$/.exec(line);
  if (squeezed && !/^\/\//.test(squeezed[2])) {
    const quoted = /^["']/.test(squeezed[2]) ? ` Then: ${syntaxHint(`${squeezed[1]}: ${squeezed[2]}`)}` : '';
    return `Put a space after the colon: \`${squeezed[1]}: ${squeezed[2]}\`.${quoted}`;
  }
  // `  -Port` under `  - Rail`: with no space after the dash, it is no list item.
  const dash = /^([ \t]*)-([^\s-].*)$/.exec(line);
  if (dash) return `Put a space after the dash: \`${dash[1]}- ${dash[2].trimEnd()}\`.`;
  if (/^ *\t/.test(line)) return 'Indent with spaces, not a tab: replace the tab at the start of the line with two spaces.';
  const value = /^\s*(?:-\s+)?[^\s:#'"][^:]*:\s+(.*)$/.exec(line)?.[1] ?? /^\s*-\s+(.*)$/.exec(line)?.[1] ?? '';
  if (CURLY.test(value)) return CURLY_HINT;
  // `title: Breaking: Landslide blocks road`: the second colon starts a mapping inside the value.
  const pair = /^(\s*[A-Za-z_][\w-]*):\s+([^'"\s[{].*)$/.exec(line);
  if (pair && /:(?:\s|$)/.test(pair[2])) return `Put the value in quotes, since it has a colon followed by a space: \`${pair[1]}: '${pair[2].trimEnd().replace(/'/g, "''")}'\`.`;
  // `title: [Updated] Mayor resigns`, `title: @mayor resigns`: YAML reads a value that starts so
  // as a list, a mapping, an alias or a reserved character. The line to write, quoted.
  const special = /^(\s*(?:[A-Za-z_][\w-]*:|-))\s+(([@`%*&|>!])|\[[^\]]*\]\s*\S|\{[^}]*\}\s*\S)(.*)$/.exec(line);
  if (special) {
    const text = line.slice(special[1].length).trim();
    return `Put the value in quotes, since YAML gives a value that starts with ${text[0] === '`' ? 'a backtick' : `\`${text[0]}\``} a meaning of its own: \`${special[1]} '${text.replace(/'/g, "''")}'\`.`;
  }
  if (value.startsWith('"')) return 'Inside "double quotes", write a quote as \\" and a backslash as \\\\ (C:\\\\Photos\\\\port.jpg), or put the whole value in single quotes instead: \'He said "no" today\'.';
  if (value.startsWith("'")) return "Inside 'single quotes', write an apostrophe twice ('It''s done'), or put the whole value in double quotes instead: \"It's done\".";
  return 'Check the indentation and quote any value that contains a colon followed by a space, or starts with a special character such as `[`, `{`, `*`, `&`, `!` or `@`.';
}

/**
 * The fix for Hugo's TOML front matter, all in one: the fences, `key = value`, and tables. The
 * values themselves (quoted text, lists in brackets, dates, true and false) read the same in YAML.
 */
function tomlHint(lines: string[]): string {
  const close = lines.findIndex((l, i) => i > 0 && l.trimEnd() === '+++');
  const block = lines.slice(1, close === -1 ? undefined : close);
  const pair = block.map((l) => /^([A-Za-z_][\w-]*)\s*=\s*(.*)$/.exec(l)).find(Boolean);
  const example = pair ? ` (\`${pair[1]}: ${pair[2].trim()}\` for \`${pair[0].trim()}\`)` : '';
  const table = block.map((l) => /^\s*\[([A-Za-z_][\w-]*)\]\s*$/.exec(l)?.[1]).find(Boolean);
  const tables = table ? `; a table such as \`[${table}]\` becomes \`${table}:\` on a line of its own, with its lines under it indented by two spaces` : '';
  return `Change both \`+++\` lines to \`---\`, and write each \`key = value\` line as \`key: value\`${example}${tables}.`;
}

/** A value that starts with a curly quote: typed by a word processor or a phone for a straight one. */
export const CURLY = /^[“”‘’„‚]/;
export const CURLY_HINT = 'Curly quotes (“ ” ‘ ’) are letters to YAML, not quotes: type straight quotes around the value ("…" or \'…\'), or leave them out.';

/**
 * Splits and parses YAML front matter. Anything but a first line of exactly `---` is refused
 * before gray-matter sees it: gray-matter would evaluate `---js` and look `---constructor` up on a
 * plain object. YAML uses the core schema (no 1.1 octal or sexagesimal surprises) and unique keys.
 */
export function parseFrontMatter(file: string, raw: string, invalidUtf8 = false): { result?: FrontMatter; diagnostics: Diagnostic[] } {
  const unmarked = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  // Looked for before it is replaced: a replace scans the whole file even with nothing to do.
  const text = unmarked.includes('\r') ? unmarked.replace(/\r\n?/g, '\n') : unmarked;
  const fail = (code: string, message: string, hint: string, line?: number, column?: number) => ({
    diagnostics: [error(code, message, { file, line, column, hint, frame: line ? codeFrame(text, line, column) : undefined })],
  });
  if (text.trim() === '') return fail('EMPTY_FILE', 'The file is empty.', 'Write front matter (title, date, author) between two `---` lines, then the article, or delete the file.');
  const lines = text.split('\n');
  // Trailing spaces after a delimiter are invisible in an editor: `---  ` is `---`; so are a
  // byte-order mark or a zero-width space pasted with it (a file joined from two, a CMS export).
  const isFence = (l: string) => l.replace(INVISIBLE, '').trimEnd() === '---';
  if (isFence(lines[0])) lines[0] = '---';
  const first = lines[0];
  if (first !== '---') {
    // Why a file has no front matter when it is no UTF-8 text at all (asked only then: a file that
    // starts with `---` is text).
    // UTF-16 (Notepad's "Unicode", PowerShell 5's redirects): read as UTF-8, every other byte is a NUL.
    // Its byte-order mark reads as two replacement characters; without one, a NUL every other byte.
    // (A JPEG's first bytes read as two replacement characters too, with no text after them.)
    if (/^(\uFFFD\uFFFD(?:[^\u0000]\u0000|\u0000[^\u0000])|[^\u0000]\u0000[^\u0000]\u0000|\u0000[^\u0000]\u0000[^\u0000])/.test(raw)) return fail('NOT_UTF8', 'The file is saved as UTF-16 ("Unicode"), not UTF-8.', 'Save the file again as UTF-8 (in Notepad: Save As, Encoding: UTF-8).');
    // A NUL never appears in text: a photo or a document saved under a .md name.
    if (text.includes('\u0000')) return fail('NOT_TEXT', 'The file is not text (it holds binary data): a photo or a document saved with a .md name?', 'Move the file out of content/ (a photo goes in static/), or save the article as plain text.');
    if (invalidUtf8) return notUtf8(text, fail);
    if (first.trimEnd() === '+++') return fail('FRONT_MATTER_LANGUAGE', 'The front matter is TOML, between `+++` lines as Hugo writes it; dateline reads YAML, between `---` lines.', tomlHint(lines), 1, 1);
    if (/^(-{3}|\+{3})/.test(first.trimEnd()) && first.trimEnd() !== '---') {
      return fail('FRONT_MATTER_LANGUAGE', `Front matter must be YAML; the first line is \`${first.slice(0, 40)}\`, and nothing else is ever evaluated.`, 'Make the first line exactly `---` and write the front matter in YAML.', 1, 1);
    }
    return fail('NO_FRONT_MATTER', 'The file has no front matter: its first line is not `---`.', 'Start the file with a `---` line, then title, date and author, then another `---` line.', 1, 1);
  }
  // Bytes that are not UTF-8 (a file saved as Windows-1252 or Latin-1, where é and curly quotes are
  // single bytes) are read as replacement characters, which would be published as "caf�". A
  // replacement character written in a UTF-8 file (wire copy has them) is text like any other.
  if (invalidUtf8) return notUtf8(text, fail);
  const close = lines.findIndex((l, i) => i > 0 && isFence(l));
  if (close !== -1) lines[close] = '---';
  // A closing line typed with two dashes, four or long ones, above a `---` further down (a rule in
  // the story): gray-matter would close the fields there and the body would start at the `---`,
  // and the lines between would go to neither.
  const typo = lines.findIndex((l, i) => i > 0 && (close === -1 || i < close) && CLOSE_TYPO.test(l));
  if (typo !== -1) return fail('UNCLOSED_FRONT_MATTER', `The front matter is never closed: line ${typo + 1} is \`${lines[typo].trim()}\`, and the closing line must be exactly three hyphens.`, 'Make that line exactly `---`.', typo + 1, 1);
  if (close === -1) {
    const blank = lines.findIndex((l, i) => i > 0 && l.trim() === '');
    const after = blank > 1 ? ` after line ${blank} (\`${lines[blank - 1].trim().slice(0, 40)}\`), where the fields end` : ' after the last front-matter field';
    return fail('UNCLOSED_FRONT_MATTER', 'The front matter is never closed: no second `---` line.', `Add a line of exactly \`---\`${after}.`, 1, 1);
  }

  const runOn = runOnLine(lines, close);
  if (runOn !== undefined) {
    const last = lastFieldLine(lines, runOn);
    return fail(
      'UNCLOSED_FRONT_MATTER',
      `The front matter is not closed before the story: line ${runOn} reads as the story's text, and the \`---\` at line ${close + 1} closed the front matter after it, so the text in between would be taken for fields.`,
      `Add a line of exactly \`---\` after line ${last}${last > 1 ? ` (\`${lines[last - 1].trim().slice(0, 40)}\`)` : ''}, where the fields end.`,
      runOn,
      1,
    );
  }

  // No prototype: a `__proto__:` or `constructor:` key is a key like any other.
  let keyLines: Record<string, number> = Object.create(null) as Record<string, number>;
  const yamlEngine = (src: string): object => {
    const fast = fastFrontMatter(src);
    if (fast) {
      keyLines = fast.keyLines;
      return { value: fast.value, isMapping: true };
    }
    const slow = yamlFrontMatter(src);
    keyLines = slow.keyLines;
    return { value: slow.value, isMapping: slow.isMapping };
  };

  let parsed: { value: unknown; isMapping: boolean };
  let body: string;
  try {
    // An options object is always passed: without one gray-matter caches and shares results.
    // It gets the front-matter block alone: it looks its whole input up in its cache object,
    // which for a full article costs more than parsing the YAML.
    const head = `${lines.slice(0, close + 1).join('\n')}\n`;
    const out = matter(head, { language: 'yaml', engines: { yaml: { parse: yamlEngine, stringify: () => '' } } } as never);
    // gray-matter does not call the engine for an empty block (`---` then `---`): no fields yet.
    parsed = 'isMapping' in out.data ? (out.data as unknown as typeof parsed) : { value: {}, isMapping: true };
    body = lines.slice(close + 1).join('\n');
  } catch (e) {
    if (!(e instanceof YamlFailure)) throw e;
    const y = e.yamlError;
    // An error at the very end (an unclosed quote or bracket) is shown on the last front-matter line.
    const pos = e.lineCounter.linePos(y.pos[0]);
    let line = Math.min(Math.max(pos.line, 2), Math.max(close, 2));
    // yaml notices an unclosed bracket or quote where the next line starts; the editor needs the
    // line that opened it.
    const opener = /end with a ([\]}])/.exec(y.message)?.[1] === ']' ? '[' : /end with a \}/.test(y.message) ? '{' : /Missing closing "/.test(y.message) ? '"' : /Missing closing '/.test(y.message) ? "'" : undefined;
    if (opener) {
      let at = line;
      while (at > 2 && !lines[at - 1].includes(opener)) at--;
      if (lines[at - 1].includes(opener)) line = at;
    }
    const column = line === pos.line ? pos.col : undefined;
    if (y.code === 'DUPLICATE_KEY') {
      const dup = duplicateKey(lines, close);
      if (dup) {
        // `withdrawn:` (or `image:`) with the lines meant under it not indented: they are fields of
        // the story's own, the story's `date` twice.
        const parent = dup.parent;
        // `withdrawn: true` and then the time it came down as a `date:` of the story's own.
        const afterWithdrawn = !parent && dup.key === 'date' && /^withdrawn[ \t]*:/.test(lines[dup.line - 2] ?? '');
        const hint = parent
          ? `Indent the lines under \`${parent}:\` by two spaces (\`  ${dup.key}: …\`), so that they are part of it.`
          : afterWithdrawn
            ? `Keep the story's own \`date\` (line ${dup.first}). For the time it was withdrawn, write \`withdrawn:\` alone on its line and, under it, indented by two spaces, \`date: …\` (and \`text: …\` for your own notice).`
            : `Keep one \`${dup.key}:\` line and delete the other.`;
        return fail('DUPLICATE_KEY', `The front matter has \`${dup.key}\` twice (lines ${dup.first} and ${dup.line})${parent ? `: the line below \`${parent}:\` is not indented, so it is not part of it` : ''}.`, hint, dup.line, 1);
      }
      const key = (lines[line - 1] ?? '').split(':')[0].trim();
      return fail('DUPLICATE_KEY', `The front matter has \`${key}\` twice.`, `Keep one \`${key}:\` line and delete the other.`, line, column);
    }
    const cut = commentInFlow(lines[line - 1] ?? '');
    if (cut) return fail('COMMENT_IN_TEXT', `\`${cut.key}\` is cut at "#${cut.rest}": in YAML a # after a space or at the start of an item starts a comment, so the rest of the line is left out, the closing ] with it.`, `Put the item in quotes: ${cut.fixed}`, line, cut.column);
    const tag = y.code === 'TAG_RESOLVE_FAILED' ? /Unresolved tag: (\S+)/.exec(y.message)?.[1] : undefined;
    if (tag) return fail('FRONT_MATTER_SYNTAX', `The front matter is not valid YAML: a value starts with \`${tag}\`, which YAML reads as a tag it does not know, and leaves out of the value.`, syntaxHint(lines[line - 1] ?? ''), line, column);
    const message = y.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    const hint = y.code === 'ALIAS_LIMIT' ? 'Write the value out in full instead of with `&` anchors and `*` aliases, which front matter hardly ever needs.' : syntaxHint(lines[line - 1] ?? '');
    return fail('FRONT_MATTER_SYNTAX', `The front matter is not valid YAML: ${message}.`, hint, line, column);
  }
  if (!parsed || !parsed.isMapping || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) {
    return fail('FRONT_MATTER_NOT_MAPPING', 'The front matter must be a set of `key: value` lines.', 'Write each field as `key: value` on its own line, for example `title: Rail freight doubles`.', 2, 1);
  }
  return { result: { data: (parsed.value ?? {}) as Record<string, unknown>, body, keyLines, bodyLine: close + 2 }, diagnostics: [] };
}

/**
 * `tags: [Rail, #5 pick]`: a `#` after a space (or a comma) outside quotes starts a comment, which
 * takes the closing `]` and leaves a list YAML cannot read. The key, the text from the `#`, its
 * column, and the line with each such item in quotes (`tags: [Rail, '#5 pick']`).
 */
function commentInFlow(line: string): { key: string; rest: string; column: number; fixed: string } | undefined {
  const m = /^([A-Za-z_][\w-]*)([ \t]*:[ \t]*)\[(.*)\][ \t]*$/.exec(line);
  if (!m) return undefined;
  const [, key, colon, inner] = m;
  const start = key.length + colon.length + 1;
  let quote = '';
  let at = -1;
  for (let i = 0; i < inner.length && at === -1; i++) {
    const c = inner[i];
    if (quote) quote = c === quote ? '' : quote;
    else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /[\s,[]/.test(inner[i - 1]))) at = i;
  }
  if (at === -1) return undefined;
  // Items split at commas outside quotes; each unquoted one with a # is put in single quotes.
  const items: string[] = [];
  let item = '';
  quote = '';
  for (const c of inner) {
    if (quote) quote = c === quote ? '' : quote;
    else if (c === '"' || c === "'") quote = c;
    else if (c === ',') {
      items.push(item);
      item = '';
      continue;
    }
    item += c;
  }
  items.push(item);
  const fixed = items.map((x) => x.trim()).map((x) => (/^['"]/.test(x) || !x.includes('#') ? x : `'${x.replace(/'/g, "''")}'`)).join(', ');
  return { key, rest: inner.slice(at + 1).trimEnd(), column: start + at + 1, fixed: `${key}: [${fixed}]` };
}

/** Keys whose value is a block of fields of their own, and those fields. */
const BLOCK_FIELDS: Record<string, string[]> = { withdrawn: ['date', 'text'], image: ['src', 'alt', 'caption', 'credit'], corrections: ['date', 'text'], correction: ['date', 'text'] };

/**
 * The first top-level key written twice in the front matter (lines 2 to `close`), at its second
 * line; and, when it follows a key with no value of its own that takes fields under it
 * (`withdrawn:`, `image:`), that key: the editor meant the lines under it, not indented.
 */
function duplicateKey(lines: readonly string[], close: number): { key: string; line: number; first: number; parent?: string } | undefined {
  const seen = new Map<string, number>();
  let open: string | undefined;
  for (let i = 1; i < close; i++) {
    const m = /^([A-Za-z_][\w-]*)[ \t]*:(.*)$/.exec(lines[i]);
    if (!m) continue;
    const [, key, rest] = m;
    if (seen.has(key)) return { key, line: i + 1, first: seen.get(key)!, ...(open && BLOCK_FIELDS[open]?.includes(key) ? { parent: open } : {}) };
    seen.set(key, i + 1);
    // A key with nothing after it opens a block; the keys right below it are still in question.
    if (rest.trim() === '' || /^\s*#/.test(rest)) open = key;
    else if (!open || !BLOCK_FIELDS[open]?.includes(key)) open = undefined;
  }
  return undefined;
}

/**
 * The line (1-based) where the story's text starts inside what reads as front matter: an editor
 * left out the closing `---`, and a `---` further down (a rule in the story) closed it instead.
 * Only after a blank line, and only for a line that no field would be: one without a colon, or
 * whose part before the colon has a space and whose whole is a sentence (eight words or more, or
 * five ending as a sentence does). A paragraph such as "Police said: the road stays closed." was
 * read as a field and dropped.
 */
function runOnLine(lines: readonly string[], close: number): number | undefined {
  for (let i = 2; i < close; i++) {
    if (lines[i - 1].trim() !== '' || lines[i].trim() === '') continue;
    const line = lines[i];
    // A Markdown heading is a comment to YAML, and would vanish without a word.
    if (/^#{2,6}\s/.test(line)) return i + 1;
    if (/^[\s#-]/.test(line) || /^["']/.test(line)) continue;
    const colon = /:(?:\s|$)/.exec(line);
    if (!colon) return i + 1;
    const words = line.trim().split(/\s+/).length;
    const sentence = /[.!?…"”’)]$/.test(line.trimEnd());
    const key = line.slice(0, colon.index).trim();
    if (/\s/.test(key) && (words >= 8 || (words >= 5 && sentence))) return i + 1;
    // `Update: The council voted on Tuesday to close the bridge.`: a capitalised word and a
    // sentence, where front-matter keys are written in small letters.
    if (/^\p{Lu}\p{Ll}+$/u.test(key) && words >= 6 && sentence) return i + 1;
  }
  return undefined;
}

/** The last line with something on it before the blank lines above `line` (1-based). */
function lastFieldLine(lines: readonly string[], line: number): number {
  let at = line - 1;
  while (at > 1 && lines[at - 1].trim() === '') at--;
  return at;
}

/** Characters that take no room on screen: a byte-order mark, zero-width spaces and joiners, a word joiner. */
const INVISIBLE = /[\ufeff\u200b-\u200d\u2060]/g;

/** A closing line typed with two dashes or four, with dashes a word processor made long, or with underscores or dots (YAML's own end line, `...`). */
const CLOSE_TYPO = /^(?:-{2}|-{4,}|[—–]{1,3}|(?:- ){2,}-|_{3,}|\.{3})\s*$/;

/** NOT_UTF8 for a file in a one-byte encoding: at the first character that could not be read. */
function notUtf8(text: string, fail: (code: string, message: string, hint: string, line?: number, column?: number) => { diagnostics: Diagnostic[] }): { diagnostics: Diagnostic[] } {
  const at = text.indexOf('\uFFFD');
  const before = text.slice(0, at).split('\n');
  return fail(
    'NOT_UTF8',
    'The file is not saved as UTF-8 (probably as Windows-1252 or Latin-1): a character here cannot be read, and would be published as "�".',
    'Save the file again as UTF-8 (in Notepad or TextEdit: Save As, Encoding: UTF-8), then check the accented letters and quotes.',
    before.length,
    before[before.length - 1].length + 1,
  );
}

/**
 * A front-matter block read by `yaml` (the authority, and the reader of anything the fast path
 * declines): its value, whether it is a mapping and the line of each top-level key, counted as
 * in `src`. Throws YamlFailure.
 */
export function yamlFrontMatter(src: string): { value: unknown; isMapping: boolean; keyLines: Record<string, number>; lineCounter: Yaml.LineCounter } {
  const { LineCounter, parseDocument, isMap, isScalar, isAlias, visit } = yaml();
  const lineCounter = new LineCounter();
  const doc = parseDocument(src, { schema: 'core', uniqueKeys: true, prettyErrors: false, lineCounter, strict: true });
  if (doc.errors.length) throw new YamlFailure(doc.errors[0], lineCounter);
  // `title: !Breaking news`: a tag YAML does not know, which it drops with only a warning (the
  // title would be "news").
  const unknownTag = doc.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED');
  if (unknownTag) throw new YamlFailure(unknownTag, lineCounter);
  const keyLines = Object.create(null) as Record<string, number>;
  if (isMap(doc.contents)) {
    for (const item of doc.contents.items) {
      // gray-matter hands over the text after the opening `---` including its newline, so a line
      // of the YAML source is the same line of the file.
      if (isScalar(item.key) && item.key.range) keyLines[String(item.key.value)] = lineCounter.linePos(item.key.range[0]).line;
    }
  }
  // An alias inside the node its anchor names (`x: &a [*a]`) makes a value that holds itself:
  // refused where it is written, before anything walks the value.
  const anchors = new Map<string, readonly number[]>();
  let cycle: number | undefined;
  visit(doc, {
    Node(_, node) {
      if (isAlias(node)) {
        const at = anchors.get(node.source);
        if (cycle === undefined && at && node.range && node.range[0] >= at[0] && node.range[0] < at[1]) cycle = node.range[0];
      } else if (node.anchor && node.range) anchors.set(node.anchor, node.range);
    },
  });
  if (cycle !== undefined) throw new YamlFailure({ code: 'ALIAS_LIMIT', message: 'an alias (*name) is inside the value its anchor (&name) names, so the value would hold itself', pos: [cycle, cycle] }, lineCounter);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 50 });
  } catch (e) {
    // yaml throws (not reports) when aliases expand past the limit: a "billion laughs" file.
    throw new YamlFailure({ code: 'ALIAS_LIMIT', message: e instanceof Error ? e.message : String(e), pos: [0, 0] }, lineCounter);
  }
  return { value, isMapping: isMap(doc.contents) || doc.contents === null, keyLines, lineCounter };
}

/**
 * A content file's lines (byte-order mark dropped, any line ending), and the index of the line
 * that closes its front matter (-1: none): for finding a field's line after parsing, on an error path.
 */
export function frontMatterLines(text: string): { lines: string[]; close: number } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  return { lines, close: lines.findIndex((l, i) => i > 0 && l.trimEnd() === '---') };
}

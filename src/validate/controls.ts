import { warning, type Diagnostic } from '../errors/diagnostic.js';
import { codeFrame } from '../errors/frame.js';
import { decodeFieldEntities, hasEntity } from './entities.js';

/**
 * Control characters (C0 but tab and line ends, DEL, C1): invisible, an error to an HTML validator,
 * and never what an editor meant. They come with text pasted from word processors and PDFs; the C1
 * ones from text in Windows-1252 read as Latin-1, where U+0092 was a curly apostrophe.
 */
export const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const CONTROLS = new RegExp(CONTROL.source, 'g');

/** What Windows-1252 puts at 0x80–0x9F: the character a C1 control almost always stood for. */
const CP1252: Record<number, string> = {
  0x80: '€', 0x82: '‚', 0x83: 'ƒ', 0x84: '„', 0x85: '…', 0x86: '†', 0x87: '‡', 0x88: 'ˆ', 0x89: '‰', 0x8a: 'Š', 0x8b: '‹', 0x8c: 'Œ', 0x8e: 'Ž',
  0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•', 0x96: '–', 0x97: '—', 0x98: '˜', 0x99: '™', 0x9a: 'š', 0x9b: '›', 0x9c: 'œ', 0x9e: 'ž', 0x9f: 'Ÿ',
};

/** The text with each control character replaced by its Windows-1252 character, or removed. */
export function withoutControls(text: string): string {
  return text.replace(CONTROLS, (c) => CP1252[c.charCodeAt(0)] ?? '');
}

/** Half of a UTF-16 surrogate pair without its other half. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

const codePoint = (c: string) => `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

/** "U+0007 is left out" or "U+0092 is shown as ’", for the first control character of a text. */
function fate(text: string): string {
  const c = CONTROL.exec(text)![0];
  const as = CP1252[c.charCodeAt(0)];
  return as ? `${codePoint(c)} is shown as "${as}", as Windows-1252 reads it` : `${codePoint(c)} is left out`;
}

const HINT = 'Delete it and type the character again: it came with text pasted from another program.';

/**
 * Every string of the front matter with control characters in it, cleaned in place, each with a
 * warning at its key's line. Written ones and YAML escapes alike (`"\x07"`).
 */
export function cleanFrontMatter(data: Record<string, unknown>, keyLines: Record<string, number>, file: string, text: string, bodyLine: number): Diagnostic[] {
  const ds: Diagnostic[] = [];
  let lines: string[] | undefined;
  const clean = (v: unknown, key: string, set: (x: string) => void): void => {
    if (typeof v === 'string') {
      let value = v;
      // An `id` is kept byte for byte: it names the story to feed readers.
      if (key !== 'id' && hasEntity(value)) {
        const { text: decoded, met } = decodeFieldEntities(value);
        const shown = met.slice(0, 3).map((e) => `\`${e}\``).join(', ');
        const as = met.slice(0, 3).map((e) => decodeFieldEntities(e).text).filter((c, i) => c !== met[i]);
        ds.push(warning('HTML_ENTITY', `\`${key}\` holds HTML entities (${shown}): front matter is text, not HTML, ${as.length ? `so they are read as the characters they name (${as.map((c) => (c.trim() ? c : 'a space')).join(', ')})` : 'so they would be shown as written'}.`, {
          file,
          line: keyLines[key],
          hint: 'Write the characters themselves, such as ’ for `&#8217;` and & for `&amp;` (a value with `: ` or `#` in it goes in quotes).',
        }));
        set((value = decoded));
      }
      // `"\ud800"`: half of a character, which only a YAML escape can write. Pagefind refuses a
      // page with one and HTML has no way to show it.
      if (LONE_SURROGATE.test(value)) {
        const half = LONE_SURROGATE.exec(value)![0];
        ds.push(warning('LONE_SURROGATE', `\`${key}\` holds the escape for ${codePoint(half)}, half of a character that needs its other half (a lone surrogate): no page can show it, so it is left out.`, {
          file,
          line: keyLines[key],
          hint: 'Write the character itself in place of its escape sequence, or the escapes for both halves (`\\ud83d\\ude00` for 😀).',
        }));
        set((value = value.replace(LONE_SURROGATES, '')));
      }
      if (!CONTROL.test(value)) return;
      const line = keyLines[key];
      // At the character where it is written as one; a YAML escape for it (`"\x07"`) is at its key.
      lines ??= text.replace(/^\uFEFF/, '').split(/\r?\n|\r/);
      // Up to the next key, or the closing `---` (a body's characters are the body's warning).
      let end = bodyLine - 2;
      for (const k in keyLines) if (keyLines[k] > (line ?? 0) && keyLines[k] <= end) end = keyLines[k] - 1;
      const at = line ? lines.findIndex((l, i) => i >= line - 1 && i < end && CONTROL.test(l)) : -1;
      const column = at === -1 ? 1 : lines[at].search(CONTROL) + 1;
      const where = at === -1 ? line : at + 1;
      ds.push(warning('CONTROL_CHARACTER', `\`${key}\` holds an invisible control character: ${fate(value)}.`, {
        file,
        line: where,
        column: where ? column : undefined,
        frame: where ? codeFrame(lines.join('\n'), where, column) : undefined,
        hint: at === -1 ? 'Take the escape sequence for it out of the quoted value.' : HINT,
      }));
      set(withoutControls(value));
    } else if (Array.isArray(v)) v.forEach((x, i) => clean(x, key, (s) => (v[i] = s)));
    else if (v && typeof v === 'object') for (const k of Object.keys(v)) clean((v as Record<string, unknown>)[k], key, (s) => ((v as Record<string, unknown>)[k] = s));
  };
  for (const key of Object.keys(data)) clean(data[key], key, (s) => (data[key] = s));
  return ds;
}

/** A warning at the first body line with a control character, saying how many the body holds. */
export function bodyControls(file: string, text: string, body: string, bodyLine: number): Diagnostic {
  const lines = body.split('\n');
  const i = lines.findIndex((l) => CONTROL.test(l));
  const count = body.match(CONTROLS)?.length ?? 0;
  const line = i === -1 ? undefined : bodyLine + i;
  const column = i === -1 ? undefined : lines[i].search(CONTROL) + 1;
  const what = count === 1 ? 'an invisible control character' : `${count} invisible control characters`;
  return warning('CONTROL_CHARACTER', `The body holds ${what}: ${fate(body)}${count > 1 ? ', and the same for the others' : ''}.`, {
    file,
    line,
    column,
    frame: line ? codeFrame(text, line, column) : undefined,
    hint: HINT,
  });
}

/** Characters that take no room, or look like an ordinary space, which text pasted from a web page or a document brings. */
const HIDDEN = /[\u00a0\u2000-\u200d\u202f\u205f\u2060\ufeff]/;
const HIDDEN_ALL = new RegExp(HIDDEN.source, 'g');
const HIDDEN_NAMES: Record<string, string> = { '\u00a0': 'a non-breaking space', '\u200b': 'a zero-width space', '\u200c': 'a zero-width non-joiner', '\u200d': 'a zero-width joiner', '\u202f': 'a narrow non-breaking space', '\u2060': 'a word joiner', '\ufeff': 'a byte-order mark' };

/**
 * "a zero-width space (U+200B) before `d`": the first character of a name an editor cannot see
 * or tell from a space, and where it is; undefined when there is none. For a key or a date, whose
 * message would otherwise show the text as the editor sees it, with nothing to change.
 */
export function hiddenIn(text: string): string | undefined {
  const m = HIDDEN.exec(text);
  if (!m) return undefined;
  const c = m[0];
  const before = text.slice(m.index + 1).replace(HIDDEN_ALL, '').trim()[0];
  const after = text.slice(0, m.index).replace(HIDDEN_ALL, '').trim().slice(-1);
  const where = after ? ` after \`${after}\`` : before ? ` before \`${before}\`` : '';
  return `${HIDDEN_NAMES[c] ?? 'an invisible space'} (${codePoint(c)})${where}`;
}

/** The text without the characters hiddenIn names, and trimmed. */
export const withoutHidden = (text: string): string => text.replace(/[\u200b-\u200d\u2060\ufeff]/g, '').replace(HIDDEN_ALL, ' ').replace(/ +/g, ' ').trim();

/**
 * A name without the zero-width spaces, word joiners and byte-order marks pasted into it: they show
 * as nothing, but made `Rail` and `Rail` two tags, and a slug `rail-doubles` where `raildoubles`
 * was seen. (Zero-width joiners are letters' business in some scripts, and stay.)
 */
export const withoutZeroWidth = (text: string): string => text.replace(/[\u200b\u2060\ufeff]/g, '');

import { error, warning, type Diagnostic } from '../errors/diagnostic.js';
import { codeFrame } from '../errors/frame.js';

/** A field that holds a story back or takes it down: below the `---` it publishes what was to wait. */
const HOLDS_BACK = ['draft', 'expires', 'withdrawn'] as const;

/** What each of them holds when it is the field: a flag, a date, or a block (or flag, or date) for `withdrawn`. */
const FIELD_VALUE: Record<(typeof HOLDS_BACK)[number], RegExp> = {
  draft: /^(?:true|yes|on)$/i,
  expires: /^['"]?\d{4}-\d{2}-\d{2}/,
  withdrawn: /^(?:|true|yes|on|['"]?\d{4}-\d{2}-\d{2}.*)$/i,
};

/**
 * `---` then `draft: true`: a field written after the closing `---` is the story's first line, not a
 * field (the story is published, "draft: true" at its top). One diagnostic for each line of a
 * known key at the top of the body, before its first other line, at that line: an error for a
 * field that holds the story back (it would be published), a warning for the others. Reads the
 * body's first lines only, and only when the first thing in it has a colon on its line.
 */
export function fieldsInBody(body: string, bodyLine: number, known: readonly string[], keyLines: Record<string, number>, file: string, text: string): Diagnostic[] {
  const start = body.length - body.trimStart().length;
  const eol = body.indexOf('\n', start);
  const colon = body.indexOf(':', start);
  if (colon === -1 || (eol !== -1 && colon > eol)) return [];
  const out: Diagnostic[] = [];
  const close = bodyLine - 1;
  const lines = body.slice(0, 4000).split('\n', 60);
  let open = false;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l.trim() === '') continue;
    // The items of a list written under a key with no value (`tags:` then `  - Rail`).
    if (open && /^(?:[ \t]*-(?:[ \t]|$)|[ \t]+\S+[ \t]*:)/.test(l)) continue;
    const m = FIELD.exec(l);
    if (!m || !known.includes(m[1])) break;
    const [, key, value = ''] = m;
    open = value.trim() === '';
    const line = bodyLine + i;
    const written = l.trimEnd();
    const above = keyLines[key];
    // An error only for what reads as the field's value (`draft: true`, `expires: 2024-04-01`,
    // `withdrawn:` with its lines under it): a story may open with "draft: the committee's bill".
    const holds = (HOLDS_BACK as readonly string[]).includes(key) && above === undefined && FIELD_VALUE[key as (typeof HOLDS_BACK)[number]].test(value.trim());
    const message = `\`${written}\` is below the closing \`---\` (line ${close}), so it is the story's first line, not a field: readers would see "${written}" at the top of the story${holds ? `, and the ${key === 'draft' ? 'draft would be published' : 'story would stay on the site'}` : ''}.`;
    const hint = above !== undefined
      ? `\`${key}\` is set above the \`---\` already (line ${above}): delete line ${line}, or write its value on line ${above} instead (\`${written}\`).`
      : `Move \`${written}\`${open ? ' and the lines under it' : ''} above the closing \`---\` (line ${close}), with the other fields.`;
    out.push((holds ? error : warning)('FIELD_IN_BODY', message, { file, line, column: 1, frame: codeFrame(text, line, 1), hint }));
  }
  return out;
}

/** `key: value` (or `key:` alone), the key as dateline spells it. */
const FIELD = /^([a-z][A-Za-z]*)[ \t]*:(?:[ \t]+(.*))?$/;

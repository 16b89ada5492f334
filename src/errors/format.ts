import type { Diagnostic } from './diagnostic.js';

/** How diagnostics read in a terminal: `error[CODE] file:line:col`, the message, the frame, the fix. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.file ? ` ${visible(d.file)}${d.line ? `:${d.line}${d.column ? `:${d.column}` : ''}` : ''}` : '';
  const parts = [`${d.severity}[${d.code}]${where}`, `  ${visible(d.message)}`];
  if (d.frame) parts.push(d.frame.split('\n').map((l) => `    ${visible(l)}`).join('\n'));
  if (d.hint) parts.push(`  fix: ${visible(d.hint)}`);
  return parts.join('\n');
}

/**
 * Text from a file, made safe to print: a control character (an escape sequence that would clear
 * the screen or retitle the terminal, a NUL, a bell) or a direction override is shown as its code,
 * `\x1b` or `\u202e`, never sent. Tabs and line breaks stay.
 */
export function visible(text: string): string {
  return text.replace(CONTROL, (c) => {
    const n = c.charCodeAt(0);
    return n < 0x100 ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
  });
}

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function formatDiagnostics(ds: readonly Diagnostic[], limit = 20): string {
  const shown = ds.slice(0, limit).map(formatDiagnostic);
  if (ds.length > limit) shown.push(`… and ${ds.length - limit} more (${ds.length} in all)`);
  return shown.join('\n\n');
}

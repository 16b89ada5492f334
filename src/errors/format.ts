import type { Diagnostic } from './diagnostic.js';

/** How diagnostics read in a terminal: `error[CODE] file:line:col`, the message, the frame, the fix. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.file ? ` ${d.file}${d.line ? `:${d.line}${d.column ? `:${d.column}` : ''}` : ''}` : '';
  const parts = [`${d.severity}[${d.code}]${where}`, `  ${d.message}`];
  if (d.frame) parts.push(d.frame.split('\n').map((l) => `    ${l}`).join('\n'));
  if (d.hint) parts.push(`  fix: ${d.hint}`);
  return parts.join('\n');
}

export function formatDiagnostics(ds: readonly Diagnostic[], limit = 20): string {
  const shown = ds.slice(0, limit).map(formatDiagnostic);
  if (ds.length > limit) shown.push(`… and ${ds.length - limit} more (${ds.length} in all)`);
  return shown.join('\n\n');
}

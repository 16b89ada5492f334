import path from 'node:path';
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

/**
 * The first `limit` diagnostics, then a count of the rest. When there are more than that (an
 * archive brought from another tool: thousands of the same few mistakes), the shown ones include
 * the first of each kind before a second of any, and a table by kind follows, with how many files
 * each affects: one line for 2,000 files with the same old key, not 2,000 messages.
 */
export function formatDiagnostics(ds: readonly Diagnostic[], limit = 20, more = ''): string {
  if (ds.length <= limit) return ds.map(formatDiagnostic).join('\n\n');
  const kinds = new Map<string, { n: number; files: Set<string>; first: number }>();
  ds.forEach((d, i) => {
    const kind = kindOf(d);
    const k = kinds.get(kind) ?? kinds.set(kind, { n: 0, files: new Set(), first: i }).get(kind)!;
    k.n++;
    if (d.file) k.files.add(d.file);
  });
  // Diagnostics are sorted by file: without this, 20 of one kind from the first files would hide the rest.
  const picked = new Set([...kinds.values()].slice(0, limit).map((k) => k.first));
  for (let i = 0; picked.size < limit; i++) picked.add(i);
  const shown = ds.filter((_, i) => picked.has(i)).map(formatDiagnostic);
  shown.push(`… and ${ds.length - limit} more (${ds.length} in all)${more}`);
  const width = Math.max(...[...kinds.keys()].map((c) => c.length));
  const count = (n: number, one: string) => `${n.toLocaleString('en-US')} ${one}${n === 1 ? '' : 's'}`;
  const rows = [...kinds.entries()]
    .sort((a, b) => b[1].n - a[1].n || (a[0] < b[0] ? -1 : 1))
    .map(([code, k]) => `  ${code.padEnd(width)}  ${count(k.n, 'time').padStart(12)}${k.files.size ? `, in ${count(k.files.size, 'file')}` : ''}`);
  const severity = ds[0].severity === 'error' && ds.every((d) => d.severity === 'error') ? 'Errors' : ds.every((d) => d.severity === 'warning') ? 'Warnings' : 'Problems';
  const above = kinds.size <= limit ? 'one of each is shown above, with its fix' : `the first ${limit} kinds are shown above`;
  shown.push(`${severity} by kind (${above}):\n${rows.join('\n')}`);
  return shown.join('\n\n');
}

/**
 * A diagnostic's kind for the table: its code, and the front-matter key a message about one key
 * starts with (`categories` is not a field…; `status: publish` does nothing…): one old tool's key
 * is one fix for every file, another key another.
 */
function kindOf(d: Diagnostic): string {
  if (d.kind) return `${d.code} ${d.kind}`;
  const key = /^`([A-Za-z_][\w-]*)(?::[^`]*)?`/.exec(d.message)?.[1];
  return key ? `${d.code} ${key}` : d.code;
}

/**
 * A diagnostic as a GitHub Actions workflow command (`::error file=…,line=3,col=1,title=CODE::…`),
 * which GitHub shows on the pull request's line. `file` is relative to `root` (the checkout,
 * GITHUB_WORKSPACE), since the site folder may be a subfolder of it; a file outside it is left out.
 */
export function githubAnnotation(d: Diagnostic, siteDir: string, root: string): string {
  const props: string[] = [];
  if (d.file) {
    const rel = path.relative(root, path.resolve(siteDir, d.file));
    if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) props.push(`file=${property(rel.split(path.sep).join('/'))}`);
  }
  if (d.line) props.push(`line=${d.line}`);
  if (d.line && d.column) props.push(`col=${d.column}`);
  props.push(`title=${property(d.code)}`);
  const text = d.hint ? `${d.message} Fix: ${d.hint}` : d.message;
  return `::${d.severity} ${props.join(',')}::${visible(data(text))}`;
}

// GitHub's escaping for a workflow command's message, and, with `:` and `,`, for its properties.
const data = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const property = (s: string) => visible(data(s)).replace(/:/g, '%3A').replace(/,/g, '%2C');

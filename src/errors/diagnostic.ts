/**
 * Every problem dateline reports is a Diagnostic: a stable code, what went wrong, where, and how
 * to fix it. Stages collect them instead of throwing, so one build reports every mistake at once.
 */
export type Severity = 'error' | 'warning';

export interface Diagnostic {
  code: string;
  severity: Severity;
  message: string;
  /** Path relative to the site folder, with forward slashes (for `merge`: a shard's file, under the folder as named). */
  file?: string;
  line?: number;
  column?: number;
  /** One sentence on how to fix it. */
  hint?: string;
  /** A few source lines around the position, already formatted. */
  frame?: string;
  /** Which of a code's mistakes this is, when one code has several fixes (`BROKEN_LINK`: `old-address`): for the report's table by kind, and scripts. */
  kind?: string;
}

/** Thrown only where a stage cannot go on at all (bad config, unreadable site folder). */
export class BuildError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[], options?: { cause?: unknown }) {
    super(diagnostics.map((d) => d.message).join('\n'), options);
    this.name = 'BuildError';
    this.diagnostics = diagnostics;
  }
}

export function error(code: string, message: string, extra: Omit<Diagnostic, 'code' | 'message' | 'severity'> = {}): Diagnostic {
  return { code, severity: 'error', message, ...extra };
}

export function warning(code: string, message: string, extra: Omit<Diagnostic, 'code' | 'message' | 'severity'> = {}): Diagnostic {
  return { code, severity: 'warning', message, ...extra };
}

export const hasErrors = (ds: readonly Diagnostic[]): boolean => ds.some((d) => d.severity === 'error');

/** Sort for stable output: by file, line, column, code. */
export function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  return [...ds].sort(
    (a, b) =>
      cmp(a.file ?? '', b.file ?? '') || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || cmp(a.code, b.code),
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `--strict`: every warning becomes an error (new objects; the originals may be cached elsewhere). */
export function promoteWarnings(ds: readonly Diagnostic[]): Diagnostic[] {
  return ds.map((d) => (d.severity === 'warning' ? { ...d, severity: 'error', message: `${d.message} (a warning, an error under --strict)` } : d));
}

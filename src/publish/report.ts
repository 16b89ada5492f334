import { changeEntry } from '../plan/next-change.js';
import type { BuildResult } from '../build.js';
import type { Diagnostic } from '../errors/diagnostic.js';
import { isoInZone } from '../validate/dates.js';

/** A build this long ends with its timing table even without --timings. */
export const TIMINGS_AFTER_SECONDS = 5;
/** Progress appears only once a build has run this long: short builds stay one quiet line. */
export const PROGRESS_AFTER_MS = 1000;

/**
 * The delay before progress appears: `DATELINE_PROGRESS_DELAY_MS` (milliseconds, 0 shows it at
 * once; tests use it to see the display without a slow build), else PROGRESS_AFTER_MS.
 */
export function progressDelayMs(env: Record<string, string | undefined> = process.env): number {
  const v = env.DATELINE_PROGRESS_DELAY_MS;
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : PROGRESS_AFTER_MS;
}

/** The per-stage timing table: stage, milliseconds, share of the whole build. */
export function timingTable(timings: Record<string, number>, seconds: number): string {
  const total = seconds * 1000;
  const rows = Object.entries(timings).map(([stage, ms]) => [stage, ms.toFixed(1), total > 0 ? `${Math.round((ms / total) * 100)}%` : '']);
  rows.push(['total', total.toFixed(1), '']);
  const w0 = Math.max(5, ...rows.map((r) => r[0].length));
  const w1 = Math.max(2, ...rows.map((r) => r[1].length));
  const line = (r: string[]) => `${r[0].padEnd(w0)}  ${r[1].padStart(w1)} ms  ${r[2].padStart(4)}`.trimEnd();
  return [`${'stage'.padEnd(w0)}  ${'time'.padStart(w1 + 3)}`, ...rows.map(line)].join('\n');
}

/**
 * The stories and pages this build held back for a time still to come, soonest first, with that
 * time in the site's zone: a date typed a year or a day too late leaves a breaking story out
 * without an error, and the build's own report is where the desk sees it. A live blog's update
 * timed later is held back too (`update: true`).
 */
export function scheduledSources(r: BuildResult): { file: string; at: string; update?: true }[] {
  const zone = r.config?.timeZone;
  if (!r.graph || !zone) return [];
  return r.graph.upcoming.filter((u) => u.change === 'publish' || u.change === 'live-update').map((u) => ({ file: u.source, at: isoInZone(u.ms, zone), ...(u.change === 'live-update' ? { update: true as const } : {}) }));
}

/** The lines a build prints under its summary for what it held back (at most `limit` named). */
export function scheduledLines(r: BuildResult, limit = 5): string[] {
  const all = scheduledSources(r);
  if (all.length === 0) return [];
  const lines = all.slice(0, limit).map((s) => `  ${s.file} at ${s.at.replace('T', ' ')}${s.update ? ' (an update of its live blog)' : ''}`);
  if (all.length > limit) lines.push(`  … and ${all.length - limit} more`);
  return [`Held back until their time (${all.length}):`, ...lines];
}

/**
 * The stories and pages taken down with a notice (front matter `withdrawn`), by file, with their
 * address: the desk sees that the build took down what it meant to, and nothing else.
 */
export function withdrawnSources(r: BuildResult): { file: string; url: string }[] {
  return r.graph?.withdrawn.map((w) => ({ file: w.source, url: w.url })) ?? [];
}

/** The lines a build prints for them (at most `limit` named). */
export function withdrawnLines(r: BuildResult, limit = 5): string[] {
  const all = withdrawnSources(r);
  if (all.length === 0) return [];
  const lines = all.slice(0, limit).map((w) => `  ${w.file} at ${w.url}`);
  if (all.length > limit) lines.push(`  … and ${all.length - limit} more`);
  return [`Withdrawn, a notice at their address (${all.length}):`, ...lines];
}

const plain = (d: Diagnostic) => ({ code: d.code, message: d.message, file: d.file ?? null, line: d.line ?? null, column: d.column ?? null, hint: d.hint ?? null, ...(d.kind && { kind: d.kind }) });

/** What `--json` prints: everything a CI step or a dashboard needs, and nothing meant for a terminal. */
export function jsonSummary(command: 'build' | 'check', r: BuildResult, exitCode: number, extra: { manifest?: string; files?: number; preview?: boolean; noindex?: boolean } = {}) {
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  const warnings = r.diagnostics.filter((d) => d.severity === 'warning');
  return {
    command,
    ok: r.ok,
    exitCode,
    outDir: command === 'build' ? r.outDir : null,
    // A deploy script's check: true for a build with --drafts or --future, never to be published.
    preview: command === 'build' && !!extra.preview,
    // True for any build whose pages say noindex: a preview, or one built --noindex for a staging host.
    noindex: command === 'build' && !!extra.noindex,
    manifest: extra.manifest ?? null,
    counts: { articles: r.articles, pages: r.pagesWritten, rendered: r.renderCount, parsed: r.parseCount, fromGit: r.fromGit ?? 0, files: extra.files ?? null, hashed: r.manifestHashed ?? null, warnings: warnings.length, errors: errors.length },
    // Stories and pages held back by a date still to come, soonest first (publication time, site's zone).
    scheduled: scheduledSources(r),
    // When the site next changes by itself (next-change.json's `next`), for the cron of a CI
    // job: read here, it needs no file from the output folder.
    nextChange: r.graph && r.config ? changeEntry(r.nextChange, r.config.timeZone) : null,
    // Stories and pages taken down with a notice at their address (front matter `withdrawn`).
    withdrawn: withdrawnSources(r),
    seconds: Math.round(r.seconds * 1000) / 1000,
    timings: r.timings,
    warnings: warnings.map(plain),
    errors: errors.map(plain),
  };
}

/**
 * What `--json` prints when the command stops before it has a build to report (a usage error, a
 * file the machine would not let it write, a crash): the same keys, with the one error. A script
 * that pipes stdout to `jq` gets an object whatever happened.
 */
export function jsonFailure(command: 'build' | 'check', exitCode: number, error: { code: string; message: string; diagnostics?: Diagnostic[] }) {
  const ds = error.diagnostics ?? [];
  return {
    command,
    ok: false,
    exitCode,
    outDir: null,
    preview: false,
    noindex: false,
    manifest: null,
    counts: null,
    scheduled: [],
    nextChange: null,
    withdrawn: [],
    seconds: null,
    timings: null,
    warnings: ds.filter((d) => d.severity === 'warning').map(plain),
    errors: ds.length ? ds.filter((d) => d.severity === 'error').map(plain) : [{ code: error.code, message: error.message, file: null, line: null, column: null, hint: null }],
  };
}

interface ProgressStream {
  write(s: string): unknown;
}

/**
 * A one-line progress display ("render 1200/10000") on a terminal, redrawn at most every
 * `intervalMs` and only after `delayMs`, then erased when the build ends.
 */
export function createProgress(stream: ProgressStream, o: { delayMs?: number; intervalMs?: number; now?: () => number } = {}) {
  const now = o.now ?? (() => performance.now());
  const delay = o.delayMs ?? PROGRESS_AFTER_MS;
  const interval = o.intervalMs ?? 100;
  const start = now();
  let last = -Infinity;
  let lastStage = '';
  let shown = false;
  return {
    update(stage: string, done: number, total: number): void {
      const t = now();
      if (t - start < delay) return;
      if (stage === lastStage && done < total && t - last < interval) return;
      last = t;
      lastStage = stage;
      shown = true;
      stream.write(`\r\x1b[K${stage} ${done}/${total}`);
    },
    end(): void {
      if (shown) stream.write('\r\x1b[K');
      shown = false;
    },
  };
}

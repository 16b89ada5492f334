import { readFileSync } from 'node:fs';
import { describeSystemError, isSystemError } from '../errors/system.js';
import type { Diagnostic } from '../errors/diagnostic.js';
import { formatDiagnostics } from '../errors/format.js';
import { scheduledLines, scheduledSources } from '../publish/report.js';
import type { WatchBuild } from './watch.js';

export interface WatchReport {
  /** Lines for stdout (what happened) and stderr (what went wrong). */
  out: string[];
  err: string[];
}

/**
 * The terminal side of watch mode: one line per build, the diagnostics of a failed build, and
 * warnings only when they are new (an editor should not scroll through the same warning on
 * every save).
 */
export function createReporter(options: { quiet?: boolean; clock?: () => Date; builtBefore?: boolean } = {}): (b: WatchBuild) => WatchReport {
  let shownWarnings = new Set<string>();
  /** What the last good build held back for a time still to come, by key; undefined before the first. */
  let shownHeld: Map<string, Held> | undefined;
  /** Whether the output folder holds a good build: one from before the session, or one of its own. */
  let built = options.builtBefore ?? true;
  const clock = options.clock ?? (() => new Date());
  // The terminal's own clock, not the site's time zone: it says when the save happened here.
  const stamp = () => clock().toTimeString().slice(0, 8);

  return (b) => {
    const out: string[] = [];
    const err: string[] = [];
    const what = describeChanges(b);
    if (isSystemError(b.error)) {
      err.push(`[${stamp()}] ${describeSystemError(b.error)}`, 'Still watching.');
      return { out, err };
    }
    if (b.error !== undefined || !b.result) {
      const msg = b.error instanceof Error ? b.error.message : String(b.error);
      err.push(`[${stamp()}] internal error${what}: ${msg}`, 'This is a bug in dateline, not in your site; still watching. Set DATELINE_DEBUG=1 to see the stack trace.');
      if (process.env.DATELINE_DEBUG && b.error instanceof Error && b.error.stack) err.push(b.error.stack);
      return { out, err };
    }
    const r = b.result;
    if (!r.ok) {
      // Only the errors: a failed build's warnings are mostly echoes of them (a broken article
      // makes every `related` link to it dangle).
      const errors = r.diagnostics.filter((d) => d.severity === 'error');
      err.push(formatDiagnostics(errors));
      const left = built ? 'the last good build is still in place' : 'nothing is built yet';
      err.push(`[${stamp()}] ${errors.length} error${errors.length === 1 ? '' : 's'}${what}; ${left}. Still watching.`);
      return { out, err };
    }
    built = true;
    const warnings = r.diagnostics.filter((d) => d.severity === 'warning');
    const fresh = warnings.filter((d) => !shownWarnings.has(key(d)));
    shownWarnings = new Set(warnings.map(key));
    if (fresh.length && !options.quiet) err.push(formatDiagnostics(fresh));
    // A damaged cache (a copy restored in part) built again without it: said as `build` says it.
    if (r.cacheNote && !options.quiet) err.push(r.cacheNote);
    if (!options.quiet) {
      const ms = Math.round((b.endedAt - b.startedAt));
      const pages = `${r.renderCount} page${r.renderCount === 1 ? '' : 's'} rendered`;
      const verb = b.trigger === 'initial' ? 'Built' : b.full ? 'Rebuilt everything' : 'Rebuilt';
      out.push(`[${stamp()}] ${verb}${what}: ${r.articles} article${r.articles === 1 ? '' : 's'}, ${pages} in ${ms} ms`);
    }
    // A story or live update saved with a time still to come is left out of every page without a
    // word otherwise: the desk looks for it in the preview and finds nothing. The first build lists
    // them all, as `dateline build` does; later ones what a save newly held back.
    const held = new Map(scheduledSources(r).map((h) => [`${h.file}|${h.at}|${h.update ? 'update' : ''}`, h]));
    const named = (h: Held) => (h.update ? `an update of ${h.file}` : h.file);
    if (!options.quiet) {
      if (shownHeld === undefined) out.push(...scheduledLines(r));
      else {
        // A rebuild by the clock: what it published, by name (the desk waits for the 06:00 story).
        if (b.trigger === 'schedule') for (const [k, h] of shownHeld) if (!held.has(k)) out.push(`[${stamp()}] Published at its time (${h.at.replace('T', ' ')}): ${named(h)}.`);
        for (const [k, h] of held) if (!shownHeld.has(k)) out.push(`[${stamp()}] Held back until ${h.at.replace('T', ' ')}: ${named(h)} (its ${h.update ? 'time' : 'date'} is still to come).`);
      }
    }
    shownHeld = held;
    return { out, err };
  };
}

type Held = ReturnType<typeof scheduledSources>[number];

function describeChanges(b: WatchBuild): string {
  if (b.trigger === 'schedule') return ' (a scheduled publication or expiry time came)';
  if (b.trigger === 'output') return ' (the output folder was deleted)';
  if (b.trigger === 'initial' || b.changes.length === 0) return '';
  const first = b.changes.slice(0, 3).map((c) => `${c.path}${c.type === 'unlink' ? ' deleted' : c.type === 'add' ? ' added' : ''}`);
  const rest = b.changes.length > 3 ? ` and ${b.changes.length - 3} more` : '';
  return ` (${first.join(', ')}${rest})`;
}

/**
 * A warning is the same one when its words are, wherever its line went: an update added at the top
 * of a live blog moves every line under it, and the desk would see each warning below again on
 * every such save.
 */
function key(d: Diagnostic): string {
  return `${d.code}|${d.file}|${d.message}`;
}

/**
 * What a session says of its watcher's errors. chokidar watches every file and folder on its own;
 * past the machine's limit (Linux's `fs.inotify.max_user_watches`; open files where each watch is
 * one) every further file fails alike, and a 100,000-article site printed a line for each of
 * thousands. The limit is said once, with the fix, and how many went unwatched once the watcher is
 * ready (`unwatched`); any other error is said as it comes.
 */
export function createWatchErrors(limitNow: () => string | undefined = inotifyLimit): { report(e: unknown): string[]; unwatched(): string[] } {
  let over = 0;
  return {
    report(e) {
      const code = (e as { code?: unknown } | undefined)?.code;
      const limit = code === 'ENOSPC' ? 'inotify' : code === 'EMFILE' || code === 'ENFILE' ? 'files' : undefined;
      if (!limit) return [`watch error: ${e instanceof Error ? e.message : String(e)} (still watching)`];
      if (over++ > 0) return [];
      if (limit === 'files') {
        return [
          'watch error: this machine let the watcher open no more files, so the files past its limit are not watched, and saving one of them rebuilds nothing.',
          '  fix: Raise the limit on open files in this terminal (ulimit -n 65536), then start again: the session needs one for each file and folder of the site.',
        ];
      }
      const now = limitNow();
      return [
        `watch error: this machine's limit on watched files is reached (fs.inotify.max_user_watches${now ? ` = ${now}` : ''}), so the files past it are not watched, and saving one of them rebuilds nothing.`,
        '  fix: Raise it, then start again: sudo sysctl fs.inotify.max_user_watches=524288 (and the line fs.inotify.max_user_watches=524288 in /etc/sysctl.conf to keep it). The session needs one for each file and folder of the site, and other programs that watch files (editors) use some too.',
      ];
    },
    unwatched() {
      return over > 0 ? [`watch error: ${over.toLocaleString('en-US')} ${over === 1 ? 'file or folder is' : 'files and folders are'} not watched (the limit above).`] : [];
    },
  };
}

function inotifyLimit(): string | undefined {
  try {
    return readFileSync('/proc/sys/fs/inotify/max_user_watches', 'utf8').trim();
  } catch {
    return undefined;
  }
}

import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { SourceChange } from '../build.js';
import { isConfigFile } from './ignore.js';

export type FileEvent = 'add' | 'change' | 'unlink';

/** What one build gets: the files that changed, or `full` when only a build of everything is right. */
export interface ChangeSet {
  full: boolean;
  changes: SourceChange[];
  /** Paths chokidar reported as deleted that are on disk after all (see `take`). */
  revived: string[];
}

/**
 * Gathers the events of one burst. The event kinds chokidar reports are hints, not facts: an
 * atomic save (temp file + rename over) can arrive as unlink + add in either order, or as a lone
 * unlink for a file that is there (paulmillr/chokidar#1437). So only the first event of each path
 * is kept, and `take` decides from the disk what happened.
 */
export class PendingChanges {
  private readonly first = new Map<string, FileEvent>();
  private full = false;
  private readonly carried = new Map<string, FileEvent>();
  private carriedFull = false;

  /** `configLike`: a file whose edit is an edit of the config (one the config imports). */
  constructor(
    private readonly siteDir: string,
    private readonly configLike: (rel: string) => boolean = () => false,
  ) {}

  get size(): number {
    return this.first.size + (this.full ? 1 : 0);
  }

  record(event: FileEvent, rel: string): void {
    if (isConfigFile(rel) || this.configLike(rel)) this.full = true;
    if (!this.first.has(rel)) this.first.set(rel, event);
  }

  /** Asks for a build of everything (config change, scheduled publication time). */
  requestFull(): void {
    this.full = true;
  }

  /**
   * Hands a failed build's changes to the next build: a builder may drop what it read in a build
   * that failed (a template edit made while an article was broken would never show). They do not
   * start a build by themselves; the next change does.
   */
  carry(set: ChangeSet): void {
    this.carriedFull ||= set.full;
    for (const c of set.changes) if (!this.carried.has(c.path)) this.carried.set(c.path, c.type);
  }

  /** Empties the set and resolves each path against the disk, sorted by path. */
  async take(): Promise<ChangeSet> {
    // What a failed build saw came first: its event kind wins.
    const merged = new Map([...this.carried, ...[...this.first].filter(([p]) => !this.carried.has(p))]);
    const entries = [...merged].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const full = this.full || this.carriedFull;
    this.first.clear();
    this.carried.clear();
    this.full = this.carriedFull = false;
    const revived: string[] = [];
    const changes = await Promise.all(
      entries.map(async ([rel, event]): Promise<SourceChange> => {
        const st = await stat(path.join(this.siteDir, ...rel.split('/'))).catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' || e.code === 'ENOTDIR' ? null : undefined));
        // Unreadable for another reason: report it changed and let the build say what is wrong.
        if (st === undefined) return { type: 'change', path: rel };
        if (st === null || !st.isFile()) return { type: 'unlink', path: rel };
        if (event === 'unlink') revived.push(rel);
        return { type: event === 'add' ? 'add' : 'change', path: rel };
      }),
    );
    return { full, changes, revived };
  }
}

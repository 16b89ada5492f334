import { describe, expect, it } from 'vitest';
import { createWatchErrors } from '../../src/watch/report.js';

/** An error as fs.watch raises it when the machine's limit is reached. */
function systemError(code: string, file: string): Error {
  return Object.assign(new Error(`${code}: System limit for number of file watchers reached, watch '${file}'`), { code, syscall: 'watch', path: file });
}

describe("the watcher's errors", () => {
  it('say the limit on watched files once, with the fix, and then how many files went unwatched', () => {
    const w = createWatchErrors(() => '8192');
    const lines = Array.from({ length: 1500 }, (_, i) => w.report(systemError('ENOSPC', `/site/content/articles/s-${i}.md`))).flat();
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('fs.inotify.max_user_watches = 8192');
    expect(lines[0]).toContain('not watched');
    expect(lines[1]).toMatch(/^ {2}fix: .*sudo sysctl fs\.inotify\.max_user_watches=524288/);
    expect(w.unwatched()).toEqual(['watch error: 1,500 files and folders are not watched (the limit above).']);
  });

  it('say a limit on open files with its own fix', () => {
    const w = createWatchErrors(() => undefined);
    const lines = [w.report(systemError('EMFILE', '/site/a.md')), w.report(systemError('EMFILE', '/site/b.md'))].flat();
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('ulimit -n');
    expect(w.unwatched()[0]).toContain('2 files and folders');
  });

  it('say any other error as it comes, and nothing when none was over a limit', () => {
    const w = createWatchErrors();
    expect(w.report(Object.assign(new Error('EACCES: permission denied, watch /site/x'), { code: 'EACCES' }))).toEqual(['watch error: EACCES: permission denied, watch /site/x (still watching)']);
    expect(w.report(new Error('odd'))).toEqual(['watch error: odd (still watching)']);
    expect(w.unwatched()).toEqual([]);
  });
});

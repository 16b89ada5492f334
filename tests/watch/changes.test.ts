import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PendingChanges } from '../../src/watch/changes.js';
import { writeSite } from '../helpers/site.js';

describe('watch: settling a burst of events against the disk', () => {
  const dir = writeSite({ 'content/here.md': 'x', 'content/new.md': 'x' });
  mkdirSync(path.join(dir, 'content/now-a-folder.md'));

  it('decides from the disk, not from the event kinds chokidar reported', async () => {
    const p = new PendingChanges(dir);
    p.record('unlink', 'content/here.md'); // an atomic save reported as a deletion (chokidar#1437)
    p.record('change', 'content/here.md');
    p.record('add', 'content/new.md');
    p.record('add', 'content/gone.md'); // created and deleted within the burst
    p.record('unlink', 'content/gone.md');
    p.record('change', 'content/now-a-folder.md');
    expect(p.size).toBe(4);
    expect(await p.take()).toEqual({
      full: false,
      changes: [
        { type: 'unlink', path: 'content/gone.md' },
        { type: 'change', path: 'content/here.md' },
        { type: 'add', path: 'content/new.md' },
        { type: 'unlink', path: 'content/now-a-folder.md' },
      ],
      revived: ['content/here.md'],
    });
    expect(p.size).toBe(0);
  });

  it('turns a config change into a build of everything', async () => {
    const p = new PendingChanges(dir);
    p.record('change', 'dateline.config.ts');
    expect(await p.take()).toMatchObject({ full: true, changes: [{ type: 'change', path: 'dateline.config.ts' }] });
  });

  it('hands a failed build\'s changes to the next build without starting one', async () => {
    const p = new PendingChanges(dir);
    p.record('add', 'content/new.md');
    p.record('change', 'dateline.config.ts');
    p.carry(await p.take());
    expect(p.size).toBe(0);
    writeFileSync(path.join(dir, 'content/here.md'), 'y');
    p.record('change', 'content/here.md');
    p.record('change', 'content/new.md');
    expect(await p.take()).toMatchObject({
      full: true,
      changes: [
        { type: 'change', path: 'content/here.md' },
        { type: 'add', path: 'content/new.md' },
        { type: 'change', path: 'dateline.config.ts' },
      ],
    });
    expect(await p.take()).toEqual({ full: false, changes: [], revived: [] });
  });
});

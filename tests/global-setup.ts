import { spawn } from 'node:child_process';
import { mkdtempSync, statfsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Every test's temporary sites, builds and browser profiles go in one folder for the run, removed
 * when the run ends: test files and the processes they start find it through TMPDIR.
 *
 * The folder is removed by a Node process of its own that outlives the run: the whole suite leaves
 * tens of thousands of files there, and removing them in this process held the end of every run
 * for 10-15 s (`.ci/run` on a 2-core machine: the suite's 585 s, the command's 601 s).
 */
/**
 * In memory (/dev/shm) where it has room: the suite writes tens of thousands of small files, and on
 * a virtual disk their writes and removals were a large and unsteady part of its time. Elsewhere,
 * or with less than 4 GB free there, the system's temporary folder.
 */
function tempRoot(): string {
  try {
    const fs = statfsSync('/dev/shm');
    if (fs.bavail * fs.bsize >= 4 * 1024 ** 3) return mkdtempSync(path.join('/dev/shm', 'dateline-tests-'));
  } catch {
    // No /dev/shm here, or not ours to write in.
  }
  return mkdtempSync(path.join(os.tmpdir(), 'dateline-tests-'));
}

export default function setup(): () => void {
  const root = tempRoot();
  process.env.TMPDIR = root;
  return () => {
    const remove = spawn(process.execPath, ['-e', 'require("node:fs").rmSync(process.argv[1], { recursive: true, force: true })', root], { detached: true, stdio: 'ignore' });
    remove.unref();
  };
}

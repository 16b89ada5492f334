import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
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
export default function setup(): () => void {
  const root = mkdtempSync(path.join(os.tmpdir(), 'dateline-tests-'));
  process.env.TMPDIR = root;
  return () => {
    const remove = spawn(process.execPath, ['-e', 'require("node:fs").rmSync(process.argv[1], { recursive: true, force: true })', root], { detached: true, stdio: 'ignore' });
    remove.unref();
  };
}

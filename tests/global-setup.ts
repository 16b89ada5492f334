import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Every test's temporary sites, builds and browser profiles go in one folder for the run, removed
 * when the run ends: test files and the processes they start find it through TMPDIR.
 */
export default function setup(): () => void {
  const root = mkdtempSync(path.join(os.tmpdir(), 'dateline-tests-'));
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true });
}

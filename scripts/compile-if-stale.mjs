// `npm test` runs this first (pretest): `npm run compile` when anything lib/ is made from is newer
// than lib/dateline.bundle.cjs, the last file the compile writes; else nothing. On CI, `npm ci` has
// just compiled (prepare), and compiling again took about 11 s of the run.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const mtime = (p) => statSync(path.join(root, p), { throwIfNoEntry: false })?.mtimeMs;

/** The newest modification time under `dir` (a file's, or a folder's: a deleted file changes it). */
function newest(dir) {
  let t = mtime(dir) ?? 0;
  for (const e of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : mtime(p));
  }
  return t;
}

const bundle = mtime('lib/dateline.bundle.cjs');
const inputs = Math.max(
  newest('src'),
  newest('templates'),
  // The bin too: the code cache is made by it, for its V8 flags.
  ...['scripts/bundle.mjs', 'bin/dateline.js', 'tsconfig.json', 'package.json', 'package-lock.json', 'node_modules/.package-lock.json'].map((f) => mtime(f) ?? 0),
);
if (bundle !== undefined && mtime('lib/worker.bundle.js') !== undefined && mtime('lib/theme-code.json') !== undefined && bundle > inputs) {
  console.log('lib/ is newer than what it is made from: not compiled again (npm run compile does).');
} else {
  const r = spawnSync('npm', ['run', 'compile'], { cwd: root, stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

import { randomBytes } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync, realpathSync, renameSync, rmSync, statSync } from 'node:fs';
import { copyFile, mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { critical, testPause } from './critical.js';
import { OUTPUT_MARK } from './in-place.js';
import { walkFiles } from './walk.js';

/** Where a build's output goes: a folder on disk, or memory (tests, `dateline check`). */
export interface OutputSink {
  write(outPath: string, content: string | Uint8Array): Promise<void>;
  copy(outPath: string, source: string): Promise<void>;
  /** Makes the output visible as a whole. */
  commit(): Promise<void>;
  /** Throws the partial output away; whatever was there before stays exactly as it was. */
  abort(): Promise<void>;
}

/**
 * Refuses any output path that could leave the output folder: absolute, `..`, backslashes, NUL.
 * Every path comes from slugs that were already checked; this is the last line, not the first.
 */
export function safeOutputPath(root: string, outPath: string): string {
  if (!outPath || outPath.includes('\0') || outPath.includes('\\') || path.posix.isAbsolute(outPath) || outPath.split('/').some((s) => s === '..' || s === '.')) {
    throw new Error(`Refusing to write outside the output folder: ${JSON.stringify(outPath)}`);
  }
  const full = path.resolve(root, ...outPath.split('/'));
  if (!full.startsWith(root + path.sep)) throw new Error(`Refusing to write outside the output folder: ${JSON.stringify(outPath)}`);
  return full;
}

/**
 * Writes into a temporary folder beside the output folder, then swaps it in: a failed or
 * interrupted build never leaves a half-written dist/.
 */
export class DiskSink implements OutputSink {
  readonly tmp: string;
  private readonly dirs = new Set<string>();
  count = 0;

  constructor(readonly outDir: string) {
    const parent = path.dirname(outDir);
    this.tmp = path.join(parent, `${tmpPrefix(outDir)}${process.pid}-${randomBytes(4).toString('hex')}`);
  }

  private async ensureDir(file: string): Promise<void> {
    const dir = path.dirname(file);
    if (this.dirs.has(dir)) return;
    await mkdir(dir, { recursive: true });
    // Remember every ancestor too: no further mkdir call for a folder already made.
    for (let d = dir; d.startsWith(this.tmp) && !this.dirs.has(d); d = path.dirname(d)) this.dirs.add(d);
  }

  async write(outPath: string, content: string | Uint8Array): Promise<void> {
    const file = safeOutputPath(this.tmp, outPath);
    await this.ensureDir(file);
    await writeFile(file, content);
    this.count++;
  }

  async copy(outPath: string, source: string): Promise<void> {
    const file = safeOutputPath(this.tmp, outPath);
    await this.ensureDir(file);
    await copyFile(source, file);
  }

  /**
   * The swap, a critical section (critical.ts): a SIGINT or SIGTERM waits until it is done. A
   * SIGKILL between its two renames leaves no output folder, and the old site beside it as
   * `<tmp>.old`: the next build puts it back first (`recoverOutput`).
   */
  async commit(): Promise<void> {
    // Written into and gone (another build that took it for a leftover): swapping in an empty
    // folder would publish an empty site. The live folder is left as it is.
    if (this.count > 0 && !existsSync(this.tmp)) throw Object.assign(new Error(`ENOENT: no such file or directory, rename '${this.tmp}'`), { code: 'ENOENT', syscall: 'rename', path: this.tmp });
    await mkdir(this.tmp, { recursive: true });
    await critical(async () => {
      const exists = await stat(this.outDir).then(() => true, () => false);
      if (!exists) {
        await rename(this.tmp, this.outDir);
        return;
      }
      const old = `${this.tmp}.old`;
      await rename(this.outDir, old);
      await testPause('swap')?.();
      try {
        await rename(this.tmp, this.outDir);
      } catch (e) {
        await rename(old, this.outDir);
        throw e;
      }
      await rm(old, { recursive: true, force: true });
    });
    await removeLeftovers(this.outDir);
    await removeStagingMarkers(this.outDir);
  }

  async abort(): Promise<void> {
    await rm(this.tmp, { recursive: true, force: true, maxRetries: 5 });
  }
}

const tmpPrefix = (outDir: string) => `.${path.basename(outDir)}.tmp-`;

/**
 * Removes the temporary folders (and `.old` folders) that killed builds left beside the output
 * folder. The pid in a folder's name says whose it is: one whose process still runs may belong
 * to a build racing this one, and is kept. Every disk build calls it once its output is in
 * place (after the swap, or after writing in place), so it never delays or fails one.
 */
export async function removeLeftovers(outDir: string): Promise<void> {
  const prefix = tmpPrefix(outDir);
  const names = await readdir(path.dirname(outDir)).catch(() => [] as string[]);
  for (const name of names) {
    const pid = name.startsWith(prefix) ? /^(\d+)-[0-9a-f]+(\.old)?$/.exec(name.slice(prefix.length))?.[1] : undefined;
    if (pid && !running(Number(pid))) await rm(path.join(path.dirname(outDir), name), { recursive: true, force: true, maxRetries: 5 }).catch(() => {});
  }
}

/**
 * After a swap: the markers of killed cached builds (write/in-place.ts `markStaging`) named files
 * they left beside their places in the folder just replaced, gone with it; the markers go too.
 */
async function removeStagingMarkers(outDir: string): Promise<void> {
  const prefix = `.${path.basename(outDir)}.staging-`;
  const names = await readdir(path.dirname(outDir)).catch(() => [] as string[]);
  for (const name of names) {
    const pid = name.startsWith(prefix) ? Number(name.slice(prefix.length)) : NaN;
    if (Number.isInteger(pid) && !running(pid)) await rm(path.join(path.dirname(outDir), name), { force: true }).catch(() => {});
  }
}

/** Signal 0 only asks whether the process exists; EPERM means it does, under another user. */
export function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether what a build named with `pid` left can be removed. Found before this process wrote
 * anything, one named with its own pid is a leftover too: in a container every build is pid 1,
 * so a killed build's pid is the next one's.
 */
export const deadOrOwn = (pid: number): boolean => pid === process.pid || !running(pid);

/**
 * Before a build: when the output folder is missing and a build was killed between the two
 * renames of its swap, the old site is beside it as `.NAME.tmp-PID-x.old`; it is put back (the
 * newest, if there are several), so a killed swap never loses the live site. Only that of a
 * process that is gone (or of this one's pid, see `deadOrOwn`): a live one may be mid-swap now.
 */
export function recoverOutput(outDir: string): void {
  if (existsSync(outDir)) return;
  const prefix = tmpPrefix(outDir);
  const parent = path.dirname(outDir);
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return;
  }
  const olds = names
    .filter((name) => {
      const pid = name.startsWith(prefix) ? /^(\d+)-[0-9a-f]+\.old$/.exec(name.slice(prefix.length))?.[1] : undefined;
      return pid !== undefined && deadOrOwn(Number(pid));
    })
    .map((name) => ({ name, at: statSync(path.join(parent, name)).ctimeMs }))
    .sort((a, b) => b.at - a.at);
  if (olds.length > 0) renameSync(path.join(parent, olds[0].name), outDir);
}

/**
 * Once per process, before its first build writes anything: removes what builds killed under this
 * process's pid left (see `deadOrOwn`), which `removeLeftovers` and `removeDeadStaging` keep while
 * the pid runs. Beside the output folder, its temporary folders and staging marker; inside it
 * (`inside`, when the build writes into the folder rather than replacing it), files named with the
 * `staged` suffix (write/in-place.ts).
 */
let ownSwept = false;
export function removeOwnLeftovers(outDir: string, staged: string, inside: boolean): void {
  if (ownSwept) return;
  ownSwept = true;
  const parent = path.dirname(outDir);
  const mine = [`${tmpPrefix(outDir)}${process.pid}-`, `.${path.basename(outDir)}.staging-${process.pid}`];
  let names: string[] = [];
  try {
    names = readdirSync(parent);
  } catch {
    // No parent folder yet: nothing was left.
  }
  let found = false;
  for (const name of names) {
    if (!(name.startsWith(mine[0]) ? /^[0-9a-f]+(\.old)?$/.test(name.slice(mine[0].length)) : name === mine[1])) continue;
    rmSync(path.join(parent, name), { recursive: true, force: true, maxRetries: 5 });
    found = true;
  }
  // The walk costs about 30 ms a thousand folders (0.3 s at 10,000 articles): only where a build
  // of this pid left its folder or staging marker beside. Without a marker, staged files could only
  // be inside a folder whose mark is gone: a build takes the mark off before it stages anything
  // (build.ts: unmarkOutput), and a build writes into a folder only when the mark agrees with its
  // cache; another replaces the folder. A container's build, always pid 1 or a few after an init
  // such as tini, walked it at every warm build when this also walked for a small pid.
  if (inside && found) {
    walkFiles(outDir, (abs) => {
      if (abs.endsWith(staged)) rmSync(abs, { force: true });
    });
  }
}

/** Keeps every file in memory: tests read pages straight from `files`. */
export class MemorySink implements OutputSink {
  readonly files = new Map<string, string | Uint8Array>();
  readonly copies = new Map<string, string>();
  count = 0;
  async write(outPath: string, content: string | Uint8Array): Promise<void> {
    safeOutputPath('/out', outPath);
    this.files.set(outPath, content);
    this.count++;
  }
  async copy(outPath: string, source: string): Promise<void> {
    safeOutputPath('/out', outPath);
    this.copies.set(outPath, source);
  }
  async commit(): Promise<void> {}
  async abort(): Promise<void> {}
}

const within = (child: string, parent: string) => child === parent || child.startsWith(parent + path.sep);

/**
 * The folder a build writes for `outDir`: `outDir` itself, or where it links to when it is a
 * symbolic link (`dist -> ../www/news`), resolved once. The build swaps its new folder in there,
 * beside the link's target, so the link stays and its target gets the site.
 */
export function resolveOutDir(outDir: string): string {
  const out = path.resolve(outDir);
  try {
    if (!lstatSync(out).isSymbolicLink()) return out;
  } catch {
    return out;
  }
  try {
    return realpathSync(out);
  } catch {
    // A link to a folder not made yet: the build makes it (unsafeOutDir refuses a link to a link).
    return path.resolve(path.dirname(out), readlinkSync(out));
  }
}

/** Whether a path is a symbolic link (one that may lead nowhere). */
const isLink = (p: string): boolean => {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
};

/**
 * Why an output folder must not be used, or undefined when it is safe. A build replaces the
 * output folder as a whole, so it must not be the site folder, one of its parents, or a source
 * folder inside it; and a folder that holds something other than a built site is not replaced.
 * A symbolic link is checked as the folder it leads to, which is what the build replaces.
 */
export function unsafeOutDir(siteDir: string, outDir: string): string | undefined {
  const site = path.resolve(siteDir);
  const sites = [...new Set([site, realOr(site)])];
  const given = path.resolve(outDir);
  const out = resolveOutDir(outDir);
  const named = out === given ? outDir : `${outDir} (a link to ${out})`;
  // A link to a link that leads nowhere: the swap would replace the inner link with a folder.
  if (isLink(out)) return `${named} leads to a link to a folder that does not exist. Make ${outDir} a link straight to the folder the site goes in, or a real folder.`;
  for (const o of new Set([given, out])) {
    for (const s of sites) {
      if (within(s, o)) return `${named} is the site folder or contains it; the build replaces its output folder as a whole. Choose another output folder.`;
      for (const source of ['content', 'templates', 'static']) {
        if (within(o, path.join(s, source))) return `${named} is inside the site's ${source}/ folder. Choose another output folder.`;
      }
    }
  }
  return unreplaceable(out, named);
}

function realOr(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

/**
 * Why `--cache-dir` cannot be that folder, or undefined: not in the output folder (the cache would
 * be published, and the folder is replaced whole), nor in content/, templates/ or static/ (its
 * files would be read as the site's), nor the site folder or a parent of it.
 */
export function unsafeCacheDir(siteDir: string, outDir: string, cacheDir: string): string | undefined {
  const site = path.resolve(siteDir);
  const cache = path.resolve(cacheDir);
  // As given and as the links lead (a symlinked dist/ whose target holds the cache folder).
  const outs = new Set([path.resolve(outDir), resolveOutDir(outDir), realOr(path.resolve(outDir))]);
  const caches = new Set([cache, realOr(cache)]);
  for (const out of outs) for (const c of caches) if (within(out, c) || within(c, out)) return `${cacheDir} is the output folder, inside it or contains it: the cache would be published with the site.`;
  if (within(site, cache)) return `${cacheDir} is the site folder or contains it.`;
  for (const source of ['content', 'templates', 'static']) {
    if (within(cache, path.join(site, source))) return `${cacheDir} is inside the site's ${source}/ folder, whose files are the site's.`;
  }
  return undefined;
}

/**
 * Why `--manifest` may not be written where it is asked (undefined: it may). In the output folder
 * it would be published, and listed by the next build's manifest as a file of the site (a cached
 * build leaves it there); in static/ it would be published too.
 */
export function unsafeManifest(siteDir: string, outDir: string, manifest: string): string | undefined {
  const file = path.resolve(manifest);
  const files = new Set([file, path.join(realOr(path.dirname(file)), path.basename(file))]);
  const outs = new Set([path.resolve(outDir), resolveOutDir(outDir), realOr(path.resolve(outDir))]);
  for (const out of outs) for (const f of files) if (within(f, out)) return `${manifest} is inside the output folder, where it would be published with the site and listed as one of its files.`;
  for (const source of ['content', 'templates', 'static']) {
    if (within(file, path.join(path.resolve(siteDir), source))) return `${manifest} is inside the site's ${source}/ folder, whose files are the site's.`;
  }
  return undefined;
}

/**
 * The same for `dateline merge`, which replaces its output folder as a whole too: it must not be
 * the current folder or a parent of it, nor a shard folder, inside one (the merge would read its
 * own output) or a parent of one.
 */
export function unsafeMergeOut(outDir: string, shardDirs: string[], cwd = process.cwd()): string | undefined {
  const given = path.resolve(outDir);
  const out = resolveOutDir(outDir);
  const named = out === given ? outDir : `${outDir} (a link to ${out})`;
  for (const o of new Set([given, out])) {
    if (within(path.resolve(cwd), o) || within(realOr(cwd), o)) return `${named} is the current folder or contains it; the merge replaces its output folder as a whole. Choose another output folder.`;
    for (const d of shardDirs) {
      for (const shard of new Set([path.resolve(d), realOr(d)])) {
        if (within(o, shard) || within(shard, o)) return `${named} is the shard folder ${d}, inside it or contains it. Choose another output folder.`;
      }
    }
  }
  return unreplaceable(out, named);
}

/**
 * In the folder a `--shard i/n` build writes ("2/3", and on a second line a digest of the build's
 * inputs, which `merge` compares): such a folder is a built site that the shard's next run
 * replaces. `merge` leaves it out.
 */
export const SHARD_MARK = '.dateline-shard';

/**
 * A file, or a folder that holds something other than a built site, is never replaced. A built
 * site is known by the mark every build and merge leaves in it (`.dateline-build`, or a shard's
 * `.dateline-shard`), not by an index.html (a hand-made site has one); a folder with `.git` in it
 * (a checkout, a site kept in git) never is one. An empty folder is taken.
 */
/**
 * A folder an earlier dateline built before every build left its mark (a `--no-cache` build or a
 * merge did not): its `index.html` beside the `_headers` file dateline writes, which says so on
 * its first line. A cron host that kept its dist/ builds on after an upgrade.
 */
function olderBuild(out: string, entries: readonly string[]): boolean {
  if (!entries.includes('index.html') || !entries.includes('_headers')) return false;
  try {
    return readFileSync(path.join(out, '_headers'), 'utf8').startsWith('# Written by dateline.');
  } catch {
    return false;
  }
}

function unreplaceable(out: string, named: string): string | undefined {
  if (!existsSync(out)) return undefined;
  if (!statSync(out).isDirectory()) return `${named} is a file. Choose another output folder.`;
  const entries = readdirSync(out);
  if (entries.includes('.git')) return `${named} holds a .git folder; the build replaces its output folder as a whole, and would delete it. Choose another output folder (publish from it by copying the build in).`;
  if (entries.length > 0 && !entries.includes(OUTPUT_MARK) && !entries.includes(SHARD_MARK) && !olderBuild(out, entries)) {
    return `${named} is a folder that dateline did not build (it has no ${OUTPUT_MARK} file); the build replaces its output folder as a whole, and would delete what is in it. If it holds an old build, delete the folder and build again; otherwise choose another output folder.`;
  }
  return undefined;
}

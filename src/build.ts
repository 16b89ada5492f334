import { createHash, randomBytes } from 'node:crypto';
import { accessSync, constants as fsConstants, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { BodyStore } from './cache/body-store.js';
import type { UnreadBody } from './cache/bodies.js';
import { cacheDamaged, cacheDamageNote, takeCacheDamage } from './cache/damage.js';
import { cacheKey, codeHash, entryBody, entryHash, entrySegment, hashEach, hashFiles, IndexBaseline, type IndexEntry, readCache, readIndexAhead, readListingRecord, undecoded, writeCache, writeCacheDelta, writeListingRecord, type CachedParse } from './cache/build-cache.js';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { fileURLToPath } from 'node:url';
import { LinkIndex } from './check/links.js';
import { configDependencies } from './config/deps.js';
import { ConfigError, findConfigFile, loadConfig } from './config/load.js';
import type { SiteConfig } from './config/types.js';
import { gitHashOf, readGitIndex, type GitIndex } from './discover/git-index.js';
import { bundleFolder, discover, fileHasher, hashText, newTrail, type BundleFile, type SourceEntry, type StaticFile } from './discover/discover.js';
import { listedStill, listingRecord } from './discover/listing.js';
import { bundleCollisions, bundleReferences, bundleStatics, publishedBundleFiles } from './plan/bundles.js';
import { StatThread, type FileSig } from './discover/stat-thread.js';
import { readTextFiles } from './discover/text-files.js';
import { codeFrame } from './errors/frame.js';
import { createFingerprinter } from './plan/fingerprint.js';
import { bodyDependents, clockMoved, isBodyOnlyEdit, nextMove, replaceBody } from './incremental/body-edit.js';
import { persistPlanState, persistPlanStateSteps, resumePlanState, sentJobValues, type LastBuild } from './incremental/plan-state.js';
import { isTemplateFile, templatesForChanges } from './render/template-deps.js';
import { BuildError, error, hasErrors, promoteWarnings, sortDiagnostics, warning, type Diagnostic } from './errors/diagnostic.js';
import { buildGraph, isLive, type GraphOptions } from './model/graph.js';
import type { SiteGraph } from './model/types.js';
import type { Article } from './parse/source.js';
import { interner, shareStrings } from './parse/share-strings.js';
import { BUNDLE_CODE_HASH, PACKAGE_ROOT, THEME_STATIC, THEME_TEMPLATES } from './paths.js';
import { createEncoder, EncodedJobs, tableOf, type EncodedJob } from './plan/encode.js';
import { movedStories, redatedIntoFuture } from './plan/moved.js';
import { plan } from './plan/plan.js';
import { heldUpdateImages, missingImages, nearStatics, shownBodyImages, shownBy, staticPathOf, withheldStatics, type Waits } from './plan/statics.js';
import { hashAssets } from './publish/assets.js';
import { headersJob } from './publish/headers.js';
import { previewConfig } from './publish/preview.js';
import { collectManifest, manifestOfRecord, markManifest, recordOutput, updateRecord, type FileRecord, type Manifest } from './publish/manifest.js';
import { dropRecord, noteInRecord, readRecord, recordHolds, writeRecord } from './publish/manifest-record.js';
import type { RenderJob } from './plan/types.js';
import { createSearchStep } from './search/step.js';
import { SEARCH_FOLDER } from './search/pagefind.js';
import { isoInZone, parseSiteDate } from './validate/dates.js';
import { nextChange, type NextChange } from './plan/next-change.js';
import { poolMinWork, poolSize, WorkerPool, type MapControl } from './workers/pool.js';
import { createPageRenderer, renderDiagnosticKey, type RenderOutput, type RenderSetup } from './workers/render-tasks.js';
import { createParser, type FileToParse, type ParseOutput } from './workers/tasks.js';
import { DiskSink, recoverOutput, removeOwnLeftovers, resolveOutDir, SHARD_MARK } from './write/sink.js';
import { enterCritical, onInterrupt, testPause } from './write/critical.js';
import { atFrontMatterKey, atTermKey, atText } from './validate/key-line.js';
import { missingLayouts, templateShows } from './plan/layouts.js';
import { leadPhotos, photoAtFault, photoProblems, siteImages, type ShownPhoto } from './check/photos.js';
import { NOT_FOR_WEB, PHOTO_FILE, PhotoFactsCache, type PhotoFacts } from './discover/photo-size.js';
import { sizeGraph, type SiteImageSizes } from './model/photos.js';
import { macroCallProblems } from './check/macro-calls.js';
import type { PageRecord } from './check/links.js';
import { emptyFailed, failedContent, isFailedPath, type FailedContent } from './model/failed.js';
import type { ArticleFull } from './model/types.js';
import { originFile } from './plan/origin.js';
import { templateSyntaxErrors } from './render/nunjucks.js';
import { scheduledProblems } from './plan/scheduled.js';
import { heldLinkProblems, heldLinkTest } from './check/held-links.js';
import { migratedProblems } from './plan/migrated.js';
import { bylineProblems } from './plan/bylines.js';
import { sectionProblems } from './plan/section-names.js';
import { removeForeign, timesBeforeWrites } from './write/foreign.js';
import { sameBytes } from './write/same-bytes.js';
import { dropStaged, markStaging, markTime, OUTPUT_MARK, readOutputMark, setOutputMark, STAGED, UNTRACKED_MARK, writeInPlace } from './write/in-place.js';

export { PACKAGE_ROOT, THEME_STATIC, THEME_TEMPLATES };

/** Warnings about a change since the last build: said by the build that sees it, not replayed by the ones after. */
const SAID_ONCE = new Set(['URL_CHANGED', 'STATIC_RELEASED', 'TAKEN_DOWN_BY_DATE']);

/**
 * What the build cache is keyed on besides the site: the version and the bytes of dateline's own
 * code, so a changed parser or renderer (a new release, or a developer's edit) never reuses pages.
 */
const VERSION = (() => {
  const version = (JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  // A bundle carries the hash of the lib/ it was made from (scripts/bundle.mjs): the same key as
  // lib/ itself gives, without reading 140 files (or the bundles' 2.7 MB) at every start.
  return `${version}+${BUNDLE_CODE_HASH ?? codeHash(path.dirname(fileURLToPath(import.meta.url)))}`;
})();

export interface BuildOptions {
  siteDir: string;
  /** Default: <siteDir>/dist. */
  outDir?: string;
  /**
   * Include drafts (`drafts`) or articles dated after `now` (`future`). Either makes a build that
   * writes its output a preview, marked as not for publishing (publish/preview.ts).
   */
  drafts?: boolean;
  future?: boolean;
  /**
   * Mark the build as not for search engines, like a preview, but with the feeds and sitemaps of
   * the live site: a staging host's copy (publish/preview.ts).
   */
  noindex?: boolean;
  /** The clock for scheduled articles (ISO date-time; without an offset, the site's zone). Default: now, at each build. */
  now?: string | number | Date;
  baseUrl?: string;
  /** disk: write outDir; memory: keep files in the result; check: write nothing, check links too. */
  mode?: 'disk' | 'memory' | 'check';
  /** Worker threads for parsing and rendering; default: one per core for large sites, none for small ones. */
  workers?: number;
  /** The persistent build cache folder (default <siteDir>/.dateline-cache); false: none. */
  cache?: string | false;
  /** Render only share `index` (1-based) of `count`: pages by position in the plan, static files in share 1. */
  shard?: { index: number; count: number };
  /** Record every output file (path, sha256, size, content type) in `result.manifest`. */
  manifest?: boolean;
  /** Warnings fail the build like errors (`--strict`). */
  strict?: boolean;
  /**
   * Watch sessions: after a body-only edit, return once the pages are written and re-make the
   * search index in the background (the next build, or close, waits for it). Its warnings come
   * with the next build's result.
   */
  searchInBackground?: boolean;
  /** Called as work advances, for a progress display: stage, items done, items in the stage. */
  onProgress?: (stage: string, done: number, total: number) => void;
  /**
   * The process is dateline's own (the CLI), and its V8 settings are the build's to choose: on a
   * site with very many files, each heap grows less between full collections (see `LARGE_SITE`),
   * and while worker threads run, young-generation collections are not split among V8's helper
   * threads (see `WorkerPool`). No caller reads the result's graph: an edit resumed from the cache
   * leaves the parts of it the edit did not need unread.
   */
  ownsProcess?: boolean;
}

/**
 * A very large site, from this many content files (DATELINE_TEST_LARGE_SITE for tests).
 *
 * A build of one limits how far each V8 heap grows past what its last full
 * collection kept: to 1.3 times, where the workers' 1 GB limit had them grow to about 1.6 times and
 * the main thread's 4 GB to 4 times. At 100,000 articles the main thread's heap grew from 200 to 800
 * MB, mostly garbage, while the pages rendered, and the build's peak memory went over 1.5 GB: with
 * the limit it is 90-100 MB lower, for 2-5% more time. At 10,000 articles, where memory is far
 * from its target, 1.6 times took 1.8% more time, so smaller sites keep V8's default
 * (docs/scaling.md). A watch session on one closes its workers after each build (see `closePool`).
 */
const LARGE_SITE = Number(process.env.DATELINE_TEST_LARGE_SITE) || 30_000;

/** A thread for the stats, or none where threads cannot start (Node's permission model without --allow-worker): it only saves time. */
function startStatThread(): StatThread | undefined {
  try {
    return new StatThread();
  } catch {
    return undefined;
  }
}

/**
 * From this many content files a build that starts from the cache stats them, and the output's
 * folders, on a thread of its own (discover/stat-thread.ts): the thread's start, about 50 ms of the
 * other core, repays itself from a few thousand (DATELINE_TEST_STAT_THREAD for tests). None with
 * `--workers 0`, which asks for no threads.
 */
const STAT_THREAD_FILES = Number(process.env.DATELINE_TEST_STAT_THREAD) || 2_000;
/** From this many files to hash, the stat thread hashes them with the build's thread (StatThread.hashTogether). */
const SHARED_HASHES = process.env.DATELINE_TEST_STAT_THREAD ? 1 : 200;
/**
 * From this many files to hash, their hashes are taken from git's index where it vouches for them
 * (discover/git-index.ts): reading the index of a 10,000-file repository takes about 10 ms, what
 * hashing 200 files takes. Tests set DATELINE_TEST_GIT_INDEX for a small site.
 */
const gitIndexFrom = () => (process.env.DATELINE_TEST_GIT_INDEX ? 1 : 200);
/** From this many static files to compare with their copies (photos, each read twice): a few hundred KB each, reading the index repays itself sooner. */
const gitIndexStatics = () => (process.env.DATELINE_TEST_GIT_INDEX ? 1 : 50);

export interface BuildResult {
  ok: boolean;
  diagnostics: Diagnostic[];
  articles: number;
  /** Pages in the site (HTML and other generated files), not counting copied static files. */
  pagesWritten: number;
  /** How many pages this build rendered: all on a full build, only the affected ones on a rebuild. */
  renderCount: number;
  /** How many content files this build parsed. */
  parseCount: number;
  /** How many content files with a new size or time this build knew unchanged by git's index, without reading them. */
  fromGit?: number;
  timings: Record<string, number>;
  seconds: number;
  outDir: string;
  /** Memory mode: every output file by path. */
  files?: Map<string, string | Uint8Array>;
  /** Memory mode: static files by output path → source path. */
  copies?: Map<string, string>;
  graph?: SiteGraph;
  config?: SiteConfig;
  /**
   * When the site next changes by itself (plan/next-change.ts), as the graph and config say: an
   * edit resumed from the cache knows it without reading every article of the graph.
   */
  nextChange?: NextChange;
  /** With `manifest: true`, every file of the finished build, for `dateline diff` and deploy steps. */
  manifest?: Manifest;
  /** How many files the manifest read and hashed: all on a first build, those written since on a cached one. */
  manifestHashed?: number;
  /** The site's files the config imports (site-relative): watch mode watches them with the config. */
  configDeps?: string[];
  /** A damaged cache folder: what the build found, and built again without it (cache/damage.ts). Not a warning. */
  cacheNote?: string;
}

/** A change the watcher saw, relative to the site folder with forward slashes. */
export interface SourceChange {
  type: 'add' | 'change' | 'unlink';
  path: string;
}

export interface Builder {
  /**
   * Builds again. `changes` says what changed since the last call (undefined: unknown, so
   * everything); the builder re-reads only those files and re-renders only the pages they affect.
   */
  build(changes?: SourceChange[]): Promise<BuildResult>;
  close(): Promise<void>;
}

/**
 * Runs the steps (a generator's, each step making the next value), letting the event loop turn
 * every few milliseconds when worker threads are rendering, so that they are never kept waiting
 * for their next batch. A step that gives a promise waits for something the build makes as it goes
 * on (a group of jobs sent: plan-state.ts, sentJobValues); if it rejects, the rejection is thrown
 * into the generator. The values made, in order, without those promises.
 */
async function whileRendering<T>(steps: Iterator<T>, yielding: boolean): Promise<Exclude<T, Promise<unknown>>[]> {
  const out: Exclude<T, Promise<unknown>>[] = [];
  let since = performance.now();
  let step = steps.next();
  try {
    while (!step.done) {
      const value = step.value;
      if (value instanceof Promise) {
        let failed: { error: unknown } | undefined;
        await value.catch((error: unknown) => (failed = { error }));
        since = performance.now();
        step = failed ? steps.throw!(failed.error) : steps.next();
        continue;
      }
      out.push(value as Exclude<T, Promise<unknown>>);
      if (yielding && performance.now() - since > 4) {
        await new Promise((resolve) => setImmediate(resolve));
        since = performance.now();
      }
      step = steps.next();
    }
  } finally {
    // Ended early (a step threw): the generator's own clean-up runs.
    if (!step.done) steps.return?.(undefined);
  }
  return out;
}

/** Pages to render, by their place in the plan; `prepare` makes the jobs of a batch as it is sent. */
interface RenderWork {
  jobs: number[];
  /** The views encoded jobs refer to: rendered by the worker pool. */
  views?: unknown[];
  prepare: (batch: number[]) => RenderJob[];
}

/** Pages per message to a render worker. */
const RENDER_BATCH = 64;

/** More changed files than this in a cached build: the full path is as quick. */
const MAX_RESUMED_EDITS = 50;

/** The template folders, the site's before the theme's: those that exist, each once. */
function templateDirsOf(siteDir: string): string[] {
  return [path.join(siteDir, 'templates'), THEME_TEMPLATES].filter((d, i, all) => all.indexOf(d) === i && existsSync(d));
}

/** One complete build. */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const builder = createBuilder(options, { incremental: false });
  try {
    return await builder.build();
  } finally {
    await builder.close();
  }
}

interface Parsed {
  article?: Article;
  diagnostics: Diagnostic[];
  /** Size and mtime of the file when parsed (cached builds only): a cheap "unchanged" check. */
  size?: number;
  mtimeMs?: number;
}

/**
 * The builder, and the only place that knows the order of the stages:
 * config → discover → parse/validate → model → plan → render → write.
 * Between builds it keeps what each file parsed to and a fingerprint of every page it wrote, so a
 * rebuild re-parses only changed files and re-renders only pages whose inputs changed.
 */
export function createBuilder(options: BuildOptions, { incremental = true } = {}): Builder {
  const siteDir = path.resolve(options.siteDir);
  // A symbolic link is followed once: the site goes to its target, and the link stays.
  const outDir = resolveOutDir(options.outDir ?? path.join(siteDir, 'dist'));
  const mode = options.mode ?? 'disk';
  // `check` writes nothing: it checks the site as it will be published, feeds and all.
  const preview = (!!options.drafts || !!options.future) && mode !== 'check';
  /**
   * Pages, robots.txt and _headers tell search engines to keep out: a preview's, or a build for a
   * staging host (`noindex`), which keeps the feeds and sitemaps a preview goes without.
   */
  const hidden = (preview || !!options.noindex) && mode !== 'check';
  let config: SiteConfig | undefined;
  /** What the config loaded with says that is likely a mistake (`timeZone: 'EST'`): said by every build with it. */
  let configWarnings: Diagnostic[] = [];
  let pool: WorkerPool | undefined;
  /** Whether the last build's site was a very large one (`LARGE_SITE`), whose watch session keeps no workers between builds. */
  let largeSite = false;
  /** When the output folder was last marked by a build, as this build found it: sweepOutput reads only folders changed since. */
  let markedAt: number | undefined;
  /** A large site's stats, on a thread of their own for one build (discover/stat-thread.ts). */
  let statThread: StatThread | undefined;
  /** The record of this build's listing (discover/listing.ts), written with the cache's index. */
  let listing: Uint8Array | undefined;
  /** The output's folders' times as that thread found them, for sweepOutput; undefined: it reads them itself. */
  let folderTimes: Promise<ReadonlyMap<string, number> | undefined> | undefined;
  let poolFor: 'none' | 'parse' | 'render' = 'none';
  const parsed = new Map<string, Parsed>();
  /** Output path → fingerprint of what was last written there (incremental builders only). */
  let written = new Map<string, string>();
  /** What the output folder's mark says (write/in-place.ts): removed before the folder first changes. */
  let outMark: string | undefined;
  /**
   * Static output path → size:mtime of its source when it was copied, or since found to hold the
   * same bytes as the copy (`asCopied`).
   */
  let writtenStatics = new Map<string, string>();
  /** Whether `asCopied` gave a static file's record a new time since the cache was last saved. */
  let staticsMoved = false;
  /**
   * Static output path → the git blob id of its source as it was copied, where git's index vouched
   * for the source then (discover/git-index.ts): in a fresh clone a source still as git checked it
   * out, with that id and the copy's size, is the copy's, and its bytes are not compared.
   */
  let staticIds = new Map<string, string>();
  /** This build's reading of git's index: undefined before it is read, null when there is none to trust. */
  let gitNow: GitIndex | null | undefined;
  /** How many files with a new time this build knew unchanged from git's index. */
  let fromGitCount = 0;
  /**
   * Static output paths held back (plan/statics.ts) by the last build of this output folder, as
   * far as this builder knows: by this session and by the cache's build. None is in
   * `writtenStatics`, so one released since is copied.
   */
  let withheld = new Set<string>();
  /** The cache key of the build whose pages `written` describes, and that folder's inode then. */
  let writtenKey: string | undefined;
  let writtenIno = -1;
  const shard = options.shard;
  const cacheDir = options.cache === false || mode !== 'disk' || shard ? undefined : path.resolve(siteDir, options.cache ?? '.dateline-cache');
  /** Set when the fingerprints describe the output folder as it is on disk now. */
  let templatesHash = '';
  /** Each template file's hash when those fingerprints were made ("0:tag.njk": see CacheData). */
  let templateHashes = new Map<string, string>();
  let memoryFiles = new Map<string, string | Uint8Array>();
  let renderSetupKey = '';
  /** The view table the pool's workers hold (render-init): a new graph's table is a new array. */
  let poolViews: unknown[] | undefined;
  /** A view table sent to a pool's workers ahead of the render's set-up, which takes it from them. */
  let viewsAhead: { pool: WorkerPool; views: unknown[] } | undefined;
  /** Whether the pool's workers have a parser (parse-init): a pool a render started has none. */
  let parseReady = false;
  let templateEpoch = 0;
  let inProcessRender: ((jobs: RenderJob[]) => RenderOutput) | undefined;
  const searchStep = createSearchStep(cacheDir);
  /** What the last successful build of a watch session planned: the body-edit fast path starts from it. */
  let last: LastBuild | undefined;
  let fastParser: ((files: FileToParse[]) => ParseOutput) | undefined;
  /** Where the articles' bodies are: in memory, or in the cache's segments (cache/body-store.ts). */
  const store = new BodyStore(
    cacheDir,
    (source) => parsed.get(source)?.article,
    (source) => {
      const c = parsed.get(source);
      return c && entryBody(c);
    },
    (sources) => (fastParser ??= createParser(config!))(sources.map((s) => ({ ...s, abs: absOf(s.path) }))).articles,
  );
  /** What the sources that changed since the cache was written had parsed to (this build only). */
  let dropped = new Map<string, Parsed>();
  /** Names the plan state on disk that matches `written`; a full build's snapshot waits in `unsavedState`. */
  let stateId: string | undefined;
  /** Body-only edits made since the plan state was written (source → hash): the state plus these is the index. */
  let stateDelta = new Map<string, string>();
  let unsavedState: LastBuild | undefined;
  /** The cache's index as read, so that a save of a few changes writes just those (cache/build-cache.ts). */
  let baseline: IndexBaseline | undefined;
  /** The id of the plan state this build already wrote, for the index to name. */
  let persistedAs: string | undefined;
  /** A search index being re-made after a fast build (searchInBackground), and what it reported. */
  let pendingSearch: Promise<void> | undefined;
  let searchNotes: Diagnostic[] = [];
  /** What that background search found damaged in the cache: the next build reports it. */
  let searchDamage: string[] = [];
  /** The site's files the config imports (config/deps.ts): an edit to one is a config edit. */
  let configDeps: string[] = [];
  /** Renders of the rest of a site with errors (checkTheRest), each with fresh templates. */
  let restRuns = 0;
  /** The photo files' sizes, each read again only when the file changed (discover/photo-size.ts). */
  const photoFacts = new PhotoFactsCache();
  /**
   * `manifest`: every file of the output folder as the last manifest read it, except those in
   * `touched`; undefined when the folder is not known so (a new folder, one replaced).
   */
  let record: Map<string, FileRecord> | undefined;
  /** Output paths written or removed in place since the record was made (publish/manifest-record.ts). */
  let touched = new Set<string>();
  /** The record on disk names this mark (manifest builders), or the folder had it when this builder took it over (the others). */
  let recordMark: string | undefined;
  /** A new output folder was swapped in since `recordMark`: no journal follows that. */
  let swappedIn = false;
  /** The hashed copies of CSS and JS (long cache lifetime in the manifest), as the last full build made them. */
  let hashedCopies = new Set<string>();

  async function run(changes: SourceChange[] | undefined): Promise<BuildResult> {
    const started = performance.now();
    const timings: Record<string, number> = {};
    let mark = started;
    const time = (stage: string) => {
      const t = performance.now();
      timings[stage] = Math.round((t - mark) * 10) / 10;
      mark = t;
    };
    let parseCount = 0;
    fromGitCount = 0;
    gitNow = undefined;
    /** The static files this build copied into the output folder (by output path). */
    const copiedNow = new Set<string>();
    const result = (partial: Partial<BuildResult> & { diagnostics: Diagnostic[] }): BuildResult => ({
      ok: !hasErrors(partial.diagnostics),
      articles: 0,
      pagesWritten: 0,
      renderCount: 0,
      parseCount,
      fromGit: fromGitCount,
      timings,
      seconds: (performance.now() - started) / 1000,
      outDir,
      configDeps,
      ...partial,
      nextChange: 'nextChange' in partial ? partial.nextChange : partial.graph && partial.config ? nextChange(partial.graph, partial.config) : undefined,
      cacheNote: partial.cacheNote ?? cacheDamageNote(takeCacheDamage()),
      diagnostics: sortDiagnostics(partial.diagnostics),
    });

    // Damage noted in this thread before this build (another builder's, or a caller's own use of
    // the cache's readers) is not this build's to report: its note names what it found itself.
    takeCacheDamage();
    await pendingSearch;
    for (const what of searchDamage) cacheDamaged(what);
    searchDamage = [];
    // A build killed between the two renames of its swap left no output folder: the old site is
    // put back first (write/sink.ts), and its mark lets this build write into it as usual.
    if (mode === 'disk') recoverOutput(outDir);
    // The output folder deleted (`rm -rf dist` beside a running `serve`) or replaced by another
    // build since this session wrote it: the session's record of it no longer holds, and every
    // page and static file is written again (a body edit's fast path would write one page only).
    // What another build left there (a `--drafts` preview's draft pages) is no page of this site:
    // the whole folder is made again, and swapped in, as a first build's is.
    let replaced = false;
    if (incremental && mode === 'disk' && written.size > 0 && writtenIno !== -1 && inodeOf(outDir) !== writtenIno) {
      written = new Map();
      writtenStatics = new Map();
      staticIds = new Map();
      writtenIno = -1;
      last = undefined;
      replaced = true;
      record = undefined;
      touched = new Set();
    }
    const lastBuild = last;
    last = undefined;
    dropped = new Map();
    if (lastBuild && changes?.length) {
      const fast = await bodyEdits(lastBuild, changes, time).finally(endFast);
      if (fast) {
        parseCount = fast.parseCount;
        last = lastBuild;
        return result({ ...fast, ...(await manifestNow(config!, lastBuild.copies, time)) });
      }
    }

    // The full path re-makes the search index itself: notes from a background one are stale.
    searchNotes = [];
    const configFile = findConfigFile(siteDir);
    // What the site's own templates show of a page's corrections and editor's note: the parse
    // warns about those a page's template shows nowhere. Part of the config (and so of the cache's
    // key and the workers' parser); a template edit that changes it parses every file again.
    const shows = templateShows(siteDir);
    const showsChanged = config !== undefined && JSON.stringify(config.templateShows ?? {}) !== JSON.stringify(shows);
    const full = replaced || !incremental || !config || changes === undefined || changes.some((c) => c.path === configFile || configDeps.includes(c.path)) || mode === 'check' || showsChanged;
    // A session's own record of the output folder: for a full rebuild with the same key (the
    // schedule's), truer than the cache's on disk, which is from before the session's edits.
    // Only while the folder is the one the session wrote (not deleted or replaced by another build).
    const own = full && incremental && cacheDir && written.size > 0 && inodeOf(outDir) === writtenIno ? { key: writtenKey, written, writtenStatics, staticIds, withheld, templatesHash, templateHashes } : undefined;
    // The cache's index read on another thread while the config loads and the files are listed.
    const indexAhead = full && cacheDir ? readIndexAhead(cacheDir) : undefined;
    // The site's files are listed before the cache is read: on a large site a thread of its own
    // then reads their sizes and times meanwhile (discover/stat-thread.ts). Or they are the cache's
    // record of the last listing, while no folder listed has changed (discover/listing.ts): then
    // the thread is asked at once, and reads them while the config loads.
    const trail = full && cacheDir ? newTrail() : undefined;
    const listingKey = `${VERSION}\0${siteDir}\0${THEME_STATIC}`;
    const recorded = trail ? listedStill(readListingRecord(cacheDir!), listingKey) : undefined;
    const askSigs = (sources: readonly SourceEntry[]) => {
      statThread = trail && options.workers !== 0 && sources.length >= STAT_THREAD_FILES ? startStatThread() : undefined;
      return statThread?.filesUntil(sources.map((s) => s.abs));
    };
    let sigsAsked = recorded && askSigs(recorded.sources);
    // A cache folder the build may not write (a read-only checkout) stops it before it writes
    // anything: found only when the cache is saved, it came after the new site was in place.
    if (full && cacheDir && !config) {
      mkdirSync(cacheDir, { recursive: true });
      accessSync(cacheDir, fsConstants.W_OK);
    }
    if (full) {
      // Before the load, which may fail: the session must watch what the faulty import is in.
      configDeps = configFile ? configDependencies(siteDir, configFile) : [];
      try {
        configWarnings = [];
        config = await loadConfig(siteDir, { baseUrl: options.baseUrl, transpileCache: cacheDir ? path.join(cacheDir, 'config') : undefined, warnings: configWarnings });
        if (preview) config = previewConfig(config);
        config = { ...config, templateShows: shows };
      } catch (e) {
        config = undefined;
        // A config mistake is said with the content's, checked under the config as it would be
        // without the keys at fault, when none of them changes what those checks say.
        if (e instanceof BuildError) return result({ diagnostics: [...e.diagnostics, ...(e instanceof ConfigError && e.fallback ? await contentProblems({ ...e.fallback, templateShows: shows }) : [])] });
        throw e;
      }
      parsed.clear();
      store.clear();
      fastParser = undefined;
      // The record of the output folder stays until this build writes another one: a full build
      // that fails (a config edit while an article is broken) leaves the folder as it was, and the
      // next rebuild still knows what is in it (a page to remove after a delete).
      memoryFiles = new Map();
      renderSetupKey = '';
    }
    const cfg = config!;
    const key = cacheKey({ v: VERSION, cfg, drafts: !!options.drafts, future: !!options.future, noindex: options.noindex || undefined });
    // Fingerprints leave out what the key holds (the config): under another key the record still
    // lists the folder's files, but no page of it is as this build would make it.
    if (full && writtenKey !== undefined && writtenKey !== key && written.size > 0) {
      written = new Map([...written.keys()].map((p) => [p, '']));
      writtenStatics = new Map([...writtenStatics.keys()].map((p) => [p, '']));
      staticIds = new Map();
      writtenKey = key;
    }
    time('config');
    const files = recorded ?? (await discover(siteDir, THEME_STATIC, trail));
    // Made now, before the build adds to `files`; written with the cache's index.
    listing = trail && !recorded ? listingRecord(trail, files, listingKey) : undefined;
    sigsAsked ??= askSigs(files.sources);
    time('discover');

    // A one-shot build (or a builder's first) starts from the persistent cache when there is one.
    let restored = false;
    if (full && cacheDir) {
      const cached = readCache(cacheDir, key, await indexAhead);
      baseline = cached ? new IndexBaseline(cached) : undefined;
      for (const [p, c] of cached?.parsed ?? []) {
        parsed.set(p, c);
        if (entryHash(c) !== undefined) store.restored(p, entrySegment(c));
      }
      if (own && own.key === key) {
        ({ written, writtenStatics, staticIds, withheld, templatesHash, templateHashes } = own);
        // No plan state to resume from: the one on disk is from the session's start.
        stateId = undefined;
        stateDelta = new Map();
        restored = true;
      } else if (cached && cached.outDir === outDir && cached.outState !== undefined && readOutputMark(outDir) === cached.outState && holdsRecord(cached.written, cached.statics) && manifestRecordHolds(cached.outState)) {
        // The cache's record of the output folder holds while the folder's mark agrees with it.
        writtenKey = key;
        writtenIno = inodeOf(outDir);
        outMark = cached.outState;
        written = new Map(cached.written);
        writtenStatics = new Map(cached.statics);
        staticIds = new Map(cached.staticIds ?? []);
        // The files the cache's build held back are not in the folder, and neither are any this
        // builder held back since (a folder a session wrote into has no mark: `own` above).
        for (const p of cached.withheld ?? []) withheld.add(p);
        for (const p of withheld) writtenStatics.delete(p);
        templatesHash = cached.templatesHash;
        templateHashes = new Map(cached.templateHashes ?? []);
        stateId = cached.stateId;
        stateDelta = new Map(cached.stateDelta ?? []);
        restored = true;
      }
    }
    const inPlace = (!full || restored) && mode === 'disk';
    markedAt = restored && mode === 'disk' ? markTime(outDir) : undefined;
    // Before anything is written: what a killed build of this pid left (a container's pid 1).
    if (mode === 'disk') removeOwnLeftovers(outDir, STAGED, inPlace);
    const nowResult = resolveNow(options.now, cfg.timeZone);
    if ('error' in nowResult) return result({ diagnostics: [nowResult.error] });
    const now = nowResult.ms;
    time('index');

    // The config's warnings go with discovery's: every path of the build (a resumed plan too) says those.
    if (configWarnings.length) files.diagnostics = [...configWarnings, ...files.diagnostics];
    const diagnostics: Diagnostic[] = [...files.diagnostics];
    // Read by V8 at each full collection: it applies from the next one, in every thread.
    largeSite = files.sources.length >= LARGE_SITE;
    if (options.ownsProcess && largeSite) setFlagsFromString('--heap-growing-percent=30');
    // CSS and JS get content-hashed copies beside the originals; the `asset` filter links to them.
    const assets = await hashAssets(files.statics);
    files.statics = [...files.statics, ...assets.copies].sort((a, b) => (a.outPath < b.outPath ? -1 : 1));
    for (const st of files.statics) staticSig(st);
    // --strict: warnings become errors at each point where the build may stop.
    const gate = () => {
      if (options.strict) diagnostics.splice(0, diagnostics.length, ...promoteWarnings(diagnostics));
      return hasErrors(diagnostics);
    };
    time('assets');

    // Parse what is new or changed; everything else comes from the previous build (or the cache,
    // where a file counts as unchanged when its size and mtime, or else its hash, are the same).
    const changed = new Set((changes ?? []).map((c) => c.path));
    const changedStatics = new Set((changes ?? []).filter((c) => c.path.startsWith('static/')).map((c) => c.path.slice('static/'.length)));
    const listed = new Set(files.sources.map((s) => s.path));
    for (const p of [...parsed.keys()]) if (!listed.has(p) || changed.has(p)) forget(p);
    // Size and mtime of every file on a build that starts from the cache; of the changed ones only
    // on a rebuild in watch mode (the watcher already said what changed).
    // The thread's answers are for a full build's list, every source in order; one it could not read is asked again here.
    // What the thread has not reached by now, the build stats itself (below).
    const asked = await sigsAsked?.rest().catch(() => undefined);
    const found = full && asked?.length === files.sources.length ? asked : undefined;
    const sigs = cacheDir ? new Map(files.sources.filter((s) => full || !parsed.has(s.path)).map((s, i) => {
      const known = found?.[i];
      if (known) return [s.path, known];
      // Numbers, not the Stats object with its four Dates: 100,000 of them stay till the end.
      const st = statSync(s.abs);
      return [s.path, { size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, ino: st.ino }];
    })) : undefined;
    let sigsMoved = false;
    if (sigs && full) {
      const hashFile = fileHasher();
      // A file with another size or time than the cache's is the same when its bytes hash the same.
      const moved = files.sources.filter((s) => {
        const p = parsed.get(s.path);
        const st = sigs.get(s.path)!;
        return p && (p.size !== st.size || p.mtimeMs !== st.mtimeMs);
      });
      // An entry with errors has no hash: parsed again whatever its bytes.
      const toHash = moved.filter((s) => entryHash(parsed.get(s.path)!) !== undefined);
      // Many (a fresh clone gives every file a new time): those still as git checked them out
      // have their hash in git's index; the rest are read, on the stat thread as well.
      const git = toHash.length >= gitIndexFrom() ? gitIndex() : undefined;
      const fromGit = new Map<string, string>();
      if (git) {
        for (const s of toHash) {
          const oid = gitHashOf(git, s.abs, sigs.get(s.path)!, parsed.get(s.path)!.size);
          if (oid !== undefined) fromGit.set(s.path, oid);
        }
      }
      const asHashed = toHash.filter((s) => !fromGit.has(s.path)).map((s) => ({ abs: s.abs, size: sigs.get(s.path)!.size }));
      const read = statThread && asHashed.length >= SHARED_HASHES ? await statThread.hashTogether(asHashed, hashFile) : asHashed.map((f) => hashFile(f.abs, f.size));
      let k = 0;
      const hashes = new Map(toHash.map((s) => [s.path, fromGit.get(s.path) ?? read[k++]]));
      moved.forEach((s) => {
        const p = parsed.get(s.path)!;
        const st = sigs.get(s.path)!;
        const hash = entryHash(p);
        if (hash === undefined || hash !== hashes.get(s.path)) forget(s.path);
        else {
          if (fromGit.has(s.path)) fromGitCount++;
          p.size = st.size;
          p.mtimeMs = st.mtimeMs;
          sigsMoved = true;
        }
      });
    }
    // Many static files with a new time but their copy's size (a fresh clone's photos): those still
    // as git checked them out are known by their id, not by comparing their bytes (asCopied).
    if (restored && gitNow === undefined && files.statics.filter((st) => movedStatic(st)).length >= gitIndexStatics()) gitIndex();
    // The times of the output's folders, for the sweep at the end (sweepOutput), asked before the
    // build writes, and after the hashes, which the thread shares.
    if (statThread && markedAt !== undefined) folderTimes = statThread.folders(path.resolve(outDir), [...written.keys(), ...writtenStatics.keys()]).catch(() => undefined);
    const toParse: FileToParse[] = files.sources.filter((s) => !parsed.has(s.path));
    parseCount = toParse.length;
    const templateDirs = templateDirsOf(siteDir);
    // Each file named by its folder ("0:" the site's, "1:" the theme's, whether or not the site has one) and name.
    const readTemplates = () => templateDirs.flatMap((d) => readTextFiles(d, isTemplateFile).map((f) => ({ path: `${d === THEME_TEMPLATES ? 1 : 0}:${f.path}`, text: f.text })));
    let templateSources: { path: string; text: string }[] | undefined;
    // A cached build where only bodies changed (or nothing): the last full build's plan, reused.
    if (restored && cacheDir && !shard && toParse.length <= MAX_RESUMED_EDITS && !hasErrors(files.diagnostics)) {
      templateSources = readTemplates();
      // The changed files first: the plan state is read only when they are all body-only edits.
      const reparsed = toParse.length > 0 ? (fastParser ??= createParser(cfg))(toParse) : { articles: [], diagnostics: [] };
      const bodyOnly = reparsed.diagnostics.length === 0 && reparsed.articles.length === toParse.length && reparsed.articles.every((a) => isBodyOnlyEdit(dropped.get(a.source)?.article, a, cfg));
      // The articles are decoded from the index only when the site has page bundles with documents.
      const current = function* () {
        for (const f of files.sources) yield (dropped.get(f.path) ?? parsed.get(f.path))?.article;
      };
      const resumed = bodyOnly ? resume(files.sources.map((f) => f.path), files.statics, publishedBundleFiles(files.bundleFiles, current(), cfg), assets.names, hashFiles(templateSources), files.diagnostics) : undefined;
      if (resumed) {
        time('resume');
        try {
          const fast = await bodyEdits(resumed, toParse.map((f) => ({ type: 'change', path: f.path })), time, (p) => dropped.get(p) ?? parsed.get(p), reparsed);
          if (fast) {
            // Before the cache names the folder again: a foreign file removed takes the mark off.
            await sweepOutput([...written.keys(), ...writtenStatics.keys()]);
            // Also when the search index was written in place, which took the folder's mark off.
            if (toParse.length > 0 || sigsMoved || staticsMoved || outMark === undefined) {
              saveCache(key);
              time('cache');
            }
            parseCount = fast.parseCount;
            return result({ ...fast, ...(await manifestNow(cfg, undefined, time, new Set(assets.copies.map((c) => c.outPath)))) });
          }
        } finally {
          endFast();
        }
      }
    }
    const size = poolSize(files.sources.length, options.workers);
    // A new pool repays its start only with as much work as poolMinWork says. One a watch session
    // already runs has loaded dateline and compiled the templates (a new graph's views still go to
    // it again), and keeps this thread free for the dev server.
    const enoughWork = (n: number) => n >= (pool ? 200 : poolMinWork(options.workers));
    if (size > 0 && enoughWork(toParse.length)) {
      pool ??= new WorkerPool(size, files.sources.length, { ownsProcess: options.ownsProcess });
      // With a cache, the workers keep the bodies in its segments and send back where.
      // A watch session's pool that so far only rendered has no parser yet.
      if (!parseReady || full) await pool.broadcast({ type: 'parse-init', config: cfg, spool: cacheDir });
      parseReady = true;
      poolFor = 'parse';
      const outs = await pool.map<FileToParse, ParseOutput>('parse', 'files', toParse, { batchSize: 100, onProgress: (n) => options.onProgress?.('parse', n, toParse.length) });
      storeParsed(toParse, outs);
    } else if (toParse.length > 0) {
      storeParsed(toParse, [createParser(cfg)(toParse)]);
      options.onProgress?.('parse', toParse.length, toParse.length);
    }
    if (sigs) {
      for (const f of toParse) {
        const p = parsed.get(f.path)!;
        p.size = sigs.get(f.path)!.size;
        p.mtimeMs = sigs.get(f.path)!.mtimeMs;
      }
    }
    const articles: Article[] = [];
    const failedFiles: FileToParse[] = [];
    for (const s of files.sources) {
      const p = parsed.get(s.path)!;
      diagnostics.push(...p.diagnostics);
      if (p.article) articles.push(p.article);
      else failedFiles.push(s);
    }
    // A page bundle's photos, and the documents its story links to (plan/bundles.ts).
    const bundleFiles = publishedBundleFiles(files.bundleFiles, articles, cfg);
    time('parse');

    const graphOptions = { now, drafts: !!options.drafts, future: !!options.future, preview: hidden };
    // Files that failed to parse are not in the site, but a `related` naming one is no mistake of
    // its own (model/failed.ts). Read again only when there are any.
    const failed = failedFiles.length > 0 ? failedContent(failedFiles, cfg, graphOptions) : undefined;
    const { graph, diagnostics: graphDs } = buildGraph(articles, cfg, graphOptions, failed?.slugs);
    diagnostics.push(...graphDs.map(atGraphLine));
    // A live blog's update timed later than now: its photos wait with it.
    const waits: Waits = (ms) => !graphOptions.future && ms > graphOptions.now;
    // The photos the published pages show, read from their files' headers: their sizes go into
    // the graph before the plan (model/photos.ts), and the files at fault are said at their lines.
    diagnostics.push(...sizePhotos(graph, articles, files.statics, bundleFiles, cfg, waits, changes));
    // The config's logo and share image, read the same way: every page shows or names them.
    const configImages = siteImages(cfg, siteDir, { fileOf: (p) => files.statics.find((st) => st.outPath === p)?.source, factsOf: (abs) => photoFacts.get(abs), missing: mode !== 'check' });
    diagnostics.push(...configImages.diagnostics);
    // What the files that changed had parsed to in the last build, against the output folder it wrote.
    if (dropped.size > 0 && written.size > 0) {
      const before = [...dropped.values()].flatMap((p) => (p.article ? [p.article] : []));
      const fresh = new Set(toParse.map((f) => f.path).filter((p) => !dropped.has(p)));
      diagnostics.push(...movedStories(before, articles, graph, cfg, siteDir, (p) => written.has(p), (p) => fresh.has(p)));
      diagnostics.push(...redatedIntoFuture(before, articles, graph, cfg, graphOptions, siteDir, (p) => written.has(p)));
    }
    time('model');
    // Fingerprints are needed first only to choose what to render; a build that renders everything
    // makes them while the workers render.
    const selecting = !full || restored;
    // A one-shot build that renders every page on its workers sends them the view table now: they
    // read it while this thread makes the plan, not after (0.25 s a worker at 10,000 articles, 2 s
    // at 100,000, the collector's copies of it included). Nothing changes the views after the model.
    if (pool && !incremental && !selecting && !shard && enoughWork(graph.views.length)) sendViewsAhead(pool, graph.views);

    const planned = plan(graph, cfg);
    diagnostics.push(...planProblems(planned, articles, graph, cfg, graphOptions, templateDirs, failed?.articles, diagnostics));
    if (mode === 'check') diagnostics.push(...macroCallProblems(templateDirs, siteDir));
    planned.jobs.push(headersJob(cfg.basePath, assets.copies, hidden));
    diagnostics.push(...staticCollisions(planned.jobs, files.statics, siteDir, cfg.search.enabled));
    // Static files that only unpublished content shows (a scheduled article's photo) wait for it.
    // The config and the templates are read for the few that would be held back.
    let siteText: string | undefined;
    const held = withheldStatics({
      articles,
      live: (a) => isLive(a, graphOptions),
      waits,
      statics: files.statics,
      config: cfg,
      namedBySite: (p) => (siteText ??= [JSON.stringify(cfg), ...(templateSources ??= readTemplates()).map((t) => t.text)].join('\n')).includes(p),
    });
    // A photo the last build held back with its story, which no story shows now: the story was
    // deleted (the usual way to take one down), and the photo goes out like any file in static/.
    // Not while a file fails: it may be the story that holds it (a typo in its `withdrawn`), and
    // nothing is written.
    if (withheld.size > 0 && failedFiles.length === 0) {
      const statics = new Set(files.statics.map((st) => st.outPath));
      const released = [...withheld].filter((p) => !held.has(p) && statics.has(p)).sort();
      if (released.length > 0) {
        const shown = shownBy(articles, released, cfg, (a) => isLive(a, graphOptions), waits);
        for (const p of released) {
          if (shown.has(p)) continue;
          diagnostics.push(warning('STATIC_RELEASED', `static/${p} was held back with a story that is no longer in the site, and no page shows it now: as any file in static/, it is published at /${p}.`, { file: `static/${p}`, hint: 'If it went with the story that was taken down, delete the file; to keep it, this warning goes once the file is published.' }));
        }
      }
    }
    const kept = held.size ? files.statics.filter((s) => !held.has(s.outPath)) : files.statics;
    // A page bundle's files (flood-defences/river.jpg), beside its story while it is published.
    const placed = bundleFiles.length ? bundleStatics(bundleFiles, [...graph.articles, ...graph.pages]) : [];
    // Those only a live blog's update still to come shows wait with it (kept free for it below).
    const heldInBundles = new Set<string>();
    if (placed.length) {
      for (const a of articles) {
        if (a.bundle === undefined || !a.updates || !isLive(a, graphOptions)) continue;
        for (const src of heldUpdateImages(a, waits)) {
          const p = staticPathOf(src, cfg);
          if (p !== undefined) heldInBundles.add(p);
        }
      }
      if (heldInBundles.size) for (const p of shownBy(articles, [...heldInBundles], cfg, (a) => isLive(a, graphOptions), waits)) heldInBundles.delete(p);
    }
    const bundled = heldInBundles.size ? placed.filter((b) => !heldInBundles.has(b.outPath)) : placed;
    for (const b of bundled) {
      staticSig(b);
      if (changed.has(b.path)) changedStatics.add(b.outPath);
    }
    // A scheduled story's files where they will be: the build that publishes it must not fail.
    const publishing = bundleFiles.length && graph.upcoming.length ? new Set(graph.upcoming.filter((u) => u.change === 'publish').map((u) => u.source)) : undefined;
    const upcoming = publishing?.size ? bundleStatics(bundleFiles, articles.filter((a) => a.bundle !== undefined && publishing.has(a.source)).map((a) => ({ source: a.source, outputPath: `${a.bundle!.slice(1)}index.html` }))) : [];
    if (heldInBundles.size) upcoming.push(...placed.filter((b) => heldInBundles.has(b.outPath)));
    diagnostics.push(...bundleCollisions([...bundled, ...upcoming], planned.jobs, files.statics, siteDir));
    const statics = bundled.length ? [...kept, ...bundled].sort((a, b) => (a.outPath < b.outPath ? -1 : 1)) : kept;
    // Its references to files it does not have, said at their lines.
    let reportedMissing: string[] = [];
    if (articles.some((a) => a.bundle !== undefined)) {
      let outputs: Set<string> | undefined;
      const checked = bundleReferences({
        articles,
        files: bundleFiles,
        placed: new Map([...graph.articles, ...graph.pages].filter((p) => bundleFolder(p.source) !== undefined).map((p) => [p.source, p.outputPath])),
        exists: (p) => (outputs ??= new Set([...planned.jobs.map((j) => j.outputPath), ...files.statics.map((st) => st.outPath), ...bundled.map((b) => b.outPath), ...heldInBundles])).has(p),
        config: cfg,
        // `check` calls a broken link an error, and says this one here, once.
        severity: mode === 'check' ? 'error' : 'warning',
        refused: files.refusedBundleFiles,
        textOf: (file) => {
          try {
            return readFileSync(absOf(file), 'utf8');
          } catch {
            return undefined;
          }
        },
      });
      diagnostics.push(...checked.diagnostics);
      reportedMissing = checked.missing;
    }
    // A photo that is not there: `check` fails on it as a broken link; a build says so too.
    if (mode !== 'check') {
      const present = new Set([...statics.map((st) => st.outPath), ...held, ...heldInBundles, ...reportedMissing]);
      const nearOf = nearStatics(() => [...statics.map((st) => st.outPath), ...held, ...heldInBundles]);
      // Hints for the first 100 at most: a migrated archive's thousands of missing photos are not each compared with every file.
      let suggested = 0;
      for (const m of missingImages(articles, present, cfg, (a) => isLive(a, graphOptions))) {
        const photo = m.lead || /\.(?:jpe?g|png|gif|webp|avif|svg|bmp|tiff?|heic)(?:[?#]|$)/i.test(m.src);
        const what = m.lead ? 'The lead photo' : photo ? 'A photo in the body' : 'A file the body links to';
        const at = staticPathOf(m.src, cfg);
        const put = `static/${at ?? m.src.replace(/^\/+/, '').replace(/[?#].*$/, '')}`;
        // A path typed a letter wrong: the file that is there, written as the story wrote the path.
        const near = at && m.src.includes(at) && suggested++ < 100 ? nearOf(at) : undefined;
        const hint = near !== undefined ? `Write ${m.src.replace(at!, near)}, the file in static/ with the nearest name; or put the file at ${put}.` : `Put the file at ${put}, or correct the path.`;
        const d = warning('MISSING_IMAGE', `${what}, ${m.src}, is not in static/ (nor beside the story): readers would see ${photo ? 'a broken image' : 'a broken link'}.`, { file: m.article.source, hint });
        diagnostics.push(atText(d, m.src, siteDir, m.lead ? 'front' : 'body'));
      }
    }
    time('plan');
    if (gate()) {
      // Nothing is written, but the rest of the site is rendered (in memory) and checked, so that
      // the templates' mistakes, and with `check` the broken links, are said with the content's,
      // not after they are mended.
      diagnostics.push(...templateSyntaxErrors(templateDirs, siteDir));
      // A watch session whose templates and config are as the last build rendered them knows their
      // mistakes already: an editor's bad save is said at once, without rendering the whole site.
      const templatesAsBefore = incremental && changes !== undefined && !changes.some((c) => c.path.startsWith('templates/') || c.path === configFile || configDeps.includes(c.path));
      if (templatesAsBefore && mode !== 'check') return result({ diagnostics, articles: graph.articles.length });
      const rest = await checkTheRest({ diagnostics, sources: files.sources, articles, graph, jobs: planned.jobs, failed, cfg, graphOptions, siteImages: configImages.sizes, statics, assets: assets.names, templateDirs, size, enoughWork });
      diagnostics.push(...rest.diagnostics);
      time('render');
      gate();
      return result({ diagnostics, articles: graph.articles.length, renderCount: rest.rendered });
    }

    const globals = globalsOf(graph, graphOptions, configImages.sizes);
    // A rebuild compares fingerprints of what would be rendered; a full build renders everything.
    const templatesChanged = (changes ?? []).filter((c) => c.path.startsWith('templates/'));
    const tracking = (incremental || !!cacheDir) && mode !== 'check';
    const usePool = size > 0 && enoughWork(planned.jobs.length);
    const bodies = [...graph.articles, ...graph.pages];
    const encode = createEncoder(graph.views, bodies);
    const hashOf = new Map(articles.map((a) => [a.source, a.hash]));
    const fingerprint = tracking ? createFingerprinter({ globals: { ...globals, assets: assets.names }, views: graph.views, encoder: encode, bodies, hashOf, timeZone: cfg.timeZone }) : undefined;
    // Encoded jobs (plan/encode.ts), made as they are needed.
    const encoded = usePool || tracking ? new EncodedJobs(planned.jobs, encode) : undefined;
    const encodedAt = (i: number): EncodedJob => encoded!.at(i);
    /** Every job is encoded and fingerprinted: what the encoder and fingerprinter keep between jobs goes. */
    const fingerprinted = () => {
      fingerprint?.forget();
      encode.forget();
    };
    let fingerprints = fingerprint && encoded && selecting ? planned.jobs.map((_, i) => fingerprint(encodedAt(i))) : undefined;
    if (fingerprints) fingerprinted();
    // Templates compared by content between cached builds; in watch mode by the changed paths.
    // The template files are read once: for the cache's template hash and for an edit's dependents.
    templateSources ??= cacheDir || templatesChanged.length ? readTemplates() : [];
    const newTemplatesHash = cacheDir ? hashFiles(templateSources) : '';
    const newTemplateHashes = cacheDir ? hashEach(templateSources) : new Map<string, string>();
    time('fingerprint');
    // A shard renders every count-th page of the plan, which is the same on every machine.
    let dirty = planned.jobs.map((_, i) => i).filter((i) => !shard || i % shard.count === shard.index - 1);
    if (selecting && fingerprints) {
      const fps = fingerprints;
      // Since the cache: the template files whose bytes differ, were added or went (the site's or
      // the theme's); in watch mode: the paths the watcher saw change.
      const changedTemplates = restored && newTemplatesHash !== templatesHash ? changedNames(templateHashes, newTemplateHashes) : templatesChanged.map((c) => c.path.slice('templates/'.length));
      const retemplate = templatesForChanges(changedTemplates, planned.jobs, templateSources);
      dirty = dirty.filter((i) => written.get(planned.jobs[i].outputPath) !== fps[i] || retemplate(planned.jobs[i]));
    }
    // Many pages rendered into the live folder (a template edit in CI) are staged on disk by the
    // workers, not sent back: the main thread never holds every page.
    const pooled = usePool && enoughWork(dirty.length);
    const staging = inPlace && mode === 'disk' && pooled;
    const setup: RenderSetup = { config: cfg, siteDir, templateDirs, globals, assets: assets.names, mode: !inPlace && mode === 'disk' ? 'disk' : mode === 'check' ? 'check' : staging ? 'stage' : 'memory', outDir: '', preview: hidden };
    const sink = !inPlace && mode === 'disk' ? new DiskSink(outDir) : undefined;
    setup.outDir = sink?.tmp ?? (staging ? outDir : '');
    // Templates are compiled once per environment: any template change needs fresh ones.
    const setupKey = JSON.stringify({ g: globals, a: assets.names, m: setup.mode, o: setup.outDir, t: templatesChanged.length ? ++templateEpoch : templateEpoch, n: graph.views.length });
    // A cached build has the bodies of the pages it renders now, and only those, read: by the
    // workers from the segments, or here for a render in this thread.
    if (pooled && cacheDir) setup.bodies = cacheDir;
    // When every page renders, that is every body: nothing needs encoding before the first
    // batch goes (encoding every job here kept the workers waiting 0.2 s at 10,000 articles).
    const everyPage = dirty.length === planned.jobs.length;
    const rendered = store.anyElsewhere ? (encoded && !everyPage ? dirty.flatMap((i) => encoded.bodyRefs(i).map((k) => bodies[k])) : bodies) : [];
    const loaded = store.ensure(rendered, { placedAreRead: !!setup.bodies });
    const reencode = loaded ? createEncoder(graph.views, bodies) : undefined;
    // A cold build on workers that writes the plan state: each job is encoded once, as its batch
    // goes, and fingerprinted and kept for the plan state there, rather than fingerprinted ahead
    // (its encoding then kept until sent, or at 100,000 articles encoded again to send) and encoded
    // once more for the plan state. At 100,000 articles those two encodings took the main thread
    // about 6 s while the workers render.
    const atSend = pooled && !reencode && everyPage && !shard && !!fingerprint && !!encoded && !fingerprints && !!cacheDir && !incremental && !hasErrors(diagnostics);
    const sentFingerprints: string[] | undefined = atSend ? new Array<string>(planned.jobs.length) : undefined;
    const sent = atSend ? sentJobValues(planned.jobs.length) : undefined;
    // An encoded job is kept until it is fingerprinted and, when the workers render it from the
    // encoding, sent.
    if (encoded && fingerprint) encoded.keepFor('fingerprint');
    if (encoded && pooled && !reencode) encoded.keepFor('send', dirty);
    if (encoded && fingerprints) for (let i = 0; i < planned.jobs.length; i++) encoded.done(i, 'fingerprint');
    const toRender: RenderWork = pooled
      ? {
          jobs: dirty,
          views: graph.views,
          prepare: (batch) =>
            batch.map((i) => {
              if (reencode) return reencode(planned.jobs[i]).job;
              const e = encodedAt(i);
              if (sent) {
                sentFingerprints![i] = fingerprint!(e);
                sent.add(i, e.job);
                encoded!.done(i, 'fingerprint');
              }
              encoded!.done(i, 'send');
              return e.job;
            }),
        }
      : { jobs: dirty, prepare: (batch) => batch.map((i) => planned.jobs[i]) };
    /** The mark a staging build took off the folder, and whether it has written in place since. */
    let stagedOver: string | undefined;
    let wroteLive = false;
    let swappedIno = -1;
    // Search (src/search/): a Pagefind index of the published articles, made from the graph in
    // Pagefind's own process while the pages render, and written with them (before the swap).
    // Memory builds keep it in memory; `check` only lists its files. It never rejects.
    let unmark: (() => void) | undefined;
    let leaveCritical: (() => void) | undefined;
    /** When the site next changes by itself: kept with the plan state, and the build's result says it. */
    const siteNext = nextChange(graph, cfg);
    /** The build's graph and plan, for a later build's body-edit fast path (`LastBuild`). */
    const snapshotOf = (ds: Diagnostic[]): LastBuild => {
      let dependents: Map<number, number[]> | undefined;
      return {
        graph,
        views: tableOf(graph.views),
        jobs: planned.jobs,
        bodies: tableOf(bodies),
        nextMove: nextMove(graph),
        nextChange: siteNext,
        bodyAt: new Map(bodies.map((b, k) => [b.source, k])),
        // Asked for once every job is encoded: the plan state written as the jobs are sent asks last.
        get dependents() {
          return (dependents ??= bodyDependents(planned.jobs.map((_, i) => encoded!.bodyRefs(i))));
        },
        hashOf,
        globals: { ...globals, assets: assets.names },
        setup: { ...setup, mode: 'memory', outDir: '', precompiled: true },
        // Said by the build that moved a story, took one down by its date or released a photo, not again by each build after it.
        diagnostics: ds.filter((d) => !SAID_ONCE.has(d.code)),
        discovered: files.diagnostics.length,
        copies: mode === 'memory' ? new Map(statics.map((s) => [s.outPath, s.source])) : undefined,
        sources: files.sources.map((f) => f.path),
        hashes: files.sources.map((f) => parsed.get(f.path)?.article?.hash ?? ''),
        holdsBack: articles.some((a) => !isLive(a, graphOptions)),
      };
    };
    /** The plan state written while the pages rendered, and how many diagnostics it knew. */
    let early: { id: string; diagnostics: number } | undefined;
    const searchRun = searchStep(graph, cfg, { enabled: !shard || shard.index === 1, outDir, inPlace, bodyHash: (source) => hashOf.get(source), htmlOf: (a) => store.htmlOf(a) });
    try {
      if (staging) {
        stagedOver = outMark;
        unmarkOutput();
      }
      unmark = staging ? markStaging(outDir) : undefined;
      const control: MapControl = {};
      const rendering = renderAll(toRender, setup, setupKey, size, control);
      // Marked as handled: they are awaited below, after the main thread's own work.
      rendering.catch(() => {});
      searchRun.catch(() => {});
      // A group of jobs the plan state waits for that was not sent by the end never will be.
      if (sent) rendering.then(() => sent.abandon(), () => sent.abandon());
      if (fingerprint && encoded && !fingerprints && !sent) {
        const each = function* () {
          for (let i = 0; i < planned.jobs.length; i++) {
            const fp = fingerprint(encodedAt(i));
            encoded.done(i, 'fingerprint');
            // This runs ahead of the batches sent: kept until its batch went, the encodings were
            // up to 190 MB of this thread's heap at 100,000 articles, so a very large site's batch
            // encodes it again. Below that they are kept (about 10 MB at 10,000 articles): encoding
            // twice took the main thread 130 ms while the workers render, and with bare templates
            // the workers wait on it (0.97 of the build's time and CPU, 6 alternating pairs).
            if (largeSite) encoded.drop(i);
            yield fp;
          }
        };
        fingerprints = await whileRendering(each(), !!toRender.views);
        fingerprinted();
      }
      if (cacheDir && !incremental && toRender.views) {
        // The plan state (graph and plan, for the next build's fast path) is written while the
        // workers render, rather than alone after them: 4 s at 100,000 articles. A step at a time,
        // the workers' next batches sent between the steps; a queue filled ahead covers a step
        // that takes long. It counts only if the build ends as it was then: successful with the
        // same diagnostics (else it is written again at the end).
        if ((fingerprints || sent) && !shard && !hasErrors(diagnostics)) {
          control.prefetch?.(Math.ceil((planned.jobs.length / RENDER_BATCH / size) * 0.15));
          early = { id: randomBytes(8).toString('hex'), diagnostics: diagnostics.length };
          const steps = persistPlanStateSteps(cacheDir, snapshotOf(diagnostics.slice()), early.id, sent);
          // A signal between two steps ends the build: the half-written file goes.
          const kept = onInterrupt(() => void steps.return());
          try {
            await whileRendering(steps, true);
          } finally {
            kept();
          }
        }
      }
      const renderOut = await rendering;
      if (sentFingerprints) {
        // Every job went, each fingerprinted as it did.
        fingerprints = sentFingerprints;
        fingerprinted();
      }
      diagnostics.push(...renderProblems(renderOut));
      // Rendering stops at the first template that does not parse: every one of them, each once.
      if (renderOut.diagnostics.some((d) => d.code === 'TEMPLATE_SYNTAX')) diagnostics.push(...templateSyntaxErrors(templateDirs, siteDir));
      // A one-shot build needs its workers no more: their heaps (a quarter of the peak at 100,000
      // articles) go back before the search index, the commit and the cache's index. A watch
      // session on a very large site lets them go too: kept, with the garbage of the pages they
      // wrote, they held 800 MB of its 1.9 GB at 100,000 articles between saves, where an edit that
      // needs them (a template's) takes tens of seconds and a new pool's start is lost in it.
      if (!incremental || largeSite) await closePool();
      time('render');
      const search = await searchRun;
      store.closeSearch();
      diagnostics.push(...search.diagnostics);
      time('search');
      // `check` writes nothing to undo, and follows the links of the pages that did render (a page
      // a template failed on has no links to follow, and its anchors are not known).
      if (gate() && mode !== 'check') {
        await sink?.abort();
        dropStaged(outDir, renderOut.staged);
        remark(stagedOver);
        unmark?.();
        return result({ diagnostics, articles: graph.articles.length, renderCount: renderOut.rendered });
      }
      if (mode === 'check') {
        diagnostics.push(...linkProblems(cfg, planned.jobs, search.files, renderOut.links, statics, graph.articles, undefined, reportedMissing, heldLinkTest(articles, cfg, graphOptions)));
        if (gate()) return result({ diagnostics, articles: graph.articles.length, renderCount: renderOut.rendered });
      } else if (sink) {
        for (const [p, bytes] of search.write) await sink.write(p, bytes);
        if (!shard || shard.index === 1) for (const s of statics) await sink.copy(s.outPath, s.source);
        for (const s of statics) copiedNow.add(s.outPath);
        if (shard) await sink.write(SHARD_MARK, `${shard.index}/${shard.count}\n${shardInputs(key, files.sources, (p) => parsed.get(p)?.article?.hash, statics, assets.names, readTemplates())}\n${shardClock(graph, cfg)}\n`);
        // Every folder a build swaps in says so (the next build may replace it: write/sink.ts);
        // the cache's digest replaces this when it is saved.
        else await sink.write(OUTPUT_MARK, UNTRACKED_MARK);
        // Its identity, taken before the swap (a rename keeps it): another build may swap in its
        // own folder right after, and this build's mark must not go on that one.
        swappedIno = inodeOf(sink.tmp);
        await sink.commit();
        // A new folder, without the old one's mark.
        outMark = undefined;
        record = undefined;
        touched = new Set();
        swappedIn = true;
      } else if (mode === 'disk') {
        wroteLive = true;
        if (staging) await testPause('staged')?.();
        // Putting the pages in place, up to the folder's new mark (saveCache), is a critical
        // section (write/critical.ts): a SIGTERM there leaves the new site whole, and marked.
        leaveCritical = enterCritical();
        // A static file the watcher saw change is copied even when its size and time are the
        // same (a copy that keeps its date, `cp -p`, a zip's two-second times).
        const toCopy = statics.filter((s) => !asCopied(s) || changedStatics.has(s.outPath));
        for (const s of toCopy) copiedNow.add(s.outPath);
        await writeLive({
          pages: [...renderOut.files, ...search.write],
          staged: renderOut.staged,
          statics: toCopy,
          remove: [...staleOutputs(planned.jobs, statics, held), ...search.remove],
        });
        unmark?.();
        if (restored) await sweepOutput([...planned.jobs.map((j) => j.outputPath), ...statics.map((s) => s.outPath)]);
      }
      if (mode === 'memory') {
        if (full) memoryFiles = new Map();
        const live = new Set(planned.jobs.map((j) => j.outputPath));
        for (const p of [...memoryFiles.keys()]) if (!live.has(p)) memoryFiles.delete(p);
        for (const [p, text] of renderOut.files) memoryFiles.set(p, text);
        for (const [p, bytes] of search.files) memoryFiles.set(p, bytes);
      }
      search.commit();
      unsavedState = undefined;
      persistedAs = undefined;
      stateId = undefined;
      stateDelta = new Map();
      if (encoded && fingerprints && !shard && mode !== 'check' && !hasErrors(diagnostics)) {
        if (early && early.diagnostics === diagnostics.length && !incremental) persistedAs = early.id;
        else {
          const snapshot = snapshotOf(diagnostics);
          if (incremental) last = snapshot;
          if (cacheDir) unsavedState = snapshot;
        }
      }
      if (fingerprints) {
        const fps = fingerprints;
        written = new Map(planned.jobs.map((j, i) => [j.outputPath, fps[i]]));
        writtenKey = key;
        // A build that wrote in place keeps the folder's identity from before it wrote: a folder
        // another build swapped in meanwhile is not the one this record describes.
        if (sink) writtenIno = swappedIno === -1 ? inodeOf(outDir) : swappedIno;
        else if (mode !== 'disk') writtenIno = inodeOf(outDir);
        // Each copy's id. One copied now: git's, where the index vouches for the source as it was
        // before the copy and the source is so still after it (an edit in between, at the same size,
        // would name the old bytes). One not copied: as recorded (asCopied keeps the record true).
        staticIds = new Map(statics.flatMap((s) => {
          let id = staticIds.get(s.outPath);
          if (copiedNow.has(s.outPath)) {
            id = staticGitId(s, sigSize(staticSig(s)));
            // Stat'ed again only where git's index names the source (a clone's build), not for every copy.
            if (id !== undefined && !stillAsStated(s)) id = undefined;
          }
          return id === undefined ? [] : [[s.outPath, id] as const];
        }));
        writtenStatics = new Map(statics.map((s) => [s.outPath, staticSig(s)]));
        withheld = held;
        templatesHash = newTemplatesHash;
        templateHashes = newTemplateHashes;
      }
      time('write');
      if (cacheDir && fingerprints && !incremental) {
        saveCache(key);
        time('cache');
      }
      leaveCritical?.();
      const hashed = new Set(assets.copies.map((c) => c.outPath));
      hashedCopies = hashed;
      const made = mode === 'check' ? {} : await manifestNow(cfg, new Map(statics.map((s) => [s.outPath, s.source])), time, hashed);
      return result({
        ...made,
        diagnostics,
        articles: graph.articles.length,
        pagesWritten: planned.jobs.length,
        renderCount: renderOut.rendered,
        files: mode === 'memory' ? new Map([...memoryFiles.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) : undefined,
        copies: mode === 'memory' ? new Map(statics.map((s) => [s.outPath, s.source])) : undefined,
        graph,
        nextChange: siteNext,
        config: cfg,
      });
    } catch (e) {
      // What the folder holds now is not known file by file.
      record = undefined;
      // A failed batch leaves the other workers writing: stop them before the temporary folder goes.
      await closePool();
      await sink?.abort();
      if (staging) dropStaged(outDir, dirty.map((i) => planned.jobs[i].outputPath));
      // Staged pages dropped, nothing written in place yet: the folder is as its mark said.
      if (!wroteLive) remark(stagedOver);
      unmark?.();
      // Left after the clean-up: a signal that came meanwhile ends the process here.
      leaveCritical?.();
      throw e;
    }
  }

  /**
   * Watch mode's fast path: when every change is a body-only edit of a published article or page
   * (see incremental/body-edit.ts), render again just the jobs that carry those bodies, from the
   * last build's graph and plan. Undefined when the edit needs the whole pipeline.
   */
  async function bodyEdits(l: LastBuild, changes: SourceChange[], time: (stage: string) => void, before: (p: string) => Parsed | undefined = (p) => parsed.get(p), parsedNow?: ParseOutput): Promise<(Partial<BuildResult> & { diagnostics: Diagnostic[]; parseCount: number }) | undefined> {
    const cfg = config!;
    // --strict fails a build with warnings: the full path decides, and writes nothing.
    if (options.strict && l.diagnostics.length > 0) return undefined;
    if (!changes.every((c) => c.type === 'change' && c.path.startsWith('content/') && before(c.path)?.article && before(c.path)!.diagnostics.length === 0)) return undefined;
    const nowResult = resolveNow(options.now, cfg.timeZone);
    if ('error' in nowResult || clockMoved(l.graph.now, l.nextMove, nowResult.ms, cfg.timeZone)) return undefined;
    const files = changes.map((c) => ({ path: c.path, abs: absOf(c.path), kind: before(c.path)!.article!.kind }));
    let out: ParseOutput;
    try {
      out = parsedNow ?? (fastParser ??= createParser(cfg))(files);
    } catch {
      return undefined;
    }
    if (out.diagnostics.length > 0 || out.articles.length !== files.length) return undefined;
    if (!out.articles.every((a) => isBodyOnlyEdit(before(a.source)!.article, a, cfg))) return undefined;
    // A link added to a story held back (or taken out) is said, or no longer, by the full path.
    if (l.holdsBack !== false && !out.articles.every((a) => (before(a.source)!.article!.links ?? []).join('\n') === (a.links ?? []).join('\n'))) return undefined;
    time('parse');

    // The jobs to render again, read from a resumed plan state before anything changes: one that
    // cannot be read (its bytes whole, but from another V8) sends the edit down the full path.
    // So are the views and bodies they show, and the whole graph when something reads it all: the
    // search index, a watch session's next build, or a caller of build() given the graph.
    try {
      for (const a of out.articles) {
        const k = before(a.source)?.article?.hash === a.hash ? undefined : l.bodyAt.get(a.source);
        if (k === undefined) continue;
        l.bodies.at(k);
        for (const j of l.dependents.get(k) ?? []) l.jobs.at(j);
      }
      if (cfg.search.enabled || incremental || !options.ownsProcess) l.whole?.();
    } catch {
      return undefined;
    }
    const dirty = new Set<number>();
    for (const a of out.articles) {
      const st = cacheDir ? statSync(absOf(a.source)) : undefined;
      const unchanged = before(a.source)?.article?.hash === a.hash;
      parsed.set(a.source, { article: a, diagnostics: [], size: st?.size, mtimeMs: st?.mtimeMs });
      store.parsed(a);
      l.hashOf.set(a.source, a.hash);
      const at = l.sources.indexOf(a.source);
      if (at >= 0) l.hashes[at] = a.hash;
      stateDelta.set(a.source, a.hash);
      // Saved again with the same bytes: nothing to render.
      if (unchanged) continue;
      const k = l.bodyAt.get(a.source);
      // A draft or a scheduled article is in no page yet.
      if (k === undefined) continue;
      replaceBody(l.bodies.at(k), a);
      for (const j of l.dependents.get(k) ?? []) dirty.add(j);
    }
    const indices = [...dirty].sort((a, b) => a - b);
    const encode = createEncoder(l.views, l.bodies);
    const fingerprint = createFingerprinter({ globals: l.globals, views: l.views, encoder: encode, bodies: l.bodies, hashOf: l.hashOf, timeZone: cfg.timeZone });
    const encodedJobs = indices.map((i) => encode(l.jobs.at(i)!));
    const fps = encodedJobs.map(fingerprint);
    store.ensure(encodedJobs.flatMap((e) => e.bodyRefs.map((k) => l.bodies.at(k))));
    time('fingerprint');
    const setupKey = JSON.stringify({ fast: l.globals, t: templateEpoch, n: l.views.length });
    const renderOut = await renderAll({ jobs: indices, prepare: (batch) => batch.map((i) => l.jobs.at(i)!) }, l.setup, setupKey, 0);
    // A template that fails on the new body: the full path reports it as usual.
    if (renderOut.diagnostics.length > 0) return undefined;
    time('render');
    if (mode === 'disk') {
      // From the first page put in place to the folder's new mark (the caller's saveCache), the
      // search index between: a critical section (write/critical.ts), left by `endFast`.
      leaveFast ??= enterCritical();
      await writeLive({ pages: renderOut.files, statics: [], remove: [] });
    }
    else for (const [p, text] of renderOut.files) memoryFiles.set(p, text);
    indices.forEach((i, n) => written.set(l.jobs.at(i)!.outputPath, fps[n]));
    time('write');
    // The search index holds the words: after the pages, so the edit shows without waiting for it.
    const reindex = async () => {
      const search = await searchStep(l.graph, cfg, { enabled: true, outDir, inPlace: mode === 'disk', bodyHash: (source) => l.hashOf.get(source), htmlOf: (a) => store.htmlOf(a) }).finally(() => store.closeSearch());
      if (mode === 'disk') await writeLive({ pages: search.write, statics: [], remove: search.remove });
      else {
        // The whole index, as a full build keeps it: files of the old one named by their content go.
        for (const p of [...memoryFiles.keys()]) if (p.startsWith(`${SEARCH_FOLDER}/`)) memoryFiles.delete(p);
        for (const [p, bytes] of search.files) memoryFiles.set(p, bytes);
      }
      search.commit();
      return search.diagnostics;
    };
    const notes = searchNotes;
    searchNotes = [];
    // A manifest lists the search index's files as they are when the build returns.
    if (options.searchInBackground && incremental && !options.manifest && config!.search.enabled) {
      pendingSearch = reindex().then(
        (ds) => void searchNotes.push(...ds),
        (e: unknown) => void searchNotes.push(warning('SEARCH_FAILED', `The search index could not be updated: ${e instanceof Error ? e.message : String(e)}.`, { hint: 'Save again; a full build (restart) makes it anew.' })),
      ).finally(() => {
        searchDamage = takeCacheDamage();
        pendingSearch = undefined;
      });
    } else notes.push(...(await reindex()));
    time('search');
    return {
      diagnostics: options.strict ? promoteWarnings([...l.diagnostics, ...notes]) : [...l.diagnostics, ...notes],
      parseCount: files.length,
      articles: l.views.length,
      pagesWritten: l.jobs.length,
      renderCount: renderOut.rendered,
      files: mode === 'memory' ? new Map([...memoryFiles.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) : undefined,
      copies: l.copies,
      graph: l.graph,
      nextChange: l.nextChange,
      config: cfg,
    };
  }

  const absOf = (rel: string) => path.join(siteDir, ...rel.split('/'));

  /**
   * Reads the size of each photo file the published articles and pages show (once per file, and
   * again only when it changed), puts it into the graph, and says which of those files are not
   * images or are far too large for a page.
   */
  function sizePhotos(graph: SiteGraph, articles: readonly Article[], statics: readonly StaticFile[], bundleFiles: BundleFile[], cfg: SiteConfig, waits: Waits, changes: SourceChange[] | undefined): Diagnostic[] {
    // A file the watcher saw change is read again even when its size and time are the same.
    for (const c of changes ?? []) photoFacts.forget(absOf(c.path));
    const files = new Map<string, string>();
    for (const st of statics) if (PHOTO_FILE.test(st.outPath)) files.set(st.outPath, st.source);
    if (bundleFiles.length) for (const b of bundleStatics(bundleFiles, [...graph.articles, ...graph.pages])) if (PHOTO_FILE.test(b.outPath)) files.set(b.outPath, b.source);
    photoFacts.keepOnly(new Set(files.values()));
    if (files.size === 0) return [];
    // By src as written: 10,000 articles show the same twenty photos.
    const bySrc = new Map<string, { facts: PhotoFacts; file: string } | undefined>();
    const read = new Map<string, PhotoFacts | undefined>();
    const factsOf = (src: string): { facts: PhotoFacts; file: string } | undefined => {
      if (bySrc.has(src)) return bySrc.get(src);
      const p = staticPathOf(src, cfg);
      const abs = p === undefined ? undefined : files.get(p);
      let facts: PhotoFacts | undefined;
      if (abs !== undefined) {
        facts = read.get(abs);
        if (facts === undefined && !read.has(abs)) read.set(abs, (facts = photoFacts.get(abs)));
      }
      const found = facts && { facts, file: path.relative(siteDir, abs!).split(path.sep).join('/') };
      bySrc.set(src, found);
      return found;
    };
    const bySource = new Map(articles.map((a) => [a.source, a]));
    sizeGraph(graph, bySource, {
      sizeOf: (src) => {
        const f = factsOf(src)?.facts;
        return f?.width !== undefined && f.height !== undefined ? { width: f.width, height: f.height } : undefined;
      },
      bodyPhotos: (a) => shownBodyImages(a, waits),
    });
    // A lead photo's crops are in no page's <img>, but search engines fetch them.
    for (const page of graph.articles) for (const crop of page.image?.crops ?? []) factsOf(crop);
    // Only the photos at fault are looked at again, by each page that shows them.
    const limits = cfg.photos;
    // An article's lead photo and its crops have more to meet (Google News and Discover's sizes and shapes).
    const leads = new Set<string>();
    const crops = new Set<string>();
    for (const page of graph.articles) if (page.image) {
      leads.add(page.image.src);
      for (const c of page.image.crops ?? []) crops.add(c);
    }
    const faulty = [...bySrc].filter(([src, f]) => f && (NOT_FOR_WEB.test(f.file) || photoAtFault(f.facts, limits, { lead: leads.has(src), crop: crops.has(src) })));
    if (faulty.length === 0) return [];
    const wanted = new Set(faulty.map(([src]) => src));
    const shown: ShownPhoto[] = [];
    const isArticle = new Set(graph.articles.map((page) => page.source));
    for (const page of [...graph.articles, ...graph.pages]) {
      const a = bySource.get(page.source);
      if (!a) continue;
      const article = isArticle.has(page.source);
      const seen = new Set<string>();
      const add = (src: string, lead: boolean, crop = false) => {
        if (seen.has(src) || !wanted.has(src)) return;
        seen.add(src);
        const f = bySrc.get(src)!;
        shown.push({ source: a.source, src, lead, crop, article, file: f.file, facts: f.facts });
      };
      if (a.meta.image) {
        add(a.meta.image.src, true);
        for (const src of a.meta.image.crops ?? []) add(src, true, true);
      }
      for (const src of shownBodyImages(a, waits)) add(src, false);
    }
    return photoProblems(shown, cfg.photos, siteDir);
  }

  /** The critical section a body edit's writes entered (see bodyEdits), if any: left here. */
  let leaveFast: (() => void) | undefined;
  function endFast(): void {
    const leave = leaveFast;
    leaveFast = undefined;
    leave?.();
  }

  /** Stops the workers, and forgets what they were sent. */
  async function closePool(): Promise<void> {
    await pool?.close();
    pool = undefined;
    poolFor = 'none';
    parseReady = false;
    poolViews = undefined;
    viewsAhead = undefined;
  }

  /**
   * Sends the workers a view table ahead of the render's set-up (render-views), which then takes
   * it from them. A worker that could not read it fails the set-up.
   */
  function sendViewsAhead(to: WorkerPool, views: unknown[]): void {
    viewsAhead = { pool: to, views };
    to.broadcast({ type: 'render-views', views }).catch(() => {});
  }

  /**
   * A cached build's way to the fast path: the last full build's graph and plan, when nothing but
   * content bodies can have changed since (same templates, static files, hashed assets and set of
   * content files).
   */
  function resume(sources: string[], statics: StaticFile[], bundleFiles: BundleFile[], assets: Record<string, string>, templates: string, discovered: Diagnostic[]): LastBuild | undefined {
    // A held-back file's bytes do not matter: it is not in the output. The fast path copies no
    // file, and cannot change which are held back (isBodyOnlyEdit, clockMoved).
    // Page bundles' files are counted once their stories' places are known, from the plan state.
    if (templates !== templatesHash || (bundleFiles.length === 0 && statics.length !== writtenStatics.size + withheld.size) || statics.some((st) => !withheld.has(st.outPath) && !asCopied(st))) return undefined;
    const state = resumePlanState(cacheDir!, stateId, { sources, assets, delta: stateDelta, current: (p) => dropped.get(p) ?? parsed.get(p), changed: new Set(dropped.keys()) });
    if (state && bundleFiles.length > 0) {
      // Every story's place: the whole plan state read, which a damaged part of fails here.
      let bundled: StaticFile[];
      try {
        bundled = bundleStatics(bundleFiles, [...state.graph.articles, ...state.graph.pages]);
      } catch {
        return undefined;
      }
      if (statics.length + bundled.length !== writtenStatics.size + withheld.size || !bundled.every(asCopied)) return undefined;
    }
    // Its diagnostics repeat what discovery said then: only when this build's discovery says the same
    // (not a warning about a symlink removed since).
    const said = (ds: Diagnostic[]) => JSON.stringify(ds.map((d) => [d.code, d.file, d.message]));
    return state && said(state.diagnostics.slice(0, state.discovered ?? 0)) === said(discovered) ? state : undefined;
  }

  /**
   * Whether the output folder holds static file `st` as the record says it was copied: its source
   * has the same size and time, or else (a fresh checkout gives every file a new time, as does
   * `git switch` there and back) the same size and the same bytes as the copy in the folder, which
   * the record then takes the new time of. A size or time alone tells nothing: an edited photo
   * can keep its size, and `cp -p` keeps a time. The bytes are compared only where the times
   * differ, and cost what copying them again would have, before the pages that show the file are
   * planned anew: an edit after a fresh checkout of a 10,000-article site took 3 s where the same
   * edit with only the content files' times new took 1.2 s (docs/scaling.md).
   */
  function asCopied(st: StaticFile): boolean {
    const was = writtenStatics.get(st.outPath);
    const now = staticSig(st);
    if (was === now) return true;
    if (was === undefined || mode !== 'disk' || sigSize(was) !== sigSize(now)) return false;
    const id = staticGitId(st, sigSize(was));
    if (id !== undefined && staticIds.get(st.outPath) === id) fromGitCount++;
    else {
      if (!sameBytes(st.source, path.join(outDir, st.outPath), sigSize(now))) return false;
      // The copy has the source's bytes: git's id names them when the source is still as the index
      // vouched for it before they were compared; else the copy has no id.
      if (id !== undefined && stillAsStated(st)) staticIds.set(st.outPath, id);
      else staticIds.delete(st.outPath);
    }
    writtenStatics.set(st.outPath, now);
    staticsMoved = true;
    return true;
  }

  /** Whether a static file's source is as this build's stat of it found it (staticSig): not edited since. */
  function stillAsStated(st: StaticFile): boolean {
    const then = staticStats.get(st);
    const now = then && statSync(st.source, { throwIfNoEntry: false });
    return !!now && now.size === then!.size && now.mtimeMs === then!.mtimeMs && now.ctimeMs === then!.ctimeMs && now.ino === then!.ino;
  }

  /** A static file whose source has a new size or time, and its copy's size: asCopied compares them. */
  function movedStatic(st: StaticFile): boolean {
    const was = writtenStatics.get(st.outPath);
    return was !== undefined && was !== staticSig(st) && sigSize(was) === sigSize(staticSig(st));
  }

  /** Git's id of a static file's source, where this build read git's index and it vouches for the file at `size` bytes. */
  function staticGitId(st: StaticFile, size: number): string | undefined {
    const now = staticStats.get(st);
    return gitNow && now ? gitHashOf(gitNow, st.source, now, size) : undefined;
  }

  /** Git's index, read once a build, the first time it is asked for. */
  function gitIndex(): GitIndex | undefined {
    if (gitNow === undefined) gitNow = readGitIndex(siteDir) ?? null;
    return gitNow ?? undefined;
  }

  function forget(p: string): void {
    const before = parsed.get(p);
    if (before) dropped.set(p, before);
    parsed.delete(p);
    store.forget(p);
  }

  /**
   * Every article this builder holds a parse of, but those still undecoded in the cache's index
   * (IndexEntry): their bodies are in the segments the index named, which the store knows.
   */
  function parsedArticles(): Article[] {
    return [...parsed.values()].flatMap((p) => (undecoded(p) || !p.article ? [] : [p.article]));
  }

  function saveCache(key: string): void {
    const all = parsedArticles();
    // Index entries never decoded: their bodies count in the segments' use, and are moved as any.
    const unread: UnreadBody[] = [];
    for (const c of parsed.values()) {
      const body = undecoded(c) ? c.bodyRef : undefined;
      if (body) unread.push({ body, article: () => c.article! });
    }
    store.beforeSave(all, unread);
    const state = last ?? unsavedState;
    if (persistedAs) {
      // Written while the pages rendered.
      stateId = persistedAs;
      stateDelta = new Map();
    } else if (state && (unsavedState || incremental)) {
      const id = randomBytes(8).toString('hex');
      persistPlanState(cacheDir!, state, id);
      stateId = id;
      stateDelta = new Map();
    }
    unsavedState = undefined;
    persistedAs = undefined;
    const outState = outputState();
    const rest = { key, templatesHash, templateHashes: [...templateHashes], outDir, outState, statics: [...writtenStatics.entries()], staticIds: [...staticIds], withheld: [...withheld], stateId, stateDelta: [...stateDelta] };
    // A few entries changed (an edit, an added story): written as a delta beside the index it started from.
    const changes = baseline?.id ? baseline.changes(parsed, written, { sources: Math.max(64, parsed.size / 50), outputs: Math.max(640, written.size / 5) }) : undefined;
    if (baseline?.id && changes) {
      // Written without their bodies (cache/build-cache.ts).
      const entries = [...changes.parsed].map((s): [string, CachedParse | undefined] => [s, parsed.get(s)]);
      writeCacheDelta(cacheDir!, baseline.id, rest, entries, [...changes.written].map((o) => [o, written.get(o)]), [...changes.sigs].map((s) => parsed.get(s) as IndexEntry));
      baseline.wrote(changes);
    } else {
      const id = writeCache(cacheDir!, { ...rest, parsed: [...parsed.entries()], written: [...written.entries()] }, store.named);
      baseline = id ? new IndexBaseline({ id, parsed: [...parsed.entries()], written: [...written.entries()], fromDelta: { parsed: [], written: [] } }) : undefined;
    }
    // With those decoded when their bodies moved.
    store.afterSave(unread.length > 0 ? parsedArticles() : all);
    if (listing) writeListingRecord(cacheDir!, listing);
    listing = undefined;
    markOutput(outState);
    staticsMoved = false;
    keepRecord();
  }

  /**
   * With `manifest`: the manifest of the output folder as it is now, made from the record and the
   * files touched since (read again), or whole when there is no record. Memory builds hash their
   * files. Kept in the cache for the next build, under the folder's mark.
   */
  async function manifestNow(cfg: SiteConfig, copies: ReadonlyMap<string, string> | undefined, time: (stage: string) => void, hashed = hashedCopies): Promise<{ manifest?: Manifest; manifestHashed?: number }> {
    if (!options.manifest || mode === 'check') return {};
    const o = { baseUrl: cfg.baseUrl, basePath: cfg.basePath, hashed };
    let manifest: Manifest;
    let read: number;
    if (mode === 'memory') {
      manifest = await collectManifest({ files: memoryFiles, copies: copies ?? new Map() }, o);
      read = manifest.files.length;
    } else {
      await testPause('manifest')?.();
      if (record) {
        read = touched.size;
        await updateRecord(outDir, record, touched);
      } else {
        record = await recordOutput(outDir);
        read = record.size;
      }
      touched = new Set();
      manifest = manifestOfRecord(record, o);
      keepRecord();
    }
    // The clock it was built for, when given (`--now`): `dateline diff` holds back one built ahead.
    const clock = options.now === undefined ? undefined : resolveNow(options.now, cfg.timeZone);
    manifest = markManifest(manifest, { preview, noindex: hidden, now: clock && 'ms' in clock ? clock.ms : undefined });
    time('manifest');
    return { manifest, manifestHashed: read };
  }

  /**
   * After the folder's mark is set: a manifest builder keeps its record (when it has read every
   * file touched), the others note what they touched in the record's journal.
   */
  function keepRecord(): void {
    if (!cacheDir || mode !== 'disk') return;
    if (options.manifest) {
      if (!record || touched.size > 0) return;
      if (outMark === undefined) {
        dropRecord(cacheDir);
        recordMark = undefined;
      } else if (outMark !== recordMark) {
        writeRecord(cacheDir, outDir, outMark, record);
        recordMark = outMark;
      }
      return;
    }
    if (swappedIn || outMark === undefined || recordMark === undefined) dropRecord(cacheDir);
    else if (touched.size > 0 || outMark !== recordMark) noteInRecord(cacheDir, recordMark, outMark, touched);
    recordMark = outMark;
    touched = new Set();
    swappedIn = false;
  }

  /**
   * A build that starts from the cache's record of the output folder: with `manifest`, the last
   * manifest's record is read too, and the folder must still hold what it lists (a file changed or
   * deleted by hand since: no, and the folder is made anew). Without a record, it holds.
   */
  function manifestRecordHolds(mark: string): boolean {
    recordMark = mark;
    swappedIn = false;
    touched = new Set();
    record = undefined;
    if (!options.manifest || !cacheDir) return true;
    const kept = readRecord(cacheDir, outDir, mark);
    if (!kept) return true;
    if (!recordHolds(outDir, kept.files, kept.touched)) {
      recordMark = undefined;
      return false;
    }
    record = kept.files;
    touched = kept.touched;
    return true;
  }

  /**
   * Writes the folder's mark, only on the folder this builder's record describes (the one it
   * swapped in, or wrote into in place): a build racing this one may have swapped in its own
   * folder since, and the record on that folder would have the next build trust what this one
   * never wrote there (another build's preview pages). There the mark says no record holds.
   */
  function markOutput(state: string): void {
    const pause = process.env.DATELINE_TEST_PAUSE_BEFORE_MARK;
    if (pause) pauseWhile(pause);
    const ours = () => writtenIno !== -1 && inodeOf(outDir) === writtenIno;
    outMark = ours() ? state : undefined;
    setOutputMark(outDir, outMark);
    // Swapped between the look and the write: the mark may be on the other folder.
    if (outMark !== undefined && !ours()) {
      setOutputMark(outDir, undefined);
      outMark = undefined;
    }
  }

  /**
   * Whether the folder still holds what a record lists, at its top level: a `rm -rf dist/*` leaves
   * the hidden mark, and the record would have the build write only what changed into an empty folder.
   */
  function holdsRecord(pages: Iterable<[string, string]>, statics: Iterable<[string, string]>): boolean {
    let names: Set<string>;
    try {
      names = new Set(readdirSync(outDir));
    } catch {
      return false;
    }
    for (const list of [pages, statics]) for (const [p] of list) if (!names.has(p.slice(0, (p.indexOf('/') + 1 || p.length + 1) - 1))) return false;
    return true;
  }

  /** A digest of what this builder wrote to the output folder, for the folder's mark. */
  function outputState(): string {
    // The key and the templates too: fingerprints leave them out, and a folder of older templates'
    // pages (restored from an old commit) would otherwise carry the same mark.
    // Hashed 64 KB at a time: one string of 15,000 entries took 25–35 ms to build and hash at the
    // end of a one-article edit, a few chunks of it 5 ms. The bytes hashed are the same.
    const hash = createHash('sha1');
    let text = `${writtenKey ?? ''}\n${templatesHash}\n`;
    const add = (t: string) => {
      text += t;
      if (text.length >= 65_536) {
        hash.update(text);
        text = '';
      }
    };
    for (const [p, fp] of written) add(`${p}\0${fp}\n`);
    add('\n');
    for (const [p, sig] of writtenStatics) add(`${p}\0${sig}\n`);
    return hash.update(text).digest('base64url');
  }

  /** Before the first write into the live output folder: the mark goes until the cache is saved. */
  function unmarkOutput(): void {
    if (outMark === undefined) return;
    setOutputMark(outDir, undefined);
    outMark = undefined;
  }

  /** Puts back the mark a build took off a folder it then left as it was. */
  function remark(state: string | undefined): void {
    if (state === undefined || outMark !== undefined) return;
    markOutput(state);
  }

  /**
   * A build that wrote into the folder a cached build left (a warm build) leaves in it only what a
   * cold build of the same sources would: a file it did not make goes (write/foreign.ts). Watch
   * rebuilds after the first do not look: the session made the folder.
   */
  async function sweepOutput(live: string[]): Promise<void> {
    if (mode !== 'disk') return;
    // The thread's times are from before this build wrote: what it wrote or removed in is looked at again.
    const early = await folderTimes;
    for (const p of removeForeign(outDir, live, unmarkOutput, markedAt, early && timesBeforeWrites(early, touched))) touched.add(p);
  }

  /** Writes into the live output folder; its mark goes first when anything there changes. */
  async function writeLive(o: Parameters<typeof writeInPlace>[1]): Promise<void> {
    if (o.pages.length > 0 || o.staged?.length || o.statics.length > 0 || o.remove.length > 0) unmarkOutput();
    // Before the writes: one that fails half way still counts.
    for (const [p] of o.pages) touched.add(p);
    for (const p of o.staged ?? []) touched.add(p);
    for (const s of o.statics) touched.add(s.outPath);
    for (const p of o.remove) touched.add(p);
    await writeInPlace(outDir, o);
  }

  /**
   * Files the previous build wrote that this one does not: a deleted article, an emptied tag, a
   * static file held back now. A held-back file found in the output is removed even when the
   * fingerprints do not list it (they can be older than the folder in a watch session).
   */
  function staleOutputs(jobs: RenderJob[], statics: StaticFile[], held: Set<string>): string[] {
    const live = new Set([...jobs.map((j) => j.outputPath), ...statics.map((s) => s.outPath)]);
    const stale = new Set([...written.keys(), ...writtenStatics.keys()].filter((p) => !live.has(p)));
    for (const p of held) if (!stale.has(p) && existsSync(path.join(outDir, ...p.split('/')))) stale.add(p);
    return [...stale];
  }

  function storeParsed(files: FileToParse[], outs: ParseOutput[]): void {
    const byPath = new Map<string, Parsed>(files.map((f) => [f.path, { diagnostics: [] }]));
    const intern = interner();
    for (const out of outs) {
      for (const a of out.articles) byPath.get(a.source)!.article = shareStrings(a, intern);
      for (const d of out.diagnostics) byPath.get(d.file ?? '')?.diagnostics.push(d);
    }
    for (const [p, v] of byPath) {
      parsed.set(p, v);
      // A worker that parsed with a cache left the body in a segment (cache/bodies.ts).
      if (v.article) store.parsed(v.article);
      else store.forget(p);
    }
  }

  /** What the templates give every page: the build's clock and flags, the sections with articles, and the sizes of the config's images. */
  function globalsOf(graph: SiteGraph, o: GraphOptions, siteImages: SiteImageSizes) {
    return {
      build: { now: new Date(o.now).toISOString(), drafts: !!options.drafts, preview: hidden },
      sections: graph.sections.filter((t) => t.articles.length > 0).map((t) => ({ name: t.name, slug: t.slug, url: t.url })),
      siteImages,
    };
  }

  /**
   * What rendering said, as the build reports it: a page's own template that does not exist at
   * its `layout`. A template that does not parse is said from its file (templateSyntaxErrors).
   */
  function renderProblems(out: RenderOutput): Diagnostic[] {
    return out.diagnostics.filter((d) => d.code !== 'TEMPLATE_SYNTAX').map((d) => (d.code === 'TEMPLATE_NOT_FOUND' ? atFrontMatterKey(d, 'layout', siteDir) : d));
  }

  /**
   * `check`'s links: every internal link and anchor of the rendered pages (`records`) against the
   * pages planned, the search index's files and the static files. With `failed`, a link to where a
   * content file that failed this build would have its page is not reported.
   */
  function linkProblems(cfg: SiteConfig, jobs: readonly RenderJob[], searchFiles: readonly [string, unknown][], records: readonly [string, PageRecord][], statics: readonly StaticFile[], articles: ArticleFull[], failed?: (outPath: string) => boolean, saidMissing: readonly string[] = [], held?: (href: string) => boolean): Diagnostic[] {
    const links = new LinkIndex(cfg.baseUrl);
    if (held) links.addHeld(held);
    // Feeds, sitemaps and the search index are files that pages link to.
    for (const j of jobs) links.addFile(j.outputPath);
    for (const [p] of searchFiles) links.addFile(p);
    for (const [p, rec] of records) links.addRecord(p, rec);
    for (const s of statics) links.addFile(s.outPath);
    // A bundle's missing file is said where it is referred to, with where to put it (plan/bundles.ts).
    for (const p of saidMissing) links.addFile(p);
    if (failed) links.addFailed(failed);
    const origins = new Map(jobs.map((j) => [j.outputPath, j.origin]));
    // A content file is read again only for a broken link of its own, to give the link's line.
    const texts = new Map<string, string | undefined>();
    const textOf = (file: string) => {
      if (!texts.has(file)) {
        try {
          texts.set(file, readFileSync(path.join(siteDir, file), 'utf8'));
        } catch {
          texts.set(file, undefined);
        }
      }
      return texts.get(file);
    };
    const photos = leadPhotos(articles, cfg);
    return links.check((p) => origins.get(p), textOf, (href) => photos.get(href), (candidates) => linkWrittenAt(candidates));
  }

  /**
   * The first place the site's own templates (then its config) write a link checked as broken on
   * many pages, in quotes or between a tag's `>` and `<`: read only when there is such a link.
   */
  function linkWrittenAt(candidates: string[]): Pick<Diagnostic, 'file' | 'line' | 'column' | 'frame'> | undefined {
    const own = path.join(siteDir, 'templates');
    const files = existsSync(own) ? readTextFiles(own, isTemplateFile).map((f) => ({ file: `templates/${f.path}`, text: f.text })) : [];
    const configFile = findConfigFile(siteDir);
    if (configFile) {
      try {
        files.push({ file: configFile, text: readFileSync(path.join(siteDir, configFile), 'utf8') });
      } catch {
        // unreadable: said by the config's own load
      }
    }
    for (const c of candidates) {
      for (const f of files) {
        const m = new RegExp(`["'\`>]${c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["'\`<]`).exec(f.text);
        if (!m) continue;
        const line = f.text.slice(0, m.index).split('\n').length;
        const column = m.index + 2 - (f.text.lastIndexOf('\n', m.index) + 1);
        return { file: f.file, line, column, frame: codeFrame(f.text, line, column) || undefined };
      }
    }
    return undefined;
  }

  /**
   * The rest of a build stopped by errors before rendering: the site without the content files at
   * fault, rendered in memory for the template errors its pages meet and, with `check`, its links
   * followed, so that one run says every mistake. Only the errors are kept: nothing is written,
   * and the output folder, the cache and what the next build starts from stay as they were.
   */
  async function checkTheRest(x: {
    diagnostics: readonly Diagnostic[];
    sources: readonly { path: string }[];
    articles: Article[];
    graph: SiteGraph;
    jobs: RenderJob[];
    failed: FailedContent | undefined;
    cfg: SiteConfig;
    graphOptions: GraphOptions;
    siteImages: SiteImageSizes;
    statics: readonly StaticFile[];
    assets: Record<string, string>;
    templateDirs: string[];
    size: number;
    enoughWork: (n: number) => boolean;
  }): Promise<{ diagnostics: Diagnostic[]; rendered: number }> {
    const sources = new Set(x.sources.map((f) => f.path));
    // Content files an error is about (a URL taken twice, a layout that does not exist): left out,
    // as those that did not parse are; where their pages are now, a link is not broken.
    const atFault = new Set(x.diagnostics.flatMap((d) => (d.severity === 'error' && d.file !== undefined && sources.has(d.file) ? [d.file] : [])));
    const failed = x.failed ?? emptyFailed();
    let { graph, jobs } = x;
    if (x.articles.some((a) => atFault.has(a.source))) {
      for (const j of jobs) {
        const file = originFile(j.origin);
        if (file && atFault.has(file)) failed.paths.add(j.outputPath);
      }
      // What this model and plan say is said already, by the full ones.
      graph = buildGraph(x.articles.filter((a) => !atFault.has(a.source)), x.cfg, x.graphOptions, failed.slugs).graph;
      jobs = plan(graph, x.cfg).jobs;
    }
    const shard = options.shard;
    const indices = jobs.map((_, i) => i).filter((i) => !shard || i % shard.count === shard.index - 1);
    const pooled = x.size > 0 && x.enoughWork(indices.length);
    const bodies = [...graph.articles, ...graph.pages];
    const setup: RenderSetup = { config: x.cfg, siteDir, templateDirs: x.templateDirs, globals: globalsOf(graph, x.graphOptions, x.siteImages), assets: x.assets, mode: mode === 'check' ? 'check' : 'discard', outDir: '', preview: hidden };
    if (pooled && cacheDir) setup.bodies = cacheDir;
    if (store.anyElsewhere) store.ensure(bodies, { placedAreRead: !!setup.bodies });
    const encode = pooled ? createEncoder(graph.views, bodies) : undefined;
    const work: RenderWork = encode ? { jobs: indices, views: graph.views, prepare: (batch) => batch.map((i) => encode(jobs[i]).job) } : { jobs: indices, prepare: (batch) => batch.map((i) => jobs[i]) };
    const hashOf = new Map(x.articles.map((a) => [a.source, a.hash]));
    // The search index's files are pages' link targets.
    const searching = mode === 'check' ? searchStep(graph, x.cfg, { enabled: !shard || shard.index === 1, outDir, inPlace: false, bodyHash: (source) => hashOf.get(source), htmlOf: (a) => store.htmlOf(a) }) : undefined;
    searching?.catch(() => {});
    // A renderer of its own (a new key): the templates may have changed since one last compiled them.
    const renderOut = await renderAll(work, setup, `rest:${++restRuns}`, x.size);
    const out = renderProblems(renderOut);
    if (searching) {
      const search = await searching;
      store.closeSearch();
      out.push(...search.diagnostics, ...linkProblems(x.cfg, jobs, search.files, renderOut.links, x.statics, graph.articles, (p) => isFailedPath(failed, p), [], heldLinkTest(x.articles, x.cfg, x.graphOptions)));
    }
    return { diagnostics: out, rendered: renderOut.rendered };
  }

  /** A graph's diagnostic about two files, at the line that shows it: a copied story at its `title`. */
  function atGraphLine(d: Diagnostic): Diagnostic {
    return d.code === 'DUPLICATE_STORY' ? atFrontMatterKey(d, 'title', siteDir) : d.code === 'SECTION_COLLISION' ? atFrontMatterKey(d, 'section', siteDir) : d.code === 'AUTHOR_VARIANT' ? atFrontMatterKey(d, 'author', siteDir) : d;
  }

  /** What the plan says of the content: URLs taken twice, layouts that do not exist, scheduled stories whose URL is taken. */
  function planProblems(planned: ReturnType<typeof plan>, articles: Article[], graph: SiteGraph, cfg: SiteConfig, graphOptions: GraphOptions, templateDirs: string[], failedArticles: Article[] = [], said: readonly Diagnostic[] = []): Diagnostic[] {
    return [
      ...planned.diagnostics.map((d) => (d.code === 'BAD_LAYOUT' ? atFrontMatterKey(d, 'layout', siteDir) : d.code === 'URL_COLLISION' ? (/\(its alias "/.test(d.message) ? atFrontMatterKey(d, 'aliases', siteDir) : atTermKey(d, siteDir)) : d)),
      ...missingLayouts(planned.jobs, templateDirs, siteDir),
      // A scheduled story whose URL is taken fails the build that would publish it: said now instead.
      ...scheduledProblems(articles, graph, planned.jobs, cfg, graphOptions, siteDir),
      // A published story's link to a scheduled one or a draft: its address would be public
      // before the story is (an error: nothing held back may leak into what is published).
      ...heldLinkProblems(articles, cfg, graphOptions, siteDir),
      // Another tool's publication time or old address: against the clock and the URLs made.
      ...migratedProblems(articles, cfg, graphOptions, siteDir),
      // The files that failed too, as far as they were read: said with their own mistakes, not
      // after; a line their validation has spoken of already (an embargo key still to come) once.
      ...(failedArticles.length ? notSaidYet(migratedProblems(failedArticles, cfg, graphOptions, siteDir), said) : []),
      // A byline a letter from a registered author's, or two people written as one name.
      ...bylineProblems(articles, cfg, graphOptions, siteDir),
      // A section a letter from one the config lists: a new desk in every page's header.
      ...sectionProblems(articles, cfg, graphOptions, siteDir),
    ];
  }

  /**
   * Every content file's own mistakes and those of the site they make (collisions), under `cfg`:
   * for a build stopped by a config mistake. In this thread, and nothing is rendered, written or
   * cached, nor kept for the next build.
   */
  async function contentProblems(cfg: SiteConfig): Promise<Diagnostic[]> {
    const clock = resolveNow(options.now, cfg.timeZone);
    if ('error' in clock) return [];
    const files = await discover(siteDir, THEME_STATIC);
    // In this thread, a few hundred files at a time: a dev server on it keeps answering (the whole
    // of 10,000 articles takes 3 s).
    const parse = createParser(cfg);
    const articles: Article[] = [];
    const diagnostics: Diagnostic[] = [];
    for (let i = 0; i < files.sources.length; i += 200) {
      const out = parse(files.sources.slice(i, i + 200));
      articles.push(...out.articles);
      diagnostics.push(...out.diagnostics);
      if (i + 200 < files.sources.length) await new Promise((resolve) => setImmediate(resolve));
    }
    const graphOptions = { now: clock.ms, drafts: !!options.drafts, future: !!options.future, preview: hidden };
    // A `related` naming a file that failed is no mistake of its own (model/failed.ts).
    const parsedOk = new Set(articles.map((a) => a.source));
    const failedFiles = files.sources.filter((f) => !parsedOk.has(f.path));
    const failed = failedFiles.length > 0 ? failedContent(failedFiles, cfg, graphOptions) : undefined;
    const { graph, diagnostics: graphDs } = buildGraph(articles, cfg, graphOptions, failed?.slugs);
    const templateDirs = templateDirsOf(siteDir);
    return [...files.diagnostics, ...diagnostics, ...graphDs.map(atGraphLine), ...planProblems(plan(graph, cfg), articles, graph, cfg, graphOptions, templateDirs, failed?.articles, [...files.diagnostics, ...diagnostics])];
  }

  async function renderAll(work: RenderWork, setup: RenderSetup, setupKey: string, size: number, control?: MapControl): Promise<RenderOutput> {
    const total: RenderOutput = { rendered: 0, diagnostics: [], files: [], staged: [], links: [] };
    if (work.jobs.length === 0) return total;
    let outs: RenderOutput[];
    if (work.views) {
      pool ??= new WorkerPool(size, work.views.length, { ownsProcess: options.ownsProcess });
      // The view table goes to each worker once per build, not once per job.
      const key = `${setupKey}|pool`;
      // Sent again for every new graph: the setup key counts the views but does not know what they
      // say, and a watch rebuild with a retitled article would render from the old table.
      if (poolFor !== 'render' || key !== renderSetupKey || work.views !== poolViews) {
        // Sent ahead to these workers (sendViewsAhead), or now.
        const ahead = viewsAhead?.pool === pool && viewsAhead.views === work.views;
        await pool.broadcast({ type: 'render-init', setup: ahead ? setup : { ...setup, views: work.views }, viewsAhead: ahead });
      }
      viewsAhead = undefined;
      poolFor = 'render';
      renderSetupKey = key;
      poolViews = work.views;
      outs = await pool.map<number, RenderOutput>('render', 'jobs', work.jobs, { batchSize: RENDER_BATCH, onProgress: (n) => options.onProgress?.('render', n, work.jobs.length), prepare: work.prepare, control });
    } else {
      if (!inProcessRender || setupKey !== renderSetupKey) inProcessRender = createPageRenderer(setup);
      renderSetupKey = setupKey;
      outs = [inProcessRender(work.prepare(work.jobs))];
      options.onProgress?.('render', work.jobs.length, work.jobs.length);
    }
    const seen = new Set<string>();
    for (const o of outs) {
      total.rendered += o.rendered;
      for (const d of o.diagnostics) {
        const key = renderDiagnosticKey(d);
        if (!seen.has(key)) {
          seen.add(key);
          total.diagnostics.push(d);
        }
      }
      for (const f of o.files) total.files.push(f);
      for (const l of o.links) total.links.push(l);
      for (const p of o.staged) total.staged.push(p);
      for (const w of o.damage ?? []) cacheDamaged(w);
    }
    return total;
  }

  return {
    build: async (changes) => {
      try {
        return await run(changes);
      } finally {
        statThread?.close();
        statThread = undefined;
        folderTimes = undefined;
        // Whichever way the build ended: one that stopped at an error had parsed, or rendered the
        // rest of the site to check it, in workers as well (see the close after rendering).
        if (incremental && largeSite) await closePool();
      }
    },
    close: async () => {
      await pendingSearch;
      await closePool();
      // A one-shot build that failed leaves no index to name the segments its workers wrote.
      if (!incremental) store.dropUnsaved(parsedArticles());
      // A watch session leaves its state for the next build to start from.
      if (incremental && cacheDir && config && written.size > 0) saveCache(cacheKey({ v: VERSION, cfg: config, drafts: !!options.drafts, future: !!options.future, noindex: options.noindex || undefined }));
    },
  };
}

/**
 * A static file at a page's path would silently replace the page (or the page the file). So would
 * a file where a page's folder goes (`static/about-us`, no extension, beside the page
 * /about-us/), or a file inside a folder named as a page's file (`static/feed.xml/x`): the
 * writer could not make both, and stopped with a message about permissions. A file in the
 * search index's folder would replace the index's own.
 */
function staticCollisions(jobs: RenderJob[], statics: StaticFile[], siteDir: string, search: boolean): Diagnostic[] {
  const pages = new Map(jobs.map((j) => [j.outputPath, j]));
  const out: Diagnostic[] = [];
  const fix = 'Rename or move the static file, or give the page another URL.';
  // A CSS or JS file is there twice, as itself and as its content-hashed copy: said once.
  const said = new Set<string>();
  for (const s of statics) {
    if (said.has(s.source)) continue;
    const before = out.length;
    const file = path.relative(siteDir, s.source).split(path.sep).join('/');
    const name = file.startsWith('..') ? s.outPath : file;
    const at = file.startsWith('..') ? undefined : file;
    const page = pages.get(s.outPath);
    if (page) {
      out.push(error('STATIC_COLLISION', `The static file ${name} and ${page.origin} would both be written to /${s.outPath}.`, { file: at, hint: fix }));
      said.add(s.source);
      continue;
    }
    if (search && s.outPath.startsWith(`${SEARCH_FOLDER}/`)) {
      out.push(error('STATIC_COLLISION', `The static file ${name} is in /${SEARCH_FOLDER}/, the folder of the search index, which the build writes: it would replace the index's own file, or be removed.`, { file: at, hint: `Move it out of static/${SEARCH_FOLDER}/ (to static/files/, say).` }));
      said.add(s.source);
      continue;
    }
    // A file in a folder that is a page's file (only the folders above it can be).
    const parts = s.outPath.split('/');
    let inFile: RenderJob | undefined;
    for (let i = 1; i < parts.length && !inFile; i++) inFile = pages.get(parts.slice(0, i).join('/'));
    // A file named as a page's folder: a name without a dot, as a page's folder has (rare in static/: CNAME, LICENSE).
    const folder = `${s.outPath}/`;
    const inside = inFile ?? (parts[parts.length - 1].includes('.') ? undefined : jobs.find((j) => j.outputPath.startsWith(folder)));
    if (inFile) out.push(error('STATIC_COLLISION', `The static file ${name} is in a folder named /${inFile.outputPath}, which is the file of ${inFile.origin}: a site cannot have both.`, { file: at, hint: fix }));
    else if (inside) out.push(error('STATIC_COLLISION', `The static file ${name} would be written to /${s.outPath}, the folder of ${inside.origin} (/${inside.outputPath}): a site cannot have a file and a folder of one name.`, { file: at, hint: `Rename the static file (give it an extension, such as ${parts[parts.length - 1]}.txt), or give the page another URL.` }));
    if (out.length > before) said.add(s.source);
  }
  return out;
}

/**
 * Size and mtime of a static file, taken once per build before it is copied: a file edited or
 * deleted while the build runs then counts as changed at the next build (which the watcher starts).
 */
const staticSigs = new WeakMap<StaticFile, string>();
/** The same stat's numbers, for git's index (discover/git-index.ts). */
const staticStats = new WeakMap<StaticFile, FileSig>();
function staticSig(s: StaticFile): string {
  let sig = staticSigs.get(s);
  if (sig === undefined) {
    try {
      const st = statSync(s.source);
      sig = `${st.size}:${st.mtimeMs}`;
      staticStats.set(s, { size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, ino: st.ino });
    } catch {
      sig = 'gone';
    }
    staticSigs.set(s, sig);
  }
  return sig;
}

/** The size in a `staticSig`; NaN for a file that was gone, or a record that asks for a copy (''). */
function sigSize(sig: string): number {
  const at = sig.indexOf(':');
  return at > 0 ? Number(sig.slice(0, at)) : Number.NaN;
}

function resolveNow(now: BuildOptions['now'], timeZone: string): { ms: number } | { error: Diagnostic } {
  if (now === undefined) return { ms: Date.now() };
  if (typeof now === 'number') return { ms: now };
  if (now instanceof Date) return { ms: now.getTime() };
  const parsed = parseSiteDate(now, timeZone);
  if ('error' in parsed) return { error: error('BAD_NOW', `--now: ${parsed.error}.`, { hint: "Pass --now as 2024-03-20T09:30:00+08:00 (or without an offset, in the site's time zone)." }) };
  return { ms: parsed.ms };
}

/**
 * Template names ("partials/footer.njk") whose file differs between two builds' hashes by place
 * ("0:…" the site's templates, "1:…" the theme's): changed, added or gone, in either folder.
 */
function changedNames(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): string[] {
  const names = new Set<string>();
  for (const [place, h] of after) if (before.get(place) !== h) names.add(place.slice(place.indexOf(':') + 1));
  for (const place of before.keys()) if (!after.has(place)) names.add(place.slice(place.indexOf(':') + 1));
  return [...names].sort();
}

/**
 * The test hook of DATELINE_TEST_PAUSE_BEFORE_MARK (tests/write/race.test.ts): says it is paused
 * by writing that file, and waits until the test removes it, to let another build run meanwhile.
 */
function pauseWhile(file: string): void {
  writeFileSync(file, String(process.pid));
  const wait = new Int32Array(new SharedArrayBuffer(4));
  while (existsSync(file)) Atomics.wait(wait, 0, 0, 20);
}

/**
 * A digest of what a shard was built from, for `merge` to refuse shards of different sources: the
 * cache key (dateline's version, the config, the flags), every source's content hash, the
 * templates, the static files' paths and sizes and the hashed assets' names.
 */
function shardInputs(key: string, sources: { path: string; abs: string }[], hashOfSource: (p: string) => string | undefined, statics: StaticFile[], assets: Record<string, string>, templates: { path: string; text: string }[]): string {
  const h = createHash('sha1').update(`${key}\n${hashFiles(templates)}\n`);
  for (const s of sources) h.update(`${s.path}\0${hashOfSource(s.path) ?? hashText(readFileSync(s.abs, 'utf8'))}\n`);
  for (const s of statics) h.update(`${s.outPath}\0${staticSig(s).split(':')[0]}\n`);
  h.update(JSON.stringify(assets));
  return h.digest('base64url');
}

/**
 * A shard's clock: its `now` and the next time the site changes by itself after it (a story or an
 * update due, one taken down, a new year), in the site's zone. Shards that ran without one
 * `--now`, minutes apart, agree on every page unless such a change falls between their clocks;
 * `merge` checks that (write/merge.ts). A story leaving the News sitemap is not such a change:
 * one shard writes that file, and no page shows it.
 */
function shardClock(graph: SiteGraph, cfg: SiteConfig): string {
  const next = nextChange(graph, { ...cfg, newsSitemap: { ...cfg.newsSitemap, enabled: false } });
  return `now ${isoInZone(graph.now, cfg.timeZone)} next ${next ? `${isoInZone(next.ms, cfg.timeZone)} ${next.change}` : 'none'}`;
}

/** The diagnostics at a file and line none of `said` is at. */
function notSaidYet(ds: Diagnostic[], said: readonly Diagnostic[]): Diagnostic[] {
  const at = new Set(said.map((d) => `${d.file}:${d.line}`));
  return ds.filter((d) => d.line === undefined || !at.has(`${d.file}:${d.line}`));
}

function inodeOf(p: string): number {
  try {
    return statSync(p).ino;
  } catch {
    return -1;
  }
}

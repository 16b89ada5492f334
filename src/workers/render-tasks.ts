import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { extractLinks, type PageRecord } from '../check/links.js';
import type { SiteConfig } from '../config/types.js';
import { kindOf } from '../discover/source-kind.js';
import type { Diagnostic } from '../errors/diagnostic.js';
import { createBodyReader, type BodyRef } from '../cache/bodies.js';
import { takeCacheDamage } from '../cache/damage.js';
import { shownBody, shownHeadings } from '../model/live.js';
import { withPhotoSizes, type PhotoSize } from '../model/photos.js';
import type { ArticleFull, LiveBlog } from '../model/types.js';
import { decodeJob, encodedBodies } from '../plan/encode.js';
import type { RenderJob } from '../plan/types.js';
import { markNoindexPage, markPreviewPage } from '../publish/preview.js';
import { markLanguageRuns } from '../render/language-runs.js';
import { createRenderer, isUndefinedOutput, templateDiagnostic, undefinedOutput, type Renderer } from '../render/nunjucks.js';
import { STAGED } from '../write/in-place.js';
import { safeOutputPath } from '../write/sink.js';
import { createParser, type FileToParse, type ParseOutput } from './tasks.js';

/**
 * The render stage as a function of plain data, in a module of its own: a worker loads it (and
 * Nunjucks) only when it first renders, so it starts parsing sooner.
 */
export interface RenderSetup {
  config: SiteConfig;
  siteDir: string;
  templateDirs: string[];
  globals: Record<string, unknown>;
  /**
   * disk: write into `outDir`; memory: return the files; check: return link records only; stage:
   * write each page beside its place in `outDir`; discard: return only what went wrong (a build
   * that has errors already renders the rest of the site for the template errors it would meet).
   */
  mode: 'disk' | 'memory' | 'check' | 'stage' | 'discard';
  outDir: string;
  /** The views encoded job contexts refer to (see plan/encode.ts); none for unencoded jobs. */
  views?: unknown[];
  /** Static CSS/JS output path → its content-hashed name, for the `asset` filter. */
  assets?: Record<string, string>;
  /** The templates compiled cleanly in an earlier build and have not changed since. */
  precompiled?: boolean;
  /** A preview build: every HTML page gets the robots meta tag of publish/preview.ts. */
  preview?: boolean;
  /** The cache folder, whose segments hold the bodies that jobs name by place (`bodyAt`). */
  bodies?: string;
}

export interface RenderOutput {
  rendered: number;
  diagnostics: Diagnostic[];
  files: [string, string][];
  /** Stage mode: the pages written beside their places. */
  staged: string[];
  links: [string, PageRecord][];
  /** What this thread found damaged in the cache folder while it read bodies (cache/damage.ts). */
  damage?: string[];
}

/** What makes two diagnostics of rendering one: the page they were met on aside. */
export function renderDiagnosticKey(d: Diagnostic): string {
  return d.code === 'TEMPLATE_UNDEFINED' ? `${d.code}|${d.file}|${d.line}` : `${d.code}|${d.file}|${d.line}|${d.message.replace(/^Rendering .*? failed: /, '')}`;
}

export function createPageRenderer(setup: RenderSetup): (jobs: RenderJob[]) => RenderOutput {
  // `check` prints nothing where a value is not there without a word: it renders with Nunjucks'
  // throwOnUndefined, and a page that meets one is reported and rendered again as a build does.
  const check = setup.mode === 'check';
  const renderer: Renderer = createRenderer(check ? { ...setup, strictUndefined: true } : setup);
  let lenient: Renderer | undefined;
  const dirs = new Set<string>();
  const seen = new Set<string>();
  const load = setup.bodies ? bodyLoader(setup) : undefined;
  return (jobs) => {
    const out: RenderOutput = { rendered: 0, diagnostics: [], files: [], staged: [], links: [] };
    const batchSeen = new Set<string>();
    if (load && setup.views) load.prefetch(jobs);
    for (const job of jobs) {
      out.rendered++;
      let text: string;
      try {
        if (setup.views) job.context = decodeJob(job, setup.views, load);
        try {
          text = renderer.render(job);
        } catch (e) {
          if (!check || !isUndefinedOutput(e)) throw e;
          // Once a batch, which the main thread keeps the first of in the jobs' order: the page
          // it names is the same whichever worker rendered which batch.
          const d = undefinedOutput(e, job, setup.siteDir);
          const key = d && renderDiagnosticKey(d);
          if (d && key && !batchSeen.has(key)) {
            batchSeen.add(key);
            out.diagnostics.push(d);
          }
          text = (lenient ??= createRenderer(setup)).render(job);
        }
        if (job.outputPath.endsWith('.html')) {
          text = markLanguageRuns(text, setup.config.language);
          if (setup.preview) text = markPreviewPage(text);
          else if ((job.context as { page?: { kind?: unknown } }).page?.kind === 'withdrawn') text = markNoindexPage(text);
        }
      } catch (e) {
        const d = templateDiagnostic(e, job, setup.siteDir);
        // One broken template fails every page that uses it: report it once.
        const key = renderDiagnosticKey(d);
        if (!seen.has(key)) {
          seen.add(key);
          out.diagnostics.push(d);
        }
        continue;
      }
      if (setup.mode === 'discard') continue;
      if (setup.mode === 'check') {
        if (job.outputPath.endsWith('.html')) out.links.push([job.outputPath, extractLinks(text)]);
      } else if (setup.mode === 'memory') {
        out.files.push([job.outputPath, text]);
      } else if (setup.mode === 'stage') {
        // A large rebuild of the live folder: written beside each page, put in place on success.
        const file = `${safeOutputPath(setup.outDir, job.outputPath)}${STAGED}`;
        makeDir(path.dirname(file), dirs);
        writeFileSync(file, text);
        out.staged.push(job.outputPath);
      } else {
        const file = safeOutputPath(setup.outDir, job.outputPath);
        makeDir(path.dirname(file), dirs);
        writeFileSync(file, text);
      }
    }
    const damage = takeCacheDamage();
    if (damage.length) out.damage = damage;
    return out;
  };
}

const readers = new Map<string, ReturnType<typeof createBodyReader>>();

/**
 * Puts a body read from its segment into a job's body (an article or standalone page) that has
 * only its place. One whose segment is gone (the cache folder deleted, or swept by another build,
 * while this one ran) is parsed again from its file, as the main thread does.
 */
function bodyLoader(setup: RenderSetup): ((body: Record<string, unknown>) => void) & { prefetch(jobs: RenderJob[]): void } {
  const cacheDir = setup.bodies!;
  // One per cache folder for the thread's life: a watch session renders again and again.
  const reader = readers.get(cacheDir) ?? readers.set(cacheDir, createBodyReader(cacheDir)).get(cacheDir)!;
  let parse: ((files: FileToParse[]) => ParseOutput) | undefined;
  /** The places of the bodies a batch's encoded jobs will ask for (decodeJob), read ahead together. */
  const prefetch = (jobs: RenderJob[]) => {
    const refs: BodyRef[] = [];
    for (const job of jobs) {
      // Those the loader below reads: a place, and no HTML.
      for (const b of encodedBodies(job)) if (Array.isArray(b.bodyAt) && b.html === '') refs.push(b.bodyAt as BodyRef);
    }
    if (refs.length > 1) reader.prefetch(refs);
  };
  return Object.assign((b: Record<string, unknown>) => {
    const at = b.bodyAt as BodyRef | undefined;
    if (!at || b.html !== '') return;
    let found: { html: string; headings: unknown[] } | undefined = reader.read(at);
    if (!found) {
      const source = String(b.source);
      found = (parse ??= createParser(setup.config))([{ path: source, abs: path.join(setup.siteDir, ...source.split('/')), kind: kindOf(source) }]).articles[0];
      if (!found) throw new Error(`${source} could not be read again: it changed while the site was building. Run the build again.`);
    }
    // A live blog's body without its updates held back (model/live.ts), as the graph holds it.
    const blog = b.liveBlog as LiveBlog | undefined;
    const shown = shownBody(found.html, blog);
    b.headings = shownHeadings(found.headings as ArticleFull['headings'], shown, blog);
    // With its photos' sizes, as the main thread puts a body in place (model/photos.ts).
    b.html = withPhotoSizes(shown, b.photos as PhotoSize[] | undefined);
  }, { prefetch });
}

/**
 * mkdir once per folder per renderer. Node's recursive mkdir tries the folder itself first (one
 * system call when its parent exists, as for most pages) and climbs only on ENOENT, without
 * throwing: a hand-written climb caught an exception per new parent, and each costs a stack trace.
 * A folder another worker made meanwhile is no error.
 */
function makeDir(dir: string, known: Set<string>): void {
  if (known.has(dir)) return;
  mkdirSync(dir, { recursive: true });
  known.add(dir);
}

import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LinkIndex } from './check/links.js';
import { loadConfig } from './config/load.js';
import type { SiteConfig } from './config/types.js';
import { discover } from './discover/discover.js';
import { BuildError, error, hasErrors, promoteWarnings, sortDiagnostics, type Diagnostic } from './errors/diagnostic.js';
import { buildGraph } from './model/graph.js';
import type { SiteGraph } from './model/types.js';
import { createMarkdown } from './parse/markdown.js';
import { parseSource, type Article } from './parse/source.js';
import { plan } from './plan/plan.js';
import { hashAssets } from './publish/assets.js';
import { headersFile } from './publish/headers.js';
import { ManifestSink, type Manifest } from './publish/manifest.js';
import type { RenderJob } from './plan/types.js';
import { createRenderer, templateDiagnostic } from './render/nunjucks.js';
import { parseSiteDate } from './validate/dates.js';
import { DiskSink, MemorySink, type OutputSink } from './write/sink.js';

/** The package's own folder: the default theme lives in its templates/ and static/theme/. */
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const THEME_TEMPLATES = path.join(PACKAGE_ROOT, 'templates');
export const THEME_STATIC = path.join(PACKAGE_ROOT, 'static', 'theme');

export interface BuildOptions {
  siteDir: string;
  /** Default: <siteDir>/dist. */
  outDir?: string;
  drafts?: boolean;
  future?: boolean;
  /** The clock for scheduled articles (ISO date-time; without an offset, the site's zone). */
  now?: string | number | Date;
  baseUrl?: string;
  /** disk: write outDir; memory: keep files in the result; check: write nothing, check links too. */
  mode?: 'disk' | 'memory' | 'check';
  /** Record every output file (path, sha256, size, content type) in `result.manifest`. */
  manifest?: boolean;
  /** Warnings fail the build like errors (`--strict`). */
  strict?: boolean;
  /** Called as work advances, for a progress display: stage name, items done, items in the stage. */
  onProgress?: (stage: string, done: number, total: number) => void;
}

export interface BuildResult {
  ok: boolean;
  diagnostics: Diagnostic[];
  articles: number;
  /** Pages rendered (HTML and other generated files), not counting copied static files. */
  pagesWritten: number;
  /** How many render jobs ran: what an incremental rebuild test asserts on. */
  renderCount: number;
  timings: Record<string, number>;
  seconds: number;
  outDir: string;
  /** Memory mode: every output file by path. */
  files?: Map<string, string | Uint8Array>;
  /** Memory mode: static files by output path → source path. */
  copies?: Map<string, string>;
  graph?: SiteGraph;
  config?: SiteConfig;
  /** With `manifest: true`, every file written, for `dateline diff` and deploy steps. */
  manifest?: Manifest;
}

/**
 * The one entry point for a build, and the only place that knows the order of the stages:
 * config → discover → parse/validate → model → plan → render → write.
 */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const siteDir = path.resolve(options.siteDir);
  const outDir = path.resolve(options.outDir ?? path.join(siteDir, 'dist'));
  const timings: Record<string, number> = {};
  let mark = performance.now();
  const time = (stage: string) => {
    const t = performance.now();
    timings[stage] = Math.round((t - mark) * 10) / 10;
    mark = t;
  };
  const result = (partial: Partial<BuildResult> & { diagnostics: Diagnostic[] }): BuildResult => ({
    ok: !hasErrors(partial.diagnostics),
    articles: 0,
    pagesWritten: 0,
    renderCount: 0,
    timings,
    seconds: (performance.now() - started) / 1000,
    outDir,
    ...partial,
    diagnostics: sortDiagnostics(partial.diagnostics),
  });

  let config: SiteConfig;
  try {
    config = await loadConfig(siteDir, { baseUrl: options.baseUrl });
  } catch (e) {
    if (e instanceof BuildError) return result({ diagnostics: e.diagnostics });
    throw e;
  }
  const nowResult = resolveNow(options.now, config.timeZone);
  if ('error' in nowResult) return result({ diagnostics: [nowResult.error] });
  const now = nowResult.ms;
  time('config');

  const files = await discover(siteDir, THEME_STATIC);
  const diagnostics: Diagnostic[] = [...files.diagnostics];
  const assets = await hashAssets(files.statics);
  time('discover');

  const markdown = createMarkdown({ iframeHosts: config.markdown.iframeHosts, basePath: config.basePath });
  const articles: Article[] = [];
  for (const source of files.sources) {
    options.onProgress?.('parse', articles.length + 1, files.sources.length);
    const parsed = parseSource(source, { timeZone: config.timeZone, defaultAuthor: config.defaultAuthor, markdown });
    diagnostics.push(...parsed.diagnostics);
    if (parsed.article) articles.push(parsed.article);
  }
  time('parse');

  const { graph, diagnostics: graphDs } = buildGraph(articles, config, { now, drafts: !!options.drafts, future: !!options.future });
  diagnostics.push(...graphDs);
  time('model');

  const planned = plan(graph, config);
  diagnostics.push(...planned.diagnostics);
  time('plan');
  if (options.strict) diagnostics.splice(0, diagnostics.length, ...promoteWarnings(diagnostics));
  if (hasErrors(diagnostics)) return result({ diagnostics, articles: graph.articles.length });

  const mode = options.mode ?? 'disk';
  const sink: OutputSink & { count: number } = mode === 'disk' ? new DiskSink(outDir) : new MemorySink();
  const out = options.manifest ? new ManifestSink(sink, config.basePath, new Set(Object.values(assets.names))) : sink;
  const links = mode === 'check' ? new LinkIndex(config.baseUrl) : undefined;
  const templateDirs = [path.join(siteDir, 'templates'), THEME_TEMPLATES].filter((d, i, all) => all.indexOf(d) === i && existsSync(d));
  const renderer = createRenderer({ config, siteDir, templateDirs, assets: assets.names, globals: {
      build: { now: new Date(now).toISOString(), drafts: !!options.drafts },
      sections: graph.sections.filter((t) => t.articles.length > 0).map((t) => ({ name: t.name, slug: t.slug, url: t.url })),
    },
  });

  let renderCount = 0;
  let failed = false;
  const seen = new Set<string>();
  const renderOne = (job: RenderJob): string | undefined => {
    renderCount++;
    try {
      return renderer.render(job);
    } catch (e) {
      failed = true;
      const d = templateDiagnostic(e, job, siteDir);
      // One broken template fails every page that uses it: report it once.
      const key = `${d.code}|${d.file}|${d.line}|${d.message.replace(/^Rendering .*? failed: /, '')}`;
      if (!seen.has(key)) {
        seen.add(key);
        diagnostics.push(d);
      }
      return undefined;
    }
  };

  try {
    let rendered = 0;
    for (const job of planned.jobs) {
      options.onProgress?.('render', ++rendered, planned.jobs.length);
      const html = renderOne(job);
      if (html === undefined || failed) continue;
      if (links && job.outputPath.endsWith('.html')) links.addPage(job.outputPath, html);
      if (mode !== 'check') await out.write(job.outputPath, html);
    }
    time('render');
    if (!hasErrors(diagnostics)) {
      const statics = [...files.statics, ...assets.copies];
      for (const [i, s] of statics.entries()) {
        options.onProgress?.('copy', i + 1, statics.length);
        links?.addFile(s.outPath);
        if (mode !== 'check') await out.copy(s.outPath, s.source);
      }
      // A site's own static/_headers replaces the one dateline writes.
      if (mode !== 'check' && !statics.some((s) => s.outPath === '_headers')) await out.write('_headers', headersFile(config.basePath, assets.copies.map((c) => c.outPath)));
    }
    if (links) {
      const origins = new Map(planned.jobs.map((j) => [j.outputPath, j.origin]));
      diagnostics.push(...links.check((p) => origins.get(p)));
    }
    if (options.strict) diagnostics.splice(0, diagnostics.length, ...promoteWarnings(diagnostics));
    if (hasErrors(diagnostics)) {
      await sink.abort();
      return result({ diagnostics, articles: graph.articles.length, renderCount });
    }
    await sink.commit();
    time('write');
  } catch (e) {
    await sink.abort();
    throw e;
  }
  const memory = sink instanceof MemorySink ? sink : undefined;
  return result({
    diagnostics,
    articles: graph.articles.length,
    pagesWritten: planned.jobs.length,
    renderCount,
    files: memory?.files,
    copies: memory?.copies,
    graph,
    config,
    manifest: out instanceof ManifestSink ? out.manifest(config.baseUrl) : undefined,
  });
}

function resolveNow(now: BuildOptions['now'], timeZone: string): { ms: number } | { error: Diagnostic } {
  if (now === undefined) return { ms: Date.now() };
  if (typeof now === 'number') return { ms: now };
  if (now instanceof Date) return { ms: now.getTime() };
  const parsed = parseSiteDate(now, timeZone);
  if ('error' in parsed) return { error: error('BAD_NOW', `--now: ${parsed.error}.`, { hint: 'Pass --now as 2024-03-20T09:30:00+08:00 (or without an offset, in the site\'s time zone).' }) };
  return { ms: parsed.ms };
}

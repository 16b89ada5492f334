import path from 'node:path';
import nunjucks from 'nunjucks';
import type { SiteConfig } from '../config/types.js';
import { error, type Diagnostic } from '../errors/diagnostic.js';
import { codeFrame } from '../errors/frame.js';
import { readFileSync } from 'node:fs';
import type { RenderJob } from '../plan/types.js';
import { BUILTIN_RENDERERS } from './builtin.js';
import { createFilters, jsonForScript } from './filters.js';

export interface RenderEnvOptions {
  config: SiteConfig;
  siteDir: string;
  /** Folders searched in order: the site's templates/, then the theme's. */
  templateDirs: string[];
  globals: Record<string, unknown>;
  /** Static CSS/JS output path → its content-hashed name, for the `asset` filter. */
  assets?: Record<string, string>;
}

export interface Renderer {
  render(job: RenderJob): string;
  /** Templates loaded so far (absolute paths), for watch mode's dependency tracking. */
  onLoad(listener: (fullPath: string) => void): void;
}

/**
 * One Nunjucks environment per build (and per worker). Autoescape is on; editor content reaches
 * templates only as data, never as template source.
 */
export function createRenderer(o: RenderEnvOptions): Renderer {
  const loader = new nunjucks.FileSystemLoader(o.templateDirs, { noCache: false, watch: false });
  const env = new nunjucks.Environment(loader, { autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true });
  for (const [name, fn] of Object.entries(createFilters(o.config, o.assets))) env.addFilter(name, fn as (...args: unknown[]) => unknown);
  env.addFilter('jsonScript', (v: unknown) => new nunjucks.runtime.SafeString(jsonForScript(v)));
  env.addGlobal('site', o.config);
  for (const [k, v] of Object.entries(o.globals)) env.addGlobal(k, v);
  const listeners: ((p: string) => void)[] = [];
  (env as unknown as { on(e: string, cb: (name: string, src: { path: string }) => void): void }).on('load', (_name, src) => {
    for (const l of listeners) l(src.path);
  });
  return {
    render(job) {
      if (job.renderer !== 'nunjucks') {
        const builtin = BUILTIN_RENDERERS[job.renderer];
        if (!builtin) throw new Error(`No renderer named "${job.renderer}"`);
        return builtin(job);
      }
      return env.render(job.template!, job.context);
    },
    onLoad(listener) {
      listeners.push(listener);
    },
  };
}

/** Turns a Nunjucks error into a diagnostic naming the template file and line. */
export function templateDiagnostic(e: unknown, job: RenderJob, siteDir: string): Diagnostic {
  const message = e instanceof Error ? e.message : String(e);
  const notFound = /template not found: ([^\n]+)/.exec(message);
  if (notFound) {
    return error('TEMPLATE_NOT_FOUND', `The template ${notFound[1].trim()} does not exist (needed by ${job.origin}).`, {
      file: job.origin.startsWith('content/') ? job.origin : undefined,
      hint: 'Create the template in templates/, or fix the `layout` or include name.',
    });
  }
  const m = /\(([^)]+)\)\s*\[Line (\d+), Column (\d+)\]/.exec(message);
  const detail = message.split('\n').map((l) => l.trim()).filter((l) => l && !/^\(.*\)\s*\[Line/.test(l) && !/^Template render error/.test(l)).pop() ?? message;
  let file: string | undefined;
  let frame: string | undefined;
  const line = m ? Number(m[2]) : undefined;
  const column = m ? Number(m[3]) : undefined;
  if (m && path.isAbsolute(m[1])) {
    const rel = path.relative(siteDir, m[1]);
    file = rel.startsWith('..') ? `(theme) ${path.basename(m[1])}` : rel.split(path.sep).join('/');
    try {
      frame = codeFrame(readFileSync(m[1], 'utf8'), line!, column);
    } catch {
      frame = undefined;
    }
  }
  return error('TEMPLATE_RENDER', `Rendering ${job.origin} failed: ${detail.replace(/^Error:\s*/, '')}`, { file, line, column, frame, hint: 'Fix the template at that line; check the names of variables and filters, and that every tag is closed.' });
}

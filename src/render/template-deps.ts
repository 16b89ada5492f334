import path from 'node:path';
import type { TextFile } from '../discover/text-files.js';
import type { RenderJob } from '../plan/types.js';
import { walkFiles } from '../write/walk.js';

/**
 * Every template a build can load, by its name below its folder (the site's over the theme's of
 * the same name), none under a hidden name (an editor's `.#page.njk` lock file): listed without
 * fast-glob, which a render worker would load for this alone (30 ms).
 */
export function templateFiles(templateDirs: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const dir of templateDirs) walkFiles(dir, (abs, rel) => void (isTemplateFile(rel) && !/(^|\/)\./.test(rel) && !out.has(rel) && out.set(rel, abs)));
  return out;
}

/** A template file as a diagnostic names it: `templates/…` for the site's own, `(theme) x.njk` for the theme's. */
export function templateName(file: string, siteDir: string): string {
  const rel = path.relative(siteDir, file);
  return rel.startsWith('..') ? `(theme) ${path.basename(file)}` : rel.split(path.sep).join('/');
}

/**
 * A tag that loads a template named by an expression, not a quoted name, or by a name relative to
 * the template that loads it (`"./card.njk"`, which Nunjucks resolves against that template's
 * folder): who loads what is unknown to a search for quoted names.
 */
export const LOADS_BY_EXPRESSION = /\{%-?\s*(?:include|extends|import|from)\s+(?!["'](?!\.\.?\/))/;

/**
 * Which pages a template edit affects. A page template used by jobs and included by no other
 * template re-renders its own pages; any other template file (a layout, a partial, a macro file)
 * re-renders every page, as does any edit while some template loads another by an expression
 * (`{% extends layout %}`) or by a relative name: when unsure, render more.
 */
export function templatesForChanges(changedNames: string[], jobs: RenderJob[], sources: TextFile[]): (job: RenderJob) => boolean {
  if (changedNames.length === 0) return () => false;
  const topLevel = new Set(jobs.map((j) => j.template).filter(Boolean));
  const referenced = (name: string) => sources.some(({ text }) => text.includes(`"${name}"`) || text.includes(`'${name}'`));
  const dynamic = sources.some(({ text }) => LOADS_BY_EXPRESSION.test(text));
  if (!dynamic && changedNames.every((n) => topLevel.has(n) && !referenced(n))) {
    const set = new Set(changedNames);
    return (job) => job.template !== undefined && set.has(job.template);
  }
  // Every job, also those without a template (_headers, redirects): cheap, and never stale.
  return () => true;
}

export const isTemplateFile = (name: string): boolean => name.endsWith('.njk') || name.endsWith('.html');

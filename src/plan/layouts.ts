import { existsSync } from 'node:fs';
import path from 'node:path';
import { error, type Diagnostic } from '../errors/diagnostic.js';
import { atFrontMatterKey } from '../validate/key-line.js';
import type { RenderJob } from './types.js';

/**
 * A page template that does not exist (an article's `layout` misspelt), found with the content's
 * other mistakes, before any page renders, and put at the `layout:` line. One file lookup per
 * template name.
 */
export function missingLayouts(jobs: readonly RenderJob[], templateDirs: readonly string[], siteDir: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const exists = new Map<string, boolean>();
  for (const j of jobs) {
    if (!j.template || j.renderer !== 'nunjucks' || !j.origin.startsWith('content/')) continue;
    let found = exists.get(j.template);
    if (found === undefined) exists.set(j.template, (found = templateDirs.some((d) => existsSync(path.join(d, j.template!)))));
    if (!found) {
      const d = error('TEMPLATE_NOT_FOUND', `The template ${j.template} does not exist, needed by ${j.origin}.`, { file: j.origin, hint: `Fix the \`layout\` name (the name of a template in templates/, without ".njk"), or create templates/${j.template}.` });
      out.push(atFrontMatterKey(d, 'layout', siteDir));
    }
  }
  return out;
}

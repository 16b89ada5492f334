import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../errors/diagnostic.js';
import { codeFrame } from '../errors/frame.js';
import { frontMatterLines } from '../parse/front-matter.js';
import { termField, termKindIn } from '../plan/origin.js';

/**
 * A diagnostic about a front-matter field that a later stage found (a `layout` that is no template
 * name, or names no template), given the line, column and frame of that field in its content
 * file. Read only on this error path; a diagnostic that has a line, or no content file, is as it was.
 */
export function atFrontMatterKey(d: Diagnostic, key: string, siteDir: string): Diagnostic {
  const text = unplacedContentText(d, siteDir);
  if (text === undefined) return d;
  const { lines, close } = frontMatterLines(text);
  const pattern = new RegExp(`^${key}\\s*:`);
  for (let i = 1; i < close; i++) {
    if (pattern.test(lines[i])) return { ...d, line: i + 1, column: 1, frame: codeFrame(text, i + 1, 1) };
  }
  return d;
}

/** A URL collision of a section, tag or author page, at that field of the article it is put on (plan.ts). */
export function atTermKey(d: Diagnostic, siteDir: string): Diagnostic {
  // Only when it was put on the article for that reason: a collision with an article's own page
  // is on that article already, which names it.
  if (/content\/\S+\.md/.test(d.message)) return atCollidingArticle(d, siteDir);
  const kind = termKindIn(d.message);
  if (!kind) return d;
  const placed = atFrontMatterKey(d, termField(kind), siteDir);
  return { ...placed, hint: `Rename the ${kind} here, or give it a \`slug\` of its own in the config's \`${kind}s\` list (such as \`{ name: 'Tags', slug: 'tags-news' }\`).` };
}

/**
 * Two articles (or pages) on one URL, at the line that made it: the `slug` one of them was given
 * (an editor who typed a slug already in use, or copied a story and kept its slug), else the `date`
 * the URL is made from, else the `title`. The overlay and the terminal then show the line to change.
 */
function atCollidingArticle(d: Diagnostic, siteDir: string): Diagnostic {
  if (d.line !== undefined) return d;
  // In the plan's order: a page of the site's own may come first or second.
  const site = /^(?:(content\/.+?\.md) and (the .+?)|(the .+?) and (content\/.+?\.md)) would both be written to (\/\S*)\.$/.exec(d.message);
  if (site && (site[1] ?? site[4]) === d.file) return atSitePage(d, site[2] ?? site[3], site[5], siteDir);
  const both = /^(content\/.+?\.md) and (content\/.+?\.md) would both be written to /.exec(d.message);
  if (!both) return d;
  // The file the diagnostic is on first: the later of the two in the plan's order.
  const files = [...new Set([d.file, both[2], both[1]])].filter((f): f is string => f !== undefined);
  for (const key of ['slug', 'date', 'title']) {
    for (const file of files) {
      const placed = atFrontMatterKey({ ...d, file }, key, siteDir);
      if (placed.line !== undefined) return placed;
    }
  }
  return d;
}

/**
 * A page or story on the URL of one of the site's own pages (`slug: tags` on the tags index,
 * content/pages/search.md on the search page): at its `slug`, else at the closing `---`, where a
 * `slug` line is to be added, as for any field that is missing.
 */
function atSitePage(d: Diagnostic, what: string, url: string, siteDir: string): Diagnostic {
  const text = unplacedContentText(d, siteDir);
  if (text === undefined) return d;
  const placed = atFrontMatterKey(d, 'slug', siteDir);
  const name = path.posix.basename(d.file!, '.md');
  if (placed.line !== undefined) return { ...placed, hint: `Give it another \`slug\`: ${url} is ${what}, which the site writes itself.` };
  const { close } = frontMatterLines(text);
  if (close === -1) return d;
  return { ...d, line: close + 1, column: 1, frame: codeFrame(text, close + 1, 1), hint: `Add a \`slug\` line for another URL (such as \`slug: ${name}-page\`), or rename the file: ${url} is ${what}, which the site writes itself.` };
}

/** A diagnostic about something written in a content file (a photo's src), at its first line in the body or the front matter. */
export function atText(d: Diagnostic, needle: string, siteDir: string, part: 'body' | 'front'): Diagnostic {
  const text = unplacedContentText(d, siteDir);
  if (text === undefined) return d;
  const { lines, close } = frontMatterLines(text);
  const [from, to] = part === 'body' ? [close + 1, lines.length] : [1, close];
  for (let i = from; i < to; i++) {
    const at = lines[i].indexOf(needle);
    if (at !== -1) return { ...d, line: i + 1, column: at + 1, frame: codeFrame(text, i + 1, at + 1) };
  }
  return d;
}

/** The text of the content file a diagnostic without a line is about; undefined for any other. */
function unplacedContentText(d: Diagnostic, siteDir: string): string | undefined {
  if (d.line !== undefined || !d.file?.startsWith('content/')) return undefined;
  try {
    return readFileSync(path.join(siteDir, ...d.file.split('/')), 'utf8');
  } catch {
    return undefined;
  }
}

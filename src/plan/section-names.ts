import type { SiteConfig } from '../config/types.js';
import { warning, type Diagnostic } from '../errors/diagnostic.js';
import { isPublished, type GraphOptions } from '../model/graph.js';
import { termKey } from '../parse/slug.js';
import type { Article } from '../parse/source.js';
import { yamlText } from '../validate/article.js';
import { atFrontMatterKey } from '../validate/key-line.js';
import { nearName } from '../validate/near-miss.js';

/**
 * A `section` a letter or two from one of the config's `sections` (`Transprot`): a section not
 * listed is allowed (it follows the listed ones in the navigation), so as written the story would
 * go out under a new desk, with a page, a feed and a link in the header of every page of the site.
 * A warning at the `section` line whose fix is the name as listed, or to list the new desk.
 * Published and scheduled articles; one lookup per section name the articles use.
 */
export function sectionProblems(articles: readonly Article[], config: SiteConfig, o: GraphOptions, siteDir: string): Diagnostic[] {
  if (config.sections.length === 0) return [];
  const listed = config.sections.map((s) => s.name);
  const keys = new Set(listed.map(termKey));
  const meant = new Map<string, string | undefined>();
  const out: Diagnostic[] = [];
  for (const a of articles) {
    const section = a.meta.section;
    if (a.kind !== 'article' || !section || keys.has(termKey(section)) || !isPublished(a, { ...o, future: true })) continue;
    if (!meant.has(section)) meant.set(section, nearName(section, listed));
    const near = meant.get(section);
    if (near === undefined) continue;
    const d = warning('SECTION_MISSPELT', `The section "${section}" is not in the config's \`sections\`; did you mean ${near}? As written, the story would go out under a new section, with a page of its own and a link to it in the header of every page.`, {
      file: a.source,
      hint: `Write \`section: ${yamlText(near)}\`. If ${section} is a new desk, add \`{ name: '${section.replace(/'/g, "\\'")}' }\` to \`sections\` in the config.`,
    });
    out.push(atFrontMatterKey(d, 'section', siteDir));
  }
  return out;
}

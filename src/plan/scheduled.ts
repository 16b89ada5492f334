import type { SiteConfig } from '../config/types.js';
import { error, type Diagnostic } from '../errors/diagnostic.js';
import { buildGraph, type GraphOptions } from '../model/graph.js';
import type { SiteGraph } from '../model/types.js';
import type { Article } from '../parse/source.js';
import { termKey } from '../parse/slug.js';
import { atFrontMatterKey } from '../validate/key-line.js';
import { originFile, originTerm, termField } from './origin.js';
import { plan } from './plan.js';
import type { RenderJob } from './types.js';

/**
 * A scheduled story that takes a URL in use would pass every build and `check` until the hourly
 * build that should publish it, which then fails: the story stays unpublished, and every later
 * build fails too, so expiries stop. Each such clash is reported now, at the scheduled article,
 * with when it goes live.
 *
 * The scheduled articles alone are planned (a few pages: theirs, their aliases, the pages of their
 * tags, authors, sections and months), and each page is looked up in this build's plan: a path
 * there made by something else is a clash (a page made the same way, such as the archive page of
 * a month both have stories in, is the same page; a tag spelt another way with the same URL is
 * not). A page of an article that expires before the scheduled one goes live is no clash. The
 * scheduled articles' clashes among themselves are their own plan's.
 */
export function scheduledProblems(articles: Article[], graph: SiteGraph, jobs: readonly RenderJob[], config: SiteConfig, o: GraphOptions, siteDir: string): Diagnostic[] {
  if (o.future) return [];
  const publishAt = new Map(graph.upcoming.filter((u) => u.change === 'publish').map((u) => [u.source, u.ms]));
  if (publishAt.size === 0) return [];
  const scheduled = articles.filter((a) => publishAt.has(a.source));
  const ahead = buildGraph(scheduled, config, { ...o, future: true });
  const planned = plan(ahead.graph, config);
  const owners = new Map(jobs.map((j) => [pathKey(j.outputPath), j]));
  const expiresAt = new Map(articles.map((a) => [a.source, a.meta.expires?.ms]));
  const dateOf = new Map(scheduled.map((a) => [a.source, a.meta.date?.iso]));
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  const report = (source: string, message: string, key: string) => {
    if (seen.has(message)) return;
    seen.add(message);
    const d = error('URL_COLLISION', `${source} is scheduled for ${dateOf.get(source)}; once it is published, ${message} That build would fail and publish nothing.`, {
      file: source,
      hint: `Change ${source} before it is published: give it another \`slug\`, or leave out the alias, tag or section whose URL is taken.`,
    });
    out.push(atFrontMatterKey(d, key, siteDir));
  };
  for (const job of planned.jobs) {
    const owner = owners.get(pathKey(job.outputPath));
    if (!owner || samePage(owner, job)) continue;
    const source = scheduledSource(job, scheduled);
    if (!source) continue;
    // Gone by then: an article (or its alias) that expires before the scheduled one goes live.
    const ownerFile = originFile(owner.origin);
    const gone = ownerFile !== undefined && (expiresAt.get(ownerFile) ?? Infinity) <= publishAt.get(source)!;
    if (gone) continue;
    report(source, `${job.origin} and ${owner.origin} would both be written to /${job.outputPath.replace(/index\.html$/, '')}.`, keyOf(job, source));
  }
  // Among the scheduled articles themselves: their own graph's and plan's clashes.
  for (const d of [...ahead.diagnostics, ...planned.diagnostics]) {
    if (d.severity !== 'error' || !/_COLLISION$/.test(d.code) || d.code === 'ID_COLLISION') continue;
    const source = d.file && publishAt.has(d.file) ? d.file : scheduled.find((a) => d.message.includes(a.source))?.source;
    if (source) report(source, `${d.message.charAt(0).toLowerCase()}${d.message.slice(1)}`, d.code === 'TAG_COLLISION' ? 'tags' : d.code === 'SECTION_COLLISION' ? 'section' : 'slug');
  }
  return out;
}

/** Two paths that are one file on a case-folding file system (as plan() compares them). */
const pathKey = (p: string) => p.normalize('NFC').toLowerCase();

/**
 * Whether two jobs make one page: the same origin (the home page, an archive month, a feed), or the
 * page of one tag, author or section spelt two ways that fold to one name.
 */
function samePage(a: RenderJob, b: RenderJob): boolean {
  if (a.origin === b.origin) return true;
  const [ta, tb] = [originTerm(a.origin), originTerm(b.origin)];
  return !!ta && !!tb && ta.kind === tb.kind && termKey(ta.name) === termKey(tb.name);
}

/** The scheduled article a page is there for: its own page or alias, or a term page of a term it has. */
function scheduledSource(job: RenderJob, scheduled: readonly Article[]): string | undefined {
  const file = originFile(job.origin);
  if (file) return file;
  const term = originTerm(job.origin);
  if (!term) return undefined;
  const { kind, name } = term;
  const has = (a: Article) => (kind === 'tag' ? a.meta.tags : kind === 'author' ? a.meta.authors : a.meta.section ? [a.meta.section] : []).some((n) => termKey(n) === termKey(name));
  return scheduled.find(has)?.source;
}

/** The front-matter field a clashing page comes from, for the line to put the error at. */
function keyOf(job: RenderJob, source: string): string {
  if (job.origin.startsWith(`${source} (its alias`)) return 'aliases';
  const term = originTerm(job.origin);
  return term ? termField(term.kind) : 'slug';
}

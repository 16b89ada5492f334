/**
 * What a render job's `origin` says about where it comes from, for messages and for placing an
 * error at a line: "content/a.md", "content/a.md (its alias "/old/")", or the page of a term,
 * `the tag page for "Rail"` (plan.ts's termPlanner writes these).
 */

/** The content file an origin names first, if any. */
export const originFile = (origin: string): string | undefined => /^(content\/.+?\.md)(?: \(|$)/.exec(origin)?.[1];

type TermKind = 'tag' | 'author' | 'section';

/** The tag, author or section whose page an origin is. */
export function originTerm(origin: string): { kind: TermKind; name: string } | undefined {
  const m = /^the (tag|author|section) page for "(.*)"$/.exec(origin);
  return m ? { kind: m[1] as TermKind, name: m[2] } : undefined;
}

/** The kind of term whose page a message (which quotes origins) names first. */
export const termKindIn = (message: string): TermKind | undefined => /the (tag|author|section) page for "/.exec(message)?.[1] as TermKind | undefined;

/** The front-matter field an article gives a term of this kind in. */
export const termField = (kind: TermKind): string => (kind === 'tag' ? 'tags' : kind);

/**
 * The words the default theme puts around the site's own: navigation, labels, counts, messages.
 * English here; a site in another language sets its own in the config (`strings`), one key or all
 * of them. `{name}` is filled in by the template; a number goes through the site's `locale`
 * (Arabic-Indic digits for `ar`). A count has a form for each plural category the language has
 * (Intl.PluralRules: `zero`, `one`, `two`, `few`, `many`, `other`), `other` always.
 */
export type PluralString = Partial<Record<'zero' | 'one' | 'two' | 'few' | 'many', string>> & { other: string };
export type UiString = string | PluralString;

export const STRINGS = {
  skipToContent: 'Skip to content',
  home: 'Home',
  sectionsNav: 'Sections',
  leadStory: 'Lead story',
  topStories: 'Top stories',
  latest: 'Latest',
  latestNews: 'Latest news',
  noStories: 'No stories have been published yet.',
  moreOf: 'More {section}',
  /** The byline: the authors' linked names go where {authors} is. */
  byline: 'By {authors}',
  and: ' and ',
  listComma: ', ',
  updated: 'Updated',
  /** Above a story: a note from the editors. */
  editorsNote: "Editor's note",
  /** After a story: its corrections and clarifications, each with its date when it has one. */
  corrections: { one: 'Correction', other: 'Corrections' } as UiString,
  /** A live blog (front matter `live: true`) while its coverage runs: on its page and its cards. */
  live: 'Live',
  /** The list of a live blog's updates, for screen readers. */
  liveUpdates: 'Live updates',
  /** Under each update of a live blog: the link to it (its permalink). */
  linkToUpdate: 'Link to this update',
  /** On a live blog whose coverage has ended, before the time it ended. */
  liveEnded: 'Live coverage ended',
  minutesToRead: { one: '{n} min read', other: '{n} min read' } as UiString,
  /** A photo's credit, unless the credit says "(Photo/ …)" or "（图/…）" itself. */
  photoCredit: '(Photo/ {credit})',
  tags: 'Tags',
  relatedStories: 'Related stories',
  moreIn: 'More in {section}',
  previousIn: 'Previous in {section}',
  nextIn: 'Next in {section}',
  tag: 'Tag',
  author: 'Author',
  section: 'Section',
  articles: { one: '{n} article', other: '{n} articles' } as UiString,
  tagCount: { one: '{n} tag', other: '{n} tags' } as UiString,
  authorCount: { one: '{n} author', other: '{n} authors' } as UiString,
  pageOf: 'Page {page} of {pages}',
  pageOfLower: 'page {page} of {pages}',
  titleWithPage: '{title} – page {page}',
  pagination: 'Pages',
  pageNumber: 'Page {n}',
  newer: 'Newer',
  older: 'Older',
  archive: 'Archive',
  archiveOf: 'Archive: {period}',
  authors: 'Authors',
  noAuthors: 'No authors yet.',
  noTags: 'No tags yet.',
  lastUpdated: 'Last updated',
  search: 'Search',
  searchSite: 'Search {site}',
  /** Before the web search of this site the search page offers without JavaScript (`search.fallback`). */
  searchNeedsScript: 'Search on this page needs JavaScript. Without it, search the site with {engine}:',
  /** The same, with `search.fallback: false`. */
  searchNoScript: 'Search on this page needs JavaScript.',
  notFoundKicker: 'Error 404',
  notFound: 'Page not found',
  notFoundText: 'The page you asked for is not here. It may have moved, or the address may be mistyped.',
  goToFrontPage: 'Go to the front page',
  /** At the address of a story taken down (front matter `withdrawn`): the page's title and heading. */
  withdrawnTitle: 'Article removed',
  /** The notice there, unless the editors wrote their own (`withdrawn: "…"`). */
  withdrawnNotice: 'This article has been removed.',
  /** The same for a standalone page taken down. */
  withdrawnPageTitle: 'Page removed',
  withdrawnPageNotice: 'This page has been removed.',
  /** Before the time it was taken down, when the editors gave one (`withdrawn: { date: … }`). */
  withdrawnOn: 'Removed on',
  browseSection: 'Or browse a section:',
  cookieNotice: 'Cookie notice',
  footnotes: 'Footnotes',
  backToReference: 'Back to reference {n}',
  aboutSite: 'About this site',
  explore: 'Explore',
  email: 'E-mail:',
  /** After a label, before what it labels ("Editor's note: …", a correction's date); '：' in Chinese. */
  colon: ': ',
} satisfies Record<string, UiString>;

export type StringKey = keyof typeof STRINGS;
export type Strings = Record<StringKey, UiString>;

/**
 * A string of the site's with its `{name}` places filled: numbers in the locale's digits, the
 * plural form chosen by `n` (or by the first number given).
 */
export function formatString(s: UiString, vars: Record<string, unknown>, plural: Intl.PluralRules, number: Intl.NumberFormat): string {
  let text: string;
  if (typeof s === 'string') text = s;
  else {
    const count = typeof vars.n === 'number' ? vars.n : (Object.values(vars).find((v) => typeof v === 'number') as number | undefined);
    const category = count === undefined ? 'other' : plural.select(count);
    text = s[category] ?? s.other;
  }
  return text.replace(/\{(\w+)\}/g, (all, name: string) => {
    if (!Object.hasOwn(vars, name)) return all;
    const v = vars[name];
    return typeof v === 'number' ? number.format(v) : String(v ?? '');
  });
}

/**
 * The theme's words that take no values, ready for templates as `ui.<key>` (a member lookup per
 * use, where a filter formatted each one again on every page), and the byline around its names.
 */
export function fixedStrings(config: { strings: Strings }): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(config.strings)) out[k] = typeof v === 'string' ? v : v.other;
  const byline = typeof config.strings.byline === 'string' ? config.strings.byline : config.strings.byline.other;
  const [before, after = ''] = byline.split('{authors}');
  out.bylineBefore = before;
  out.bylineAfter = after;
  return out;
}

/** A string of the site's, filled, outside templates (page titles the planner gives). */
export function uiText(config: { strings: Strings; locale: string }, key: StringKey, vars: Record<string, unknown> = {}): string {
  let f = formatters.get(config.locale);
  if (!f) formatters.set(config.locale, (f = { plural: new Intl.PluralRules(config.locale), number: new Intl.NumberFormat(config.locale) }));
  return formatString(config.strings[key], vars, f.plural, f.number);
}

/** A withdrawn story's notice page's title, in the site's words: "Article removed" ("Page removed"). */
export function withdrawnTitle(config: { strings: Strings; locale: string }, kind: 'article' | 'page'): string {
  return uiText(config, kind === 'page' ? 'withdrawnPageTitle' : 'withdrawnTitle');
}

/** Per locale: Intl objects are costly to make, and a plan names a title for every listing page. */
const formatters = new Map<string, { plural: Intl.PluralRules; number: Intl.NumberFormat }>();

/**
 * The ids the default theme's templates (templates/) give their own elements: the skip link's
 * target, the cookie notice, the headings that name page sections. A heading id made from an
 * article's words must not repeat one ("## Main" would become the skip link's target), so the
 * Markdown renderer numbers such a heading as it numbers a repeated one: `main-1`.
 *
 * tests/theme/heading-ids.test.ts reads every template and fails when one uses an id that is not
 * listed here. Of its templated ids, `sec-{{ section.slug }}` on the home page is left out (the
 * home page shows no article body); a live blog update's `{{ u.anchor }}` is UPDATE_ANCHOR.
 */
export const THEME_IDS: ReadonlySet<string> = new Set([
  'cookie-accept',
  'cookie-notice',
  'corrections-heading',
  'latest-heading',
  'main',
  'related-heading',
  'search',
  'search-fallback-q',
  'search-title',
  'top-heading',
]);

/** A live blog update's anchor (model/live.ts updateAnchors): `update-2026-11-27-2220`, with seconds when written. */
export const UPDATE_ANCHOR = /^update-\d{4}-\d{2}-\d{2}-\d{4}(?:\d{2})?$/;

/**
 * An update's anchor or a numbered one (`…-2220-2`): an id raw HTML in a body gives is dropped when
 * it has this form, as one the theme uses is. A heading's is kept out of UPDATE_ANCHOR only (its
 * numbered forms are its own, and the anchors pass over them: model/live.ts).
 */
export const UPDATE_ANCHOR_LIKE = /^update-\d{4}-\d{2}-\d{2}-\d{4}(?:\d{2})?(?:-\d+)?$/;

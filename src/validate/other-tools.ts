import { aliasRoute } from '../publish/redirects.js';

/**
 * Front-matter keys of the tools newsrooms move from (Hugo, Jekyll, WordPress exports, Eleventy,
 * Ghost) that mean something to those tools and nothing to dateline: ways of holding a story
 * back or taking it down, its publication time, its old address. Pure classifiers; the messages
 * are validate/article.ts's (what the file alone says) and plan/migrated.ts's (what needs the
 * build's clock or the site's URLs).
 */

/**
 * A key as other tools spell it, for looking it up: lower case, without `-`, `_` or spaces, so
 * `expiry_date`, `Expiry-Date` and `expiryDate` are one key.
 */
export const keyName = (key: string): string => key.toLowerCase().replace(/[-_ ]/g, '');

/**
 * What another tool read a yes-or-no value as: YAML 1.1's words (Jekyll's and Hugo's readers take
 * `yes`, `no`, `on`, `off`), 1 and 0, and the words quoted; undefined for anything else. dateline's
 * YAML (1.2) reads only `true` and `false` as such: `draft: no` is the text "no" to it.
 */
export function flag(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (v === 1 || v === 0) return v === 1;
  if (typeof v !== 'string') return undefined;
  const s = v.trim().toLowerCase();
  if (['true', 'yes', 'y', 'on', '1'].includes(s)) return true;
  if (['false', 'no', 'n', 'off', '0'].includes(s)) return false;
  return undefined;
}

/** A value as it is written on one line, for a message: `2030-01-01 09:00`, `[Rail, Port]`. */
export function shown(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(shown).join(', ')}]`;
  if (v && typeof v === 'object') return `{ ${Object.entries(v).map(([k, x]) => `${k}: ${shown(x)}`).join(', ')} }`;
  return String(v);
}

/** Keys for an embargo: dateline publishes at `date`, so the time belongs there. */
const EMBARGO = new Set(['embargo', 'embargoed', 'embargountil', 'embargoeduntil']);

/**
 * Keys for the time a story goes live, beside a `date` that is only the date shown (Hugo's
 * `publishDate` and `pubdate`, Ghost's `published_at`). `published` is one too when it holds a
 * date (WordPress exports); holding true or false, it is Jekyll's flag.
 */
const PUBLISH_DATE = new Set(['publishdate', 'pubdate', 'publishat', 'publishedat', 'publishon', 'publishedon', 'publishtime', 'publishedtime', 'published']);

/** Whether a key is another tool's publication time (its value may still be no date). */
export const isPublishDateKey = (key: string, value: unknown): boolean => PUBLISH_DATE.has(keyName(key)) && (keyName(key) !== 'published' || flag(value) === undefined);

/** Keys for the time a story is taken down: dateline's `expires`. */
export const EXPIRY = ['expirydate', 'expirationdate', 'expiredate', 'expiresat', 'expireat', 'expiresdate', 'expiration', 'unpublishdate', 'unpublishat', 'unpublishon'];

/**
 * What another tool's way of holding a story back, or of publishing it, comes to:
 * - embargo: a time the story waits for, which dateline reads only from `date`;
 * - hold: the story is kept off the site (WordPress `status: private`, Jekyll `published: false`);
 * - unlisted: it has a page but is left out of listings (Eleventy `eleventyExcludeFromCollections`,
 *   Hugo `_build: { list: never }`), which dateline cannot do: it would be published and listed;
 * - scheduled: WordPress `status: future`, scheduled for its date (dateline's own way, at `date`);
 * - publish: the value says "publish", which an article is anyway: the line does nothing.
 * `sub` is the key inside a mapping that says so (`render` under `_build`).
 */
export interface HeldBack {
  kind: 'embargo' | 'hold' | 'unlisted' | 'scheduled' | 'publish';
  /** The key and value as the message shows them: "`status: private`". */
  what: string;
  sub?: string;
}

const HELD_STATUS = ['draft', 'unpublished', 'embargoed', 'private', 'pending', 'trash'];
// Not `live`: a newsroom's own field for a live blog's badge (`status: live`) would be deleted.
const LIVE_STATUS = ['publish', 'published', 'public'];

/** Whether (and how) a key of another tool's holds the story back or publishes it; else undefined. */
export function heldBack(key: string, value: unknown): HeldBack | undefined {
  const k = keyName(key);
  const what = `\`${key}: ${shown(value)}\``;
  // Words that say nothing else: a review's `release_date` or a site's own `status: review` are
  // fields for its templates (article.extra), and stay so.
  if (EMBARGO.has(k)) return value != null && value !== false && value !== '' ? { kind: 'embargo', what } : undefined;
  if (k === 'status' || k === 'poststatus') {
    const s = typeof value === 'string' ? value.trim().toLowerCase() : '';
    if (HELD_STATUS.includes(s)) return { kind: 'hold', what };
    if (s === 'future' || s === 'scheduled') return { kind: 'scheduled', what };
    if (LIVE_STATUS.includes(s)) return { kind: 'publish', what };
    return undefined;
  }
  if (k === 'visibility') {
    const s = typeof value === 'string' ? value.trim().toLowerCase() : '';
    if (s === 'private' || s === 'password') return { kind: 'hold', what };
    if (s === 'public') return { kind: 'publish', what };
    return undefined;
  }
  // Jekyll's `published: false`; a `published` date is a publication time (isPublishDateKey).
  if (k === 'published' && flag(value) !== undefined) return { kind: flag(value) ? 'publish' : 'hold', what };
  if (k === 'unpublished' || k === 'headless') return flag(value) === undefined ? undefined : { kind: flag(value) ? 'hold' : 'publish', what };
  if (k === 'eleventyexcludefromcollections') return flag(value) === undefined ? undefined : { kind: flag(value) ? 'unlisted' : 'publish', what };
  // Eleventy writes no file for `permalink: false`.
  if (k === 'permalink' && flag(value) === false) return { kind: 'hold', what };
  if (k === 'build' && value && typeof value === 'object' && !Array.isArray(value)) return hugoBuild(key, value as Record<string, unknown>);
  return undefined;
}

/**
 * Hugo's `_build` options: `render: never` (or false, or `link`) makes no page, `list: never` (or
 * false) keeps the page out of every list. A `_build` that says neither publishes as usual.
 */
function hugoBuild(key: string, o: Record<string, unknown>): HeldBack | undefined {
  if (!('render' in o) && !('list' in o)) return undefined;
  const off = (v: unknown) => v === false || (typeof v === 'string' && ['never', 'false', 'link'].includes(v.trim().toLowerCase()));
  if (off(o.render)) return { kind: 'hold', what: `\`${key}\` with \`render: ${shown(o.render)}\``, sub: 'render' };
  if (off(o.list)) return { kind: 'unlisted', what: `\`${key}\` with \`list: ${shown(o.list)}\``, sub: 'list' };
  return { kind: 'publish', what: `\`${key}\`` };
}

/**
 * The old address a key gives the story (Hugo's `url`, Jekyll's and Eleventy's `permalink`), as a
 * path on the site, when it is one an alias can keep: `/news/2019/flood.html`, or Eleventy's
 * `politics/mayor-resigns/` (from the site's root). A pattern (`/:year/:title/`, `{{ … }}`), a
 * full URL or a bare word is none.
 */
export function oldAddress(key: string, value: unknown): string | undefined {
  const k = keyName(key);
  if ((k !== 'url' && k !== 'permalink') || typeof value !== 'string') return undefined;
  const v = value.trim();
  if (!v.startsWith('/') && !v.includes('/')) return undefined;
  // A web address without its scheme (`www.gov.uk/…`, a site's own field for a source) is no path here.
  if (!v.startsWith('/') && /^[\w-]+(?:\.[\w-]+)+\//.test(v)) return undefined;
  if (isAddressPattern(v) || /\s/.test(v)) return undefined;
  const path = v.startsWith('/') ? v : `/${v}`;
  return 'error' in aliasRoute(path) ? undefined : path;
}

/** A permalink pattern of another tool's: Jekyll's `/:categories/:title/`, Eleventy's `{{ page.fileSlug }}`. */
export const isAddressPattern = (v: string): boolean => /(^|\/):[a-z_]+|\{\{|\{%/i.test(v);

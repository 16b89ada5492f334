import { aliasRoute } from '../publish/redirects.js';
import { parseSiteDate } from './dates.js';

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

/**
 * An embargo, under any name that says so (`embargo`, `embargoed`, `embargo_until`, `embargo_time`,
 * `embargo_lifts`, `embargo_end`): dateline publishes at `date`, so the time belongs there.
 */
const isEmbargoKey = (k: string): boolean => k.includes('embargo');

/**
 * Keys for the time a story goes live, beside a `date` that is only the date shown (Hugo's
 * `publishDate` and `pubdate`, Ghost's `published_at`, a CMS's `go_live`, `not_before` or
 * `hold_until`). `published`, `publish`, `hold` and `scheduled` are ones too when they hold a date
 * (WordPress exports); holding true or false, they are flags (Jekyll's `published: false`).
 */
const PUBLISH_DATE = new Set([
  'publishdate', 'pubdate', 'publishat', 'publishedat', 'publishon', 'publishedon', 'publishtime', 'publishedtime', 'published', 'publish',
  'publicationdate', 'publicationtime', 'publishafter', 'publishfrom',
  'golive', 'goliveat', 'golivedate', 'golivetime', 'goliveon', 'liveat', 'livefrom', 'liveon', 'notbefore',
  'hold', 'holduntil', 'holdtill', 'holdtil', 'draftuntil', 'drafttill',
  'scheduled', 'scheduledat', 'scheduledfor', 'scheduledon', 'scheduledate', 'scheduledtime', 'scheduleddate', 'scheduledtimestamp', 'scheduleat', 'schedulefor',
]);
/** Of PUBLISH_DATE, the keys that are a flag when they hold true or false. */
const FLAG_OR_DATE = new Set(['published', 'publish', 'hold', 'scheduled']);

/** Whether a key is another tool's publication time (its value may still be no date). */
export const isPublishDateKey = (key: string, value: unknown): boolean => {
  const k = keyName(key);
  return PUBLISH_DATE.has(k) && (!FLAG_OR_DATE.has(k) || flag(value) === undefined);
};

/** Words of a key's name as written: `goLive`, `go_live` and `Go-Live` are go, live. */
const wordsOf = (key: string): string[] => key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[-_ .]+/).filter(Boolean);
/** Words that say a time is when a story goes out (`release_date`, `lift_time`, `live_from`). */
const PUBLICATION_WORDS = new Set(['publish', 'published', 'publication', 'pub', 'release', 'released', 'live', 'golive', 'go', 'embargo', 'embargoed', 'hold', 'held', 'schedule', 'scheduled', 'lift', 'lifts', 'lifted']);
/** Words that only say "a time": a key of these and publication words says no more than that. */
const TIME_WORDS = new Set(['date', 'time', 'datetime', 'timestamp', 'at', 'on', 'from', 'after', 'when', 'day', 'start', 'starts', 'until', 'till']);

/**
 * Whether a key's name says the time in it is when the story is to go out, though it is no other
 * tool's known key: every word of it a publication word (publish, release, live, go, hold,
 * schedule, lift, embargo) or a word for a time (date, at, from…), and one at least of the first.
 * `release_date` and `go_time` are; `event_date`, `delivery_date` and a review's
 * `album_release_date` are not (a word that names something else). `live_until` and
 * `publish_until` say when it ends: expiry keys (isExpiryKey), not this. Only a time still to come
 * is an error (plan/migrated.ts): a film review's `release_date` that has passed is the site's own.
 */
export function isPublicationTimeKey(key: string): boolean {
  const words = wordsOf(key);
  if (!words.some((w) => PUBLICATION_WORDS.has(w)) || !words.every((w) => PUBLICATION_WORDS.has(w) || TIME_WORDS.has(w))) return false;
  return !words.some((w) => w === 'until' || w === 'till') || words.some((w) => w === 'hold' || w === 'held' || w.startsWith('embargo'));
}

/**
 * Keys for the time a story is taken down, dateline's `expires`: any name that starts so
 * (`expiry_date`, `expires_on`, `unpublish_at`, `takedown`, `takedown_date`) or says "until"
 * of being live (`publish_until`, `live_until`), and `remove_after`, `delete_on` or a CMS's
 * `deleted_at`.
 */
export const isExpiryKey = (key: string): boolean => /^(expir|unpublish|takedown|takeoffline)|^(remove|delete|withdraw)[dn]?(after|at|on|by|date|time)|^(publish|published|live|visible|show|online)(until|till)$/.test(keyName(key));

/**
 * Keys for the time of the last change, dateline's `updated`: `updated_at` (Ghost), `last_updated`,
 * `dateModified` (schema.org), `modified_at`, `lastmod` (Hugo), `last_edited`…
 */
export const isUpdatedKey = (key: string): boolean => /^(last)?(updated|modified|mod|edited|changed|revised)(at|on|date|time|datetime|timestamp)?$|^date(last)?(updated|modified|changed|revised)$/.test(keyName(key)) && !['edited', 'changed', 'revised', 'mod'].includes(keyName(key));

/**
 * What another tool's way of holding a story back, of taking it down, or of publishing it, comes to:
 * - embargo: a time the story waits for, which dateline reads only from `date`;
 * - hold: the story is kept off the site (WordPress `status: private`, Jekyll `published: false`,
 *   `hold: true`, `do_not_publish: true`);
 * - takedown: the story is to come off the site (`retracted: true`, `status: withdrawn`), which
 *   `withdrawn` does here (a notice at its address), or `draft: true` and deleting the file (none);
 * - archived: `status: archived`, which some systems leave online and others take down: dateline
 *   publishes it;
 * - unlisted: it has a page but is left out of listings (Eleventy `eleventyExcludeFromCollections`,
 *   Hugo `_build: { list: never }`, `hidden: true`), which dateline cannot do: it would be
 *   published and listed;
 * - noindex: kept out of search engines, which dateline has no way of doing for one story;
 * - scheduled: WordPress `status: future`, scheduled for its date (dateline's own way, at `date`);
 * - publish: the value says "publish", which an article is anyway: the line does nothing.
 * `sub` is the key inside a mapping that says so (`render` under `_build`).
 */
export interface HeldBack {
  kind: 'embargo' | 'hold' | 'takedown' | 'archived' | 'unlisted' | 'noindex' | 'scheduled' | 'publish';
  /** The key and value as the message shows them: "`status: private`". */
  what: string;
  sub?: string;
}

const HELD_STATUS = ['draft', 'unpublished', 'embargoed', 'private', 'pending', 'trash', 'spiked', 'killed', 'onhold', 'hold', 'held'];
const TAKEDOWN_STATUS = ['retracted', 'withdrawn', 'deleted', 'removed', 'takendown', 'expired'];
// Not `live`: a newsroom's own field for a live blog's badge (`status: live`) would be deleted.
const LIVE_STATUS = ['publish', 'published', 'public'];
/** Flags that hold a story back when true (`hold: true`, `do_not_publish: true`). */
const HOLD_FLAG = ['hold', 'onhold', 'holdback', 'donotpublish', 'dontpublish', 'nopublish', 'notforpublication', 'withhold', 'withheld'];
/** Flags that take a story down when true (`retracted: true`, `takedown: true`). */
const TAKEDOWN_FLAG = ['retracted', 'takedown', 'takendown', 'removed', 'deleted', 'withdrawn', 'expired', 'unpublish', 'trashed', 'isretracted', 'iswithdrawn', 'isremoved', 'isdeleted'];
/** Flags that keep a story out of lists when true. */
const UNLISTED_FLAG = ['unlisted', 'hidden', 'hide', 'eleventyexcludefromcollections'];

/** Whether a value is written as a date or date-time (`2026-12-15`, `2026-12-15 09:00`). */
const isDate = (v: unknown): boolean => (typeof v === 'string' || v instanceof Date) && !('error' in parseSiteDate(v, 'UTC'));

/** Whether (and how) a key of another tool's holds the story back or publishes it; else undefined. */
export function heldBack(key: string, value: unknown): HeldBack | undefined {
  const k = keyName(key);
  const what = `\`${key}: ${shown(value)}\``;
  // Words that say nothing else: a review's `release_date` or a site's own `status: review` are
  // fields for its templates (article.extra), and stay so.
  if (isEmbargoKey(k)) {
    if (value == null || value === false || value === '' || flag(value) === false || /^none$/i.test(String(value).trim())) return undefined;
    // A key that starts with it says it whatever follows (`embargo: until Monday 9am`,
    // `embargo_note: …`); one that names an embargo of something else (`trade_embargo: Cuba` on
    // a sanctions story) is the site's own field, unless it holds a time or true.
    return k.startsWith('embargo') || isDate(value) || flag(value) === true ? { kind: 'embargo', what } : undefined;
  }
  if (k === 'status' || k === 'poststatus') {
    const s = typeof value === 'string' ? value.trim().toLowerCase().replace(/[-_ ]/g, '') : '';
    if (HELD_STATUS.includes(s)) return { kind: 'hold', what };
    if (TAKEDOWN_STATUS.includes(s)) return { kind: 'takedown', what };
    if (s === 'archived') return { kind: 'archived', what };
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
  const f = flag(value);
  // Jekyll's `published: false`; a `published` date is a publication time (isPublishDateKey).
  if ((k === 'published' || k === 'publish') && f !== undefined) return { kind: f ? 'publish' : 'hold', what };
  if ((k === 'unpublished' || k === 'headless' || HOLD_FLAG.includes(k)) && f !== undefined) return { kind: f ? 'hold' : 'publish', what };
  // "Hold until legal clears it": held back, with no time to wait for.
  if (['hold', 'holduntil', 'holdtill', 'holdtil', 'draftuntil', 'drafttill', 'notbefore'].includes(k) && typeof value === 'string' && value.trim() && !isDate(value)) return { kind: 'hold', what };
  if (TAKEDOWN_FLAG.includes(k) && f !== undefined) return { kind: f ? 'takedown' : 'publish', what };
  if (UNLISTED_FLAG.includes(k) && f !== undefined) return { kind: f ? 'unlisted' : 'publish', what };
  if (k === 'scheduled' && f !== undefined) return { kind: f ? 'scheduled' : 'publish', what };
  // Search engines: `noindex: true`, `robots: noindex, nofollow`.
  if ((k === 'noindex' || k === 'robotsnoindex' || k === 'searchnoindex') && f === true) return { kind: 'noindex', what };
  if (k === 'robots' && typeof value === 'string' && /\bnoindex\b/i.test(value)) return { kind: 'noindex', what };
  // Eleventy writes no file for `permalink: false`.
  if (k === 'permalink' && f === false) return { kind: 'hold', what };
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

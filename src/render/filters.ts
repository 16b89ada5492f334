import { formatString, type StringKey } from '../config/strings.js';
import { excerptOf } from '../parse/html-text.js';
import { asciiUrl } from '../parse/url.js';
import type { SiteConfig } from '../config/types.js';
import { insertDateline, splitHeadline } from './body.js';
import { metadataFilters } from './metadata.js';
import { liveParts } from '../model/live.js';
import type { ArticleFull } from '../model/types.js';
import type { SiteImageSizes } from '../model/photos.js';
import { parseSiteDate } from '../validate/dates.js';

/**
 * A date filter that remembers what it gave for each date string: a listing page shows fifty
 * dates, and every article's date appears on many pages; Intl formatting is the costly part.
 */
function remembered(format: (v: unknown) => string): (v: unknown) => string {
  const seen = new Map<string, string>();
  return (v) => {
    if (typeof v !== 'string') return format(v);
    let out = seen.get(v);
    if (out === undefined) {
      if (seen.size >= 50_000) seen.clear();
      seen.set(v, (out = format(v)));
    }
    return out;
  };
}

/**
 * Ends with a zone: `Z`, an offset (`+08:00`, `+0800`), `GMT`/`UTC`/`UT` (`UTC+8`) or a North
 * American zone's letters that Date.parse reads (`EST`, `PDT`), maybe a name in brackets.
 */
const ZONED = /(?:Z|[+-]\d{2}:?\d{2}|\b(?:GMT|UTC?|[ECMP][SD]T)(?:[+-]\d{1,2}(?::?\d{2})?)?)(?:\s*\([^)]*\))?$/i;

/**
 * A date string a template gives a filter, as an instant. One without a zone is wall-clock time in
 * the site's zone, as a front-matter `date:` is (`2024-03-20 10:00`, `2024-03-20`, also `March 20,
 * 2024 10:00`): Date.parse would read it in the build machine's zone, and the page would differ
 * with the machine's TZ.
 */
export function instantOf(v: string, timeZone: string): number | undefined {
  const s = v.trim();
  if (ZONED.test(s)) {
    const ms = Date.parse(s);
    return Number.isNaN(ms) ? undefined : ms;
  }
  const site = parseSiteDate(s, timeZone);
  if ('ms' in site) return site.ms;
  // Another form: its wall-clock fields, read as UTC (never the machine's zone), then as the site's.
  const wall = Date.parse(`${s} UTC`);
  if (Number.isNaN(wall)) return undefined;
  const at = parseSiteDate(new Date(wall).toISOString().slice(0, 23), timeZone);
  return 'ms' in at ? at.ms : wall;
}

/** Template filters. Pure functions of the site config (and its images' sizes); no filter reads the build machine's zone. */
export function createFilters(config: SiteConfig, assets: Record<string, string> = {}, images: SiteImageSizes = {}) {
  const dateFmt = new Intl.DateTimeFormat(config.locale, { ...config.dateFormat, timeZone: config.timeZone });
  const dateTimeFmt = new Intl.DateTimeFormat(config.locale, { ...config.dateFormat, hour: 'numeric', minute: '2-digit', timeZone: config.timeZone, timeZoneName: 'short' });
  const timeFmt = new Intl.DateTimeFormat(config.locale, { hour: 'numeric', minute: '2-digit', timeZone: config.timeZone });
  const dayTimeFmt = new Intl.DateTimeFormat(config.locale, { ...config.dateFormat, year: undefined, hour: 'numeric', minute: '2-digit', timeZone: config.timeZone });
  const yearFmt = new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: config.timeZone });
  // A calendar month is not an instant: format the 15th at noon UTC in UTC, so no zone can shift it.
  // The archive's months and years are the Gregorian ones of its URLs (/2024/03/), also in a locale
  // whose own calendar is another (fa-IR, th-TH), where "March 2024" would otherwise be headed with
  // a month and year of that calendar that the page's articles do not all fall in.
  const monthFmt = new Intl.DateTimeFormat(config.locale, { calendar: 'gregory', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const monthNameFmt = new Intl.DateTimeFormat(config.locale, { calendar: 'gregory', month: 'long', timeZone: 'UTC' });
  const toMs = (v: unknown): number | undefined => {
    if (typeof v === 'number') return v;
    if (typeof v === 'string' && v) return instantOf(v, config.timeZone);
    if (v instanceof Date) return v.getTime();
    return undefined;
  };
  const url = (v: unknown): string => {
    const s = String(v ?? '');
    if (!s.startsWith('/') || s.startsWith('//')) return s;
    return s.startsWith(config.basePath) && config.basePath !== '/' ? s : config.basePath + s.slice(1);
  };
  const origin = new URL(config.baseUrl).origin;
  /** A site path or URL as an absolute URL (canonical links, og:url, feeds). */
  const absUrl = (v: unknown): string => {
    const s = url(v);
    return /^[a-z][a-z0-9+.-]*:/i.test(s) ? s : origin + (s.startsWith('/') ? s : `/${s}`);
  };
  const plural = new Intl.PluralRules(config.locale);
  const formatted = new Map<string, string>();
  const digits: string[] = [];
  const number = new Intl.NumberFormat(config.locale);
  return {
    /** The text of a story's first paragraph, cut near 200 characters: `{{ article.html | excerpt }}`. */
    excerpt: (html: unknown) => excerptOf(String(html ?? '')),
    /**
     * One of the theme's words in the site's language (config `strings`), its `{name}` places
     * filled: `{{ 'articles' | t({ n: term.count }) }}`. Without values, as written (a template
     * may split it around a place it fills with markup, as the byline does).
     */
    t: (key: unknown, vars?: Record<string, unknown>) => {
      const k = String(key);
      if (!Object.hasOwn(config.strings, k)) throw new Error(`There is no string named "${k}" (config/strings.ts lists them).`);
      const s = config.strings[k as StringKey];
      if (!vars) return typeof s === 'string' ? s : formatString(s, {}, plural, number);
      // A listing's counts and page numbers repeat from page to page: formatted once each.
      const memo = `${k}\0${JSON.stringify(vars)}`;
      let out = formatted.get(memo);
      if (out === undefined) {
        if (formatted.size >= 20_000) formatted.clear();
        formatted.set(memo, (out = formatString(s, vars, plural, number)));
      }
      return out;
    },
    /** The host of a URL: "news.example.org". */
    hostOf: (v: unknown) => {
      try {
        return new URL(String(v)).host;
      } catch {
        return '';
      }
    },
    /** A number in the site's locale's digits: 1,234 in English, ١٬٢٣٤ in Arabic. */
    num: (v: unknown) => (typeof v === 'number' ? (Number.isInteger(v) && v >= 0 && v < 1000 ? (digits[v] ??= number.format(v)) : number.format(v)) : String(v ?? '')),
    /** "Mar 20, 2024" in the site's locale and zone. */
    date: remembered((v: unknown) => {
      const ms = toMs(v);
      return ms === undefined ? '' : dateFmt.format(ms);
    }),
    dateTime: remembered((v: unknown) => {
      const ms = toMs(v);
      return ms === undefined ? '' : dateTimeFmt.format(ms);
    }),
    /**
     * A live blog update's time in the site's zone: "9:30 AM" on the story's day (`day`: the
     * story's date), "Nov 28, 12:40 AM" on a later one.
     */
    liveTime: (v: unknown, day?: unknown) => {
      const ms = toMs(v);
      if (ms === undefined) return '';
      return typeof v === 'string' && typeof day === 'string' && v.slice(0, 10) === day.slice(0, 10) ? timeFmt.format(ms) : dayTimeFmt.format(ms);
    },
    year: remembered((v: unknown) => {
      const ms = toMs(v);
      return ms === undefined ? '' : yearFmt.format(ms);
    }),
    /** "March 2024" in the site's locale, from an archive's year and month ("2024", "03"). */
    monthYear: (yyyy: unknown, mm: unknown) => {
      const y = Number(yyyy);
      const m = Number(mm);
      return Number.isInteger(y) && m >= 1 && m <= 12 ? monthFmt.format(Date.UTC(y, m - 1, 15, 12)) : `${String(yyyy)}-${String(mm)}`;
    },
    /** "March" in the site's locale, from a month number ("03"). */
    monthName: (mm: unknown) => {
      const m = Number(mm);
      return m >= 1 && m <= 12 ? monthNameFmt.format(Date.UTC(2000, m - 1, 15, 12)) : String(mm);
    },
    /**
     * A live blog's body in parts (`{% set live = article | liveParts %}`): `intro`, each of
     * `updates` newest first (`id`, `iso`, `headline`; `open`: its heading's <h2 id>, `rest`: the
     * heading's words after the time; `html`: its text), and `tail` (the footnotes). Mark the
     * HTML ones `safe`.
     */
    liveParts: (a: ArticleFull) => (a.liveBlog ? liveParts(a.html ?? '', a.liveBlog) : { intro: a.html ?? '', updates: [], tail: '' }),
    /** The body HTML with the dateline run into its first paragraph; mark the result `safe`. */
    withDateline: insertDateline,
    /** `{main, label}`: a headline and its column label ("丨Insights"), for styling the label. */
    splitHeadline,
    /** A site path from config or a template ("/about-us/") with the site's base path in front. */
    url,
    /**
     * A theme or site asset ("theme/dateline.css"): its href. Use it for every CSS and JS file a
     * template references: it gives the content-hashed name ("theme/dateline.3f2a9c1b7e.css").
     */
    asset: (v: unknown) => {
      const p = String(v ?? '').replace(/^\/+/, '');
      return url(`/${Object.hasOwn(assets, p) ? assets[p] : p}`);
    },
    /** An absolute URL, for canonical links, feeds and social cards. */
    absUrl,
    /**
     * A photo's absolute URL, for og:image and the like: as `absUrl`, with letters of other scripts
     * and spaces percent-encoded (`/images/重庆.jpg` → `…/images/%E9%87%8D%E5%BA%86.jpg`).
     */
    photoUrl: (v: unknown) => asciiUrl(absUrl(v)),
    /** "A", "A and B", "A, B and C". */
    joinNames: (names: unknown, word = 'and') => {
      const list = Array.isArray(names) ? names.map(String) : [];
      return list.length <= 1 ? (list[0] ?? '') : `${list.slice(0, -1).join(', ')} ${word} ${list[list.length - 1]}`;
    },
    /** feedLinks, ogLocale and the JSON-LD builders of head-meta.njk. */
    ...metadataFilters(config, images),
  };
}

/** JSON that is safe inside <script>: no text can close the element or break the line. */
export function jsonForScript(value: unknown): string {
  const json = JSON.stringify(value ?? null);
  // One look for any of them, then one pass: most pages' JSON-LD has none (five passes were 1% of a render worker).
  return SCRIPT_UNSAFE.test(json) ? json.replace(SCRIPT_UNSAFE_ALL, (c) => SCRIPT_ESCAPES[c]) : json;
}

const SCRIPT_UNSAFE = /[<>&\u2028\u2029]/;
const SCRIPT_UNSAFE_ALL = new RegExp(SCRIPT_UNSAFE.source, 'g');
const SCRIPT_ESCAPES: Record<string, string> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029' };

import { error, warning, type Diagnostic } from '../errors/diagnostic.js';
import { codeFrame } from '../errors/frame.js';
import { slugify, slugLength, slugTooLong, termKey } from '../parse/slug.js';
import { urlSafe } from '../parse/url.js';
import { MEDIA_EXTENSIONS } from '../discover/source-kind.js';
import { nearMiss } from '../validate/near-miss.js';
import { DEFAULTS } from './defaults.js';
import { builtInWords } from './strings-zh.js';
import { STRINGS } from './strings.js';
import { directionOf, languageTagProblem, LANGUAGE_EXAMPLES, newsLanguage } from './language.js';
import { configLocator, type KeyPath } from './locate.js';
import type { SearchFallback, SiteConfig, UserConfig } from './types.js';
import { notAPlace, offsetInstead, placeHint } from './time-zone.js';

/**
 * Checks a config object key by key and fills in the defaults. Every problem names the key, what
 * was expected and what was found; all problems are reported at once. A check gets the key's
 * path, not only its name: a key written `'feeds.limit'` is not `feeds: { limit }`, and the
 * path is what finds the line of the config file that holds it (locate.ts).
 */
type Check = (value: unknown, at: KeyPath, out: Problem[]) => void;

/** A problem at a key of the config, with the key's path until validateConfig gives it its line. */
interface Problem {
  at: KeyPath;
  diagnostic: Diagnostic;
}

const str: Check = (v, at, out) => {
  if (typeof v !== 'string') out.push(bad(at, 'a string', v));
};
const bool: Check = (v, at, out) => {
  if (typeof v !== 'boolean') out.push(bad(at, 'true or false', v));
};
const posInt: Check = (v, at, out) => {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) out.push(bad(at, 'a whole number of 1 or more', v));
};
const wholeNumber: Check = (v, at, out) => {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) out.push(bad(at, 'a whole number of 0 or more', v));
};
const strList: Check = (v, at, out) => {
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) out.push(bad(at, 'a list of strings', v));
};
const record: Check = (v, at, out) => {
  if (!isObject(v)) out.push(bad(at, 'an object', v));
};

function shape(fields: Record<string, Check>, required: string[] = []): Check {
  return (v, at, out) => {
    if (!isObject(v)) {
      out.push(bad(at, 'an object', v));
      return;
    }
    const key = keyName(at);
    for (const r of required) if (v[r] === undefined) out.push(problem([...at, r], 'CONFIG_MISSING', `config key \`${join(key, r)}\` is required.`, key ? `Add \`${r}\` to \`${key}\`.` : `Add \`${r}\` to the config.`));
    for (const [k, value] of Object.entries(v)) {
      const check = fields[k];
      if (!check) {
        const guess = nearMiss(k, Object.keys(fields));
        out.push(problem([...at, k], 'CONFIG_UNKNOWN_KEY', `config key \`${join(key, k)}\` is not known.`, guess ? `Did you mean \`${join(key, guess)}\`?` : key === 'strings' ? `\`strings\` holds the theme's own words: ${Object.keys(fields).join(', ')}. Words of your own templates go in \`params\` (\`params: { ${k}: '…' }\`, shown with \`{{ site.params.${k} }}\`).` : `Known keys here: ${Object.keys(fields).join(', ')}.`));
        continue;
      }
      if (value !== undefined) check(value, [...at, k], out);
    }
  };
}

/**
 * A list of tags, authors or sections, each of which has a page: the slug its page takes (`slug`,
 * else from `name`) must fit a folder's name.
 */
function termList(item: Check): Check {
  return (v, at, out) => {
    const before = out.length;
    listOf(item)(v, at, out);
    if (out.length !== before || !Array.isArray(v)) return;
    v.forEach((x: { name: string; slug?: string }, i) => {
      const key = x.slug ? 'slug' : 'name';
      const slug = slugify(x[key]!);
      if (slugTooLong(slug)) out.push(problem([...at, i, key], 'CONFIG_INVALID', `config key \`${keyName([...at, i, key])}\` ${slugLength(slug)}.`, `Give it a short \`slug\` of a few words.`));
    });
  };
}

function listOf(item: Check): Check {
  return (v, at, out) => {
    if (!Array.isArray(v)) {
      out.push(bad(at, 'a list', v));
      return;
    }
    v.forEach((x, i) => item(x, [...at, i], out));
  };
}

/** Whether this Node knows the zone by that name: how `timeZone` is checked in the config and by `init --time-zone`. */
export function isTimeZone(v: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: v });
    return true;
  } catch {
    return false;
  }
}

/** The fix for a name that is not a time zone. */
export const TIME_ZONE_FIX = 'Use an IANA name such as "Asia/Shanghai", "Europe/London" or "UTC".';

const timeZone: Check = (v, at, out) => {
  if (typeof v !== 'string') return out.push(bad(at, 'an IANA time zone name such as "Asia/Shanghai"', v));
  if (!isTimeZone(v)) out.push(problem(at, 'CONFIG_INVALID', `config key \`${keyName(at)}\`: "${v}" is not a time zone.`, offsetInstead(v) ?? TIME_ZONE_FIX));
};

/**
 * `timeZone: 'EST'` (or `Etc/GMT-8`, `PST8PDT`): a zone Node knows that is no place, whose dates
 * are an hour off wherever the newsroom's clocks change in summer. A warning, not an error: a
 * site that has built with it for years keeps building.
 */
function timeZoneWarning(raw: Record<string, unknown>, file: string, place: () => (at: KeyPath) => object): Diagnostic[] {
  const p = typeof raw.timeZone === 'string' ? notAPlace(raw.timeZone) : undefined;
  if (!p) return [];
  return [warning('TIME_ZONE_NOT_A_PLACE', `config key \`timeZone\`: "${raw.timeZone}" is ${p.what}.`, { file: file || undefined, ...place()(['timeZone']), hint: placeHint(p, (z) => `\`timeZone: '${z}'\``) })];
}

const locale: Check = (v, at, out) => {
  if (typeof v !== 'string') return out.push(bad(at, 'a locale such as "en-US"', v));
  try {
    new Intl.DateTimeFormat(v);
  } catch {
    out.push(problem(at, 'CONFIG_INVALID', `config key \`${keyName(at)}\`: "${v}" is not a locale.`, 'Use a BCP 47 tag such as "en-US" or "zh-CN".'));
  }
};

/** The site's language, by the same rules as a story's own (front matter `language`). */
const languageTag: Check = (v, at, out) => {
  if (typeof v !== 'string') return out.push(bad(at, `a BCP 47 language tag such as ${LANGUAGE_EXAMPLES}`, v));
  const why = languageTagProblem(v);
  if (why) out.push(problem(at, 'CONFIG_INVALID', `config key \`${keyName(at)}\`: "${v}" ${why}.`, `Use a BCP 47 tag such as ${LANGUAGE_EXAMPLES}.`));
};

const dateFormat: Check = (v, at, out) => {
  if (!isObject(v)) return out.push(bad(at, 'Intl.DateTimeFormat options such as { month: "short", day: "numeric", year: "numeric" }', v));
  try {
    new Intl.DateTimeFormat('en', v as Intl.DateTimeFormatOptions);
  } catch (e) {
    out.push(problem(at, 'CONFIG_INVALID', `config key \`${keyName(at)}\`: ${e instanceof Error ? e.message : String(e)}.`, 'Use Intl.DateTimeFormat options such as { month: "short", day: "numeric", year: "numeric" }.'));
  }
};

const url: Check = (v, at, out) => {
  if (typeof v !== 'string' || !/^https?:\/\/[^/]+/.test(v)) out.push(bad(at, 'an absolute http(s) URL such as "https://news.example.org/"', v));
};

/** A field's name in a form: letters, digits, `_`, `-` and `.`. */
const fieldName: Check = (v, at, out) => {
  if (typeof v !== 'string' || !/^[A-Za-z0-9_.-]+$/.test(v)) out.push(bad(at, 'a form field name of letters, digits, _, - or .', v));
};
const httpsUrl: Check = (v, at, out) => {
  if (typeof v !== 'string' || !/^https:\/\/[^/\s]+[^\s]*$/.test(v)) out.push(bad(at, 'an https URL such as "https://www.baidu.com/s"', v));
};
const fieldValues: Check = (v, at, out) => {
  if (!isObject(v)) return void out.push(bad(at, 'an object of field names and values', v));
  for (const [k, x] of Object.entries(v)) {
    fieldName(k, [...at, k], out);
    str(x, [...at, k], out);
  }
};
const fallbackShape = shape({ name: str, action: httpsUrl, query: fieldName, fields: fieldValues }, ['name', 'action']);
/** `search.fallback`: false, or a web search's form. */
const searchFallback: Check = (v, at, out) => {
  if (v !== false) fallbackShape(v, at, out);
};

/** The theme's words (config/strings.ts): each a string, or a count's forms with `other`. */
const PLURAL_KEYS = ['zero', 'one', 'two', 'few', 'many', 'other'];
const uiString: Check = (v, at, out) => {
  if (typeof v === 'string') return;
  if (isObject(v) && typeof v.other === 'string' && Object.entries(v).every(([k, x]) => PLURAL_KEYS.includes(k) && typeof x === 'string')) return;
  out.push(bad(at, 'a string, or for a count { one: "{n} article", other: "{n} articles" } (the forms zero, one, two, few, many and other)', v));
};
const uiStrings = shape(Object.fromEntries(Object.keys(STRINGS).map((k) => [k, uiString])));

/** A photo or logo: a path on the site ("/images/logo.png") or an http(s) URL, as `image.src` is. */
const imagePlace: Check = (v, at, out) => {
  if (typeof v !== 'string') return out.push(bad(at, 'a path such as "/images/logo.png" or an http(s) URL', v));
  if (v !== '' && !(v.startsWith('/') && !v.startsWith('//')) && !/^https?:\/\//i.test(v)) out.push(bad(at, 'a path from the site\'s root such as "/images/logo.png" (put the file in static/images/), or an http(s) URL', v));
};

/** robots.txt `Disallow` paths: from the site's root ("/drafts/"), or a pattern starting with `*`. */
const robotsPaths: Check = (v, at, out) => {
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) return out.push(bad(at, 'a list of paths such as ["/drafts/"]', v));
  v.forEach((x: string, i) => {
    if (!x.startsWith('/') && !x.startsWith('*')) out.push(bad([...at, i], 'a path from the site\'s root, starting with "/" (such as "/drafts/"), or a pattern starting with "*"', x));
  });
};

const permalink: Check = (v, at, out) => {
  if (typeof v !== 'string' || !v.startsWith('/') || !v.endsWith('/')) return out.push(bad(at, 'a pattern that starts and ends with "/", such as "/{yyyy}/{mm}/{slug}/"', v));
  // Each kind of page has its own placeholders, and needs the one that tells two pages apart.
  const key = keyName(at);
  const kind = at[at.length - 1] as keyof typeof PLACEHOLDERS;
  const names: readonly string[] = PLACEHOLDERS[kind];
  const needed = names[0];
  const allowed = names.map((p) => `{${p}}`).join(', ');
  const before = out.length;
  for (const m of v.matchAll(/\{([^}]*)\}/g)) {
    if (!names.includes(m[1])) out.push(problem(at, 'CONFIG_INVALID', `config key \`${key}\`: {${m[1]}} is not a placeholder here; use ${allowed}.`, `Write \`${key}\` with ${allowed}.`));
  }
  if (out.length === before && !v.includes(`{${needed}}`)) out.push(problem(at, 'CONFIG_INVALID', `config key \`${key}\`: the pattern needs {${needed}}, or every such page would have one URL.`, `Add {${needed}} to \`${key}\`, for example "${DEFAULTS.permalinks[kind]}".`));
};
const PLACEHOLDERS = { article: ['slug', 'yyyy', 'mm', 'dd', 'section'], page: ['slug'], tag: ['tag'], author: ['author'], section: ['section'] } as const;

function oneOf(values: readonly string[]): Check {
  return (v, at, out) => {
    if (typeof v !== 'string' || !values.includes(v)) out.push(bad(at, `one of ${values.map((x) => `"${x}"`).join(', ')}`, v));
  };
}

const feedFormats: Check = (v, at, out) => {
  if (!Array.isArray(v)) return out.push(bad(at, 'a list such as ["rss", "atom", "json"]', v));
  v.forEach((x, i) => oneOf(['rss', 'atom', 'json'])(x, [...at, i], out));
};

/** A tag URI's date (RFC 4151): "2015", "2015-06" or "2015-06-01", a real one; or "" for none. */
const tagDate: Check = (v, at, out) => {
  const m = typeof v === 'string' ? /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(v) : null;
  const real = m && (!m[2] || (+m[2] >= 1 && +m[2] <= 12)) && (!m[3] || (+m[3] >= 1 && +m[3] <= new Date(Date.UTC(+m[1], +m[2], 0)).getUTCDate()));
  if (v !== '' && !real) out.push(bad(at, 'a date on which you already held the site\'s domain, as "YYYY", "YYYY-MM" or "YYYY-MM-DD" (e.g. "2015")', v));
};

/** Words a page shows: a string with something in it (an empty `title` made `<title></title>`). */
const words: Check = (v, at, out) => {
  if (typeof v !== 'string') return void out.push(bad(at, 'a string', v));
  if (v.trim() === '') out.push(problem(at, 'CONFIG_INVALID', `config key \`${keyName(at)}\` is empty: the pages would show nothing there (an empty link or title).`, `Write the words for \`${keyName(at)}\`, or delete the key.`));
};

/**
 * Words shown as written on every page (footer lines, the hotline, the cookie notice): HTML in
 * them is printed as its tags, `<a href=…>` and all.
 */
const TAGS = /<\/?([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?\/?>/g;
/**
 * The elements an editor pastes from a web page or a CMS. A name in angle brackets that is none
 * (`<vector>` in a C++ tag's description, `<Ctrl>`, `<Herald Media Group>`) is words, which the
 * page shows as written: no mistake.
 */
const HTML_ELEMENTS = new Set(
  ('a abbr address area article aside audio b bdi bdo big blink blockquote body br button canvas center cite code col dd del details dfn div dl dt em embed '
    + 'fieldset figcaption figure font footer form h1 h2 h3 h4 h5 h6 head header hr html i iframe img input ins kbd label li link main mark marquee meta nav '
    + 'noscript object ol p picture pre q s samp script section select small source span strike strong style sub summary sup svg table tbody td template '
    + 'textarea tfoot th thead title tr tt u ul var video wbr').split(' '),
);
const isTag = (m: RegExpMatchArray): boolean => HTML_ELEMENTS.has(m[1].toLowerCase());
const plainText: Check = (v, at, out) => {
  if (typeof v !== 'string') return void out.push(bad(at, 'a string', v));
  const tag = [...v.matchAll(TAGS)].find(isTag);
  if (!tag) return;
  const key = keyName(at);
  const a = /<a\s[^>]*href\s*=\s*["']?([^"'\s>]+)[^>]*>([\s\S]*?)<\/a>/i.exec(v);
  const bare = v.replace(TAGS, (...m) => (HTML_ELEMENTS.has(String(m[1]).toLowerCase()) ? '' : m[0])).trim();
  const hint = a && at[0] === 'footer'
    ? `Write the words alone here (\`${bare.replace(/'/g, "\\'")}\`), and the link in \`footer.links\`: \`{ label: '${a[2].replace(/<[^>]*>/g, '').trim().replace(/'/g, "\\'")}', url: '${a[1]}' }\`.`
    : `Write the words alone, without HTML: \`${bare.replace(/'/g, "\\'")}\`.`;
  out.push(notice(at, 'CONFIG_HTML', `config key \`${key}\` has HTML in it (\`${tag[0].length > 40 ? `${tag[0].slice(0, 40)}…` : tag[0]}\`), which every page would show as written, tags and all: it is text, not HTML.`, hint));
};

/** An e-mail address, which the footer links with `mailto:` ('' for none). */
const email: Check = (v, at, out) => {
  if (typeof v !== 'string') return void out.push(bad(at, 'a string, an e-mail address such as "newsroom@example.org"', v));
  if (v === '') return;
  const key = keyName(at);
  const bareAddress = v.trim().replace(/^mailto:/i, '').trim();
  // An apostrophe is part of many a name (o'brien@…), and of its address. Spaces around it are
  // dropped (resolveConfig): a `mailto:` before it is not.
  if (/^[^\s@<>()",;:]+@[^\s@<>()"',;:]+\.[^\s@<>()"',;:.]+$/.test(bareAddress)) {
    if (bareAddress !== v.trim()) out.push(problem(at, 'CONFIG_INVALID', `config key \`${key}\`: "${v}" is not written as an e-mail address alone; the link would be "mailto:${v}".`, `Write \`${at[at.length - 1]}: '${bareAddress.replace(/'/g, "\\'")}'\`.`));
    return;
  }
  out.push(problem(at, 'CONFIG_INVALID', `config key \`${key}\`: "${v}" is not an e-mail address; the link to write to it would lead nowhere.`, `Write one address, such as \`${at[at.length - 1]}: 'newsroom@example.org'\` (a second one, or words to go with it, in \`footer.lines\`).`));
};

/**
 * A link's address: a path on the site ("/about-us/"), an anchor, or an address with a scheme
 * ("https://…", "mailto:…", "tel:…"). A path without its "/" ("about-us/") leads elsewhere from
 * every page but the home page; a `javascript:` or `data:` address would run script on the site.
 */
const href: Check = (v, at, out) => {
  if (typeof v !== 'string') return void out.push(bad(at, 'a string, an address such as "/about-us/" or "https://…"', v));
  const key = keyName(at);
  const t = v.trim();
  if (t === '' || t.startsWith('/') || t.startsWith('#') || t.startsWith('?')) return;
  // Tabs and newlines inside a scheme are dropped by browsers ("java\tscript:").
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(t.replace(/[\t\n\r]/g, ''));
  if (scheme) {
    if (/^(javascript|vbscript|data)$/i.test(scheme[1])) out.push(problem(at, 'CONFIG_INVALID', `config key \`${key}\`: a "${scheme[1].toLowerCase()}:" address runs code on the site's pages instead of leading to a page.`, `Link to a page by its path ("/contact-us/") or its full https:// address.`));
    return;
  }
  const fix = /^www\./i.test(t) || isDomainName(t) ? `https://${t}` : `/${t}${/[./]$|\.[A-Za-z0-9]+$|[#?]/.test(t) ? '' : '/'}`;
  out.push(notice(at, 'CONFIG_RELATIVE_LINK', `config key \`${key}\`: "${v}" is not a path from the site's root or a full address, so it would lead somewhere else from each page (from /2024/03/20/story/ to /2024/03/20/story/${t}).`, `Write \`${at[at.length - 1]}: '${fix}'\`.`));
};

/** A file's extensions, not a domain's: `report.pdf`, `index.html` are files on the site. */
const FILE_NAME = new RegExp(`\\.(?:${MEDIA_EXTENSIONS}|html?|xhtml|php|aspx?|jsp|cgi|xml|json|txt|css|js|mjs|md|rss|atom|ico)$`, 'i');
/** `li.example.com`, `weibo.com/herald`: another site's address written without its https:// (CONFIG_RELATIVE_LINK's fix). */
function isDomainName(t: string): boolean {
  const host = /^((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,})(?:[/?#]|$)/i.exec(t)?.[1];
  return host !== undefined && !FILE_NAME.test(host);
}

const link = shape({ label: words, url: href }, ['label', 'url']);
const textList: Check = (v, at, out) => {
  const before = out.length;
  strList(v, at, out);
  if (out.length === before) (v as string[]).forEach((x, i) => plainText(x, [...at, i], out));
};

const SCHEMA_KEYS: Record<string, Check> = {
  title: words,
  description: str,
  baseUrl: url,
  language: languageTag,
  direction: oneOf(['ltr', 'rtl']),
  strings: uiStrings,
  locale,
  timeZone,
  dateFormat,
  articleTime: bool,
  logo: imagePlace,
  defaultAuthor: str,
  pageSize: posInt,
  relatedCount: posInt,
  wordsPerMinute: posInt,
  cjkCharsPerMinute: posInt,
  authors: termList(shape({ name: str, slug: str, bio: plainText, url: href, email }, ['name'])),
  sections: termList(shape({ name: str, slug: str, description: plainText }, ['name'])),
  tags: termList(shape({ name: str, slug: str, description: plainText, aliases: strList }, ['name'])),
  navigation: listOf(link),
  permalinks: shape({ article: permalink, page: permalink, tag: permalink, author: permalink, section: permalink }),
  footer: shape({ links: listOf(link), lines: textList, hotline: plainText, email, messageUrl: href, messageLabel: plainText, copyright: plainText }),
  cookieNotice: shape({ enabled: bool, text: plainText, policyUrl: href, policyLabel: plainText, button: plainText }),
  markdown: shape({ iframeHosts: strList }),
  feeds: shape({ enabled: bool, formats: feedFormats, content: oneOf(['full', 'summary']), termContent: oneOf(['full', 'summary']), limit: posInt, maxBytes: posInt, tags: bool, sections: bool, authors: bool, idDate: tagDate }),
  sitemap: shape({ enabled: bool, maxUrls: posInt }),
  newsSitemap: shape({ enabled: bool, publicationName: str, language: str, maxUrls: posInt }),
  robots: shape({ enabled: bool, disallow: robotsPaths, lines: strList }),
  search: shape({ enabled: bool, fallback: searchFallback }),
  liveBlogs: shape({ order: oneOf(['newest', 'oldest']) }),
  photos: shape({ maxBytes: posInt, maxWidth: posInt, minLeadWidth: wholeNumber }),
  publisher: shape({ name: str, logo: imagePlace }),
  social: shape({ twitter: str, image: imagePlace }),
  params: record,
};
const SCHEMA = shape(SCHEMA_KEYS, ['title', 'baseUrl']);

/**
 * With the config file's text, each problem is at the line (and column, with a frame) of the key
 * it names, or of the nearest key above it that the file writes; without, at the file only.
 */
/**
 * Config keys that change what the content's own checks say: the time zone (dates without an
 * offset), the default byline, the lists of authors, sections and tags, URL patterns (pages that
 * collide) and the hosts allowed for embeds. A problem with one of them leaves no config to check
 * the content with.
 */
const CONTENT_KEYS = new Set(['timeZone', 'defaultAuthor', 'authors', 'sections', 'tags', 'permalinks', 'markdown']);

/**
 * The config with each key that has a problem set back to its default (a placeholder for `title`
 * and `baseUrl`, which have none), when no problem is in a key the content's checks depend on:
 * the build still checks the content with it, so that a config mistake does not hide the
 * content's. Never used to render or write anything.
 */
/** A key not known that is plainly another known key misspelt, none of the content keys. */
function knownOther(key: string): boolean {
  const meant = nearMiss(key.replace(/[-_\s]/g, ''), Object.keys(SCHEMA_KEYS));
  return meant !== undefined && !CONTENT_KEYS.has(meant);
}

function configWithout(raw: Record<string, unknown>, problems: Problem[], file: string): SiteConfig | undefined {
  // A problem with the whole object (a required key missing is at its key) or a content key; or a
  // key not known that may be a content key misspelt (`defaultauthor`, `time_zone`): the content
  // checked without it would be said to lack what that key gives (every byline, the zone).
  if (problems.some((p) => typeof p.at[0] !== 'string' || CONTENT_KEYS.has(p.at[0]) || (p.at.length === 1 && p.diagnostic.code === 'CONFIG_UNKNOWN_KEY' && !knownOther(p.at[0])))) return undefined;
  const broken = new Set(problems.map((p) => p.at[0]));
  const rest: Record<string, unknown> = { title: 'Untitled', baseUrl: 'https://example.invalid/' };
  for (const [k, v] of Object.entries(raw)) if (!broken.has(k)) rest[k] = v;
  const again: Problem[] = [];
  SCHEMA(rest, [], again);
  return again.length === 0 ? resolveConfig(rest as unknown as UserConfig, file) : undefined;
}

export function validateConfig(raw: unknown, file: string, text?: string): { config?: SiteConfig; diagnostics: Diagnostic[]; fallback?: SiteConfig } {
  // The text is scanned only when there is a problem to place: a valid config costs nothing more.
  const placeOf = () => (text === undefined ? () => ({}) : configLocator(text));
  if (!isObject(raw)) {
    const hint = 'Write `export default defineConfig({ title: "…", baseUrl: "https://…/" })`.';
    return { diagnostics: [error('CONFIG_INVALID', `The config file must export an object as its default export; found ${describe(raw)}.`, { file: file || undefined, ...placeOf()([]), hint })] };
  }
  const out: Problem[] = [];
  SCHEMA(raw, [], out);
  let placed: ((at: KeyPath) => object) | undefined;
  const located = (problems: Problem[]) => problems.map(({ at, diagnostic: d }) => ({ ...d, file: d.file ?? (file || undefined), ...(placed ??= placeOf())(at) }));
  const errors = out.filter((p) => p.diagnostic.severity === 'error');
  if (errors.length) return { diagnostics: located(out), fallback: configWithout(raw, errors, file) };
  // Warnings only (words the pages show as written, tags and all): the site builds with them.
  return { config: resolveConfig(raw as unknown as UserConfig, file), diagnostics: [...located(out), ...timeZoneWarning(raw, file, placeOf)] };
}

/**
 * Two entries of `authors` that would share one author page ("Li Wei" and "Li-Wei", or one
 * `slug`), or an entry whose page would have no name: each at the line of the config file that
 * names the later entry, found by searching the text for its name in quotes (else the line of
 * `authors`). The rule is the site graph's (model/graph.ts, addAuthor), whose own check stays for
 * a config that does not come through loadConfig and so has no text.
 */
export function authorCollisions(config: SiteConfig, text: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const where = entryLine(text, 'authors');
  const file = config.file || undefined;
  const names = new Set<string>();
  const owners = new Map<string, string>();
  for (const a of config.authors) {
    // One name in two spellings of case (or width) is one author, as in the graph.
    const key = termKey(a.name);
    if (names.has(key)) continue;
    names.add(key);
    const slug = slugify(a.slug ? a.slug : a.name);
    const owner = owners.get(slug);
    if (!slug) {
      out.push(error('AUTHOR_COLLISION', `The author name "${a.name}" has no letters or digits, so it cannot have an author page.`, { file, ...where(a.name), hint: 'Give the author in `authors` a `name` or a `slug` with letters or digits.' }));
    } else if (owner !== undefined) {
      const page = config.permalinks.author.replace(/\{author\}/g, slug);
      out.push(error('AUTHOR_COLLISION', `The authors "${owner}" and "${a.name}" in \`authors\` would share the page ${page}.`, { file, ...where(a.name), hint: `Write the two names the same way if they are one person, or give one of them another \`slug\`.` }));
    } else owners.set(slug, a.name);
  }
  return out;
}

/**
 * The config's `tags`: a tag whose page would have no name, two entries with one page, or one
 * spelling (a name or an alias) claimed by two entries; each at the line naming the later one.
 */
export function tagRegistryProblems(config: SiteConfig, text: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const where = entryLine(text, 'tags');
  const file = config.file || undefined;
  const claimed = new Map<string, string>();
  const owners = new Map<string, string>();
  for (const t of config.tags) {
    const slug = slugify(t.slug ? t.slug : t.name);
    const owner = owners.get(slug);
    if (!slug) out.push(error('BAD_TAG', `The tag "${t.name}" in \`tags\` has no letters or digits, so it cannot have a page.`, { file, ...where(t.name), hint: 'Give the tag a `name` or a `slug` with letters or digits.' }));
    else if (owner !== undefined) out.push(error('TAG_COLLISION', `The tags "${owner}" and "${t.name}" in \`tags\` would share the page ${config.permalinks.tag.replace(/\{tag\}/g, slug)}.`, { file, ...where(t.name), hint: 'Give one of them another `slug`, or make one an alias of the other.' }));
    else owners.set(slug, t.name);
    for (const spelling of [t.name, ...(t.aliases ?? [])]) {
      const key = termKey(spelling);
      const other = claimed.get(key);
      if (other !== undefined && other !== t.name) out.push(error('TAG_COLLISION', `"${spelling}" is claimed by two tags in \`tags\`: "${other}" and "${t.name}".`, { file, ...where(spelling, t.name), hint: 'Keep each spelling in one entry, as its name or one of its aliases.' }));
      else claimed.set(key, t.name);
    }
  }
  return out;
}

/**
 * Where the config names an entry of the list `listKey`: the line naming it in quotes (`name:`
 * first: another entry's other fields may hold the same words), else the line of the list. With
 * `entry`, a word of that entry (an alias): searched from the line naming the entry.
 */
function entryLine(text: string, listKey: string): (name: string, entry?: string) => { line?: number; column?: number; frame?: string } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  // The list itself (`tags: [`) before any key of that name (`feeds: { tags: true }`).
  const opens = (pattern: RegExp) => lines.findIndex((l) => pattern.test(l));
  const listAt = opens(new RegExp(`\\b${listKey}\\s*:\\s*\\[`));
  const from = listAt !== -1 ? listAt : opens(new RegExp(`\\b${listKey}\\s*:`));
  const find = (name: string, start: number): { line?: number; column?: number; frame?: string } => {
    const quoted = `(['"\`])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\1`;
    // `name: 'Li-Wei'` first: another entry's `slug` or `bio` may hold the same words.
    for (const pattern of [new RegExp(`\\bname\\s*:\\s*${quoted}`), new RegExp(quoted)]) {
      for (let i = Math.max(0, start); i < lines.length; i++) {
        const m = pattern.exec(lines[i]);
        if (m) return { line: i + 1, column: m.index + 1, frame: codeFrame(text, i + 1, m.index + 1) };
      }
    }
    return from === -1 ? {} : { line: from + 1, frame: codeFrame(text, from + 1) };
  };
  return (name, entry) => {
    const at = entry === undefined ? undefined : find(entry, from).line;
    return find(name, at === undefined ? from : at - 1);
  };
}

/** Fills in defaults. Assumes the config has passed validation. */
export function resolveConfig(u: UserConfig, file = ''): SiteConfig {
  const base = new URL(u.baseUrl);
  const basePath = base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`;
  const sections = u.sections ?? [];
  const language = u.language ?? DEFAULTS.language;
  // A Chinese site's theme words, cookie notice and footer label are Chinese unless it says otherwise.
  const words = builtInWords(language);
  return {
    title: u.title,
    description: u.description ?? DEFAULTS.description,
    baseUrl: `${base.origin}${basePath}`,
    basePath,
    language,
    direction: u.direction ?? directionOf(language),
    strings: { ...STRINGS, ...words?.strings, ...u.strings },
    // Dates are written the site's language's way unless `locale` says otherwise ("2024年3月20日").
    locale: u.locale ?? u.language ?? DEFAULTS.locale,
    timeZone: u.timeZone ?? DEFAULTS.timeZone,
    dateFormat: u.dateFormat ?? DEFAULTS.dateFormat,
    articleTime: u.articleTime ?? false,
    // Paths with a space in them are written percent-encoded, as a front-matter photo's are.
    logo: urlSafe(u.logo ?? DEFAULTS.logo),
    defaultAuthor: u.defaultAuthor ?? u.authors?.[0]?.name ?? DEFAULTS.defaultAuthor,
    pageSize: u.pageSize ?? DEFAULTS.pageSize,
    relatedCount: u.relatedCount ?? DEFAULTS.relatedCount,
    wordsPerMinute: u.wordsPerMinute ?? DEFAULTS.wordsPerMinute,
    cjkCharsPerMinute: u.cjkCharsPerMinute ?? DEFAULTS.cjkCharsPerMinute,
    // An e-mail address without the spaces around it (validate.ts `email` lets those through).
    authors: (u.authors ?? []).map((a) => (typeof a.email === 'string' && a.email !== a.email.trim() ? { ...a, email: a.email.trim() } : a)),
    sections,
    tags: u.tags ?? [],
    navigation: u.navigation ?? [],
    permalinks: { ...DEFAULTS.permalinks, ...u.permalinks },
    footer: { ...DEFAULTS.footer, ...(words && { messageLabel: words.messageLabel }), ...u.footer, links: u.footer?.links ?? [], lines: u.footer?.lines ?? [], ...(typeof u.footer?.email === 'string' && { email: u.footer.email.trim() }) },
    cookieNotice: { ...DEFAULTS.cookieNotice, ...words?.cookieNotice, ...u.cookieNotice },
    markdown: { iframeHosts: u.markdown?.iframeHosts ?? [] },
    liveBlogs: { ...DEFAULTS.liveBlogs, ...u.liveBlogs },
    photos: { ...DEFAULTS.photos, ...u.photos },
    ...distributionConfig(u),
    params: u.params ?? {},
    file,
  };
}

/** The search page's form for readers without JavaScript: its hidden fields in name order. */
function searchFallbackOf(f: SearchFallback | false | undefined): SearchFallback | false {
  if (f === false) return false;
  const given = f ?? (DEFAULTS.search.fallback as SearchFallback);
  const fields = Object.fromEntries(Object.entries(given.fields ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { name: given.name, action: given.action, query: given.query ?? 'q', fields };
}

/** Feeds, sitemaps, robots.txt, search and social metadata, with the site's own values as fallbacks. */
function distributionConfig(u: UserConfig): Pick<SiteConfig, 'feeds' | 'sitemap' | 'newsSitemap' | 'robots' | 'search' | 'publisher' | 'social'> {
  const publisher = { name: u.publisher?.name || u.title, logo: urlSafe(u.publisher?.logo || u.logo || '') };
  const twitter = u.social?.twitter?.trim().replace(/^@?/, '@') ?? '';
  return {
    feeds: { ...DEFAULTS.feeds, ...u.feeds, formats: [...new Set(u.feeds?.formats ?? DEFAULTS.feeds.formats)] },
    sitemap: { ...DEFAULTS.sitemap, ...u.sitemap },
    newsSitemap: {
      ...DEFAULTS.newsSitemap,
      ...u.newsSitemap,
      publicationName: u.newsSitemap?.publicationName || u.title,
      language: u.newsSitemap?.language?.toLowerCase() || newsLanguage(u.language || DEFAULTS.language),
    },
    robots: { ...DEFAULTS.robots, ...u.robots, disallow: u.robots?.disallow ?? [], lines: u.robots?.lines ?? [] },
    search: { enabled: u.search?.enabled ?? DEFAULTS.search.enabled, fallback: searchFallbackOf(u.search?.fallback) },
    publisher,
    social: { twitter: twitter === '@' ? '' : twitter, image: u.social?.image ? urlSafe(u.social.image) : publisher.logo },
  };
}

function bad(at: KeyPath, expected: string, got: unknown): Problem {
  const key = keyName(at);
  return problem(at, 'CONFIG_INVALID', `config key \`${key}\`: expected ${expected}, found ${describe(got)}.`, `Set \`${key}\` to ${expected}.`);
}

function problem(at: KeyPath, code: string, message: string, hint: string): Problem {
  return { at, diagnostic: error(code, message, { hint }) };
}

/** A warning at a key: what the pages would show wrong, but a site that built with it keeps building. */
function notice(at: KeyPath, code: string, message: string, hint: string): Problem {
  return { at, diagnostic: warning(code, message, { hint }) };
}

/** A key path as messages name it: `authors[2].slug`. */
function keyName(at: KeyPath): string {
  return at.reduce<string>((name, k) => (typeof k === 'number' ? `${name}[${k}]` : join(name, k)), '');
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  return typeof v === 'object' ? 'an object' : `${typeof v} ${String(v)}`;
}

function join(parent: string, key: string): string {
  return parent ? `${parent}.${key}` : key;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

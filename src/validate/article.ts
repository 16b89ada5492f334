import path from 'node:path';
import { codeFrame } from '../errors/frame.js';
import { error, warning, type Diagnostic } from '../errors/diagnostic.js';
import type { FrontMatter } from '../parse/front-matter.js';
import { nameDate, nameSlug, percentDecoded, slugify, slugLength, slugTooLong, undatedName } from '../parse/slug.js';
import { asciiDate, dateInWords, parseSiteDate, type SiteDate } from './dates.js';
import { CURLY, CURLY_HINT } from '../parse/front-matter.js';
import { aliasRoute } from '../publish/redirects.js';
import { nearMiss } from './near-miss.js';
import { PLACEHOLDER, placeholderLine } from './placeholder.js';
import { flag, heldBack, isAddressPattern, isExpiryKey, isPublishDateKey, isUpdatedKey, keyName, oldAddress, shown, type HeldBack } from './other-tools.js';
import { urlSafe } from '../parse/url.js';
import { bundleFolder } from '../discover/source-kind.js';
import { directionOf, languageTagProblem } from '../config/language.js';
import { fieldsInBody } from './field-in-body.js';
import { hiddenIn, withoutHidden, withoutZeroWidth } from './controls.js';

export interface ArticleImage {
  src: string;
  alt: string;
  /**
   * The caption and credit as plain text (JSON-LD, feeds, search): their inline Markdown's words,
   * once parsing has read them (parse/source.ts); as written until then.
   */
  caption?: string;
  credit?: string;
  /** The caption and credit as safe inline HTML, for the page (parse/inline-markdown.ts), where it is not their plain text. */
  captionHtml?: string;
  creditHtml?: string;
  /** The same photo cut to other shapes (16:9, 4:3, 1:1), for search engines' news results. */
  crops?: string[];
  /** The photo's size in pixels, read from its file by the build (model/photos.ts); never from front matter. */
  width?: number;
  height?: number;
  /** Each crop's size in pixels by its src, where the build read its file (model/photos.ts): JSON-LD gives it. */
  cropSizes?: Record<string, { width: number; height: number }>;
}

/** What the front matter says, checked and normalised. Plain data. */
export interface ArticleMeta {
  title: string;
  slug: string;
  date?: SiteDate;
  updated?: SiteDate;
  expires?: SiteDate;
  authors: string[];
  tags: string[];
  section?: string;
  summary?: string;
  dateline?: string;
  image?: ArticleImage;
  draft: boolean;
  related: string[];
  aliases: string[];
  /**
   * The article's identity in feeds for life, as written: a path on this site ("/2024/03/20/old/"),
   * a URI with a scheme ("https://…", "urn:uuid:…"), or a name ("rail-0412"). The site graph makes
   * it absolute (model/item-id.ts). Without it, the identity is the article's URL.
   */
  id?: string;
  layout?: string;
  /** `featured: true`: the desk's pick to lead the home page. */
  featured?: boolean;
  /** Corrections and clarifications, oldest first, shown with the story and in its structured data. */
  corrections?: Correction[];
  /** A note from the editors shown above the story ("This story is being updated."). */
  editorsNote?: string;
  /**
   * `withdrawn:` the story is taken down and a notice is shown at its address instead (a legal
   * complaint, a retraction): the notice as written (else the site's own words) and, when the
   * editors wrote one, when it was withdrawn (ISO with offset), which the notice shows.
   */
  withdrawn?: Withdrawal;
  /**
   * `live: true`: a live blog, whose updates are the body's `## 14:05 …` headings (parse/live.ts);
   * `live: false` as written (the same as no `live`: time headings stay plain headings, without a
   * word). Articles only.
   */
  live?: boolean;
  /** `ended`: when the live coverage ended (or is to end); only with `live: true`. */
  ended?: SiteDate;
  /**
   * The story's language, a BCP 47 tag (front matter `language`), and the direction its script
   * runs (front matter `direction`), as written and checked. The site graph compares them with
   * the site's (config/language.ts, storyLanguage).
   */
  language?: string;
  direction?: 'ltr' | 'rtl';
  /** Keys dateline does not know, kept for the site's templates. */
  extra: Record<string, unknown>;
  /** Where each item of two lists is written, for the site graph's checks (which see no text). */
  lines: ItemLines;
}

export interface Withdrawal {
  /** The notice to show; undefined for the site's (`withdrawn: true`). */
  notice?: string;
  /** When the story was withdrawn, as the editors wrote it (ISO with offset). */
  date?: string;
}

export interface Correction {
  text: string;
  /** When it was made (ISO with offset), when the editor wrote one. */
  date?: string;
}

/**
 * The file line of each item of `tags` and `related`, in the same order: the item's own line when
 * the list has one item a line (`- Rail`), else the line of the key (`tags: [Rail, Port]`); one
 * number when every item is on the key's line (the commonest way), and no entry for an empty list:
 * there can be 100,000 articles. `id` is the line of the `id` key, when there is one: the graph
 * checks that ids are unique. Read an item's line with `itemLine`.
 */
export interface ItemLines {
  tags?: number | number[];
  related?: number | number[];
  id?: number;
  updated?: number;
  /** The key's line, or each correction's (its `date:` line), in the order of `corrections`. */
  corrections?: number | number[];
  withdrawn?: number;
}

/** The line of item `i` of a list in `ItemLines`. */
export function itemLine(lines: number | number[] | undefined, i: number): number | undefined {
  return typeof lines === 'number' ? lines : lines?.[i];
}

/** More tags than this on one story is a list pasted in by mistake (TOO_MANY_TAGS). */
export const MANY_TAGS = 50;

const KNOWN = ['title', 'date', 'author', 'tags', 'section', 'summary', 'slug', 'updated', 'dateline', 'image', 'draft', 'related', 'expires', 'aliases', 'id', 'layout', 'featured', 'corrections', 'correction', 'editorsNote', 'language', 'direction', 'withdrawn', 'live', 'ended'];
/** Keys other generators use for the same thing, by keyName (`is_draft` as `isdraft`). */
const SYNONYMS: Record<string, string> = {
  byline: 'author', by: 'author', categories: 'section', category: 'section', desk: 'section', column: 'section',
  description: 'summary', excerpt: 'summary', lede: 'summary',
  keywords: 'tags', permalink: 'slug', lang: 'language', locale: 'language', inlanguage: 'language', dir: 'direction', textdirection: 'direction', guid: 'id', isdraft: 'draft', redirectfrom: 'aliases',
  editornote: 'editorsNote', editorsnote: 'editorsNote', clarification: 'corrections', clarifications: 'corrections', erratum: 'corrections',
  sticky: 'featured', pinned: 'featured', topstory: 'featured',
  liveblog: 'live', islive: 'live', livecoverage: 'live', liveended: 'ended', coverageend: 'ended', coverageended: 'ended', coverageendtime: 'ended', endedat: 'ended', liveuntil: 'ended',
  featuredimage: 'image', featureimage: 'image', coverimage: 'image', leadimage: 'image', heroimage: 'image',
};
/**
 * The known key another tool's name for it stands for: a synonym above, or a name of the time of
 * the last change (`updated_at`, `dateModified`, `lastmod`) or of the takedown (`expiry_date`,
 * `takedown_date`, `remove_after`), by the name's shape. Not for an empty one of those: an export
 * that writes `deleted_at:` or `updated_at:` with nothing on every story means nothing by it.
 */
const synonym = (key: string, v: unknown): string | undefined => {
  const k = keyName(key);
  if (Object.hasOwn(SYNONYMS, k)) return SYNONYMS[k];
  if (v === null || v === undefined || v === '') return undefined;
  if (isUpdatedKey(key)) return 'updated';
  if (isExpiryKey(key)) return 'expires';
  return undefined;
};

/** The names a value holds, when it is one name or a list of them (a byline, a category). */
function names(v: unknown): string[] {
  if (typeof v === 'string') return v.trim() ? [v.trim()] : [];
  if (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number')) return v.map((x) => String(x).trim()).filter(Boolean);
  return [];
}

/** A name as a YAML value on one line (or an item of a `[…]` list): plain when YAML reads it back as it is, else in double quotes. */
export function yamlText(s: string): string {
  return /^[\p{L}\p{N}/][^:#,[\]{}"'\n]*$/u.test(s) && s === s.trim() && !/^(true|false|null|yes|no|~|[\d.+-]+)$/i.test(s) ? s : JSON.stringify(s);
}

export interface ValidateContext {
  file: string;
  text: string;
  kind: 'article' | 'page';
  timeZone: string;
  defaultAuthor?: string;
  /** Whether an article's URL holds its date (`permalinks.article` names `{yyyy}`): a Jekyll post's dated file name then gives its slug without the date. */
  datedUrls?: boolean;
  /** What the site's own templates show of a page's corrections and editor's note, by file name (SiteConfig's `templateShows`). */
  templateShows?: Record<string, readonly string[]>;
}

/**
 * The text of a `- item` line as YAML most likely reads it: unquoted, without a trailing comment.
 * An escape in quotes (`"\u00e9"`) is not decoded: such an item gets the line of its key.
 */
function listItem(line: string): string | undefined {
  const m = /^\s*-(?:\s+(.*))?$/.exec(line);
  if (!m) return undefined;
  const item = (m[1] ?? '').trim();
  const quoted = /^(["'])(.*)\1(?:\s+#.*)?$/.exec(item);
  if (quoted) return quoted[2].trim();
  // A comment starts at a # after white space. Not `/\s+#.*$/`: tried at every space of a long
  // run of them, 100,000 spaces in a list item took 15 seconds.
  const comment = item.search(/\s#/);
  return comment === -1 ? item : item.slice(0, comment).trimEnd();
}

/**
 * Checks one file's front matter. Returns the meta (when usable), every problem found, and the meta
 * as far as it could be read (`partial`: a field at fault is left out or empty), which a build with
 * errors uses to know where the file's page would be (model/failed.ts), never to publish it.
 */
export function validateFrontMatter(fm: FrontMatter, ctx: ValidateContext): { meta?: ArticleMeta; partial: ArticleMeta; diagnostics: Diagnostic[] } {
  const ds: Diagnostic[] = [];
  const d = fm.data;
  const placeAt = (line: number | undefined) => ({ file: ctx.file, line, column: line ? 1 : undefined, frame: line ? codeFrame(ctx.text, line, 1) : undefined });
  // A field that is not there is reported at the closing `---`: where it is to be added.
  const at = (key: string) => placeAt(fm.keyLines[key] ?? (d[key] === undefined ? fm.bodyLine - 1 : undefined));
  const fail = (code: string, key: string, message: string, hint: string) => ds.push(error(code, message, { ...at(key), hint }));
  /** At a line of its own (an item of a list, a key inside `image:`), else at the key's. */
  const failAt = (code: string, key: string, line: number | undefined, message: string, hint: string) =>
    line ? ds.push(error(code, message, { ...placeAt(line), hint })) : fail(code, key, message, hint);
  let head: string[] | undefined;
  /** The line a key's value ends before: where the next key starts, or the closing `---`. */
  const valueEnd = (keyLine: number): number => {
    let end = fm.bodyLine - 1;
    for (const k in fm.keyLines) if (fm.keyLines[k] > keyLine && fm.keyLines[k] < end) end = fm.keyLines[k];
    return end;
  };
  /** The line of `sub:` inside the mapping of top-level `key` (`src:` under `image:`). */
  const nestedLine = (key: string, sub: string): number | undefined => {
    const keyLine = fm.keyLines[key];
    if (!keyLine) return undefined;
    const end = valueEnd(keyLine);
    head ??= ctx.text.split(/\r?\n/, fm.bodyLine);
    const pattern = new RegExp(`^\\s+${sub}\\s*:`);
    for (let l = keyLine + 1; l < end; l++) if (pattern.test(head[l - 1] ?? '')) return l;
    return undefined;
  };
  /** The lines under a list's key whose dash has no space after it: one error, at the first. */
  const dashWithoutSpace = (key: string) => {
    const keyLine = fm.keyLines[key];
    if (!keyLine) return;
    head ??= ctx.text.split(/\r?\n/, fm.bodyLine);
    // Only a value on the lines under the key: `tags: -Rail` on one line is a tag of its own.
    if (!/:[ \t]*(?:#.*)?$/.test(head[keyLine - 1] ?? '')) return;
    const end = valueEnd(keyLine);
    const bad: [number, string][] = [];
    for (let l = keyLine + 1; l < end; l++) {
      const m = /^([ \t]*)-([^\s-].*)$/.exec(head[l - 1] ?? '');
      if (m) bad.push([l, `${m[1] || '  '}- ${m[2].trimEnd()}`]);
    }
    if (!bad.length) return;
    const fixed = bad.slice(0, 3).map(([, f]) => `\`${f}\``).join(', ') + (bad.length > 3 ? ', …' : '');
    ds.push(error('DASH_WITHOUT_SPACE', `\`${key}\` is one item, "${d[key]}": ${bad.length === 1 ? 'its line has' : `its ${bad.length} lines have`} no space after the dash, so YAML reads ${bad.length === 1 ? 'it as text' : 'them as one text'}, not as a list.`, {
      ...placeAt(bad[0][0]),
      hint: `Put a space after the dash on ${bad.length === 1 ? 'the line' : 'each line'}: ${fixed}.`,
    }));
  };
  /**
   * A number or true/false where text is meant, as written on the line `line` (`title: 1.10` is
   * "1.10", `slug: 0123` is "0123", `dateline: 0800` is "0800"): YAML's reading of it (1.1, 123,
   * 800) is not what the editor wrote. YAML's reading when the value is not a plain word on that line.
   */
  const asWritten = (line: number | undefined, v: number | boolean): string => {
    if (line === undefined) return String(v);
    head ??= ctx.text.split(/\r?\n/, fm.bodyLine);
    const word = /^[^:]*:[ \t]+(?:!!(?:int|float|bool)[ \t]+)?([^\s#'"]+)[ \t]*(?:#.*)?$/.exec(head[line - 1] ?? '')?.[1];
    return word !== undefined && WRITTEN_SCALAR.test(word) ? word : String(v);
  };
  const str = (key: string): string | undefined => {
    const v = d[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'string') return v.trim() || undefined;
    if (typeof v === 'number' || typeof v === 'boolean') return asWritten(fm.keyLines[key], v);
    fail('BAD_FIELD', key, `\`${key}\` must be text, found ${Array.isArray(v) ? 'a list' : 'a mapping'}.`, `Write \`${key}\` as a single line of text.`);
    return undefined;
  };
  /**
   * `date` missing: renamed from another tool's publication time when there is one (Hugo reads a
   * `publishDate` as the date then), else added, from a Jekyll post's file name when it has one.
   */
  const missingDate = (key: string) => {
    const from = key === 'date' ? Object.keys(d).find((k) => isPublishDateKey(k, d[k]) && !('error' in parseSiteDate(d[k], ctx.timeZone))) : undefined;
    if (from) {
      const hint = d[key] === undefined ? `Rename \`${from}\` to \`${key}\`.` : `Write its time after \`${key}:\` (\`${key}: ${shown(d[from])}\`), and delete the \`${from}\` line.`;
      ds.push(error('MISSING_FIELD', `\`${key}\` is missing: \`${from}\` has the time, but dateline reads only \`${key}\`.`, { ...at(from), hint }));
      return;
    }
    const named = nameDate(path.posix.basename(ctx.file, '.md'));
    const example = named && !('error' in parseSiteDate(named, ctx.timeZone)) ? `\`${key}: ${named}\` (the date in the file's name)` : `\`${key}: 2024-03-20 09:30\``;
    fail('MISSING_FIELD', key, `\`${key}\` is missing.`, `Add a line such as ${example} to the front matter.`);
  };
  const date = (key: string, required: boolean): SiteDate | undefined => {
    const v = d[key];
    if (v === undefined || v === null || v === '') {
      if (required) missingDate(key);
      return undefined;
    }
    const parsed = parseSiteDate(v, ctx.timeZone);
    if ('error' in parsed) {
      const ascii = typeof v === 'string' ? asciiDate(v) : undefined;
      const hidden = typeof v === 'string' ? hiddenIn(v) : undefined;
      const good = ascii && !('error' in parseSiteDate(ascii, ctx.timeZone));
      // "March 20, 2026", "20/03/2026", an e-mail's "Fri, 20 Mar 2026 09:30:00 +0800": the line to write.
      const words = typeof v === 'string' && !good ? dateInWords(v)?.filter((f) => !('error' in parseSiteDate(f, ctx.timeZone))) : undefined;
      const MONTH = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
      const spelt = (f: string) => `${+f.slice(8, 10)} ${MONTH[+f.slice(5, 7) - 1]}`;
      const hint = typeof v === 'string' && CURLY.test(v) ? CURLY_HINT : good && hidden ? `It has a character in it that cannot be seen, ${hidden}: delete the date and type it again, \`${key}: ${ascii}\`.` : good ? `Write it as YYYY-MM-DD HH:MM, in ASCII digits: \`${key}: ${ascii}\`.`
        : words?.length === 1 ? `Write it year first, as dateline reads it: \`${key}: ${words[0]}\`.`
        : words?.length === 2 ? `Write it year first, as dateline reads it: \`${key}: ${words[0]}\` for ${spelt(words[0])}, or \`${key}: ${words[1]}\` for ${spelt(words[1])}.`
        : `Use a real date as YYYY-MM-DD, optionally with a time (HH:MM) and an offset (+08:00).`;
      fail('BAD_DATE', key, `\`${key}\`: ${parsed.error}.`, hint);
      return undefined;
    }
    if (parsed.gap) {
      ds.push(warning('DATE_IN_GAP', `\`${key}\`: ${parsed.gap}.`, { ...at(key), hint: `Write the time as the clock showed it, such as \`${key}: ${parsed.iso.slice(0, 10)} ${parsed.iso.slice(11, 16)}\`, or give an offset.` }));
      return { ms: parsed.ms, iso: parsed.iso };
    }
    return parsed;
  };
  const linesOf = (key: string, items: string[]): number | number[] | undefined => {
    const keyLine = fm.keyLines[key];
    if (!keyLine) return undefined;
    const end = valueEnd(keyLine);
    // A list on the key's own line (the commonest way) needs no reading.
    if (end === keyLine + 1) return keyLine;
    head ??= ctx.text.split(/\r?\n/, fm.bodyLine);
    const own = head.slice(keyLine, end - 1).map(listItem);
    return items.map((item) => {
      const i = own.indexOf(item);
      return i === -1 ? keyLine : keyLine + 1 + i;
    });
  };
  const itemLines = (lists: Record<'tags' | 'related', string[]>): ItemLines => {
    const out: ItemLines = {};
    for (const key of ['tags', 'related'] as const) {
      const lines = lists[key].length ? linesOf(key, lists[key]) : undefined;
      if (lines !== undefined) out[key] = lines;
    }
    return out;
  };
  const list = (key: string, splitCommas: boolean): string[] => {
    const v = d[key];
    if (v === undefined || v === null) return [];
    // Chinese and Japanese text separates a list with ， or 、 rather than a comma.
    if (typeof v === 'string') return (splitCommas ? v.split(/[,，、；;]/) : [v]).map((s) => withoutZeroWidth(s).trim()).filter(Boolean);
    // Inside a list too (`tags: [天气，武隆]`, `[Weather; Wulong]`): a tag never holds one of those.
    if (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number')) return v.flatMap((x) => (splitCommas && typeof x === 'string' ? x.split(/[，、；;]/) : [String(x)])).map((x) => withoutZeroWidth(x).trim()).filter(Boolean);
    // `- ` with nothing after it, or `null`, in a list of names: the item is empty, not the list wrong.
    const items: unknown[] = Array.isArray(v) ? v : [];
    const empty = items.findIndex((x) => x === null || x === undefined || x === '');
    // `- #MeToo`: the item is a comment, and COMMENT_IN_TEXT says so at its line.
    if (empty !== -1 && emptied.has(key)) return [];
    if (empty !== -1 && items.every((x) => x === null || x === undefined || typeof x === 'string' || typeof x === 'number')) fail('BAD_FIELD', key, `\`${key}\` has an empty item (the ${ordinal(empty + 1)}).`, `Write the name there, or delete the empty item.`);
    else fail('BAD_FIELD', key, `\`${key}\` must be a list of names${items.length ? `; the ${ordinal(items.findIndex((x) => typeof x !== 'string' && typeof x !== 'number') + 1)} item is ${Array.isArray(items.find((x) => typeof x !== 'string' && typeof x !== 'number')) ? 'a list' : 'a mapping'}` : ''}.`, `Write \`${key}: [first, second]\` or one \`- name\` line each.`);
    return [];
  };

  /** Set when a key of another tool's (`authors`, `byline`) holds the names `author` lacks: that key's error says so. */
  let bylineElsewhere = false;
  for (const key of Object.keys(d)) {
    if (KNOWN.includes(key)) continue;
    // The photo's own fields, written at the top level: they describe no photo there.
    if (['alt', 'caption', 'credit'].includes(key)) {
      ds.push(warning('UNKNOWN_KEY', `\`${key}\` belongs to the lead image: at the top level it describes nothing.`, { ...at(key), hint: `Move it under \`image:\`, indented by two spaces like \`src:\` there (\`image:\` on a line of its own, \`src:\` and \`${key}:\` on the lines under it).` }));
      continue;
    }
    const problem = unknownKey(key, d, ctx);
    // `dr​aft`, `title :` typed the French way: the message would show the key as the editor sees
    // it, which is the known key, with nothing to rename.
    const hidden = hiddenIn(key);
    const clean = withoutHidden(key);
    if (hidden && KNOWN.includes(clean)) {
      const say = problem?.severity === 'error' ? error : warning;
      ds.push(say('UNKNOWN_KEY', `\`${clean}\` has a character in it that cannot be seen, ${hidden}: dateline reads it as another key.${problem?.severity === 'error' ? ` ${problem.message.replace(/^.*?\? /, '')}` : ' As written, the line does nothing.'}`, { ...placeAt(fm.keyLines[key]), hint: `Delete the key and type \`${clean}:\` again.` }));
      continue;
    }
    if (!problem) continue;
    bylineElsewhere ||= !!problem.byline;
    const line = (problem.sub && nestedLine(key, problem.sub)) || fm.keyLines[key];
    ds.push((problem.severity === 'error' ? error : warning)('UNKNOWN_KEY', problem.message, { ...placeAt(line), hint: problem.hint }));
  }

  if (ctx.kind === 'page') storyFieldsOnPage(d, fm.keyLines, placeAt, ds);
  const emptied = commentsInText(ctx.text, fm.bodyLine, ctx.file, ds);
  tagsInText(ctx.text, fm.bodyLine, ctx.file, ds);
  ds.push(...fieldsInBody(fm.body, fm.bodyLine, KNOWN, fm.keyLines, ctx.file, ctx.text));
  // `dateline new`'s placeholder, left in a story that is not a draft.
  const placeholder = d.draft === true ? undefined : placeholderLine(fm.body, fm.bodyLine);
  if (placeholder !== undefined) {
    ds.push(error('PLACEHOLDER', `The story still has the placeholder text: "${PLACEHOLDER}"`, {
      ...placeAt(placeholder),
      hint: `Write the story in place of that line. To keep the ${ctx.kind} off the site until it is written, add \`draft: true\` to the front matter.`,
    }));
  }

  // `tags:` then `  -Rail` and `  -Port`: with no space after the dash, YAML reads one text, "-Rail -Port".
  for (const key of DASH_LISTS) if (typeof d[key] === 'string' && (d[key] as string).startsWith('-')) dashWithoutSpace(key);
  const title = str('title');
  // A title written as a list or a mapping has had its error from str().
  const titleWritten = d.title !== undefined && d.title !== null && d.title !== '';
  if (!title && !(titleWritten && typeof d.title === 'object')) {
    if (titleWritten || fm.keyLines.title !== undefined) fail('MISSING_FIELD', 'title', '`title` is empty.', 'Write the headline after `title:`, such as `title: "Rail freight to Europe doubles"`.');
    else fail('MISSING_FIELD', 'title', '`title` is missing.', 'Add a line such as `title: "Rail freight to Europe doubles"` to the front matter.');
  } else if (title && !slugify(title)) fail('BAD_TITLE', 'title', `The title "${title}" has no letters or digits.`, 'Write the headline in words.');
  else if (title && longHeadline(title)) {
    ds.push(warning('LONG_HEADLINE', `The headline is ${[...title].length} characters long, more than a headline runs: it may be the first paragraph pasted into \`title\`.`, { ...at('title'), hint: 'Write a headline of a line or two in `title`, and put the rest in the story or in `summary`.' }));
  }
  const short = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}…` : text);
  const isArticle = ctx.kind === 'article';
  const dateValue = date('date', isArticle);
  let authors = list('author', false);
  // An empty byline (`author: ""`, `author: []`) is no byline: the default author's, or an error.
  // A list whose items are all empty; one with a name and an empty item has its own error (list()).
  const authorEmpty = d.author === null || d.author === '' || (typeof d.author === 'string' && !d.author.trim()) || (Array.isArray(d.author) && d.author.every((x) => x === null || x === undefined || (typeof x === 'string' && !x.trim())));
  if (isArticle && authors.length === 0 && (d.author === undefined || authorEmpty) && !bylineElsewhere) {
    if (ctx.defaultAuthor) authors = [ctx.defaultAuthor];
    else if (d.author === undefined) fail('MISSING_FIELD', 'author', '`author` is missing.', 'Add `author: Your Name` (or a list for several bylines), or set `defaultAuthor` in the config.');
    else fail('MISSING_FIELD', 'author', '`author` is empty.', 'Write the byline after `author:` (or a list for several bylines), or delete the line to use `defaultAuthor` from the config.');
  }
  const tags = list('tags', true);
  // `tags: [“Rail”]` keeps the curly quotes as part of the name: a tag page for “Rail”.
  const curly = (key: string, names: string[]) => {
    names.forEach((n, i) => {
      if (CURLY.test(n) && /[”’“‘]$/.test(n)) ds.push(warning('CURLY_QUOTES', `\`${key}\` has ${n}, with the curly quotes as part of the name.`, { ...placeAt(itemLine(linesOf(key, names), i) ?? fm.keyLines[key]), hint: CURLY_HINT }));
    });
  };
  curly('tags', tags);
  tags.forEach((t, i) => {
    if (!nameSlug(t)) failAt('BAD_TAG', 'tags', itemLine(linesOf('tags', tags), i), `The tag "${t}" has no letters or digits, so it cannot have a page.`, 'Remove the tag or give it a name with letters or digits.');
    else if (slugTooLong(nameSlug(t))) failAt('BAD_TAG', 'tags', itemLine(linesOf('tags', tags), i), `The tag "${short(t)}" ${slugLength(nameSlug(t))}.`, 'Shorten the tag to a few words: a tag names a topic, not a sentence.');
  });
  // A story sits on each of its tags' pages and in their feeds, and every feed item names all its
  // tags: 3,000 tags made 9,000 feeds of 3,000 categories each (650 MB). No desk means that many.
  if (tags.length > MANY_TAGS) ds.push(warning('TOO_MANY_TAGS', `\`tags\` has ${tags.length} tags; a story rarely has more than ten, and each gets a page and three feeds, each of which lists all ${tags.length}.`, { ...at('tags'), hint: `Keep the few topics a reader would follow (at most ${MANY_TAGS}); a list pasted in by mistake (keywords, a whole tag index) belongs out of \`tags\`.` }));
  authors.forEach((a, i) => {
    if (!nameSlug(a)) failAt('BAD_AUTHOR', 'author', itemLine(linesOf('author', authors), i), `The byline "${a}" has no letters or digits, so it cannot have an author page.`, 'Write the author\'s name in `author`.');
    else if (slugTooLong(nameSlug(a))) failAt('BAD_AUTHOR', 'author', itemLine(linesOf('author', authors), i), `The byline "${short(a)}" ${slugLength(nameSlug(a))}.`, 'Write each author\'s name in `author`, one a list item for several.');
  });
  curly('author', authors);
  const section = str('section');
  if (section) curly('section', [section]);
  if (section !== undefined && !nameSlug(section)) fail('BAD_SECTION', 'section', `The section "${section}" has no letters or digits, so it cannot have a page.`, 'Write the name of a section such as `section: Insights`, or remove the line.');
  else if (section !== undefined && slugTooLong(nameSlug(section))) fail('BAD_SECTION', 'section', `The section "${short(section)}" ${slugLength(nameSlug(section))}.`, 'Write the name of a section such as `section: Insights`.');

  let slug: string | undefined;
  const written = str('slug');
  // A WordPress export's slug for a Chinese headline is percent-encoded (`%e9%87%8d…`): its letters are meant.
  const explicit = written === undefined ? undefined : withoutZeroWidth(percentDecoded(written));
  if (explicit !== undefined) {
    // As written, and what its percent-encoding says when it has one (`a%2Fb` is "a/b").
    const quoted = written === explicit ? `"${explicit}"` : `"${written}" (percent-encoded "${explicit}")`;
    if (/[/\\]|\.\./.test(explicit)) fail('BAD_SLUG', 'slug', `The slug ${quoted} contains "/", "\\" or "..".`, 'Use only letters, digits and hyphens in `slug`, e.g. `slug: rail-freight-doubles`.');
    else if (!slugify(explicit)) fail('BAD_SLUG', 'slug', `The slug ${quoted} has no letters or digits.`, 'Use letters, digits and hyphens in `slug`.');
    else if (slugTooLong(slugify(explicit))) fail('BAD_SLUG', 'slug', `The slug "${short(explicit)}" ${slugLength(slugify(explicit))}.`, 'Shorten `slug` to the few words that name the story, e.g. `slug: rail-freight-doubles`.');
    else slug = slugify(explicit);
  } else {
    // A title without letters or digits has had its error (BAD_TITLE).
    // A Jekyll post's dated name (2024-03-20-rail-freight.md) without its date, where the URL has
    // the date already: a page's URL has none, nor an article's under a pattern without one.
    const name = percentDecoded(fileName(ctx.file));
    const fromFile = slugify(isArticle && ctx.datedUrls !== false ? undatedName(name) : name);
    slug = fromFile || (title ? slugify(title) : '');
    // A file's own name fits a folder's; a slug made from a long headline may not.
    if (!fromFile && slugTooLong(slug)) fail('BAD_SLUG', 'title', `The URL made from the title ${slugLength(slug)}.`, 'Add a short `slug:` line, e.g. `slug: rail-freight-doubles`.');
  }

  let image: ArticleImage | undefined;
  const img = d.image;
  if (img !== undefined && img !== null) {
    const o = typeof img === 'string' ? { src: img } : (img as Record<string, unknown>);
    if (typeof o !== 'object' || Array.isArray(o) || typeof o.src !== 'string' || !o.src.trim()) {
      const src = typeof o === 'object' && !Array.isArray(o) ? o.src : undefined;
      const what = src === undefined || src === null || (typeof src === 'string' && !src.trim()) ? '`image` needs a `src`.' : `\`image.src\` must be the photo's path as text, not ${typeof src === 'number' ? `the number ${src}` : Array.isArray(src) ? 'a list' : typeof src === 'object' ? 'a mapping' : String(src)}.`;
      fail('BAD_FIELD', 'image', what, 'Write `image:` with indented `src: /images/photo.jpg`, `alt: …`, `caption: …` and `credit: …` lines.');
    } else if (!isImagePlace(o.src)) {
      failAt('BAD_FIELD', 'image', nestedLine('image', 'src'), `\`image.src\` must be a path on the site or an http(s) URL, not "${o.src.trim()}".`, 'Put the photo in static/ (static/images/photo.jpg) and write `src: /images/photo.jpg`, with forward slashes.');
    } else if (o.crops !== undefined && o.crops !== null && (!Array.isArray(o.crops) || !o.crops.every((c) => typeof c === 'string' && c.trim() && isImagePlace(c)))) {
      failAt('BAD_FIELD', 'image', nestedLine('image', 'crops'), '`image.crops` must be a list of paths or http(s) URLs.', 'List the other shapes of the photo under `crops:`, one `- /images/photo-16x9.jpg` a line.');
    } else {
      const text = (v: unknown, sub: string) => (typeof v === 'number' ? asWritten(nestedLine('image', sub), v) : typeof v === 'string' ? v.trim() || undefined : undefined);
      const crops = Array.isArray(o.crops) && o.crops.length ? (o.crops as string[]).map((c) => urlSafe(c.trim())) : undefined;
      image = { src: urlSafe(o.src.trim()), alt: text(o.alt, 'alt') ?? '', caption: text(o.caption, 'caption'), credit: text(o.credit, 'credit'), ...(crops ? { crops } : {}) };
      const hint = typeof img === 'string'
        ? `Write \`image:\` on a line of its own; under it, indented by two spaces, \`src: ${o.src.trim()}\` and then \`alt:\` with what the photo shows, each on its own line.`
        : 'Add `alt:` under `image:` describing the photo for readers who cannot see it.';
      if (!image.alt) ds.push(warning('MISSING_ALT', 'The lead image has no `alt` text.', { ...at('image'), hint }));
    }
  }

  const featuredValue = d.featured;
  if (featuredValue !== undefined && featuredValue !== null && typeof featuredValue !== 'boolean') {
    fail('BAD_FIELD', 'featured', `\`featured\` must be true or false, found ${typeof featuredValue === 'string' ? `the text "${featuredValue}"` : shown(featuredValue)}.`, 'Write `featured: true` to lead the home page with this story, or delete the line.');
  }
  if (featuredValue === true && !isArticle) ds.push(warning('BAD_FIELD', '`featured` leads the home page with a story; a standalone page is in no listing.', { ...at('featured'), hint: 'Delete the line.' }));
  // `correction:` (one) is read as `corrections:`; both at once would hide one of them.
  const correctionKey = d.corrections !== undefined ? 'corrections' : 'correction';
  if (d.corrections !== undefined && d.correction !== undefined) fail('BAD_FIELD', 'correction', 'The front matter has both `correction` and `corrections`.', 'Put every correction under `corrections:`, one `- ` item each, and delete the `correction` line.');
  /**
   * The lines of each item of `corrections:` (its `- ` line, and its `date:` line when it has one),
   * in the order written; none when the value is on the key's line. Read only for a message.
   */
  const correctionLines = (): { item: number; date?: number }[] => {
    const keyLine = fm.keyLines[correctionKey];
    if (!keyLine) return [];
    head ??= ctx.text.split(/\r?\n/, fm.bodyLine);
    const out: { item: number; date?: number }[] = [];
    let indent: number | undefined;
    for (let l = keyLine + 1; l < valueEnd(keyLine); l++) {
      const line = head[l - 1] ?? '';
      const dash = /^(\s*)-(\s|$)/.exec(line);
      if (dash && (indent === undefined || dash[1].length <= indent)) {
        indent = dash[1].length;
        out.push({ item: l });
      }
      if (out.length && /^\s*(?:-\s+)?date\s*:/.test(line)) out[out.length - 1].date ??= l;
    }
    return out;
  };
  const correctionAt = (i: number, part: 'item' | 'date'): number | undefined => {
    const lines = correctionLines()[i];
    return part === 'date' ? lines?.date ?? lines?.item : lines?.item;
  };
  const corrections = correctionsOf(d[correctionKey], (i, message, hint) => failAt('BAD_FIELD', correctionKey, correctionAt(i, 'item'), message, hint), (i, v) => {
    const parsed = parseSiteDate(v, ctx.timeZone);
    if ('error' in parsed) {
      failAt('BAD_DATE', correctionKey, correctionAt(i, 'date'), `A correction's \`date\`: ${parsed.error}.`, 'Use a real date as YYYY-MM-DD, optionally with a time (HH:MM) and an offset (+08:00).');
      return undefined;
    }
    return parsed;
  });
  const editorsNote = str('editorsNote');
  // The theme's standalone page shows neither: an About Us page's note would be published nowhere,
  // unless the page's template is the site's own and shows it (its `layout`, else page.njk).
  const template = `${typeof d.layout === 'string' && d.layout ? d.layout : 'page'}.njk`;
  const shows = isArticle ? undefined : ctx.templateShows?.[template];
  const unshownCorrections = corrections.length > 0 && !shows?.includes('corrections');
  const unshownNote = !!editorsNote && !shows?.includes('editorsNote');
  if (!isArticle && (unshownCorrections || unshownNote)) {
    const key = unshownNote && !unshownCorrections ? 'editorsNote' : correctionKey;
    const field = key === 'editorsNote' ? 'editorsNote' : 'corrections';
    // A site's own template that shows the other one: its name, and the field to add to it.
    const where = shows ? `the page's template, templates/${template}, shows no \`entry.${field}\`` : "the theme's standalone page shows no corrections or editor's note";
    const own = shows ? `; or show \`entry.${field}\` in templates/${template}` : "; a site's own templates/page.njk can show `entry.corrections` and `entry.editorsNote`";
    ds.push(warning('BAD_FIELD', `\`${key}\` is shown under a story; ${where}, so ${key === 'editorsNote' ? 'it is' : 'they are'} published nowhere.`, { ...at(key), hint: `Write the change in the page's own text ("We updated this policy on 30 November 2026 to…"), and delete the line${own}.` }));
  }
  const withdrawn = withdrawalOf(d.withdrawn, (message, hint) => fail('BAD_FIELD', 'withdrawn', message, hint), (v) => {
    const parsed = parseSiteDate(v, ctx.timeZone);
    if ('error' in parsed) {
      fail('BAD_DATE', 'withdrawn', `The \`date\` under \`withdrawn\`: ${parsed.error}.`, 'Use a real date as YYYY-MM-DD, optionally with a time (HH:MM) and an offset (+08:00).');
      return undefined;
    }
    return parsed;
  });
  if (withdrawn?.date && dateValue && Date.parse(withdrawn.date) < dateValue.ms) {
    ds.push(warning('WITHDRAWN_BEFORE_DATE', `The story is withdrawn on ${withdrawn.date}, before its \`date\` (${dateValue.iso}): the notice would show that time.`, { ...placeAt(nestedLine('withdrawn', 'date') ?? fm.keyLines.withdrawn), hint: "Set the `date` under `withdrawn` to when the story was taken down, after the story's own." }));
  }
  // A correction before the story went out is a date typed wrong: it would lead the list.
  const early = dateValue ? corrections.find((c) => c.date !== undefined && Date.parse(c.date) < dateValue.ms) : undefined;
  if (early) ds.push(warning('CORRECTION_BEFORE_DATE', `A correction is dated ${early.date}, before the story's \`date\` (${dateValue!.iso}).`, { ...placeAt(correctionAt(early.written, 'date') ?? fm.keyLines[correctionKey]), hint: "Set the correction's `date` to when it was made, after the story's." }));

  // A live blog (parse/live.ts reads its updates): `live: true`, and `ended` once coverage stops.
  const liveValue = d.live;
  if (liveValue !== undefined && liveValue !== null && typeof liveValue !== 'boolean') {
    fail('BAD_FIELD', 'live', `\`live\` must be true or false, found ${typeof liveValue === 'string' ? `the text "${liveValue}"` : shown(liveValue)}.`, 'Write `live: true` to run this story as a live blog, each update under a heading such as `## 14:05 Rescue teams reach the village`; to end the coverage, keep `live: true` and add `ended: <the time>`.');
  }
  if (liveValue === true && !isArticle) ds.push(warning('BAD_FIELD', '`live` makes a story a live blog; a standalone page is not one.', { ...at('live'), hint: 'Delete the line.' }));
  const ended = date('ended', false);
  if (ended && liveValue !== true) {
    ds.push(warning('ENDED_NOT_LIVE', '`ended` says when a live blog\'s coverage ended, but this story has no `live: true`: it does nothing.', { ...at('ended'), hint: liveValue === false ? 'Write `live: true` instead of `live: false`: with `ended`, the story stays a live blog and shows that its coverage has ended.' : 'Add `live: true` if the story is a live blog, or delete the `ended` line.' }));
  }
  if (ended && liveValue === true && dateValue && ended.ms < dateValue.ms) {
    ds.push(warning('ENDED_BEFORE_DATE', `\`ended\` (${ended.iso}) is earlier than the story's \`date\` (${dateValue.iso}): the live coverage would show as ended from the start.`, { ...at('ended'), hint: 'Set `ended` to the time the coverage ended, after `date`.' }));
  }

  const draftValue = d.draft;
  if (draftValue !== undefined && typeof draftValue !== 'boolean') fail('BAD_FIELD', 'draft', ...badDraft(draftValue, ctx.kind));
  const updated = date('updated', false);
  const expires = date('expires', false);
  if (updated && dateValue && updated.ms < dateValue.ms) ds.push(warning('UPDATED_BEFORE_DATE', '`updated` is earlier than `date`.', { ...at('updated'), hint: 'Set `updated` to the time of the last change, after `date`.' }));
  // A standalone page never expires: only an article is taken down at `expires`.
  if (isArticle && expires && dateValue && expires.ms <= dateValue.ms) {
    ds.push(warning('EXPIRES_NOT_AFTER_DATE', `\`expires\` (${expires.iso}) is not later than \`date\` (${dateValue.iso}), so the article is never published.`, { ...at('expires'), hint: 'Set `expires` to the time the article is to be taken down, after `date`, or delete the `expires` line.' }));
  }

  const aliases = list('aliases', false);
  for (const alias of aliases) {
    const checked = aliasRoute(alias);
    if (!('error' in checked)) continue;
    // Point at the list item itself when it is on a line of its own.
    const keyLine = fm.keyLines.aliases;
    const isItem = (l: string) => l.trim().replace(/^-\s*/, '').replace(/^(["'])(.*)\1$/, '$2').trim() === alias;
    const itemLine = keyLine ? ctx.text.split(/\r?\n/).findIndex((l, i) => i >= keyLine - 1 && isItem(l)) + 1 : 0;
    const line = itemLine || keyLine;
    // An address copied from the browser: its path is what to write.
    let path: string | undefined;
    try {
      path = /^https?:\/\//i.test(alias.trim()) ? new URL(alias.trim()).pathname : undefined;
    } catch {
      path = undefined;
    }
    // An old address with a query (WordPress's `/?p=123`, an old CMS's `/story.php?id=5`): a static
    // host finds a page by its path alone, so no redirect can be made there; the fix is to delete it.
    const query = /^[^#\\\u0000-\u001f]*\?/.test(alias.trim()) ? alias.trim().replace(/^https?:\/\/[^/?]*/i, '') : undefined;
    const hint = query !== undefined
      ? `Delete "${alias}" from \`aliases\` (the others keep their redirects). \`dateline check\` finds the site's own links to such addresses, to point at the story's new one.`
      : path && path !== '/' ? `Write the path alone, without the site's address: \`${path}\`.` : 'Write each alias as an old path on this site, such as `/2023/05/12/old-slug/`, without "..", a scheme, "//" or a part that starts with ".".';
    const what = query === undefined
      ? checked.error
      : `has a query (\`${query.slice(query.indexOf('?'))}\`${/^\/?\?(?:p|page_id)=\d+$/.test(query) ? ', WordPress\'s address by post number' : ''}): a static host finds a page by its path alone and answers ${query.slice(0, query.indexOf('?')) || '/'} whatever the query says, so no redirect can be made there`;
    ds.push(error('BAD_ALIAS', `The alias "${alias}" ${what}.`, { file: ctx.file, line, column: line ? 1 : undefined, frame: line ? codeFrame(ctx.text, line, 1) : undefined, hint }));
  }

  const id = itemId(d.id, fm.keyLines.id !== undefined, (message, hint) => fail('BAD_ID', 'id', message, hint));

  const { language, direction } = storyLanguage(str('language'), str('direction'), (key, message, hint) => fail(key === 'language' ? 'BAD_LANGUAGE' : 'BAD_FIELD', key, message, hint));

  const relatedNames = list('related', true);
  const meta: ArticleMeta = {
    title: title ?? '',
    slug: slug ?? '',
    date: dateValue,
    updated,
    expires,
    authors,
    tags,
    section,
    summary: str('summary'),
    dateline: str('dateline'),
    image,
    draft: draftValue === true,
    ...(featuredValue === true && isArticle ? { featured: true } : {}),
    ...(corrections.length ? { corrections: corrections.map(({ text, date }) => (date ? { text, date } : { text })) } : {}),
    ...(editorsNote ? { editorsNote } : {}),
    ...(withdrawn ? { withdrawn } : {}),
    ...(typeof liveValue === 'boolean' && isArticle ? { live: liveValue } : {}),
    ...(ended && liveValue === true && isArticle ? { ended } : {}),
    related: relatedNames.map((r) => slugify(r)),
    aliases,
    id,
    layout: str('layout'),
    ...(language ? { language } : {}),
    ...(direction ? { direction } : {}),
    extra: Object.fromEntries(Object.entries(d).filter(([k]) => !KNOWN.includes(k))),
    lines: itemLines({ tags, related: relatedNames }),
  };
  if (id !== undefined) meta.lines.id = fm.keyLines.id;
  if (updated) meta.lines.updated = fm.keyLines.updated;
  if (corrections.length) {
    const own = corrections.map((c) => correctionAt(c.written, 'date'));
    meta.lines.corrections = own.every((l) => l !== undefined) ? (own as number[]) : fm.keyLines[correctionKey];
  }
  // At its `date:` line when it has one: the time is what a warning about it names.
  if (withdrawn) meta.lines.withdrawn = (withdrawn.date !== undefined ? nestedLine('withdrawn', 'date') : undefined) ?? fm.keyLines.withdrawn;
  return { meta: ds.some((x) => x.severity === 'error') ? undefined : meta, partial: meta, diagnostics: ds };
}

/**
 * The story's `language` and `direction`, checked by the rules of the config's: a BCP 47 tag,
 * and `rtl` or `ltr` (without it, the site graph takes the language's own direction).
 */
function storyLanguage(tag: string | undefined, dir: string | undefined, fail: (key: 'language' | 'direction', message: string, hint: string) => void): { language?: string; direction?: 'ltr' | 'rtl' } {
  let language: string | undefined;
  if (tag !== undefined) {
    const problem = languageTagProblem(tag);
    if (problem) fail('language', `\`language\`: "${tag}" ${problem}.`, `Write the story's language as a BCP 47 tag, such as \`language: ar\` (Arabic), \`language: zh-CN\` or \`language: en-GB\`.`);
    else language = tag;
  }
  let direction: 'ltr' | 'rtl' | undefined;
  if (dir !== undefined) {
    const d = dir.toLowerCase();
    if (d === 'rtl' || d === 'ltr') direction = d;
    else fail('direction', `\`direction\` must be rtl or ltr, found "${dir}".`, `Write \`direction: rtl\` for a script that runs right to left, \`direction: ltr\` for one that runs left to right, or delete the line: ${language ? `"${language}" runs ${directionOf(language) === 'rtl' ? 'right to left' : 'left to right'}` : 'the language says which'}.`);
  }
  return { language, direction };
}

/**
 * The message and fix for a `draft` that is neither true nor false. `draft: no` is the text "no"
 * to YAML 1.2 (and false to the tools the file may come from): the fix says which way is which,
 * so that a story meant to go out is not held back, nor one meant to wait published.
 */
function badDraft(v: unknown, kind: 'article' | 'page'): [string, string] {
  const f = flag(v);
  if (f === undefined) return ['`draft` must be true or false.', `Write \`draft: true\` to hold the ${kind} back, or \`draft: false\` to publish it.`];
  const quoted = typeof v === 'string' && /^(true|false)$/i.test(v.trim());
  const message = quoted
    ? `\`draft\` must be true or false without quotes: YAML reads the quoted "${v}" as text.`
    : `\`draft\` must be true or false: YAML reads \`${shown(v)}\` as ${typeof v === 'number' ? 'a number' : 'text'}, not as ${f} (as other tools do).`;
  return f
    ? [message, `To hold the ${kind} back, as \`${shown(v)}\` says, write \`draft: true\`; to publish it, delete the line.`]
    : [message, `To publish the ${kind}, as \`${shown(v)}\` says, write \`draft: false\` or delete the line; to hold it back, write \`draft: true\`.`];
}

/** What to say of a key dateline does not know; `sub` is a key inside its mapping to point at, `byline` that it holds the names `author` lacks. */
interface KeyProblem {
  severity: 'error' | 'warning';
  message: string;
  hint: string;
  sub?: string;
  byline?: boolean;
}

const OWN = 'or ignore this if it is meant for your own templates';

/**
 * What a key dateline does not know comes to: another tool's way of holding a story back (an
 * error: as written, the story would go out) or of saying "publish" (a line that does nothing),
 * or a likely mistake for a known key, with a fix that works for the value as written. Undefined
 * for a field of the site's own, kept for its templates; and for another tool's publication time
 * or old address, which plan/migrated.ts checks against the build's clock and the site's URLs.
 */
function unknownKey(key: string, d: Record<string, unknown>, ctx: ValidateContext): KeyProblem | undefined {
  const v = d[key];
  const kind = ctx.kind;
  const held = heldBack(key, v);
  if (held) return heldBackProblem(key, held, d, ctx);
  if (isPublishDateKey(key, v)) {
    // A time is the later check's; `date` missing is said at `date` (validateFrontMatter's date()).
    if (!('error' in parseSiteDate(v, ctx.timeZone))) return undefined;
    return { severity: 'warning', message: `\`${key}\` is not a field dateline knows: ${kind === 'article' ? 'an article is published at its `date`' : 'a page is published when it is built'}.`, hint: `Delete the line, ${OWN}.` };
  }
  if (oldAddress(key, v)) return undefined;
  if (typeof v === 'string' && ['url', 'permalink'].includes(keyName(key)) && isAddressPattern(v.trim())) {
    return { severity: 'warning', message: `\`${key}: ${v.trim()}\` is another tool's pattern for URLs: dateline makes every ${kind}'s URL from \`permalinks\` in the config.`, hint: `Delete the line; to keep the ${kind}'s old address working, list it under \`aliases:\`, such as \`aliases: ['/2019/03/20/old-slug/']\`.` };
  }
  const guess = synonym(key, v) ?? nearMiss(key, KNOWN);
  if (!guess) return undefined;
  // A time's field guessed for the site's own field about something else (`takedown_reason: Legal
  // request`, `modified: true`): no time in it, and a name or a value that says so.
  if ((guess === 'expires' || guess === 'updated' || guess === 'date') && (v == null || 'error' in parseSiteDate(v, ctx.timeZone))) {
    if (typeof v === 'boolean' || /(?:^|[_\s-])(?:reason|note|notes|by|who|why|comment|text|message)$|(?:Reason|Note|Notes|By|Comment|Text|Message)$/.test(key)) return undefined;
  }
  const didYouMean = `\`${key}\` is not a field dateline knows; did you mean \`${guess}\`?`;
  const taken = d[guess] !== undefined;
  /** The fix when the known key is there too: renaming would write it twice. */
  const both = `\`${guess}\` is set already: keep what is right in its line and delete the \`${key}\` line, ${OWN}.`;
  const rename = `Rename \`${key}\` to \`${guess}\`, ${OWN}.`;
  // A misspelt `draft: true` or `expires: <a date>` would publish, or keep published, what the
  // editor meant to hold back: an error, not a warning a build goes past. (A field of the site's
  // own that only looks like one, `craft: wood`, stays a warning.)
  if (guess === 'draft') {
    const f = flag(v);
    if (f === true) return { severity: 'error', message: `${didYouMean} As written, it does nothing: the ${kind} would be published.`, hint: taken ? `Set the \`draft:\` line to \`draft: true\`, and delete the \`${key}\` line.` : v === true ? `Rename \`${key}\` to \`draft\`.` : `Write \`draft: true\` instead of \`${key}: ${shown(v)}\`.` };
    if (f === false) return { severity: 'warning', message: `\`${key}: ${shown(v)}\` does nothing in dateline: ${kind === 'article' ? 'an article' : 'a page'} is published unless it has \`draft: true\`.`, hint: 'Delete the line.' };
    return { severity: 'warning', message: didYouMean, hint: `To hold the ${kind} back, write \`draft: true\` instead of this line, ${OWN}.` };
  }
  if (guess === 'withdrawn') {
    // A misspelt `withdrawn` leaves up the story the editors meant to take down.
    if (v === true || (typeof v === 'string' && v.trim() && flag(v) === undefined)) return { severity: 'error', message: `${didYouMean} As written, it does nothing: the ${kind} stays published.`, hint: taken ? `Keep one \`withdrawn:\` line, and delete the \`${key}\` line.` : `Rename \`${key}\` to \`withdrawn\`.` };
    return { severity: 'warning', message: didYouMean, hint: taken ? both : rename };
  }
  if (guess === 'live' && flag(v) === true && kind === 'article') {
    // A misspelt `live: true` (`Live: true`) publishes the story as an ordinary one: every update
    // at once, those timed later too.
    return { severity: 'error', message: `${didYouMean} As written, it does nothing: the story would be published as an ordinary one, every update in it at once, also those timed later.`, hint: taken ? `Keep one \`live:\` line, and delete the \`${key}\` line.` : v === true ? `Rename \`${key}\` to \`live\`.` : `Write \`live: true\` instead of \`${key}: ${shown(v)}\`.` };
  }
  if (guess === 'expires') {
    if (v == null || 'error' in parseSiteDate(v, ctx.timeZone)) return { severity: 'warning', message: didYouMean, hint: `To take the article down at a time, write it as \`expires: 2030-01-01 09:00\` instead of this line, ${OWN}.` };
    return { severity: 'error', message: `${didYouMean} As written, it does nothing: the article would never be taken down.`, hint: taken ? `Keep one time in the \`expires:\` line, and delete the \`${key}\` line.` : `Rename \`${key}\` to \`expires\` (\`expires: ${shown(v)}\`).` };
  }
  if (guess === 'author') {
    const byline = names(v);
    const none = d.author === undefined || d.author === null || names(d.author).length === 0;
    // Hugo's `authors: [A, B]` alone: the story would go out under another byline, or none.
    if (kind === 'article' && none && byline.length) {
      const as = ctx.defaultAuthor ? `under the default byline (${ctx.defaultAuthor})` : 'with no byline';
      const example = byline.length > 1 ? ` (a list gives each name a byline: \`author: [${byline.map(yamlText).join(', ')}]\`)` : '';
      return {
        severity: 'error',
        message: `\`${key}\` is not a field dateline knows, and there is no \`author\`: as written, the article would be published ${as}.`,
        hint: d.author === undefined ? `Rename \`${key}\` to \`author\`${example}.` : `Write the names in the \`author:\` line${example}, and delete the \`${key}\` line.`,
        byline: true,
      };
    }
    return { severity: 'warning', message: didYouMean, hint: taken ? both : rename };
  }
  if (guess === 'section') {
    // One desk a story: a newsroom's categories are its desk first, then topics (tags).
    // WordPress files a post no one filed under "Uncategorized": not a desk, and no topic.
    const all = names(v);
    const cats = all.filter((c) => !/^uncategori[sz]ed$/i.test(c.trim()));
    if (!taken && all.length > 0 && cats.length === 0) return { severity: 'warning', message: `${didYouMean} "${all[0]}" is WordPress's category for a post no one filed, not a desk.`, hint: `Delete the \`${key}\` line (or write the story's desk as \`section:\`), ${OWN}.` };
    if (taken || cats.length === 0) return { severity: 'warning', message: didYouMean, hint: taken ? `\`section\` is set already: add the ${key} that are topics to \`tags\` and delete the \`${key}\` line, ${OWN}.` : rename };
    const section = `\`section: ${yamlText(cats[0])}\``;
    if (cats.length === 1) return { severity: 'warning', message: didYouMean, hint: `Write ${section} instead of the \`${key}\` line, ${OWN}.` };
    const rest = cats.slice(1).map(yamlText).join(', ');
    const tags = d.tags === undefined ? `as tags, \`tags: [${rest}]\`` : `to the \`tags\` list (${rest})`;
    return { severity: 'warning', message: `${didYouMean} An article has one section.`, hint: `Write the first as ${section} and add the others ${tags}, instead of the \`${key}\` line; ${OWN}.` };
  }
  if (guess === 'image') {
    const first = Array.isArray(v) ? v[0] : v;
    const src = typeof first === 'string' ? first.trim() : first && typeof first === 'object' ? [(first as Record<string, unknown>).src, (first as Record<string, unknown>).url].find((x) => typeof x === 'string') : undefined;
    if (taken || typeof src !== 'string' || !src || !isImagePlace(src)) return { severity: 'warning', message: didYouMean, hint: taken ? both : rename };
    return { severity: 'warning', message: didYouMean, hint: `Write the lead image instead of the \`${key}\` line: \`image:\` on a line of its own, and under it, indented by two spaces, \`src: ${yamlText(src)}\` and \`alt:\` with what the photo shows, each on its own line; ${OWN}.` };
  }
  if (guess === 'language' || guess === 'direction') {
    // Eleventy's and Jekyll's `lang`, HTML's `dir`: a warning (a site may read `lang` in its own
    // templates), that says what the page would be without the rename.
    const what = guess === 'language' ? `the ${kind} is marked as written in the site's language` : `the ${kind} runs in the direction of ${d.language === undefined ? 'the site\'s language' : 'its `language`'}`;
    const value = typeof v === 'string' || typeof v === 'number' ? ` (\`${guess}: ${shown(v)}\`)` : '';
    return { severity: 'warning', message: `${didYouMean} dateline does not read it, so ${what}.`, hint: taken ? both : `Rename \`${key}\` to \`${guess}\`${value}, ${OWN}.` };
  }
  if (guess === 'aliases') {
    // Jekyll's `redirect_from`: without it, links to the old addresses break.
    const paths = names(v);
    if (paths.length && paths.every((p) => !('error' in aliasRoute(p)))) {
      return { severity: 'error', message: `${didYouMean} As written, it does nothing: links to the old addresses would break.`, hint: taken ? `Add its paths to the \`aliases\` list, and delete the \`${key}\` line.` : `Rename \`${key}\` to \`aliases\`.` };
    }
  }
  return { severity: 'warning', message: didYouMean, hint: taken ? both : rename };
}

/**
 * Another tool's way of holding a story back (an error: as written, the story would go out) or
 * of saying "publish" (a warning: the line does nothing). The fix is dateline's way: `date` for
 * a time, `draft: true` for "not yet", the line deleted for "publish".
 */
function heldBackProblem(key: string, held: HeldBack, d: Record<string, unknown>, ctx: ValidateContext): KeyProblem {
  const kind = ctx.kind;
  // A mapping (Hugo's `_build:`) is written over several lines.
  const several = typeof d[key] === 'object' && d[key] !== null;
  const lines = several ? `the \`${key}\` lines` : 'the line';
  if (held.kind === 'embargo') {
    // The time as written (with its offset, if it has one), else an example.
    const at = 'error' in parseSiteDate(d[key], ctx.timeZone) ? undefined : shown(d[key]).trim();
    return { severity: 'error', message: `${held.what} does not hold the ${kind} back in dateline: as written, it would be published at its \`date\`.`, hint: `Set \`date:\` to the time the embargo lifts (${at ? `\`date: ${at}\`` : 'such as `date: 2030-01-01 09:00`'}: a story is published at its date), and delete the \`${key}\` line.` };
  }
  if (held.kind === 'publish') return { severity: 'warning', message: `${held.what} does nothing in dateline: ${kind === 'article' ? 'an article' : 'a page'} is published unless it has \`draft: true\`.`, hint: `Delete ${lines}.`, sub: held.sub };
  const draft = d.draft === undefined ? `Write \`draft: true\` instead of ${several ? lines : held.what}` : `Set the \`draft:\` line to \`draft: true\`, and delete ${several ? lines : `the \`${key}\` line`}`;
  if (held.kind === 'takedown') {
    // dateline's way is `withdrawn`: the address stays, with a notice in place of the story, as
    // a newsroom does for a legal removal or a retraction (a page gone without a word is a 404).
    const set = d.withdrawn !== undefined && d.withdrawn !== false;
    const instead = several ? lines : held.what;
    const withdraw = set
      ? `\`withdrawn\` is set already: delete ${several ? lines : `the \`${key}\` line`}`
      : `Write \`withdrawn: true\` instead of ${instead} to take it down and show the site's notice at its address, or \`withdrawn: "…"\` with your own notice (such as \`withdrawn: "This article has been removed for legal reasons."\`)`;
    return { severity: 'error', message: `${held.what} does not take the ${kind} down in dateline: as written, it stays published.`, hint: `${withdraw}. To take it off the site without a notice (its address then shows "page not found"), write \`draft: true\` or delete the file; to take it down later, write the time as \`expires:\` (such as \`expires: 2030-01-01 09:00\`).`, sub: held.sub };
  }
  if (held.kind === 'archived') {
    return { severity: 'warning', message: `${held.what} does not take the ${kind} down in dateline: it is published like any other.`, hint: `To take it off the site, ${draft.charAt(0).toLowerCase()}${draft.slice(1)}; to keep it published, delete the line, ${OWN}.` };
  }
  if (held.kind === 'noindex') {
    return { severity: 'warning', message: `${held.what} is not supported: dateline cannot keep one ${kind} out of search engines, so it is published, in the sitemap, and open to them.`, hint: `Delete the line to publish it so; to keep it off the site, ${draft.charAt(0).toLowerCase()}${draft.slice(1)}.` };
  }
  if (held.kind === 'unlisted') {
    return { severity: 'error', message: `${held.what} does not keep the ${kind} out of listings in dateline: as written, it would be published and listed like any other.`, hint: `${draft} to keep it off the site, or delete ${lines} to publish it with the others.`, sub: held.sub };
  }
  if (held.kind === 'scheduled') {
    return { severity: 'error', message: `${held.what} does not hold the ${kind} back in dateline: it is published at its \`date\`, as soon as that has passed.`, hint: `Set \`date:\` to the time it is to go out (a story is published at its date) and delete the \`${key}\` line; or, to hold it back until further notice, ${draft.charAt(0).toLowerCase()}${draft.slice(1)}.` };
  }
  const trash = /trash/i.test(held.what) ? ', or delete the file' : '';
  return { severity: 'error', message: `${held.what} does not hold the ${kind} back in dateline: as written, it would be published.`, hint: `${draft}${trash}.`, sub: held.sub };
}

/** An article's fields that a standalone page has no place for: its page shows none of them. */
const STORY_FIELDS = ['author', 'tags', 'section', 'dateline', 'image', 'related'];

/**
 * A story saved in content/pages/: a standalone page has no byline, tags, section, dateline, lead
 * image or related stories, so those lines are dropped without a word and the story is in no
 * listing. A warning at the first of them (a page's own `date`, `expires`, `summary` and `updated`
 * are fine: a page is scheduled and taken down as an article is).
 */
function storyFieldsOnPage(d: Record<string, unknown>, keyLines: Record<string, number>, placeAt: (line: number | undefined) => Omit<Diagnostic, 'code' | 'message' | 'severity'>, ds: Diagnostic[]): void {
  const empty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
  const keys = STORY_FIELDS.filter((k) => !empty(d[k])).sort((x, y) => (keyLines[x] ?? 0) - (keyLines[y] ?? 0));
  if (keys.length === 0) return;
  const named = keys.map((k) => `\`${k}\``);
  const list = named.length === 1 ? named[0] : `${named.slice(0, -1).join(', ')} and ${named[named.length - 1]}`;
  ds.push(warning('STORY_ON_PAGE', `This file is in content/pages/, so it is published as a standalone page, which has no byline, tags, section, dateline, lead image or related stories: ${list} ${keys.length === 1 ? 'is' : 'are'} left out, and it is in no listing.`, {
    ...placeAt(keyLines[keys[0]]),
    hint: `To publish it as a story, move the file to content/articles/; if it is a page, delete the ${list} ${keys.length === 1 ? 'line' : 'lines'}.`,
  }));
}

/** Lists of names or paths, whose items an editor writes one `- ` a line. */
const DASH_LISTS = ['tags', 'author', 'related', 'aliases'];

/** A plain YAML number or true/false of the core schema: a word `asWritten` may keep as written. */
const WRITTEN_SCALAR = /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|true|True|TRUE|false|False|FALSE)$/;

/** Fields of words, where a `#` is far likelier part of the text than a YAML comment. */
const COMMENTED = /^(\s*(?:-\s+)?)(title|summary|dateline|caption|credit|alt|editorsNote|text|correction|withdrawn)\s*:(?:[ \t]+([^\s'"|>&*!%@`{[#-].*?))?[ \t]+#(.*)$/;

/** An item of a list that is text cut by a comment (`  - The #2 pick was wrong`), not a `key: value`. */
const COMMENTED_ITEM = /^(\s*-[ \t]+)([^\s'"|>&*!%@`{[#-](?:(?!: )[^#])*?)[ \t]+#(.*)$/;

/** An item that is all comment: `- #MeToo` (a `#` then a word; `- # note` is a comment on purpose, its item empty). */
const EMPTIED_ITEM = /^(\s*-[ \t]+)#(\S.*?)[ \t]*$/;

/** The lists of names whose items are published as written (a tag page, a byline), and what one item is called. */
const NAME_LISTS: Record<string, string> = { tags: 'tag', author: 'name', authors: 'name' };

/**
 * `author: Ran Zheng #1 reporter`, `tags: Rail #5`, `tags: #MeToo`: a byline or tags on their key's
 * line, cut by a comment; `authors` is another tool's key, which publishes nothing as written.
 * Only a # followed by a letter or digit (a hashtag, a rank): `author: Li Wei # staff` is a
 * comment on purpose, as `- Rail  # trunk line` is in a list of tags.
 */
const NAMES_COMMENTED = /^(tags|author|authors)[ \t]*:[ \t]+(?:([^\s'"|>&*!%@`{[#-].*?)[ \t]+#(\S.*)|#(\S.*?)[ \t]*)$/;

/**
 * `title: Tigers are #1 again` is `Tigers are` to YAML: a space and `#` start a comment, which is
 * dropped without a word. An error for each field of words whose plain (unquoted) value is cut
 * short that way, at the `#`: the headline, summary, dateline or the photo's caption, credit or
 * alt would be published cut. A warning for the photo's fields at the top level, which publish
 * nothing there (their own warning says so), and for a `title` indented under a key of the site's
 * own, which only its templates show.
 */
function commentsInText(text: string, bodyLine: number, file: string, ds: Diagnostic[]): Set<string> {
  // The lists (`tags`, `author`) an item of which is all comment: that item's empty, said here.
  const emptied = new Set<string>();
  // The front matter only: an article's body has hashtags and headings.
  const head = headOf(text, bodyLine);
  if (!head.includes(' #') && !head.includes('\t#')) return emptied;
  const { lines, parents } = frontLines(head);
  for (let i = 1; i < lines.length; i++) {
    const parent = parents[i];
    // `- Rail #5 pick` or `- #MeToo` under `tags:` (or a byline's list): a tag page or a byline
    // cut short, or an item gone.
    const listed = Object.hasOwn(NAME_LISTS, parent) && parent !== lines[i].split(':')[0].trim() && !/:[ \t]/.test(lines[i]);
    const named = listed ? COMMENTED_ITEM.exec(lines[i]) ?? EMPTIED_ITEM.exec(lines[i]) : null;
    // `- Rail  # trunk line`: a # and a space is a comment on purpose; `#5`, `#MeToo` are words.
    if (named && /^\S/.test(named[named.length - 1])) {
      const [, dash, value, rest] = named.length === 4 ? named : [named[0], named[1], '', named[2]];
      const column = lines[i].indexOf('#', dash.length + value.length) + 1;
      const what = NAME_LISTS[parent];
      if (!value) emptied.add(parent);
      ds.push((parent === 'authors' ? warning : error)('COMMENT_IN_TEXT', `${value ? `The ${what} ends at "${value.trim()}"` : `A ${what} in \`${parent}\` is empty`}: in YAML a space and # start a comment, so "#${rest.trimEnd()}" is left out.`, {
        file, line: i + 1, column, frame: codeFrame(text, i + 1, column),
        hint: `Put the whole ${what} in quotes: ${dash.trim()} '${`${value}${value ? ' ' : ''}#${rest}`.trim().replace(/'/g, "''")}'`,
      }));
      continue;
    }
    const byline = NAMES_COMMENTED.exec(lines[i]);
    // `tags: # the desk's` above a list of `- ` items is a comment on purpose.
    if (byline && !(byline[4] !== undefined && /^[ \t]*-|^[ \t]+\S/.test(lines[i + 1] ?? ''))) {
      const [, key, value = '', cutRest, wholeRest] = byline;
      const rest = cutRest ?? wholeRest;
      const column = value ? lines[i].length - rest.length : lines[i].indexOf('#') + 1;
      ds.push((key === 'authors' ? warning : error)('COMMENT_IN_TEXT', `\`${key}\` ${value ? `ends at "${value.trim()}"` : 'is empty'}: in YAML a space and # start a comment, so "#${rest.trimEnd()}" is left out.`, {
        file, line: i + 1, column, frame: codeFrame(text, i + 1, column),
        hint: `Put the whole ${key} in quotes: ${key}: '${`${value}${value ? ' ' : ''}#${rest}`.trim().replace(/'/g, "''")}'`,
      }));
      continue;
    }
    // `- The #2 pick was wrong` under `corrections:`: an item that is its text, published.
    const item = /^corrections?$/.test(parent) && !COMMENTED.test(lines[i]) ? COMMENTED_ITEM.exec(lines[i]) : null;
    if (item) {
      const [, dash, value, rest] = item;
      const column = lines[i].length - rest.length;
      ds.push(error('COMMENT_IN_TEXT', `The correction ends at "${value.trim()}": in YAML a space and # start a comment, so "#${rest.trimEnd()}" is left out.`, {
        file, line: i + 1, column, frame: codeFrame(text, i + 1, column),
        hint: `Put the whole correction in quotes: ${dash.trim()} '${`${value} #${rest}`.trim().replace(/'/g, "''")}'`,
      }));
      continue;
    }
    // `expires: #2024-04-01`: the date is a comment, and the story never comes down (a takedown
    // that does not happen). `# 2024-04-01`, with a space, reads as a date put aside on purpose.
    const dated = /^(expires|updated)\s*:[ \t]+#(\d.*?)[ \t]*$/.exec(lines[i]);
    if (dated) {
      const [, key, rest] = dated;
      const column = lines[i].indexOf('#') + 1;
      ds.push((key === 'expires' ? error : warning)('COMMENT_IN_TEXT', `\`${key}\` is empty: in YAML a space and # start a comment, so "#${rest}" is left out, and ${key === 'expires' ? 'the story never comes down' : 'the story shows no update'}.`, {
        file, line: i + 1, column, frame: codeFrame(text, i + 1, column),
        hint: `Delete the #: ${key}: ${rest}`,
      }));
      continue;
    }
    const m = COMMENTED.exec(lines[i]);
    if (!m) continue;
    const [, indent, key, value, rest] = m;
    const column = lines[i].length - rest.length;
    const whole = `${value ?? ''}${value ? ' ' : ''}#${rest}`.trim();
    const published = publishedField(key, indent, parent);
    ds.push((published ? error : warning)('COMMENT_IN_TEXT', `\`${key}\` ${value ? `ends at "${value.trim()}"` : 'is empty'}: in YAML a space and # start a comment, so "#${rest.trimEnd()}" is left out.`, {
      file, line: i + 1, column, frame: codeFrame(text, i + 1, column),
      // In single quotes only an apostrophe needs doubling; a backslash (AC\DC) stays as it is.
      hint: `Put the whole ${key} in quotes: ${key}: '${whole.replace(/'/g, "''")}'`,
    }));
  }
  return emptied;
}

/**
 * Whether a field of words is published as written: the headline, summary, dateline, editor's note
 * and one correction at the top level; the photo's fields under `image:` and a correction's `text`
 * inside `corrections:` (or `withdrawn:`'s). Elsewhere it only reaches a site's own templates.
 */
function publishedField(key: string, indent: string, parent: string): boolean {
  return key === 'text' ? indent !== '' && /^(corrections?|withdrawn)$/.test(parent) : (indent === '') === ['title', 'summary', 'dateline', 'editorsNote', 'correction', 'withdrawn'].includes(key);
}

/** The file up to its body's first line: the front matter, where the checks of its lines look. */
function headOf(text: string, bodyLine: number): string {
  let end = 0;
  for (let n = 1; n < bodyLine && end !== -1; n++) end = text.indexOf('\n', end + 1);
  return end === -1 ? text : text.slice(0, end);
}

/**
 * The front matter's lines (the file's, from its first), with those of a block scalar (`summary: |`,
 * `text: >-`) blanked: they are text to YAML, whatever they look like (`  title: Tigers #1` inside
 * one is no key and no comment). A block ends at the first line with something on it indented no
 * deeper than its key. With each line, the top-level key it is under (`parents`).
 */
function frontLines(head: string): { lines: string[]; parents: string[] } {
  const lines = head.replace(/^\uFEFF/, '').split(/\r?\n/);
  const parents: string[] = [''];
  let keyColumn = -1;
  let parent = '';
  for (let i = 1; i < lines.length; i++) {
    const l = lines[i];
    parents.push(parent);
    if (keyColumn >= 0) {
      if (l.trim() === '' || l.length - l.trimStart().length > keyColumn) {
        lines[i] = '';
        continue;
      }
      keyColumn = -1;
    }
    const top = /^([^\s#:][^:]*):/.exec(l);
    if (top) parents[i] = parent = top[1].trim();
    const block = /^([ \t]*(?:-[ \t]+)?)[^\s#:][^:]*:[ \t]+[|>][-+0-9]*[ \t]*(?:#.*)?$/.exec(l);
    if (block) keyColumn = block[1].length;
  }
  return { lines, parents };
}

/** A field of words (COMMENTED's) whose plain value starts with `! `: YAML's tag that says nothing. */
const TAGGED = /^(\s*(?:-\s+)?)(title|summary|dateline|caption|credit|alt|editorsNote|text|correction|withdrawn)\s*:[ \t]+!(?:[ \t]+(.*?))?[ \t]*$/;

/**
 * `title: ! Rail doubles` is "Rail doubles" to YAML: a `!` alone is a tag (the non-specific one),
 * not text, and is dropped without a word (`!Breaking`, a tag YAML does not know, is a syntax
 * error). An error at the `!` for each field of words that would be published without it, with
 * the line in quotes as the fix; a warning where COMMENT_IN_TEXT's is one.
 */
function tagsInText(text: string, bodyLine: number, file: string, ds: Diagnostic[]): void {
  const head = headOf(text, bodyLine);
  if (!head.includes(' !') && !head.includes('\t!')) return;
  const { lines, parents } = frontLines(head);
  for (let i = 1; i < lines.length; i++) {
    const parent = parents[i];
    const m = TAGGED.exec(lines[i]);
    if (!m) continue;
    const [, indent, key, value = ''] = m;
    const column = lines[i].indexOf('!', indent.length + key.length) + 1;
    const published = publishedField(key, indent, parent);
    const whole = `! ${value}`.trim();
    ds.push((published ? error : warning)('TAG_IN_TEXT', `\`${key}\` ${value ? `is "${value}"` : 'is empty'}: YAML reads a \`!\` and a space at the start of a value as a tag, not as text, so the "!" is left out.`, {
      file, line: i + 1, column, frame: codeFrame(text, i + 1, column),
      hint: `Put the whole ${key} in quotes: ${indent.trim() ? `${indent.trim()} ` : ''}${key}: '${whole.replace(/'/g, "''")}'`,
    }));
  }
}

/**
 * Where a photo can be: a path on the site (`/images/a.jpg`, or relative) or an http(s) URL. Not
 * another scheme (`file:`, `mailto:`, `javascript:`, `data:`) and not a Windows path (`C:\…`),
 * which no reader's browser can load.
 */
function isImagePlace(src: string): boolean {
  const s = src.trim();
  if (s.includes('\\')) return false;
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(s)?.[1];
  return scheme === undefined || /^https?$/i.test(scheme);
}

const ID_EXAMPLE = 'e.g. `id: /2024/03/20/old-slug/` (a path on this site), a full URL, or a name such as `id: rail-0412`';

/**
 * The value of `id`, checked: text with no space or control character in it (a feed id is one
 * token, and Atom's must be a URI). A path must be one an alias could be; a value with a scheme is
 * used as it is, so it must be a URI already. Anything else is a name, which the graph turns into
 * a `tag:` URI, percent-encoded.
 */
function itemId(v: unknown, present: boolean, fail: (message: string, hint: string) => void): string | undefined {
  if (!present) return undefined;
  if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) {
    fail('`id` is empty.', `Write the article's permanent feed id, ${ID_EXAMPLE}, or delete the line.`);
    return undefined;
  }
  // A whole number (a CMS export's `id: 1234`) is its decimal text: the same on every build. YAML
  // reads `id: 0412` as 412, so only a quoted id keeps its zeros.
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return String(v);
  if (typeof v !== 'string') {
    if (typeof v === 'number' || typeof v === 'boolean') fail(`\`id\` must be text; YAML read it as the ${typeof v} ${String(v)}.`, 'Put the id in quotes, e.g. `id: "0412"`, so it is kept exactly as written.');
    else fail(`\`id\` must be text, found ${Array.isArray(v) ? 'a list' : 'a mapping'}.`, `Write one id as a single line of text, ${ID_EXAMPLE}.`);
    return undefined;
  }
  const value = v.trim();
  // \p{Cs}: a lone surrogate, which a quoted YAML escape can make and no URI can hold.
  if (/[\s\p{Cc}\p{Cs}]/u.test(value)) {
    fail(`The id "${value}" contains a space or a control character.`, `Write the id as one word, with hyphens for spaces, ${ID_EXAMPLE}.`);
    return undefined;
  }
  if (value.startsWith('/')) {
    const checked = aliasRoute(value);
    if ('error' in checked) {
      fail(`The id "${value}" ${checked.error}.`, 'Write a path on this site, such as the article\'s old URL `/2024/03/20/old-slug/`, without "..", "?" or "#".');
      return undefined;
    }
  } else if (/^(https?|urn|tag):/i.test(value) && /[<>"{}|\\^`]/.test(value)) {
    fail(`The id "${value}" starts like a URI (${value.slice(0, value.indexOf(':') + 1)}) but has a character no URI may hold (<, >, ", {, }, |, \\, ^ or \`).`, 'Percent-encode the character (`%3C` for <), or write the id as a name without a scheme.');
    return undefined;
  }
  return value;
}

/**
 * The name a file gives its URL: its own, or a bundle's folder's. Hugo and Eleventy keep a story
 * as `flood-defences/index.md` with its photos beside it: every one was published at `…/index/`,
 * and two on one day collided.
 */
function fileName(file: string): string {
  const folder = bundleFolder(file);
  return folder === undefined ? path.posix.basename(file, '.md') : path.posix.basename(folder);
}

/**
 * `corrections:` as written: one text, or a list whose items are a text or `{ date, text }`.
 * Oldest first (by date; undated ones in the order written, after the dated).
 */
function correctionsOf(v: unknown, fail: (item: number, message: string, hint: string) => void, parseDate: (item: number, v: unknown) => SiteDate | undefined): (Correction & { written: number })[] {
  if (v === undefined || v === null || v === '') return [];
  const hint = 'Write each correction as an item: `- date: 2026-11-30 10:00` and, under it, `text: An earlier version of this story misstated…`; or `corrections: An earlier version…` for one without a date.';
  const items = Array.isArray(v) ? v : [v];
  const out: (Correction & { ms?: number; written: number })[] = [];
  for (const [written, item] of items.entries()) {
    if (typeof item === 'string' && item.trim()) out.push({ text: item.trim(), written });
    else if (item && typeof item === 'object' && !Array.isArray(item) && typeof (item as { text?: unknown }).text === 'string' && (item as { text: string }).text.trim()) {
      const o = item as { text: string; date?: unknown };
      const unknown = Object.keys(o).filter((k) => k !== 'text' && k !== 'date');
      if (unknown.length) fail(written, `A correction has \`${unknown[0]}\`, which is not \`date\` or \`text\`.`, hint);
      const when = o.date === undefined || o.date === null || o.date === '' ? undefined : parseDate(written, o.date);
      out.push({ text: o.text.trim(), written, ...(when ? { date: when.iso, ms: when.ms } : {}) });
    } else {
      fail(written, 'A correction must be its text, or a `date` and a `text`.', hint);
      return [];
    }
  }
  const dated = out.filter((c) => c.ms !== undefined).sort((a, b) => a.ms! - b.ms!);
  return [...dated, ...out.filter((c) => c.ms === undefined)].map(({ text, date, written }) => (date ? { text, date, written } : { text, written }));
}

/** Past this width a `title` is no headline (a Chinese character counts two: it says about as much as a short word). */
const LONG_HEADLINE = 160;
const WIDE = /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{20000}-\u{3FFFD}]/gu;
/** Whether a title is wider than LONG_HEADLINE: no character counts more than two, so most titles are known by their length. */
const longHeadline = (text: string): boolean => {
  if (text.length * 2 <= LONG_HEADLINE) return false;
  let width = 0;
  for (const _ of text) width++;
  return width + (text.match(WIDE)?.length ?? 0) > LONG_HEADLINE;
};

const WITHDRAWN_HINT = 'Write `withdrawn: true` to show the site\'s notice, `withdrawn: "This article has been removed for legal reasons."` to show your own, or delete the line to keep the story published.';

/**
 * `withdrawn:` as written: `true` (the site's notice), the notice's text, or a `date` and a `text`
 * (either may be left out). `false` or nothing written: not withdrawn. Anything else is an error,
 * so that the build stops rather than guess which way the editors meant: `withdrawn: yes` is the
 * text "yes" to YAML, not true, and a notice reading "yes" would be shown.
 */
function withdrawalOf(v: unknown, fail: (message: string, hint: string) => void, parseDate: (v: unknown) => SiteDate | undefined): Withdrawal | undefined {
  if (v === false) return undefined;
  if (v === true) return {};
  if (v === undefined) return undefined;
  if (v === null || (typeof v === 'string' && !v.trim())) {
    fail('`withdrawn` is empty.', WITHDRAWN_HINT);
    return undefined;
  }
  // `withdrawn: 2026-11-25`, the day it came down: as text it would be the notice.
  if (v instanceof Date || (typeof v === 'string' && /^\d{4}-\d{1,2}-\d{1,2}([ T]\d{1,2}:\d{2}(:\d{2})?)?\s*$/.test(v.trim()))) {
    const when = v instanceof Date ? v.toISOString().slice(0, 10) : v.trim();
    fail(`\`withdrawn: ${when}\` is a date, which would be shown as the notice.`, `To say when it was taken down, write the date under it: \`withdrawn:\` and, on the next line indented by two spaces, \`date: ${when}\` (the site's notice is shown; add \`text:\` for your own).`);
    return undefined;
  }
  if (typeof v === 'string') {
    const f = flag(v);
    if (f !== undefined) {
      fail(`\`withdrawn\` must be true, false or the notice's text: YAML reads \`${v.trim()}\` as text, which would be shown as the notice.`, f ? 'To withdraw the story with the site\'s notice, write `withdrawn: true`; or write the notice to show.' : 'To keep the story published, write `withdrawn: false` or delete the line.');
      return undefined;
    }
    return { notice: v.trim() };
  }
  if (typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    const unknown = Object.keys(o).filter((k) => k !== 'text' && k !== 'date');
    const hint = 'Under `withdrawn:`, write `date: 2026-11-30 10:00` (when it was withdrawn) and `text: This article has been removed for legal reasons.` (the notice), each indented by two spaces; either may be left out.';
    if (unknown.length) {
      fail(`\`withdrawn\` has \`${unknown[0]}\`, which is not \`date\` or \`text\`.`, hint);
      return undefined;
    }
    if (o.text !== undefined && o.text !== null && (typeof o.text !== 'string' || !o.text.trim())) {
      fail('The `text` under `withdrawn` must be the notice, as one line of text.', hint);
      return undefined;
    }
    const when = o.date === undefined || o.date === null || o.date === '' ? undefined : parseDate(o.date);
    if (o.date !== undefined && o.date !== null && o.date !== '' && !when) return undefined;
    return { ...(typeof o.text === 'string' ? { notice: o.text.trim() } : {}), ...(when ? { date: when.iso } : {}) };
  }
  fail(`\`withdrawn\` must be true, false or the notice's text, found ${Array.isArray(v) ? 'a list' : String(v)}.`, WITHDRAWN_HINT);
  return undefined;
}

/** "first", "second"… for the items of a short list, "12th" past ten. */
function ordinal(n: number): string {
  const words = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];
  return words[n - 1] ?? `${n}${n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th'}`;
}

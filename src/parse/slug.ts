const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const TYPED_ASCII = /^[\x20-\x7e‘’“”–—…\u00a0]*$/;

/**
 * Slugs keep letters and digits of every script (a Chinese tag gets a Chinese URL), lower-case
 * what has case, and turn every other run of characters into one hyphen.
 */
export function slugify(text: string): string {
  // Printable ASCII (most tags, bylines, file names and headings), with the punctuation an
  // editor's word processor types (curly quotes, dashes, an ellipsis, a non-breaking space), needs
  // neither NFKC nor the Unicode classes: none of that punctuation is a letter, NFKC leaves the
  // rest as it is, and its letters and digits are [a-z0-9] once lower-cased.
  if (TYPED_ASCII.test(text)) return text.toLowerCase().replace(/['’]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return slugOfAny(text);
}

/**
 * slugify for a tag, byline or section name: the same few hundred of them come again in every
 * article, and their slugs are kept, up to a bound. (Not for headings or titles, which differ
 * each time, and are slices of a whole story that a kept key would keep alive.)
 */
export function nameSlug(name: string): string {
  let slug = kept.get(name);
  if (slug === undefined) {
    if (kept.size >= KEPT_MAX) kept.clear();
    kept.set(name, (slug = slugify(name)));
  }
  return slug;
}

const KEPT_MAX = 2048;
const kept = new Map<string, string>();

function slugOfAny(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/['’ʼ]/g, '')
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * A slug as WordPress stores one with letters outside ASCII, and as its exports write it (in
 * `slug:` and in the file's name): percent-encoded UTF-8, `%e9%87%8d%e5%ba%86` for 重庆. Read as
 * the letters it encodes, so that the URL keeps them, as the old one did, rather than a row of
 * hex digits (`e9-87-8d-…`). Text that is not valid percent-encoding stays as it is.
 */
export function percentDecoded(text: string): string {
  if (!text.includes('%') || !/%[0-9a-f]{2}/i.test(text)) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** A Jekyll post's file name: `2024-03-20-rail-freight`. */
const DATED_NAME = /^(\d{4}-\d{2}-\d{2})-(.+)$/;

/**
 * A file name without the date a Jekyll post's starts with (`2024-03-20-rail-freight` →
 * `rail-freight`): an article's URL has its date already. A name with nothing after the date keeps it.
 */
export function undatedName(name: string): string {
  const m = DATED_NAME.exec(name);
  return m && slugify(m[2]) ? m[2] : name;
}

/** The date a Jekyll post's file name starts with ("2024-03-20"), if it has one. */
export const nameDate = (name: string): string | undefined => DATED_NAME.exec(name)?.[1];

/**
 * The most bytes a slug may take: it is a folder's name on disk (tags/<slug>/index.html), and file
 * systems hold at most 255 bytes a name (ext4, APFS, NTFS in UTF-16 units). A Chinese character is
 * three of them.
 */
export const MAX_SLUG_BYTES = 255;

/** Whether a slug is too long to be a folder's name (MAX_SLUG_BYTES). */
export function slugTooLong(slug: string): boolean {
  return slug.length * 3 > MAX_SLUG_BYTES && Buffer.byteLength(slug) > MAX_SLUG_BYTES;
}

/** "is 300 bytes long as a URL; the most is 200", for a message about a name whose slug is too long. */
export const slugLength = (slug: string): string => `makes a URL part of ${Buffer.byteLength(slug)} bytes; the most a folder's name can hold is ${MAX_SLUG_BYTES}`;

/**
 * The form in which two spellings of a tag, author or section name are the same name: NFKC (full
 * width, ligatures), lower case, and ß as ss (lower case alone keeps "Straße" and "STRASSE" apart).
 */
export function termKey(name: string): string {
  const lower = name.normalize('NFKC').toLowerCase();
  return lower.includes('ß') ? lower.replace(/ß/g, 'ss') : lower;
}

/** A path segment for an href: every character a URL cannot hold as is, percent-encoded, one way. */
export function encodePath(p: string): string {
  return p
    .split('/')
    .map((seg) => encodeURIComponent(safeDecode(seg)))
    .join('/');
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * A slug without its accents (`josé-pérez` → `jose-perez`), to find two spellings of one name that
 * make two pages: Latin, Greek and Cyrillic accents only (the combining marks U+0300–U+036F once
 * decomposed), so that the marks of other scripts, which make other words (か and が, Devanagari's
 * vowel signs), stay. A Turkish dotted İ (slugified `i̇`) and dotless ı both read as i, and the
 * few letters whose stroke is no combining mark (ø, ł, đ) as their plain letter.
 */
export function foldAccents(slug: string): string {
  if (PRINTABLE_ASCII.test(slug)) return slug;
  return slug
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[ıøłđħ]/g, (c) => FOLDED[c])
    .normalize('NFC');
}

const FOLDED: Record<string, string> = { ı: 'i', ø: 'o', ł: 'l', đ: 'd', ħ: 'h' };

/**
 * Slugs keep letters and digits of every script (a Chinese tag gets a Chinese URL), lower-case
 * what has case, and turn every other run of characters into one hyphen.
 */
export function slugify(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/['’ʼ]/g, '')
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

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

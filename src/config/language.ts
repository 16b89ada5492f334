/**
 * Language tags, one set of rules for the site's `language` (config) and a story's own
 * (front matter `language`): what a valid tag is, which way its script runs, and the code
 * Google News takes for it.
 */

/** An example of each kind of tag, for the fix of a tag refused. */
export const LANGUAGE_EXAMPLES = '"ar", "zh-CN", "en-GB" or "pt-BR"';

/**
 * Why `tag` is not a BCP 47 language tag, or undefined when it is one. Intl's own reading of
 * tags (`Intl.getCanonicalLocales`) decides, and two things it lets through are refused: the `_`
 * of a POSIX locale (`en_US`), which no `lang` attribute takes, and a first part of more than
 * three letters (`english`, `Arabic`: a language's name, where its code belongs; no such subtag
 * is registered).
 */
export function languageTagProblem(tag: string): string | undefined {
  const t = tag.trim();
  if (t === '') return 'is empty';
  if (t.includes('_')) return `is not a BCP 47 tag: write "${t.replace(/_/g, '-')}", with a hyphen`;
  if (/^[a-z]{4,}(-|$)/i.test(t)) return 'is not a language tag: a tag starts with the language\'s code of two or three letters ("ar" for Arabic, "en" for English)';
  try {
    Intl.getCanonicalLocales(t);
  } catch {
    return 'is not a BCP 47 language tag';
  }
  return undefined;
}

/** Languages written right to left (ISO 639 codes, and a script subtag that says so). */
const RTL = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'ha-arab', 'he', 'khw', 'ks', 'ku-arab', 'ps', 'sd', 'syr', 'ug', 'ur', 'yi']);

/** The direction a language is written in, when nothing else says: right to left for Arabic, Hebrew, Persian, Urdu… */
export function directionOf(language: string): 'ltr' | 'rtl' {
  const tag = language.toLowerCase();
  if (/-(arab|hebr|thaa|syrc|nkoo|adlm|rohg)\b/.test(tag)) return 'rtl';
  if (/-(latn|cyrl)\b/.test(tag)) return 'ltr';
  return RTL.has(tag.split('-')[0]) ? 'rtl' : 'ltr';
}

/** Google News takes an ISO 639 code, except zh-cn and zh-tw for the two Chinese scripts. */
export function newsLanguage(tag: string): string {
  const [lang, ...rest] = tag.toLowerCase().split(/[-_]/);
  if (lang !== 'zh') return lang;
  return rest.some((r) => ['hant', 'tw', 'hk', 'mo'].includes(r)) ? 'zh-tw' : 'zh-cn';
}

/**
 * A story's language and direction as pages, feeds and sitemaps show them: its `language` when
 * it is not the site's, and its direction (front matter `direction`, else its language's) when
 * that or the language is not the site's. Both undefined for a story in the site's language.
 */
export function storyLanguage(front: { language?: string; direction?: 'ltr' | 'rtl' }, site: { language: string; direction: 'ltr' | 'rtl' }): { language?: string; direction?: 'ltr' | 'rtl' } {
  if (front.language === undefined && front.direction === undefined) return {};
  const language = front.language !== undefined && !sameLanguage(front.language, site.language) ? front.language : undefined;
  const direction = front.direction ?? (language ? directionOf(language) : undefined);
  return { language, direction: language || (direction && direction !== site.direction) ? direction : undefined };
}

/** Whether two tags name the same language, as `lang` attributes compare them (case aside). */
export function sameLanguage(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

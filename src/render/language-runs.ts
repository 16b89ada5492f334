/**
 * Marks the language of Chinese, Japanese and Korean text on a page in another language: a tag,
 * a licence line in the footer, a name or a quotation in Chinese on an English page. A screen
 * reader speaks a page's text in the voice of its `lang`; Chinese read by an English voice comes
 * out as "CJK ideograph" or nothing (WCAG 3.1.2, Language of Parts). Each run of such text in the
 * page's body becomes `<span lang="zh">…</span>` (`ja` with kana in it, `ko` with Hangul), wherever
 * it came from: the theme, the config, front matter or the story.
 *
 * The page is read as the templates and the sanitiser write it: `<` in text and `<`, `>` in
 * attribute values are escaped, so a tag runs from `<` to the next `>`. Text inside a tag (an
 * attribute), before `<body`, and inside an element whose content is not markup (script, style,
 * title, textarea, select, svg, math, template) is left as it is, and so is an element that says
 * its own language (`<span lang="ja">東京</span>`: kanji alone read as Chinese would be wrong).
 */

/** The ranges of CJK scripts (Han, kana, Hangul), CJK punctuation and full-width forms, in the BMP. */
const CJK_BMP = String.raw`\u1100-\u11FF\u2E80-\u2FDF\u3000-\u303F\u3040-\u30FF\u3100-\u31FF\u3200-\u9FFF\uA960-\uA97F\uAC00-\uD7FF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF`;
/** High surrogates of the supplementary ideographs. */
const CJK_HIGH = String.raw`\uD840-\uD87F`;
/** A letter or mark of a CJK script (Han, kana, Hangul) or CJK punctuation and full-width forms. */
const CJK = String.raw`[${CJK_BMP}]|[${CJK_HIGH}][\uDC00-\uDFFF]`;
/**
 * Skips, from a place in the body's text, to where a run may start: over text without such
 * characters, over tags (whose attribute values are left as they are), and over elements whose
 * content is not markup, whole. One pass of the regular expression engine, whatever the page: a
 * run is never looked for inside a tag, so no search backwards is needed (a long paragraph of
 * mixed scripts took quadratic time that way). A run may start at one class of UTF-16 units (a
 * high surrogate of the supplementary ideographs for a pair), which V8 scans many times faster
 * than the alternation above. A thousand steps at a time: the engine keeps a note per step, and a
 * page of a million tags (a pasted table) overflowed its stack.
 */
const SKIP = new RegExp(String.raw`(?:[^<${CJK_BMP}${CJK_HIGH}]+|<(script|style|title|textarea|select|svg|math|template)\b[^>]*>[\s\S]*?<\/\1\s*>|<[^>]*>){0,1000}`, 'y');
/** A unit a run may start at (SKIP stops at one, or after a thousand steps, or at a stray `<`). */
const START = new RegExp(`[${CJK_BMP}${CJK_HIGH}]`);
/**
 * A run: CJK text, with what sits between two of its characters (digits and Latin letters without
 * spaces, as in 渝ICP备2021001234号, or spaces between Korean words), never a tag.
 */
const RUN = new RegExp(`(?:${CJK})(?:[^\\s<>]*?(?:${CJK})|[ \\u00A0]+(?:${CJK}))*`, 'y');
/**
 * A letter of one of those scripts: a run of punctuation alone (a full-width colon) is no language,
 * nor is 丨 alone, the stroke a column label follows in a headline ("…丨Insights").
 */
const LETTER = /[\u1100-\u11FF\u2E80-\u2FDF\u3040-\u30FF\u3100-\u31FF\u3400-\u4E27\u4E29-\u9FFF\uA960-\uA97F\uAC00-\uD7FF\uF900-\uFAFF]|[\uD840-\uD87F][\uDC00-\uDFFF]/;
const KANA = /[\u3040-\u30FF\u31F0-\u31FF]/;
const HANGUL = /[\u1100-\u11FF\u3130-\u318F\uA960-\uA97F\uAC00-\uD7FF]/;
/** Languages written in these scripts: a page in one of them is left alone. */
const CJK_LANGUAGES = new Set(['zh', 'ja', 'ko', 'yue', 'wuu', 'hak', 'nan', 'cmn', 'lzh', 'gan', 'hsn', 'cdo', 'cjy']);

export function markLanguageRuns(html: string, siteLanguage: string): string {
  const bodyAt = html.indexOf('<body');
  if (bodyAt < 0) return html;
  let out = '';
  let last = 0;
  let pageLanguage: string | undefined;
  for (let at = bodyAt; ; ) {
    SKIP.lastIndex = at;
    SKIP.exec(html);
    const stop = SKIP.lastIndex;
    if (stop >= html.length) break;
    // A thousand steps taken, or a `<` that opens no tag.
    if (!START.test(html[stop])) {
      at = stop > at ? stop : stop + 1;
      continue;
    }
    RUN.lastIndex = stop;
    const m = RUN.exec(html);
    // A unit the class lets through that starts no run (a lone surrogate).
    if (!m) {
      at = stop + 1;
      continue;
    }
    const run = m[0];
    at = m.index + run.length;
    if (!LETTER.test(run) || inLangElement(html, bodyAt, m.index)) continue;
    pageLanguage ??= /<html\b[^>]*?\slang="([^"]*)"/i.exec(html.slice(0, bodyAt))?.[1] ?? siteLanguage;
    if (CJK_LANGUAGES.has(pageLanguage.toLowerCase().split(/[-_]/)[0])) return html;
    out += `${html.slice(last, m.index)}<span lang="${HANGUL.test(run) ? 'ko' : KANA.test(run) ? 'ja' : 'zh'}">${run}</span>`;
    last = at;
  }
  return last === 0 ? html : out + html.slice(last);
}

const LANG_REACH = 1500;

/**
 * Whether the text at `at` is inside an element of the body that says its own language: the
 * nearest `lang` attribute before it, on an element whose end tag has not come yet. Looked for only
 * where a run is found (a few times a page), not at every tag.
 */
function inLangElement(html: string, bodyAt: number, at: number): boolean {
  // Within the 1,500 characters before: a search back through the whole page for each run doubled
  // the time of this pass (an element that says its language is seldom longer).
  const from = Math.max(bodyAt, at - LANG_REACH);
  const found = html.slice(from, at).lastIndexOf(' lang=');
  if (found === -1) return false;
  const attr = from + found;
  const open = html.lastIndexOf('<', attr);
  const name = /^<([a-zA-Z][\w-]*)/.exec(html.slice(open, open + 40))?.[1];
  if (!name) return false;
  const close = html.indexOf(`</${name}`, attr);
  return close === -1 || close > at;
}

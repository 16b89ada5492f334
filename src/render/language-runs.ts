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
 * its own language is one of these (`<span lang="ja">東京</span>`: kanji alone read as Chinese
 * would be wrong; the `<article lang="zh-CN">` of a Chinese story on an English site). Inside an
 * element in another language (an Arabic story's `<article lang="ar">`, the English byline line
 * inside a Chinese story), runs are marked as on the page; on a Chinese, Japanese or Korean page,
 * only there.
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
/**
 * Any unit a run may start at, from `lastIndex`: most pages of a site in another language have
 * none (one class, scanned many times faster than SKIP takes the page apart), and are left as
 * they are at once.
 */
const ANY_START = new RegExp(`[${CJK_BMP}${CJK_HIGH}]`, 'g');
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
  ANY_START.lastIndex = bodyAt;
  if (!ANY_START.test(html)) return html;
  let out = '';
  let last = 0;
  let pageCjk: boolean | undefined;
  /** The body's elements that say their language, found at the first run (a few a page, or none). */
  let regions: LangRegion[] | undefined;
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
    if (!LETTER.test(run)) continue;
    if (regions === undefined) {
      regions = langRegions(html, bodyAt);
      pageCjk = isCjk(/<html\b[^>]*?\slang="([^"]*)"/i.exec(html.slice(0, bodyAt))?.[1] ?? siteLanguage);
      // A page in one of these languages with no part in another: nothing to mark.
      if (pageCjk && !regions.some((r) => !r.cjk)) return html;
    }
    // The language of the innermost element around the run that says one, else the page's.
    const own = innermost(regions, m.index);
    if (own ? own.cjk : pageCjk) continue;
    out += `${html.slice(last, m.index)}<span lang="${HANGUL.test(run) ? 'ko' : KANA.test(run) ? 'ja' : 'zh'}">${run}</span>`;
    last = at;
  }
  return last === 0 ? html : out + html.slice(last);
}

const isCjk = (tag: string) => CJK_LANGUAGES.has(tag.toLowerCase().split(/[-_]/)[0]);

/** An element of the body with a `lang` attribute: from its start tag to its end tag. */
interface LangRegion {
  start: number;
  end: number;
  cjk: boolean;
}

/** Elements that have no end tag (an `<img lang>`: its alt text is in an attribute, never marked). */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

/**
 * Every element of the body with a `lang="…"` attribute (the theme's and the sanitiser's are
 * double-quoted), with where it ends: its end tag, counting elements of the same name inside it.
 * An element whose end tag is missing runs to the end of the page. Found once a page, and only on
 * a page with a run to mark: a story in another language (its `<article lang>`, often far longer
 * than a glance back could reach), a card's headline, an editor's `<span lang="ja">`.
 */
function langRegions(html: string, bodyAt: number): LangRegion[] {
  const regions: LangRegion[] = [];
  for (let found = html.indexOf(' lang="', bodyAt); found !== -1; found = html.indexOf(' lang="', found + 7)) {
    const open = html.lastIndexOf('<', found);
    // Inside a tag: no `>` between its `<` and the attribute.
    if (open < bodyAt || html.lastIndexOf('>', found) > open) continue;
    const name = /^<([a-zA-Z][\w-]*)/.exec(html.slice(open, open + 40))?.[1]?.toLowerCase();
    const valueEnd = html.indexOf('"', found + 7);
    if (!name || valueEnd === -1) continue;
    const lang = html.slice(found + 7, valueEnd);
    const tagEnd = html.indexOf('>', valueEnd);
    if (tagEnd === -1) break;
    if (VOID.has(name) || html[tagEnd - 1] === '/') continue;
    regions.push({ start: open, end: endOf(html, name, tagEnd + 1), cjk: isCjk(lang) });
  }
  return regions;
}

/** Where the element `name` opened before `from` ends: after its end tag, nested ones counted. */
function endOf(html: string, name: string, from: number): number {
  const tag = new RegExp(`<(/?)${name}(?=[\\s/>])`, 'gi');
  tag.lastIndex = from;
  let depth = 1;
  for (let m = tag.exec(html); m; m = tag.exec(html)) {
    depth += m[1] ? -1 : 1;
    if (depth === 0) return m.index;
  }
  return html.length;
}

/** The innermost region around `at` (regions come in the order they start). */
function innermost(regions: readonly LangRegion[], at: number): LangRegion | undefined {
  let best: LangRegion | undefined;
  for (const r of regions) {
    if (r.start > at) break;
    if (at < r.end) best = r;
  }
  return best;
}

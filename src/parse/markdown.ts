import { Marked, type MarkedExtension, type Token, type Tokens } from 'marked';
import markedFootnote from 'marked-footnote';
import type sanitizeHtmlType from 'sanitize-html';
import { lazyRequire } from '../lazy-require.js';
import { fastLheading, fastTable } from './block-fast.js';
import { fastInlineText } from './inline-text.js';
import { renderInline, type InlineText } from './inline-markdown.js';
import { decodeEntities, escapeHtml } from './html-text.js';
import { slugify } from './slug.js';
import { isPageRelative, resolveRelative, urlSafe } from './url.js';
import { THEME_IDS, UPDATE_ANCHOR, UPDATE_ANCHOR_LIKE } from './theme-ids.js';
import { CONTROL, withoutControls } from '../validate/controls.js';
import { BULLET_HINT } from '../validate/bullets.js';
import { countBelow, placeProblem, rawHtmlNesting, type BodyPlace, type NestingProblem, type RawHtmlSpan, type SpanPlace } from '../validate/raw-html.js';

// sanitize-html (with the CSS parser it brings) is loaded only when an article needs it.
const sanitizeHtml = lazyRequire<typeof sanitizeHtmlType>('sanitize-html');
const sanitize = (html: string, options: sanitizeHtmlType.IOptions): string => sanitizeHtml()(html, options);

export interface RenderedMarkdown {
  html: string;
  headings: { depth: number; id: string; text: string }[];
  words: number;
  cjkChars: number;
  /** The src of every image in the body that has no alt text, in order. */
  imagesWithoutAlt: string[];
  /**
   * The src of every image in the body, in order, as the HTML has it (base path included), then
   * the href of every link to a file that is not a page (a PDF, a photo, a recording).
   */
  images: string[];
  /** The body held control characters, which the HTML leaves out (or shows as Windows-1252 would). */
  controls?: true;
  /**
   * The HTML holds a bullet character or a non-breaking space (or text the word count reads with
   * its patterns, which do not say): the body is looked at for a list pasted from a word processor.
   */
  bulletLike?: true;
  /** The text of an HTML comment that is never closed (`<!--` with no `-->`), which hides the rest of the body. */
  unclosedComment?: string;
  /** A code fence (```) never closed, which takes the rest of the body into its code block: its fence and its place in the body (line from 0, column from 1). */
  unclosedFence?: { fence: string; line: number; column: number };
  /**
   * A paragraph indented by a tab or four spaces (a first-line indent from Word or an e-mail),
   * which Markdown shows as code, in a box that does not wrap: where it starts in the body (line from 0).
   */
  indentedText?: { line: number };
  /** The labels of footnote references (`[^nope]`) with no note of that label, shown as text, in order, once each. */
  missingNotes?: string[];
  /** With missingNotes, the labels the body's notes have (`[^Note]: …`): a label matches only with the same letter case. */
  noteLabels?: string[];
  /**
   * Links whose address runs code (`javascript:`, `vbscript:`, `data:`), which the sanitiser takes
   * out (the words stay): the address as written, its scheme, and where the link is in the body
   * (line from 0, column from 1).
   */
  unsafeLinks?: { href: string; scheme: string; line: number; column: number; photo?: { alt: string }; caption?: true }[];
  /** Raw HTML nested so that the page differs from what was written (an unclosed `<table>`, a link in a link), at lines of the body. */
  rawHtml?: NestingProblem<BodyPlace>[];
}

export interface MarkdownOptions {
  /** Host names whose iframes are kept (news embeds); every other iframe is removed. */
  iframeHosts: readonly string[];
  /** The site's base path ("/news/"): put in front of site paths such as "/about-us/" in links and images. */
  basePath?: string;
  /** The footnotes' heading (for screen readers) and a back link's label ({0}: the note's number), in the site's language. */
  footnotes?: { heading: string; backLabel: string };
}

const TABLE_ALIGN = ['align-left', 'align-center', 'align-right'];
const taskCheckbox = (checked: boolean): string => `<input ${checked ? 'checked ' : ''}disabled type="checkbox" /> `;

/**
 * Markdown → safe HTML. marked renders (GFM); our renderer gives headings stable Unicode ids and
 * turns an image alone in its paragraph into a <figure>; sanitize-html then removes everything
 * not on the allow-list, since marked passes raw HTML and `javascript:` links straight through.
 */
export function createMarkdown(options: MarkdownOptions): (source: string, folder?: string) => RenderedMarkdown {
  const inline = createInlineMarkdown(options);
  let headings: RenderedMarkdown['headings'] = [];
  // The route a page bundle's relative addresses resolve against (`river.jpg` beside its
  // index.md), for the body being rendered; undefined for any other file.
  let folder: string | undefined;
  const sitePath = (href: string): string => (folder !== undefined && isPageRelative(href) ? resolveRelative(href, folder) : href);
  let seen = new Map<string, number>();
  let used = new Set<string>();
  // The raw HTML tokens of the body being rendered, in the order of their marks (below); and
  // whether marks are used, decided at the first (a body that holds the mark's character has none).
  let current = '';
  let rawTokens: (Tokens.HTML | Tokens.Tag)[] = [];
  let marking: boolean | undefined;
  /** Links in a photo's caption (its title) that the caption's reader took out, at the photo. */
  let captionLinks: UnsafeLink[] | undefined;
  const markedOptions: MarkedExtension = {
    gfm: true,
    tokenizer: { inlineText: fastInlineText, lheading: fastLheading, table: fastTable },
    renderer: {
      // Raw HTML goes out as written, after a mark naming its token: the nesting check needs to
      // know which of the body's tags an editor wrote, and where (rawHtmlSpans takes the marks
      // out). Before the text, not around it, so that what a renderer does with the end of its
      // content (the footnotes' look for a closing </p>) is unchanged.
      html(token: Tokens.HTML | Tokens.Tag) {
        marking ??= !current.includes(MARK);
        if (!marking) return token.text;
        rawTokens.push(token);
        return `${MARK}${rawTokens.length - 1}${MARK_END}${token.text}`;
      },
      heading(token: Tokens.Heading) {
        const inner = this.parser.parseInline(token.tokens);
        // The text renderer keeps inline HTML tags as written; they are not part of the heading's words.
        const text = decodeEntities(this.parser.parseInline(token.tokens, this.parser.textRenderer).replace(/<[^>]*>/g, '')).trim();
        const base = slugify(text) || 'section';
        // Numbered duplicates can meet a heading that is written that way ("A", "A", "A-1"), or
        // an id the theme gives its own elements on the same page ("Main" → "main-1").
        let n = seen.get(base) ?? 0;
        let id = n === 0 ? base : `${base}-${n}`;
        while (used.has(id) || THEME_IDS.has(id) || UPDATE_ANCHOR.test(id)) id = `${base}-${++n}`;
        seen.set(base, n + 1);
        used.add(id);
        // The page's headline is its only <h1>; a heading in the body starts at <h2>.
        const depth = Math.max(2, token.depth);
        headings.push({ depth, id, text });
        return `<h${depth} id="${escapeHtml(id)}">${inner}</h${depth}>\n`;
      },
      // Void elements are written the way the sanitiser writes them, so an article reads the same
      // whether or not it needed sanitising.
      // A title is read as a caption's inline Markdown (below): as an attribute, its plain words.
      image(token: Tokens.Image) {
        const title = token.title ? ` title="${escapeHtml(inline(token.title, folder).text)}"` : '';
        return `<img src="${escapeHtml(urlSafe(token.href))}" alt="${escapeHtml(token.text)}"${title} />`;
      },
      checkbox({ checked }: Tokens.Checkbox) {
        return taskCheckbox(checked);
      },
      // A task's checkbox sits in a <label> with the item's first line, which names it for a
      // screen reader; the rest of the item (a nested list, more paragraphs) stays outside.
      listitem(item: Tokens.ListItem) {
        const tokens = item.tokens[0]?.type === 'checkbox' ? item.tokens.slice(1) : item.tokens;
        const first = tokens[0] as Tokens.Text | Tokens.Paragraph | undefined;
        if (!item.task || (first?.type !== 'text' && first?.type !== 'paragraph') || !first.tokens) return false;
        const label = `<label>${taskCheckbox(!!item.checked)}${this.parser.parseInline(first.tokens.filter((t) => t.type !== 'checkbox'))}</label>`;
        return `<li>${first.type === 'paragraph' ? `<p>${label}</p>\n` : label}${this.parser.parse(tokens.slice(1))}</li>\n`;
      },
      br() {
        return '<br />';
      },
      hr() {
        return '<hr />\n';
      },
      // GFM column alignment as a class: the align attribute is obsolete in HTML, and the
      // stylesheet's own text-align on th/td would override it anyway.
      tablecell(token: Tokens.TableCell) {
        const tag = token.header ? 'th' : 'td';
        const cls = token.align ? ` class="align-${token.align}"` : '';
        return `<${tag}${cls}>${this.parser.parseInline(token.tokens)}</${tag}>\n`;
      },
      paragraph(token: Tokens.Paragraph) {
        const significant = token.tokens.filter((t) => !(t.type === 'text' && t.raw.trim() === '') && t.type !== 'br');
        const only = significant.length === 1 ? significant[0] : undefined;
        if (only?.type === 'image') {
          const img = only as Tokens.Image;
          // The title is the photo's caption, in inline Markdown as the lead photo's is (`image.caption`).
          const read = img.title ? inline(img.title, folder) : undefined;
          for (const { href, scheme } of read?.unsafeLinks ?? []) (captionLinks ??= []).push({ token: img, href, scheme, needle: img.raw.split('\n', 1)[0], caption: true });
          const caption = read ? `<figcaption>${read.html}</figcaption>` : '';
          return `<figure><img src="${escapeHtml(urlSafe(img.href))}" alt="${escapeHtml(img.text)}" loading="lazy" />${caption}</figure>\n`;
        }
        return `<p>${this.parser.parseInline(token.tokens)}</p>\n`;
      },
    },
  };
  const plain = new Marked(markedOptions);
  // `Text[^1]` and `[^1]: the note`: numbered notes at the end, linked both ways. An instance of
  // its own, for the few articles that have a `[^`: the extension's look for a footnote at every
  // run of text cost the others two thirds more time to read.
  const withNotes = new Marked(markedOptions).use(markedFootnote({ headingClass: 'visually-hidden', description: options.footnotes?.heading ?? 'Footnotes', backRefLabel: options.footnotes?.backLabel ?? 'Back to reference {0}' }));

  const sanitizeOptions: sanitizeHtmlType.IOptions = {
    allowedTags: [
      'p', 'br', 'hr', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'li', 'strong', 'em', 'b', 'i', 'u', 's', 'del', 'ins',
      'mark', 'small', 'sub', 'sup', 'code', 'pre', 'kbd', 'abbr', 'cite', 'q', 'a', 'img', 'figure', 'figcaption', 'table', 'thead',
      'tbody', 'tfoot', 'tr', 'th', 'td', 'caption', 'dl', 'dt', 'dd', 'span', 'div', 'details', 'summary', 'input', 'label', 'iframe',
      'section', 'video', 'audio', 'source', 'track',
    ],
    allowedAttributes: {
      '*': ['id', 'lang', 'dir', 'title'],
      a: ['href', 'rel', 'hreflang', 'aria-describedby', 'aria-label', 'data-footnote-ref', 'data-footnote-backref'],
      section: ['class', 'data-footnotes'],
      h2: ['class'],
      img: ['src', 'alt', 'width', 'height', 'loading'],
      th: ['class', 'colspan', 'rowspan', 'scope'],
      td: ['class', 'colspan', 'rowspan'],
      ol: ['start', 'reversed'],
      code: ['class'],
      input: ['type', 'checked', 'disabled'],
      iframe: ['src', 'width', 'height', 'allow', 'allowfullscreen', 'loading', 'referrerpolicy'],
      // A newsroom's own video and audio (a clip, a podcast), played by the browser: no script.
      // Never autoplay: a page that starts talking is no page to read.
      video: ['src', 'poster', 'controls', 'width', 'height', 'preload', 'muted', 'loop', 'playsinline'],
      audio: ['src', 'controls', 'preload', 'loop', 'muted'],
      source: ['src', 'type'],
      track: ['src', 'kind', 'srclang', 'label', 'default'],
    },
    allowedClasses: { code: [/^language-[\w-]+$/], th: TABLE_ALIGN, td: TABLE_ALIGN, section: ['footnotes'], h2: ['visually-hidden'] },
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    allowedSchemesByTag: { img: ['http', 'https'], iframe: ['https'], video: ['https'], audio: ['https'], source: ['https'], track: ['https'] },
    allowProtocolRelative: false,
    allowedIframeHostnames: [...options.iframeHosts],
    // An iframe whose host is not allowed loses its src; then it is dropped whole. The only input
    // an article has is a GFM task-list checkbox.
    exclusiveFilter: (frame) => (frame.tag === 'iframe' && !frame.attribs.src) || (frame.tag === 'input' && frame.attribs.type !== 'checkbox'),
    disallowedTagsMode: 'discard',
    // Void elements, written without an end tag: sanitize-html's own list, and a media element's
    // <source> and <track> (a `</source>` is no HTML).
    selfClosing: ['img', 'br', 'hr', 'area', 'base', 'basefont', 'input', 'link', 'meta', 'source', 'track', 'wbr'],
    // Raw HTML links in an article; Markdown links get the base path from walkTokens below.
    // A page bundle's relative ones become site paths first (`sitePath`).
    transformTags: {
      a: withBasePath('href', options.basePath, sitePath),
      img: withBasePath('src', options.basePath, sitePath),
      video: withBasePath(['src', 'poster'], options.basePath, sitePath),
      audio: withBasePath('src', options.basePath, sitePath),
      source: withBasePath('src', options.basePath, sitePath),
      track: withBasePath('src', options.basePath, sitePath),
      iframe: embedPermissions,
    },
  };

  const keep = new Set(sanitizeOptions.allowedTags || []);

  return (source: string, bundle?: string): RenderedMarkdown => {
    folder = bundle;
    headings = [];
    seen = new Map();
    used = new Set();
    current = source;
    rawTokens = [];
    marking = undefined;
    captionLinks = undefined;
    const marked = source.includes('[^') ? withNotes : plain;
    const tokens = marked.lexer(source);
    // The footnotes' token is put first while the notes are read; marked.parse() would move it to
    // the end (and reset the extension for the next document) in its walk of the tokens, which
    // this lexer-then-parser path makes only where it needs one.
    if (tokens[0]?.type === 'footnotes') void marked.defaults.walkTokens?.(tokens[0]);
    // A page bundle's relative addresses (`![Flood wall](river.jpg)`) as the site paths they
    // stand for, so that feeds and listings, away from the page, show the same file.
    const prefix = options.basePath && options.basePath !== '/' ? basePathPrefixer(options.basePath) : undefined;
    if (prefix || folder !== undefined) {
      visitTokens(marked, tokens, (t) => {
        if (t.type !== 'link' && t.type !== 'image') return;
        const href = sitePath((t as Tokens.Link).href);
        (t as Tokens.Link).href = prefix ? prefix(href) : href;
      });
    }
    let raw = marked.parser(tokens);
    // Raw HTML's nesting is checked only where there is raw HTML that opens an element.
    let rawHtml: RenderedMarkdown['rawHtml'];
    if (rawTokens.length) {
      const unmarked = rawHtmlSpans(raw, rawTokens);
      raw = unmarked.html;
      if (rawTokens.some((t) => OPENS_ELEMENT.test(t.text))) {
        const problems = rawHtmlNesting(raw, unmarked.spans, keep);
        if (problems.length) {
          const place = bodyPlacer(tokens, source, marked, rawTokens, unmarked.tokenOf);
          rawHtml = problems.map((p) => placeProblem(p, place));
        }
      }
    }
    // Most articles hold no raw HTML and only plain links: marked has escaped all their text, so
    // the sanitiser (a third of the cost of an article) has nothing to remove. Anything else goes
    // through it.
    const check = checkTokens(tokens, marked, marked === withNotes);
    let html = check.unsafe || NAMED_ENTITY.test(raw) ? uniqueIds(sanitize(raw, sanitizeOptions), headings) : textLikeSanitiser(raw);
    // A table wider than the column scrolls sideways (the theme's CSS): the keyboard can reach it
    // to scroll it, in every browser (Safari does not focus a scroller by itself).
    if (html.includes('<table')) html = html.replace(/<table\b/g, '<table tabindex="0"');
    const counted = countWords(html);
    const { words, cjkChars } = counted;
    const bulletLike = counted.bulletLike ?? true;
    // Invisible control characters pasted in: out of the page, with a warning (CONTROL_CHARACTER).
    // HTML without a pair of surrogates was looked at for them as its words were counted.
    const controls = counted.controls ?? CONTROL.test(html);
    return { html: controls ? withoutControls(html) : html, headings: controls ? headings.map((h) => ({ ...h, text: withoutControls(h.text) })) : headings, words, cjkChars, ...bodyImages(html), ...(check.unclosedComment !== undefined ? { unclosedComment: check.unclosedComment } : {}), ...(check.missingNotes ? { missingNotes: check.missingNotes, noteLabels: check.noteLabels } : {}), ...(check.unclosedFence ? { unclosedFence: fencePlace(tokens, source, marked, check.unclosedFence) } : {}), ...(check.indentedText ? { indentedText: { line: codePlace(tokens, source, marked, check.indentedText).line } } : {}), ...(controls ? { controls } : {}), ...(bulletLike ? { bulletLike } : {}), ...(rawHtml ? { rawHtml } : {}), ...(check.unsafeLinks || captionLinks ? { unsafeLinks: linkPlaces(tokens, source, marked, [...(check.unsafeLinks ?? []), ...(captionLinks ?? [])]) } : {}) };
  };
}

/**
 * A photo's caption or credit (front matter `image.caption`, a body photo's title) as inline
 * Markdown: safe HTML for the page and plain text for metadata. Links get the body's base path
 * and a page bundle's folder (`folder`), and lose an address that runs code as the body's do.
 */
export function createInlineMarkdown(options: Pick<MarkdownOptions, 'basePath'>): (source: string, folder?: string) => InlineText {
  const prefix = options.basePath && options.basePath !== '/' ? basePathPrefixer(options.basePath) : undefined;
  return (source, folder) => {
    const href = (h: string): string => {
      const site = folder !== undefined && isPageRelative(h) ? resolveRelative(h, folder) : h;
      return prefix ? prefix(site) : site;
    };
    return renderInline(source, { href, codeScheme });
  };
}

/** The mark before a raw HTML token's text in marked's output: a noncharacter, then the token's number. */
const MARK = '\uFDD0';
const MARK_END = '\uFDD1';
const MARKS = /\uFDD0(\d+)\uFDD1/g;
/** A start tag of an element that can be left open: not a comment, an end tag, or a void element alone. */
const OPENS_ELEMENT = /<(?!(?:br|img|hr|wbr|input|source|track|area|col|embed)\b)[a-z]/i;

/**
 * marked's output without the marks, and where each raw HTML token's text lies in it (in the
 * output's order, with the number of the token each is). A renderer may have cut the end off a
 * text (the footnotes take a last `</p>` off): a span holds what is left of it.
 */
function rawHtmlSpans(marked: string, tokens: readonly (Tokens.HTML | Tokens.Tag)[]): { html: string; spans: RawHtmlSpan[]; tokenOf: number[] } {
  const spans: RawHtmlSpan[] = [];
  const tokenOf: number[] = [];
  let html = '';
  let last = 0;
  for (const m of marked.matchAll(MARKS)) {
    html += marked.slice(last, m.index);
    last = m.index + m[0].length;
    const text = tokens[Number(m[1])].text;
    let n = 0;
    if (marked.startsWith(text, last)) n = text.length;
    else while (n < text.length && marked.charCodeAt(last + n) === text.charCodeAt(n)) n++;
    spans.push({ start: html.length, end: html.length + n });
    tokenOf.push(Number(m[1]));
  }
  return { html: html + marked.slice(last), spans, tokenOf };
}

/**
 * A span's place as a line and column of the body. Marked's top-level tokens are the body end to
 * end, so each starts where the last ended; inside one (a quote or list, whose text marked has
 * taken the `> ` or indent off), each token without children is looked for from where the one
 * before it was found. Run only for a body with a problem to place.
 */
function bodyPlacer(tokens: ReturnType<Marked['lexer']>, body: string, marked: Marked, raw: readonly (Tokens.HTML | Tokens.Tag)[], tokenOf: readonly number[]): (at: SpanPlace) => BodyPlace {
  const starts = new Map<object, number>();
  const wanted = new Set<object>(raw);
  let offset = 0;
  for (const top of tokens) {
    // marked-footnote's list of notes, made at the start: its raw is the heading's words.
    if (top.type === 'footnotes') continue;
    // (A list's raw ends in a line break where the body may have a space, or nothing, instead.)
    const found = body.startsWith(top.raw, offset) ? offset : body.indexOf(top.raw, offset);
    let cursor = found === -1 ? offset : found;
    const limit = found === -1 ? body.length : (offset = found + top.raw.length);
    marked.walkTokens([top], (t) => {
      const children = ('tokens' in t && t.tokens?.length) || t.type === 'list' || t.type === 'table' || t.type === 'footnote';
      const first = children ? undefined : /[^\n]+/.exec(t.raw)?.[0];
      if (!first) return;
      const at = body.indexOf(first, cursor);
      if (at === -1 || at >= limit) return;
      if (wanted.has(t)) starts.set(t, at);
      cursor = at + first.length;
    });
  }
  const lines = new Map<string, number[]>();
  const breaksIn = (text: string): number[] => {
    let breaks = lines.get(text);
    if (!breaks) lines.set(text, (breaks = [...text.matchAll(/\n/g)].map((m) => m.index)));
    return breaks;
  };
  return ({ span, at }) => {
    const token = raw[tokenOf[span]];
    const start = starts.get(token);
    return start === undefined ? {} : placeIn(body, breaksIn(body), start, token.text, breaksIn(token.text), at);
  };
}

/**
 * The line (from 0) and column (from 1) of the character `at` of a token's text that starts at
 * `start` in the body; `breaks` are the offsets of each text's line breaks.
 */
function placeIn(body: string, bodyBreaks: number[], start: number, text: string, textBreaks: number[], at: number): BodyPlace {
  const down = countBelow(textBreaks, at, (b) => b);
  const line = countBelow(bodyBreaks, start, (b) => b) + down;
  const lineStart = line === 0 ? 0 : bodyBreaks[line - 1] + 1;
  if (down === 0) return { line, column: start - lineStart + at + 1 };
  // A later line of the token: inside a quote or list, its line of the body has a `> ` or indent more.
  const from = textBreaks[down - 1] + 1;
  const textLine = text.slice(from, textBreaks[down] ?? text.length);
  const found = textLine.trim() ? body.slice(lineStart, bodyBreaks[line] ?? body.length).indexOf(textLine) : -1;
  return found === -1 ? { line } : { line, column: found + at - from + 1 };
}

/**
 * Raw HTML's own ids, one of each on the page: an id the theme gives its own elements (a body's
 * `<span id="cookie-accept">` took the notice's button from its script), or one met before in the
 * body (a heading's, another element's), is taken off. Sanitised HTML writes every attribute as
 * `name="value"`.
 */
function uniqueIds(html: string, headings: readonly { id: string }[]): string {
  if (!html.includes(' id="')) return html;
  const seen = new Set<string>();
  // An id written like a live blog update's anchor (`update-2026-11-27-2220`), not a heading's.
  const anchorLike = (id: string) => UPDATE_ANCHOR_LIKE.test(id) && !headings.some((h) => h.id === id);
  // Inside start tags only: text may say ` id="main"` too.
  return html.replace(/<[a-zA-Z][^>]*? id="[^>]*>/g, (tag) =>
    tag.replace(/ id="([^"]*)"/, (all, id: string) => {
      if (THEME_IDS.has(id) || seen.has(id) || anchorLike(id)) return '';
      seen.add(id);
      return all;
    }),
  );
}

/**
 * Every image's src, and those of images with an empty or missing alt, Markdown and raw HTML
 * alike. It reads the finished body (marked's or sanitize-html's output), where attributes are
 * double-quoted and never hold a raw ">".
 */
export function bodyImages(html: string): { images: string[]; imagesWithoutAlt: string[] } {
  const images: string[] = [];
  const imagesWithoutAlt: string[] = [];
  for (const [tag] of html.matchAll(/<img\b[^>]*>/gi)) {
    const src = decodeEntities(/\ssrc="([^"]*)"/i.exec(tag)?.[1] ?? '');
    if (src) images.push(src);
    const alt = /\salt="([^"]*)"/i.exec(tag);
    if (!(alt && decodeEntities(alt[1]).trim())) imagesWithoutAlt.push(src);
  }
  // A story's own video and audio (and a video's poster, a track's captions) wait with it too.
  if (html.includes('<video') || html.includes('<audio')) {
    for (const [tag] of html.matchAll(/<(?:video|audio|source|track)\b[^>]*>/gi)) {
      for (const m of tag.matchAll(/\s(?:src|poster)="([^"]*)"/gi)) if (m[1]) images.push(decodeEntities(m[1]));
    }
  }
  // Links to files (`[the report](/files/report.pdf)`): a scheduled story's attachment waits with
  // its photos (plan/statics.ts). A path ending in a name with an extension other than a page's.
  if (html.includes('<a ')) {
    for (const m of html.matchAll(/<a\s[^>]*?\bhref="([^"?#]*\/[^"/?#]+\.(?!html?["?#])[A-Za-z0-9]{1,8})(?:[?#][^"]*)?"/gi)) images.push(decodeEntities(m[1]));
  }
  return { images, imagesWithoutAlt };
}

/**
 * The body's links to pages of the site: each `<a href>` that is a site path (`/2026/12/05/scoop/`)
 * or a full http(s) URL on `siteHost`, once each, in order. Links to files (a PDF) are in
 * `bodyImages`; links to other sites are not kept.
 */
export function bodyLinks(html: string, siteHost?: string): string[] {
  const out = new Set<string>();
  const host = siteHost?.toLowerCase();
  // Each `<a` found by indexOf, its href read from there: one pattern over the whole body (it is
  // in every story's parse) took about twice as long. The sanitised body's tags are lower case.
  for (let at = html.indexOf('<a'); at !== -1; at = html.indexOf('<a', at + 2)) {
    ANCHOR_HREF.lastIndex = at;
    const m = ANCHOR_HREF.exec(html);
    if (!m) continue;
    const href = decodeEntities(m[1]).trim();
    if (href.startsWith('/') ? href.startsWith('//') : !(host && /^https?:\/\//i.test(href) && href.slice(href.indexOf('//') + 2).split(/[/?#]/)[0].toLowerCase() === host)) continue;
    out.add(href);
  }
  return [...out];
}

const ANCHOR_HREF = /<a\s[^>]*?\bhref="([^"]*)"/y;

/** A link or image URL that needs no sanitiser: http(s), mailto, tel, or a path without a scheme. */
const PLAIN_URL = /^(?:https?:\/\/|mailto:|tel:|[#?]|\/(?!\/)|\.\.?\/|[\w~%-]+(?:[/?#.]|$))[^\s\x00-\x1f\x7f&<>"'`\\]*$/i;

const QUOTE_ENTITY = /&#39;|&quot;/g;
/**
 * The sanitiser writes an entity other than marked's own (`&amp;` `&lt;` `&gt;` `&quot;` `&#39;`)
 * as its character: `&copy;` → ©, and in a link title, where marked keeps them, `&#169;` → ©.
 */
const NAMED_ENTITY = /&(?!(?:amp|lt|gt|quot|#39);)[A-Za-z#]/;
/** A fence's first word that the sanitiser keeps as a `language-…` class, or none. */
const CODE_LANGUAGE = /^[\w-]*$/;

/**
 * Quotes as the sanitiser leaves them: an apostrophe as itself everywhere, a double quote as
 * itself in text and as `&quot;` in an attribute value (which is double-quoted). Text is what lies
 * between a tag's `>` and the next `<` (marked writes no raw `<` or `>` in text or attributes): an
 * entity is in text when the last of the two before it is a `>` and a `<` comes after it. Only the
 * entities are visited, not every run of text, and each run or tag is measured once, for its
 * first entity: the ones after it up to its end share the answer (a code block of JSON holds
 * thousands of `&quot;` in one run).
 */
function textLikeSanitiser(html: string): string {
  let out = '';
  let last = 0;
  let knownUntil = -1;
  let inText = false;
  for (const m of html.matchAll(QUOTE_ENTITY)) {
    const at = m.index;
    const apostrophe = m[0] === '&#39;';
    if (!apostrophe && at >= knownUntil) {
      inText = html.lastIndexOf('>', at) > html.lastIndexOf('<', at);
      // A run of text ends at the next `<` (with none, it is not text); a tag at its `>`.
      const end = html.indexOf(inText ? '<' : '>', at);
      if (end === -1) inText = false;
      knownUntil = end === -1 ? html.length : end;
    }
    if (apostrophe || inText) {
      out += html.slice(last, at) + (apostrophe ? "'" : '"');
      last = at + m[0].length;
    }
  }
  return last === 0 ? html : out + html.slice(last);
}

/**
 * Each token and its children, in the order of marked's walkTokens and with the same children (a
 * table's cells, a list's items, the tokens an extension names in `childTokens`, any other
 * token's `tokens`), without the array of the callback's results that walkTokens builds at every
 * level: a tenth of what the parse of a story allocated.
 */
export function visitTokens(marked: Marked, tokens: readonly Token[], fn: (t: Token) => void): void {
  const childTokens = marked.defaults.extensions?.childTokens;
  const visit = (list: readonly Token[]): void => {
    for (const t of list) {
      fn(t);
      if (t.type === 'table') {
        for (const cell of (t as Tokens.Table).header) visit(cell.tokens);
        for (const row of (t as Tokens.Table).rows) for (const cell of row) visit(cell.tokens);
      } else if (t.type === 'list') visit((t as Tokens.List).items);
      else {
        const names = childTokens?.[t.type];
        if (names) for (const name of names) visit(((t as Record<string, unknown>)[name] as Token[]).flat(Infinity) as Token[]);
        else if ('tokens' in t && t.tokens) visit(t.tokens);
      }
    }
  };
  visit(tokens);
}

/**
 * Whether the body needs the sanitiser, and an HTML comment that never closes: marked lets one run
 * to the end of the body, which then shows nothing after it.
 */
function checkTokens(tokens: ReturnType<Marked['lexer']>, marked: Marked, notes: boolean): { unsafe: boolean; unclosedComment?: string; unclosedFence?: Tokens.Code; indentedText?: Tokens.Code; missingNotes?: string[]; noteLabels?: string[]; unsafeLinks?: UnsafeLink[] } {
  let unsafe = false;
  let unsafeLinks: UnsafeLink[] | undefined;
  let missingNotes: string[] | undefined;
  const noteLabels: string[] = [];
  let unclosedComment: string | undefined;
  let unclosedFence: Tokens.Code | undefined;
  let indentedText: Tokens.Code | undefined;
  let inAddress: Set<Token> | undefined;
  visitTokens(marked, tokens, (t) => {
    // A reference whose note is missing is left as text by the footnotes' extension (text in code is a codespan's).
    // A bare or <angle-bracketed> address is a link whose text is itself: `[^` in it is part of the address.
    if (notes && t.type === 'link' && (t as Tokens.Link).text === (t as Tokens.Link).href) for (const c of (t as Tokens.Link).tokens ?? []) (inAddress ??= new Set()).add(c);
    if (notes && t.type === 'footnote') noteLabels.push((t as unknown as { label: string }).label);
    if (notes && t.type === 'text' && !(t as Tokens.Text).tokens?.length && t.raw.includes('[^') && !inAddress?.has(t)) {
      for (const m of t.raw.matchAll(NOTE_REF)) if (!(missingNotes ??= []).includes(m[1])) missingNotes.push(m[1]);
    }
    if (t.type === 'code' && unclosedFence === undefined && (t as Tokens.Code).codeBlockStyle !== 'indented' && (t as Tokens.Code).text.trim() && !fenceClosed(t.raw)) unclosedFence = t as Tokens.Code;
    if (t.type === 'code' && indentedText === undefined && (t as Tokens.Code).codeBlockStyle === 'indented' && isProse((t as Tokens.Code).text)) indentedText = t as Tokens.Code;
    // `<!-->` and `<!--->` are whole (empty) comments; a script's or style's text is no HTML.
    if (t.type === 'html' && unclosedComment === undefined && !/^\s*<(script|style)\b/i.test(t.raw)) {
      for (const m of t.raw.matchAll(/<!--(?!-?>)/g)) {
        if (!t.raw.includes('-->', m.index + 4)) {
          unclosedComment = t.raw.slice(m.index);
          break;
        }
      }
    }
    // A link the sanitiser takes out because its address runs code: a Markdown link (or an
    // <autolink>), or an <a href> in raw HTML.
    if (t.type === 'link' && !PLAIN_URL.test((t as Tokens.Link).href)) {
      // marked writes a space or control character in a Markdown link's address as %20 (`<java
      // script:…>`), which is no scheme: only an entity can spell one there.
      const scheme = codeScheme((t as Tokens.Link).href.replace(/[\x00-\x20]/g, '%'));
      if (scheme) (unsafeLinks ??= []).push({ token: t, href: (t as Tokens.Link).href, scheme, needle: t.raw.split('\n', 1)[0] });
    } else if (t.type === 'image' && !PLAIN_URL.test((t as Tokens.Image).href)) {
      // A picture pasted into the text as a `data:` address (a word processor's or a web page's
      // copy): its address goes, and readers see no photo.
      const scheme = codeScheme((t as Tokens.Image).href.replace(/[\x00-\x20]/g, '%'));
      if (scheme) (unsafeLinks ??= []).push({ token: t, href: (t as Tokens.Image).href, scheme, needle: t.raw.split('\n', 1)[0], photo: { alt: (t as Tokens.Image).text } });
    } else if (t.type === 'html' && (/href/i.test(t.raw) || /\ssrc\s*=/i.test(t.raw))) {
      // Not in a comment, which the page leaves out whole: an <a href>, and an <img src> (a photo).
      const live = t.raw.replace(/<!--[\s\S]*?(?:-->|$)/g, (c) => ' '.repeat(c.length));
      for (const [tags, photo] of [[ANCHOR_HREF_RAW, false], [IMG_SRC_RAW, true]] as const) {
        for (const m of live.matchAll(tags)) {
          const href = m[1] ?? m[2] ?? m[3] ?? '';
          const scheme = codeScheme(href);
          if (scheme) (unsafeLinks ??= []).push({ token: t, href, scheme, needle: m[0].split('\n', 1)[0], ...(photo ? { photo: { alt: /\salt\s*=\s*"([^"]*)"/i.exec(m[0])?.[1] ?? '' } } : {}) });
        }
      }
    }
    if (unsafe) return;
    // Footnotes write their labels into ids and links: the sanitiser checks them.
    if (t.type === 'html' || t.type === 'footnotes' || t.type === 'footnoteRef') unsafe = true;
    else if ((t.type === 'link' || t.type === 'image') && !PLAIN_URL.test((t as Tokens.Link).href)) unsafe = true;
    // A fence's language becomes a class only when the sanitiser allows it (`c++` does not).
    else if (t.type === 'code' && !CODE_LANGUAGE.test(/^\S*/.exec((t as Tokens.Code).lang ?? '')![0])) unsafe = true;
  });
  return { unsafe, unclosedComment, unclosedFence, ...(indentedText ? { indentedText } : {}), missingNotes, ...(missingNotes ? { noteLabels } : {}), ...(unsafeLinks ? { unsafeLinks } : {}) };
}

interface UnsafeLink {
  token: Token;
  href: string;
  scheme: string;
  /** A photo's address (`![alt](data:…)`, `<img src="data:…">`), not a link's. */
  photo?: { alt: string };
  /** A link in a photo's caption (its title), placed at the photo. */
  caption?: true;
  /** The link as written, its first line: searched for in the body from where its block starts. */
  needle: string;
}

/** An <img> tag's src in raw HTML, quoted either way or not at all. */
const IMG_SRC_RAW = /<img\b[^>]*?\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))[^>]*>?/gi;

/** An <a> tag's href in raw HTML, quoted either way or not at all. */
const ANCHOR_HREF_RAW = /<a\b[^>]*?\shref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi;

/**
 * The scheme of an address that runs code in the browser (`javascript`, `vbscript`, `data`), as
 * the sanitiser reads it (sanitize-html, through launder): entities decoded (`jav&#x61;script`,
 * `&colon;`), then every character up to a space and HTML comments dropped (`java&#09;script`),
 * case ignored. Undefined for any other address.
 */
function codeScheme(href: string): string | undefined {
  const decoded = decodeEntities(
    href
      .replace(/&#x([0-9a-f]+);?/gi, (_, h: string) => String.fromCodePoint(Math.min(parseInt(h, 16), 0x10ffff)))
      .replace(/&#([0-9]+);?/g, (_, d: string) => String.fromCodePoint(Math.min(parseInt(d, 10), 0x10ffff)))
      .replace(/&colon;/gi, ':')
      .replace(/&(?:Tab|NewLine);/gi, ' '),
  );
  const clean = decoded.replace(/[\x00-\x20]+/g, '').replace(/<!--[\s\S]*?-->/g, '');
  return /^(javascript|vbscript|data):/i.exec(clean)?.[1].toLowerCase();
}

/**
 * Where each link is in the body: its text searched for from where the top-level token that holds
 * it starts (they follow each other through the body), else anywhere; and a link met twice at the
 * next place. Run only for a body that has one.
 */
function linkPlaces(tokens: ReturnType<Marked['lexer']>, body: string, marked: Marked, links: UnsafeLink[]): NonNullable<RenderedMarkdown['unsafeLinks']> {
  const starts = new Map<Token, number>();
  let offset = 0;
  for (const top of tokens) {
    if (top.type === 'footnotes') continue;
    const found = body.startsWith(top.raw, offset) ? offset : body.indexOf(top.raw, offset);
    const start = found === -1 ? offset : found;
    marked.walkTokens([top], (t) => void starts.set(t, start));
    starts.set(top, start);
    if (found !== -1) offset = found + top.raw.length;
  }
  const taken = new Set<number>();
  return links.map(({ token, href, scheme, needle, photo, caption }) => {
    let at = body.indexOf(needle, starts.get(token) ?? 0);
    while (at !== -1 && taken.has(at)) at = body.indexOf(needle, at + 1);
    if (at === -1) at = body.indexOf(needle);
    taken.add(at);
    const place = at === -1 ? 0 : at;
    return { href, scheme, line: countBreaks(body, place), column: place - (body.lastIndexOf('\n', place - 1) + 1) + 1, ...(photo ? { photo } : {}), ...(caption ? { caption } : {}) };
  });
}

/** A footnote reference as text: `[^label]`, not a note's own `[^label]:`. */
const NOTE_REF = /\[\^([^\]\s]+)\](?!:)/g;

/**
 * Whether a fenced code block's text ends with its closing fence (the opening one's character, as
 * many or more, alone on its line): marked lets an open one run to the end of the body, or of the
 * quote or list it is in.
 */
function fenceClosed(raw: string): boolean {
  const open = /^ {0,3}(`{3,}|~{3,})/.exec(raw)?.[1];
  const end = raw.trimEnd();
  const nl = end.lastIndexOf('\n');
  if (!open || nl === -1) return false;
  const last = end.slice(nl + 1).trim();
  return last.length >= open.length && last[0] === open[0] && /^(?:`+|~+)$/.test(last);
}

/**
 * Where an open fence is in the body: from where the top-level token that holds it starts (they
 * follow each other through the body), its first line. Run only for a body that has one.
 */
function fencePlace(tokens: ReturnType<Marked['lexer']>, body: string, marked: Marked, code: Tokens.Code): { fence: string; line: number; column: number } {
  const fence = /^ {0,3}(`{3,}|~{3,})/.exec(code.raw.split('\n', 1)[0])![1];
  return { fence, ...codePlace(tokens, body, marked, code) };
}

/**
 * Text indented as code that reads as sentences: words and no code's punctuation (braces, `=`,
 * angle brackets, backticks, backslashes, `//`, calls, nesting, options, columns). An indented
 * program, a shell command or a table of figures keeps its box without a word.
 */
function isProse(text: string): boolean {
  if (/[{}=<>`\\|]|\/\/|^\s*[-*+#]\s/m.test(text)) return false;
  // A program's nesting (a line indented further), a call (`print(name)`), a statement's `;`, a
  // name_with_underscores, a shell prompt or a command's option (`--save-dev`, `-rf`).
  if (/\n[ \t]+\S|\w\(|;[ \t]*$|\w_\w|^\$[ \t]|(?:^|[ \t])--?[a-z]/m.test(text)) return false;
  // Columns lined up with spaces or tabs (a table of figures, results by name): not after a
  // sentence's end, where some type two spaces.
  if (/[^\s.!?:;"”’)][ ]{2,}\S|\S\t+\S/.test(text)) return false;
  const words = text.match(/\p{L}{2,}/gu) ?? [];
  const cjk = text.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu) ?? [];
  return words.length >= 5 || cjk.length >= 12;
}

/** Where a code block starts in the body: line from 0, column from 1 (of its first text). */
function codePlace(tokens: ReturnType<Marked['lexer']>, body: string, marked: Marked, code: Tokens.Code): { line: number; column: number } {
  const first = code.raw.split('\n', 1)[0];
  let offset = 0;
  let at = -1;
  for (const top of tokens) {
    if (top.type === 'footnotes') continue;
    const found = body.startsWith(top.raw, offset) ? offset : body.indexOf(top.raw, offset);
    const start = found === -1 ? offset : found;
    let holds = top === code;
    if (!holds) marked.walkTokens([top], (t) => void (holds ||= t === code));
    if (holds) {
      at = body.indexOf(first.trim(), start);
      break;
    }
    if (found !== -1) offset = found + top.raw.length;
  }
  if (at === -1) at = body.lastIndexOf(first.trim());
  const line = countBreaks(body, at);
  return { line, column: at - (body.lastIndexOf('\n', at - 1) + 1) + 1 };
}

function countBreaks(text: string, upTo: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < upTo; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * What an embed may use of the reader's browser: what a video, a chart or a map needs (YouTube's
 * own embed code asks for these). An embed host where anyone can publish (a chart or code site
 * the config lists) with `allow="camera; microphone; geolocation"` written into a story would
 * ask readers for them in the news site's name. Each feature is kept without an origin list, so
 * it goes to the embed's own origin only.
 */
const EMBED_FEATURES = new Set(['accelerometer', 'autoplay', 'clipboard-write', 'encrypted-media', 'fullscreen', 'gyroscope', 'picture-in-picture', 'web-share']);

const embedPermissions: sanitizeHtmlType.Transformer = (tagName, attribs) => {
  if (attribs.allow === undefined) return { tagName, attribs };
  const kept = [...new Set(attribs.allow.split(';').map((f) => f.trim().split(/\s+/)[0].toLowerCase()))].filter((f) => EMBED_FEATURES.has(f));
  const { allow: _, ...rest } = attribs;
  return { tagName, attribs: kept.length ? { ...rest, allow: kept.join('; ') } : rest };
};

/**
 * Editors link to other pages as site paths ("/2024/03/12/slug/"); on a site served under a sub-path
 * ("/news/") they need the base path in front, as every template link gets it from the `url` filter.
 */
function basePathPrefixer(basePath: string): (href: string) => string {
  return (href) => (href.startsWith('/') && !href.startsWith('//') && !href.startsWith(basePath) ? basePath + href.slice(1) : href);
}

function withBasePath(attrs: string | string[], basePath = '/', sitePath: (href: string) => string = (h) => h): sanitizeHtmlType.Transformer {
  const prefix = basePathPrefixer(basePath);
  const names = typeof attrs === 'string' ? [attrs] : attrs;
  return (tagName, attribs) => {
    if (!names.some((a) => attribs[a])) return { tagName, attribs };
    let out: typeof attribs | undefined;
    for (const a of names) {
      if (!attribs[a]) continue;
      const href = prefix(sitePath(attribs[a]));
      if (href !== attribs[a]) (out ??= { ...attribs })[a] = href;
    }
    return { tagName, attribs: out ?? attribs };
  };
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;

/**
 * Words of space-separated scripts and characters of CJK text, for the reading time, and whether
 * the HTML holds a control character (`controls`) and a bullet or a non-breaking space
 * (`bulletLike`), found in the same pass (left out only for text with a surrogate pair, which the
 * patterns count).
 */
export function countWords(html: string): { words: number; cjkChars: number; ascii?: true; controls?: boolean; bulletLike?: boolean } {
  const ascii = scanAscii(html);
  if (ascii) return { words: ascii.words, cjkChars: 0, ascii: true, controls: ascii.controls, bulletLike: false };
  const unicode = scanUnicode(html);
  if (unicode) return unicode;
  // Text beyond the BMP (a supplementary ideograph, an emoji): the patterns themselves.
  let text = html.replace(/<[^>]*>/g, ' ');
  const cjkChars = text.match(CJK)?.length ?? 0;
  // Thai, Lao, Khmer and Burmese put no spaces between words: a run of their letters is a whole
  // sentence to WORD. Counted as a word for every five letters (their words' usual length).
  let spaceless = 0;
  if (SPACELESS_ANY.test(text)) {
    spaceless = Math.round((text.match(SPACELESS)?.length ?? 0) / 5);
    text = text.replace(SPACELESS, ' ');
  }
  // A word is a run of letters or digits (with the marks, apostrophes and hyphens inside it).
  const words = (text.replace(CJK, ' ').match(WORD)?.length ?? 0) + spaceless;
  return { words, cjkChars };
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}'’-]*/gu;
const SPACELESS = /[\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/gu;
const SPACELESS_ANY = new RegExp(SPACELESS.source, 'u');

/**
 * WORD's count for HTML that is all ASCII, and whether it holds a control character (CONTROL's
 * ASCII ones, in text or in a tag); undefined for any other HTML. One pass over the HTML's bytes,
 * without the Unicode regular expressions, a tag-free copy or an array of every word: a run of
 * letters or digits, with apostrophes and hyphens inside it; a tag (`<` to the next `>`) separates
 * words. The text is written as UTF-8 into a buffer the thread keeps, which tells ASCII at once (as
 * many bytes as characters) and is read several times faster than `charCodeAt` reads a string.
 * Each byte's class and the state before it (between words, in a word, in a tag) give the next
 * state and whether a word starts, from two tables, with no branch per character: about 21 µs for
 * an article of 5,500 characters against 36 for a comparison per class on the string and the two
 * regular expressions that asked for ASCII and for controls.
 */
function scanAscii(html: string): { words: number; controls: boolean } | undefined {
  const len = html.length;
  // Room for three bytes a character, so that the whole text is always written.
  const bytes = scratchOf(len * 3);
  if (bytes.write(html, 0, 'utf8') !== len) return undefined;
  let words = 0;
  let state = 0;
  let seen = 0;
  for (let i = 0; i < len; i++) {
    const k = BYTE_CLASS[bytes[i]];
    const x = (state << 4) | k;
    words += WORD_STARTS[x];
    state = NEXT_STATE[x];
    seen |= k;
  }
  // A `<` never closed opens no tag (the word pattern's `<[^>]*>` needs a `>`): the text after the
  // first of them is counted again, each `<` in it a separator.
  if (state === IN_TAG) {
    const from = html.lastIndexOf('>') + 1;
    const open = html.indexOf('<', from);
    state = 0;
    for (let i = open + 1; i < len; i++) {
      const x = (state << 4) | BYTE_CLASS[bytes[i]];
      words += WORD_STARTS[x];
      state = NEXT_STATE[x] === IN_TAG ? 0 : NEXT_STATE[x];
    }
  }
  return { words, controls: (seen & CTRL) !== 0 };
}

/**
 * countWords for HTML of any script within the BMP (curly quotes, dashes, accents, Chinese, Thai),
 * as the patterns count: in one pass over the text, each unit classed by a table of its block of
 * 256 (made when a unit of it is first met, from the patterns' own classes) and the same state
 * machine as scanAscii. Undefined for text with a surrogate, which the patterns read as one code
 * point of two units. Control characters (CONTROL's) are looked for in the same pass, in tags too.
 * About 23 µs for an English story with curly quotes and dashes, where the patterns took 220-250
 * (a copy without tags, an array of every word).
 */
function scanUnicode(html: string): { words: number; cjkChars: number; controls: boolean; bulletLike: boolean } | undefined {
  const len = html.length;
  // Read from a buffer as UTF-16 units: a typed array's element is read faster than `charCodeAt`.
  const units = unitsOf(html);
  let controls = false;
  let bulletLike = false;
  let words = 0;
  let cjkChars = 0;
  let spaceless = 0;
  let state = 0;
  for (let i = 0; i < len; i++) {
    const c = units[i];
    const k = c < 128 ? BYTE_CLASS[c] : (UNIT_BLOCKS[c >> 8] ?? classifyBlock(c >> 8))[c & 255];
    if (k === CTRL) controls = true;
    else if (k === BULLET_LIKE) bulletLike = true;
    else if (k >= CJK_UNIT && state !== IN_TAG) {
      if (k === SURROGATE) return undefined;
      if (k === CJK_UNIT) cjkChars++;
      else spaceless++;
    }
    const x = (state << 4) | k;
    words += WORD_STARTS[x];
    state = NEXT_STATE[x];
  }
  // As scanAscii: the text after a `<` never closed, again, each `<` in it a separator.
  if (state === IN_TAG) {
    state = 0;
    for (let i = html.indexOf('<', html.lastIndexOf('>') + 1) + 1; i < len; i++) {
      const c = units[i];
      const k = c < 128 ? BYTE_CLASS[c] : (UNIT_BLOCKS[c >> 8] ?? classifyBlock(c >> 8))[c & 255];
      if (k === SURROGATE) return undefined;
      if (k === CJK_UNIT) cjkChars++;
      else if (k === SPACELESS_UNIT) spaceless++;
      const x = (state << 4) | k;
      words += WORD_STARTS[x];
      state = NEXT_STATE[x] === IN_TAG ? 0 : NEXT_STATE[x];
    }
  }
  // Thai, Lao, Khmer and Burmese: a word for every five letters, as in countWords.
  return { words: words + Math.round(spaceless / 5), cjkChars, controls, bulletLike };
}

/** The classes of the BMP's units beyond ASCII, by block of 256: each made when first needed. */
const UNIT_BLOCKS: (Uint8Array | undefined)[] = new Array(256).fill(undefined);
const CJK_ONE = new RegExp(CJK.source, 'u');
const SPACELESS_ONE = new RegExp(SPACELESS.source, 'u');
const STARTS_WORD = /[\p{L}\p{N}]/u;
const IN_WORD = /[\p{M}'’-]/u;
function classifyBlock(block: number): Uint8Array {
  const classes = new Uint8Array(256);
  for (let i = 0; i < 256; i++) {
    const c = (block << 8) | i;
    if (c < 128) classes[i] = BYTE_CLASS[c];
    // C1 controls: CONTROL's, as the ASCII ones (no word has one).
    else if (c <= 0x9f) classes[i] = CTRL;
    else if (c >= 0xd800 && c <= 0xdfff) classes[i] = SURROGATE;
    else if (BULLET_HINT.test(String.fromCharCode(c))) classes[i] = BULLET_LIKE;
    else {
      // In the order countWords applies them: CJK and the spaceless scripts become spaces first.
      const ch = String.fromCharCode(c);
      classes[i] = CJK_ONE.test(ch) ? CJK_UNIT : SPACELESS_ONE.test(ch) ? SPACELESS_UNIT : STARTS_WORD.test(ch) ? ALNUM : IN_WORD.test(ch) ? JOINER : 0;
    }
  }
  UNIT_BLOCKS[block] = classes;
  return classes;
}

/** The buffer scanAscii and scanUnicode write into, grown as a longer body comes: at most this many bytes kept. */
const SCRATCH_MAX = 3 << 20;
let scratch = Buffer.allocUnsafe(1 << 15);

/** A buffer of at least `size` bytes: the thread's scratch buffer (grown), or one of its own past SCRATCH_MAX. */
function scratchOf(size: number): Buffer {
  if (size > SCRATCH_MAX) return Buffer.allocUnsafe(size);
  if (scratch.length < size) scratch = Buffer.allocUnsafe(Math.max(size, 2 * scratch.length));
  return scratch;
}

/** The text's UTF-16 units, written into the scratch buffer (its own buffer past SCRATCH_MAX). */
function unitsOf(text: string): Uint16Array {
  const bytes = text.length * 2;
  const buffer = scratchOf(bytes);
  buffer.write(text, 0, 'utf16le');
  return new Uint16Array(buffer.buffer, buffer.byteOffset, text.length);
}

/** A byte's class: a letter or digit, an apostrophe or hyphen, `<`, `>`, a control character (CONTROL's), or 0 for any other. */
const ALNUM = 1;
const JOINER = 2;
const LT = 4;
const GT = 5;
const CTRL = 8;
/** Beyond ASCII (scanUnicode): a CJK unit, a unit of a script written without spaces, half of a surrogate pair. */
const CJK_UNIT = 9;
const SPACELESS_UNIT = 10;
const SURROGATE = 11;
/** A bullet character or a non-breaking space (BULLET_HINT's): no letter, a separator between words. */
const BULLET_LIKE = 12;
const BYTE_CLASS = new Uint8Array(256);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  BYTE_CLASS[c] = /[a-zA-Z0-9]/.test(ch) ? ALNUM : ch === "'" || ch === '-' ? JOINER : ch === '<' ? LT : ch === '>' ? GT : CONTROL.test(ch) ? CTRL : 0;
}
/** The states: between words (0), in a word (1), in a tag (2). */
const IN_TAG = 2;
/** By the state and a byte's class (`state << 4 | class`): the next state, and 1 where a word starts. */
const NEXT_STATE = new Uint8Array(48);
const WORD_STARTS = new Uint8Array(48);
for (let state = 0; state < 3; state++) {
  for (let k = 0; k < 16; k++) {
    const x = (state << 4) | k;
    if (state === IN_TAG) NEXT_STATE[x] = k === GT ? 0 : IN_TAG;
    else NEXT_STATE[x] = k === LT ? IN_TAG : k === ALNUM ? 1 : k === JOINER ? state : 0;
    WORD_STARTS[x] = state === 0 && k === ALNUM ? 1 : 0;
  }
}

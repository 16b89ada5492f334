import type { SourceFile } from '../discover/discover.js';
import { error, warning, type Diagnostic } from '../errors/diagnostic.js';
import { codeFrame, countLines } from '../errors/frame.js';
import { isPageRelative, resolveRelative, tryDecodeURI } from './url.js';
import { escapeHtml } from './html-text.js';
import { bundleFolder } from '../discover/source-kind.js';
import { validateFrontMatter, type ArticleImage, type ArticleMeta } from '../validate/article.js';
import { parseFrontMatter } from './front-matter.js';
import { bodyControls, cleanFrontMatter } from '../validate/controls.js';
import { SHORTCODE_HINT, shortcodeWarnings } from '../validate/shortcodes.js';
import { BULLET_HINT, pastedBullets } from '../validate/bullets.js';
import { EMBED_HINT, embedWarnings } from '../validate/embeds.js';
import { rawHtmlWarning } from '../validate/raw-html.js';
import { bodyImages, bodyLinks, countWords, type RenderedMarkdown } from './markdown.js';
import type { InlineText } from './inline-markdown.js';
import type { BodyRef } from '../cache/bodies.js';
import { markUpdates, nearMissHeadings, ownedNotes, updateHeadings, updateSlices } from './live.js';
import { nearMissErrors, notLiveWarning, readUpdates, type LiveUpdate } from '../validate/live.js';

/** One parsed, validated content file: front matter checked, body rendered to safe HTML. */
export interface Article {
  source: string;
  hash: string;
  kind: 'article' | 'page';
  meta: ArticleMeta;
  /** Empty when the body is in the cache's segments: then `body` says where. */
  html: string;
  headings: RenderedMarkdown['headings'];
  body?: BodyRef;
  words: number;
  cjkChars: number;
  /**
   * The src of every image in the body (base path included), when it has any: kept beside the
   * body, so a build knows which static files an article shows without reading the bodies.
   */
  images?: string[];
  /**
   * The body's links to pages of this site (`<a href>` a site path, or a full URL on the site's
   * host), as rendered, when it has any: a published story that links to a scheduled one or a
   * draft makes its address public (check/held-links.ts), found without reading the bodies.
   */
  links?: string[];
  /**
   * A page bundle's index.md (`flood-defences/index.md`): the route its relative addresses
   * (`river.jpg`, in the body and `image`) were resolved against, where its files are published.
   */
  bundle?: string;
  /**
   * A live blog's updates (`live: true`), in file order, every one of them: the site graph keeps
   * those published at its `now`. The body's HTML marks where each starts (parse/live.ts).
   */
  updates?: LiveUpdate[];
}

export interface ParseContext {
  timeZone: string;
  defaultAuthor: string;
  /** Markdown to HTML; `folder`: the route a page bundle's relative addresses resolve against. */
  markdown: (source: string, folder?: string) => RenderedMarkdown;
  /** A photo's caption or credit as inline Markdown (parse/inline-markdown.ts); without it, they stay plain text. */
  inline?: (source: string, folder?: string) => InlineText;
  /** The hosts the config allows embeds from (`markdown.iframeHosts`), for the warning about an embed taken out. */
  iframeHosts?: readonly string[];
  /** The order a live blog's page shows its updates in (the config's `liveBlogs.order`), for the warning about one out of order. */
  liveOrder?: 'newest' | 'oldest';
  /** Whether article URLs hold their date (see ValidateContext). */
  datedUrls?: boolean;
  /** The route of a content file from its front matter (model/content-route.ts), for a page bundle's relative addresses. */
  routeOf?: (meta: ArticleMeta, kind: 'article' | 'page') => string | undefined;
  /** The site's host (the config's `baseUrl`): a full URL on it in a body is a link to the site's own page. */
  siteHost?: string;
  /** What the site's own templates show of a page's corrections and editor's note (see ValidateContext). */
  templateShows?: Record<string, readonly string[]>;
}

/** Pure: the same file text and context always give the same article (so it can be cached by hash). */
export function parseSource(file: SourceFile, ctx: ParseContext): { article?: Article; diagnostics: Diagnostic[] } {
  return parseSources([file], ctx)[0];
}

/**
 * parseSource for many files, a stage at a time: every front matter, then every body. The same
 * results; running one library's code over many files in a row keeps it hot in the CPU's caches
 * (a sixth faster than one file at a time when the parse functions alone were timed).
 */
export function parseSources(files: SourceFile[], ctx: ParseContext): { article?: Article; diagnostics: Diagnostic[] }[] {
  const heads = files.map((file) => {
    const fm = parseFrontMatter(file.path, file.text, file.invalidUtf8);
    if (!fm.result) return { diagnostics: fm.diagnostics };
    const controls = cleanFrontMatter(fm.result.data, fm.result.keyLines, file.path, file.text, fm.result.bodyLine);
    const v = validateFrontMatter(fm.result, { file: file.path, text: file.text, kind: file.kind, timeZone: ctx.timeZone, defaultAuthor: ctx.defaultAuthor || undefined, datedUrls: ctx.datedUrls, templateShows: ctx.templateShows });
    return { fm: fm.result, meta: v.meta, diagnostics: controls.length ? [...controls, ...v.diagnostics] : v.diagnostics };
  });
  return heads.map((head, i) => {
    const file = files[i];
    if (!head.fm || !head.meta) return { diagnostics: head.diagnostics };
    // Quotes or lists nested hundreds deep take the Markdown reader minutes (its time grows with
    // the cube of the depth) and then exhaust its stack: that file's error, not a stalled build.
    const tooDeep = (line?: number) => ({ diagnostics: [...head.diagnostics, error('TOO_DEEP', 'The article is nested too deeply to read (quotes inside quotes, or lists inside lists, hundreds of levels down).', { file: file.path, line, hint: 'Take out the extra `>` or indentation: a quote or list a few levels deep is all a page can show.' })] });
    const deep = mayBeDeep(head.fm.body) ? DEEP.exec(head.fm.body) : null;
    if (deep) return tooDeep(head.fm.bodyLine + countLines(head.fm.body, deep.index));
    // A page bundle's relative addresses are the files beside it, wherever its URL puts them.
    const bundle = ctx.routeOf && bundleFolder(file.path) !== undefined ? ctx.routeOf(head.meta, file.kind) : undefined;
    if (bundle !== undefined && head.meta.image) head.meta.image = bundleImage(head.meta.image, bundle);
    const captionWarnings = head.meta.image && ctx.inline ? readCaption(head.meta.image, ctx.inline, bundle, file, head.fm.keyLines.image) : [];
    let md: RenderedMarkdown;
    try {
      md = ctx.markdown(head.fm.body, bundle);
    } catch (e) {
      if (!(e instanceof RangeError) || !/call stack/.test(e.message)) throw e;
      return tooDeep(head.fm.bodyLine);
    }
    const alt = md.imagesWithoutAlt.length ? missingAlt(file.path, head.fm.body, head.fm.bodyLine, md.imagesWithoutAlt) : [];
    if (captionWarnings.length) alt.push(...captionWarnings);
    if (md.html.includes('](')) alt.push(...spacedPaths(file.path, textOf(file), head.fm.body, head.fm.bodyLine, md.html));
    if (md.controls) alt.push(bodyControls(file.path, textOf(file), head.fm.body, head.fm.bodyLine));
    if (PASTED.test(head.fm.body)) alt.push(...shortcodeWarnings(file.path, head.fm.body, head.fm.bodyLine), ...embedWarnings(file.path, head.fm.body, head.fm.bodyLine, ctx.iframeHosts ?? []));
    if (md.rawHtml) {
      const text = textOf(file);
      for (const p of md.rawHtml) alt.push(rawHtmlWarning(p, file.path, text, head.fm.bodyLine));
    }
    if (md.missingNotes) alt.push(...missingNotes(file, head.fm.body, head.fm.bodyLine, md.missingNotes, md.noteLabels ?? []));
    if (md.unsafeLinks) alt.push(...unsafeLinks(file, head.fm.bodyLine, md.unsafeLinks));
    if (md.unclosedFence) alt.push(unclosedFence(file, head.fm.body, head.fm.bodyLine, md.unclosedFence));
    // A bullet or a non-breaking space in the body is in its HTML too, whose word count looked for them.
    if (md.bulletLike && BULLET_HINT.test(head.fm.body)) alt.push(...pastedBullets(file.path, textOf(file), head.fm.body, head.fm.bodyLine));
    if (md.indentedText) alt.push(indentedText(file, head.fm.bodyLine + md.indentedText.line));
    // Nothing below the front matter that a page shows (no text, or a comment alone): published, it
    // is a headline over an empty page. A draft is not published; a live blog may open before its
    // first update; a withdrawn story's page is its notice.
    if (!/\S/.test(md.html) && !head.meta.draft && head.meta.live !== true && !head.meta.withdrawn) alt.push(emptyStory(file, head.fm.bodyLine));
    if (md.unclosedComment !== undefined) return { diagnostics: [...head.diagnostics, ...alt, unclosedComment(file, head.fm.body, head.fm.bodyLine, md.unclosedComment)] };
    let html = md.html;
    let updates: LiveUpdate[] | undefined;
    if (head.meta.live === true) {
      const read = readUpdates(updateHeadings(md, head.fm.body, head.fm.bodyLine), { file: file.path, text: textOf(file), timeZone: ctx.timeZone, date: head.meta.date, liveLine: head.fm.keyLines.live, order: ctx.liveOrder, ended: head.meta.ended, endedLine: head.fm.keyLines.ended });
      alt.push(...read.diagnostics, ...nearMissErrors(nearMissHeadings(md, head.fm.body, head.fm.bodyLine), { file: file.path, text: textOf(file) }));
      html = markUpdates(html, read.kept);
      updates = read.updates;
      // Each update's photos (held back with it) and words (its share of the reading time).
      const slices = updateSlices(md.html, read.kept);
      alt.push(...pastedTwice(slices, read.kept, file.path, textOf(file)));
      // With the footnotes only it refers to, which wait with it.
      const notes = md.html.includes('<section class="footnotes"') ? ownedNotes(md.html, read.kept, slices, read.updates.map((u) => u.ms)) : undefined;
      slices.forEach((slice, i) => {
        const part = notes?.[i] ? slice + notes[i] : slice;
        const images = md.images.length ? bodyImages(part).images : [];
        const { words, cjkChars } = countWords(part);
        if (images.length || words || cjkChars) updates![i] = { ...updates![i], ...(images.length ? { images } : {}), ...(words ? { words } : {}), ...(cjkChars ? { cjkChars } : {}) };
      });
    } else if (head.meta.live === undefined && file.kind === 'article' && md.headings.length > 1) {
      const notLive = notLiveWarning(md, head.fm.body, head.fm.bodyLine, file.path, () => textOf(file));
      if (notLive) alt.push(notLive);
    }
    const links = md.html.includes('<a ') ? bodyLinks(md.html, ctx.siteHost) : [];
    return {
      article: { source: file.path, hash: file.hash, kind: file.kind, meta: head.meta, html, headings: md.headings, words: md.words, cjkChars: md.cjkChars, ...(md.images.length ? { images: md.images } : {}), ...(links.length ? { links } : {}), ...(bundle !== undefined ? { bundle } : {}), ...(updates ? { updates } : {}) },
      diagnostics: alt.length ? [...head.diagnostics, ...alt] : head.diagnostics,
    };
  });
}

/**
 * The lead photo's caption and credit read as inline Markdown: their plain words in `caption` and
 * `credit`, their HTML in `captionHtml` and `creditHtml` when it is not those words as they are
 * (without it the theme prints the words, escaped). The image object is the article's own, made by
 * validation. A link that runs code is taken out, with a warning at the field's line.
 */
function readCaption(image: ArticleImage, inline: NonNullable<ParseContext['inline']>, folder: string | undefined, file: SourceFile, imageLine: number | undefined): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const field of ['caption', 'credit'] as const) {
    const written = image[field];
    if (written === undefined) continue;
    const read = inline(written, folder);
    image[field] = read.text;
    // Only where it is not the plain text itself (most captions): every article view carries the
    // photo, and each worker and the cache's plan state would hold the caption twice.
    if (read.html !== read.text) image[field === 'caption' ? 'captionHtml' : 'creditHtml'] = read.html;
    for (const { href, scheme } of read.unsafeLinks ?? []) {
      const line = fieldLine(textOf(file), imageLine, field);
      const shown = href.length > 60 ? `${href.slice(0, 57)}…` : href;
      out.push(
        warning('UNSAFE_LINK', `The link to "${shown}" in the photo's ${field} was removed: a ${scheme}: address can run code in the reader's browser, so readers see the link's words as plain text.`, {
          file: file.path,
          ...(line !== undefined ? { line, frame: codeFrame(textOf(file), line, 1) } : {}),
          hint: 'Link to a web page by its full address, such as [the agency](https://example.org/), or delete the link.',
        }),
      );
    }
  }
  return out;
}

/** The line of `caption:` or `credit:` under `image:` (from 1), or `image:`'s own (a flow mapping), when known. */
function fieldLine(text: string, imageLine: number | undefined, field: string): number | undefined {
  if (imageLine === undefined) return undefined;
  const lines = text.split(/\r?\n/, imageLine + 12);
  const pattern = new RegExp(`^\\s+${field}\\s*:`);
  for (let l = imageLine + 1; l <= lines.length; l++) {
    const s = lines[l - 1];
    if (pattern.test(s)) return l;
    if (/^\S/.test(s)) break;
  }
  return imageLine;
}

/** A lead photo's relative `src` and crops (`river.jpg`) as the site paths they stand for beside a bundle's page. */
function bundleImage(image: ArticleImage, folder: string): ArticleImage {
  // A file's name, not a URL: `photo #1.jpg` has no fragment, `what?.png` no query.
  const resolve = (src: string) => (isPageRelative(src) ? resolveRelative(src.replace(/#/g, '%23').replace(/\?/g, '%3F'), folder) : src);
  return { ...image, src: resolve(image.src), ...(image.crops ? { crops: image.crops.map(resolve) } : {}) };
}

/**
 * What a file's front matter says as far as it can be read, each field at fault left out or empty:
 * for a file that failed validation, to know where its page would be (model/failed.ts). Front
 * matter that cannot be read at all gives what the file's name says (the slug). Never published.
 */
export function partialMeta(file: SourceFile, ctx: Pick<ParseContext, 'timeZone' | 'defaultAuthor' | 'datedUrls'>): ArticleMeta {
  const fm = parseFrontMatter(file.path, file.text, file.invalidUtf8).result ?? { data: {}, body: '', keyLines: Object.create(null) as Record<string, number>, bodyLine: 1 };
  cleanFrontMatter(fm.data, fm.keyLines, file.path, file.text, fm.bodyLine);
  return validateFrontMatter(fm, { file: file.path, text: file.text, kind: file.kind, timeZone: ctx.timeZone, defaultAuthor: ctx.defaultAuthor || undefined, datedUrls: ctx.datedUrls }).partial;
}

/**
 * Whether a body may hold a shortcode, or something the sanitiser takes out: both checks' quick
 * tests in one pattern, one scan of the body where two took 4% of the time to read an article.
 */
const PASTED = new RegExp(`${SHORTCODE_HINT.source}|${EMBED_HINT.source}`, 'i');

/**
 * A line 50 quotes deep, or a list item indented 200 columns: no story is written so, and marked
 * would take minutes. (A line of spaces, or wide code, is no nesting.)
 */
const DEEP = /^(?:[ \t]*>){50}|^[ \t]{200,}(?:[-*+]|\d{1,9}[.)])[ \t]/m;

/**
 * Whether DEEP could match, by substrings found far faster than the pattern runs (it tries every
 * position of the body: 4% of the time to read an article): quote marks side by side, or a long
 * run of spaces or tabs.
 */
function mayBeDeep(body: string): boolean {
  return body.includes('>>') || body.includes('> >') || body.includes(SPACES_200) || body.includes('\t\t\t\t\t\t\t\t\t\t');
}
const SPACES_200 = ' '.repeat(200);


/** The file's text as its lines are counted: without a byte-order mark, with `\n` line ends. */
const textOf = (file: SourceFile): string => file.text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');

/**
 * An HTML comment left open hides the rest of the story from the page, the feeds and search: an
 * error, at the line of its `<!--`.
 */
function unclosedComment(file: SourceFile, body: string, bodyLine: number, comment: string): Diagnostic {
  // Its first line: in a quote or a list, the token's text has lost the `> ` or indent of the rest.
  const at = body.lastIndexOf(comment.split('\n')[0]);
  const lines = body.slice(0, Math.max(0, at)).split('\n');
  const line = at === -1 ? undefined : bodyLine + lines.length - 1;
  const column = at === -1 ? undefined : lines[lines.length - 1].length + 1;
  return error('UNCLOSED_COMMENT', 'An HTML comment (`<!--`) is never closed: everything after it would be hidden from the page, the feeds and search.', {
    file: file.path,
    line,
    column,
    frame: line ? codeFrame(textOf(file), line, column) : undefined,
    hint: 'End the comment with `-->` where the note ends, or delete the `<!--`.',
  });
}

/**
 * `[^nope]` with no `[^nope]: …` note is shown as it is written: a warning at its line, whose fix
 * is the note's line to add; or, when a note's label differs only by letter case (`[^note]` and
 * `[^Note]: …`), that label: the footnotes' extension matches labels case and all.
 */
function missingNotes(file: SourceFile, body: string, bodyLine: number, labels: string[], noteLabels: string[]): Diagnostic[] {
  return labels.map((label) => {
    const ref = `[^${label}]`;
    const at = referenceAt(body, ref);
    const line = at === -1 ? undefined : bodyLine + countLines(body, at);
    const column = at === -1 ? undefined : at - (body.lastIndexOf('\n', at - 1) + 1) + 1;
    const like = noteLabels.find((l) => l.toLowerCase() === label.toLowerCase());
    return warning('FOOTNOTE_NOT_FOUND', `The footnote ${ref} has no note (no line \`${ref}: …\`), so readers would see "${ref}" as text.`, {
      file: file.path,
      line,
      column,
      frame: line ? codeFrame(textOf(file), line, column) : undefined,
      hint: like !== undefined
        ? `Did you mean [^${like}]? A footnote's label must match its note's letter for letter, capitals too: write [^${like}] here, or the note's line as \`${ref}: …\`.`
        : `Add the note on a line of its own below the story: \`${ref}: The note's text.\`, or delete ${ref}.`,
    });
  });
}

/**
 * Where `ref` (`[^nope]`) is written as a reference: not in a code span or a fenced code block
 * (shown as code, whatever it holds), not escaped (`\[^nope]`), not a note's own `[^nope]:`. The
 * first place it is written at all when there is none such (-1 when it is nowhere).
 */
function referenceAt(body: string, ref: string): number {
  let fence = '';
  let offset = 0;
  for (const l of body.split('\n')) {
    const start = offset;
    offset += l.length + 1;
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(l)?.[1];
    if (fence) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length && l.trim() === marker) fence = '';
      continue;
    }
    if (marker) {
      fence = marker;
      continue;
    }
    if (!l.includes(ref)) continue;
    // The line's code spans: a run of backticks up to the next run of as many.
    const code: [number, number][] = [];
    const runs = [...l.matchAll(/`+/g)];
    for (let i = 0; i < runs.length; i++) {
      const close = runs.findIndex((r, k) => k > i && r[0].length === runs[i][0].length);
      if (close === -1) continue;
      code.push([runs[i].index, runs[close].index + runs[close][0].length]);
      i = close;
    }
    for (let at = l.indexOf(ref); at !== -1; at = l.indexOf(ref, at + 1)) {
      if (l[at + ref.length] === ':' || l[at - 1] === '\\' || code.some(([a, b]) => at > a && at < b)) continue;
      return start + at;
    }
  }
  return body.indexOf(ref);
}

/**
 * A link to a `javascript:`, `vbscript:` or `data:` address is taken out of the page (its words
 * stay, as text): a warning at the link, saying so and what to link to instead.
 */
function unsafeLinks(file: SourceFile, bodyLine: number, links: NonNullable<RenderedMarkdown['unsafeLinks']>): Diagnostic[] {
  return links.map(({ href, scheme, line: l, column, photo, caption }) => {
    const line = bodyLine + l;
    const shown = href.length > 60 ? `${href.slice(0, 57)}…` : href;
    if (photo) {
      const pasted = scheme === 'data';
      return warning('PASTED_PHOTO', pasted ? `This photo is written into the story itself, as a data: address ("${href.slice(0, 30)}…", a picture pasted from a word processor or a web page): its address is taken out, and readers see no photo.` : `This photo's address, "${shown}", can run code in the reader's browser: it is taken out, and readers see no photo.`, {
        file: file.path,
        line,
        column,
        frame: codeFrame(textOf(file), line, column),
        hint: `Save the picture as a file in static/images/ (or beside the story, in its own folder) and point to it: ![${photo.alt || 'what the photo shows'}](/images/photo.jpg).`,
      });
    }
    return warning('UNSAFE_LINK', `The link to "${shown}"${caption ? " in the photo's caption" : ''} was removed: a ${scheme}: address can run code in the reader's browser, so readers see the link's words as plain text.`, {
      file: file.path,
      line,
      column,
      frame: codeFrame(textOf(file), line, column),
      hint: 'Link to a web page by its full address, such as [the report](https://example.org/report), or delete the link.',
    });
  });
}

/** EMPTY_STORY: at the closing `---`, below which the story goes. */
function emptyStory(file: SourceFile, bodyLine: number): Diagnostic {
  const page = file.kind === 'page';
  return warning('EMPTY_STORY', `${page ? 'This page' : 'This story'} has nothing below its front matter: its page would show ${page ? 'the title' : 'the headline'} and nothing else.`, {
    file: file.path,
    line: bodyLine - 1,
    column: 1,
    frame: codeFrame(textOf(file), bodyLine - 1, 1),
    hint: `Write the ${page ? 'page' : 'story'} below the closing \`---\`, or add \`draft: true\` to the front matter until it is ready.`,
  });
}

/**
 * A code fence (```) never closed shows the rest of the story as code: a warning at its line,
 * whose fix is the closing line to add.
 */
function unclosedFence(file: SourceFile, body: string, bodyLine: number, open: { fence: string; line: number; column: number }): Diagnostic {
  const line = bodyLine + open.line;
  const rest = countLines(body.trimEnd(), body.length) - open.line;
  // A fence of backticks is shown as it is: in backticks of its own it would run into them.
  const fence = open.fence.startsWith('`') ? open.fence : `\`${open.fence}\``;
  return warning('UNCLOSED_FENCE', `A code block opened with ${fence} is never closed: the rest of the story (${rest} ${rest === 1 ? 'line' : 'lines'}) would be shown as code.`, {
    file: file.path,
    line,
    column: open.column,
    frame: codeFrame(textOf(file), line, open.column),
    hint: `Add a line of exactly ${fence} where the code ends, or delete the ${fence} at line ${line} if no code was meant.`,
  });
}

/**
 * A paragraph pasted with a first-line indent (a tab, or four spaces, from Word or an e-mail) is
 * code to Markdown: shown in a box in another typeface, on one line that does not wrap. A warning
 * at its first line (the first such paragraph only: one fix mends them all).
 */
function indentedText(file: SourceFile, line: number): Diagnostic {
  const text = textOf(file);
  const indent = /^[ \t]*/.exec(text.split('\n')[line - 1] ?? '')![0];
  return warning('INDENTED_TEXT', `This paragraph starts with ${indent.includes('\t') ? 'a tab' : `${indent.length} spaces`}, so Markdown shows it as code: in a box, in another typeface, each line running off the side of a phone's screen.`, {
    file: file.path,
    line,
    column: 1,
    frame: codeFrame(text, line, 1),
    hint: 'Delete the tab or spaces at the start of the paragraph (and of any other paragraph indented so): paragraphs are separated by a blank line, not indented.',
  });
}

/**
 * `![Flood wall](/images/river bank.jpg)`: Markdown ends a path at a space, so the photo (or link)
 * is not one and readers see the brackets as text. A warning at its line; the page is as written.
 * (A path with a space in `<…>` is fine, and so is one followed by a quoted title.)
 */
const SPACED = /(!?)\[([^\]\n]*)\]\((?!<)([^()\s"']+(?:[ \t]+[^()\s"']+)+)\)/g;
function spacedPaths(file: string, text: string, body: string, bodyLine: number, html: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const lines = body.split('\n');
  lines.forEach((l, i) => {
    for (const m of l.matchAll(SPACED)) {
      // Only where it was left as text (not in code, where it is shown as written on purpose).
      const shown = escapeHtml(m[0]);
      let at = html.indexOf(shown);
      if (at === -1) at = html.indexOf(shown.replace(/'/g, '&#39;'));
      if (at === -1 || /<code[^>]*>[^<]*$/.test(html.slice(0, at))) continue;
      const line = bodyLine + i;
      const column = (m.index ?? 0) + 1;
      const what = m[1] ? 'photo' : 'link';
      // `![Train](/images/t.jpg “The train”)`: a title in a word processor's curly quotes, which
      // Markdown reads as part of the path; angle brackets would make the path wrong.
      const titled = /^(\S+)[ \t]+[“”„‘’‚]([^“”„‘’‚]*)[“”‘’]$/.exec(m[3]);
      if (titled) {
        out.push(warning('PATH_HAS_SPACE', `The ${what}'s title is in curly quotes (“ ”), which Markdown does not read as quotes: readers would see "${m[0]}" as text, not the ${what}.`, {
          file,
          line,
          column,
          frame: codeFrame(text, line, column),
          hint: `Type straight quotes around the title: ${m[1]}[${m[2]}](${titled[1]} "${titled[2].replace(/"/g, '\\"')}").`,
        }));
        continue;
      }
      out.push(warning('PATH_HAS_SPACE', `The ${what} path "${m[3]}" has a space, which ends a path in Markdown: readers would see "${m[0]}" as text, not the ${what}.`, {
        file,
        line,
        column,
        frame: codeFrame(text, line, column),
        hint: `Put the path in angle brackets, ${m[1]}[${m[2]}](<${m[3]}>), or write each space as %20, or rename the file without spaces.`,
      }));
    }
  });
  return out;
}

/** One warning per body image without alt text, at the line that names the image where it can be found. */
function missingAlt(file: string, body: string, bodyLine: number, srcs: string[]): Diagnostic[] {
  const lines = body.split('\n');
  const taken = new Set<number>();
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return srcs.map((src) => {
    // As written: the src the HTML has is percent-encoded where the file's has a space.
    const written = src.includes('%') ? tryDecodeURI(src) : src;
    // The src as a whole (not "x" inside "text"), on a line whose image has no alt: `![](src)`,
    // or an <img> without a non-empty alt; the next such line for a src met again. Else any line
    // with the src.
    const whole = new RegExp(`(^|[("'\\s=<])(?:${[...new Set([src, written])].map(escape).join('|')})(?=[)"'\\s>]|$)`);
    const bare = (l: string) => /!\[\s*\]\(/.test(l) || (/<img\b/i.test(l) && !/\balt\s*=\s*["']?[^"'\s>]/i.test(l));
    let i = src ? lines.findIndex((l, k) => !taken.has(k) && whole.test(l) && bare(l)) : -1;
    if (i === -1 && src) i = lines.findIndex((l) => whole.test(l));
    if (i !== -1) taken.add(i);
    return warning('MISSING_ALT', `The image ${src || '(no src)'} in the article body has no alt text.`, {
      file,
      line: i >= 0 ? bodyLine + i : undefined,
      hint: 'Describe the picture between the brackets: ![Workers on the new bridge](/images/bridge.jpg).',
    });
  });
}

/**
 * An update pasted twice (the same heading and text, once more further down): published twice,
 * a warning at the second's heading. Their HTML differs only by the heading's id (`-1`).
 */
function pastedTwice(slices: readonly string[], kept: readonly { line?: number; text: string }[], file: string, text: string): Diagnostic[] {
  const seen = new Map<string, number>();
  const out: Diagnostic[] = [];
  slices.forEach((part, i) => {
    const key = part.replace(/^<h2 id="[^"]*"/, '<h2');
    const first = seen.get(key);
    if (first === undefined) return void seen.set(key, i);
    const line = kept[i].line;
    out.push(warning('UPDATE_PASTED_TWICE', `The update "## ${kept[i].text}" is here twice${kept[first].line ? ` (also at line ${kept[first].line})` : ''}, with the same text: readers would see it twice.`, { file, line, column: line ? 1 : undefined, frame: line ? codeFrame(text, line, 1) : undefined, hint: 'Delete one of the two.' }));
  });
  return out;
}

import { warning, type Diagnostic } from '../errors/diagnostic.js';
import { codeFrame } from '../errors/frame.js';
import { htmlParser } from '../lazy-require.js';

/** Where the text of one of marked's raw HTML tokens lies in the rendered body, in order. */
export interface RawHtmlSpan {
  start: number;
  end: number;
}

/** A place in raw HTML: the span, and the offset in its text. */
export interface SpanPlace {
  span: number;
  at: number;
}

/**
 * What ended an element its own end tag did not: the end of the body, the end of a block or
 * inline element the Markdown made (`p` for a paragraph, `li` for a list item), or the end tag of
 * an element around it in raw HTML (its place).
 */
export type Closer<P = SpanPlace> = { by: 'end' } | { by: 'markdown'; tag: string } | { by: 'tag'; tag: string; place: P };

/** A place in the body: its line (0 for the body's first) and column (from 1), when found. */
export interface BodyPlace {
  line?: number;
  column?: number;
}

export type NestingProblem<P = SpanPlace> =
  /**
   * An element never closed, which takes in what the editor wrote after its own HTML. `selfClosing`:
   * written `<div />`, which HTML reads as an opening tag. `intoCell`: a table ended with a cell
   * open, which takes what follows into that cell (else a browser moves it above the table).
   */
  | { kind: 'unclosed'; tag: string; place: P; closer: Closer<P>; selfClosing: boolean; intoCell: boolean }
  /** An end tag whose element something else ended earlier (`closer`), with text or tags between. */
  | { kind: 'closed-early'; tag: string; place: P; opened: P; closer: Exclude<Closer<P>, { by: 'end' }> }
  /** A link inside a link: `place` is the raw `<a>`; `other` the other one's, when it is raw HTML too. */
  | { kind: 'link-in-link'; place: P; inner: boolean; other?: P };

/** The same problem with its places put another way (a span's offset as a line of the body). */
export function placeProblem<P, Q>(p: NestingProblem<P>, place: (at: P) => Q): NestingProblem<Q> {
  const closer = (c: Closer<P>): Closer<Q> => (c.by === 'tag' ? { ...c, place: place(c.place) } : c);
  switch (p.kind) {
    case 'unclosed':
      return { ...p, place: place(p.place), closer: closer(p.closer) };
    case 'closed-early':
      return { ...p, place: place(p.place), opened: place(p.opened), closer: p.closer.by === 'tag' ? { ...p.closer, place: place(p.closer.place) } : p.closer };
    case 'link-in-link':
      return { ...p, place: place(p.place), other: p.other && place(p.other) };
  }
}

/** Elements with no content and no end tag, as the sanitiser's parser knows them: never open. */
const VOID = new Set(['area', 'base', 'basefont', 'br', 'col', 'command', 'embed', 'frame', 'hr', 'img', 'input', 'isindex', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr']);

/**
 * Elements whose end tag HTML lets a writer leave out: the parser ends them at the next sibling
 * (a second `<li>`), a block that cannot be inside them (a `<div>` after a `<p>`) or the end of
 * their parent (`</table>` ends its rows and cells), where the writer meant them to end.
 */
const OPTIONAL_END = new Set(['p', 'li', 'dt', 'dd', 'rt', 'rp', 'option', 'optgroup', 'colgroup', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'html', 'head', 'body']);

/** Start tags that end an open `<p>`. */
const ENDS_P = new Set(['address', 'article', 'aside', 'blockquote', 'details', 'div', 'dl', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table', 'ul']);

/** Whether the start tag `next` ends an open `open` whose end tag was left out. */
function endsAt(open: string, next: string): boolean {
  switch (open) {
    case 'p':
      return ENDS_P.has(next);
    case 'li':
      return next === 'li';
    case 'dt':
    case 'dd':
      return next === 'dt' || next === 'dd';
    case 'td':
    case 'th':
      return next === 'td' || next === 'th' || next === 'tr';
    case 'tr':
      return next === 'tr';
    case 'thead':
    case 'tbody':
      return next === 'tbody' || next === 'tfoot';
    case 'option':
      return next === 'option' || next === 'optgroup';
    case 'optgroup':
      return next === 'optgroup';
    case 'rt':
    case 'rp':
      return next === 'rt' || next === 'rp';
    default:
      return false;
  }
}

/**
 * Elements whose content a reader never sees: the sanitiser removes a script, style, textarea or
 * xmp with all it holds, and a browser shows an iframe's page, never the text written inside it.
 * One left open hides the rest of the story.
 */
const HIDES_CONTENT = new Set(['iframe', 'script', 'style', 'textarea', 'xmp', 'video', 'audio']);

interface Open {
  name: string;
  /** Its `<` in the rendered body. */
  start: number;
  /** The raw HTML span it was opened in, or -1 for the Markdown's own elements. */
  span: number;
  /** Where its own HTML ends: the end of its span, or a blank line inside it (an HTML block that runs to a `</pre>`). */
  ownEnd: number;
  selfClosing: boolean;
  /**
   * No warning of its own for being left open: already the subject of one (the outer of two links),
   * or an `<a>` with no href, an anchor, which shows as nothing.
   */
  quiet?: true;
}

interface Ended {
  el: Open;
  closer: Closer;
  /** Content seen up to its end, and whether any came after its own HTML. */
  seen: number;
  tookIn: boolean;
  intoCell: boolean;
}

/**
 * Where raw HTML pasted into an article nests so that the page differs from what was written,
 * read from the body as the sanitiser reads it (the Markdown's HTML with the raw HTML in place):
 * an element left open that takes in what follows its own HTML (the rest of a paragraph, a quote,
 * the story), an end tag that comes after its element was already ended (by the end of the list
 * item or paragraph it opened in, or an end tag around it) with content between, and a link inside
 * a link. The parse is the sanitiser's: an end tag ends every element opened after its own, and
 * one that matches nothing open is dropped.
 *
 * Left alone, since the page shows what was meant: an element that only a blank line separates
 * from its end tag (`<div>`, a blank line, Markdown, `</div>`), end tags HTML lets a writer leave
 * out (`<li>`, `<td>`, `<p>`), an element ended by its parent's end tag with nothing of a later
 * block inside it (`<td><b>Name</td>`), a spare end tag with no element to close, elements the
 * sanitiser removes while keeping what they hold (`<center>`, `<font>`), whose nesting the page
 * does not show, and an anchor (`<a>` with no href), which shows as nothing.
 *
 * `keep`: the elements the sanitiser keeps.
 */
export function rawHtmlNesting(html: string, spans: readonly RawHtmlSpan[], keep: ReadonlySet<string>): NestingProblem[] {
  const stack: Open[] = [];
  const openCount = new Map<string, number>();
  const ended = new Map<string, Ended[]>();
  const problems: { offset: number; problem: NestingProblem }[] = [];
  let lastContent = -1;
  let seen = 0;
  let spanIndex = 0;
  const blankLines: number[][] = [];

  const placeOf = (span: number, offset: number): SpanPlace => ({ span, at: offset - spans[span].start });
  // Offsets are asked for in order, so the span holding one is found by walking forward.
  const spanAt = (offset: number): number => {
    while (spanIndex < spans.length && spans[spanIndex].end <= offset) spanIndex++;
    return spanIndex < spans.length && spans[spanIndex].start <= offset ? spanIndex : -1;
  };
  const ownEnd = (span: number, from: number): number => {
    const { start, end } = spans[span];
    blankLines[span] ??= [...html.slice(start, end).matchAll(/\n[ \t]*\n/g)].map((m) => start + m.index);
    return blankLines[span][countBelow(blankLines[span], from + 1, (b) => b)] ?? end;
  };
  const reportable = (name: string): boolean => !OPTIONAL_END.has(name) && (keep.has(name) || HIDES_CONTENT.has(name));
  const count = (name: string, by: number) => openCount.set(name, (openCount.get(name) ?? 0) + by);

  const content = (offset: number): void => {
    lastContent = offset;
    seen++;
  };

  /** Ends the elements above `depth`, which their own end tags did not end. */
  const endAbove = (depth: number, closer: Closer): void => {
    let cell = false;
    for (let i = stack.length - 1; i >= depth; i--) {
      const el = stack[i];
      count(el.name, -1);
      if (el.span >= 0 && reportable(el.name)) {
        const entry: Ended = { el, closer, seen, tookIn: lastContent >= el.ownEnd, intoCell: el.name === 'table' && cell };
        // Kept in the order they were opened: an end tag with nothing open takes the last.
        const list = ended.get(el.name);
        if (!list) ended.set(el.name, [entry]);
        else list.splice(countBelow(list, el.start, (e) => e.el.start), 0, entry);
      }
      if (el.name === 'td' || el.name === 'th' || el.name === 'caption') cell = true;
      else if (el.name === 'table') cell = false;
    }
    stack.length = Math.max(0, depth);
  };

  const open = (name: string, start: number, end: number, selfClosing: boolean): void => {
    while (stack.length && endsAt(stack[stack.length - 1].name, name)) count(stack.pop()!.name, -1);
    content(start);
    const span = spanAt(start);
    if (name === 'a' && openCount.get('a')) {
      const outer = stack.findLast((el) => el.name === 'a')!;
      if (span >= 0 || outer.span >= 0) {
        const at = span >= 0 ? placeOf(span, start) : placeOf(outer.span, outer.start);
        const other = span >= 0 && outer.span >= 0 ? placeOf(outer.span, outer.start) : undefined;
        problems.push({ offset: start, problem: { kind: 'link-in-link', place: at, inner: span >= 0, other } });
        // A browser ends the outer link here: it is not also "never closed".
        outer.quiet = true;
      }
    }
    if (VOID.has(name) || (selfClosing && (openCount.get('svg') || openCount.get('math')))) return;
    const anchor = name === 'a' && !/\shref\s*=/i.test(html.slice(start, end));
    stack.push({ name, start, span, ownEnd: span >= 0 ? ownEnd(span, start) : -1, selfClosing, ...(anchor ? { quiet: true as const } : {}) });
    count(name, 1);
  };

  const close = (name: string, start: number): void => {
    if (VOID.has(name)) return;
    const span = spanAt(start);
    if (!openCount.get(name)) {
      if (span >= 0) stray(name, start, span);
      return;
    }
    let depth = stack.length - 1;
    while (stack[depth].name !== name) depth--;
    endAbove(depth + 1, span >= 0 ? { by: 'tag', tag: name, place: placeOf(span, start) } : { by: 'markdown', tag: name });
    stack.pop();
    count(name, -1);
  };

  /**
   * A raw end tag with nothing open to close. When an element of its name was ended before its own
   * end tag (the latest opened such), this is the end tag meant for it; the page differs only
   * when something came between.
   */
  const stray = (name: string, start: number, span: number): void => {
    const entry = ended.get(name)?.pop();
    if (!entry) return;
    // (Nothing is ended by the end of the body before an end tag.)
    if (seen > entry.seen && !entry.el.quiet && entry.closer.by !== 'end') {
      problems.push({ offset: start, problem: { kind: 'closed-early', tag: name, place: placeOf(span, start), opened: placeOf(entry.el.span, entry.el.start), closer: entry.closer } });
    }
  };

  let tagName = '';
  let tagStart = 0;
  const { Tokenizer } = htmlParser();
  const tokenizer = new Tokenizer(
    { decodeEntities: false },
    {
      onopentagname(start, end) {
        tagName = html.slice(start, end).toLowerCase();
        tagStart = html.lastIndexOf('<', start);
      },
      onopentagend(end) {
        open(tagName, tagStart, end, false);
      },
      onselfclosingtag(end) {
        open(tagName, tagStart, end, true);
      },
      onclosetag(start, end) {
        close(html.slice(start, end).toLowerCase(), html.lastIndexOf('<', start));
      },
      // At its last character: a text may begin inside an element's own HTML and run past its end
      // (a `<pre>` block that marked ran on to the end of the body).
      ontext(start, end) {
        const last = lastNonBlank(html, start, end);
        if (last !== -1) content(last);
      },
      ontextentity(_codepoint, end) {
        content(end);
      },
      onattribname() {},
      onattribdata() {},
      onattribentity() {},
      onattribend() {},
      oncdata() {},
      oncomment() {},
      ondeclaration() {},
      onprocessinginstruction() {},
      onend() {},
    },
  );
  tokenizer.write(html);
  tokenizer.end();
  endAbove(0, { by: 'end' });

  for (const list of ended.values()) {
    for (const e of list) {
      if (e.tookIn && !e.el.quiet) {
        problems.push({ offset: e.el.start, problem: { kind: 'unclosed', tag: e.el.name, place: placeOf(e.el.span, e.el.start), closer: e.closer, selfClosing: e.el.selfClosing, intoCell: e.intoCell } });
      }
    }
  }
  return problems.sort((a, b) => a.offset - b.offset).map((p) => p.problem);
}

/** How many of the items, ascending by `key`, are below `n`. */
export function countBelow<T>(sorted: readonly T[], n: number, key: (item: T) => number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key(sorted[mid]) < n) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The offset of the last character between two offsets that is not a space or line end, or -1. */
function lastNonBlank(s: string, start: number, end: number): number {
  for (let i = end - 1; i >= start; i--) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 9 && c !== 13 && c !== 12) return i;
  }
  return -1;
}

/** What an element the Markdown made is to an editor, for "the rest of the paragraph". */
const MARKDOWN_PART: Record<string, string> = {
  p: 'paragraph', li: 'list item', label: 'list item', blockquote: 'quote', h2: 'heading', h3: 'heading', h4: 'heading', h5: 'heading', h6: 'heading',
  td: 'table cell', th: 'table cell', strong: 'bold text', em: 'italic text', del: 'struck-out text', a: 'link',
};

/** How text inside an element looks, for "the rest of the paragraph is bold". */
const LOOKS: Record<string, string> = {
  a: 'becomes part of the link', b: 'is bold', strong: 'is bold', i: 'is in italics', em: 'is in italics', u: 'is underlined', s: 'is struck through',
  del: 'is struck through', mark: 'is highlighted', code: 'is set as code', pre: 'is shown as typed, in a fixed-width font', ul: 'goes inside the list',
  ol: 'goes inside the list', blockquote: 'goes inside the quote', details: 'is folded into the `<details>`, hidden until a reader opens it',
  h2: 'becomes part of the heading', h3: 'becomes part of the heading', h4: 'becomes part of the heading', h5: 'becomes part of the heading', h6: 'becomes part of the heading',
};

const tagLine = (tag: string, p: BodyPlace, end = false) => `\`<${end ? '/' : ''}${tag}>\`${p.line === undefined ? '' : ` on line ${p.line}`}`;

/**
 * The warning for one nesting problem, in an editor's words: what the page does with it and how
 * to write it instead. Places are the body's lines; `bodyLine` is the file's line of the body's first.
 */
export function rawHtmlWarning(problem: NestingProblem<BodyPlace>, file: string, text: string, bodyLine: number): Diagnostic {
  const p = placeProblem(problem, (at): BodyPlace => (at.line === undefined ? {} : { line: bodyLine + at.line, column: at.column }));
  const { message, hint } = words(p);
  const { line, column } = p.place;
  return warning(p.kind === 'unclosed' ? 'RAW_HTML_UNCLOSED' : 'RAW_HTML_MISNESTED', message, { file, line, column, frame: line ? codeFrame(text, line, column) : undefined, hint });
}

function words(p: NestingProblem<BodyPlace>): { message: string; hint: string } {
  const part = (c: Closer<BodyPlace>): string | undefined => (c.by === 'markdown' ? MARKDOWN_PART[c.tag] : undefined);
  switch (p.kind) {
    case 'unclosed': {
      const { tag, closer } = p;
      const inPart = part(closer);
      const scope =
        closer.by === 'end' ? 'everything after it on the page' : closer.by === 'tag' ? `everything after it up to the ${tagLine(closer.tag, closer.place, true)}` : `the rest of the ${inPart ?? `\`<${closer.tag}>\` around it`}`;
      const effect = HIDES_CONTENT.has(tag) ? 'is hidden' : tag === 'table' ? (p.intoCell ? "goes into the table's last cell" : 'is moved above the table') : (LOOKS[tag] ?? `goes inside the \`<${tag}>\``);
      const slash = p.selfClosing ? ` (HTML ignores the \`/\` in \`<${tag} … />\`)` : '';
      return {
        message: `The \`<${tag}>\` opened${p.place.line === undefined ? '' : ` on line ${p.place.line}`} is never closed${slash}, so ${scope} ${effect}.`,
        hint: p.selfClosing
          ? `Write \`</${tag}>\` straight after it: \`<${tag} …></${tag}>\`.`
          : tag === 'video' || tag === 'audio'
            ? `Add \`</${tag}>\` straight after its \`<source>\` and \`<track>\` lines (what is inside a player is shown only where it cannot play).`
            : `Add \`</${tag}>\` where the ${tag === 'a' ? 'link text' : tag === 'table' ? 'table' : `\`<${tag}>\``} should end${inPart ? `, inside the same ${inPart}` : ''}.`,
      };
    }
    case 'closed-early': {
      const { tag, closer } = p;
      const inPart = part(closer);
      const by = closer.by === 'tag' ? `by the ${tagLine(closer.tag, closer.place, true)}` : `at the end of the ${inPart ?? `\`<${closer.tag}>\` around it`}`;
      return {
        message: `The ${tagLine(tag, p.place, true)} closes nothing: the \`<${tag}>\` opened${p.opened.line === undefined ? '' : ` on line ${p.opened.line}`} was already ended ${by}, so what comes between them is not inside it.`,
        hint:
          closer.by === 'tag'
            ? `Close tags in the reverse order they were opened: \`</${tag}>\` before \`</${closer.tag}>\`.`
            : closer.tag === 'p'
              ? `A blank line ends the paragraph and the \`<${tag}>\` with it: close the \`<${tag}>\` before the blank line, and open another in the next paragraph.`
              : `Keep \`<${tag}>\` and \`</${tag}>\` both inside the ${inPart ?? `\`<${closer.tag}>\``}, or both outside it.`,
      };
    }
    case 'link-in-link': {
      const other = p.other?.line === undefined ? '' : `, opened on line ${p.other.line}`;
      return p.inner
        ? {
            message: `The link (\`<a>\`)${p.place.line === undefined ? '' : ` on line ${p.place.line}`} is inside another link${p.other ? other : ' (a Markdown link)'}: a link cannot hold a link, so a browser ends the outer one where this one starts.`,
            hint: 'End the first link with `</a>` before the second one starts, or take one of the two links out.',
          }
        : {
            message: `The link (\`<a>\`) opened${p.place.line === undefined ? '' : ` on line ${p.place.line}`} holds a Markdown link: a link cannot hold a link, so a browser ends it where the inner one starts.`,
            hint: 'End the `<a>` with `</a>` before the Markdown link, or take one of the two links out.',
          };
    }
  }
}

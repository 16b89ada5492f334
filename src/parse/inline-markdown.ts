import { Lexer, Marked, type Token, type Tokens } from 'marked';
import { escapeHtml } from './html-text.js';
import { fastInlineText } from './inline-text.js';
import { urlSafe } from './url.js';

/** A line of inline Markdown (a photo's caption or credit) as HTML for the page, and as plain text for everything else. */
export interface InlineText {
  /** Safe HTML of inline elements only: em, strong, code, del and links. */
  html: string;
  /** The words without the markup (a link's words, not its address): JSON-LD, feeds, search, og and `title` attributes. */
  text: string;
  /** Links whose address runs code (`javascript:`): taken out, their words kept. */
  unsafeLinks?: { href: string; scheme: string }[];
}

export interface InlineOptions {
  /** What a link's address becomes on the page (the site's base path, a page bundle's folder): as the body's links. */
  href: (href: string) => string;
  /** The scheme of an address that runs code (`javascript`, `vbscript`, `data`), as the body's sanitiser reads it. */
  codeScheme: (href: string) => string | undefined;
}

/**
 * Anything that can make a line of inline Markdown other than its own text: emphasis (`*` `_`),
 * code, a link or image (`[`), an <autolink> or raw HTML (`<`), a backslash escape, strikethrough.
 * A caption without any (most of them) is its own plain text, and is never lexed. Bare URLs and
 * e-mail addresses are not linked (the lexer's `url` rule is off), so that a caption with one
 * reads the same whether or not it has emphasis elsewhere.
 */
const MARKUP = /[*_`[<\\~]/;
/** White space the page would not show as written: a caption is one line. */
const BREAKS = /[\r\n\t\f\v]| {2}/;

const lexerOptions = new Marked({
  gfm: true,
  // A bare address stays text (see MARKUP); returning undefined, not false, turns marked's rule off.
  tokenizer: { inlineText: fastInlineText, url: () => undefined },
}).defaults;

/**
 * Inline Markdown only: a caption is lexed as the text of a paragraph, never as blocks, so that
 * `# 1` or `- ` or `1. ` at its start stays text rather than making a heading or a list. Raw HTML
 * (`<script>`, `<b>`) and entities (`&copy;`) are shown as written, escaped, as the caption was
 * before it read Markdown; an image is its alt text; a line break is a space.
 */
export function renderInline(source: string, options: InlineOptions): InlineText {
  // The white space HTML folds, no other: a no-break space ("10 km") or an ideographic one stays.
  const line = BREAKS.test(source) ? source.replace(/[ \t\n\r\f\v]+/g, ' ').trim() : source;
  if (!MARKUP.test(line)) return { html: escapeHtml(line), text: line };
  const tokens = Lexer.lexInline(line, lexerOptions);
  const out = { html: '', text: '', unsafeLinks: undefined as InlineText['unsafeLinks'] };
  walk(tokens, options, out);
  return out.unsafeLinks ? out : { html: out.html, text: out.text };
}

/** The body's sanitiser's schemes (http, https, mailto, tel), or an address without one that is not `//host`. */
const KEPT_URL = /^(?:(?:https?|mailto|tel):|(?![a-z][a-z0-9+.-]*:|[\\/]{2}))/i;

const TAGS: Record<string, string> = { em: 'em', strong: 'strong', del: 'del' };

function walk(tokens: readonly Token[], options: InlineOptions, out: { html: string; text: string; unsafeLinks: InlineText['unsafeLinks'] }): void {
  for (const t of tokens) {
    switch (t.type) {
      case 'em':
      case 'strong':
      case 'del':
        out.html += `<${TAGS[t.type]}>`;
        walk((t as Tokens.Em).tokens, options, out);
        out.html += `</${TAGS[t.type]}>`;
        break;
      case 'codespan':
        out.html += `<code>${escapeHtml((t as Tokens.Codespan).text)}</code>`;
        out.text += (t as Tokens.Codespan).text;
        break;
      case 'link': {
        const link = t as Tokens.Link;
        // As in the body, marked writes a space in an address as %20: only an entity can spell a scheme there.
        const scheme = options.codeScheme(link.href.replace(/[\x00-\x20]/g, '%'));
        // An address that runs code goes, its words kept (as in the body); so does one the body's
        // sanitiser takes out: another scheme (ftp:), or another site without one (`//host`).
        // A space or control character stays in the address written between <…> (`< javascript:…>`),
        // and a browser drops one at its start: percent-encoded, as the body's addresses are, it is
        // part of a path on the site, not a way round the checks.
        const href = urlSafe(link.href);
        const keep = !scheme && KEPT_URL.test(href);
        if (scheme) (out.unsafeLinks ??= []).push({ href: link.href, scheme });
        if (keep) out.html += `<a href="${escapeHtml(options.href(href))}">`;
        walk(link.tokens, options, out);
        if (keep) out.html += '</a>';
        break;
      }
      case 'image':
        out.html += escapeHtml((t as Tokens.Image).text);
        out.text += (t as Tokens.Image).text;
        break;
      case 'br':
        out.html += ' ';
        out.text += ' ';
        break;
      case 'escape':
      case 'text':
      case 'html':
      default: {
        // Text, a backslash escape's character, raw HTML as written; and anything else as its source.
        const text = 'text' in t && typeof t.text === 'string' && t.type !== 'html' ? t.text : t.raw;
        out.html += escapeHtml(text);
        out.text += text;
      }
    }
  }
}

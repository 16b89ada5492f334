import { Marked, type Tokens } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { slugify } from './slug.js';

export interface RenderedMarkdown {
  html: string;
  headings: { depth: number; id: string; text: string }[];
  words: number;
  cjkChars: number;
}

export interface MarkdownOptions {
  /** Host names whose iframes are kept (news embeds); every other iframe is removed. */
  iframeHosts: readonly string[];
  /** The site's base path ("/news/"): put in front of site paths such as "/about-us/" in links and images. */
  basePath?: string;
}

const escapeAttr = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const decodeEntities = (s: string): string =>
  s.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'" })[e] ?? '');

/**
 * Markdown → safe HTML. marked renders (GFM); our renderer gives headings stable Unicode ids and
 * turns an image alone in its paragraph into a <figure>; sanitize-html then removes everything
 * not on the allow-list, since marked passes raw HTML and `javascript:` links straight through.
 */
export function createMarkdown(options: MarkdownOptions): (source: string) => RenderedMarkdown {
  let headings: RenderedMarkdown['headings'] = [];
  let seen = new Map<string, number>();
  const marked = new Marked({
    gfm: true,
    renderer: {
      heading(token: Tokens.Heading) {
        const inner = this.parser.parseInline(token.tokens);
        const text = decodeEntities(this.parser.parseInline(token.tokens, this.parser.textRenderer)).trim();
        const base = slugify(text) || 'section';
        const n = seen.get(base) ?? 0;
        seen.set(base, n + 1);
        const id = n === 0 ? base : `${base}-${n}`;
        // The page's headline is its only <h1>; a heading in the body starts at <h2>.
        const depth = Math.max(2, token.depth);
        headings.push({ depth, id, text });
        return `<h${depth} id="${escapeAttr(id)}">${inner}</h${depth}>\n`;
      },
      paragraph(token: Tokens.Paragraph) {
        const significant = token.tokens.filter((t) => !(t.type === 'text' && t.raw.trim() === '') && t.type !== 'br');
        const only = significant.length === 1 ? significant[0] : undefined;
        if (only?.type === 'image') {
          const img = only as Tokens.Image;
          const caption = img.title ? `<figcaption>${escapeAttr(img.title)}</figcaption>` : '';
          return `<figure><img src="${escapeAttr(img.href)}" alt="${escapeAttr(img.text)}" loading="lazy">${caption}</figure>\n`;
        }
        return `<p>${this.parser.parseInline(token.tokens)}</p>\n`;
      },
    },
  });

  const sanitizeOptions: sanitizeHtml.IOptions = {
    allowedTags: [
      'p', 'br', 'hr', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'li', 'strong', 'em', 'b', 'i', 'u', 's', 'del', 'ins',
      'mark', 'small', 'sub', 'sup', 'code', 'pre', 'kbd', 'abbr', 'cite', 'q', 'a', 'img', 'figure', 'figcaption', 'table', 'thead',
      'tbody', 'tfoot', 'tr', 'th', 'td', 'caption', 'dl', 'dt', 'dd', 'span', 'div', 'details', 'summary', 'input', 'iframe',
    ],
    allowedAttributes: {
      '*': ['id', 'lang', 'dir', 'title'],
      a: ['href', 'rel', 'hreflang'],
      img: ['src', 'alt', 'width', 'height', 'loading'],
      th: ['align', 'colspan', 'rowspan', 'scope'],
      td: ['align', 'colspan', 'rowspan'],
      ol: ['start', 'reversed'],
      code: ['class'],
      input: ['type', 'checked', 'disabled'],
      iframe: ['src', 'width', 'height', 'allow', 'allowfullscreen', 'loading', 'referrerpolicy'],
    },
    allowedClasses: { code: [/^language-[\w-]+$/] },
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    allowedSchemesByTag: { img: ['http', 'https'], iframe: ['https'] },
    allowProtocolRelative: false,
    allowedIframeHostnames: [...options.iframeHosts],
    // An iframe whose host is not allowed loses its src; then it is dropped whole.
    exclusiveFilter: (frame) => frame.tag === 'iframe' && !frame.attribs.src,
    disallowedTagsMode: 'discard',
    transformTags: { a: withBasePath('href', options.basePath), img: withBasePath('src', options.basePath) },
  };

  return (source: string): RenderedMarkdown => {
    headings = [];
    seen = new Map();
    const raw = marked.parse(source, { async: false }) as string;
    const html = sanitizeHtml(raw, sanitizeOptions);
    const { words, cjkChars } = countWords(html);
    return { html, headings, words, cjkChars };
  };
}

/**
 * Editors link to other pages as site paths ("/2024/03/12/slug/"); on a site served under a sub-path
 * they need the base path in front, as every template link gets it from the `url` filter.
 */
function withBasePath(attr: string, basePath = '/'): sanitizeHtml.Transformer {
  return (tagName, attribs) => {
    const v = attribs[attr];
    if (basePath === '/' || !v || !v.startsWith('/') || v.startsWith('//') || v.startsWith(basePath)) return { tagName, attribs };
    return { tagName, attribs: { ...attribs, [attr]: basePath + v.slice(1) } };
  };
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;

/** Words of space-separated scripts and characters of CJK text, for the reading time. */
export function countWords(html: string): { words: number; cjkChars: number } {
  const text = decodeEntities(html.replace(/<[^>]*>/g, ' '));
  const cjkChars = text.match(CJK)?.length ?? 0;
  const words = text.replace(CJK, ' ').split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  return { words, cjkChars };
}

import type { Tokens } from 'marked';

/**
 * marked's GFM inline-text rule, read without its regular expression for plain prose. The rule
 * (marked's `inline.gfm.text`) tries half a dozen lookaheads at every character, and it is the
 * single largest cost of turning an article into HTML. A text run ends before the first of:
 * `\ < ! [ ` * ~ _`, "http" in any case, "ftp://", "www." after a space or `*_~(`, or the end.
 *
 * Where the rule could end the run for another reason (an e-mail address or a `mailto:`/`xmpp:`
 * link coming, two spaces before a line break, a leading run of backticks or tildes), or where
 * the token's text would differ from its raw form (`&`), this returns false and marked's own rule
 * decides: the two always give the same token (tests/parse/inline-text.test.ts checks it).
 */
export function fastInlineText(this: { lexer: { state: { inRawBlock: boolean } } }, src: string): Tokens.Text | false {
  const end = plainTextEnd(src);
  if (end === undefined || this.lexer.state.inRawBlock) return false;
  const raw = src.slice(0, end);
  return { type: 'text', raw, text: raw, escaped: false };
}

const WWW_BEFORE = /[\s*_~(]/;
/** Characters of an e-mail address's local part, as marked's rule has them. */
const EMAIL = /[a-zA-Z0-9.!#$%&'*+/=?_`{|}~-]/;

/** ASCII characters the scan looks at: 1 ends the run, 2 may start a URL, 3 may change the rule's answer. */
const KIND = new Uint8Array(128);
for (const c of '\\<![`*~_') KIND[c.charCodeAt(0)] = 1;
for (const c of 'hHfFw') KIND[c.charCodeAt(0)] = 2;
for (const c of '&@: ') KIND[c.charCodeAt(0)] = 3;

/** "http" (any case) or "ftp://" (ftp in any case) at p, where marked's rule ends a text run. */
function urlStart(s: string, p: number): boolean {
  const c = s.charCodeAt(p) | 32;
  if (c === 104) return (s.charCodeAt(p + 1) | 32) === 116 && (s.charCodeAt(p + 2) | 32) === 116 && (s.charCodeAt(p + 3) | 32) === 112;
  return c === 102 && (s.charCodeAt(p + 1) | 32) === 116 && (s.charCodeAt(p + 2) | 32) === 112 && s.startsWith('://', p + 3);
}

function plainTextEnd(src: string): number | undefined {
  const n = src.length;
  const c0 = src.charCodeAt(0);
  if (n === 0 || c0 === 96 || c0 === 126 || c0 === 38 || c0 === 64 || c0 === 58) return undefined;
  let end = n;
  for (let p = c0 === 32 ? 0 : 1; p < n; p++) {
    const c = src.charCodeAt(p);
    const kind = c < 128 ? KIND[c] : 0;
    if (kind === 0) continue;
    if (kind === 1 && p > 0) {
      end = p;
      break;
    }
    if (kind === 2) {
      if (urlStart(src, p) || (c === 119 && src.startsWith('www.', p) && WWW_BEFORE.test(src[p - 1]))) {
        end = p;
        break;
      }
      continue;
    }
    // & changes the token's text; @ (an address), : (mailto:, xmpp:) and two spaces before a line
    // break may end it sooner.
    if (c !== 32) return undefined;
    if (src.charCodeAt(p + 1) === 32) {
      let q = p + 2;
      while (src.charCodeAt(q) === 32) q++;
      if (src.charCodeAt(q) === 10) return undefined;
    }
  }
  // (A "mailto:" or "xmpp:" that could matter has its colon before the end, since none of its
  // letters ends a run: the scan has seen it.) An address whose local part starts before the end
  // and runs on past it:
  let k = end;
  while (k < n && EMAIL.test(src[k])) k++;
  if (src.charCodeAt(k) === 64) return undefined;
  return end;
}

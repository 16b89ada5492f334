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

function plainTextEnd(src: string): number | undefined {
  const n = src.length;
  const c0 = src.charCodeAt(0);
  if (n === 0 || c0 === 96 || c0 === 126) return undefined;
  let end = n;
  for (let p = 1; p < n; p++) {
    const c = src.charCodeAt(p);
    // \ < ! [ ` * ~ _
    if (c === 92 || c === 60 || c === 33 || c === 91 || c === 96 || c === 42 || c === 126 || c === 95) {
      end = p;
      break;
    }
    if ((c === 104 || c === 72) && /^[tT][tT][pP]/.test(src.slice(p + 1, p + 4))) {
      end = p;
      break;
    }
    if ((c === 102 || c === 70) && /^[tT][pP]:\/\//.test(src.slice(p + 1, p + 6))) {
      end = p;
      break;
    }
    if (c === 119 && src.startsWith('www.', p) && WWW_BEFORE.test(src[p - 1])) {
      end = p;
      break;
    }
  }
  // What would make marked's rule end the run sooner, or change its text: let the rule decide.
  for (let p = 0; p < end; p++) {
    const c = src.charCodeAt(p);
    if (c === 38 || c === 64) return undefined; // & @
    if (c === 32 && src.charCodeAt(p + 1) === 32) {
      let q = p + 2;
      while (src.charCodeAt(q) === 32) q++;
      if (src.charCodeAt(q) === 10) return undefined;
    }
  }
  // "mailto:" or "xmpp:" starting at most one character before the end.
  if (src.slice(0, end + 8).includes(':')) return undefined;
  // An address whose local part starts before the end and runs on past it.
  let k = end;
  while (k < n && EMAIL.test(src[k])) k++;
  if (src.charCodeAt(k) === 64) return undefined;
  return end;
}

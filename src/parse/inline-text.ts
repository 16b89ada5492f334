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

/**
 * The first place, from `lastIndex`, where the scan has something to decide: a character that
 * ends the run (\\ < ! [ ` * ~ _), one that may change the rule's answer (& @ :), two or more
 * spaces before a line break, "http" or "ftp://" in any case, or "www.". Found by the regular
 * expression engine rather than a loop over every character: most of a paragraph is none of these.
 */
const NEXT = /[\\<![`*~_&@:]| {2,}\n|[hH][tT][tT][pP]|[fF][tT][pP]:\/\/|www\./g;

function plainTextEnd(src: string): number | undefined {
  const n = src.length;
  const c0 = src.charCodeAt(0);
  if (n === 0 || c0 === 96 || c0 === 126 || c0 === 38 || c0 === 64 || c0 === 58) return undefined;
  let end = n;
  // The first character never ends the run (a space may start a line break).
  NEXT.lastIndex = c0 === 32 ? 0 : 1;
  for (let m = NEXT.exec(src); m !== null; m = NEXT.exec(src)) {
    const c = src.charCodeAt(m.index);
    // & changes the token's text; @ (an address), : (mailto:, xmpp:) and two spaces before a line
    // break may end it sooner.
    if (c === 38 || c === 64 || c === 58 || c === 32) return undefined;
    // "www." ends the run only after a space or one of *_~(.
    if (c === 119 && m[0] === 'www.' && !WWW_BEFORE.test(src[m.index - 1])) {
      NEXT.lastIndex = m.index + 1;
      continue;
    }
    end = m.index;
    break;
  }
  // (A "mailto:" or "xmpp:" that could matter has its colon before the end, since none of its
  // letters ends a run: the scan has seen it.) An address whose local part starts before the end
  // and runs on past it:
  let k = end;
  while (k < n && EMAIL.test(src[k])) k++;
  if (src.charCodeAt(k) === 64) return undefined;
  return end;
}

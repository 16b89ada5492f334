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

/**
 * The first place, from `lastIndex`, where the scan has something to decide: a character that
 * ends the run (\\ < ! [ ` * ~ _), one that may change the rule's answer (& @ :), "http" or
 * "ftp://" in any case, or "www.". Found by the regular expression engine rather than a loop over
 * every character: most of a paragraph is none of these. Two spaces (a line break's, maybe) are
 * looked for apart, in the stretch before it: as a branch of this pattern they were tried at every
 * space of every paragraph, a tenth of the parse; and ` {2,}\n` would be tried again at every space
 * of a long run of them that ends in no line break (100,000 spaces took seconds).
 */
const NEXT = /[\\<![`*~_&@:]|[hH][tT][tT][pP]|[fF][tT][pP]:\/\/|www\./g;

/**
 * The local part of an e-mail address that may run on from the end, up to a length past which
 * marked's own rule decides: a run of `!` (each one a token of its own) was read to its end once
 * per token, which made 60,000 of them take over a minute.
 */
const EMAIL_RUN = /[a-zA-Z0-9.!#$%&'*+/=?_`{|}~-]{0,256}/y;
const EMAIL_RUN_LIMIT = 256;

function plainTextEnd(src: string): number | undefined {
  const n = src.length;
  const c0 = src.charCodeAt(0);
  if (n === 0 || c0 === 96 || c0 === 126 || c0 === 38 || c0 === 64 || c0 === 58) return undefined;
  let end = n;
  // The first character never ends the run (a space may start a line break).
  const from = c0 === 32 ? 0 : 1;
  NEXT.lastIndex = from;
  let stop = -1;
  for (let m = NEXT.exec(src); m !== null; m = NEXT.exec(src)) {
    // "www." ends the run only after a space or one of *_~(.
    if (src.charCodeAt(m.index) === 119 && m[0] === 'www.' && !WWW_BEFORE.test(src[m.index - 1])) {
      NEXT.lastIndex = m.index + 1;
      continue;
    }
    stop = m.index;
    break;
  }
  // Two spaces or more before a line break, ahead of that, leave the run to the rule (a line
  // break's). Looked for in that stretch alone, by `indexOf`: in the pattern above, two spaces
  // were tried at every space of every paragraph.
  const upTo = stop === -1 ? n : stop;
  const stretch = upTo < n ? src.slice(0, upTo) : src;
  for (let i = stretch.indexOf('  ', from); i !== -1; i = stretch.indexOf('  ', i)) {
    let j = i + 2;
    while (src.charCodeAt(j) === 32) j++;
    if (src.charCodeAt(j) === 10) return undefined;
    i = j;
  }
  if (stop !== -1) {
    // & changes the token's text; @ (an address) and : (mailto:, xmpp:) may end it sooner.
    const c = src.charCodeAt(stop);
    if (c === 38 || c === 64 || c === 58) return undefined;
    end = stop;
  }
  // (A "mailto:" or "xmpp:" that could matter has its colon before the end, since none of its
  // letters ends a run: the scan has seen it.) An address whose local part starts before the end
  // and runs on past it:
  EMAIL_RUN.lastIndex = end;
  const run = EMAIL_RUN.exec(src)![0].length;
  if (run === EMAIL_RUN_LIMIT || src.charCodeAt(end + run) === 64) return undefined;
  return end;
}

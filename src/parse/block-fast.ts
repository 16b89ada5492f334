/**
 * Two of marked's GFM block rules answered "no" without their regular expressions when the text
 * cannot match them. marked tries each block rule in turn at the start of every block, and these
 * two are tried on every paragraph before the paragraph rule takes it: the setext heading
 * (`lheading`, a paragraph underlined with `===` or `---`), whose expression walks the whole
 * paragraph a character at a time with a dozen lookaheads at each line, and the table. Together
 * they were about 5% of a parse worker's time on the benchmark corpus.
 *
 * Each returns undefined (no token: marked goes on to its next rule) only where its rule cannot
 * match, and false otherwise, which hands the text to marked's own rule: the tokens are always
 * marked's (tests/parse/block-fast.test.ts compares them).
 */

/** A line of `=` or `-` alone (up to three spaces before, spaces or tabs after): an underline. */
const UNDERLINE = /\n {0,3}(?:=+|-+)[ \t]*(?:\n|$)/;

/**
 * marked's setext-heading rule matches a run of lines that never crosses an empty line, then an
 * underline. So when no underline comes before the first "\n\n", it cannot match. (A line of
 * spaces also stops the rule: the search then looks further than it needs to, which is safe.)
 * The search looks at most LOOK characters ahead, or every block of a text without empty lines
 * (a live blog's entries, one heading and one line each) would search the rest of the text:
 * further than that, marked's own rule decides, as it stops at the next heading.
 */
export function fastLheading(src: string): false | undefined {
  const head = src.length > LOOK ? src.slice(0, LOOK) : src;
  const stop = head.indexOf('\n\n');
  if (stop === -1 && head !== src) return false;
  // A paragraph of one line (most are): no line in it can be an underline.
  const first = head.indexOf('\n');
  if (first === stop) return undefined;
  return UNDERLINE.test(stop === -1 ? src : src.slice(0, stop + 1)) ? false : undefined;
}

const LOOK = 2048;

/**
 * marked's table rule needs a second line that is a delimiter row: after at most three spaces,
 * `|`, `:` or `-`. Its first line runs to the first "\n" (no other line break may come before it).
 */
export function fastTable(src: string): false | undefined {
  const nl = src.indexOf('\n');
  if (nl === -1) return undefined;
  let i = nl + 1;
  while (i < nl + 4 && src.charCodeAt(i) === 32) i++;
  const c = src.charCodeAt(i);
  return c === 124 || c === 58 || c === 45 ? false : undefined;
}

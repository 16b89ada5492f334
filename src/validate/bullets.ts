import { warning, type Diagnostic } from '../errors/diagnostic.js';
import { codeFrame } from '../errors/frame.js';
import { blankCode } from './body-code.js';

/**
 * A list pasted from Word, Google Docs or an e-mail: each line starts with a bullet character
 * (`•`), or with Markdown's `-` or `1.` and a non-breaking space. Neither is a list to Markdown,
 * and lines with no blank line between them are one paragraph: the page ran the items together
 * ("• Rail • Port • Air"). A warning at the first of two such lines in a row.
 */
const BULLET = /^[ \t]{0,3}(?:([•▪◦●○■□➢►])[ \t\u00a0]*|([-*+]|\d{1,3}[.)])\u00a0[ \t\u00a0]*)(?=\S)/;

/**
 * Quick test before the lines are looked at: most stories have neither a bullet nor a non-breaking
 * space. One class of characters, which V8 scans many times faster than an alternation that looks
 * at every `.` and `-` of a story (that took 7 ms a thousand articles).
 */
export const BULLET_HINT = /[•▪◦●○■□➢►\u00a0]/;

export function pastedBullets(file: string, fileText: string, body: string, bodyLine: number): Diagnostic[] {
  if (!BULLET_HINT.test(body)) return [];
  const lines = blankCode(body).split('\n');
  for (let i = 0; i + 1 < lines.length; i++) {
    const m = BULLET.exec(lines[i]);
    if (!m || !BULLET.test(lines[i + 1])) continue;
    const line = bodyLine + i;
    const item = (l: string) => l.replace(BULLET, '').trim();
    const example = `- ${item(lines[i])}`;
    const what = m[1] ? `\`${m[1]}\`, a word processor's bullet,` : `\`${m[2]}\` and a non-breaking space,`;
    return [
      warning('PASTED_LIST', `These lines start with ${what} which is no list to Markdown: the page runs them together into one paragraph ("${lines[i].trim().slice(0, 30)} ${lines[i + 1].trim().slice(0, 30)}…").`, {
        file,
        line,
        column: 1,
        frame: codeFrame(fileText, line, 1),
        hint: m[1]
          ? `Start each item with a hyphen and a space instead, after a blank line: \`${example.slice(0, 60)}\`.`
          : `Type a plain space after the \`${m[2]}\` of each item: \`${m[2]} ${item(lines[i]).slice(0, 60)}\`.`,
      }),
    ];
  }
  return [];
}

/**
 * A code frame: the lines around a position, with a caret under the column, so an editor sees the
 * mistake without opening the file.
 */
export function codeFrame(text: string, line: number, column = 0, context = 2): string {
  const lines = linesOf(text);
  if (line < 1 || line > lines.length) return '';
  const first = Math.max(1, line - context);
  const last = Math.min(lines.length, line + context);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const mark = n === line ? '>' : ' ';
    out.push(`${mark} ${String(n).padStart(width)} | ${lines[n - 1]}`);
    if (n === line && column > 0) out.push(`  ${' '.repeat(width)} | ${' '.repeat(column - 1)}^`);
  }
  return out.join('\n');
}

// The lines of the last text framed: a file with many problems (a long config list, an article
// with many broken links) is split once, not once a problem.
let lastText: string | undefined;
let lastLines: string[] = [];
function linesOf(text: string): string[] {
  if (text !== lastText) {
    lastLines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
    lastText = text;
  }
  return lastLines;
}

/** How many line breaks come before `index`: the line of a place in a text, counted from 0. */
export function countLines(text: string, index: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * countLines for places met in order (the matches of a pattern): each call counts only the line
 * breaks since the last, where counting from the start each time took quadratic time on a body of
 * thousands of matches. A place before the last starts the count again.
 */
export function lineCounter(text: string): (index: number) => number {
  let pos = 0;
  let line = 0;
  return (index) => {
    if (index < pos) pos = line = 0;
    for (let i = text.indexOf('\n', pos); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
    pos = index;
    return line;
  };
}

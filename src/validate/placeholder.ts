/**
 * The body `dateline new` writes (scaffold.ts) for the editor to replace. A story published with it
 * still there, alone or above or below the text written since, shows it to every reader.
 */
export const PLACEHOLDER = 'Write the story here.';

/**
 * The line of the body where the placeholder is, when it starts or ends the body (where `dateline
 * new` put it, and where it stays when the story is written above or below it); else undefined.
 * Two comparisons at the body's ends: no scan of the story.
 */
export function placeholderLine(body: string, bodyLine: number): number | undefined {
  const start = body.length - body.trimStart().length;
  if (body.startsWith(PLACEHOLDER, start) && lineEnds(body, start + PLACEHOLDER.length)) return bodyLine + count(body, start);
  const end = body.trimEnd().length;
  const at = end - PLACEHOLDER.length;
  if (at >= 0 && body.startsWith(PLACEHOLDER, at) && (at === 0 || body[at - 1] === '\n')) return bodyLine + count(body, at);
  return undefined;
}

/** Whether the text at `i` is the end of a line. */
const lineEnds = (s: string, i: number): boolean => i === s.length || s[i] === '\n' || s[i] === '\r';

function count(s: string, upTo: number): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1 && i < upTo; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

import { warning, type Diagnostic } from '../errors/diagnostic.js';
import { lineCounter } from '../errors/frame.js';
import { blankCode } from './body-code.js';

/**
 * What the sanitiser takes out of a story without a word, said at its line: an embed from a host
 * the config does not name (or over plain http), a script (an embed code's, most often: a tweet's
 * or a post's, whose quote is left as text), and an address that starts with `//`, which has lost
 * its `https:` (a link keeps its text, an image goes). A newsroom moving an archive in had every
 * video of it vanish, with nothing to say why.
 */
const EMBED = /<iframe\b[^>]*?\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))|<script\b[^>]*>|<(?:video|audio|source|track)\b[^>]*?\s(?:src|poster)\s*=\s*["']?(http:\/\/[^"'\s>]*)|\s(?:href|src)\s*=\s*["']?(\/\/[^"'\s>]*)|\]\(\s*<?(\/\/[^)\s>]*)/gi;

/** Quick test before the pattern runs: most stories have none of these. */
export const EMBED_HINT = /<iframe|<script|<video|<audio|<source|<track|=\s*["']?\/\/|\]\(\s*<?\/\//i;


export function embedWarnings(file: string, body: string, bodyLine: number, iframeHosts: readonly string[]): Diagnostic[] {
  if (!EMBED_HINT.test(body)) return [];
  const text = blankCode(body);
  const out: Diagnostic[] = [];
  const lineOf = lineCounter(text);
  for (const m of text.matchAll(EMBED)) {
    const line = bodyLine + lineOf(m.index);
    const [whole, dq, sq, bare, media, relative, mdRelative] = m;
    const src = dq ?? sq ?? bare;
    if (src !== undefined) {
      const d = iframeProblem(src, iframeHosts);
      if (d) out.push(warning('EMBED_REMOVED', d.message, { file, line, hint: d.hint }));
    } else if (media !== undefined) {
      out.push(warning('EMBED_REMOVED', `The video or audio address \`${short(media)}\` is over plain http, so it is taken out: the player is left empty (a page on https cannot play it).`, { file, line, hint: `Write it with https: \`${short(media).replace(/^http:/i, 'https:')}\`, or put the file in static/ and give its path.` }));
    } else if (/^<script/i.test(whole)) {
      out.push(warning('EMBED_REMOVED', 'The `<script>` is taken out of the story: no code from an article runs on the site. An embed code\'s script (a tweet\'s, a post\'s) leaves only its quote, as text.', { file, line, hint: 'Use the service\'s `<iframe>` embed code instead, from a host listed in `markdown.iframeHosts` in the config, or a link to the post.' }));
    } else {
      const address = (relative ?? mdRelative)!;
      out.push(warning('EMBED_REMOVED', `The address \`${short(address)}\` starts with \`//\` (it has lost its \`https:\`), so it is taken out: a link keeps only its text, an image goes.`, { file, line, hint: `Write it in full: \`https:${short(address)}\`.` }));
    }
  }
  return out;
}

function iframeProblem(src: string, hosts: readonly string[]): { message: string; hint: string } | undefined {
  const shown = short(src);
  if (src.startsWith('//')) return { message: `The embed \`${shown}\` starts with \`//\` (it has lost its \`https:\`), so it is taken out of the story.`, hint: `Write it in full: \`https:${shown}\`.` };
  let url: URL;
  try {
    url = new URL(src);
  } catch {
    return { message: `The embed's address \`${shown}\` is not a full https:// address, so it is taken out of the story.`, hint: 'Paste the embed code the service gives, whose `src` starts with https://.' };
  }
  if (url.protocol === 'http:') return { message: `The embed \`${shown}\` is over plain http, so it is taken out of the story (a page on https cannot show it).`, hint: `Write it with https: \`${shown.replace(/^http:/i, 'https:')}\`.` };
  if (url.protocol !== 'https:') return { message: `The embed \`${shown}\` is not an https:// address, so it is taken out of the story.`, hint: 'Paste the embed code the service gives, whose `src` starts with https://.' };
  if (hosts.includes(url.hostname)) return undefined;
  const allowed = hosts.length ? `only from ${hosts.join(', ')}` : 'from no host yet';
  return { message: `The embed from ${url.hostname} is taken out of the story: the config allows embeds ${allowed}.`, hint: `If ${url.hostname} is to be trusted, add '${url.hostname}' to \`markdown.iframeHosts\` in the config.` };
}

const short = (s: string) => (s.length > 80 ? `${s.slice(0, 77)}…` : s);

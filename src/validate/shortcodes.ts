import { warning, type Diagnostic } from '../errors/diagnostic.js';
import { lineCounter } from '../errors/frame.js';
import { blankCode } from './body-code.js';

/** WordPress's shortcodes an archive brings, the embeds first. */
const EMBEDS = ['embed', 'video', 'audio', 'playlist', 'youtube', 'vimeo', 'tweet', 'instagram', 'soundcloud', 'googlemaps', 'wpvideo'];
const WORDPRESS = ['caption', 'gallery', ...EMBEDS];

/**
 * Shortcodes and template tags an archive brings from its old tool: WordPress's `[caption]`,
 * `[gallery]`, `[embed]`; Hugo's `{{< youtube … >}}`; Jekyll's and Eleventy's `{% post_url … %}`,
 * `{{ site.baseurl }}`. dateline runs no code written in an article (never), so each would reach
 * readers as the text it is, an `[embed]` as a broken link: a warning at its line says what to
 * write instead. Code (a fenced block or a `span`) that shows one is left alone, and so is a
 * link whose text is such a word (`[video](https://…)`).
 */
const SHORTCODE = new RegExp(String.raw`\[(${WORDPRESS.join('|')})\b[^\]\n]*\](?![(\[:])|\{\{[<%]-?\s*\/?\s*([\w-]+)[^\n]*?[>%]\}\}|\{%-?\s*([\w-]+)[^\n]*?%\}|\{\{-?\s*(site|page|post|include|paginator|layout)\.[^\n]*?\}\}`, 'g');

/** Quick test before the pattern runs: most stories have neither. */
export const SHORTCODE_HINT = new RegExp(String.raw`\[(?:${WORDPRESS.join('|')})\b|\{[{%]`);

export function shortcodeWarnings(file: string, body: string, bodyLine: number): Diagnostic[] {
  if (!SHORTCODE_HINT.test(body)) return [];
  const text = blankCode(body);
  const out: Diagnostic[] = [];
  const lineOf = lineCounter(text);
  const definitions = new Map<string, boolean>();
  const defined = (name: string) => definitions.get(name) ?? definitions.set(name, new RegExp(`^ {0,3}\\[${name}\\]:`, 'im').test(text)).get(name)!;
  for (const m of text.matchAll(SHORTCODE)) {
    const [whole, wordpress, hugo, liquid, variable] = m;
    // `[video]` with a line `[video]: https://…` is a Markdown link, and works.
    if (wordpress && whole === `[${wordpress}]` && defined(wordpress)) continue;
    const line = bodyLine + lineOf(m.index);
    const shown = whole.length > 60 ? `${whole.slice(0, 57)}…` : whole;
    const name = (wordpress ?? hugo ?? liquid ?? variable).toLowerCase();
    const tool = wordpress ? 'a WordPress shortcode' : hugo ? 'a Hugo shortcode' : 'a Liquid or Nunjucks tag (Jekyll, Eleventy)';
    out.push(warning('SHORTCODE', `\`${shown}\` is ${tool}: dateline runs no code in an article, so readers would see it as text.`, { file, line, hint: fixFor(name, !!variable) }));
  }
  return out;
}

function fixFor(name: string, variable: boolean): string {
  if (variable) return name === 'site' ? 'Delete it: a link from the site\'s root (`/about-us/`) gets the base path by itself, and the site\'s name is in the config.' : 'Replace it with the text it stood for.';
  if (name === 'caption') return 'Replace it with the image alone, `![what it shows](/images/photo.jpg)`, and its caption as a line of text below it (or as `image.caption` for the lead photo).';
  if (name === 'gallery') return 'Replace it with the photos, one `![what it shows](/images/photo.jpg)` line each.';
  if (EMBEDS.includes(name)) {
    return 'Replace it with the embed code the service gives (an `<iframe src="https://…">` from a host listed in `markdown.iframeHosts`), or with a link to it.';
  }
  if (name === 'post_url' || name === 'link') return 'Replace it with the article\'s address, such as `/2024/03/20/rail-freight/`.';
  if (name === 'include') return 'Replace it with the text or HTML it included.';
  return 'Replace it with what it produced in the old site, or delete it.';
}

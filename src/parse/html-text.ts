/**
 * Text as HTML, in an element or an attribute's value (a heading's id, a dateline, a redirect
 * page's link): what decodeEntities reads back. The one escaper of the HTML dateline writes itself.
 */
export const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The entities marked and the sanitiser write in body HTML, read back as their characters. */
export const decodeEntities = (s: string): string =>
  s.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'" })[e] ?? '');

/**
 * The opening of a story, for its page's description where it has no `summary`: the text of its
 * first paragraph, cut at a word near 200 characters (160 of a script without spaces). Without
 * it, every such story gave search engines and social cards the site's own tagline.
 */
export function excerptOf(html: string): string {
  const first = /<p>([\s\S]*?)<\/p>/.exec(html);
  if (!first) return '';
  const text = decodeEntities(first[1].replace(/<[^>]*>/g, '')).replace(/\s+/g, ' ').trim();
  if (text.length <= 200) return text;
  const space = text.lastIndexOf(' ', 200);
  const cut = space > 120 ? text.slice(0, space) : text.slice(0, 160);
  return `${cut.replace(/[\s,;:.!?—–-]+$/u, '')}…`;
}

import type { SiteConfig } from '../config/types.js';
import { aliasRoute } from '../publish/redirects.js';
import { hrefForDecoded } from './routes.js';

/**
 * An article's feed id (RSS guid, Atom id, JSON Feed id) from its front matter `id`, checked by
 * validate/article.ts. One absolute URI, the same in every feed:
 *
 * - a path ("/2024/03/20/old-slug/", with the base path or without) is a URL on this site, made exactly as the article URLs are
 *   (base path, percent-encoding, a trailing "/"): the old URL of a moved article is then,
 *   byte for byte, the guid its old feed items had;
 * - a URI ("https://…", "urn:uuid:…", "tag:…") is used as written;
 * - a name ("rail-0412") becomes `tag:<host>,<feeds.idDate>:<base path><name>` (RFC 4151). A tag
 *   URI needs a date on which its minter held the domain. The article's date would change the id
 *   when the date is corrected, and the build's clock on every build; only the site can say a
 *   date it held its domain, so without `feeds.idDate` there is no id (`undefined`).
 */
export function itemId(value: string, config: Pick<SiteConfig, 'baseUrl' | 'basePath' | 'feeds'>): string | undefined {
  if (value.startsWith('/')) {
    // The old URL's path as the address bar shows it, base path and all, or without it.
    const sub = config.basePath !== '/' && value.startsWith(config.basePath) ? value.slice(config.basePath.length - 1) : value;
    const checked = aliasRoute(sub);
    // validate/article.ts refused any other path.
    if ('error' in checked) return undefined;
    return new URL(config.baseUrl).origin + hrefForDecoded(config.basePath, checked.route);
  }
  if (SCHEME.test(value)) return value;
  if (!config.feeds.idDate) return undefined;
  return `tag:${new URL(config.baseUrl).hostname},${config.feeds.idDate}:${encodeSpecific(config.basePath.slice(1) + value)}`;
}

/** The schemes an id is a URI in; any other "word:" (a wire service's "ap:4f2e") is a name. */
const SCHEME = /^(https?|urn|tag):/i;

/** Whether an id needs `feeds.idDate` to become a URI. */
export const isName = (value: string): boolean => !value.startsWith('/') && !SCHEME.test(value);

// RFC 4151: specific = *( pchar / "/" / "?" ), and pchar (RFC 3986) is unreserved, sub-delims,
// ":", "@" or a percent-encoding. Every other character (a "#", a space, "重") is percent-encoded
// as UTF-8; a "%" that starts no percent-encoding is encoded itself.
const SPECIFIC_CHAR = /[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2}/y;

function encodeSpecific(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; ) {
    SPECIFIC_CHAR.lastIndex = i;
    const m = SPECIFIC_CHAR.exec(s);
    if (m) {
      out += m[0];
      i += m[0].length;
      continue;
    }
    const cp = s.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    out += encodeURIComponent(ch);
    i += ch.length;
  }
  return out;
}

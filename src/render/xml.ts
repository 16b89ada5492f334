/**
 * Text that is safe in any XML file we write, whatever an editor typed. We escape rather than use
 * CDATA: an escaped `]]>` is just text, and one rule covers elements and attributes alike.
 */

// XML 1.0 allows tab, LF, CR and U+0020 upwards except surrogates, U+FFFE and U+FFFF. C1 controls
// (U+007F–U+009F) are allowed but "discouraged", and no reader needs them: drop them too. With the
// `u` flag a lone surrogate is one code point outside every range, so it is dropped as well.
const NOT_XML_CHAR = /[^\t\n\r\x20-\x7E\xA0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Removes every character an XML 1.0 document cannot hold (control characters, lone surrogates). */
export function cleanText(s: string): string {
  return s.replace(NOT_XML_CHAR, '');
}

/** Cleans and escapes text for an element's content or a double-quoted attribute value. */
export function escapeXml(value: unknown): string {
  return cleanText(String(value ?? ''))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** `<name attr="…">text</name>`, or nothing when the text is empty. */
export function el(name: string, text: unknown, attrs: Record<string, string | undefined> = {}): string {
  const s = String(text ?? '');
  return s === '' ? '' : `<${name}${attributes(attrs)}>${escapeXml(s)}</${name}>`;
}

export function attributes(attrs: Record<string, string | undefined>): string {
  return Object.entries(attrs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
    .join('');
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * RFC 822 date as the RSS Board profile asks (four-digit year, numeric zone) from an ISO date-time
 * with an offset, keeping that offset: "2024-03-20T09:30:00+08:00" → "Wed, 20 Mar 2024 09:30:00 +0800".
 */
export function rfc822(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:\d{2})$/.exec(iso);
  if (!m) throw new Error(`Not an ISO date-time with an offset: ${iso}`);
  const [, y, mo, d, h, mi, s = '00', zone] = m;
  // The weekday of the wall-clock date, which is the date the offset belongs to.
  const weekday = DAYS[new Date(Date.UTC(+y, +mo - 1, +d)).getUTCDay()];
  const offset = zone === 'Z' ? '+0000' : zone.replace(':', '');
  return `${weekday}, ${d} ${MONTHS[+mo - 1]} ${y} ${h}:${mi}:${s} ${offset}`;
}

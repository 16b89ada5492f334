/**
 * HTML entities in front matter: an archive exported from WordPress writes `Council&#8217;s plan`
 * and `Arts &amp; Culture` in its titles and tags. Front matter is text, not HTML, so each reached
 * readers as written (`&amp;#8217;` in the page's source). The ones such exports write are read as
 * their characters, with a warning; any other stays as it is, with the warning.
 */
const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));/g;
const HAS_ENTITY = /&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/;

/** The named entities that exports and editors' HTML write in running text. */
const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', ndash: '–', mdash: '—', hellip: '…',
  lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', laquo: '«', raquo: '»', copy: '©', reg: '®', trade: '™',
  euro: '€', pound: '£', yen: '¥', deg: '°', middot: '·', bull: '•', shy: '\u00ad', eacute: 'é', egrave: 'è',
  aacute: 'á', agrave: 'à', iacute: 'í', oacute: 'ó', uacute: 'ú', ntilde: 'ñ', ccedil: 'ç', uuml: 'ü', ouml: 'ö', auml: 'ä',
};

export const hasEntity = (text: string): boolean => HAS_ENTITY.test(text);

/** The text with each entity it knows read as its character, and the entities it met, as written. */
export function decodeFieldEntities(text: string): { text: string; met: string[] } {
  const met: string[] = [];
  const out = text.replace(ENTITY, (whole, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (!met.includes(whole)) met.push(whole);
    const code = dec !== undefined ? Number(dec) : hex !== undefined ? parseInt(hex, 16) : undefined;
    if (code !== undefined) return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
    return NAMED[name!] ?? NAMED[name!.toLowerCase()] ?? whole;
  });
  return { text: out, met };
}

/**
 * Time zone names that are no place: a fixed offset (`EST`, `Etc/GMT-8`) or a legacy name for a
 * set of rules (`PST8PDT`, `CET`). Node accepts them, but a newsroom is in a city, whose clocks
 * change in summer (or once did, or one day will): its own zone follows them, an offset does not.
 * UTC and its other names (`Etc/UTC`, `Zulu`) are no mistake: a newsroom may work in UTC.
 */

export interface NotAPlace {
  /** What the name is, for a message: "a fixed offset, UTC-05:00 all year". */
  what: string;
  /** The city zone to write, when one is plainly meant (`EST` → America/New_York). */
  zone?: string;
  /** Otherwise, examples for "a city zone such as …". */
  examples: string[];
}

const US_RULES = 'a legacy name for a set of United States rules, not a place';
const EU_RULES = 'a legacy name for a set of European rules, not a place';
const GMT = { what: 'GMT, which is UTC all year: London\'s clocks go forward in summer (BST), and dates from March to October would be an hour off there', examples: ['Europe/London'] };

const LEGACY: Record<string, NotAPlace> = {
  est: { what: 'a fixed offset, UTC-05:00 all year: New York\'s clocks go forward in summer, and dates from March to November would be an hour off there', zone: 'America/New_York', examples: [] },
  mst: { what: 'a fixed offset, UTC-07:00 all year, with no summer time', examples: ['America/Denver', 'America/Phoenix'] },
  hst: { what: 'a legacy name for UTC-10:00 all year, not a place', zone: 'Pacific/Honolulu', examples: [] },
  est5edt: { what: US_RULES, zone: 'America/New_York', examples: [] },
  cst6cdt: { what: US_RULES, zone: 'America/Chicago', examples: [] },
  mst7mdt: { what: US_RULES, zone: 'America/Denver', examples: [] },
  pst8pdt: { what: US_RULES, zone: 'America/Los_Angeles', examples: [] },
  cet: { what: EU_RULES, examples: ['Europe/Paris', 'Europe/Berlin'] },
  met: { what: EU_RULES, examples: ['Europe/Paris', 'Europe/Berlin'] },
  eet: { what: EU_RULES, examples: ['Europe/Athens', 'Europe/Helsinki'] },
  wet: { what: EU_RULES, examples: ['Europe/Lisbon'] },
  gmt: GMT, 'etc/gmt': GMT, gmt0: GMT, 'gmt+0': GMT, 'gmt-0': GMT, 'etc/gmt0': GMT, 'etc/gmt+0': GMT, 'etc/gmt-0': GMT, greenwich: GMT, 'etc/greenwich': GMT,
};

/** Cities at a whole-hour offset from UTC, as examples for an offset name (none is the only one). */
const AT_OFFSET: Record<number, string[]> = {
  [-10]: ['Pacific/Honolulu'], [-8]: ['America/Los_Angeles'], [-7]: ['America/Denver', 'America/Phoenix'], [-6]: ['America/Chicago', 'America/Mexico_City'],
  [-5]: ['America/New_York', 'America/Bogota'], [-3]: ['America/Sao_Paulo', 'America/Argentina/Buenos_Aires'], 0: ['Europe/London'], 1: ['Europe/Paris', 'Africa/Lagos'],
  2: ['Europe/Athens', 'Africa/Johannesburg'], 3: ['Europe/Moscow', 'Africa/Nairobi'], 4: ['Asia/Dubai'], 5: ['Asia/Karachi'], 7: ['Asia/Bangkok', 'Asia/Jakarta'],
  8: ['Asia/Shanghai', 'Asia/Singapore'], 9: ['Asia/Tokyo', 'Asia/Seoul'], 10: ['Australia/Sydney'], 12: ['Pacific/Auckland'],
};

const offsetText = (hours: number): string => `UTC${hours < 0 ? '-' : '+'}${String(Math.abs(hours)).padStart(2, '0')}:00`;

/** What a zone name Node accepts is, when it is no place (undefined for a city's zone and for UTC). */
export function notAPlace(name: string): NotAPlace | undefined {
  const key = name.trim().toLowerCase();
  if (Object.hasOwn(LEGACY, key)) return LEGACY[key];
  // `Etc/GMT-8` is eight hours ahead of UTC: POSIX's sign, the reverse of the offset's.
  const etc = /^etc\/gmt([+-])(\d{1,2})$/.exec(key);
  if (etc) {
    const hours = (etc[1] === '-' ? 1 : -1) * Number(etc[2]);
    return { what: `a fixed offset, ${offsetText(hours)} all year (an Etc/GMT name's sign is the reverse of the offset's), not a place`, examples: AT_OFFSET[hours] ?? ['Europe/London'] };
  }
  return undefined;
}

/**
 * For a name Node refuses that is an offset (`GMT+8`, `UTC+08:00`, `+08:00`): the city zones to
 * write instead, as a sentence; undefined for any other name.
 */
export function offsetInstead(name: string): string | undefined {
  const m = /^(?:gmt|utc)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(name.trim());
  if (!m || (!/^(gmt|utc)/i.test(name.trim()) && !m[3])) return undefined;
  const hours = (m[1] === '-' ? -1 : 1) * Number(m[2]);
  const examples = !m[3] || m[3] === '00' ? AT_OFFSET[hours] : undefined;
  return `An offset is not a time zone: use the zone of the newsroom's city, such as ${(examples ?? ['Europe/London']).map((z) => `"${z}"`).join(' or ')}, which follows the city's clocks, summer time and all.`;
}

/** The fix for a zone that is no place: the zone to write (`write` puts it as a config line or a flag), or examples of one. */
export function placeHint(p: NotAPlace, write: (zone: string) => string): string {
  if (p.zone) return `Use ${write(p.zone)}.`;
  const gmt = p === GMT ? `; or ${write('UTC')} to keep UTC all year on purpose` : '';
  return `Use the zone of the newsroom's city, such as ${p.examples.join(' or ')}: ${write(p.examples[0])}${gmt}.`;
}

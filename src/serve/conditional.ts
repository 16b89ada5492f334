import type { BigIntStats } from 'node:fs';
import type { IncomingMessage } from 'node:http';

/**
 * What names one version of a file of the output folder. A browser that has it gives it back
 * (If-None-Match, If-Modified-Since, If-Range), and the answer depends on whether the file is
 * still that version.
 */
export interface Version {
  /** Strong: a rebuild renames each file it writes over the old one, a new inode and mtime. */
  etag: string;
  /** Whole seconds, as HTTP dates are. */
  lastModified: string;
  mtimeNs: bigint;
}

export function versionOf(st: BigIntStats): Version {
  return {
    etag: `"${st.ino.toString(36)}-${st.size.toString(36)}-${st.mtimeNs.toString(36)}"`,
    lastModified: new Date(Number(st.mtimeMs)).toUTCString(),
    mtimeNs: st.mtimeNs,
  };
}

/**
 * True when the browser's copy is this version (a 304). RFC 9110 §13.2.2: If-None-Match decides
 * when it is there (weak comparison), If-Modified-Since only without it.
 */
export function notModified(req: IncomingMessage, v: Version): boolean {
  const tags = req.headers['if-none-match'];
  if (tags !== undefined) return tags.trim() === '*' || entityTags(tags).some((t) => opaque(t) === opaque(v.etag));
  return noLaterThan(req.headers['if-modified-since'], v);
}

/**
 * If-Range (RFC 9110 §13.1.5): a browser that holds part of a version asks for the rest only if
 * the file is still that version, else for the whole file. A tag must match strongly (a weak
 * one never does); a date must be the file's mtime to the nanosecond, which, dates having whole
 * seconds, it seldom is: then the whole file goes out, which is always a right answer.
 */
export function rangeStillValid(req: IncomingMessage, v: Version): boolean {
  const header = req.headers['if-range'];
  if (header === undefined) return true;
  const value = String(header).trim();
  if (value.startsWith('"') || value.startsWith('W/')) return value === v.etag;
  const ms = Date.parse(value);
  return !Number.isNaN(ms) && BigInt(ms) * 1_000_000n === v.mtimeNs;
}

/**
 * True when an HTTP date is no earlier than the file's mtime, to the nanosecond. A date has whole
 * seconds and a rebuild can write a file twice within one: a file written at 12:00:00.700 may not
 * be the one a browser got with "12:00:00" at 12:00:00.300, so it is taken as changed.
 */
function noLaterThan(date: string | undefined, v: Version): boolean {
  const ms = date === undefined ? NaN : Date.parse(date);
  return !Number.isNaN(ms) && BigInt(ms) * 1_000_000n >= v.mtimeNs;
}

const entityTags = (list: string): string[] => list.match(/(?:W\/)?"[^"]*"/g) ?? [];
const opaque = (tag: string): string => (tag.startsWith('W/') ? tag.slice(2) : tag);

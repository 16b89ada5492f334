import { crc32 } from 'node:zlib';

/**
 * What a build found damaged in the cache folder (a file cut short or with other bytes than it
 * was written with: a killed save, a full disk, a partial download of a CI cache). It built
 * without those parts; the CLI says so in one note, which is no warning (`--strict` passes).
 * Per thread: a render worker sends its own back with its pages.
 */
let found = new Set<string>();

export function cacheDamaged(what: string): void {
  found.add(what);
}

/** What was found since the last call. */
export function takeCacheDamage(): string[] {
  const out = [...found];
  found = new Set();
  return out;
}

/** The note for what a build found damaged, or undefined when nothing was. */
export function cacheDamageNote(what: readonly string[]): string | undefined {
  if (what.length === 0) return undefined;
  return `note: the build cache was damaged (${[...new Set(what)].sort().join(', ')}); what it held there was built again without it.`;
}

/** A file's check: its length and CRC-32, 8 bytes written after it. */
export const CHECK_BYTES = 8;

export function checkOf(length: number, crc: number): Buffer {
  const b = Buffer.allocUnsafe(CHECK_BYTES);
  b.writeUInt32LE(length >>> 0, 0);
  b.writeUInt32LE(crc >>> 0, 4);
  return b;
}

/** The bytes before the check when they are whole and as written; undefined otherwise. */
export function checked(file: Buffer): Buffer | undefined {
  if (file.length < CHECK_BYTES) return undefined;
  const body = file.subarray(0, file.length - CHECK_BYTES);
  if (file.readUInt32LE(body.length) !== body.length >>> 0 || file.readUInt32LE(body.length + 4) !== crc32(body)) return undefined;
  return body;
}

export { crc32 };

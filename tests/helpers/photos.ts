import { deflateSync } from 'node:zlib';

/**
 * Small real image files for tests: a valid greyscale PNG of any size (its pixels are all black,
 * so it deflates to a few hundred bytes), and a JPEG header with a frame of any size, an optional
 * EXIF orientation, and optional padding before the frame (a camera's large embedded preview).
 */

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

export function png(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  // One filter byte and `width` pixels per row.
  const raw = Buffer.alloc((width + 1) * height);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

function segment(marker: number, data: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt16BE(marker, 0);
  head.writeUInt16BE(data.length + 2, 2);
  return Buffer.concat([head, data]);
}

export function jpeg(width: number, height: number, o: { orientation?: number; padding?: number } = {}): Buffer {
  const parts = [Buffer.from([0xff, 0xd8])];
  parts.push(segment(0xffe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1')));
  if (o.orientation) {
    const exif = Buffer.alloc(6 + 8 + 2 + 12 + 4);
    exif.write('Exif\0\0', 0, 'latin1');
    exif.write('MM', 6, 'latin1');
    exif.writeUInt16BE(0x2a, 8);
    exif.writeUInt32BE(8, 10);
    exif.writeUInt16BE(1, 14);
    exif.writeUInt16BE(0x0112, 16);
    exif.writeUInt16BE(3, 18);
    exif.writeUInt32BE(1, 20);
    exif.writeUInt16BE(o.orientation, 24);
    parts.push(segment(0xffe1, exif));
  }
  // APP2 segments of up to 65,000 bytes each: where a camera keeps its preview.
  for (let left = o.padding ?? 0; left > 0; left -= 65_000) parts.push(segment(0xffe2, Buffer.alloc(Math.min(left, 65_000))));
  const sof = Buffer.alloc(15);
  sof[0] = 8;
  sof.writeUInt16BE(height, 1);
  sof.writeUInt16BE(width, 3);
  sof[5] = 3;
  for (let c = 0; c < 3; c++) sof.set([c + 1, 0x11, 0], 6 + c * 3);
  parts.push(segment(0xffc0, sof), Buffer.from([0xff, 0xd9]));
  return Buffer.concat(parts);
}

/**
 * A small real photo for a fixture that only needs one: `photo(n)` differs in its bytes (and width)
 * for each n. At least 1200 pixels wide, so a lead photo gets no LEAD_PHOTO_SMALL.
 */
export const photo = (n = 0): Buffer => jpeg(1200 + n, 675);

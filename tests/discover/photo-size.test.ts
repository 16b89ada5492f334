import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PhotoFactsCache, readPhotoFacts } from '../../src/discover/photo-size.js';
import { withPhotoSizes } from '../../src/model/photos.js';
import { jpeg, png } from '../helpers/photos.js';

const dir = mkdtempSync(path.join(tmpdir(), 'dateline-photo-'));
const file = (name: string, bytes: Buffer | string) => {
  const p = path.join(dir, name);
  writeFileSync(p, bytes);
  return p;
};

describe('a photo file read for its size', () => {
  it('reads PNG and JPEG headers, with the size in bytes', () => {
    const p = png(640, 360);
    expect(readPhotoFacts(file('a.png', p))).toEqual({ bytes: p.length, width: 640, height: 360 });
    expect(readPhotoFacts(file('b.jpg', jpeg(1200, 800)))).toMatchObject({ width: 1200, height: 800 });
  });

  it('swaps width and height of a camera JPEG stored on its side (EXIF orientation 6), as browsers show it', () => {
    expect(readPhotoFacts(file('side.jpg', jpeg(4000, 3000, { orientation: 6 })))).toMatchObject({ width: 3000, height: 4000 });
    expect(readPhotoFacts(file('upright.jpg', jpeg(4000, 3000, { orientation: 1 })))).toMatchObject({ width: 4000, height: 3000 });
  });

  it('reads the whole file only when the frame lies beyond the first 64 KB (a large embedded preview)', () => {
    const big = jpeg(2000, 1000, { padding: 200_000 });
    expect(big.length).toBeGreaterThan(200_000);
    expect(readPhotoFacts(file('preview.jpg', big))).toEqual({ bytes: big.length, width: 2000, height: 1000 });
  });

  it('gives no pixel size, and does not throw, for a text file, an empty file or a cut-off photo', () => {
    expect(readPhotoFacts(file('text.jpg', 'not a photo at all\n'))).toEqual({ bytes: 19 });
    expect(readPhotoFacts(file('empty.png', ''))).toEqual({ bytes: 0 });
    expect(readPhotoFacts(file('cut.jpg', jpeg(800, 600).subarray(0, 24))).width).toBeUndefined();
  });

  it('gives a cut-off photo no size also when the memory after its bytes holds other data (a long watch session)', () => {
    // image-size reads past the end of the bytes it is given, into the rest of their ArrayBuffer.
    // Node hands out small Buffers as slices of one shared pool: the part of the current pool not
    // yet handed out is filled, as earlier work would have left it (what is handed out is left
    // alone: the test files before this one, in the same process, may still hold it).
    const cut = file('cut-pool.jpg', jpeg(800, 600).subarray(0, 24));
    for (let i = 0; i < 3; i++) {
      const probe = Buffer.allocUnsafe(1);
      new Uint8Array(probe.buffer, probe.byteOffset + 1).fill(0x41);
      expect(readPhotoFacts(cut)).toEqual({ bytes: 24 });
    }
  });

  it('is read again when the file changes (or the watcher says so), and not while its size and time stay the same', () => {
    const cache = new PhotoFactsCache();
    const p = file('c.png', png(10, 20));
    const then = new Date('2026-01-01T00:00:00Z');
    utimesSync(p, then, then);
    expect(cache.get(p)).toMatchObject({ width: 10, height: 20 });
    // Another photo of the same byte length, given the same time (`cp -p`): not read again...
    writeFileSync(p, png(20, 10));
    utimesSync(p, then, then);
    expect(cache.get(p)).toMatchObject({ width: 10, height: 20 });
    // ...until the watcher says it changed.
    cache.forget(p);
    expect(cache.get(p)).toMatchObject({ width: 20, height: 10 });
    // A new time is enough.
    writeFileSync(p, png(30, 5));
    const later = new Date('2026-01-01T00:00:01Z');
    utimesSync(p, later, later);
    expect(cache.get(p)).toMatchObject({ width: 30, height: 5 });
    expect(cache.get(path.join(dir, 'gone.png'))).toBeUndefined();
  });
});

describe('withPhotoSizes', () => {
  it('gives each body <img> of a known photo its width and height, and leaves the rest alone', () => {
    const html = '<figure><img src="/images/a&amp;b.jpg" alt="A" loading="lazy" /></figure>\n<p><img src="/images/c.jpg" alt="C" width="10" /><img src="https://elsewhere.example/x.jpg" alt="X" /></p>';
    expect(withPhotoSizes(html, [['/images/a&b.jpg', 800, 450, 1], ['/images/c.jpg', 5, 5, 1]])).toBe('<figure><img src="/images/a&amp;b.jpg" width="800" height="450" alt="A" loading="lazy" /></figure>\n<p><img src="/images/c.jpg" alt="C" width="10" /><img src="https://elsewhere.example/x.jpg" alt="X" /></p>');
    expect(withPhotoSizes(html, undefined)).toBe(html);
    // A photo shown twice gets its size twice; the walk stops after its last use.
    const twice = '<p><img src="/a.png" alt="1" /></p><p><img src="/a.png" alt="2" /></p><p><img src="/b.png" alt="3" /></p>';
    expect(withPhotoSizes(twice, [['/a.png', 4, 3, 2]])).toBe('<p><img src="/a.png" width="4" height="3" alt="1" /></p><p><img src="/a.png" width="4" height="3" alt="2" /></p><p><img src="/b.png" alt="3" /></p>');
  });
});

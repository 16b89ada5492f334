import { describe, expect, it } from 'vitest';
import { jpeg } from '../helpers/photos.js';
import { md, site } from '../helpers/site.js';

const story = (front: Record<string, unknown>, body?: string) => md({ title: 'Rail doubles', date: '2025-03-20 09:30', author: 'Tan Yuxin', ...front }, body);

// A phone's HEIC photo and a scanner's TIFF: only Safari shows them.
describe('a photo saved as HEIC or TIFF', () => {
  it('is warned at the line that names it, with the JPEG to make and write', async () => {
    const s = await site({
      'content/articles/rail/index.md': story({ image: { src: 'IMG_0412.HEIC', alt: 'A container train' } }),
      'content/articles/rail/IMG_0412.HEIC': Buffer.from('\0\0\0\x18ftypheic\0\0\0\0'),
      'content/articles/port.md': story({ title: 'Port grows', date: '2025-03-19 09:30' }, 'Text.\n\n![Cranes](/images/cranes.tif)\n'),
      'static/images/cranes.tif': Buffer.from('II*\0\x08\0\0\0'),
    });
    const d = s.diagnostics.filter((x) => x.code === 'PHOTO_NOT_FOR_WEB');
    expect(d.map((x) => [x.file, x.line])).toEqual([
      ['content/articles/port.md', 9],
      ['content/articles/rail/index.md', 5],
    ]);
    expect(d[1].message).toContain('HEIC');
    expect(d[1].hint).toContain('content/articles/rail/IMG_0412.jpg');
    expect(d[1].hint).toContain('`IMG_0412.HEIC` to `IMG_0412.jpg`');
    expect(d[0].hint).toContain('static/images/cranes.jpg');
  });

  it('says nothing of a JPEG', async () => {
    const s = await site({
      'content/articles/rail/index.md': story({ image: { src: 'train.jpg', alt: 'A container train' } }),
      'content/articles/rail/train.jpg': jpeg(1600, 900),
    });
    expect(s.diagnostics.filter((x) => x.code.startsWith('PHOTO_'))).toEqual([]);
  });
});

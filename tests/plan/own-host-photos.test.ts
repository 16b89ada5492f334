import { describe, expect, it } from 'vitest';
import { md, site } from '../helpers/site.js';

// A WordPress archive shows its photos by full URL on the site's own domain, over http:
// `http://news.example.org/wp-content/uploads/…`. Once the domain points at the new site, those
// are its files, in static/ or missing.
const NOW = '2026-01-01T00:00:00Z';
const story = (date: string, body: string) => md(`title: Flood\ndate: ${date}\nauthor: Li Wei`, body);

describe('a photo written with the site\'s own domain over http', () => {
  it('that is not in static/ is warned, with where to put it', async () => {
    const s = await site({ 'content/articles/a.md': story('2012-05-14 10:00', 'Intro.\n\n![River](http://news.example.org/wp-content/uploads/2012/05/river.jpg)') }, { now: NOW });
    const d = s.diagnostics.find((x) => x.code === 'MISSING_IMAGE');
    expect(d).toMatchObject({ file: 'content/articles/a.md', line: 9 });
    expect(d!.hint).toBe('Put the file at static/wp-content/uploads/2012/05/river.jpg, or correct the path.');
  });

  it('waits in static/ with a story still to come, as the same photo written as a path does', async () => {
    const files = {
      'static/wp-content/uploads/2026/05/embargoed.jpg': 'JPEG',
      'content/articles/a.md': story('2026-05-01 10:00', 'Intro.\n\n![Plans](http://news.example.org/wp-content/uploads/2026/05/embargoed.jpg)'),
    };
    const before = await site(files, { now: NOW });
    expect(before.copies?.has('wp-content/uploads/2026/05/embargoed.jpg')).toBe(false);
    expect(before.copies?.size, 'the site copies static files in this mode').toBeGreaterThan(0);
    const after = await site(files, { now: '2026-05-02T00:00:00Z' });
    expect(after.copies?.has('wp-content/uploads/2026/05/embargoed.jpg')).toBe(true);
    expect(after.diagnostics.filter((x) => x.code === 'MISSING_IMAGE')).toEqual([]);
  });
});

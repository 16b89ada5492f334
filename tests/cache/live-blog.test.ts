import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { build, createBuilder } from '../../src/build.js';
import { cli, coldBuild, md, tree, withSearch, writeSite as writeSiteWithout } from '../helpers/site.js';

/** The tests' sites, with the search index on. */
const writeSite = (files: Record<string, string | Uint8Array>) => writeSiteWithout(withSearch(files));

const PAGE = '2026/11/27/landslide/index.html';
const landslide = (intro: string, updates: string[]) =>
  md('title: Landslide cuts road\ndate: 2026-11-27 22:10\nauthor: He Jiawei\nsection: Weather\nsummary: Follow our updates.\nlive: true', [intro, ...updates].join('\n\n'));
const U1 = '## 22:20 Headquarters open\n\nAt the fire station.';
const U2 = '## 23:05 Residents moved\n\nTo the school.';
const ADDED = '## 2026-11-28 07:30 Survey begins\n\nGeologists on the slope.';
/** Held back until 09:15. */
const LATER = '## 2026-11-28 09:15 Road to stay closed\n\nFor a week.';
const sources = (intro: string, updates: string[]) => ({
  'content/articles/landslide.md': landslide(intro, updates),
  'content/articles/bridge.md': md({ title: 'Bridge reopens', date: '2026-11-27 09:00', author: 'Li Wei', section: 'Weather' }, 'The bridge is open.'),
});

describe('live blogs in warm and in-place builds', () => {
  it('a warm build (cache, output, worker threads) equals a cold one after each edit and when the clock passes a held-back update; an added update is no body-only edit', async () => {
    const dir = writeSite(sources('A hillside gave way.', [U1, U2, LATER]));
    const file = path.join(dir, 'content/articles/landslide.md');
    const warmOut = path.join(dir, 'dist');
    const warm = async (now: string) => {
      const r = await cli(['build', dir, '--out', warmOut, '--json', '--workers', '2', '--now', now]);
      expect(r.code, r.stderr).toBe(0);
      const coldOut = path.join(mkdtempSync(path.join(tmpdir(), 'dateline-cold-')), 'dist');
      await coldBuild(dir, coldOut, { workers: 0, now });
      expect(tree(warmOut)).toEqual(tree(coldOut));
      return { timings: Object.keys((JSON.parse(r.stdout) as { timings: Record<string, number> }).timings), page: readFileSync(path.join(warmOut, PAGE), 'utf8'), feed: readFileSync(path.join(warmOut, 'feed.xml'), 'utf8') };
    };
    const first = await warm('2026-11-28T08:00:00+08:00');
    expect(first.page).not.toContain('Road to stay closed');
    // The opening text alone: the body-only fast path, and still no held-back update.
    writeFileSync(file, landslide('A hillside gave way on Friday.', [U1, U2, LATER]));
    const intro = await warm('2026-11-28T08:00:00+08:00');
    expect(intro.timings).not.toContain('model');
    expect(intro.page).toContain('A hillside gave way on Friday.');
    expect(intro.page).not.toContain('Road to stay closed');
    // An update added: the story's last change, so the graph is made again (feeds, listings, JSON-LD).
    writeFileSync(file, landslide('A hillside gave way on Friday.', [U1, U2, ADDED, LATER]));
    const added = await warm('2026-11-28T08:00:00+08:00');
    expect(added.timings).toContain('model');
    expect(added.page).toContain('"dateModified":"2026-11-28T07:30:00+08:00"');
    expect(added.feed).toContain('<pubDate>Sat, 28 Nov 2026 07:30:00 +0800</pubDate>');
    // The clock passes the held-back update: it is published without any edit.
    const later = await warm('2026-11-28T09:20:00+08:00');
    expect(later.page).toContain('Road to stay closed');
    expect(later.page).toContain('"dateModified":"2026-11-28T09:15:00+08:00"');
  });

  it('an in-place rebuild (watch, serve) after an update is added or reworded equals a full build', async () => {
    const dir = writeSite(sources('A hillside gave way.', [U1, U2, LATER]));
    const file = path.join(dir, 'content/articles/landslide.md');
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'dateline-inc-')), 'dist');
    const now = '2026-11-28T08:00:00+08:00';
    const builder = createBuilder({ siteDir: dir, outDir: out, now });
    const equalsFull = async () => {
      const fresh = path.join(mkdtempSync(path.join(tmpdir(), 'dateline-full-')), 'dist');
      expect((await build({ siteDir: dir, outDir: fresh, now })).ok).toBe(true);
      expect(tree(out)).toEqual(tree(fresh));
    };
    try {
      expect((await builder.build()).ok).toBe(true);
      for (const updates of [[U1, U2, ADDED, LATER], [U1, U2, ADDED.replace('Survey begins', 'Survey under way'), LATER]]) {
        writeFileSync(file, landslide('A hillside gave way.', updates));
        expect((await builder.build([{ type: 'change', path: 'content/articles/landslide.md' }])).ok).toBe(true);
        await equalsFull();
      }
      const page = readFileSync(path.join(out, PAGE), 'utf8');
      expect(page).toContain('Survey under way</h2>');
      expect(page).not.toContain('Road to stay closed');
      expect(readFileSync(path.join(out, 'atom.xml'), 'utf8')).toContain('<updated>2026-11-28T07:30:00+08:00</updated>');
    } finally {
      await builder.close();
    }
  });

  it('worker threads that render a body from the cache\'s segments leave a held-back update out too', async () => {
    const files: Record<string, string> = sources('A hillside gave way.', [U1, U2, LATER]);
    // Enough files for the pool (poolMinWork): the workers parse, keep the bodies in segments and render from them.
    for (let i = 0; i < 210; i++) files[`content/articles/f${i}.md`] = md({ title: `Filler ${i}`, date: `2026-0${1 + (i % 9)}-1${i % 10} 09:00`, author: 'Li Wei' }, `Filler ${i}.`);
    const dir = writeSite(files);
    const out = path.join(dir, 'dist');
    const r = await cli(['build', dir, '--out', out, '--workers', '2', '--now', '2026-11-28T08:00:00+08:00']);
    expect(r.code, r.stderr).toBe(0);
    const page = readFileSync(path.join(out, PAGE), 'utf8');
    expect(page).toContain('Residents moved</h2>');
    expect(page).not.toContain('Road to stay closed');
    expect(readFileSync(path.join(out, 'feed.xml'), 'utf8')).not.toContain('Road to stay closed');
    // The search index reads each body from its segment too.
    const index = [...tree(out)].filter(([p]) => p.startsWith('pagefind/') && p.includes('fragment'));
    expect(index.length).toBeGreaterThan(200);
    const text = index.map(([p]) => gunzipSync(readFileSync(path.join(out, p))).toString('utf8'));
    expect(text.some((t) => t.includes('Residents moved'))).toBe(true);
    expect(text.some((t) => t.includes('Road to stay closed'))).toBe(false);
  });
});

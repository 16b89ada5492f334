import { mkdtempSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, md, tree, writeSite } from '../helpers/site.js';

/** The paths whose contents differ between two output folders, or that only one has. */
function treeDiff(a: Map<string, string>, b: Map<string, string>): string[] {
  return [...new Set([...a.keys(), ...b.keys()])].sort().filter((p) => a.get(p) !== b.get(p));
}

const config = (timeZone: string) => `import { defineConfig } from 'dateline';
export default defineConfig({
  title: 'Determinism Daily',
  baseUrl: 'https://news.example.org/',
  timeZone: '${timeZone}',
  pageSize: 2,
  footer: { links: [{ label: 'About Us', url: '/about-us/' }] },
});
`;

const ARTICLES: Record<string, string> = {
  'content/articles/b-rail.md': md({ title: 'Rail freight doubles', date: '2024-03-20', author: ['Li Wei', 'Anna Schmidt'], tags: ['Rail', '重庆', 'trade'], section: 'News' }, '## Numbers\n\n## Numbers\n\nText.'),
  'content/articles/a-port.md': md({ title: 'Port expands', date: '2024-03-20', author: 'Anna Schmidt', tags: ['Trade', 'Port'], section: 'News' }),
  'content/articles/c-fog.md': md({ title: 'Fog closes airport', date: '2024-03-21 06:15', author: 'Wang Fang', tags: ['weather', '重庆'], section: 'Insights' }),
  'content/articles/d-late.md': md({ title: 'Late night story', date: '2024-03-20 23:30', author: 'Li Wei', tags: ['Rail'] }),
  'content/articles/e-old.md': md({ title: 'Last year', date: '2023-12-31 23:59', author: 'Li Wei', tags: ['Trade'] }),
  'content/pages/about-us.md': md({ title: 'About Us' }),
  'content/pages/privacy-cookie-policy.md': md({ title: 'Privacy & Cookie Policy' }),
};

async function buildIn(dir: string, env: Record<string, string> = {}): Promise<Map<string, string>> {
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'dateline-det-')), 'dist');
  const r = await cli(['build', dir, '--out', out, '--now', '2024-06-01T00:00:00Z'], { env });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return tree(out);
}

describe('determinism', () => {
  it('two builds of the same input are byte-identical', async () => {
    const dir = writeSite({ 'dateline.config.ts': config('Asia/Shanghai'), ...ARTICLES });
    const one = await buildIn(dir);
    const two = await buildIn(dir);
    expect(one.size).toBeGreaterThan(20);
    expect(treeDiff(one, two)).toEqual([]);
  });

  it('the order in which files were written (and their times) does not matter', async () => {
    const forward = writeSite({ 'dateline.config.ts': config('Asia/Shanghai'), ...ARTICLES });
    const reversed = writeSite(Object.fromEntries([['dateline.config.ts', config('Asia/Shanghai')], ...Object.entries(ARTICLES).reverse()]));
    let t = 1_700_000_000;
    for (const rel of Object.keys(ARTICLES)) utimesSync(path.join(reversed, rel), t, (t -= 1000));
    expect(treeDiff(await buildIn(forward), await buildIn(reversed))).toEqual([]);
  });

  it('articles with the same date are listed in a stable order (by file)', async () => {
    const dir = writeSite({ 'dateline.config.ts': config('UTC'), ...ARTICLES });
    const month = (await buildIn(dir)).get('2024/03/index.html');
    const titles = [...month.matchAll(/<a href="\/2024\/03\/\d\d\/[^"]+">([^<]+)</g)].map((m) => m[1]);
    // Newest first; a-port and b-rail share 2024-03-20 00:00, and a-port's file sorts first.
    expect(titles).toEqual(['Fog closes airport', 'Late night story', 'Port expands', 'Rail freight doubles']);
  });

  for (const zone of ['UTC', 'America/New_York', 'Asia/Shanghai']) {
    it(`the machine's time zone changes nothing (site zone ${zone}): TZ=America/Los_Angeles and TZ=Asia/Shanghai are byte-identical, and 2024-03-20 stays March 20`, async () => {
      const dir = writeSite({ 'dateline.config.ts': config(zone), ...ARTICLES });
      const la = await buildIn(dir, { TZ: 'America/Los_Angeles' });
      const sh = await buildIn(dir, { TZ: 'Asia/Shanghai' });
      expect(treeDiff(la, sh)).toEqual([]);
      const offset = { UTC: '+00:00', 'America/New_York': '-04:00', 'Asia/Shanghai': '+08:00' }[zone];
      const page = la.get('2024/03/20/b-rail/index.html');
      expect(page).toContain(`<time datetime="2024-03-20T00:00:00${offset}">Mar 20, 2024</time>`);
      expect(page).not.toContain('Mar 19, 2024');
      expect(la.has('2024/03/19/b-rail/index.html')).toBe(false);
      // The year archive follows the site's zone: 2023-12-31 23:59 is still 2023.
      expect(la.has('2023/12/31/e-old/index.html')).toBe(true);
      expect(la.get('index.html')).toContain('<time datetime="2024-03-21T06:15:00');
    });
  }
  it("a site template's date filters read a time written without an offset in the site's zone, not the machine's: TZ=America/Los_Angeles and TZ=Asia/Kolkata are byte-identical", async () => {
    const dir = writeSite({
      'dateline.config.ts': config('Asia/Shanghai'),
      'content/articles/event.md': md(
        'title: Concert\ndate: 2024-03-20\nauthor: Li Wei\nlayout: feature\nstarts: 2024-03-20 19:30\nopens: "2024-03-20T18:00"\nday: 2024-03-21\nposter: "March 22, 2024 20:00"\nzoned: 2024-03-20T19:30:00+00:00',
      ),
      'templates/feature.njk':
        '<p id="starts">{{ article.extra.starts | dateTime }}</p>\n<p id="opens">{{ article.extra.opens | dateTime }}</p>\n<p id="day">{{ article.extra.day | dateTime }} {{ article.extra.day | date }}</p>\n<p id="poster">{{ article.extra.poster | dateTime }}</p>\n<p id="zoned">{{ article.extra.zoned | dateTime }}</p>\n',
    });
    const la = await buildIn(dir, { TZ: 'America/Los_Angeles' });
    const kolkata = await buildIn(dir, { TZ: 'Asia/Kolkata' });
    expect(treeDiff(la, kolkata)).toEqual([]);
    const page = la.get('2024/03/20/event/index.html');
    // Wall-clock times in Asia/Shanghai, as the story's own `date:` is read.
    expect(page).toContain('<p id="starts">Mar 20, 2024, 7:30 PM GMT+8</p>');
    expect(page).toContain('<p id="opens">Mar 20, 2024, 6:00 PM GMT+8</p>');
    expect(page).toContain('<p id="day">Mar 21, 2024, 12:00 AM GMT+8 Mar 21, 2024</p>');
    expect(page).toContain('<p id="poster">Mar 22, 2024, 8:00 PM GMT+8</p>');
    // One with an offset is that instant, shown in the site's zone.
    expect(page).toContain('<p id="zoned">Mar 21, 2024, 3:30 AM GMT+8</p>');
  });
});

import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, md, SEARCH_CONFIG, writeSite } from '../helpers/site.js';
import { serveUnder } from '../publish/serve.js';
import { CHROMIUM, launchChromium, MISSING_CHROMIUM, watch, type Chromium } from './harness.js';

// A contributor's tag, section or byline written as HTML: Pagefind's search page shows filter
// values as HTML, so each ran its script for every reader who searched.
if (!existsSync(CHROMIUM)) describe('search filters in Chromium', () => it('has Chromium to run in', () => expect.fail(MISSING_CHROMIUM)));
else {
  describe('search filters in Chromium', () => {
    let chrome: Chromium | undefined;
    let server: Awaited<ReturnType<typeof serveUnder>> | undefined;
    beforeAll(async () => {
      const dir = writeSite({
        'dateline.config.ts': SEARCH_CONFIG,
        'content/harbour.md': md(
          { title: 'Harbour report', date: '2025-12-20 09:00', author: ['Ran Zheng', '<img src=a onerror=window.__ran=1>'], tags: ['<img src=t onerror=window.__ran=1>', 'R&D'], section: '<img src=s onerror=window.__ran=1>' },
          'Harbour cranes at dawn.',
        ),
        'content/port.md': md({ title: 'Port report', date: '2025-12-19 09:00', author: 'Ran Zheng', tags: ['Shipping'] }, 'Harbour traffic grows.'),
      });
      const r = await cli(['build', dir, '--now', '2026-01-01T00:00:00Z']);
      expect(r.code, r.stderr).toBe(0);
      [chrome, server] = await Promise.all([launchChromium(), serveUnder(path.join(dir, 'dist'), '/')]);
    }, 120_000);
    afterAll(async () => {
      await chrome?.close();
      await server?.close();
    });

    // Tried again once: in a whole suite on a loaded machine, Pagefind's search page twice showed
    // the bylines' filters and not the others' within 30 s, with no error on the page and no
    // request failed (2026-12-02, 2 of about 8 runs of the suite; it passed alone every time). The
    // failure says which labels were there and which requests were still open. A filter that runs
    // its HTML, or is not shown, fails every attempt.
    it('shows each filter as written, runs none of them, and filters by them', { retry: 1 }, async () => {
      const page = await chrome!.context.newPage();
      const problems = watch(page, server!.origin);
      await page.goto(`${server!.origin}/search/?q=harbour`);
      await page.waitForSelector('.pagefind-ui__result');
      // Two bylines, a section, three tags.
      try {
        await page.waitForFunction(() => document.querySelectorAll('.pagefind-ui__filter-label').length === 6);
      } catch (e) {
        const labels = await page.$$eval('.pagefind-ui__filter-label', (ls) => ls.map((l) => l.textContent!.trim()));
        await page.close();
        throw new Error(`${(e as Error).message}\nfilter labels: ${JSON.stringify(labels)}\nproblems: ${JSON.stringify(problems)}`);
      }
      const labels = await page.$$eval('.pagefind-ui__filter-label', (ls) => ls.map((l) => l.textContent!.trim()));
      expect(labels).toEqual(expect.arrayContaining(['<img src=a onerror=window.__ran=1> (1)', '<img src=s onerror=window.__ran=1> (1)', '<img src=t onerror=window.__ran=1> (1)', 'R&D (1)']));
      expect(await page.$$eval('.pagefind-ui__filter-panel img', (imgs) => imgs.length)).toBe(0);
      expect(await page.evaluate(() => (window as unknown as { __ran?: number }).__ran)).toBeUndefined();
      expect(await page.$$eval('.pagefind-ui__result', (rs) => rs.length)).toBe(2);
      // A filter's value, escaped in the index, still picks its stories.
      await page.evaluate(() => {
        const box = [...document.querySelectorAll<HTMLInputElement>('.pagefind-ui__filter-checkbox')].find((c) => c.value.startsWith('R&'))!;
        box.closest('details')!.open = true;
        box.click();
      });
      await page.waitForFunction(() => document.querySelectorAll('.pagefind-ui__result').length === 1);
      expect(await page.$eval('.pagefind-ui__result', (r) => r.textContent)).toContain('Harbour report');
      await page.close();
    });
  });
}

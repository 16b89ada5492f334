import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, md, writeSite } from '../helpers/site.js';
import { serveUnder } from '../publish/serve.js';
import { CHROMIUM, launchChromium, MISSING_CHROMIUM, type Chromium } from './harness.js';

// What an editor's words and a reader's settings can do to the default theme's layout: a right-to-
// left language, a word longer than a phone, a body that uses the cookie button's id, an embedded
// video, dark mode on the search page, the keyboard under the cookie notice.
const CONFIG = (extra: string) => `export default { title: 'Test Herald', baseUrl: 'https://news.example.org/', timeZone: 'UTC', pageSize: 20,
  markdown: { iframeHosts: ['www.youtube-nocookie.com'] }, ${extra} };\n`;
const LONG = 'Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunterbeamtengesellschaft';

function site(extra: string, files: Record<string, string>): string {
  return writeSite({ 'dateline.config.ts': CONFIG(extra), 'static/images/a.jpg': 'not a picture', ...files });
}

async function built(dir: string): Promise<string> {
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'dateline-hostile-')), 'dist');
  const r = await cli(['build', dir, '--out', out, '--now', '2025-06-01T00:00:00Z']);
  expect(r.code, r.stderr).toBe(0);
  return out;
}

if (!existsSync(CHROMIUM)) describe('hostile pages in Chromium', () => it('has Chromium to run in', () => expect.fail(MISSING_CHROMIUM)));
else {
  describe('hostile pages in Chromium', () => {
    let chrome: Chromium;
    const servers: { close(): Promise<void> }[] = [];
    const serve = async (dist: string) => {
      const s = await serveUnder(dist, '/');
      servers.push(s);
      return s.origin;
    };
    beforeAll(async () => {
      chrome = await launchChromium();
    });
    afterAll(async () => {
      await Promise.all(servers.map((s) => s.close()));
      await chrome?.close();
    });
    const open = async (url: string, options: { width?: number; colorScheme?: 'light' | 'dark' } = {}): Promise<Page> => {
      const context = await chrome.browser.newContext({ viewport: { width: options.width ?? 1280, height: 800 }, colorScheme: options.colorScheme ?? 'light' });
      const page = await context.newPage();
      await page.goto(url, { waitUntil: 'load' });
      return page;
    };
    const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

    it('lays an Arabic site out right to left: the quote rule and the next-story link on the reader\'s side', async () => {
      const dir = site(`language: 'ar'`, {
        'content/articles/a.md': md({ title: 'خبر أول', date: '2025-01-10', author: 'كاتب', section: 'اقتصاد' }, 'نص.\n\n> اقتباس من المصدر.'),
        'content/articles/b.md': md({ title: 'خبر ثان', date: '2025-01-11', author: 'كاتب', section: 'اقتصاد' }, 'نص.'),
      });
      const origin = await serve(await built(dir));
      const page = await open(`${origin}/2025/01/10/a/`);
      const look = await page.evaluate(() => {
        const quote = getComputedStyle(document.querySelector('.story-body blockquote')!);
        return { dir: getComputedStyle(document.documentElement).direction, right: quote.borderRightWidth, left: quote.borderLeftWidth };
      });
      expect(look).toEqual({ dir: 'rtl', right: '4px', left: '0px' });
      await page.context().close();
    });

    it('never scrolls sideways at 360 px for a headline or a tag of one very long word', async () => {
      const dir = site('', {
        'content/articles/a.md': md({ title: `The ${LONG} report`, date: '2025-01-10', author: 'A', tags: [LONG], image: { src: '/images/a.jpg', alt: 'A' } }, 'Body.'),
        'content/articles/b.md': md({ title: 'Second', date: '2025-01-09', author: 'A' }, 'Body.'),
      });
      const origin = await serve(await built(dir));
      for (const p of ['/', '/2025/01/10/a/', '/tags/']) {
        const page = await open(origin + p, { width: 360 });
        expect(await sideways(page), p).toBe(0);
        await page.context().close();
      }
    });

    it('keeps "I Agree" working when a story\'s raw HTML uses the button\'s id, and the keyboard\'s focus clear of the notice', async () => {
      const links = Array.from({ length: 30 }, (_, i) => `- [Link ${i}](/2025/01/10/a/)`).join('\n');
      const dir = site('', { 'content/articles/a.md': md({ title: 'Ids', date: '2025-01-10', author: 'A' }, `<span id="cookie-accept">not the button</span>\n\n${links}`) });
      const origin = await serve(await built(dir));
      const page = await open(`${origin}/2025/01/10/a/`, { width: 360 });
      const notice = page.locator('#cookie-notice');
      await notice.waitFor({ state: 'visible' });
      // Tab through the header and the story's links: every stop the keyboard reaches is above the
      // notice (without the page's scroll padding, links 13 to 16 were under it at this size).
      // Scrolling is smooth: each stop is asked again until it has come to rest.
      const where = () =>
        page.evaluate(() => {
          const focused = document.activeElement!.getBoundingClientRect();
          const notice = document.querySelector('#cookie-notice')!.getBoundingClientRect();
          return `${document.activeElement!.textContent}: ${focused.bottom <= notice.top ? 'clear of' : 'under'} the notice`;
        });
      for (let i = 0; i < 25; i++) {
        await page.keyboard.press('Tab');
        const name = await page.evaluate(() => document.activeElement!.textContent);
        await expect.poll(where).toBe(`${name}: clear of the notice`);
      }
      await page.locator('section#cookie-notice button').click();
      await expect.poll(() => notice.isVisible()).toBe(false);
      await page.context().close();
    });

    it('shows an embedded video 16:9, not squashed to 150 px', async () => {
      const dir = site('', { 'content/articles/a.md': md({ title: 'Video', date: '2025-01-10', author: 'A' }, '<iframe src="https://www.youtube-nocookie.com/embed/x" width="560" height="315"></iframe>') });
      const origin = await serve(await built(dir));
      const page = await open(`${origin}/2025/01/10/a/`, { width: 360 });
      const box = await page.locator('.story-body iframe').boundingBox();
      expect(box!.height / box!.width).toBeCloseTo(9 / 16, 2);
      await page.context().close();
    });

    it('keeps what is typed into search readable in dark mode', async () => {
      const dir = site('', { 'content/articles/a.md': md({ title: 'Hotpot', date: '2025-01-10', author: 'A' }, 'Hotpot all night.') });
      const origin = await serve(await built(dir));
      const page = await open(`${origin}/search/`, { colorScheme: 'dark' });
      const input = page.locator('#search input');
      await input.waitFor({ state: 'visible' });
      const colours = await input.evaluate((e) => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor]);
      const lum = (c: string) => {
        const [r, g, b] = (c.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number).map((v) => v / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const [fg, bg] = colours.map(lum);
      expect((Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05), colours.join(' on ')).toBeGreaterThan(4.5);
      await page.context().close();
    });
  });
}

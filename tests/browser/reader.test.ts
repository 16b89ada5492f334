import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { REPO } from '../helpers/site.js';
import { ARTICLE, CHINESE_TAG, CONSENT_KEY, describeDemoInChromium, loadAllImages, watch } from './harness.js';

/** Written by this suite, ignored by git; the README's pictures are copied from here. */
const SHOTS = path.join(REPO, 'screenshots');

describeDemoInChromium('the demo newsroom in Chromium, as a reader sees it', (demo) => {
  it('loads every kind of page with no console error, no failed request and its images decoded', async () => {
    const page = await demo.chrome.context.newPage();
    for (const { name, path: p, status } of demo.pages) {
      const problems = watch(page, demo.origin);
      const res = await page.goto(demo.url(p), { waitUntil: 'load' });
      expect(res?.status(), name).toBe(status);
      await loadAllImages(page);
      await page.waitForLoadState('networkidle');
      expect(problems.console, `${name}: console errors`).toEqual([]);
      expect(problems.failed, `${name}: failed requests`).toEqual([]);
      const broken = await page.$$eval('img', (imgs) => imgs.filter((i) => i.naturalWidth === 0).map((i) => i.currentSrc || i.src));
      expect(broken, `${name}: images that did not load`).toEqual([]);
      page.removeAllListeners();
    }
    // The article shows its lead picture, and the listings their teaser pictures, not just the logo.
    await page.goto(demo.url(ARTICLE));
    expect(await page.locator('.story-image img').evaluate((i: HTMLImageElement) => i.naturalWidth)).toBeGreaterThan(0);
    await page.close();
  });

  it('shows the cookie notice until "I Agree", and not again after a reload or on another page', async () => {
    const context = await demo.chrome.browser.newContext();
    const page = await context.newPage();
    await page.goto(demo.url(ARTICLE));
    const notice = page.getByRole('region', { name: 'Cookie notice' });
    await expect.poll(() => notice.isVisible()).toBe(true);
    await expect.poll(() => notice.getByRole('link').getAttribute('href')).toBe('/privacy-cookie-policy/');
    await notice.getByRole('button', { name: 'I Agree' }).click();
    expect(await notice.isVisible()).toBe(false);
    expect(await page.evaluate((k) => localStorage.getItem(k), CONSENT_KEY)).toBe('accepted');
    await page.reload({ waitUntil: 'load' });
    expect(await page.locator('#cookie-notice').isHidden()).toBe(true);
    await page.goto(demo.url('/'), { waitUntil: 'load' });
    expect(await page.locator('#cookie-notice').isHidden()).toBe(true);
    // Another reader (a fresh context) still gets asked.
    const other = await (await demo.chrome.browser.newContext()).newPage();
    await other.goto(demo.url('/'), { waitUntil: 'load' });
    expect(await other.locator('#cookie-notice').isVisible()).toBe(true);
    await other.context().close();
    await context.close();
  });

  it('never scrolls sideways at 360 px or 1280 px, with the cookie notice showing', async () => {
    for (const width of [360, 1280]) {
      const context = await demo.chrome.browser.newContext({ viewport: { width, height: 800 } });
      const page = await context.newPage();
      for (const { name, path: p } of demo.pages) {
        await page.goto(demo.url(p), { waitUntil: 'load' });
        expect(await page.locator('#cookie-notice').isVisible(), `${name} at ${width} px: notice`).toBe(true);
        const overflow = await page.evaluate(() => {
          const root = document.documentElement;
          // Sticking out is fine inside a box that scrolls or clips (the section menu, a wide table).
          const contained = (e: Element) => {
            for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) if (getComputedStyle(a).overflowX !== 'visible') return true;
            return false;
          };
          const wide = [...document.body.querySelectorAll('*')]
            .filter((e) => e.getBoundingClientRect().right > root.clientWidth + 0.5 && !contained(e))
            .map((e) => `${e.tagName.toLowerCase()}.${e.className}`);
          return { scroll: root.scrollWidth - root.clientWidth, wide: wide.slice(0, 5) };
        });
        expect(overflow, `${name} at ${width} px`).toEqual({ scroll: 0, wide: [] });
      }
      await context.close();
    }
  });

  it('shows the Chinese tag page by its Chinese name, at a percent-encoded address, in a CJK font', async () => {
    const page = await demo.chrome.context.newPage();
    await page.goto(demo.url(ARTICLE));
    await page.getByRole('link', { name: '火锅', exact: true }).click();
    await page.waitForURL(demo.url(CHINESE_TAG));
    expect(page.url()).toBe(demo.url(CHINESE_TAG));
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('火锅');
    expect(await page.title()).toMatch(/^火锅 – /);
    // Rendered with a real CJK face (fonts-noto-cjk), not as empty boxes from a Latin font.
    const cdp = await demo.chrome.context.newCDPSession(page);
    const { root } = await cdp.send('DOM.getDocument');
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: 'h1' });
    await cdp.send('CSS.enable');
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    expect(fonts.filter((f) => /CJK|Han|Hei|Song|Ming/i.test(f.familyName)).reduce((n, f) => n + f.glyphCount, 0)).toBe(2);
    await page.close();
  });

  it('finds a story from the search page, this year\'s bundle and the merged archive alike', async () => {
    const page = await demo.chrome.context.newPage();
    const problems = watch(page, demo.origin);
    await page.goto(demo.url('/search/'), { waitUntil: 'load' });
    const box = page.getByRole('textbox', { name: 'Search' });
    // An article from 2024 (the archive bundle) and one from this year's.
    for (const [query, href] of [['hotpot late-night menus', ARTICLE], ['Chongqing homes within reach', '/2026/10/15/']]) {
      await box.fill(query);
      const hit = page.locator(`.pagefind-ui__result-link[href^="${href}"]`).first();
      await hit.waitFor({ state: 'visible' });
      expect(await hit.textContent(), query).toBeTruthy();
    }
    // ?q= starts a search (the WebSite SearchAction in the home page's JSON-LD).
    await page.goto(demo.url('/search/?q=cableway'), { waitUntil: 'load' });
    await page.locator('.pagefind-ui__result-link').first().waitFor({ state: 'visible' });
    await page.waitForLoadState('networkidle');
    expect(problems.console).toEqual([]);
    expect(problems.failed).toEqual([]);
    await page.close();
  });

  it('takes screenshots of the article and the home page at phone and desktop widths', async () => {
    mkdirSync(SHOTS, { recursive: true });
    const sizes = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 800 } };
    // The top 1,500 px of each page: the masthead, the lead and what follows it.
    const clip = (width: number) => ({ x: 0, y: 0, width, height: 1500 });
    const shots: Record<string, Buffer> = {};
    for (const [device, viewport] of Object.entries(sizes)) {
      const context = await demo.chrome.browser.newContext({ viewport, reducedMotion: 'reduce' });
      // A reader who has already agreed: the notice would cover the page's foot.
      await context.addInitScript((k) => localStorage.setItem(k, 'accepted'), CONSENT_KEY);
      const page = await context.newPage();
      for (const [name, p] of [['home', '/'], ['article', ARTICLE]]) {
        await page.goto(demo.url(p), { waitUntil: 'load' });
        await loadAllImages(page);
        const png = await page.screenshot({ fullPage: true, clip: clip(viewport.width), animations: 'disabled', caret: 'hide' });
        writeFileSync(path.join(SHOTS, `${name}-${device}.png`), png);
        shots[`${name}-${device}`] = png;
        expect(png.length).toBeGreaterThan(10_000);
      }
      await context.close();
    }
    for (const name of ['home', 'article']) {
      const composite = await sideBySide(await demo.chrome.context.newPage(), shots[`${name}-desktop`], shots[`${name}-phone`]);
      writeFileSync(path.join(SHOTS, `${name}.png`), composite);
    }
  });
});

/** The README picture: the desktop page and the phone page side by side on a grey ground. */
async function sideBySide(page: Page, desktop: Buffer, phone: Buffer): Promise<Buffer> {
  const img = (b: Buffer, w: number) => `<img src="data:image/png;base64,${b.toString('base64')}" width="${w}" alt="">`;
  await page.setViewportSize({ width: 1050, height: 932 });
  await page.setContent(`<!doctype html><style>
    body { margin: 0; background: #d9dce1; display: flex; gap: 16px; align-items: flex-start; padding: 16px; }
    img { display: block; border-radius: 6px; box-shadow: 0 2px 10px rgb(0 0 0 / 0.25); }
  </style>${img(desktop, 768)}${img(phone, 234)}`);
  await page.waitForFunction(() => [...document.images].every((i) => i.complete && i.naturalWidth > 0));
  const png = await page.screenshot();
  await page.close();
  return png;
}

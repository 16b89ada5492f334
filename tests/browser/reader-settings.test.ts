import { AxeBuilder } from '@axe-core/playwright';
import { expect, it } from 'vitest';
import { ARTICLE, CONSENT_KEY, describeDemoInChromium, LIVE_BLOG } from './harness.js';

// The demo newsroom as readers with other settings use it: zoomed in, on paper, by finger, with a
// screen reader. What tests/browser/quality.test.ts and reader.test.ts do not already look at.
describeDemoInChromium('the demo newsroom at a reader\'s own settings', (demo) => {
  it('keeps the cookie notice from covering the page at 400 % zoom (320 × 256): it sits after the footer, and "I Agree" works from the keyboard', async () => {
    // 400 % of a 1280 × 1024 window is a 320 × 256 one (WCAG's reflow size). The notice's three
    // lines of text and its button were 155 px of those 256, fixed over the story.
    const context = await demo.chrome.browser.newContext({ viewport: { width: 320, height: 256 } });
    const page = await context.newPage();
    await page.goto(demo.url(ARTICLE), { waitUntil: 'load' });
    const notice = page.locator('#cookie-notice');
    await notice.waitFor({ state: 'attached' });
    await expect.poll(() => page.evaluate(() => !document.querySelector<HTMLElement>('#cookie-notice')!.hidden)).toBe(true);
    const where = () =>
      page.evaluate(() => {
        const box = document.querySelector('#cookie-notice')!.getBoundingClientRect();
        const footer = document.querySelector('.site-footer')!.getBoundingClientRect();
        return { covers: Math.max(0, Math.min(box.bottom, innerHeight) - Math.max(box.top, 0)), afterFooter: box.top >= footer.bottom - 0.5 };
      });
    expect(await where()).toEqual({ covers: 0, afterFooter: true });
    // The keyboard reaches it last, as before, and Enter agrees.
    await page.locator('#cookie-accept').focus();
    await page.keyboard.press('Enter');
    expect(await notice.isHidden()).toBe(true);
    expect(await page.evaluate((k) => localStorage.getItem(k), CONSENT_KEY)).toBe('accepted');
    await context.close();

    // At 200 % (640 × 400) it still fits in a fifth of the window: fixed, as on any screen. A
    // reader who zooms in after the page has loaded (the window's size changes) gets the notice
    // moved out of the way then.
    const zoomed = await demo.chrome.browser.newContext({ viewport: { width: 640, height: 400 } });
    const page2 = await zoomed.newPage();
    await page2.goto(demo.url(ARTICLE), { waitUntil: 'load' });
    await page2.locator('#cookie-notice').waitFor({ state: 'visible' });
    const fixed = () => page2.evaluate(() => getComputedStyle(document.querySelector('#cookie-notice')!).position);
    expect(await fixed()).toBe('fixed');
    expect(await page2.evaluate(() => document.querySelector('#cookie-notice')!.getBoundingClientRect().height * 3 <= innerHeight)).toBe(true);
    await page2.setViewportSize({ width: 320, height: 256 });
    await expect.poll(fixed).toBe('static');
    await page2.setViewportSize({ width: 1280, height: 800 });
    await expect.poll(fixed).toBe('fixed');
    await zoomed.close();
  });

  it.each([390, 1280])('gives every link and button a tap target of 24 px or the room around it (axe-core target-size, WCAG 2.5.8) at %i px', async (width) => {
    // axe-core leaves this rule out unless asked. The home page's lead story had its section link
    // ("BUSINESS", 15 px high) so close above its big headline that a finger meant for one hit both.
    const context = await demo.chrome.browser.newContext({ viewport: { width, height: 800 } });
    const page = await context.newPage();
    for (const { name, path: p } of demo.pages) {
      await page.goto(demo.url(p), { waitUntil: 'load' });
      await page.locator('#cookie-notice').waitFor({ state: 'visible' });
      const { violations } = await new AxeBuilder({ page }).withRules(['target-size']).analyze();
      expect(violations.flatMap((v) => v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary}`)), name).toEqual([]);
    }
    await context.close();
  });

  it('prints a live blog\'s updates with their times, and not their "Link to this update" links', async () => {
    const context = await demo.chrome.browser.newContext();
    await context.addInitScript((k) => localStorage.setItem(k, 'accepted'), CONSENT_KEY);
    const page = await context.newPage();
    await page.goto(demo.url(LIVE_BLOG), { waitUntil: 'load' });
    const shown = (sel: string) => page.locator(sel).evaluateAll((es) => es.filter((e) => e.getClientRects().length > 0).length);
    const updates = await page.locator('.live-update').count();
    expect(updates).toBeGreaterThan(2);
    expect(await shown('.live-update-link')).toBe(updates);
    await page.emulateMedia({ media: 'print' });
    expect(await shown('.live-update h2 time')).toBe(updates);
    expect(await shown('.live-update-link')).toBe(0);
    await context.close();
  });

  it('names the page links "Newer", "Page 2" (the current one too) and "Older" for a screen reader, not "left arrow Newer"', async () => {
    const page = await (await demo.chrome.browser.newContext()).newPage();
    await page.goto(demo.url('/page/2/'), { waitUntil: 'load' });
    // Chromium's own accessibility tree: what a screen reader is given.
    const cdp = await page.context().newCDPSession(page);
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const names = nodes.filter((n) => n.role?.value === 'link' && !n.ignored).map((n) => String(n.name?.value ?? '').trim());
    const pager = names.filter((n) => /Newer|Older|^Page \d|^\d+$/.test(n)).sort();
    expect(pager).toEqual(['Newer', 'Older', 'Page 1', 'Page 2', 'Page 3', 'Page 4']);
    expect(await page.locator('.pagination [aria-current="page"]').getAttribute('aria-label')).toBe('Page 2');
    // The arrows are still there to see.
    expect(await page.locator('.pagination a[rel="prev"]').textContent()).toBe('← Newer');
    await page.context().close();
  });
});

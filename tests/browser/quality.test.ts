import { statSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { filesUnder } from '../helpers/demo.js';
import { axe } from './axe.js';
import { ARABIC_ARTICLE, ARTICLE, CONSENT_KEY, describeDemoInChromium, watch } from './harness.js';

/** The default theme's budget for an article: its HTML, CSS and JavaScript, before images. */
const ARTICLE_BUDGET = 60 * 1024;

describeDemoInChromium('the demo newsroom in Chromium: accessibility and budgets', (demo) => {
  // Dark mode only swaps colours, so there it is the contrast rule that matters.
  it.each([
    { mode: 'light', colorScheme: 'light', width: 1280, rules: undefined },
    { mode: 'light', colorScheme: 'light', width: 390, rules: undefined },
    { mode: 'dark (contrast)', colorScheme: 'dark', width: 1280, rules: ['color-contrast'] },
  ] as const)('has no serious or critical axe-core violation on any kind of page: $mode, $width px', async ({ colorScheme, width, rules }) => {
    // A fresh context: the cookie notice is showing and is checked with the page.
    const context = await demo.chrome.browser.newContext({ colorScheme, viewport: { width, height: 800 } });
    const page = await context.newPage();
    for (const { name, path: p } of demo.pages) {
      await page.goto(demo.url(p), { waitUntil: 'load' });
      await page.locator('#cookie-notice').waitFor({ state: 'visible' });
      const { violations } = await axe(page, { only: rules && [...rules] });
      const bad = violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`);
      expect(bad, name).toEqual([]);
    }
    await context.close();
  });

  it('finds with its axe-core helper what the checks above look for: a serious violation, a rule asked for, a part of the page', async () => {
    const page = await (await demo.chrome.browser.newContext({ viewport: { width: 390, height: 800 } })).newPage();
    await page.setContent('<!doctype html><html lang="en"><head><title>t</title></head><body><main><p id="a"><img src="x.png"></p><p id="b" style="color:#ccc;background:#fff">Pale words</p><p id="c"><a href="/" style="display:inline-block;width:8px;height:8px"></a><a href="/" style="display:inline-block;width:8px;height:8px">b</a></p></main></body></html>');
    const ids = (r: { violations: { id: string }[] }) => r.violations.map((v) => v.id).sort();
    expect(ids(await axe(page))).toEqual(expect.arrayContaining(['color-contrast', 'image-alt', 'link-name']));
    expect(ids(await axe(page))).not.toContain('target-size');
    expect(ids(await axe(page, { only: ['target-size'] }))).toEqual(['target-size']);
    expect(ids(await axe(page, { include: '#b' }))).toEqual(['color-contrast']);
    await page.context().close();
  });

  it('runs an Arabic story right to left in its own language inside the English page, the theme\'s words left to right in English', async () => {
    const page = await (await demo.chrome.browser.newContext()).newPage();
    await page.goto(demo.url(ARABIC_ARTICLE), { waitUntil: 'load' });
    const look = await page.evaluate(() => {
      const of = (sel: string) => {
        const e = document.querySelector(sel)!;
        return { lang: e.closest('[lang]')!.getAttribute('lang'), dir: getComputedStyle(e).direction };
      };
      return { html: of('html'), h1: of('h1'), body: of('.story-body p'), meta: of('.story-meta'), nav: of('.site-nav'), related: of('.related h2') };
    });
    expect(look).toEqual({
      html: { lang: 'en', dir: 'ltr' },
      h1: { lang: 'ar', dir: 'rtl' },
      body: { lang: 'ar', dir: 'rtl' },
      meta: { lang: 'en', dir: 'ltr' },
      nav: { lang: 'en', dir: 'ltr' },
      related: { lang: 'en', dir: 'ltr' },
    });
    // On the section's page its card's headline does the same.
    await page.goto(demo.url('/business/'), { waitUntil: 'load' });
    const card = page.locator(`.card-title:has(a[href="${ARABIC_ARTICLE}"])`);
    expect(await card.evaluate((e) => [e.getAttribute('lang'), getComputedStyle(e).direction])).toEqual(['ar', 'rtl']);
    await page.context().close();
  });

  it('keeps the largest article page, with its CSS and JavaScript, under 60 KB before images', async () => {
    // The heaviest article page in the demo, by its own HTML.
    const articles = filesUnder(demo.dist, 'index.html').filter((f) => /^\d{4}\/\d{2}\/\d{2}\/[^/]+\/index\.html$/.test(f));
    expect(articles.length).toBeGreaterThan(20);
    const heaviest = articles.map((f) => ({ f, size: statSync(path.join(demo.dist, f)).size })).sort((a, b) => b.size - a.size)[0].f;
    const page = await (await demo.chrome.browser.newContext()).newPage();
    const bytes = new Map<string, number>();
    const reads: Promise<void>[] = [];
    page.on('response', (r) => {
      const type = r.request().resourceType();
      if (type === 'document' || type === 'stylesheet' || type === 'script') reads.push(r.body().then((b) => void bytes.set(r.url(), b.length), () => void bytes.set(r.url(), Number.NaN)));
    });
    await page.goto(demo.url(`/${path.posix.dirname(heaviest)}/`), { waitUntil: 'networkidle' });
    await Promise.all(reads);
    const total = [...bytes.values()].reduce((a, b) => a + b, 0);
    const types = [...bytes.keys()].map((u) => path.extname(new URL(u).pathname) || '.html').sort();
    expect(types).toEqual(['.css', '.html', '.js']);
    expect(total, `${heaviest}: ${[...bytes].map(([u, n]) => `${new URL(u).pathname} ${n}`).join(', ')}`).toBeLessThan(ARTICLE_BUDGET);
    await page.context().close();
  });

  it('asks no other origin for anything, and has nothing render-blocking from elsewhere in <head>', async () => {
    const page = await (await demo.chrome.browser.newContext()).newPage();
    for (const { name, path: p } of demo.pages) {
      const problems = watch(page, demo.origin);
      await page.goto(demo.url(p), { waitUntil: 'networkidle' });
      expect(problems.thirdParty, `${name}: requests to another origin`).toEqual([]);
      const foreign = await page.evaluate(() =>
        [...document.head.querySelectorAll('script[src], link[rel~="stylesheet"], link[rel~="preload"], link[rel~="modulepreload"], link[rel~="icon"], style')]
          .filter((e) => (e instanceof HTMLStyleElement ? /@import/.test(e.textContent ?? '') : new URL((e as HTMLScriptElement).src || (e as HTMLLinkElement).href).origin !== location.origin))
          .map((e) => e.outerHTML),
      );
      expect(foreign, `${name}: <head> resources from another origin`).toEqual([]);
      page.removeAllListeners();
    }
    await page.context().close();
  });

  it('never moves the page while it loads or when the cookie notice shows and goes: no layout shift, the same positions', async () => {
    for (const width of [390, 1280]) {
      const fresh = await demo.chrome.browser.newContext({ viewport: { width, height: 800 } });
      const page = await fresh.newPage();
      await page.addInitScript(() => {
        (window as unknown as { shifts: unknown[] }).shifts = [];
        // Each shift with what moved, from where to where: a failure says which element it was (a
        // run of the whole suite on a loaded machine once saw one of 0.00004 at 1280 px; Chromium
        // reported no move under 3 px in a trial, so something small moved further than that).
        const rect = (r: DOMRectReadOnly) => [r.x, r.y, r.width, r.height].map((n) => Math.round(n * 10) / 10).join(',');
        new PerformanceObserver((list) => {
          for (const e of list.getEntries() as unknown as { value: number; sources?: { node?: Node; previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly }[] }[]) {
            const moved = (e.sources ?? []).map((s) => `${s.node instanceof Element ? `${s.node.tagName.toLowerCase()}${s.node.id ? `#${s.node.id}` : ''}${s.node.className ? `.${String(s.node.className).split(' ').join('.')}` : ''}` : s.node?.nodeName ?? '?'} ${rect(s.previousRect)} → ${rect(s.currentRect)}`);
            (window as unknown as { shifts: unknown[] }).shifts.push({ value: e.value, moved });
          }
        }).observe({ type: 'layout-shift', buffered: true });
      });
      // Pictures that arrive after the first paint, as on a slow connection: the space for them is
      // kept from the start.
      await page.route(/\.(jpg|png|svg)$/, async (route) => {
        await new Promise((r) => setTimeout(r, 300));
        await route.continue();
      });
      await page.goto(demo.url(ARTICLE), { waitUntil: 'load' });
      await page.locator('#cookie-notice').waitFor({ state: 'visible' });
      const withNotice = await positions(page);
      expect(await page.evaluate(() => (window as unknown as { shifts: unknown[] }).shifts), `${width} px: layout shifts`).toEqual([]);
      await page.getByRole('button', { name: 'I Agree' }).click();
      await page.locator('#cookie-notice').waitFor({ state: 'hidden' });
      expect(await positions(page), `${width} px: after "I Agree"`).toEqual(withNotice);

      // A reader who agreed earlier never sees it: the page lays out exactly the same, but for the
      // room the footer leaves under its last line for a notice taller than its own (on a phone).
      const agreed = await demo.chrome.browser.newContext({ viewport: { width, height: 800 } });
      await agreed.addInitScript((k) => localStorage.setItem(k, 'accepted'), CONSENT_KEY);
      const again = await agreed.newPage();
      await again.goto(demo.url(ARTICLE), { waitUntil: 'load' });
      expect(await again.locator('#cookie-notice').isHidden()).toBe(true);
      const without = await positions(again);
      const room = withNotice.footer![3] - without.footer![3];
      expect(room, `${width} px: room under the footer`).toBeGreaterThanOrEqual(0);
      expect(room, `${width} px: room under the footer`).toBeLessThan(width < 500 ? 120 : 1);
      const grown = { ...without, doc: [without.doc[0], without.doc[1] + room], footer: [...without.footer!.slice(0, 3), without.footer![3] + room] };
      expect(grown, `${width} px: without the notice`).toEqual(withNotice);
      await fresh.close();
      await agreed.close();
    }
  });
});

/** Where the page's landmarks and its headline sit, and how tall and wide the document is. */
function positions(page: Page) {
  return page.evaluate(() => {
    const box = (sel: string) => {
      const r = document.querySelector(sel)?.getBoundingClientRect();
      return r ? [r.x, r.y + window.scrollY, r.width, r.height].map(Math.round) : null;
    };
    return {
      doc: [document.documentElement.scrollWidth, document.documentElement.scrollHeight],
      header: box('.site-header'),
      h1: box('h1'),
      main: box('main'),
      footer: box('.site-footer'),
    };
  });
}

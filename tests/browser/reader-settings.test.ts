import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, md, writeSite } from '../helpers/site.js';
import { serveUnder } from '../publish/serve.js';
import { axe } from './axe.js';
import { ARTICLE, CHROMIUM, CONSENT_KEY, describeDemoInChromium, launchChromium, LIVE_BLOG, MISSING_CHROMIUM, type Chromium } from './harness.js';

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

  it('keeps every link the keyboard reaches clear of the cookie notice on a 320 × 640 phone, down to the footer\'s last line', async () => {
    // The notice is 155 px high there and the footer left 80 px under its last line: the e-mail
    // and "Leave a message" links took the focus entirely under it, where no scrolling could reach.
    const context = await demo.chrome.browser.newContext({ viewport: { width: 320, height: 640 }, reducedMotion: 'reduce' });
    const page = await context.newPage();
    await page.goto(demo.url(ARTICLE), { waitUntil: 'load' });
    await page.locator('#cookie-notice').waitFor({ state: 'visible' });
    const under: string[] = [];
    for (let i = 0; i < 150; i++) {
      await page.keyboard.press('Tab');
      const stop = await page.evaluate(() => {
        const a = document.activeElement!;
        const notice = document.querySelector('#cookie-notice')!;
        return { name: a.textContent!.trim(), inNotice: notice.contains(a), clear: a.getBoundingClientRect().bottom <= notice.getBoundingClientRect().top + 0.5 };
      });
      if (stop.inNotice) break;
      if (!stop.clear) under.push(stop.name);
    }
    expect(under).toEqual([]);
    // The keyboard got through the page to the notice's own policy link.
    expect(await page.evaluate(() => !!document.activeElement!.closest('#cookie-notice'))).toBe(true);
    // Scrolled to the end, the footer's last line shows above the notice.
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    expect(await page.evaluate(() => document.querySelector('.footer-copyright')!.getBoundingClientRect().bottom <= document.querySelector('#cookie-notice')!.getBoundingClientRect().top)).toBe(true);
    await context.close();
  });

  it.each([390, 1280])('draws the whole focus ring of every stop the keyboard makes, none cut off by a box that clips, at %i px', async (width) => {
    // The section menu scrolls sideways inside itself, so it clips: the ring drawn 2 px outside a
    // section link lost its top and bottom, two blue bars either side of the word.
    const context = await demo.chrome.browser.newContext({ viewport: { width, height: 800 }, reducedMotion: 'reduce' });
    await context.addInitScript((k) => localStorage.setItem(k, 'accepted'), CONSENT_KEY);
    const page = await context.newPage();
    for (const p of ['/', ARTICLE, '/tags/rail-freight/']) {
      await page.goto(demo.url(p), { waitUntil: 'load' });
      const cut: string[] = [];
      for (let i = 0; i < 60; i++) {
        await page.keyboard.press('Tab');
        const stop = await page.evaluate(() => {
          const a = document.activeElement!;
          if (a === document.body) return null;
          const s = getComputedStyle(a);
          const out = parseFloat(s.outlineOffset) + parseFloat(s.outlineWidth);
          const r = a.getBoundingClientRect();
          const ring = { top: r.top - out, bottom: r.bottom + out, left: r.left - out, right: r.right + out };
          for (let b = a.parentElement; b && b !== document.body; b = b.parentElement) {
            const bs = getComputedStyle(b);
            if (bs.overflowX === 'visible' && bs.overflowY === 'visible') continue;
            const c = b.getBoundingClientRect();
            // The ring cut off on a side where the link itself is whole. (A link scrolled partly out
            // of the menu is another matter: Chromium leaves one it can show 32 px of where it is.)
            const cutAt = (ring.top < c.top - 0.5 && r.top >= c.top - 0.5) || (ring.bottom > c.bottom + 0.5 && r.bottom <= c.bottom + 0.5) || (ring.left < c.left - 0.5 && r.left >= c.left - 0.5) || (ring.right > c.right + 0.5 && r.right <= c.right + 0.5);
            if (cutAt) return `${a.textContent!.trim()} (cut by ${b.tagName.toLowerCase()}.${b.className})`;
          }
          return '';
        });
        if (stop === null) break;
        if (stop) cut.push(stop);
      }
      expect(cut, p).toEqual([]);
    }
    await context.close();
  });

  it.each([390, 1280])('gives every link and button a tap target of 24 px or the room around it (axe-core target-size, WCAG 2.5.8) at %i px', async (width) => {
    // axe-core leaves this rule out unless asked. The home page's lead story had its section link
    // ("BUSINESS", 15 px high) so close above its big headline that a finger meant for one hit both.
    const context = await demo.chrome.browser.newContext({ viewport: { width, height: 800 } });
    const page = await context.newPage();
    for (const { name, path: p } of demo.pages) {
      await page.goto(demo.url(p), { waitUntil: 'load' });
      await page.locator('#cookie-notice').waitFor({ state: 'visible' });
      const { violations } = await axe(page, { only: ['target-size'] });
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

  it('prints the same black-on-white page for a reader in dark mode as for one in light mode', async () => {
    // A story with links in its body: in dark mode they were #e9ebee, light grey on white paper,
    // and the section kicker a pale red.
    const page = await (await demo.chrome.browser.newContext()).newPage();
    await page.goto(demo.url('/2024/09/05/what-the-heat-taught-the-grid/'), { waitUntil: 'load' });
    const colours = () =>
      page.evaluate(() =>
        ['body', '.story-title', '.story-body p a', '.kicker a', '.byline a', '.standfirst', '.story-meta'].map((sel) => {
          const e = document.querySelector(sel);
          return `${sel}: ${e ? getComputedStyle(e).color : 'missing'}`;
        }),
      );
    await page.emulateMedia({ media: 'print', colorScheme: 'light' });
    const light = await colours();
    expect(light.filter((c) => c.endsWith('missing'))).toEqual([]);
    await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
    expect(await colours()).toEqual(light);
    // The screen still has its dark mode.
    await page.emulateMedia({ media: 'screen', colorScheme: 'dark' });
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(18, 20, 24)');
    await page.context().close();
  });

  it('marks the current section and page number in forced colours (Windows\' contrast themes), where the theme\'s colours are gone', async () => {
    // Forced colours paint every border the reader's colour: each section link got the current
    // one's underline, and the current page number lost its dark box.
    const context = await demo.chrome.browser.newContext({ forcedColors: 'active' });
    const page = await context.newPage();
    await page.goto(demo.url('/business/'), { waitUntil: 'load' });
    expect(await page.evaluate(() => matchMedia('(forced-colors: active)').matches)).toBe(true);
    const underlines = await page.locator('.site-nav a').evaluateAll((as) =>
      as.map((a) => `${a.textContent}${a.hasAttribute('aria-current') ? ' (current)' : ''}: ${getComputedStyle(a).borderBottomWidth}, ${Math.round(a.getBoundingClientRect().height)} px`),
    );
    const height = underlines[0].split(', ')[1];
    expect(underlines).toEqual(['Home', 'Business (current)', 'Transport', 'Culture', 'Weather', 'Insights'].map((n) => `${n}: ${n.includes('current') ? '3px' : '0px'}, ${height}`));
    await page.goto(demo.url('/page/2/'), { waitUntil: 'load' });
    const backgrounds = await page.locator('.pager-pages a').evaluateAll((as) => as.map((a) => getComputedStyle(a).backgroundColor));
    const canvas = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(backgrounds.map((b, i) => (b === canvas || b.endsWith(', 0)') ? 'plain' : `box ${i + 1}`))).toEqual(['plain', 'box 2', 'plain', 'plain']);
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

// An English site (dates written day first, as in Britain) with a story in Arabic, and a story in
// English by a writer whose name is in Arabic.
if (!existsSync(CHROMIUM)) describe('pages in two directions', () => it('has Chromium to run in', () => expect.fail(MISSING_CHROMIUM)));
else {
  describe('pages in two directions', () => {
    let chrome: Chromium;
    let server: Awaited<ReturnType<typeof serveUnder>>;
    beforeAll(async () => {
      const dir = writeSite({
        'dateline.config.ts': `export default { title: 'Test Herald', baseUrl: 'https://news.example.org/', timeZone: 'UTC', locale: 'en-GB' };\n`,
        'content/articles/ar.md': md({ title: 'قطار الشحن يصل في الموعد!', date: '2025-01-10', author: 'A', language: 'ar' }, 'يصل قطار الشحن إلى الميناء كل أسبوع.'),
        'content/articles/en.md': md({ title: 'Will the freight train arrive on time?', date: '2025-01-11', author: 'A' }, 'The freight train reaches the port every week.'),
        'content/articles/by.md': md({ title: 'Port traffic rises', date: '2025-01-12', author: 'سامي حداد' }, 'Port traffic rose again.'),
        'content/articles/table.md': md({ title: 'Freight by month', date: '2025-01-09', author: 'A' }, `The figures:\n\n| ${Array.from({ length: 14 }, (_, i) => `Month ${i + 1}`).join(' | ')} |\n|${' --- |'.repeat(14)}\n| ${Array.from({ length: 14 }, (_, i) => `${1000 + i} tonnes`).join(' | ')} |`),
      });
      const out = path.join(mkdtempSync(path.join(tmpdir(), 'dateline-bidi-')), 'dist');
      const r = await cli(['build', dir, '--out', out, '--now', '2025-06-01T00:00:00Z']);
      expect(r.code, r.stderr).toBe(0);
      [chrome, server] = await Promise.all([launchChromium(), serveUnder(out, '/')]);
    });
    afterAll(async () => {
      await server?.close();
      await chrome?.close();
    });

    it('shows an Arabic headline right to left among English ones, its "!" at its end (the left), not before its first word', async () => {
      const page = await (await chrome.browser.newContext({ viewport: { width: 1000, height: 800 } })).newPage();
      for (const [query, rtl] of [['قطار', true], ['freight', false]] as const) {
        await page.goto(`${server.origin}/search/?q=${encodeURIComponent(query)}`, { waitUntil: 'load' });
        const link = page.locator('.pagefind-ui__result-link').first();
        await link.waitFor({ state: 'visible' });
        // Where the headline's first and last letters are drawn, and which side of its box it keeps to.
        const look = await link.evaluate((a) => {
          const text = a.firstChild as Text;
          const at = (i: number) => {
            const r = document.createRange();
            r.setStart(text, i);
            r.setEnd(text, i + 1);
            return r.getBoundingClientRect();
          };
          const first = at(0);
          const last = at(text.length - 1);
          const box = a.closest('.pagefind-ui__result-title')!.getBoundingClientRect();
          const line = a.getBoundingClientRect();
          const [left, right] = [Math.abs(line.left - box.left) < 1, Math.abs(line.right - box.right) < 1];
          return { endsLeftOfStart: last.left < first.left, side: left && right ? 'both' : left ? 'left' : right ? 'right' : 'middle' };
        });
        expect(look, query).toEqual(rtl ? { endsLeftOfStart: true, side: 'right' } : { endsLeftOfStart: false, side: 'left' });
      }
      await page.context().close();
    });

    it('lets the keyboard reach and scroll a table wider than the phone (axe-core scrollable-region-focusable)', async () => {
      const page = await (await chrome.browser.newContext({ viewport: { width: 390, height: 800 } })).newPage();
      await page.goto(`${server.origin}/2025/01/09/table/`, { waitUntil: 'load' });
      const table = page.locator('.story-body table');
      expect(await table.evaluate((t) => t.scrollWidth > t.clientWidth)).toBe(true);
      const { violations } = await axe(page, { include: '.story-body', only: ['scrollable-region-focusable'] });
      expect(violations.map((v) => v.id)).toEqual([]);
      await table.focus();
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => table.evaluate((t) => t.scrollLeft)).toBeGreaterThan(0);
      await page.context().close();
    });

    it('keeps a byline\'s Arabic name from pulling the date\'s day before it ("By 2 | سامي حداد Jan 2025")', async () => {
      const page = await (await chrome.browser.newContext({ viewport: { width: 1000, height: 800 } })).newPage();
      for (const [p, meta] of [['/2025/01/12/by/', '.story-meta'], ['/', '.card:has(a[href="/2025/01/12/by/"]) .meta']]) {
        await page.goto(server.origin + p, { waitUntil: 'load' });
        // The day ("12") is drawn after the name, and before the month, as the words run.
        const order = await page.locator(meta).evaluate((m) => {
          const name = m.querySelector('a[rel="author"]')!.getBoundingClientRect();
          const text = m.querySelector('time')!.firstChild as Text;
          const r = document.createRange();
          r.setStart(text, 0);
          r.setEnd(text, 2);
          const day = r.getBoundingClientRect();
          r.setStart(text, 3);
          r.setEnd(text, 6);
          const month = r.getBoundingClientRect();
          return { text: text.data, dayAfterName: day.left > name.right, monthAfterDay: month.left > day.right };
        });
        expect(order, p).toEqual({ text: '12 Jan 2025', dayAfterName: true, monthAfterDay: true });
      }
      await page.context().close();
    });
  });
}

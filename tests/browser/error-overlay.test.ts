import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { md, writeSite } from '../helpers/site.js';
import { NOW, spawnCli, stopChild, waitFor, type Running } from '../helpers/watch.js';
import { CHROMIUM, launchChromium, MISSING_CHROMIUM, type Chromium } from './harness.js';

// An editor breaks a story's front matter while `dateline serve` runs. The errors come up as a
// modal dialog that a keyboard or a screen reader is taken to, that gives the focus back when it
// goes, and that neither covers nor is covered by the theme's cookie notice.

/** True when what is at the centre of the element (the top of the hit test) is the element or inside it. */
const onTop = (page: Page, selector: string) =>
  page.evaluate((s) => {
    const node = document.querySelector(s)!;
    const r = node.getBoundingClientRect();
    return r.width > 0 && node.contains(document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2));
  }, selector);

const focusedText = (page: Page) => page.evaluate(() => `${document.activeElement?.tagName} ${document.activeElement?.textContent?.trim().slice(0, 40)}`);
const focusIn = (page: Page, selector: string) => page.evaluate((s) => !!document.querySelector(s)?.contains(document.activeElement), selector);

if (!existsSync(CHROMIUM)) describe('the error overlay in Chromium', () => it('has Chromium to run in', () => expect.fail(MISSING_CHROMIUM)));
else {
  describe('the error overlay in Chromium', () => {
    let chrome: Chromium | undefined;
    const children: Running[] = [];
    afterAll(async () => {
      await Promise.all(children.map((c) => stopChild(c)));
      await chrome?.close();
    });

    for (const viewport of [{ width: 375, height: 667 }, { width: 1280, height: 800 }]) {
      it(`at ${viewport.width} px: takes focus as an alert dialog over the cookie notice, gives it back on Escape, Close and the reload after the fix`, async () => {
        // A long headline: a warning, so the warnings panel shows next to the cookie notice too.
        const headline = `Alpha ${'a very long headline '.repeat(10)}`;
        const story = (title: string) =>
          md({ date: '2025-03-01T10:00:00+08:00', author: 'Li Wei', title }, `Read [the timetable](/) first.\n\n${Array.from({ length: 12 }, (_, i) => `Paragraph ${i + 1} of the story.`).join('\n\n')}`);
        const broken = (title: string) => story(title).replace('title: ', 'title: "');
        const dir = writeSite({ 'content/articles/alpha.md': story(headline) });
        const file = path.join(dir, 'content/articles/alpha.md');
        const c = spawnCli(['serve', dir, '--port', '0', '--now', NOW]);
        children.push(c);
        const origin = (await waitFor(() => /Serving (http:\/\/127\.0\.0\.1:\d+)\//.exec(c.stdout()), 'the URL'))[1];
        chrome ??= await launchChromium();
        const context = await chrome.browser.newContext({ viewport });
        const tab = await context.newPage();
        await tab.goto(`${origin}/2025/03/01/alpha/`, { waitUntil: 'load', timeout: 10_000 });
        await tab.locator('#__dateline-warnings').waitFor({ timeout: 10_000 });
        // The warnings panel leaves the cookie notice's button to press.
        expect(await tab.locator('#cookie-notice').isVisible()).toBe(true);
        expect(await onTop(tab, '#cookie-accept'), '"I Agree" under the warnings panel').toBe(true);
        const link = tab.locator('.story-body a', { hasText: 'the timetable' });
        await link.focus();

        writeFileSync(file, broken(headline));
        const dialog = tab.getByRole('alertdialog', { name: 'The site did not build: 1 error' });
        await dialog.waitFor({ timeout: 20_000 });
        // Focus is on its Close button, and what a screen reader is told: a modal alert dialog, its
        // title, and the first error with its file, line and fix.
        expect(await focusedText(tab)).toBe('BUTTON Close');
        expect(await focusIn(tab, '#__dateline-overlay')).toBe(true);
        const cdp = await context.newCDPSession(tab);
        const { root } = await cdp.send('DOM.getDocument');
        const { nodes } = await cdp.send('Accessibility.queryAXTree', { nodeId: root.nodeId, role: 'alertdialog' });
        expect(nodes).toHaveLength(1);
        const ax = nodes[0];
        expect(ax.name?.value).toBe('The site did not build: 1 error');
        expect(ax.description?.value).toMatch(/^This page is the last good build\. .* FRONT_MATTER_SYNTAX content\/articles\/alpha\.md:4:10 The front matter is not valid YAML.* Fix: Inside "double quotes"/);
        expect(ax.description?.value).not.toContain('> 4 |');
        expect(ax.properties?.find((p) => p.name === 'modal')?.value.value).toBe(true);
        // Over everything: its Close button is what is at its centre, and Tab stays in it.
        expect(await onTop(tab, '#__dateline-overlay button')).toBe(true);
        // Even over a cookie wall the page puts up afterwards across the window at the highest
        // z-index, as consent managers do: the dialog is in the top layer.
        const wall = `position:fixed;inset:0;z-index:2147483647;background:#fff`;
        await tab.evaluate((style) => {
          const notice = document.getElementById('cookie-notice')!;
          notice.setAttribute('style', style);
          document.body.appendChild(notice);
        }, wall);
        expect(await onTop(tab, '#__dateline-overlay button'), 'Close under a cookie wall').toBe(true);
        await tab.evaluate(() => document.getElementById('cookie-notice')!.removeAttribute('style'));
        await tab.keyboard.press('Tab');
        expect(await focusIn(tab, '#__dateline-overlay')).toBe(true);
        expect(await focusedText(tab)).toMatch(/^PRE /);

        // Another save with the same error (a new story): the dialog, and the focus in it, stay.
        // The client tells its BroadcastChannel each event before it acts on it, so a second
        // channel heard of it once the client has shown it.
        await tab.evaluate(() => {
          const w = window as unknown as { reports: number; seen?: Element };
          w.reports = 0;
          w.seen = document.getElementById('__dateline-overlay')!;
          new BroadcastChannel('dateline-live-reload').onmessage = (m) => m.data.type === 'errors' && w.reports++;
        });
        writeFileSync(path.join(dir, 'content/articles/beta.md'), md({ date: '2025-03-02T10:00:00+08:00', author: 'Li Wei', title: 'Beta' }, 'Beta.'));
        await waitFor(() => tab.evaluate(() => (window as unknown as { reports: number }).reports === 1), 'the second failed build', 20_000);
        expect(await tab.evaluate(() => (window as unknown as { seen: Element }).seen === document.getElementById('__dateline-overlay'))).toBe(true);
        expect(await focusedText(tab)).toMatch(/^PRE /);

        // Escape: gone, and the keyboard back on the story's link; "I Agree" can be pressed again.
        await tab.keyboard.press('Escape');
        expect(await tab.locator('#__dateline-overlay').count()).toBe(0);
        expect(await focusedText(tab)).toBe('A the timetable');
        expect(await onTop(tab, '#cookie-accept')).toBe(true);

        // Another mistake opens it again; Close gives the focus back too.
        writeFileSync(file, broken(`${headline} again`));
        await dialog.waitFor({ timeout: 20_000 });
        expect(await focusedText(tab)).toBe('BUTTON Close');
        await dialog.getByRole('button', { name: 'Close the errors' }).click();
        expect(await tab.locator('#__dateline-overlay').count()).toBe(0);
        expect(await focusedText(tab)).toBe('A the timetable');

        // Open once more, then the fix: the page reloads without it, the keyboard on the same link.
        writeFileSync(file, broken(`${headline} once more`));
        await dialog.waitFor({ timeout: 20_000 });
        writeFileSync(file, story(`Fixed ${headline}`));
        await waitFor(() => tab.textContent('h1').then((t) => t?.startsWith('Fixed ')), 'the reload after the fix', 20_000);
        await tab.waitForLoadState('load');
        expect(await tab.locator('#__dateline-overlay').count()).toBe(0);
        await waitFor(async () => (await focusedText(tab)) === 'A the timetable', 'the focus back on the link after the reload', 5_000);
        await context.close();
      }, 90_000);
    }
  });
}

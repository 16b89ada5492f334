import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { md, writeSite } from '../helpers/site.js';
import { NOW, spawnCli, stopChild, waitFor, type Running } from '../helpers/watch.js';
import { axe } from './axe.js';
import { CHROMIUM, launchChromium, MISSING_CHROMIUM, type Chromium } from './harness.js';

// An editor keeps many preview tabs open. Each event stream holds one of the six connections a
// browser allows to one server, so with one stream a tab, a seventh tab never loaded.
if (!existsSync(CHROMIUM)) describe('live reload in Chromium', () => it('has Chromium to run in', () => expect.fail(MISSING_CHROMIUM)));
else {
  describe('live reload in Chromium', () => {
    let chrome: Chromium | undefined;
    let child: Running | undefined;
    let second: Running | undefined;
    afterAll(async () => {
      await Promise.all([stopChild(child), stopChild(second)]);
      await chrome?.close();
    });

    it('loads nine tabs of one site, and reloads every one of them after a save', async () => {
      const files: Record<string, string> = {};
      for (let i = 1; i <= 9; i++) files[`content/pages/p${i}.md`] = md({ title: `Page ${i}` }, `Version one of page ${i}.`);
      const dir = writeSite(files);
      const c = (child = spawnCli(['serve', dir, '--port', '0', '--now', NOW]));
      const origin = (await waitFor(() => /Serving (http:\/\/127\.0\.0\.1:\d+)\//.exec(c.stdout()), 'the URL'))[1];
      chrome = await launchChromium();
      const context = await chrome.browser.newContext();
      const tabs = [];
      for (let i = 1; i <= 9; i++) {
        const tab = await context.newPage();
        await tab.goto(`${origin}/p${i}/`, { waitUntil: 'load', timeout: 10_000 });
        expect(await tab.textContent('.story-body'), `tab ${i}`).toContain(`Version one of page ${i}.`);
        tabs.push(tab);
      }
      writeFileSync(path.join(dir, 'content/pages/p9.md'), md({ title: 'Page 9' }, 'Version two of page 9.'));
      await waitFor(() => tabs[8].textContent('.story-body').then((t) => t?.includes('Version two of page 9.')), 'the edited tab reloaded', 20_000);
      // And a tab that does not hold the stream, told by the one that does.
      writeFileSync(path.join(dir, 'content/pages/p3.md'), md({ title: 'Page 3' }, 'Version two of page 3.'));
      await waitFor(() => tabs[2].textContent('.story-body').then((t) => t?.includes('Version two of page 3.')), 'another tab reloaded', 20_000);
      await context.close();
    });

    it('shows a save\'s warnings in a corner panel that leaves the story to read, closes on Escape, and is gone after the save that fixes them', async () => {
      const story = (title: string) => md({ date: '2025-03-01T10:00:00+08:00', author: 'Li Wei', title }, Array.from({ length: 20 }, (_, i) => `Paragraph ${i + 1} of the story.`).join('\n\n'));
      const dir = writeSite({ 'content/articles/alpha.md': story('Alpha') });
      const c = (second = spawnCli(['serve', dir, '--port', '0', '--now', NOW]));
      const origin = (await waitFor(() => /Serving (http:\/\/127\.0\.0\.1:\d+)\//.exec(c.stdout()), 'the URL'))[1];
      chrome ??= await launchChromium();
      const context = await chrome.browser.newContext();
      const tab = await context.newPage();
      await tab.goto(`${origin}/2025/03/01/alpha/`, { waitUntil: 'load', timeout: 10_000 });
      expect(await tab.locator('#__dateline-warnings').count()).toBe(0);

      writeFileSync(path.join(dir, 'content/articles/alpha.md'), story(`Alpha ${'a very long headline '.repeat(10)}`));
      const panel = tab.getByRole('region', { name: 'dateline build warnings' });
      await panel.waitFor({ state: 'visible', timeout: 20_000 });
      expect(await panel.getByRole('button', { name: 'Warnings (1)', expanded: true }).count()).toBe(1);
      const text = await panel.textContent();
      expect(text).toContain('LONG_HEADLINE  content/articles/alpha.md:4');
      expect(text).toContain('Fix: Write a headline');
      expect(await tab.locator('#__dateline-overlay').count()).toBe(0);
      const { violations } = await axe(tab, { include: '#__dateline-warnings' });
      expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
      // The story is still there to read: the panel takes under half the window, and scrolled to
      // the top of it, what is at the middle of the first paragraph is the paragraph.
      expect(await panel.evaluate((p) => p.getBoundingClientRect().height < innerHeight / 2)).toBe(true);
      const paragraph = tab.locator('.story-body p').first();
      expect(await paragraph.evaluate((p) => {
        p.scrollIntoView({ block: 'start', behavior: 'instant' });
        const r = p.getBoundingClientRect();
        return p.contains(document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2));
      })).toBe(true);
      await panel.getByRole('button', { name: 'Close the warnings' }).focus();
      await tab.keyboard.press('Escape');
      expect(await panel.count()).toBe(0);

      // Closed, the same warning comes back after the next save collapsed: a heading, not a panel.
      const long = `Alpha ${'a very long headline '.repeat(10)}`;
      writeFileSync(path.join(dir, 'content/articles/alpha.md'), story(long).replace('Paragraph 1 ', 'Paragraph one '));
      await panel.getByRole('button', { name: 'Warnings (1)', expanded: false }).waitFor({ timeout: 20_000 });
      expect(await panel.getByText('Fix: Write a headline').isVisible()).toBe(false);

      // The save that fixes it: the page reloads without the panel. Whether a panel came is noted
      // across reloads, and a save after that one tells when that page had all the stream said.
      await tab.addInitScript(() => addEventListener('DOMContentLoaded', () => new MutationObserver(() => document.getElementById('__dateline-warnings') && sessionStorage.setItem('saw-warnings', '1')).observe(document.body, { childList: true })));
      writeFileSync(path.join(dir, 'content/articles/alpha.md'), story('Alpha again'));
      await waitFor(() => tab.textContent('h1').then((t) => t?.includes('Alpha again')), 'the reload after the fix', 20_000);
      writeFileSync(path.join(dir, 'content/articles/alpha.md'), story('Alpha a third time'));
      await waitFor(() => tab.textContent('h1').then((t) => t?.includes('Alpha a third time')), 'the reload after the next save', 20_000);
      expect(await tab.evaluate(() => sessionStorage.getItem('saw-warnings'))).toBeNull();
      expect(await tab.locator('#__dateline-warnings').count()).toBe(0);
      await context.close();
    });
  });
}

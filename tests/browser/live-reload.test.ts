import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { md, writeSite } from '../helpers/site.js';
import { NOW, spawnCli, stopChild, waitFor, type Running } from '../helpers/watch.js';
import { CHROMIUM, launchChromium, MISSING_CHROMIUM, type Chromium } from './harness.js';

// An editor keeps many preview tabs open. Each event stream holds one of the six connections a
// browser allows to one server, so with one stream a tab, a seventh tab never loaded.
if (!existsSync(CHROMIUM)) describe('live reload in Chromium', () => it('has Chromium to run in', () => expect.fail(MISSING_CHROMIUM)));
else {
  describe('live reload in Chromium', () => {
    let chrome: Chromium | undefined;
    let child: Running | undefined;
    afterAll(async () => {
      await stopChild(child);
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
  });
}

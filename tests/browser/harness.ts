import { existsSync, mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page, type Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemo } from '../helpers/demo.js';
import { serveUnder } from '../publish/serve.js';

/** Debian's chromium package; CHROMIUM_PATH points elsewhere on other systems. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const MISSING_CHROMIUM = `The browser tests need Chromium at ${CHROMIUM}, and it is not there.
Install it (with the CJK fonts the demo's Chinese tags need) and run the tests again:
  sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y chromium fonts-noto-cjk
(.ci/run does this on CI; elsewhere set CHROMIUM_PATH to a Chromium or Chrome binary.)`;

/** The demo newsroom built, served on 127.0.0.1 and open in Chromium: filled in before the first test. */
export interface Demo {
  dist: string;
  origin: string;
  chrome: Chromium;
  pages: DemoPage[];
  url(path: string): string;
}

/**
 * A browser suite over the demo newsroom: one build, one server and one Chromium for the file.
 * When Chromium is missing it is one failing test that says how to install it: the suite never
 * passes by skipping.
 */
export function describeDemoInChromium(name: string, suite: (demo: Demo) => void): void {
  if (!existsSync(CHROMIUM)) return void describe(name, () => it('has Chromium to run in', () => expect.fail(MISSING_CHROMIUM)));
  describe(name, () => {
    const demo = { url: (p: string) => demo.origin + p } as Demo;
    let server: Awaited<ReturnType<typeof serveUnder>> | undefined;
    beforeAll(async () => {
      [demo.dist, demo.chrome] = await Promise.all([buildDemo(), launchChromium()]);
      server = await serveUnder(demo.dist, '/');
      demo.origin = server.origin;
      demo.pages = demoPages();
    });
    afterAll(async () => {
      await demo.chrome?.close();
      await server?.close();
    });
    suite(demo);
  });
}

/** The pages a reader sees, one of each kind. `status` is what the server answers. */
export interface DemoPage {
  name: string;
  path: string;
  status: number;
}

export const ARTICLE = '/2024/07/15/hotpot-late-night-summer/';
export const CHINESE_TAG = '/tags/%E7%81%AB%E9%94%85/';
/** A story in Arabic on the English site (front matter `language: ar`). */
export const ARABIC_ARTICLE = '/2025/05/20/gulf-sea-rail-service-arabic/';

/** A story taken down with a notice at its address (front matter `withdrawn`). */
export const WITHDRAWN_ARTICLE = '/2025/09/16/developer-land-deal-inquiry/';
/** A live blog (front matter `live: true`), its updates newest first, one held back at the demo's clock. */
export const LIVE_BLOG = '/2026/11/27/wulong-landslide-live/';

export function demoPages(): DemoPage[] {
  return [
    { name: 'home', path: '/', status: 200 },
    { name: 'article', path: ARTICLE, status: 200 },
    { name: 'Arabic article', path: ARABIC_ARTICLE, status: 200 },
    { name: 'live blog', path: LIVE_BLOG, status: 200 },
    { name: 'tag', path: '/tags/rail-freight/', status: 200 },
    { name: 'Chinese tag', path: CHINESE_TAG, status: 200 },
    { name: 'author', path: '/authors/tan-yuxin/', status: 200 },
    { name: 'search', path: '/search/', status: 200 },
    { name: '404', path: '/no-such-story/', status: 404 },
    { name: 'withdrawn story', path: WITHDRAWN_ARTICLE, status: 200 },
  ];
}

export interface Chromium {
  /** The persistent context on the fresh profile. */
  context: BrowserContext;
  browser: Browser;
  close(): Promise<void>;
}

/** Launches the system Chromium once per test file, on a profile folder made for this run. */
export async function launchChromium(): Promise<Chromium> {
  if (!existsSync(CHROMIUM)) throw new Error(MISSING_CHROMIUM);
  const profile = mkdtempSync(path.join(tmpdir(), 'dateline-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const browser = context.browser();
  if (!browser) throw new Error('Chromium started without a browser object');
  return {
    context,
    browser,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** What went wrong while a page loaded: console errors, uncaught exceptions, failed requests. */
export interface Problems {
  console: string[];
  failed: string[];
  thirdParty: string[];
  /** Requests started and not yet finished (nor failed), as now: to tell a page still waiting on one. */
  readonly pending: string[];
}

/**
 * Records problems on a page. A page's own status (404.html answers with 404) is expected; any
 * other response of 400 or more, or a request that never completes, is a failure.
 */
export function watch(page: Page, origin: string): Problems {
  const open = new Map<Request, string>();
  const p: Problems = {
    console: [],
    failed: [],
    thirdParty: [],
    get pending() {
      return [...open.values()];
    },
  };
  page.on('requestfinished', (r) => open.delete(r));
  page.on('requestfailed', (r) => open.delete(r));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    // Chromium logs a document's own 404 as "Failed to load resource"; the response check below
    // decides whether that was expected.
    if (/status of 404/.test(m.text()) && m.location().url === page.url()) return;
    p.console.push(`${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => p.console.push(`uncaught: ${e.message}`));
  page.on('requestfailed', (r) => p.failed.push(`${r.url()}: ${r.failure()?.errorText}`));
  page.on('request', (r) => {
    open.set(r, r.url());
    if (!r.url().startsWith(origin) && !r.url().startsWith('data:')) p.thirdParty.push(r.url());
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && !(r.request().isNavigationRequest() && r.request().frame() === page.mainFrame())) p.failed.push(`${r.url()}: ${r.status()}`);
  });
  return p;
}

/** Brings every image into view in turn, as a reader scrolling down would, and waits for it to settle. */
export async function loadAllImages(page: Page): Promise<void> {
  const pending = await page.evaluate(async () => {
    const settled = (i: HTMLImageElement) =>
      new Promise<boolean>((resolve) => {
        if (i.complete) return resolve(true);
        const timer = setTimeout(() => resolve(false), 10_000);
        const done = () => (clearTimeout(timer), resolve(true));
        i.addEventListener('load', done, { once: true });
        i.addEventListener('error', done, { once: true });
      });
    const stuck: string[] = [];
    for (const img of [...document.images]) {
      img.scrollIntoView({ block: 'center' });
      if (!(await settled(img))) stuck.push(img.src);
    }
    window.scrollTo(0, 0);
    return stuck;
  });
  if (pending.length) throw new Error(`${page.url()}: images still loading after 10 s: ${pending.join(', ')}`);
}

/** The key cookie-notice.js remembers the reader's choice under. */
export const CONSENT_KEY = 'dateline-cookie-consent';

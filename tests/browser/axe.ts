import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, RunOptions } from 'axe-core';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core run on the page as it is now: its script evaluated in the page, then `axe.run` on the
 * document, or on the part `include` selects, reporting violations only. `only` runs just these
 * rules, also one axe-core leaves out unless asked (target-size).
 *
 * @axe-core/playwright's AxeBuilder did the same in 1.9 s a page of the demo (1280 px, every default
 * rule, 10 pages: 19.3 s): it opens a blank page at each analysis to put the frames' results
 * together. This takes 0.54 s (5.4 s), and 0.23 s of that is evaluating axe-core's script. Our
 * pages have no frames to reach into.
 */
export async function axe(page: Page, { include, only }: { include?: string; only?: string[] } = {}): Promise<AxeResults> {
  await page.evaluate(AXE_SOURCE);
  const options: RunOptions = {
    resultTypes: ['violations'],
    ...(only ? { runOnly: { type: 'rule', values: only } } : {}),
  };
  return page.evaluate(([sel, opts]) => (window as unknown as { axe: { run(c: unknown, o: unknown): Promise<AxeResults> } }).axe.run(sel ? { include: [sel] } : document, opts), [include ?? null, options] as const);
}

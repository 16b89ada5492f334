import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/site.js';

const CSS_FILE = path.join(REPO, 'static', 'theme', 'dateline.css');
const JS_FILE = path.join(REPO, 'static', 'theme', 'cookie-notice.js');
const css = readFileSync(CSS_FILE, 'utf8');

/** The custom properties of the first `:root { … }` after `from` (light: the file's start; dark: its media query). */
function palette(from: number): Record<string, string> {
  const start = css.indexOf(':root', from);
  const block = css.slice(css.indexOf('{', start) + 1, css.indexOf('}', start));
  return Object.fromEntries([...block.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})\s*;/gi)].map((m) => [m[1], m[2]]));
}

/** WCAG 2 contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** Text colour on background colour, as the stylesheet pairs them. */
const TEXT_PAIRS: [string, string][] = [
  ['ink', 'bg'], ['muted', 'bg'], ['brand', 'bg'], ['link', 'bg'], ['link-hover', 'bg'],
  ['ink', 'bg-soft'], ['muted', 'bg-soft'], ['brand-ink', 'brand'], ['bg', 'ink'],
  ['footer-ink', 'footer-bg'], ['footer-muted', 'footer-bg'],
];

describe('the default stylesheet', () => {
  const schemes = { light: palette(0), dark: palette(css.indexOf('prefers-color-scheme: dark')) };

  for (const [scheme, colours] of Object.entries(schemes)) {
    it(`keeps text contrast at 4.5:1 or more in ${scheme} mode, and focus rings at 3:1`, () => {
      for (const [fg, bg] of TEXT_PAIRS) {
        expect(colours[fg], `--${fg}`).toMatch(/^#/);
        expect(colours[bg], `--${bg}`).toMatch(/^#/);
        expect(contrast(colours[fg], colours[bg]), `--${fg} on --${bg}`).toBeGreaterThanOrEqual(4.5);
      }
      expect(contrast('#ffffff', colours['footer-bg']), 'footer links').toBeGreaterThanOrEqual(4.5);
      expect(contrast(colours.focus, colours.bg), 'focus ring').toBeGreaterThanOrEqual(3);
    });
  }

  it('has dark mode, print styles, a visible focus style and a skip link', () => {
    expect(css).toContain('@media screen and (prefers-color-scheme: dark)');
    expect(css).toMatch(/@media print \{[\s\S]*\.site-nav[\s\S]*display: none/);
    expect(css).toMatch(/:focus-visible \{ outline: 3px solid/);
    expect(css).toMatch(/\.skip-link:focus \{/);
    expect(css).toMatch(/img, video, svg \{ max-width: 100%; height: auto; \}/);
    // An embed keeps a video's shape: height: auto alone squashed it to 150 px.
    expect(css).toMatch(/\.story-body iframe \{ width: 100%; height: auto; aspect-ratio: 16 \/ 9; \}/);
    // The notice is fixed to the window, so showing it never moves the page.
    expect(css).toMatch(/\.cookie-notice \{\s*position: fixed;/);
  });

  it('keeps an article page\'s CSS and JavaScript well under 60 KB', () => {
    const bytes = statSync(CSS_FILE).size + statSync(JS_FILE).size;
    expect(bytes).toBeLessThan(30 * 1024);
  });
});

import type { SiteConfig } from '../config/types.js';
import { isoInZone, parseSiteDate } from '../validate/dates.js';

/**
 * A preview build (`--drafts` or `--future`) holds articles that are not published yet, and it
 * writes into the same dist/ as the live site, so one deployed by mistake must not be indexed or
 * passed on. Everything that marks a preview is decided here:
 * - every HTML page carries PREVIEW_ROBOTS_META (the theme's head-meta.njk writes it; a page whose
 *   template does not gets it after its `<head>`: `markPreviewPage`);
 * - robots.txt disallows everything and names no sitemap (plan/robots.ts);
 * - `_headers` sends `X-Robots-Tag: noindex` for every path (publish/headers.ts);
 * - no feeds and no sitemaps are written (`previewConfig`): feed readers, aggregators and the bots
 *   that post from a feed read neither robots.txt nor noindex, and keep an item by its guid;
 * - the CLI says so on stderr.
 * `dateline check` writes nothing, so it checks the site as it will be published.
 * A build with `noindex` (a staging host's) is marked the same way, but keeps its feeds and sitemaps.
 */
export const PREVIEW_ROBOTS_META = '<meta name="robots" content="noindex, nofollow">';

/** The config a preview runs with: as written, but with feeds, the sitemap and the News sitemap off. */
export function previewConfig(config: SiteConfig): SiteConfig {
  return {
    ...config,
    feeds: { ...config.feeds, enabled: false },
    sitemap: { ...config.sitemap, enabled: false },
    newsSitemap: { ...config.newsSitemap, enabled: false },
  };
}

/**
 * An HTML page of a preview, with the robots meta tag when its template did not write it (a site's
 * own head that does not include partials/head-meta.njk): after `<head>`, or where the browser
 * would open the head when the page has none.
 */
export function markPreviewPage(html: string): string {
  return html.includes(PREVIEW_ROBOTS_META) ? html : withMeta(html, PREVIEW_ROBOTS_META);
}

/** What a withdrawn story's notice page says to search engines (front matter `withdrawn`). */
export const NOINDEX_META = '<meta name="robots" content="noindex">';

/**
 * A withdrawn story's notice page, with NOINDEX_META when its template wrote no robots tag that
 * says noindex (a site's own head): the notice is no page for search results, whatever the theme.
 */
export function markNoindexPage(html: string): string {
  return /<meta\s+name="robots"\s+content="[^"]*\bnoindex\b/i.test(html) ? html : withMeta(html, NOINDEX_META);
}

/** `tag` after `<head>`, or where the browser would open the head when the page has none. */
function withMeta(html: string, tag: string): string {
  const at = /<head(?:\s[^>]*)?>/i.exec(html) ?? /<html(?:\s[^>]*)?>/i.exec(html) ?? /^\s*<!doctype[^>]*>/i.exec(html);
  const end = at ? at.index + at[0].length : 0;
  return `${html.slice(0, end)}${end > 0 ? '\n' : ''}${tag}${end > 0 ? '' : '\n'}${html.slice(end)}`;
}

/**
 * The line the CLI prints on stderr for a preview build, or one marked `--noindex` (a staging
 * host's: marked like a preview, with the feeds and sitemaps of the live site), whatever else it
 * prints: a deploy script that publishes such a build by mistake is where it must be seen.
 */
export function previewNotice(flags: { drafts?: boolean; future?: boolean; noindex?: boolean }, outDir: string): string {
  if (!flags.drafts && !flags.future) return `note: ${outDir} is marked not to be indexed (--noindex), for a staging host: its pages say noindex and its robots.txt disallows everything. Build without --noindex for the live site.`;
  const which = [flags.drafts && '--drafts', flags.future && '--future'].filter(Boolean).join(' ');
  return `note: ${outDir} is a preview (${which}): not for publishing. Its pages say noindex, its robots.txt disallows everything, and it has no feeds or sitemaps; build without --drafts and --future for the live site.`;
}

/**
 * The line the CLI prints on stderr for a build given a `--now` later than the machine's clock:
 * its pages hold the stories scheduled until then, which a deploy before then publishes early.
 * The output itself is what `--now` says, whatever the clock (a build is reproducible); its
 * manifest records the time, and `dateline diff` refuses it until then.
 */
export function aheadNotice(now: string, timeZone: string, outDir: string, clock = Date.now()): string | undefined {
  const parsed = parseSiteDate(now, timeZone);
  if ('error' in parsed || parsed.ms <= clock) return undefined;
  const at = isoInZone(parsed.ms, timeZone).replace('T', ' ');
  return `note: ${outDir} is built for ${at} (--now), later than this machine's clock: it holds the stories scheduled until then. Do not publish it before ${at}; \`dateline diff\` refuses its manifest until then.`;
}

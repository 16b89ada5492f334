import type { SiteConfig } from '../config/types.js';
import { absoluteUrl } from '../plan/feed-items.js';

/**
 * Each article's lead photo (and crop) by the hrefs pages give it (as written, with the base path,
 * absolute), with its file: `LinkIndex.check` puts a missing one on the article's `src:` line.
 */
export function leadPhotos(articles: readonly { source: string; image?: { src: string; crops?: string[] } }[], site: Pick<SiteConfig, 'baseUrl' | 'basePath'>): Map<string, { file: string; src: string }[]> {
  // Every article that names a photo: a missing one shared by several is each one's mistake.
  const photos = new Map<string, { file: string; src: string }[]>();
  for (const a of articles) {
    for (const src of a.image ? [a.image.src, ...(a.image.crops ?? [])] : []) {
      const photo = { file: a.source, src };
      for (const href of new Set([src, src.startsWith('/') && !src.startsWith('//') ? site.basePath + src.slice(1) : src, absoluteUrl(site, src)])) {
        const list = photos.get(href) ?? photos.set(href, []).get(href)!;
        if (!list.some((p) => p.file === a.source)) list.push(photo);
      }
    }
  }
  return photos;
}

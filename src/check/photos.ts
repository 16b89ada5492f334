import type { SiteConfig } from '../config/types.js';
import { absoluteUrl } from '../plan/feed-items.js';
import type { SitePhoto } from './links.js';

/**
 * Each article's lead photo (and crop) by the hrefs pages give it (as written, with the base path,
 * absolute), with its file: `LinkIndex.check` puts a missing one on the article's `src:` line.
 */
export function leadPhotos(articles: readonly { source: string; image?: { src: string; crops?: string[] } }[], site: Pick<SiteConfig, 'baseUrl' | 'basePath' | 'file' | 'logo' | 'publisher' | 'social'>): Map<string, SitePhoto[]> {
  // Every article that names a photo: a missing one shared by several is each one's mistake.
  const photos = new Map<string, SitePhoto[]>();
  // Each (href, file) once, by a set: 100,000 articles may share one wire placeholder.
  const listed = new Set<string>();
  const add = (photo: SitePhoto) => {
    const { src } = photo;
    for (const href of new Set([src, src.startsWith('/') && !src.startsWith('//') ? site.basePath + src.slice(1) : src, absoluteUrl(site, src)])) {
      const key = `${href}\0${photo.file}`;
      if (listed.has(key)) continue;
      listed.add(key);
      (photos.get(href) ?? photos.set(href, []).get(href)!).push(photo);
    }
  };
  for (const a of articles) for (const src of a.image ? [a.image.src, ...(a.image.crops ?? [])] : []) add({ file: a.source, src });
  // The config's images, each at the first key that names it (the share image and the
  // publisher's logo default to the logo).
  if (site.file) {
    for (const [key, src] of [['logo', site.logo], ['publisher.logo', site.publisher.logo], ['social.image', site.social.image]] as const) if (src) add({ file: site.file, src, key });
  }
  return photos;
}

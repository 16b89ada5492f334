import { decodeEntities } from '../parse/html-text.js';
import type { Article } from '../parse/source.js';
import type { ArticleFull, ArticleView, SiteGraph, StandalonePage } from './types.js';

/**
 * A body photo's src (as the body's HTML gives it, entities read), its width and height in
 * pixels, and how many times the body names it (at most that many <img> tags show it).
 */
export type PhotoSize = [src: string, width: number, height: number, uses: number];

/**
 * The body's <img> tags with the width and height of their photos, where the body's `photos`
 * knows them: the browser keeps the room before the photo arrives, and the text does not jump
 * under the reader's thumb. A tag that has a width or height of its own (raw HTML) keeps it.
 * The body is sanitize-html's or marked's output: attributes double-quoted, never a raw ">".
 */
export function withPhotoSizes(html: string, photos: readonly PhotoSize[] | undefined): string {
  if (!photos || photos.length === 0) return html;
  // A walk from one "<img" to the next, which stops once every use of the photos is found: a
  // pattern over the whole body cost a tenth of a second at 10,000 articles.
  let at = html.indexOf('<img');
  if (at === -1) return html;
  let left = 0;
  for (const p of photos) left += p[3];
  let out = '';
  let done = 0;
  while (at !== -1 && left > 0) {
    const end = html.indexOf('>', at);
    if (end === -1) break;
    const tag = html.slice(at, end + 1);
    const src = /^<img\s(?:[^>]*?\s)?src="([^"]*)"/i.exec(tag);
    const value = src ? (src[1].includes('&') ? decodeEntities(src[1]) : src[1]) : undefined;
    const size = value === undefined ? undefined : photos.find((p) => p[0] === value);
    if (size) {
      left--;
      if (!/\s(?:width|height)=/i.test(tag)) {
        const cut = at + src![0].length;
        out += `${html.slice(done, cut)} width="${size[1]}" height="${size[2]}"`;
        done = cut;
      }
    }
    at = html.indexOf('<img', end);
  }
  return done === 0 ? html : out + html.slice(done);
}

/** A photo's size in pixels, as read from its file. */
export interface PixelSize {
  width: number;
  height: number;
}

/**
 * The sizes of the config's images, where the build could read their files (templates' global
 * `siteImages`): `logo` (the header), `share` (`social.image`: og:image of a page without a lead
 * photo) and `publisherLogo` (JSON-LD). Every page's fingerprint hashes them.
 */
export interface SiteImageSizes {
  logo?: PixelSize;
  share?: PixelSize;
  publisherLogo?: PixelSize;
}

export interface PhotoLookup {
  /** The pixel size of the local photo a src names, when its file is there and its header was read. */
  sizeOf(src: string): PixelSize | undefined;
  /** The srcs of the photos a published article's body shows (a live blog's held-back updates left out). */
  bodyPhotos(a: Article): string[];
}

/**
 * Puts what the build read of the site's photo files into its graph, before the plan is made: the
 * lead photo's width and height on each article's view (listings, the article page, og:image) with
 * its crops' (JSON-LD),
 * and on each body the sizes of its photos (`photos`), which its HTML gets wherever it is put in
 * place (here, a body read back from the cache, a body edit in watch mode). Both are part of what
 * a page's fingerprint hashes, so a photo replaced by one of another size renders its pages again.
 * The parsed articles are not changed: each view gets an image object of its own.
 */
export function sizeGraph(graph: SiteGraph, articles: ReadonlyMap<string, Article>, lookup: PhotoLookup): void {
  const sizedImage = (image: ArticleView['image']): ArticleView['image'] => {
    if (!image) return image;
    const size = lookup.sizeOf(image.src);
    // The crops' sizes too (JSON-LD's ImageObjects): in the view, so a page's fingerprint covers them.
    let cropSizes: Record<string, PixelSize> | undefined;
    for (const c of image.crops ?? []) {
      const s = lookup.sizeOf(c);
      if (s) (cropSizes ??= {})[c] = { width: s.width, height: s.height };
    }
    return size || cropSizes ? { ...image, ...(size ? { width: size.width, height: size.height } : {}), ...(cropSizes ? { cropSizes } : {}) } : image;
  };
  for (const v of graph.views) if (v.image) v.image = sizedImage(v.image);
  const sizeBody = (b: ArticleFull | StandalonePage) => {
    const a = articles.get(b.source);
    if (!a?.images) return;
    let photos: PhotoSize[] | undefined;
    for (const src of lookup.bodyPhotos(a)) {
      const known = photos?.find((p) => p[0] === src);
      if (known) known[3]++;
      else {
        // A link or video names files too: only a photo's size is known.
        const size = lookup.sizeOf(src);
        if (size) (photos ??= []).push([src, size.width, size.height, 1]);
      }
    }
    if (!photos) return;
    // In an array of its own length: grown by push, it has room for 16 (10 MB at 100,000 articles).
    b.photos = photos.slice();
    if (b.html) b.html = withPhotoSizes(b.html, photos);
  };
  graph.articles.forEach((full, k) => {
    // A full article and its view are two objects with the same fields (model/full.ts).
    const view = graph.views[k];
    if (full.image) full.image = view?.source === full.source ? view.image : sizedImage(full.image);
    sizeBody(full);
  });
  for (const p of graph.pages) sizeBody(p);
}

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { configLocator } from '../config/locate.js';
import type { PhotosConfig, SiteConfig } from '../config/types.js';
import type { PhotoFacts } from '../discover/photo-size.js';
import { warning, type Diagnostic } from '../errors/diagnostic.js';
import type { SiteImageSizes } from '../model/photos.js';
import { atText } from '../validate/key-line.js';
import { absoluteUrl } from '../plan/feed-items.js';
import { staticPathOf } from '../plan/statics.js';
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

/** A photo a published page shows, with what the build read of its file. */
export interface ShownPhoto {
  /** The content file that names it. */
  source: string;
  /** As the page gives it (front matter `image.src` or a crop, or the body's). */
  src: string;
  lead: boolean;
  /** The file, relative to the site folder ("static/images/a.jpg"). */
  file: string;
  facts: PhotoFacts;
}

const MB = 1_000_000;

/**
 * A photo no page should show as it is: one whose header is not an image dateline can read (it
 * gets no width and height; a browser may show it broken), and one far larger than a page needs
 * (a 30 MB photo straight off a camera), by bytes or by pixels (`photos` in the config). Each
 * photo file is said once, at the line that names it in the first page that shows it (`shown` is
 * in the graph's order, newest first), with how many other pages show it.
 */
export function photoProblems(shown: readonly ShownPhoto[], limits: Required<PhotosConfig>, siteDir: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  // One warning a file, at the first page that shows it: the fix is the file's, and a shared photo
  // on 10,000 stories gave 10,000 warnings (and read each story again for its line).
  const pagesOf = new Map<string, Set<string>>();
  for (const p of shown) (pagesOf.get(p.file) ?? pagesOf.set(p.file, new Set()).get(p.file)!).add(p.source);
  const said = new Set<string>();
  for (const p of shown) {
    if (said.has(p.file)) continue;
    said.add(p.file);
    const others = pagesOf.get(p.file)!.size - 1;
    const also = others > 0 ? ` ${others} other ${others === 1 ? 'page shows' : 'pages show'} it too.` : '';
    const what = p.lead ? 'The lead photo' : 'A photo in the body';
    const { facts } = p;
    let d: Diagnostic | undefined;
    if (facts.width === undefined) {
      // An SVG drawn without a size or viewBox has none to give, and is no mistake.
      if (/\.svg$/i.test(p.file) && facts.bytes > 0) continue;
      d = warning('PHOTO_UNREADABLE', `${what}, ${p.src}, is not an image dateline can read (${p.file}${facts.bytes === 0 ? ' is empty' : ''}): the page gives it no width and height, and browsers may show it broken.${also}`, { file: p.source, hint: `Export the photo again as JPEG, PNG, WebP or AVIF and put it at ${p.file}: it may be cut off, or another kind of file named like a photo.` });
    } else if (facts.bytes > limits.maxBytes || Math.max(facts.width, facts.height ?? 0) > limits.maxWidth) {
      const size = facts.bytes >= MB ? `${(facts.bytes / MB).toFixed(1)} MB` : `${Math.round(facts.bytes / 1000)} KB`;
      d = warning('PHOTO_TOO_LARGE', `${what}, ${p.src}, is ${size} and ${facts.width}×${facts.height} pixels (${p.file}): every reader downloads all of it, slowly on a phone.${also}`, { file: p.source, hint: `Resize it to about 2000 pixels wide and export it at about 80% JPEG quality (a few hundred KB), then replace ${p.file}. The limits are the config's \`photos.maxBytes\` (${limits.maxBytes}) and \`photos.maxWidth\` (${limits.maxWidth}).` });
    }
    if (!d) continue;
    let placed = atText(d, p.src, siteDir, p.lead ? 'front' : 'body');
    // A page bundle's photo is written by its name beside the story (`river.jpg`).
    if (placed.line === undefined) placed = atText(d, decodeURIComponentSafe(p.src.slice(p.src.lastIndexOf('/') + 1)), siteDir, p.lead ? 'front' : 'body');
    out.push(placed);
  }
  return out;
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The config's images, by the name templates know their sizes under and the key that sets them (the share image and the publisher's logo default to the logo). */
const SITE_IMAGES = [
  ['logo', 'logo', 'The logo'],
  ['publisherLogo', 'publisher.logo', "The publisher's logo"],
  ['share', 'social.image', 'The share image'],
] as const;

/**
 * The pixel sizes of the config's images in static/ (a full URL elsewhere has none), and what is
 * wrong with their files, as `photoProblems` says it of a story's photo: each file once, at the
 * config key that first names it. `fileOf` gives a static file's path from its output path;
 * `missing` says a file that is not there (`check` says it as a broken link).
 */
export function siteImages(config: SiteConfig, siteDir: string, o: { fileOf: (outPath: string) => string | undefined; factsOf: (abs: string) => PhotoFacts | undefined; missing: boolean }): { sizes: SiteImageSizes; diagnostics: Diagnostic[] } {
  const sizes: SiteImageSizes = {};
  const diagnostics: Diagnostic[] = [];
  const said = new Set<string>();
  let place: ((key: string) => object) | undefined;
  const at = (key: string) => {
    if (!place) {
      let text: string | undefined;
      try {
        text = config.file ? readFileSync(path.join(siteDir, config.file), 'utf8') : undefined;
      } catch {
        text = undefined;
      }
      place = text === undefined ? () => ({}) : configLocator(text);
    }
    return { file: config.file || undefined, ...place(key) };
  };
  for (const [name, key, what] of SITE_IMAGES) {
    const src = key === 'logo' ? config.logo : key === 'publisher.logo' ? config.publisher.logo : config.social.image;
    const p = src ? staticPathOf(src, config) : undefined;
    if (p === undefined) continue;
    const file = o.fileOf(p);
    const facts = file === undefined ? undefined : o.factsOf(file);
    if (facts?.width !== undefined && facts.height !== undefined) sizes[name] = { width: facts.width, height: facts.height };
    if (said.has(p)) continue;
    said.add(p);
    const rel = `static/${p}`;
    if (file === undefined) {
      if (o.missing) diagnostics.push(warning('MISSING_IMAGE', `${what} (the config's \`${key}\`), ${src}, is not in static/: pages would name a broken image.`, { ...at(key), hint: `Put the file at ${rel}, or correct \`${key}\` in the config.` }));
    } else if (facts && facts.width === undefined && !(/\.svg$/i.test(p) && facts.bytes > 0)) {
      diagnostics.push(warning('PHOTO_UNREADABLE', `${what} (the config's \`${key}\`), ${src}, is not an image dateline can read (${rel}${facts.bytes === 0 ? ' is empty' : ''}): pages give it no width and height, and browsers may show it broken.`, { ...at(key), hint: `Export it again as PNG, SVG, WebP or JPEG and put it at ${rel}: it may be cut off, or another kind of file named like an image.` }));
    }
  }
  return { sizes, diagnostics };
}

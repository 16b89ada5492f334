import { readFileSync } from 'node:fs';
import path from 'node:path';
import { configLocator } from '../config/locate.js';
import type { PhotosConfig, SiteConfig } from '../config/types.js';
import { NOT_FOR_WEB, type PhotoFacts } from '../discover/photo-size.js';
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
  /** One of the lead photo's `crops`. */
  crop?: boolean;
  /** Shown by an article (not a standalone page): its lead photo is what Google News and Discover show. */
  article?: boolean;
  /** The file, relative to the site folder ("static/images/a.jpg"). */
  file: string;
  facts: PhotoFacts;
}

const MB = 1_000_000;

/** LEAD_PHOTO_SMALL files said each at its line; the rest are one warning that counts them. */
export const SMALL_SAID = 20;

/** The shapes Google asks a lead photo's crops to have, by name. */
const CROP_SHAPES = [['16:9', 16 / 9], ['4:3', 4 / 3], ['1:1', 1]] as const;

/** Whether a crop's width and height are one of CROP_SHAPES, within 1% (1600×900, 1200×901). */
export function cropShapeOk(width: number, height: number): boolean {
  return height > 0 && CROP_SHAPES.some(([, r]) => Math.abs(width / height / r - 1) <= 0.01);
}

/** Whether a photo the build read is one `photoProblems` could say something of, as the given role. */
export function photoAtFault(facts: PhotoFacts, limits: Required<PhotosConfig>, role: { lead?: boolean; crop?: boolean }): boolean {
  if (facts.width === undefined || facts.bytes > limits.maxBytes || Math.max(facts.width, facts.height ?? 0) > limits.maxWidth) return true;
  if (role.lead && facts.width < limits.minLeadWidth) return true;
  return !!role.crop && facts.height !== undefined && !cropShapeOk(facts.width, facts.height);
}

/**
 * A photo no page should show as it is: one whose header is not an image dateline can read (it
 * gets no width and height; a browser may show it broken), and one far larger than a page needs
 * (a 30 MB photo straight off a camera), by bytes or by pixels (`photos` in the config). And what
 * Google News and Discover need of an article's lead photo: at least 1200 pixels wide
 * (LEAD_PHOTO_SMALL), and crops of 16:9, 4:3 or 1:1 (CROP_SHAPE). Each photo file is said once for
 * each, at the line that names it in the first page that shows it (`shown` is in the graph's
 * order, newest first), with how many other pages show it: an archive of thousands of old small
 * photos is one warning a file, which the terminal sums up by kind (errors/format.ts).
 */
export function photoProblems(shown: readonly ShownPhoto[], limits: Required<PhotosConfig>, siteDir: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  // One warning a file, at the first page that shows it: the fix is the file's, and a shared photo
  // on 10,000 stories gave 10,000 warnings (and read each story again for its line).
  const isLead = (p: ShownPhoto) => p.lead && !p.crop && !!p.article;
  const isCrop = (p: ShownPhoto) => !!p.crop && !!p.article;
  const pagesOf = new Map<string, Set<string>>();
  const count = (key: string, source: string) => (pagesOf.get(key) ?? pagesOf.set(key, new Set()).get(key)!).add(source);
  for (const p of shown) {
    count(`file\0${p.file}`, p.source);
    if (isLead(p)) count(`lead\0${p.file}`, p.source);
    if (isCrop(p)) count(`crop\0${p.file}`, p.source);
  }
  const said = new Set<string>();
  /** The first time for `key`: with the sentence on how many other pages show the file so. */
  const first = (key: string): string | undefined => {
    if (said.has(key)) return undefined;
    said.add(key);
    const others = pagesOf.get(key)!.size - 1;
    return others > 0 ? ` ${others} other ${others === 1 ? 'page shows' : 'pages show'} it too.` : '';
  };
  // The small lead photos past the first SMALL_SAID files, summed up: an archive's thousands of old
  // ones are one warning, not thousands (in the terminal, in --json and in the serve panel).
  const smallRest: ShownPhoto[] = [];
  let smallSaid = 0;
  const place = (d: Diagnostic, p: ShownPhoto) => {
    let placed = atText(d, p.src, siteDir, p.lead ? 'front' : 'body');
    // A page bundle's photo is written by its name beside the story (`river.jpg`).
    if (placed.line === undefined) placed = atText(d, decodeURIComponentSafe(p.src.slice(p.src.lastIndexOf('/') + 1)), siteDir, p.lead ? 'front' : 'body');
    out.push(placed);
  };
  for (const p of shown) {
    const { facts } = p;
    const also = first(`file\0${p.file}`);
    if (also !== undefined) {
      const what = p.lead ? 'The lead photo' : 'A photo in the body';
      let d: Diagnostic | undefined;
      if (NOT_FOR_WEB.test(p.file)) {
        const kind = /\.hei[cf]$/i.test(p.file) ? 'HEIC' : 'TIFF';
        const jpg = (name: string) => name.replace(NOT_FOR_WEB, '.jpg');
        const name = p.file.slice(p.file.lastIndexOf('/') + 1);
        d = warning('PHOTO_NOT_FOR_WEB', `${what}, ${p.src}, is a ${kind} file (${p.file}): only Safari shows one; in Chrome, Firefox and Edge, in feed readers and on social networks readers would see a broken image.${also}`, { file: p.source, hint: `Export it as JPEG (${kind === 'HEIC' ? 'on a Mac, open it in Preview and choose File > Export' : 'in any photo editor'}), put it at ${jpg(p.file)} and change \`${name}\` to \`${jpg(name)}\` where the story names it.` });
      } else if (facts.width === undefined) {
        // An SVG drawn without a size or viewBox has none to give, and is no mistake.
        if (!(/\.svg$/i.test(p.file) && facts.bytes > 0)) {
          d = warning('PHOTO_UNREADABLE', `${what}, ${p.src}, is not an image dateline can read (${p.file}${facts.bytes === 0 ? ' is empty' : ''}): the page gives it no width and height, and browsers may show it broken.${also}`, { file: p.source, hint: `Export the photo again as JPEG, PNG, WebP or AVIF and put it at ${p.file}: it may be cut off, or another kind of file named like a photo.` });
        }
      } else if (facts.bytes > limits.maxBytes || Math.max(facts.width, facts.height ?? 0) > limits.maxWidth) {
        const size = facts.bytes >= MB ? `${(facts.bytes / MB).toFixed(1)} MB` : `${Math.round(facts.bytes / 1000)} KB`;
        d = warning('PHOTO_TOO_LARGE', `${what}, ${p.src}, is ${size} and ${facts.width}×${facts.height} pixels (${p.file}): every reader downloads all of it, slowly on a phone.${also}`, { file: p.source, hint: `Resize it to about 2000 pixels wide and export it at about 80% JPEG quality (a few hundred KB), then replace ${p.file}. The limits are the config's \`photos.maxBytes\` (${limits.maxBytes}) and \`photos.maxWidth\` (${limits.maxWidth}).` });
      }
      if (d) place(d, p);
    }
    if (facts.width === undefined || facts.height === undefined) continue;
    if (isLead(p) && facts.width < limits.minLeadWidth) {
      const others = first(`lead\0${p.file}`);
      if (others !== undefined && smallSaid >= SMALL_SAID) smallRest.push(p);
      else if (others !== undefined) {
        smallSaid++;
        place(warning('LEAD_PHOTO_SMALL', `The lead photo, ${p.src}, is ${facts.width}×${facts.height} pixels (${p.file}): Google Discover shows a story's photo large only when it is at least ${limits.minLeadWidth} pixels wide, so this story gets a small thumbnail there.${others}`, { file: p.source, hint: smallFix(p.file, limits.minLeadWidth) }), p);
      }
    }
    if (isCrop(p) && !cropShapeOk(facts.width, facts.height)) {
      const others = first(`crop\0${p.file}`);
      if (others !== undefined) {
        const ratio = (facts.width / facts.height).toFixed(2).replace(/\.?0+$/, '');
        place(warning('CROP_SHAPE', `The crop ${p.src} is ${facts.width}×${facts.height} pixels, ${ratio}:1 (${p.file}): Google uses a story's crops of 16:9, 4:3 and 1:1, and may pass over one of another shape.${others}`, { file: p.source, hint: `Cut the photo again to 16:9 (such as 1600×900), 4:3 (1600×1200) or 1:1 (1200×1200) and replace ${p.file}, or take it out of \`crops\`.` }), p);
      }
    }
  }
  if (smallRest.length) {
    const n = smallRest.length;
    const oldest = smallRest[n - 1];
    out.push(warning('LEAD_PHOTO_SMALL', `${n.toLocaleString('en-US')} more lead ${n === 1 ? 'photo is' : 'photos are'} narrower than ${limits.minLeadWidth} pixels, each in older stories than those above (the oldest: ${oldest.src} in ${oldest.source}): Google Discover shows them as small thumbnails.`, { hint: `Replace each with the photo at least ${limits.minLeadWidth} pixels wide, newest stories first; for an archive whose old photos cannot be replaced, set the config's \`photos.minLeadWidth\` lower, or 0 for no warning.` }));
  }
  return out;
}

const smallFix = (file: string, width: number) => `Replace ${file} with the photo at least ${width} pixels wide, exported from the original (a small photo made larger looks blurred). The limit is the config's \`photos.minLeadWidth\` (${width}).`;

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
    } else if (facts?.width !== undefined && (facts.bytes > config.photos.maxBytes || Math.max(facts.width, facts.height ?? 0) > config.photos.maxWidth)) {
      // The header's logo is on every page a reader opens: a photo-sized file there slows them all.
      const size = facts.bytes >= MB ? `${(facts.bytes / MB).toFixed(1)} MB` : `${Math.round(facts.bytes / 1000)} KB`;
      diagnostics.push(warning('PHOTO_TOO_LARGE', `${what} (the config's \`${key}\`), ${src}, is ${size} and ${facts.width}×${facts.height} pixels (${rel}): ${key === 'logo' ? 'every page shows it, and every reader downloads all of it' : 'every share card and feed reader downloads all of it'}.`, { ...at(key), hint: `Export it again at the size it is shown (a logo a few hundred pixels wide, a share image 1200×630) and replace ${rel}. The limits are the config's \`photos.maxBytes\` (${config.photos.maxBytes}) and \`photos.maxWidth\` (${config.photos.maxWidth}).` }));
    }
  }
  return { sizes, diagnostics };
}

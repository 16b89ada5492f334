import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type FastGlob from 'fast-glob';
import { htmlParser, lazyRequire } from '../lazy-require.js';
import { configLocator } from '../config/locate.js';
import { error, type Diagnostic } from '../errors/diagnostic.js';
import { frontMatterLines } from '../parse/front-matter.js';
import { tryDecodeURI } from '../parse/url.js';
import { MEDIA_EXTENSIONS } from '../discover/source-kind.js';
import { nearMiss } from '../validate/near-miss.js';

/** A link to a photo, a video, a sound or a document rather than a page. */
const MEDIA_FILE = new RegExp(`\\.(?:${MEDIA_EXTENSIONS})(?:[?#]|$)`, 'i');

// Only `dateline check <folder>` lists files: the render workers, which load this module for
// extractLinks, do not pay for fast-glob (30 ms of each one's start).
const fastGlob = lazyRequire<typeof FastGlob>('fast-glob');

/** A photo the site names outside any page's body: a lead photo or crop (front matter), or the config's logo or share image (`key`). */
export interface SitePhoto {
  file: string;
  src: string;
  key?: string;
}

export interface PageRecord {
  links: string[];
  ids: Set<string>;
}

const LINK_ATTRS: Record<string, string[]> = { a: ['href'], link: ['href'], img: ['src'], script: ['src'], source: ['src'], video: ['src', 'poster'], audio: ['src'], track: ['src'], iframe: ['src'], form: ['action'] };

/** The share image of a page: its Open Graph and Twitter meta tags. */
const SHARE_IMAGE = new Set(['og:image', 'twitter:image']);

/**
 * The internal links and element ids of one HTML page. Links include the share image and the
 * images and logos JSON-LD names (a photo's crops, the publisher's logo), which no element shows.
 */
export function extractLinks(html: string): PageRecord {
  const links: string[] = [];
  const ids = new Set<string>();
  let ld: string | undefined;
  const { Parser } = htmlParser();
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (attrs.id) ids.add(attrs.id);
        if (name === 'a' && attrs.name) ids.add(attrs.name);
        for (const a of LINK_ATTRS[name] ?? []) if (attrs[a] !== undefined) links.push(attrs[a]);
        if (name === 'meta' && attrs.content && SHARE_IMAGE.has(attrs.property ?? attrs.name ?? '')) links.push(attrs.content);
        if (name === 'script' && attrs.type === 'application/ld+json') ld = '';
      },
      ontext(text) {
        if (ld !== undefined) ld += text;
      },
      onclosetag(name) {
        if (name !== 'script' || ld === undefined) return;
        try {
          ldImages(JSON.parse(ld), links);
        } catch {
          // Not JSON: a template's own script, not dateline's metadata; nothing to follow.
        }
        ld = undefined;
      },
    },
    { decodeEntities: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return { links, ids };
}

/** Every URL under an `image` or `logo` key of JSON-LD (a string, a list, or an ImageObject's `url`). */
function ldImages(value: unknown, out: string[], isImage = false): void {
  if (typeof value === 'string') {
    if (isImage) out.push(value);
  } else if (Array.isArray(value)) {
    for (const v of value) ldImages(v, out, isImage);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) ldImages(v, out, k === 'image' || k === 'logo' || (isImage && k === 'url'));
  }
}

/**
 * Collects every output file and the links of every HTML page, then checks that each internal
 * href/src resolves to a file and each #anchor to an id on its target page. Used by `dateline
 * check` during a build and on a built folder (`checkFolder`).
 */
export class LinkIndex {
  private readonly pages = new Map<string, PageRecord>();
  private readonly files = new Set<string>();
  private failed: (outPath: string) => boolean = () => false;
  private held: (href: string) => boolean = () => false;

  constructor(private readonly baseUrl: string) {}

  /**
   * Where the pages of content files that failed this build would be (model/failed.ts): a link to
   * one is not reported, since the file's own error is, and its anchors are not known.
   */
  addFailed(isFailed: (outPath: string) => boolean): void {
    this.failed = isFailed;
  }

  /**
   * Links to a story the build holds back (a scheduled one, a draft: check/held-links.ts), which
   * that check says at the link in a story's body: not said again here as a broken link. One
   * a template or the config writes is.
   */
  addHeld(isHeld: (href: string) => boolean): void {
    this.held = isHeld;
  }

  addFile(outPath: string): void {
    this.files.add(outPath);
  }

  addPage(outPath: string, html: string): void {
    this.addRecord(outPath, extractLinks(html));
  }

  /** A page whose links were extracted elsewhere (a render worker). */
  addRecord(outPath: string, record: PageRecord): void {
    this.files.add(outPath);
    this.pages.set(outPath, record);
  }

  /**
   * Broken links, one diagnostic each; `originOf` names what made a page (a content file), and
   * `textOf` reads that file, for the line of a link written in its body.
   */
  check(originOf: (outPath: string) => string | undefined = () => undefined, textOf: (file: string) => string | undefined = () => undefined, photosOf: (href: string) => SitePhoto[] | undefined = () => undefined, writtenAt: (candidates: string[]) => Pick<Diagnostic, 'file' | 'line' | 'column' | 'frame'> | undefined = () => undefined): Diagnostic[] {
    const base = new URL(this.baseUrl);
    // One broken link in a template or the config (footer, navigation) breaks every page: it is
    // reported once, with the pages it was found on, not once per page.
    const broken = new Map<string, { href: string; problem: string; pages: string[] }>();
    for (const [page, rec] of [...this.pages.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      const pageUrl = new URL(page.replace(/(^|\/)index\.html$/, '$1'), base);
      for (const href of new Set(rec.links)) {
        const problem = this.resolve(href, pageUrl, base, rec);
        if (!problem) continue;
        const key = `${href}\0${problem}`;
        const entry = broken.get(key) ?? broken.set(key, { href, problem, pages: [] }).get(key)!;
        entry.pages.push(page);
      }
    }
    const out: Diagnostic[] = [];
    // An article's lead photo shows on its page and on every listing with its card, as a path and
    // as a full URL (og:image): the mistake is in the front matter of each article that names it,
    // once for each, not in a template.
    const missingPhotos = new Map<string, SitePhoto & { href: string; pages: Set<string> }>();
    for (const { href, pages } of broken.values()) {
      for (const photo of photosOf(href) ?? []) {
        const key = `${photo.file}\0${photo.src}`;
        const entry = missingPhotos.get(key) ?? missingPhotos.set(key, { ...photo, href, pages: new Set() }).get(key)!;
        for (const p of pages) entry.pages.add(p);
      }
    }
    for (const photo of missingPhotos.values()) {
      const text = textOf(photo.file);
      const at = text === undefined ? undefined : photo.key ? configLocator(text)(photo.key) : srcLine(text, photo.src);
      const pages = [...photo.pages];
      const what = photo.key ? `The image ${photo.src} (the config's \`${photo.key}\`)` : `The lead photo ${photo.src}`;
      out.push(
        error('BROKEN_LINK', `${what} does not exist (${pages.length === 1 ? `/${pages[0]} shows it` : `${pages.length} pages show it`}).`, {
          file: photo.file,
          ...at,
          hint: photo.src.startsWith('/') || /^https?:/i.test(photo.src) ? `Put the photo in static/ (static${decodedPath(photo.href, base)}), or correct ${photo.key ? `\`${photo.key}\` in the config` : 'the path'}.` : 'Start `src` with / (a path from the site\'s root, such as /images/photo.jpg), and put the photo in static/ at that path.',
        }),
      );
    }
    let moved: ((href: string) => { page: string; file: string } | undefined) | undefined;
    let near: ((href: string, page: string, spelling: boolean) => string | undefined) | undefined;
    let nearLookups = 0;
    for (const { href, problem, pages } of broken.values()) {
      if (photosOf(href)?.length) continue;
      // A photo, a video or a document: a file to put in static/, not a page to point at (a full
      // URL here is on the site's own host: others are not checked).
      const media = MEDIA_FILE.test(href) && (!/^[a-z][a-z0-9+.-]*:/i.test(href) || /^https?:/i.test(href));
      // An old address of a story still on the site (an archive's `/2012/05/slug/`): say which, and the alias that keeps it.
      moved ??= this.movedStories(originOf, base);
      const story = media || problem !== 'which does not exist' ? undefined : moved(href);
      // What the editor probably meant: a page or file of the site a letter or two off, or in another case.
      // Only for an address that names the same target from every page: a relative one (`chart.png`)
      // found on pages in different folders is one entry here, and one page's near file is not another's.
      const absolute = /^(?:\/|[a-z][a-z0-9+.-]*:)/i.test(href);
      const meant = story || problem !== 'which does not exist' || !absolute ? undefined : (near ??= this.nearTargets(base))(href, pages[0], nearLookups++ < 100);
      let hint = media
        ? `Put the file in static/ at that path (${href.startsWith('/') || /^https?:/i.test(href) ? `static${decodedPath(href, base)}` : 'static/images/photo.jpg is /images/photo.jpg'}), or correct the path.`
        : story
          ? `It is probably the old address of /${story.page.replace(/index\.html$/, '')} (${story.file}), which has the same name: point the link there, or add \`aliases: ['${oldPath(href, base).replace(/'/g, "''")}']\` to ${story.file}, which also keeps the old address working for links from other sites.`
          : problem.startsWith('a WordPress address')
            ? 'Point the link at the story\'s address on this site, or remove it.'
            : 'Point the link at a page that exists, or remove it.';
      if (meant) hint = `It is probably ${meant}, which exists: ${media ? `correct the path, or put the file in static/ at that path (static${decodedPath(href, base)})` : 'point the link there, or remove it'}.`;
      const kind = media ? 'missing-file' : story ? 'old-address' : problem.startsWith('a WordPress address') ? 'post-number' : undefined;
      // The link in a story's body, where it was found: one diagnostic for each story, at its line,
      // however many stories make the same mistake. What is left came from a template or the config.
      const elsewhere: string[] = [];
      for (const page of pages) {
        const origin = originOf(page);
        const file = origin?.startsWith('content/') ? origin : undefined;
        if (file && problem === 'which does not exist' && this.held(href)) continue;
        const text = file ? textOf(file) : undefined;
        // No code frame: a line of Markdown is a whole paragraph.
        const at = text === undefined ? undefined : linkInBody(text, href, base.pathname, new URL(page.replace(/(^|\/)index\.html$/, '$1'), base));
        if (pages.length > 1 && !at) {
          elsewhere.push(page);
          continue;
        }
        out.push(error('BROKEN_LINK', `/${page} links to ${href}, ${problem}.`, { file, ...at, hint, ...(kind && { kind }) }));
      }
      if (elsewhere.length === 0) continue;
      if (elsewhere.length === 1) {
        const file = originOf(elsewhere[0]);
        out.push(error('BROKEN_LINK', `/${elsewhere[0]} links to ${href}, ${problem}.`, { file: file?.startsWith('content/') ? file : undefined, hint, ...(kind && { kind }) }));
        continue;
      }
      const shown = elsewhere.slice(0, 3).map((p) => `/${p}`).join(', ');
      // Where a template or the config writes it: `{{ 'brand/herald.css' | asset }}`, `url: '/contact/'`.
      const where = writtenAt(spellings(href, base.pathname));
      out.push(
        error('BROKEN_LINK', `${elsewhere.length} pages link to ${href}, ${problem} (${shown}${elsewhere.length > 3 ? ', …' : ''}).`, {
          ...where,
          ...(kind && { kind }),
          hint: `${meant ? `It is probably ${meant}, which exists. ` : ''}${
            where
              ? /\.[a-z0-9]{1,5}$/i.test(decodedPath(href, base)) && !/^[a-z][a-z0-9+.-]*:/i.test(href)
                ? `Correct the name at that line, or put the file in static/ (static${decodedPath(href, base)}).`
                : 'Correct the address at that line: point it at a page that exists, or remove it.'
              : 'A link on many pages comes from a template or the config (footer, navigation, cookie notice): point it at a page that exists, or remove it.'
          }`,
        }),
      );
    }
    return out;
  }

  /**
   * The story a broken link most likely meant: the one page made from a content file whose URL
   * ends in the link's last part (`/2012/05/council-vote/` or `/news/council-vote.html` for
   * `/2012/05/14/council-vote/`), among those of the link's year and month when it names them.
   * Built on the first broken link only: a site with none pays nothing.
   */
  private movedStories(originOf: (outPath: string) => string | undefined, base: URL): (href: string) => { page: string; file: string } | undefined {
    const byName = new Map<string, string[]>();
    for (const f of this.files) {
      const m = /(?:^|\/)([^/]+)\/index\.html$/.exec(f);
      if (m) (byName.get(m[1]) ?? byName.set(m[1], []).get(m[1])!).push(f);
    }
    return (href) => {
      let rel: string;
      try {
        rel = decodeURIComponent(new URL(href, base).pathname);
      } catch {
        return undefined;
      }
      const name = rel.replace(/\/$/, '').replace(/\.html?$/i, '').split('/').pop();
      let found = (name && byName.get(name)) || [];
      const ym = /\/(\d{4})\/(\d{2})\//.exec(rel);
      if (found.length > 1 && ym) found = found.filter((f) => f.includes(`${ym[1]}/${ym[2]}/`));
      if (found.length !== 1) return undefined;
      const file = originOf(found[0]);
      return file?.startsWith('content/') ? { page: found[0], file } : undefined;
    };
  }

  /**
   * The page or file of the site a broken link was probably meant for: the same path in another
   * case (`/About-Us/` for `/about-us/`), or, when `spelling`, a name in the same folder a letter
   * or two off (nearMiss: `changan-sales-rise/`, `chongqing-skylne.jpg`), also in a folder typed
   * in another case (`/Images/chongqing-skylne.jpg`). Built on the first
   * broken link only; each spelling lookup compares only the names of one folder.
   */
  private nearTargets(base: URL): (href: string, page: string, spelling: boolean) => string | undefined {
    const byLowerPath = new Map<string, string>();
    // The names of each folder, in lower case, and the path each stands for.
    const byFolder = new Map<string, { names: string[]; lower: string[]; shown: string[] }>();
    // And by the folder's path in lower case, for a folder typed in another case (`/News/storry/`).
    const byLowerFolder = new Map<string, { names: string[]; lower: string[]; shown: string[] }>();
    for (const f of [...this.files].sort()) {
      // A page is its folder (`about-us/index.html` is /about-us/), any other file its own name.
      const key = f.replace(/(^|\/)index\.html$/, '');
      if (key === '') continue;
      const shown = f === key ? f : `${key}/`;
      if (!byLowerPath.has(key.toLowerCase())) byLowerPath.set(key.toLowerCase(), shown);
      const cut = key.lastIndexOf('/') + 1;
      const folder = byFolder.get(key.slice(0, cut)) ?? byFolder.set(key.slice(0, cut), { names: [], lower: [], shown: [] }).get(key.slice(0, cut))!;
      folder.names.push(key.slice(cut));
      folder.lower.push(key.slice(cut).toLowerCase());
      folder.shown.push(shown);
      if (!byLowerFolder.has(key.slice(0, cut).toLowerCase())) byLowerFolder.set(key.slice(0, cut).toLowerCase(), folder);
    }
    return (href, page, spelling) => {
      let target: URL;
      let key: string;
      try {
        target = new URL(href, new URL(page.replace(/(^|\/)index\.html$/, '$1'), base));
        if (!target.pathname.startsWith(base.pathname)) return undefined;
        key = decodeURIComponent(target.pathname.slice(base.pathname.length)).replace(/\/$/, '');
      } catch {
        return undefined;
      }
      let found = byLowerPath.get(key.toLowerCase());
      if (found === undefined && spelling) {
        const cut = key.lastIndexOf('/') + 1;
        const folder = byFolder.get(key.slice(0, cut)) ?? byLowerFolder.get(key.slice(0, cut).toLowerCase());
        const sieve = mayBeTypoOf(key.slice(cut));
        const picks: number[] = [];
        for (let i = 0; folder && i < folder.lower.length; i++) if (sieve(folder.lower[i])) picks.push(i);
        const near = nearMiss(key.slice(cut), picks.map((i) => folder!.names[i]));
        found = near === undefined ? undefined : folder!.shown[picks.find((i) => folder!.names[i] === near)!];
      }
      if (found === undefined) return undefined;
      // The link's #fragment goes with it only where the page meant has that element.
      let id = '';
      try {
        id = decodeURIComponent(target.hash.slice(1));
      } catch {}
      const anchored = id !== '' && !!this.pages.get(found.endsWith('/') ? `${found}index.html` : found)?.ids.has(id);
      return `/${found}${anchored ? target.hash : ''}`;
    };
  }

  private resolve(href: string, pageUrl: URL, base: URL, self: PageRecord): string | undefined {
    const h = href.trim();
    if (h === '' || h === '#') return undefined;
    if (/^(mailto|tel|data|javascript):/i.test(h)) return undefined;
    let target: URL;
    try {
      target = new URL(h, pageUrl);
    } catch {
      return 'which is not a valid URL';
    }
    // The site's own host under the other scheme is the site: an archive's links and photos hard-coded
    // to http://www.example.org/… reach this site once the domain points at it.
    if (target.origin !== base.origin && !(target.host === base.host && /^https?:$/.test(target.protocol))) return undefined;
    // A WordPress address by post number (`/?p=123`, `/index.php?p=123`): a static host serves the
    // page at the path alone, the home page, whatever the number. At the home page only: elsewhere
    // `?p=2` is a page's own (a script's page number) and the page it links to is checked.
    if (/^\?(?:p|page_id)=\d+$/.test(target.search) && (target.pathname === base.pathname || target.pathname === `${base.pathname}index.php`)) return `a WordPress address by post number: a static site shows ${target.pathname} for it, whatever the number`;
    if (!target.pathname.startsWith(base.pathname)) return `which is outside the site's base path ${base.pathname}`;
    let rel: string;
    try {
      rel = decodeURIComponent(target.pathname.slice(base.pathname.length));
    } catch {
      return 'which is not correctly percent-encoded';
    }
    const candidates = rel === '' || rel.endsWith('/') ? [`${rel}index.html`] : [rel, `${rel}/index.html`];
    const file = candidates.find((c) => this.files.has(c));
    if (!file) return candidates.some(this.failed) ? undefined : 'which does not exist';
    if (target.hash.length > 1) {
      const id = decodeURIComponent(target.hash.slice(1));
      const page = h.startsWith('#') ? self : this.pages.get(file);
      if (page && !page.ids.has(id)) return `but that page has no element with id "${id}"`;
    }
    return undefined;
  }
}

/**
 * Where the Markdown body of a content file writes a link whose rendered href is `href`: as a
 * link or image target (`](href)`, `]: href`), an autolink (`<href>`) or an HTML attribute
 * (`href="href"`), as written or as the renderer changed it (the base path added, non-ASCII
 * percent-encoded, `&` decoded), or, given the page's URL, as a relative address that resolves
 * to it there (a page bundle's `../other-story/map.pdf`, which the page has as a full path).
 * Undefined when the body has no such link: it came from the front matter or a template.
 */
export function linkInBody(text: string, href: string, basePath = '/', page?: URL): { line: number; column: number } | undefined {
  const forms = new Set<string>();
  for (const h of [href, basePath !== '/' && href.startsWith(basePath) ? `/${href.slice(basePath.length)}` : href]) {
    forms.add(h);
    try {
      forms.add(decodeURI(h));
    } catch {
      // Not valid percent-encoding: only the href as it is can match.
    }
    forms.add(h.replace(/&/g, '&amp;'));
  }
  const escape = (f: string) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const target = new RegExp(`(\\]\\(\\s*<?|\\]:\\s*<?|<|\\b(?:href|src)\\s*=\\s*["']?)(${[...forms].map(escape).join('|')})(?=[)\\s"'>]|$)`);
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  // The body starts after the second `---` line.
  const close = lines[0]?.trimEnd() === '---' ? lines.findIndex((l, i) => i > 0 && l.trimEnd() === '---') : -1;
  for (let i = close + 1; i < lines.length; i++) {
    const m = target.exec(lines[i]);
    if (m) return { line: i + 1, column: m.index + m[1].length + 1 };
  }
  if (!page) return undefined;
  let wanted: string;
  try {
    wanted = new URL(href, page).href;
  } catch {
    return undefined;
  }
  const relative = /(\]\(\s*<?|\]:\s*<?|\b(?:href|src|poster)\s*=\s*["']?)((?![a-z][a-z0-9+.-]*:|[/#?])[^)\s"'<>]+)/gi;
  for (let i = close + 1; i < lines.length; i++) {
    for (const m of lines[i].matchAll(relative)) {
      try {
        if (new URL(m[2], page).href === wanted) return { line: i + 1, column: m.index + m[1].length + 1 };
      } catch {
        // Not an address.
      }
    }
  }
  return undefined;
}

/** The line and column in a front matter of the `src:` (or `image:`, or crop item) whose value is `src`. */
function srcLine(text: string, src: string): { line: number; column: number } | undefined {
  const { lines, close } = frontMatterLines(text);
  const forms = [src, tryDecodeURI(src)];
  for (let i = 1; i < (close === -1 ? lines.length : close); i++) {
    if (!/^\s*(src|image|-)\b|^\s*-\s/.test(lines[i])) continue;
    for (const f of forms) {
      const at = lines[i].indexOf(f);
      if (at !== -1) return { line: i + 1, column: at + 1 };
    }
  }
  return undefined;
}

/**
 * A quick sieve before nearMiss, for a folder of thousands of pages, given names in lower case:
 * two typing mistakes (or a plural) change a name's length by two and the counts of its letters
 * by four at most (UTF-16 units: twice that with a letter outside the BMP, an emoji).
 */
function mayBeTypoOf(name: string): (lower: string) => boolean {
  const l = name.toLowerCase();
  const wide = /[\uD800-\uDFFF]/.test(l);
  const counts = new Int32Array(256);
  for (let i = 0; i < l.length; i++) counts[l.charCodeAt(i) & 255]++;
  const left = counts.slice();
  return (other) => {
    if (Math.abs(other.length - l.length) > 4) return false;
    let otherWide = false;
    let shared = 0;
    let i = 0;
    // Past eight letters the name has not, it is no typo, emoji or not.
    for (; i < other.length && i - shared <= 8; i++) {
      const c = other.charCodeAt(i);
      if (c >= 0xd800 && c < 0xe000) otherWide = true;
      if (left[c & 255] > 0) {
        left[c & 255]--;
        shared++;
      }
    }
    for (let j = 0; j < i; j++) left[other.charCodeAt(j) & 255] = counts[other.charCodeAt(j) & 255];
    if (i < other.length) return false;
    if (!wide && !otherWide && Math.abs(other.length - l.length) > 2) return false;
    return other.length + l.length - 2 * shared <= (wide || otherWide ? 8 : 4);
  };
}

/** A link's path on the site, as an alias is written: `/2012/05/council-vote/`. */
function oldPath(href: string, base: URL): string {
  const pathname = new URL(href, base).pathname;
  return tryDecodeURI(pathname.startsWith(base.pathname) ? `/${pathname.slice(base.pathname.length)}` : pathname);
}

/** The path under static/ of a photo on the site, from its href (a path or a full URL). */
function decodedPath(href: string, base: URL): string {
  const pathname = new URL(href, base).pathname;
  return tryDecodeURI(pathname.startsWith(base.pathname) ? `/${pathname.slice(base.pathname.length)}` : pathname);
}

/** Checks every link of a built site folder. */
export async function checkFolder(dir: string, baseUrl: string): Promise<Diagnostic[]> {
  const index = new LinkIndex(baseUrl);
  const files = (await fastGlob()('**/*', { cwd: dir, dot: true, onlyFiles: true, followSymbolicLinks: false })).sort();
  for (const f of files) {
    if (f.endsWith('.html')) index.addPage(f, await readFile(path.join(dir, f), 'utf8'));
    else index.addFile(f);
  }
  return index.check();
}

/**
 * How a template or the config may write a link: as the page has it, without the base path, and
 * without the leading slash (the `asset` and `url` filters' argument, `'brand/site.css'`).
 */
function spellings(href: string, basePath: string): string[] {
  const h = href.trim().replace(/[?#].*$/, '');
  const local = h.startsWith(basePath) ? `/${h.slice(basePath.length)}` : h;
  const decoded = tryDecodeURI(local) ?? local;
  const noSlash = decoded.replace(/^\/+/, '');
  // An asset's content-hashed name (`site.3f2a9c1b7e.css`) is written without the hash.
  const unhashed = noSlash.replace(/\.[0-9a-f]{10}(\.(?:css|js|mjs))$/, '$1');
  return [...new Set([h, local, decoded, noSlash, unhashed].filter((x) => x.length > 1))];
}

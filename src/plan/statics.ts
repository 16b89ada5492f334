import type { SiteConfig } from '../config/types.js';
import type { StaticFile } from '../discover/discover.js';
import type { Article } from '../parse/source.js';
import { nearMiss } from '../validate/near-miss.js';

type SiteUrls = Pick<SiteConfig, 'baseUrl' | 'basePath'>;

/**
 * The output path of the static file an image src points at ("images/a.jpg"), resolved the way
 * the pages resolve it: a site path gets the base path in front unless it has it already (the
 * `url` filter, the Markdown renderer), and an absolute URL counts when it is on the site.
 * Undefined for anything else: another host, another scheme, or a relative path (which depends on
 * the page that shows it).
 */
export function staticPathOf(src: string, site: SiteUrls): string | undefined {
  const s = src.trim();
  const sitePath = s.startsWith('/') && !s.startsWith('//');
  // The common case without building a URL (80 ms per 100,000 images): a plain site path.
  if (sitePath && !s.includes('/.') && !s.includes('\\')) {
    const bare = s.replace(/[?#].*$/s, '');
    const rest = site.basePath !== '/' && bare.startsWith(site.basePath) ? bare.slice(site.basePath.length) : bare.slice(1);
    return decoded(rest);
  }
  if (!sitePath && !/^(https?:)?\/\//i.test(s)) return undefined;
  let url: URL;
  try {
    url = new URL(sitePath && !(site.basePath !== '/' && s.startsWith(site.basePath)) ? site.basePath + s.slice(1) : s, site.baseUrl);
  } catch {
    return undefined;
  }
  const base = new URL(site.baseUrl);
  // The site's own host over the other scheme is the site too: an archive's photos hard-coded to
  // http://www.example.org/wp-content/… are this site's files once the domain points at it.
  if ((url.origin !== base.origin && !(url.host === base.host && /^https?:$/.test(url.protocol))) || !url.pathname.startsWith(site.basePath)) return undefined;
  return decoded(url.pathname.slice(site.basePath.length));
}

function decoded(p: string): string {
  if (!p.includes('%')) return p;
  try {
    return decodeURIComponent(p);
  } catch {
    return p;
  }
}

/** Whether a live blog's update timed `ms` is held back by this build (timed after its `now`). */
export type Waits = (ms: number) => boolean;

/**
 * Calls `each` with the lead image's src and each body image's src, as written; with `waits`,
 * without the uses in a live blog's held-back updates (a photo also shown elsewhere in the
 * story is still shown).
 */
function forImages(a: Article, each: (src: string) => void, waits?: Waits): void {
  if (a.meta.image) {
    each(a.meta.image.src);
    if (a.meta.image.crops) for (const c of a.meta.image.crops) each(c);
  }
  if (!a.images) return;
  const left = waits ? heldUses(a, waits) : undefined;
  for (const src of a.images) {
    const n = left?.get(src);
    if (n) left!.set(src, n - 1);
    else each(src);
  }
}

/**
 * The srcs of a published article's body (as written, in order), without the uses in a live
 * blog's held-back updates: what its page shows now.
 */
export function shownBodyImages(a: Article, waits: Waits): string[] {
  if (!a.images) return [];
  const left = heldUses(a, waits);
  if (!left) return a.images;
  const out: string[] = [];
  for (const src of a.images) {
    const n = left.get(src);
    if (n) left.set(src, n - 1);
    else out.push(src);
  }
  return out;
}

/** How many times each src is used in a live blog's updates that `waits` holds back. */
function heldUses(a: Article, waits: Waits): Map<string, number> | undefined {
  let out: Map<string, number> | undefined;
  for (const u of a.updates ?? []) {
    if (!u.images || !waits(u.ms)) continue;
    for (const src of u.images) (out ??= new Map()).set(src, (out.get(src) ?? 0) + 1);
  }
  return out;
}

/**
 * The srcs that only a published live blog's held-back updates show (not its opening, its other
 * updates or its lead photo): they wait with their update, as a scheduled story's photo does.
 */
export function heldUpdateImages(a: Article, waits: Waits): string[] {
  const held = heldUses(a, waits);
  if (!held) return [];
  forImages(a, (src) => held.delete(src), waits);
  return [...held.keys()];
}

/**
 * Static files that only unpublished content shows (a scheduled article, a draft, an expired
 * article, a draft page), by output path: copying them would publish a scoop's photo, and its
 * telling file name, before the story. A file that a published article or page shows, or that no
 * content shows, is copied as always; so is one that the config or a template names
 * (`namedBySite`, asked only about the files that would otherwise be held back), such as the logo.
 *
 * `articles` is every parsed content file; `live` says which of them this build publishes (the
 * graph's rule, model/graph.ts `isLive`).
 */
export function withheldStatics(o: { articles: readonly Article[]; live: (a: Article) => boolean; waits: Waits; statics: readonly StaticFile[]; config: SiteUrls; namedBySite: (outPath: string) => boolean }): Set<string> {
  const held = new Set<string>();
  let isStatic: Set<string> | undefined;
  const hold = (src: string) => {
    const p = staticPathOf(src, o.config);
    if (p !== undefined && (isStatic ??= new Set(o.statics.map((s) => s.outPath))).has(p)) held.add(p);
  };
  for (const a of o.articles) {
    if (!a.meta.image && !a.images) continue;
    if (!o.live(a)) forImages(a, hold);
    // A live blog's update still to come: its photos wait with it.
    else if (a.updates) heldUpdateImages(a, o.waits).forEach(hold);
  }
  // Most builds stop here. Otherwise every published image is looked at for the few held files.
  if (held.size === 0) return held;
  for (const p of shownBy(o.articles, [...held], o.config, o.live, o.waits)) held.delete(p);
  for (const p of held) if (o.namedBySite(p)) held.delete(p);
  return held;
}

/**
 * Which of `paths` (output paths of static files) the articles `live` says are published show:
 * only a src that may name one of them is resolved (a src without "%" or "\\" holds its file's
 * name as it is): resolving every src of 100,000 articles cost up to 90 ms.
 */
export function shownBy(articles: readonly Article[], paths: readonly string[], config: SiteUrls, live: (a: Article) => boolean, waits?: Waits): Set<string> {
  const wanted = new Set(paths);
  const names = paths.map((p) => p.slice(p.lastIndexOf('/') + 1));
  const shown = new Set<string>();
  for (const a of articles) {
    if (!a.meta.image && !a.images) continue;
    if (!live(a)) continue;
    forImages(a, (src) => {
      if (!src.includes('%') && !src.includes('\\') && !names.some((n) => src.includes(n))) return;
      const p = staticPathOf(src, config);
      if (p !== undefined && wanted.has(p)) shown.add(p);
    }, waits);
    if (shown.size === wanted.size) break;
  }
  return shown;
}

/**
 * The file a missing one was probably meant to be (`images/flood-rivr.jpg` for
 * images/flood-river.jpg): a name in the same folder a typing mistake or two away, or written in
 * another case (a host's file names are case-sensitive); else the one file of that name in another
 * folder (`/image/` for `/images/`). Undefined when none is that close. The index is made on the
 * first call, and only this warning's path calls it.
 */
export function nearStatics(present: () => Iterable<string>): (missing: string) => string | undefined {
  let byFolder: Map<string, string[]> | undefined;
  let byName: Map<string, string[]> | undefined;
  const cut = (p: string) => {
    const i = p.lastIndexOf('/');
    return [p.slice(0, i + 1), p.slice(i + 1)] as const;
  };
  return (missing) => {
    if (!byFolder || !byName) {
      byFolder = new Map();
      byName = new Map();
      for (const p of present()) {
        const [f, n] = cut(p);
        (byFolder.get(f) ?? byFolder.set(f, []).get(f)!).push(n);
        (byName.get(n.toLowerCase()) ?? byName.set(n.toLowerCase(), []).get(n.toLowerCase())!).push(p);
      }
    }
    const [folder, name] = cut(missing);
    const near = nearMiss(name, byFolder.get(folder) ?? []);
    if (near !== undefined) return folder + near;
    const elsewhere = byName.get(name.toLowerCase()) ?? [];
    return elsewhere.length === 1 ? elsewhere[0] : undefined;
  };
}

/**
 * The images published articles show from this site that no file is there for (`/images/a.jpg`
 * with no static/images/a.jpg): each article with the src as written, in article order. A set
 * lookup per image: `check` says the same as broken links, with every page that shows them.
 */
export function missingImages(articles: readonly Article[], present: ReadonlySet<string>, config: SiteUrls, live: (a: Article) => boolean): { article: Article; src: string; lead: boolean }[] {
  const out: { article: Article; src: string; lead: boolean }[] = [];
  for (const a of articles) {
    if (!a.meta.image && !a.images) continue;
    if (!live(a)) continue;
    const lead = new Set(a.meta.image ? [a.meta.image.src, ...(a.meta.image.crops ?? [])] : []);
    const seen = new Set<string>();
    forImages(a, (src) => {
      if (seen.has(src)) return;
      seen.add(src);
      const p = staticPathOf(src, config);
      if (p !== undefined && p !== '' && !present.has(p)) out.push({ article: a, src, lead: lead.has(src) });
    });
  }
  return out;
}

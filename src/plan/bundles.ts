import type { SiteConfig } from '../config/types.js';
import type { BundleFile, StaticFile } from '../discover/discover.js';
import { error, warning, type Diagnostic } from '../errors/diagnostic.js';
import { codeFrame } from '../errors/frame.js';
import type { Article } from '../parse/source.js';
import { isPageRelative, resolveRelative } from '../parse/url.js';
import { nearMiss } from '../validate/near-miss.js';
import { staticPathOf } from './statics.js';

/** A page bundle's file as the build copies it: a static file, with the content file it is. */
export interface BundleStatic extends StaticFile {
  /** Relative to the site folder: "content/articles/2024/flood-defences/river.jpg". */
  path: string;
  /** Its path inside the bundle's folder: "river.jpg". */
  name: string;
}

/** A published page: an article or standalone page of the site graph, where it is written. */
interface Placed {
  source: string;
  /** "2024/06/30/flood-defences/index.html": permalinks end in "/", so a page is a folder's index.html. */
  outputPath: string;
}

/** The output folder of a page ("2024/06/30/flood-defences/"), from its output path. */
const folderOf = (outputPath: string): string => outputPath.slice(0, outputPath.lastIndexOf('/') + 1);

/**
 * The files of the page bundles whose story is published (`pages`: the graph's articles and
 * standalone pages), each in its story's output folder: `flood-defences/river.jpg` of the story at
 * /2024/06/30/flood-defences/ is 2024/06/30/flood-defences/river.jpg. A draft's, a scheduled or an
 * expired story's files are not among them, so they are neither copied nor in the manifest, and
 * a folder the story left (a new date or slug) loses them with its page. Sorted by output path.
 */
export function bundleStatics(files: readonly BundleFile[], pages: Iterable<Placed>): BundleStatic[] {
  if (files.length === 0) return [];
  const folders = new Map<string, string>();
  for (const p of pages) folders.set(p.source, folderOf(p.outputPath));
  const out: BundleStatic[] = [];
  for (const f of files) {
    const folder = folders.get(f.index);
    if (folder !== undefined) out.push({ outPath: folder + f.name, source: f.source, path: f.path, name: f.name });
  }
  return out.sort((a, b) => (a.outPath < b.outPath ? -1 : a.outPath > b.outPath ? 1 : 0));
}

/**
 * The names inside its bundle's folder that a story points to (`river.jpg`, `docs/map.pdf`): its
 * body's photos, links to files and raw HTML `src`, and `image.src` with its `crops`, as parsing
 * made them site paths.
 */
function referencedNames(a: Article, config: Pick<SiteConfig, 'baseUrl' | 'basePath'>): { name: string; outPath: string }[] {
  const folder = a.bundle!.slice(1);
  const refs = [...(a.meta.image ? [a.meta.image.src, ...(a.meta.image.crops ?? [])] : []), ...(a.images ?? [])];
  const out: { name: string; outPath: string }[] = [];
  const seen = new Set<string>();
  for (const ref of refs) {
    if (typeof ref !== 'string') continue;
    const p = staticPathOf(ref, config);
    if (p === undefined || !p.startsWith(folder) || seen.has(p)) continue;
    seen.add(p);
    const name = p.slice(folder.length);
    if (name !== '' && !name.endsWith('/')) out.push({ name, outPath: p });
  }
  return out;
}

/**
 * The bundle files that are published: every photo, video and sound, and a document (`map.pdf`,
 * `notes.docx`) only when its story links to it. An editor's working notes or an interview kept
 * beside a story stay out of the site without a word. Which documents a story links to changes
 * only with its body's links or its `image` (incremental/body-edit.ts takes neither as a body-only
 * edit), so a build that reuses the last plan publishes the same files.
 */
export function publishedBundleFiles(files: readonly BundleFile[], articles: Iterable<Article | undefined>, config: Pick<SiteConfig, 'baseUrl' | 'basePath'>): BundleFile[] {
  if (!files.some((f) => f.document)) return files as BundleFile[];
  const linked = new Map<string, Set<string>>();
  for (const a of articles) if (a?.bundle !== undefined) linked.set(a.source, new Set(referencedNames(a, config).map((r) => r.name)));
  return files.filter((f) => !f.document || linked.get(f.index)?.has(f.name));
}

/** Two paths that are one file on a case-folding file system (as plan() compares pages). */
const pathKey = (p: string) => p.normalize('NFC').toLowerCase();

/**
 * A bundle's file written where something else is: the story's own page (an `index.html` in the
 * bundle's folder), another page, a static file, or another bundle's file (two names that differ
 * only in case, one file on macOS and Windows). One would silently replace the other. `bundled`
 * holds the files of the published stories and of the scheduled ones, placed where they will be:
 * the build that publishes a story must not be the first to fail (plan/scheduled.ts).
 */
export function bundleCollisions(bundled: readonly BundleStatic[], pages: readonly { outputPath: string; origin: string }[], statics: readonly StaticFile[], siteDir: string): Diagnostic[] {
  if (bundled.length === 0) return [];
  const taken = new Map<string, string>();
  for (const p of pages) taken.set(pathKey(p.outputPath), p.origin);
  for (const s of statics) if (!taken.has(pathKey(s.outPath))) taken.set(pathKey(s.outPath), `the static file ${staticName(s, siteDir)}`);
  const out: Diagnostic[] = [];
  for (const b of bundled) {
    const key = pathKey(b.outPath);
    const own = pathKey(b.name) === 'index.html';
    const other = own ? b.path.replace(/[^/]*$/, 'index.md') : taken.get(key);
    if (other === undefined) {
      taken.set(key, b.path);
      continue;
    }
    const file = b.name.slice(b.name.lastIndexOf('/') + 1);
    out.push(
      error('BUNDLE_COLLISION', `${b.path} and ${other} would both be written to /${b.outPath}.`, {
        file: b.path,
        hint: own ? `Rename ${file}: index.html beside index.md is the story's own page.` : `Rename or move ${file} (or the other file), or give the story another URL.`,
      }),
    );
  }
  return out;
}

function staticName(s: StaticFile, siteDir: string): string {
  const prefix = siteDir.endsWith('/') ? siteDir : `${siteDir}/`;
  const p = s.source.split('\\').join('/');
  return p.startsWith(prefix) ? p.slice(prefix.length) : s.outPath;
}

export interface BundleCheck {
  diagnostics: Diagnostic[];
  /** Output paths of the files reported missing: `dateline check` says each once, here. */
  missing: string[];
}

/**
 * A page bundle's references to its own files: a photo, video or document in the story's folder
 * (`![Flood wall](river.jpg)`, `image: {src: river.jpg}`, `[the report](map.pdf)`) that the bundle
 * does not have is a broken photo or link on the page; it is reported at its line, with where
 * to put the file (`severity`: a warning for a build, an error for `dateline check`, as a broken
 * link is). Every bundle story is checked, a scheduled one too: its files are known now.
 *
 * A story's route as the site graph gives it (`placed`) is also the one its relative addresses
 * were resolved against when it was read (workers/tasks.ts), except for a section that the
 * config does not list and that articles spell two ways whose slugs differ: that is an error at
 * the story's `section`.
 */
export function bundleReferences(o: {
  articles: readonly Article[];
  files: readonly BundleFile[];
  placed: ReadonlyMap<string, string>;
  exists: (outPath: string) => boolean;
  config: Pick<SiteConfig, 'baseUrl' | 'basePath'>;
  severity: 'error' | 'warning';
  textOf: (file: string) => string | undefined;
  /** Bundle files not published for what they are (`chart.svg`): there, but a broken photo all the same. */
  refused?: ReadonlySet<string>;
}): BundleCheck {
  const out: BundleCheck = { diagnostics: [], missing: [] };
  let names: Map<string, Set<string>> | undefined;
  for (const a of o.articles) {
    if (a.bundle === undefined) continue;
    const folder = a.bundle.slice(1);
    const placed = o.placed.get(a.source);
    if (placed !== undefined && folderOf(placed) !== folder) {
      out.diagnostics.push(
        error('BUNDLE_URL', `${a.source} is published at /${folderOf(placed)}, but its files' addresses were made for ${a.bundle}: another article spells its section "${a.meta.section ?? ''}" another way, and that spelling names the section's page.`, {
          file: a.source,
          ...at(o.textOf(a.source), (line) => (/^section\s*:/.test(line) ? 1 : undefined)),
          hint: `Spell the section the same way in every article, or list it in the config's \`sections\` (with its \`slug\`).`,
        }),
      );
      continue;
    }
    const referenced = referencedNames(a, o.config);
    for (const { name, outPath: p } of referenced) {
      names ??= namesByBundle(o.files);
      if (names.get(a.source)?.has(name) || o.exists(p)) continue;
      out.missing.push(p);
      const dir = a.source.slice(0, a.source.lastIndexOf('/') + 1);
      const text = o.textOf(a.source);
      const refused = o.refused?.has(dir + name) ?? false;
      // `![x](<photo #1.jpg>)`: in an address, `#` starts the part of a page and `?` a query, so the name stops there.
      const cut = refused ? undefined : [...(names.get(a.source) ?? [])].find((f) => f.length > name.length && f.startsWith(name) && /^[#?]/.test(f.slice(name.length)));
      const meant = refused || cut ? undefined : meantFile(name, names.get(a.source), referenced);
      out.diagnostics.push({
        code: 'BUNDLE_FILE_MISSING',
        severity: o.severity,
        message: refused
          ? `${name} is in the story's folder ${dir} but is not published (a page bundle publishes only photos, video, audio, captions and documents): its page would show a broken ${brokenWhat(name)} at /${p}.`
          : `${name} is not in the story's folder ${dir}: its page would show a broken ${brokenWhat(name)} at /${p}.`,
        file: a.source,
        ...at(text, (line) => addressesIn(line).find(({ addr }) => staticPathOf(isPageRelative(addr) ? resolveRelative(addr, a.bundle!) : addr, o.config) === p)?.column),
        hint: refused
          ? `Save it as a photo (.png, .jpg), or, if the site trusts it, put it in static/ and link to it there.`
          : cut !== undefined
            ? `The file is ${cut}: in an address, a # or ? ends the name. Write it as ${encodeURI(cut).replace(/#/g, '%23').replace(/\?/g, '%3F')}, or rename the file without # or ?.`
          : meant !== undefined
            ? `Write ${meant}, the file in ${dir} it was probably meant to be; or put ${name} there beside index.md.`
            : `Put ${name} in ${dir} beside index.md, or correct the path (it is relative to that folder).`,
      });
    }
  }
  return out;
}

/**
 * The file of the story's folder a missing name was probably meant to be: one a typing mistake or
 * two away (or in another case), else the only file of its kind (extension) that the story does
 * not show, as when a photo was renamed after the story named it.
 */
function meantFile(name: string, present: ReadonlySet<string> | undefined, referenced: readonly { name: string }[]): string | undefined {
  if (!present?.size) return undefined;
  const near = nearMiss(name, [...present]);
  if (near !== undefined) return near;
  const ext = (n: string) => /\.[^./]+$/.exec(n)?.[0].toLowerCase();
  const shown = new Set(referenced.map((r) => r.name));
  const spare = [...present].filter((n) => !shown.has(n) && ext(n) === ext(name) && ext(name) !== undefined);
  return spare.length === 1 ? spare[0] : undefined;
}

/** What a missing file breaks on the page, by its name. */
function brokenWhat(name: string): string {
  if (/\.(?:jpe?g|png|gif|webp|avif|svg|heic|tiff?|bmp)$/i.test(name)) return 'photo';
  if (/\.(?:mp4|m4v|mov|webm|ogv|mp3|m4a|aac|ogg|oga|opus|wav|flac|vtt)$/i.test(name)) return 'video or audio';
  return 'link to a file';
}

function namesByBundle(files: readonly BundleFile[]): Map<string, Set<string>> {
  const names = new Map<string, Set<string>>();
  for (const f of files) (names.get(f.index) ?? names.set(f.index, new Set()).get(f.index)!).add(f.name);
  return names;
}

/**
 * The words of a line of front matter or Markdown that may be addresses, with their columns: runs
 * between spaces, quotes, brackets and `=` (`![Wall](river.jpg "At dusk")`, `src="river.jpg"`,
 * `image: {"src":"river.jpg"}`, `- crops/a.jpg`), and whatever `<…>` holds (`](<harbour view.jpg>)`).
 */
function addressesIn(line: string): { addr: string; column: number }[] {
  const out: { addr: string; column: number }[] = [];
  for (const m of line.matchAll(/<([^<>\s][^<>]*)>/g)) out.push({ addr: m[1], column: m.index + 2 });
  for (const m of line.matchAll(/[^\s"'{}[\](),<>=]+/g)) out.push({ addr: m[0], column: m.index + 1 });
  return out;
}

/** The first line of a content file where `columnIn` finds a column, with a code frame; nothing when none does. */
function at(text: string | undefined, columnIn: (line: string) => number | undefined): { line?: number; column?: number; frame?: string } {
  if (text === undefined) return {};
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const column = columnIn(lines[i]);
    if (column !== undefined) return { line: i + 1, column, frame: codeFrame(text, i + 1, column) };
  }
  return {};
}

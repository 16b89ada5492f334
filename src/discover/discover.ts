import { closeSync, existsSync, lstatSync, openSync, readSync } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import fg from 'fast-glob';
import { error, warning, type Diagnostic } from '../errors/diagnostic.js';
import { isEditorLeftover, isSystemLeftover } from './leftovers.js';
import { BUNDLE_DOCUMENT_EXTENSIONS, BUNDLE_MEDIA_EXTENSIONS, bundleFolder, kindOf, MEDIA_EXTENSIONS } from './source-kind.js';

/** A source file as read from disk: the only stage that touches content files. */
export interface SourceFile {
  /** Relative to the site folder, forward slashes: "content/articles/2024/a.md". */
  path: string;
  kind: 'article' | 'page';
  text: string;
  hash: string;
  /** Its bytes are not UTF-8 (a file saved as Windows-1252): `text` has U+FFFD where they were. */
  invalidUtf8?: boolean;
}

export interface StaticFile {
  /** Path inside the output folder, forward slashes. */
  outPath: string;
  /** Absolute path to copy from. */
  source: string;
}

/** A content file found on disk, not read yet: parsing (maybe in a worker) reads it once. */
export interface SourceEntry {
  path: string;
  abs: string;
  kind: 'article' | 'page';
}

/**
 * A file of a page bundle (`flood-defences/river.jpg` beside `flood-defences/index.md`, at any
 * depth below the folder but not in a folder of another bundle): published beside its story,
 * once the build knows the story's URL and that it is published (plan/bundles.ts).
 */
export interface BundleFile {
  /** The bundle's Markdown file: "content/articles/2024/flood-defences/index.md". */
  index: string;
  /** Its path inside the bundle's folder: "river.jpg", "docs/map.pdf". */
  name: string;
  /** Relative to the site folder: "content/articles/2024/flood-defences/river.jpg". */
  path: string;
  /** Absolute path to copy from. */
  source: string;
  /** A document (`map.pdf`), published only when its story links to it; else a photo, video or sound. */
  document?: true;
}

export interface SiteFiles {
  sources: SourceEntry[];
  statics: StaticFile[];
  /** Sorted by path; empty on a site without page bundles. */
  bundleFiles: BundleFile[];
  /** Page bundles' files that are not published for what they are (`graphic.html`, `chart.svg`): site-relative paths. */
  refusedBundleFiles: Set<string>;
  diagnostics: Diagnostic[];
}

export { bundleFolder, fileHasher, hashText, kindOf, PAGES_DIR } from './source-kind.js';

/** Files and folders whose name starts with `_` or `.` are never content. */
const IGNORE = ['**/_*', '**/_*/**'];
/** A name the listing passes over (IGNORE, and fast-glob's `dot: false`). */
export const passedOver = (name: string): boolean => name.startsWith('_') || name.startsWith('.');

interface Entry {
  rel: string;
  abs: string;
}

interface ListOptions {
  /** Called with every path found (relative to `dir`), before any symlink is looked at. */
  seen?: (rels: readonly string[]) => void;
  /**
   * Whether a symlink is worth following or reporting (a symlinked photo in content/ that would
   * not be published is not); `{ within }`: followed only to a file inside that folder (relative
   * to `root`), never to a Markdown file nor through a name that starts with `_` or `.` (a page
   * bundle's file, published from its story's own folder: not another story's source, an
   * embargoed story or `_private/notes.txt`).
   */
  matters?: (rel: string, folder: boolean) => boolean | { within: string };
  /** Where the folders listed are noted, for the cache's record of the listing (discover/listing.ts). */
  trail?: ListingTrail;
}

/**
 * What a listing went through, for the cache's record of it (discover/listing.ts): every folder it
 * read, with the entries it found there, and whether what it found follows from those entries
 * alone. It does not when it met a symlink (what it says depends on the target), read a file (a
 * `.txt` story's first line) or looked into a folder it does not list (content/_posts).
 */
export interface ListingTrail {
  /**
   * Each folder the listing read (absolute path, the listed folder itself first) → its entries: a
   * type letter and the name; null for a folder it was to list that was not there.
   */
  folders: Map<string, string[] | null>;
  /** The folders listed whose entries are all their names, those the listing passes over too (the listed folders themselves). */
  whole: Set<string>;
  recordable: boolean;
}

export const newTrail = (): ListingTrail => ({ folders: new Map(), whole: new Set(), recordable: true });

/**
 * Lists the files under `dir` (sorted, so output never depends on file-system order), without
 * following any symlink that leaves `root`.
 */
export async function listFiles(root: string, dir: string, pattern: string, diagnostics: Diagnostic[], o: ListOptions = {}): Promise<Entry[]> {
  const base = path.join(root, dir);
  const realRoot = await realpath(root);
  // The folder itself may be a symlink (content/ → elsewhere): fast-glob would walk it.
  const realBase = await realpath(base).catch(() => undefined);
  if (realBase === undefined) {
    // Not there (a site with no static/ yet): the record notes it, so that the folder made later is listed.
    o.trail?.folders.set(base, null);
    return [];
  }
  if (realBase !== realRoot && !realBase.startsWith(realRoot + path.sep)) {
    if (o.trail) o.trail.recordable = false;
    // An error, not a warning: building on would replace the site with one that lacks the folder.
    diagnostics.push(error('SYMLINK_OUTSIDE', `${dir}/ is a symlink that leads outside the site folder; it is not followed.`, { file: dir, hint: `Make ${dir}/ a real folder inside the site folder (copy the files in).` }));
    return [];
  }
  const entries = await fg(pattern, { cwd: base, dot: false, onlyFiles: false, followSymbolicLinks: false, objectMode: true, ignore: IGNORE, suppressErrors: true });
  o.seen?.(entries.map((e) => e.path));
  if (o.trail) {
    // Reached through a symlink: the record would read the link's folder, not the target's.
    if (realBase !== (dir === '.' ? realRoot : path.join(realRoot, dir))) o.trail.recordable = false;
    noteEntries(o.trail.folders, base, entries);
    // The names the listing passes over at the top count too: the build warns of content/_posts/
    // and static/_headers, and a record that stood after one was made would keep the build quiet.
    const top = o.trail.folders.get(base)!;
    for (const e of await readdir(base, { withFileTypes: true }).catch(() => [])) if (passedOver(e.name)) top.push(entryType(e) + e.name);
    o.trail.whole.add(base);
  }
  const out: Entry[] = [];
  for (const e of entries) {
    // fast-glob's paths are relative, normalized and joined with '/': put together by hand, since
    // path.join normalizes each again (90 ms of a one-article edit at 10,000 articles, 2 cores).
    const abs = path.sep === '/' ? `${base.endsWith('/') ? base : `${base}/`}${e.path}` : path.join(base, e.path);
    const rel = dir === '.' ? e.path : `${dir}/${e.path}`;
    // A name saved in another encoding than UTF-8 (a photographer's zip: `caf\xe9.jpg` in Latin-1)
    // reaches Node with U+FFFD for the bytes it cannot read: a file of that name does not exist,
    // and nothing in a folder of that name can be read.
    if (e.path.includes('\uFFFD')) {
      if (!entries.some((o) => o !== e && e.path.startsWith(`${o.path}/`) && o.path.includes('\uFFFD'))) {
        const kind = e.dirent.isDirectory() ? 'folder' : 'file';
        diagnostics.push(error('NAME_NOT_UTF8', `The ${kind} ${rel} has a name that is not UTF-8 text (the \uFFFD stands for what could not be read), so ${kind === 'folder' ? 'nothing in it can' : 'it cannot'} be published.`, { file: rel, hint: `Rename the ${kind} with the letters meant (${kind === 'file' ? 'cafe.jpg for café.jpg' : 'photos-cafe for photos-café'}); names saved by an old tool, or unpacked from a zip made on another system, keep their old encoding.` }));
      }
      continue;
    }
    if (e.dirent.isFile()) out.push({ rel, abs });
    else if (e.dirent.isSymbolicLink()) {
      if (o.trail) o.trail.recordable = false;
      const target = await realpath(abs).catch(() => '');
      const within = (folder: string) => target !== '' && (target === folder || target.startsWith(folder + path.sep));
      const st = target === '' ? undefined : await stat(target);
      // A symlink to something that would not be used anyway (a photo in content/) is no news.
      const matters = o.matters?.(rel, !!st?.isDirectory()) ?? true;
      if (!matters) continue;
      // A file published from a story's folder is not taken from elsewhere in the site.
      const confined = typeof matters === 'object' ? await realpath(path.join(root, matters.within)).catch(() => '') : undefined;
      const inside = within(realRoot) && (confined === undefined || (confined !== '' && within(confined)));
      // Inside the story's folder, still no story's source and nothing a name keeps out of the site;
      // anywhere in the folder listed, nothing under a `_` or `.` name (a story linked out of
      // `_embargo/` would be published as it is).
      const hiddenIn = confined && inside ? confined : inside ? realBase : undefined;
      const hidden = hiddenIn !== undefined ? path.relative(hiddenIn, target).split(path.sep).find((p) => p.startsWith('_') || p.startsWith('.')) : undefined;
      const markdown = confined !== undefined && inside && (target.endsWith('.md') || MARKDOWN_LIKE.test(target));
      if (inside && st?.isFile() && hidden === undefined && !markdown) out.push({ rel, abs: target });
      else if (target === '')
        diagnostics.push(warning('SYMLINK_SKIPPED', 'A symlink whose target does not exist is skipped.', { file: rel, hint: 'Delete the symlink, or put back the file it points to.' }));
      else if (hidden !== undefined)
        diagnostics.push(warning('SYMLINK_SKIPPED', `A symlink into "${hidden}" is not followed: a file or folder whose name starts with "_" or "." is never published.`, { file: rel, hint: 'Delete the symlink; a file meant for the page goes in the story\'s folder under a name that does not start with "_" or ".".' }));
      else if (markdown)
        diagnostics.push(warning('SYMLINK_SKIPPED', 'A symlink to a Markdown file is not followed: a story\'s source is never published.', { file: rel, hint: 'Delete the symlink; link to the story\'s page instead.' }));
      else
        diagnostics.push(
          warning('SYMLINK_SKIPPED', inside ? 'A symlink to a folder is not followed.' : `A symlink that leads outside the ${confined !== undefined ? 'story\'s folder' : 'site folder'} is not followed.`, {
            file: rel,
            hint: inside ? 'Move the folder\'s files where the symlink is, or link each file.' : `Copy the file into the ${confined !== undefined ? 'story\'s folder' : 'site folder'} instead of linking to it.`,
          }),
        );
    }
  }
  return out.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
}

/**
 * A story saved as text (`story.txt`): its first line is the front matter's `---`. Read for .txt
 * files in content/ only; what the listing says then depends on a file's words (`trail`).
 */
function startsWithFrontMatter(abs: string, trail?: ListingTrail): boolean {
  if (trail) trail.recordable = false;
  let fd: number | undefined;
  try {
    fd = openSync(abs, 'r');
    const head = Buffer.alloc(8);
    const n = readSync(fd, head, 0, 8, 0);
    return /^(?:\uFEFF)?---\s*$/m.test(head.subarray(0, n).toString('utf8').split('\n')[0]);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Each folder's entries as the listing found them, for `ListingTrail`: every folder it read, an empty one too. */
function noteEntries(folders: Map<string, string[] | null>, base: string, entries: readonly { path: string; dirent: { isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean } }[]): void {
  const at = (rel: string) => (rel === '' ? base : path.sep === '/' ? `${base.endsWith('/') ? base : `${base}/`}${rel}` : path.join(base, rel));
  const of = (rel: string) => {
    const abs = at(rel);
    let list = folders.get(abs);
    if (!list) folders.set(abs, (list = []));
    return list;
  };
  of('');
  for (const e of entries) {
    const cut = e.path.lastIndexOf('/');
    of(cut < 0 ? '' : e.path.slice(0, cut)).push(entryType(e.dirent) + e.path.slice(cut + 1));
    if (e.dirent.isDirectory()) of(e.path);
  }
}

/** A letter for an entry's type, as discover/listing.ts compares them. */
export const entryType = (d: { isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean }): string => (d.isFile() ? 'f' : d.isDirectory() ? 'd' : d.isSymbolicLink() ? 'l' : 'o');

/** Names an editor may give a Markdown file that are not `.md`: `.MD`, `.markdown`, `.md.txt`. */
const MARKDOWN_LIKE = /\.(?:md|markdown|mdown|mkdn?|mdwn|mdx)(?:\.txt)?\s*$/i;

/** A story a word processor saved in its own format: Word's Save As puts `.docx` after `rail.md`, TextEdit `.rtf`. */
const SAVED_AS_DOCUMENT = /\.(?:md|markdown)\.(docx?|rtf|odt|pages)$/i;

/** Photos, media and documents: kept in content/ beside a story, they are not published. */
const MEDIA = new RegExp(`\\.(?:${MEDIA_EXTENSIONS})$`, 'i');

/** What a page bundle publishes (source-kind.ts): photos, video, sound, captions; and documents its story links to. */
const BUNDLE_MEDIA = new RegExp(`\\.(?:${BUNDLE_MEDIA_EXTENSIONS})$`, 'i');
const BUNDLE_DOCUMENT = new RegExp(`\\.(?:${BUNDLE_DOCUMENT_EXTENSIONS})$`, 'i');

/**
 * A story's name in the wrong case where only one case works: a bundle's `Index.md` (only
 * `index.md` makes the folder a story) and a `content/Pages/` folder (only `content/pages/` holds
 * pages). The file or folder to rename, and the message.
 */
function misnamedContent(rel: string): { at: string; message: string; hint: string } | undefined {
  const cut = rel.lastIndexOf('/');
  const name = rel.slice(cut + 1);
  const folder = rel.slice(0, cut);
  if (name.length === 8 && name !== 'index.md' && name.toLowerCase() === 'index.md' && bundleFolder(`${folder}/index.md`) !== undefined) {
    return { at: rel, message: `${rel} is not built: only \`index.md\`, in small letters, makes ${folder}/ a story with its photos beside it; as named, it would be a story called "${name.slice(0, -3)}", and the photos would not be published.`, hint: `Rename it to ${folder}/index.md.` };
  }
  // The folder under content/: only a name of five letters can be `pages` in other capitals.
  const top = rel.charCodeAt(13) === 47 /* / */ ? rel.slice(8, 13) : undefined;
  if (top !== undefined && top !== 'pages' && top.toLowerCase() === 'pages') {
    return { at: `content/${top}`, message: `The files in content/${top}/ are not built: only content/pages/, in small letters, holds standalone pages; as named, each would be an article, dated and listed with the news.`, hint: `Rename the folder to content/pages.` };
  }
  return undefined;
}

/**
 * Whether a `.md` file is an editor's leftover (`~$a.md`, Word's owner file; `.#a.md`, Emacs'
 * lock): what isEditorLeftover says, asked only of a name that starts or goes on as one can.
 */
function mayBeLeftover(rel: string): boolean {
  const name = rel.slice(rel.lastIndexOf('/') + 1);
  const first = name.charCodeAt(0);
  const odd = first === 126 /* ~ */ || first === 46 /* . */ || first === 35 /* # */ || name.indexOf('.', 0) < name.length - 3;
  return odd && isEditorLeftover(name);
}

/** Everything the build reads from the site folder (the config and templates are read elsewhere). */
export async function discover(siteDir: string, themeStaticDir: string, trail?: ListingTrail): Promise<SiteFiles> {
  const diagnostics: Diagnostic[] = [];
  // Page bundles' folders: where a file is published beside its story rather than left out.
  let bundles = new Set<string>();
  const bundleOf = (rel: string): string | undefined => {
    if (bundles.size === 0) return undefined;
    // The nearest: a bundle's sub-folder may be another bundle, whose files are its own.
    for (let d = path.posix.dirname(rel); d.includes('/'); d = path.posix.dirname(d)) if (bundles.has(d)) return d;
    return undefined;
  };
  const bundlesOf = (rels: readonly string[]) => new Set(rels.map(bundleFolder).filter((f): f is string => f !== undefined));
  // Every name, not only *.md: a symlinked folder, or a story saved as `.MD` or `.markdown`, would
  // otherwise be left out without a word. A bundle's file is followed only to a file in its own folder.
  const entries = await listFiles(siteDir, 'content', '**/*', diagnostics, {
    seen: (names) => void (bundles = new Set([...bundlesOf(names)].map((f) => `content/${f}`))),
    matters: (rel, folder) => folder || rel.endsWith('.md') || MARKDOWN_LIKE.test(rel) || (bundleOf(rel) !== undefined && { within: bundleOf(rel)! }),
    trail,
  });
  const sources: SourceEntry[] = [];
  // Names an editor on a Mac or Windows (where case does not matter) takes for the right ones:
  // built as they are, a bundle's `Index.md` was a story at …/index/ with its photos left out, and
  // `content/Pages/about.md` an article missing its date.
  const misnamed = new Set<string>();
  for (const e of entries) {
    if (!e.rel.endsWith('.md') || mayBeLeftover(e.rel)) continue;
    const wrongCase = misnamedContent(e.rel);
    if (wrongCase) {
      if (!misnamed.has(wrongCase.at)) diagnostics.push(error('NAME_CASE', wrongCase.message, { file: wrongCase.at, hint: wrongCase.hint }));
      misnamed.add(wrongCase.at);
      continue;
    }
    sources.push({ path: e.rel, abs: e.abs, kind: kindOf(e.rel) });
  }
  // The bundles whose index.md is content (not a symlink that was skipped).
  bundles = bundlesOf(sources.map((s) => s.path));
  const bundleFiles: BundleFile[] = [];
  const refusedBundleFiles = new Set<string>();
  for (const e of entries) {
    // An editor's backup of a story (index.md~, index.md.bak, #index.md#), Thumbs.db: never content, no news.
    if (e.rel.endsWith('.md') || isEditorLeftover(path.posix.basename(e.rel))) continue;
    // A misnamed bundle's photos: its NAME_CASE error says what to do.
    if (misnamed.size > 0 && [...misnamed].some((m) => e.rel.startsWith(`${path.posix.dirname(m)}/`) && /\/index\.md$/i.test(m))) continue;
    const folder = bundleOf(e.rel);
    const document = SAVED_AS_DOCUMENT.exec(e.rel)?.[1];
    if (document) {
      const md = e.rel.slice(0, -document.length - 1);
      diagnostics.push(warning('NOT_MARKDOWN_NAME', `${e.rel} is not built: it is a story saved as ${({ doc: 'a Word', docx: 'a Word', rtf: 'an RTF', odt: 'an OpenDocument', pages: 'a Pages' } as Record<string, string>)[document.toLowerCase()]} document, and only plain text in a file whose name ends in .md is content.`, { file: e.rel, hint: `Save it again as plain text, UTF-8 (in Word: Save As, Plain Text; in TextEdit: Format > Make Plain Text), as ${md}, and delete ${e.rel}.` }));
    } else if (MARKDOWN_LIKE.test(e.rel) || (folder === undefined && /\.txt$/i.test(e.rel) && startsWithFrontMatter(e.abs, trail)))
      diagnostics.push(warning('NOT_MARKDOWN_NAME', `${e.rel} is not built: only files whose names end in .md (in small letters${/\s$/.test(e.rel) ? ', and nothing after it: this one ends with a space' : ''}) are content.`, { file: e.rel, hint: `Rename it to ${(MARKDOWN_LIKE.test(e.rel) ? e.rel.replace(MARKDOWN_LIKE, '.md') : e.rel.replace(/\.txt$/i, '.md')).replace(/\/index\.md$/i, '/index.md')} to publish it.` }));
    else if (folder !== undefined) {
      const file: BundleFile = { index: `${folder}/index.md`, name: e.rel.slice(folder.length + 1), path: e.rel, source: e.abs };
      if (BUNDLE_MEDIA.test(e.rel)) bundleFiles.push(file);
      else if (BUNDLE_DOCUMENT.test(e.rel)) bundleFiles.push({ ...file, document: true });
      else {
        // graphic.html, chart.svg, app.js: published on the site's own origin, script would run there.
        refusedBundleFiles.add(e.rel);
        const name = path.posix.basename(e.rel);
        const ext = /\.[^.]+$/.exec(name)?.[0] ?? '';
        diagnostics.push(
          warning('NOT_PUBLISHED', `${e.rel} is not published: a page bundle publishes only photos, video, audio, captions and the documents its story links to${ext ? `, not a ${ext} file` : ''}.`, {
            file: e.rel,
            hint: `A file the site trusts goes in static/ (static/files/${name} is published as /files/${name}), linked from there; a graphic can be saved as a .png or .jpg.`,
          }),
        );
      }
    }
    else if (MEDIA.test(e.rel)) {
      // A photo kept beside a story that is not a page bundle's index.md: a link to it is broken.
      const name = path.posix.basename(e.rel);
      diagnostics.push(warning('NOT_PUBLISHED', `${e.rel} is not published: files in content/ other than .md files are not copied to the site.`, { file: e.rel, hint: `Move it into static/ (static/images/${name} is published as /images/${name}) and link to it there.` }));
    }
  }
  // Jekyll's published posts, in a folder whose name says "never content" here.
  const jekyll = path.join(siteDir, 'content', '_posts');
  // Anything there, a symlink to nothing too (what it holds depends on another folder).
  if (trail && lstatSync(jekyll, { throwIfNoEntry: false })) trail.recordable = false;
  if (existsSync(jekyll)) {
    const posts = (await fg('**/*.md', { cwd: jekyll, dot: false, followSymbolicLinks: false, suppressErrors: true })).length;
    if (posts > 0) diagnostics.push(warning('NOT_PUBLISHED', `content/_posts/ is not built: a file or folder whose name starts with "_" is never content, and it holds ${posts} Markdown file${posts === 1 ? '' : 's'}.`, { file: 'content/_posts', hint: 'Rename the folder to content/posts/ (or move the files into content/articles/) to publish them.' }));
  }
  const statics = new Map<string, StaticFile>();
  for (const e of await listFiles(themeStaticDir, '.', '**/*', diagnostics, { trail })) statics.set(path.posix.join('theme', path.posix.normalize(e.rel)), { outPath: path.posix.join('theme', path.posix.normalize(e.rel)), source: e.abs });
  // The site's own static files win over the theme's at the same path.
  for (const e of await listFiles(siteDir, 'static', '**/*', diagnostics, { trail })) {
    if (isSystemLeftover(path.posix.basename(e.rel))) continue;
    const outPath = e.rel.slice('static/'.length);
    statics.set(outPath, { outPath, source: e.abs });
  }
  diagnostics.push(...await hostFilesSkipped(siteDir));
  return { sources, statics: [...statics.values()].sort((a, b) => (a.outPath < b.outPath ? -1 : 1)), bundleFiles, refusedBundleFiles, diagnostics };
}

/** A host's own files whose names start with "." at the top of static/: the build warns that they are not published (and watch mode looks at them). */
export const HOST_DOT_NAMES = ['.well-known', '.htaccess'];

/**
 * A host's own files at the top of static/ (`_headers`, `_redirects`, `.well-known/`,
 * `.htaccess`): names starting with "_" or "." are never copied, and a site that put them there
 * meant them to be published. Only the top folder is read: that is where a host looks.
 */
async function hostFilesSkipped(siteDir: string): Promise<Diagnostic[]> {
  const names = await readdir(path.join(siteDir, 'static')).catch(() => [] as string[]);
  const out: Diagnostic[] = [];
  for (const name of names.sort()) {
    const dot = HOST_DOT_NAMES.includes(name);
    if (!dot && !name.startsWith('_')) continue;
    const file = `static/${name}`;
    const hint =
      name === '_headers' ? "dateline writes its own _headers (cache rules for Netlify and Cloudflare Pages): set other headers in the host's own settings (netlify.toml's [[headers]], a Cloudflare Pages rule), and delete this file."
      : name === '_redirects' ? "dateline writes its own _redirects from the stories' `aliases`: put each old address in the `aliases` of the story or page now at the new one, and delete this file."
      : dot ? 'Set it up in the host\'s own settings (a security.txt or a domain check the host offers), or serve it from another folder the host publishes as it is.'
      : `Rename it without the "_" (static/${name.replace(/^_+/, '')}) to publish it; names starting with "_" in static/ are kept out, as drafts are in content/.`;
    out.push(warning('NOT_PUBLISHED', `${file} is not published: a name in static/ that starts with "${name[0]}" is never copied to the site.`, { file, hint }));
  }
  return out;
}

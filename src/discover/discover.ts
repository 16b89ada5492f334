import { existsSync } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import fg from 'fast-glob';
import { error, warning, type Diagnostic } from '../errors/diagnostic.js';
import { kindOf, MEDIA_EXTENSIONS } from './source-kind.js';

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

export interface SiteFiles {
  sources: SourceEntry[];
  statics: StaticFile[];
  diagnostics: Diagnostic[];
}

export { hashText, kindOf, PAGES_DIR } from './source-kind.js';

/** Files and folders whose name starts with `_` or `.` are never content. */
const IGNORE = ['**/_*', '**/_*/**'];

interface Entry {
  rel: string;
  abs: string;
}

/**
 * Lists the files under `dir` (sorted, so output never depends on file-system order), without
 * following any symlink that leaves `root`.
 */
export async function listFiles(root: string, dir: string, pattern: string, diagnostics: Diagnostic[], matters: (rel: string, folder: boolean) => boolean = () => true): Promise<Entry[]> {
  const base = path.join(root, dir);
  const realRoot = await realpath(root);
  // The folder itself may be a symlink (content/ → elsewhere): fast-glob would walk it.
  const realBase = await realpath(base).catch(() => undefined);
  if (realBase === undefined) return [];
  if (realBase !== realRoot && !realBase.startsWith(realRoot + path.sep)) {
    // An error, not a warning: building on would replace the site with one that lacks the folder.
    diagnostics.push(error('SYMLINK_OUTSIDE', `${dir}/ is a symlink that leads outside the site folder; it is not followed.`, { file: dir, hint: `Make ${dir}/ a real folder inside the site folder (copy the files in).` }));
    return [];
  }
  const entries = await fg(pattern, { cwd: base, dot: false, onlyFiles: false, followSymbolicLinks: false, objectMode: true, ignore: IGNORE, suppressErrors: true });
  const out: Entry[] = [];
  for (const e of entries) {
    const abs = path.join(base, e.path);
    const rel = path.posix.join(dir, e.path);
    if (e.dirent.isFile()) out.push({ rel, abs });
    else if (e.dirent.isSymbolicLink()) {
      const target = await realpath(abs).catch(() => '');
      const inside = target !== '' && (target === realRoot || target.startsWith(realRoot + path.sep));
      const isFile = inside && (await stat(target)).isFile();
      // A symlink to something that would not be used anyway (a photo in content/) is no news.
      if (!matters(rel, target !== '' && (await stat(target)).isDirectory())) continue;
      if (isFile) out.push({ rel, abs: target });
      else if (target === '')
        diagnostics.push(warning('SYMLINK_SKIPPED', 'A symlink whose target does not exist is skipped.', { file: rel, hint: 'Delete the symlink, or put back the file it points to.' }));
      else
        diagnostics.push(
          warning('SYMLINK_SKIPPED', inside ? 'A symlink to a folder is not followed.' : 'A symlink that leads outside the site folder is not followed.', {
            file: rel,
            hint: inside ? 'Move the folder\'s files where the symlink is, or link each file.' : 'Copy the file into the site folder instead of linking to it.',
          }),
        );
    }
  }
  return out.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
}

/** Names an editor may give a Markdown file that are not `.md`: `.MD`, `.markdown`, `.md.txt`. */
const MARKDOWN_LIKE = /\.(?:md|markdown|mdown|mkdn?|mdwn)(?:\.txt)?$/i;

/** Photos, media and documents: kept in content/ beside a story, they are not published. */
const MEDIA = new RegExp(`\\.(?:${MEDIA_EXTENSIONS})$`, 'i');

/** Everything the build reads from the site folder (the config and templates are read elsewhere). */
export async function discover(siteDir: string, themeStaticDir: string): Promise<SiteFiles> {
  const diagnostics: Diagnostic[] = [];
  // Every name, not only *.md: a symlinked folder, or a story saved as `.MD` or `.markdown`, would
  // otherwise be left out without a word.
  const entries = await listFiles(siteDir, 'content', '**/*', diagnostics, (rel, folder) => folder || rel.endsWith('.md') || MARKDOWN_LIKE.test(rel));
  const sources: SourceEntry[] = [];
  for (const e of entries) {
    if (e.rel.endsWith('.md')) sources.push({ path: e.rel, abs: e.abs, kind: kindOf(e.rel) });
    else if (MARKDOWN_LIKE.test(e.rel))
      diagnostics.push(warning('NOT_MARKDOWN_NAME', `${e.rel} is not built: only files whose names end in .md (in small letters) are content.`, { file: e.rel, hint: `Rename it to ${e.rel.replace(MARKDOWN_LIKE, '.md')} to publish it.` }));
    else if (MEDIA.test(e.rel)) {
      // A photo kept beside its story, as in a Hugo or Eleventy page bundle: a link to it is broken.
      const name = path.posix.basename(e.rel);
      diagnostics.push(warning('NOT_PUBLISHED', `${e.rel} is not published: files in content/ other than .md files are not copied to the site.`, { file: e.rel, hint: `Move it into static/ (static/images/${name} is published as /images/${name}) and link to it there.` }));
    }
  }
  // Jekyll's published posts, in a folder whose name says "never content" here.
  const jekyll = path.join(siteDir, 'content', '_posts');
  if (existsSync(jekyll)) {
    const posts = (await fg('**/*.md', { cwd: jekyll, dot: false, followSymbolicLinks: false, suppressErrors: true })).length;
    if (posts > 0) diagnostics.push(warning('NOT_PUBLISHED', `content/_posts/ is not built: a file or folder whose name starts with "_" is never content, and it holds ${posts} Markdown file${posts === 1 ? '' : 's'}.`, { file: 'content/_posts', hint: 'Rename the folder to content/posts/ (or move the files into content/articles/) to publish them.' }));
  }
  const statics = new Map<string, StaticFile>();
  for (const e of await listFiles(themeStaticDir, '.', '**/*', diagnostics)) statics.set(path.posix.join('theme', path.posix.normalize(e.rel)), { outPath: path.posix.join('theme', path.posix.normalize(e.rel)), source: e.abs });
  // The site's own static files win over the theme's at the same path.
  for (const e of await listFiles(siteDir, 'static', '**/*', diagnostics)) {
    const outPath = e.rel.slice('static/'.length);
    statics.set(outPath, { outPath, source: e.abs });
  }
  return { sources, statics: [...statics.values()].sort((a, b) => (a.outPath < b.outPath ? -1 : 1)), diagnostics };
}

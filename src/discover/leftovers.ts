/**
 * Names editors and file managers write beside the file being saved, which are never content:
 * vim (`a.md~`, `.a.md.swp`, its `4913` probe), Emacs (`.#a.md`, `#a.md#`), JetBrains safe-write
 * files, generic `*.tmp`, backups (`index.md.bak`, `index.md.orig`, `index.md.old`: a copy of a
 * story under a name that is not `.md`), Windows' `Thumbs.db` and `desktop.ini`, macOS'
 * `.DS_Store`, and the owner file Word and Excel keep beside a file they have open (`~$a.md`,
 * `~$port.docx`: the user's name, not the story; as `~$a.md` it would stop the build). The watcher ignores them (a save through an editor ends with an event on the real
 * file, which is all a build needs); discovery skips them in content/ without a word: a page
 * bundle's backup of its story is neither published nor worth a warning.
 *
 * `a.md.txt` is not one: it is a story saved with the wrong name, which discovery names; nor is
 * `a.md.docx` (`.rtf`, `.odt`, `.pages`), a story a word processor saved in its own format.
 */
export const EDITOR_LEFTOVERS: readonly RegExp[] = [
  /~$/,
  /\.sw[a-p]x?$/i,
  /\.tmp$/i,
  /^4913$/,
  /^#.*#$/,
  /^\.#/,
  /___jb_(?:tmp|old)___$/,
  /\.(?:bak|orig)$/i,
  /\.(?:md|markdown)\.(?!txt$|docx?$|rtf$|odt$|pages$)[^/]+$/i,
  /^(?:thumbs\.db|desktop\.ini|\.ds_store)$/i,
  /^~\$/,
];

/**
 * The ones no person names, which Windows and Office write into any folder, static/ too, where
 * they would be published: `Thumbs.db` holds a thumbnail of every photo in its folder (one that
 * waits for an embargoed story too), an owner file the name of whoever has the file open.
 */
const SYSTEM_LEFTOVER = /^(?:thumbs\.db|desktop\.ini|~\$.*)$/i;

/** Whether a file's name (its last path segment) is an editor's or file manager's leftover. */
export const isEditorLeftover = (name: string): boolean => EDITOR_LEFTOVERS.some((re) => re.test(name));

/** Whether a file in static/ is one Windows or Office wrote there, never published. */
export const isSystemLeftover = (name: string): boolean => SYSTEM_LEFTOVER.test(name);

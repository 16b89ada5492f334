/**
 * Names editors and file managers write beside the file being saved, which are never content:
 * vim (`a.md~`, `.a.md.swp`, its `4913` probe), Emacs (`.#a.md`, `#a.md#`), JetBrains safe-write
 * files, generic `*.tmp`, backups (`index.md.bak`, `index.md.orig`, `index.md.old`: a copy of a
 * story under a name that is not `.md`), Windows' `Thumbs.db` and `desktop.ini`, macOS'
 * `.DS_Store`. The watcher ignores them (a save through an editor ends with an event on the real
 * file, which is all a build needs); discovery skips them in content/ without a word: a page
 * bundle's backup of its story is neither published nor worth a warning.
 *
 * `a.md.txt` is not one: it is a story saved with the wrong name, which discovery names.
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
  /\.(?:md|markdown)\.(?!txt$)[^/]+$/i,
  /^(?:thumbs\.db|desktop\.ini|\.ds_store)$/i,
];

/** Whether a file's name (its last path segment) is an editor's or file manager's leftover. */
export const isEditorLeftover = (name: string): boolean => EDITOR_LEFTOVERS.some((re) => re.test(name));

import { createHash } from 'node:crypto';

/**
 * What a content file is and its content hash: the parse workers need these, and not the rest of
 * discovery (which loads fast-glob, 30 ms of every worker's start).
 */
export const PAGES_DIR = 'content/pages';

export function hashText(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

export function kindOf(rel: string): 'article' | 'page' {
  return rel.startsWith(`${PAGES_DIR}/`) ? 'page' : 'article';
}

/**
 * The extensions of photos, video, sound, captions and documents: files, not pages. One kept in
 * content/ is not published (discover.ts); a link to one that is missing wants the file put in
 * static/ (check/links.ts).
 */
export const MEDIA_EXTENSIONS = 'jpe?g|png|gif|webp|avif|svg|heic|tiff?|bmp|mp4|m4v|mov|webm|ogv|mp3|m4a|aac|ogg|oga|opus|wav|flac|vtt|pdf|docx?|xlsx?|pptx?|csv|zip';

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

/**
 * One page to make: plain data only (structured-clone friendly), so a worker thread can take it.
 * `renderer` picks how: a Nunjucks template (the default) or a built-in writer such as a feed.
 */
export interface RenderJob {
  /** Inside the output folder, forward slashes, unencoded: "tags/重庆/index.html". */
  outputPath: string;
  renderer: 'nunjucks' | string;
  template?: string;
  context: Record<string, unknown>;
  /** What made this page, for error messages: a content file, or a description. */
  origin: string;
  /** How to fix a collision when another job already writes this path (default: change a slug). */
  conflictHint?: string;
}

export interface Pagination {
  page: number;
  pages: number;
  total: number;
  pageSize: number;
  /** hrefs, undefined at the edges. */
  prev?: string;
  next?: string;
  first: string;
  last: string;
  /** Every page's href, for numbered page links. */
  urls: string[];
}

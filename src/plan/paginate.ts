import { hrefFor, outputFor, pageRoute } from '../model/routes.js';
import type { Pagination } from './types.js';

export interface PageSlice<T> {
  items: T[];
  pagination: Pagination;
  route: string;
  outputPath: string;
  url: string;
}

/**
 * Splits a listing into pages of `size`: page 1 at `route`, then `route/page/2/`… An empty listing
 * still has its first page (a home page with no articles yet); callers decide whether to make it.
 */
export function paginate<T>(items: readonly T[], size: number, route: string, basePath: string): PageSlice<T>[] {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const urls = Array.from({ length: pages }, (_, i) => hrefFor(basePath, pageRoute(route, i + 1)));
  return urls.map((url, i) => {
    const r = pageRoute(route, i + 1);
    return {
      items: items.slice(i * size, (i + 1) * size),
      route: r,
      outputPath: outputFor(r),
      url,
      pagination: {
        page: i + 1,
        pages,
        total: items.length,
        pageSize: size,
        prev: i > 0 ? urls[i - 1] : undefined,
        next: i < pages - 1 ? urls[i + 1] : undefined,
        first: urls[0],
        last: urls[pages - 1],
        urls,
      },
    };
  });
}

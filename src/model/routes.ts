import { encodePath } from '../parse/slug.js';

/**
 * Where a page lives. A route is a site path such as "/tags/重庆/": the href adds the site's base
 * path and percent-encodes it; the output file is that folder's index.html, so any static host
 * serves it.
 */
export function expand(pattern: string, vars: Record<string, string>): string {
  return pattern.replace(/\{(\w+)\}/g, (whole, key: string) => vars[key] ?? whole);
}

export function hrefFor(basePath: string, route: string): string {
  return basePath + encodePath(route.replace(/^\/+/, ''));
}

/**
 * The href of a route that is already decoded (an alias, checked by aliasRoute): each segment
 * percent-encoded once, a "%" in it included. hrefFor would read "%20" in it as a space, where the
 * redirect page is a folder named "%20" and so at "%2520".
 */
export function hrefForDecoded(basePath: string, route: string): string {
  return basePath + route.replace(/^\/+/, '').split('/').map(encodeURIComponent).join('/');
}

export function outputFor(route: string): string {
  const clean = route.replace(/^\/+/, '');
  return clean === '' || clean.endsWith('/') ? `${clean}index.html` : clean;
}

/** Page n of a listing whose first page is at `route`: "/tags/x/" → "/tags/x/page/2/". */
export function pageRoute(route: string, n: number): string {
  return n <= 1 ? route : `${route}page/${n}/`;
}

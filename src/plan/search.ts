import { hrefFor } from '../model/routes.js';
import type { Planner } from './plan.js';

/** The route of the search page; a site can override its template (search.njk) like any other. */
export const SEARCH_ROUTE = '/search/';

export const planSearchPage: Planner = (_graph, config) =>
  config.search.enabled
    ? [{ outputPath: 'search/index.html', renderer: 'nunjucks', template: 'search.njk', context: { page: { kind: 'search', title: 'Search', url: hrefFor(config.basePath, SEARCH_ROUTE), description: `Search ${config.title}` } }, origin: 'the search page' }]
    : [];

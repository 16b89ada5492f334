import { uiText } from '../config/strings.js';
import { hrefFor } from '../model/routes.js';
import { searchBundles } from '../search/pagefind.js';
import type { Planner } from './plan.js';

/** The route of the search page; a site can override its template (search.njk) like any other. */
export const SEARCH_ROUTE = '/search/';

export const planSearchPage: Planner = (graph, config) => {
  if (!config.search.enabled) return [];
  // The first bundle has the search UI; any others are merged into its results.
  const [first, ...merged] = searchBundles(graph, config).map((b) => hrefFor(config.basePath, `/${b.dir}/`));
  const page = { kind: 'search', title: uiText(config, 'search'), url: hrefFor(config.basePath, SEARCH_ROUTE), description: uiText(config, 'searchSite', { site: config.title }) };
  return [{ outputPath: 'search/index.html', renderer: 'nunjucks', template: 'search.njk', context: { page, search: { bundle: first, merge: merged } }, origin: 'the search page' }];
};

// Eleventy on the same corpus: article pages, one page per tag, a home page of the newest 50.
export default function (cfg) {
  cfg.addGlobalData('layout', 'article.njk');
  cfg.addFilter('head', (list, n) => list.slice(0, n));
  cfg.addCollection('articles', (api) => api.getFilteredByGlob('content/articles/**/*.md').sort((a, b) => b.date - a.date));
  cfg.addCollection('tagList', (api) => {
    const set = new Set();
    for (const item of api.getFilteredByGlob('content/articles/**/*.md')) for (const t of item.data.tags || []) set.add(t);
    return [...set].sort();
  });
  return { dir: { input: '.', includes: '_includes', output: '_site' }, templateFormats: ['md', 'njk'], markdownTemplateEngine: false };
}

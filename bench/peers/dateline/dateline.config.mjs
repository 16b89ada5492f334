// `npm run bench -- --theme peer`: dateline asked for what the peers' bench sites build (article
// pages, a page per tag, a home page of the newest 50) with templates as bare as theirs. It still
// writes its author, section and archive pages (there is no switch for them), with these layouts.
export default {
  title: 'Bench Herald',
  baseUrl: 'https://bench.example.org/',
  timeZone: 'Asia/Shanghai',
  pageSize: 50,
  search: { enabled: false },
  feeds: { enabled: false },
  sitemap: { enabled: false },
  newsSitemap: { enabled: false },
  robots: { enabled: false },
};

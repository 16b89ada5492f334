import type { FeedFormat, SiteConfig } from './types.js';

/** Every default of the site config, in one place (the README's config reference mirrors it). */
export const DEFAULTS = {
  description: '',
  language: 'en',
  locale: 'en-US',
  timeZone: 'UTC',
  dateFormat: { month: 'short', day: 'numeric', year: 'numeric' } as Intl.DateTimeFormatOptions,
  logo: '',
  defaultAuthor: '',
  pageSize: 10,
  relatedCount: 4,
  wordsPerMinute: 230,
  cjkCharsPerMinute: 400,
  permalinks: {
    article: '/{yyyy}/{mm}/{dd}/{slug}/',
    page: '/{slug}/',
    tag: '/tags/{tag}/',
    author: '/authors/{author}/',
    section: '/{section}/',
  },
  cookieNotice: {
    enabled: true,
    text: 'We use cookies and local storage to remember your preferences.',
    policyUrl: '/privacy-cookie-policy/',
    policyLabel: 'Privacy & Cookie Policy',
    button: 'I Agree',
  },
  footer: { links: [], lines: [], messageLabel: 'Leave a message' },
  markdown: { iframeHosts: [] as string[] },
  feeds: {
    enabled: true,
    formats: ['rss', 'atom', 'json'] as FeedFormat[],
    content: 'full' as 'full' | 'summary',
    // One article sits in several term feeds: full bodies there would multiply the output size.
    termContent: 'summary' as 'full' | 'summary',
    limit: 50,
    // Aggregators refuse feeds of 2 MB and more; stay clearly below.
    maxBytes: 2_000_000,
    tags: true,
    sections: true,
    authors: true,
    // Needed only by an article whose `id` is a name, and never to be guessed: see model/item-id.ts.
    idDate: '',
  },
  sitemap: { enabled: true, maxUrls: 50_000 },
  // An empty publicationName or language means the site's title or language (resolveConfig).
  newsSitemap: { enabled: true, publicationName: '', language: '', maxUrls: 1_000 },
  robots: { enabled: true, disallow: [] as string[], lines: [] as string[] },
  search: { enabled: true, fallback: { name: 'DuckDuckGo', action: 'https://duckduckgo.com/', query: 'q', fields: { sites: '{host}' } } },
  liveBlogs: { order: 'newest' as 'newest' | 'oldest' },
  // A photo resized for the web (about 2000 px wide at 80% JPEG quality) is a few hundred KB.
  photos: { maxBytes: 5_000_000, maxWidth: 6000, minLeadWidth: 1200 },
  // An empty name or logo means the site's title or logo.
  publisher: { name: '', logo: '' },
  social: { twitter: '', image: '' },
} satisfies Partial<SiteConfig>;

export const CONFIG_FILES = ['dateline.config.ts', 'dateline.config.mts', 'dateline.config.js', 'dateline.config.mjs'];

import type { StringKey, Strings, UiString } from './strings.js';
/** The site config as a site writes it (dateline.config.ts) and as the build sees it once resolved. */
export interface AuthorConfig {
  name: string;
  slug?: string;
  bio?: string;
  url?: string;
  email?: string;
}

export interface SectionConfig {
  name: string;
  slug?: string;
  description?: string;
}

/**
 * A tag as the newsroom wants it, whatever spellings editors use: its display name, its URL slug
 * (`C++` → `cpp`, where `C` would take `c`), a description for its page, and the other spellings
 * that mean it (`U.S.` and `USA` for `US`).
 */
export interface TagConfig {
  name: string;
  slug?: string;
  description?: string;
  aliases?: string[];
}

export interface LinkConfig {
  label: string;
  url: string;
}

export interface FooterConfig {
  links?: LinkConfig[];
  /** Registration or licence lines, shown as written (for example an ICP number in Chinese). */
  lines?: string[];
  hotline?: string;
  email?: string;
  messageUrl?: string;
  messageLabel?: string;
  copyright?: string;
}

export interface CookieNoticeConfig {
  enabled?: boolean;
  text?: string;
  policyUrl?: string;
  policyLabel?: string;
  button?: string;
}

export interface PermalinkConfig {
  article?: string;
  page?: string;
  tag?: string;
  author?: string;
  section?: string;
}

export interface MarkdownConfig {
  /** Host names whose iframes an article may embed, e.g. "www.youtube-nocookie.com". */
  iframeHosts?: string[];
}

export type FeedFormat = 'rss' | 'atom' | 'json';

export interface FeedsConfig {
  enabled?: boolean;
  /** Which formats to write: RSS 2.0 (feed.xml), Atom 1.0 (atom.xml), JSON Feed 1.1 (feed.json). */
  formats?: FeedFormat[];
  /** The site-wide feeds carry the whole article body, or only its summary. */
  content?: 'full' | 'summary';
  /** The same for the feeds of tags, sections and authors (summaries by default, as news sites do). */
  termContent?: 'full' | 'summary';
  /** Items per feed, newest first. */
  limit?: number;
  /** Each feed stays under this many bytes: items fall back to summaries, then the oldest drop. */
  maxBytes?: number;
  /** Feeds per tag, per section and per author, beside the site-wide one. */
  tags?: boolean;
  sections?: boolean;
  authors?: boolean;
  /**
   * For an article whose `id` is a name rather than a path or URL: the date in its `tag:` URI
   * (RFC 4151), "YYYY", "YYYY-MM" or "YYYY-MM-DD", a day on which the publisher already held the
   * site's domain. Set once and never changed: it is part of every such id. "" when not set.
   */
  idDate?: string;
}

export interface SitemapConfig {
  enabled?: boolean;
  /** URLs per sitemap file; above it, sitemap.xml becomes an index of sitemap-N.xml files. */
  maxUrls?: number;
}

export interface NewsSitemapConfig {
  enabled?: boolean;
  /** The publication's name exactly as registered with Google News (default: the site title). */
  publicationName?: string;
  /** ISO 639 language code (default: the site's language). */
  language?: string;
  /** URLs per news sitemap file; above it, news-sitemap.xml becomes an index. */
  maxUrls?: number;
}

export interface RobotsConfig {
  enabled?: boolean;
  /** Paths crawlers should not fetch, e.g. "/drafts/". */
  disallow?: string[];
  /** Further lines written as they are (another User-agent group, a Crawl-delay…). */
  lines?: string[];
}

export interface LiveBlogsConfig {
  /** The order a live blog shows its updates in: `newest` first (the default) or `oldest` first. */
  order?: 'newest' | 'oldest';
}

export interface PhotosConfig {
  /** A photo a page shows that is larger than this many bytes gets a PHOTO_TOO_LARGE warning. */
  maxBytes?: number;
  /** The same for a photo wider (or taller) than this many pixels. */
  maxWidth?: number;
  /** An article's lead photo narrower than this gets a LEAD_PHOTO_SMALL warning (Google Discover's 1200); 0 for none. */
  minLeadWidth?: number;
}

export interface SearchConfig {
  /** A Pagefind index of the articles at /pagefind/ and a search page at /search/. */
  enabled?: boolean;
  /**
   * The web search the search page offers readers without JavaScript, limited to this site
   * (default: DuckDuckGo), or false for none.
   */
  fallback?: SearchFallback | false;
}

/** A web search engine's form: `<form action>`, the name of its query field, and hidden fields. */
export interface SearchFallback {
  /** Its name, as the search page says it ("DuckDuckGo", "Baidu"). */
  name: string;
  /** The form's address, an https URL. */
  action: string;
  /** The name of the field the reader types into (default: q). */
  query?: string;
  /** Hidden fields that limit the search to this site; `{host}` stands for the site's host. */
  fields?: Record<string, string>;
}

export interface PublisherConfig {
  /** The organisation named as publisher in structured data (default: the site title). */
  name?: string;
  /** Its logo, a path in static/ or an absolute URL (default: the site's logo). */
  logo?: string;
}

export interface SocialConfig {
  /** The site's account for Twitter cards, with or without "@". */
  twitter?: string;
  /** The share image for pages without a lead image (default: the publisher's logo). */
  image?: string;
}

export interface UserConfig {
  title: string;
  description?: string;
  baseUrl: string;
  language?: string;
  /** The writing direction of every page: from `language` unless set (ar, he, fa, ur… are right to left). */
  direction?: 'ltr' | 'rtl';
  /** The theme's words in the site's language (config/strings.ts lists them, in English). */
  strings?: Partial<Record<StringKey, UiString>>;
  locale?: string;
  timeZone?: string;
  dateFormat?: Intl.DateTimeFormatOptions;
  /** A story's page shows the time of publication with its date (default: the date only). */
  articleTime?: boolean;
  logo?: string;
  defaultAuthor?: string;
  pageSize?: number;
  relatedCount?: number;
  wordsPerMinute?: number;
  cjkCharsPerMinute?: number;
  authors?: AuthorConfig[];
  sections?: SectionConfig[];
  tags?: TagConfig[];
  navigation?: LinkConfig[];
  permalinks?: PermalinkConfig;
  footer?: FooterConfig;
  cookieNotice?: CookieNoticeConfig;
  markdown?: MarkdownConfig;
  feeds?: FeedsConfig;
  sitemap?: SitemapConfig;
  newsSitemap?: NewsSitemapConfig;
  robots?: RobotsConfig;
  search?: SearchConfig;
  liveBlogs?: LiveBlogsConfig;
  photos?: PhotosConfig;
  publisher?: PublisherConfig;
  social?: SocialConfig;
  /** Anything else a site's own templates want, reachable as `site.params`. */
  params?: Record<string, unknown>;
}

/** Every optional key filled in. Plain data: it crosses into worker threads. */
export interface SiteConfig {
  title: string;
  description: string;
  baseUrl: string;
  /** The path part of baseUrl, always starting and ending with "/" ("/" or "/news/"). */
  basePath: string;
  language: string;
  direction: 'ltr' | 'rtl';
  strings: Strings;
  locale: string;
  timeZone: string;
  dateFormat: Intl.DateTimeFormatOptions;
  articleTime: boolean;
  logo: string;
  defaultAuthor: string;
  pageSize: number;
  relatedCount: number;
  wordsPerMinute: number;
  cjkCharsPerMinute: number;
  authors: AuthorConfig[];
  sections: SectionConfig[];
  tags: TagConfig[];
  navigation: LinkConfig[];
  permalinks: Required<PermalinkConfig>;
  footer: Required<Omit<FooterConfig, 'hotline' | 'email' | 'messageUrl' | 'copyright'>> & FooterConfig;
  cookieNotice: Required<CookieNoticeConfig>;
  markdown: Required<MarkdownConfig>;
  feeds: Required<FeedsConfig>;
  sitemap: Required<SitemapConfig>;
  newsSitemap: Required<NewsSitemapConfig>;
  robots: Required<RobotsConfig>;
  search: Required<SearchConfig>;
  liveBlogs: Required<LiveBlogsConfig>;
  photos: Required<PhotosConfig>;
  publisher: Required<PublisherConfig>;
  social: Required<SocialConfig>;
  params: Record<string, unknown>;
  /** The config file the site was read from, relative to the site folder ("" when none). */
  file: string;
  /**
   * Not written by the site: what each of its own templates at the top of templates/ shows of a
   * page's `corrections` and `editorsNote` (plan/layouts.ts, templateShows), by file name, those
   * that show either. The build puts it here, so that the parse (in workers too) and the build
   * cache's key see it.
   */
  templateShows?: Record<string, ShownField[]>;
}

/** A field of a story that the theme shows on articles only. */
export type ShownField = 'corrections' | 'editorsNote';

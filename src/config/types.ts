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

export interface UserConfig {
  title: string;
  description?: string;
  baseUrl: string;
  language?: string;
  locale?: string;
  timeZone?: string;
  dateFormat?: Intl.DateTimeFormatOptions;
  logo?: string;
  defaultAuthor?: string;
  pageSize?: number;
  relatedCount?: number;
  wordsPerMinute?: number;
  cjkCharsPerMinute?: number;
  authors?: AuthorConfig[];
  sections?: SectionConfig[];
  navigation?: LinkConfig[];
  permalinks?: PermalinkConfig;
  footer?: FooterConfig;
  cookieNotice?: CookieNoticeConfig;
  markdown?: MarkdownConfig;
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
  locale: string;
  timeZone: string;
  dateFormat: Intl.DateTimeFormatOptions;
  logo: string;
  defaultAuthor: string;
  pageSize: number;
  relatedCount: number;
  wordsPerMinute: number;
  cjkCharsPerMinute: number;
  authors: AuthorConfig[];
  sections: SectionConfig[];
  navigation: LinkConfig[];
  permalinks: Required<PermalinkConfig>;
  footer: Required<Omit<FooterConfig, 'hotline' | 'email' | 'messageUrl' | 'copyright'>> & FooterConfig;
  cookieNotice: Required<CookieNoticeConfig>;
  markdown: Required<MarkdownConfig>;
  params: Record<string, unknown>;
  /** The config file the site was read from, relative to the site folder ("" when none). */
  file: string;
}

import type { BodyRef } from '../cache/bodies.js';
import type { PhotoSize } from './photos.js';
import type { ArticleImage } from '../validate/article.js';

/** A link to a taxonomy page: a tag, an author or a section. */
export interface TermRef {
  name: string;
  slug: string;
  /** The href, with the site's base path and percent-encoding. */
  url: string;
}

/** An article as listings, feeds and templates see it. Plain data. */
export interface ArticleView {
  source: string;
  slug: string;
  title: string;
  url: string;
  /** Where the page is written inside the output folder, unencoded: "2024/03/20/slug/index.html". */
  outputPath: string;
  date: string;
  dateMs: number;
  updated?: string;
  updatedMs?: number;
  expiresMs?: number;
  authors: TermRef[];
  tags: TermRef[];
  section?: TermRef;
  summary: string;
  dateline?: string;
  image?: ArticleImage;
  readingMinutes: number;
  draft: boolean;
  /** `featured: true`: the desk's pick to lead the home page. */
  featured?: boolean;
  aliases: string[];
  /** The feed id from front matter `id`, absolute (model/item-id.ts); without it, feeds use the URL. */
  id?: string;
  layout?: string;
  /**
   * The story's language (front matter `language`, a BCP 47 tag) and the direction its script
   * runs, when the front matter says: templates mark the story's text with them (`storyLang`).
   * Undefined for a story in the site's language.
   */
  language?: string;
  direction?: 'ltr' | 'rtl';
  /** A live blog whose coverage is running at the graph's `now`: its cards say "Live". */
  live?: boolean;
  extra: Record<string, unknown>;
}

/** A live blog at the graph's `now` (model/live.ts). */
export interface LiveBlog {
  /** When coverage ended, once it has (front matter `ended`). */
  end?: string;
  /**
   * The published updates, newest first (or oldest first: config `liveBlogs.order`). `id` is the
   * heading's id; `anchor` the update's own, from its time (`update-2026-11-27-2220`), which a
   * reworded heading does not change: the address its "Link to this update" gives.
   */
  updates: { id: string; anchor: string; iso: string; ms: number; token: string; headline: string }[];
}

export interface ArticleFull extends ArticleView {
  /** Empty while the body is in the cache's segments, at `bodyAt`: the thread that renders reads it. */
  html: string;
  headings: { depth: number; id: string; text: string }[];
  bodyAt?: BodyRef;
  /** Corrections and clarifications, oldest first (validate/article.ts). */
  corrections?: { text: string; date?: string }[];
  /** A note from the editors shown above the story. */
  editorsNote?: string;
  /** A live blog's updates published by now (`live: true`); its body holds only theirs. */
  liveBlog?: LiveBlog;
  /** The pixel sizes of the photos its body shows, which its HTML carries (model/photos.ts). */
  photos?: PhotoSize[];
  related: ArticleView[];
  /** The older and newer article in the same section. */
  previous?: ArticleView;
  next?: ArticleView;
}

export interface Term extends TermRef {
  /** Newest first. */
  articles: ArticleView[];
  description?: string;
  bio?: string;
  link?: string;
  email?: string;
}

export interface StandalonePage {
  source: string;
  slug: string;
  title: string;
  url: string;
  outputPath: string;
  summary: string;
  html: string;
  headings: { depth: number; id: string; text: string }[];
  bodyAt?: BodyRef;
  /** As an article's (`ArticleFull.photos`). */
  photos?: PhotoSize[];
  updated?: string;
  /** As an article's: the theme's page shows neither, a site's own page template may (validate/article.ts warns otherwise). */
  corrections?: { text: string; date?: string }[];
  editorsNote?: string;
  aliases: string[];
  layout?: string;
  /** As an article's (`ArticleView.language`). */
  language?: string;
  direction?: 'ltr' | 'rtl';
  extra: Record<string, unknown>;
}

/**
 * A story or page taken down with a notice (front matter `withdrawn`): only its address and the
 * notice are kept. No headline, byline, summary, photo or body, so none of them can reach a page,
 * a feed, a sitemap or the search index by way of it.
 */
export interface WithdrawnStory {
  source: string;
  kind: 'article' | 'page';
  url: string;
  outputPath: string;
  /** The notice as the editors wrote it; undefined for the site's own words. */
  notice?: string;
  /** When it was withdrawn, when the editors said (ISO with offset). */
  date?: string;
  aliases: string[];
  /** The story's language, as `ArticleView.language`: the editors' notice is likely in it. */
  language?: string;
  direction?: 'ltr' | 'rtl';
}

export interface ArchiveMonth {
  yyyy: string;
  mm: string;
  url: string;
  outputPath: string;
  articles: ArticleView[];
}

export interface ArchiveYear {
  yyyy: string;
  url: string;
  outputPath: string;
  articles: ArticleView[];
  months: ArchiveMonth[];
}

export interface SiteGraph {
  /** Published articles, newest first. */
  articles: ArticleFull[];
  /**
   * The same articles as views (no body), in the same order. Listings, related blocks and
   * neighbours hold these very objects, so a render job can refer to one by its index.
   */
  views: ArticleView[];
  pages: StandalonePage[];
  /** Stories and pages taken down with a notice at their address, by source path. */
  withdrawn: WithdrawnStory[];
  /** Sorted by name. */
  tags: Term[];
  authors: Term[];
  /** In config order, then by name. */
  sections: Term[];
  years: ArchiveYear[];
  /** The build's clock (ms): what "published" and "the last two days" are measured against. */
  now: number;
  /** Times of the next scheduled publication or expiry after `now`, for rebuild scheduling. */
  upcoming: { ms: number; source: string; change: 'publish' | 'expire' | 'live-update' | 'live-end' }[];
  /** A preview build's graph (publish/preview.ts): robots.txt keeps every crawler out. */
  preview?: boolean;
}

import type { SiteConfig } from '../config/types.js';
import type { PixelSize, SiteImageSizes } from '../model/photos.js';
import type { ArticleFull, TermRef } from '../model/types.js';
import { absolutePhotoUrl, absoluteUrl } from '../plan/feed-items.js';
import { feedLinks, type TermKind } from '../plan/feeds.js';
import { SEARCH_ROUTE } from '../plan/search.js';

/**
 * Template filters for head-meta.njk: feed links, and schema.org JSON-LD objects built from the
 * article's data (templates pass them through `jsonScript`, so no text can close the <script>).
 * Objects are built here rather than in Nunjucks because optional fields and arrays of bylines
 * are plain code, and because a test can call them directly.
 */
export function metadataFilters(config: SiteConfig, images: SiteImageSizes = {}) {
  const abs = (href: string) => absoluteUrl(config, href);
  const photo = (src: string) => absolutePhotoUrl(config, src);
  // An image whose size the build read is an ImageObject with it (Google reads width and height as numbers).
  const sized = (src: string, size: PixelSize | undefined) => ({ '@type': 'ImageObject', url: photo(src), ...(size ? { width: size.width, height: size.height } : {}) });
  // The lead photo, with its caption and credit as plain text (their Markdown's words) where it has them.
  const leadImage = (image: NonNullable<ArticleFull['image']>) => {
    const size = image.width && image.height ? { width: image.width, height: image.height } : undefined;
    if (!image.caption && !image.credit) return size ? sized(image.src, size) : photo(image.src);
    return { ...sized(image.src, size), ...(image.caption ? { caption: image.caption } : {}), ...(image.credit ? { creditText: image.credit } : {}) };
  };
  const publisher = () => ({
    '@type': 'Organization',
    name: config.publisher.name,
    url: config.baseUrl,
    ...(config.publisher.logo ? { logo: sized(config.publisher.logo, images.publisherLogo) } : {}),
  });
  const person = (a: TermRef) => ({ '@type': 'Person', name: a.name, url: abs(a.url) });

  return {
    /** `<link rel="alternate">` data for a page: the site's feeds, and its own on a tag, section or author page. */
    feedLinks: (page: { kind?: string } | undefined, term?: { name: string; url: string }) => {
      const kind = page?.kind === 'tag' || page?.kind === 'section' || page?.kind === 'author' ? (page.kind as TermKind) : undefined;
      const own = kind && term ? feedLinks(config, kind, term) : [];
      return [...own, ...feedLinks(config)];
    },

    /** The site's or a story's language in the form og:locale takes: "en-US" → "en_US", "ar" → "ar_AR". */
    ogLocale,

    newsArticleLd: (a: ArticleFull) => {
      const url = abs(a.url);
      const authors = a.authors.map(person);
      const blog = a.liveBlog;
      return {
        '@context': 'https://schema.org',
        // A live blog is a LiveBlogPosting (a kind of Article): its updates are BlogPostings.
        '@type': blog ? 'LiveBlogPosting' : 'NewsArticle',
        headline: a.title,
        ...(a.summary ? { description: a.summary } : {}),
        url,
        mainEntityOfPage: { '@type': 'WebPage', '@id': url },
        datePublished: a.date,
        dateModified: a.updated ?? a.date,
        ...(authors.length ? { author: authors.length === 1 ? authors[0] : authors } : {}),
        ...(a.image ? { image: [leadImage(a.image), ...(a.image.crops ?? []).map((c) => (a.image!.cropSizes?.[c] ? sized(c, a.image!.cropSizes[c]) : photo(c)))] } : {}),
        publisher: publisher(),
        ...(a.section ? { articleSection: a.section.name } : {}),
        ...(a.dateline ? { dateline: a.dateline } : {}),
        ...(a.tags.length ? { keywords: a.tags.map((t) => t.name) } : {}),
        ...(a.corrections?.length ? { correction: a.corrections.map((c) => ({ '@type': 'CorrectionComment', text: c.text, ...(c.date ? { datePublished: c.date } : {}) })) } : {}),
        // The story's own language (front matter `language`), else the site's.
        inLanguage: a.language ?? config.language,
        ...(blog
          ? {
              coverageStartTime: a.date,
              ...(blog.end ? { coverageEndTime: blog.end } : {}),
              liveBlogUpdate: blog.updates.map((u) => ({ '@type': 'BlogPosting', headline: u.headline || `${u.token} ${a.title}`, datePublished: u.iso, url: `${url}#${u.anchor}` })),
            }
          : {}),
      };
    },

    breadcrumbLd: (a: ArticleFull) => {
      const trail = [{ name: config.title, url: config.baseUrl }, ...(a.section ? [{ name: a.section.name, url: abs(a.section.url) }] : []), { name: a.title, url: abs(a.url) }];
      return {
        '@context': 'https://schema.org',
        '@type': 'BreadcrumbList',
        itemListElement: trail.map((t, i) => ({ '@type': 'ListItem', position: i + 1, name: t.name, item: t.url })),
      };
    },

    websiteLd: () => ({
      '@context': 'https://schema.org',
      '@type': 'WebSite',
      name: config.title,
      url: config.baseUrl,
      ...(config.description ? { description: config.description } : {}),
      inLanguage: config.language,
      publisher: publisher(),
      ...(config.search.enabled
        ? { potentialAction: { '@type': 'SearchAction', target: { '@type': 'EntryPoint', urlTemplate: `${abs(config.basePath + SEARCH_ROUTE.slice(1))}?q={search_term_string}` }, 'query-input': 'required name=search_term_string' } }
        : {}),
    }),
  };
}

/**
 * Facebook's own territories for two languages it does not tie to one country: Arabic as a whole
 * ("ar_AR") and Latin American Spanish ("es_LA").
 */
const OG_TERRITORY: Record<string, string> = { ar: 'AR', 'es-419': 'LA' };

/**
 * A language tag in the form og:locale takes, language_TERRITORY: "en-GB" → "en_GB". A tag without a
 * country gets the one its language is most used in (CLDR's likely subtags: "zh" → "zh_CN",
 * "zh-Hant" → "zh_TW", "pt" → "pt_BR"), or Facebook's own for Arabic; a tag Intl cannot read is
 * given as written, with "_" for "-".
 */
export function ogLocale(locale: unknown): string {
  const tag = String(locale ?? '').trim();
  // Every page asks, with one or two tags a site: Intl.Locale is slow to make.
  let known = ogLocales.get(tag);
  if (known === undefined) ogLocales.set(tag, (known = ogLocaleOf(tag)));
  return known;
}

const ogLocales = new Map<string, string>();

function ogLocaleOf(tag: string): string {
  try {
    const l = new Intl.Locale(tag);
    const own = OG_TERRITORY[l.language] ?? OG_TERRITORY[`${l.language}-${l.region ?? ''}`];
    if (own && (!l.region || l.region === '419')) return `${l.language}_${own}`;
    const region = l.region ?? new Intl.Locale(tag).maximize().region;
    return region ? `${l.language}_${region}` : l.language;
  } catch {
    return tag.replace('-', '_');
  }
}

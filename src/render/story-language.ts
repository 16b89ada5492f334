import { sameLanguage } from '../config/language.js';
import type { SiteConfig } from '../config/types.js';
import { escapeHtml } from '../parse/html-text.js';

/**
 * A story in another language than its site's (front matter `language`, `direction`): the
 * attributes that say so on the elements holding its words.
 *
 * The page's `<html lang dir>` stays the site's, on the story's own page too, and the story's
 * text is marked where it is: the `<article>` of its page (headline, standfirst, photo and
 * caption, dateline and body), and on every other page the element holding its headline or
 * summary (a card's heading, a prev/next link, an archive line). Why not `<html>` = the story's
 * language: most of a page is the theme's (header, navigation, "By", "min read", related stories,
 * footer), all in the site's language, and each of those regions would then have to say so; the
 * search index (Pagefind, which keys its indexes by the page's language) and a site's own
 * templates and scripts that read `<html lang>` would see a different language on some pages.
 * Inside the story's `<article>`, the few lines of the theme's words (section, byline and date,
 * photo credit, tags) say the site's language again (`siteLang`).
 *
 * A story in the site's language (no `language`, or the site's own) gets nothing: no attribute,
 * no cost.
 */

interface Story {
  language?: string;
  direction?: 'ltr' | 'rtl';
}


/** The story's language when it is not the site's, else undefined. */
export function otherLanguage(story: Story | undefined, config: Pick<SiteConfig, 'language'>): string | undefined {
  const lang = story?.language;
  return lang && !sameLanguage(lang, config.language) ? lang : undefined;
}

/** ` lang="ar" dir="rtl"` for an element holding a story's words: what differs from the site's; '' for a story in the site's language. */
export function storyLangAttrs(story: Story | undefined, config: Pick<SiteConfig, 'language' | 'direction'>): string {
  if (!story || (story.language === undefined && story.direction === undefined)) return '';
  const lang = otherLanguage(story, config);
  const dir = story.direction && story.direction !== config.direction ? story.direction : undefined;
  return `${lang ? ` lang="${escapeHtml(lang)}"` : ''}${dir ? ` dir="${dir}"` : ''}`;
}

/**
 * For the theme's words inside an element marked with `storyLangAttrs` (the byline and date,
 * the section, the credit, the tags of the story's page): the site's language and direction
 * again, where the story's differ; '' where the story's element has no attribute.
 */
export function siteLangAttrs(story: Story | undefined, config: Pick<SiteConfig, 'language' | 'direction'>): string {
  if (!story || (story.language === undefined && story.direction === undefined)) return '';
  const lang = otherLanguage(story, config) ? config.language : undefined;
  const dir = story.direction && story.direction !== config.direction ? config.direction : undefined;
  return `${lang ? ` lang="${escapeHtml(lang)}"` : ''}${dir ? ` dir="${dir}"` : ''}`;
}

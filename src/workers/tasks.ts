import { isUtf8 } from 'node:buffer';
import { readFileSync } from 'node:fs';
import type { UiString } from '../config/strings.js';
import type { SiteConfig } from '../config/types.js';
import { hashBytes } from '../discover/source-kind.js';
import type { Diagnostic } from '../errors/diagnostic.js';
import { createInlineMarkdown, createMarkdown } from '../parse/markdown.js';
import { parseSources, type Article, type ParseContext } from '../parse/source.js';
import { contentRoute, sectionSlugOf } from '../model/content-route.js';
import { createSegmentWriter } from '../cache/bodies.js';

/**
 * The two stages that cost CPU per file, as functions of plain data: the same code runs in the
 * main thread (small sites, tests) and in worker threads (large sites). This is the parse stage;
 * render-tasks.ts has the render stage.
 */
export interface FileToParse {
  path: string;
  abs: string;
  kind: 'article' | 'page';
}

export interface ParseOutput {
  articles: Article[];
  diagnostics: Diagnostic[];
}

/**
 * With `spool` (the cache folder), each body goes into a segment of this parser's own and the
 * article carries its place instead (cache/bodies.ts): a parse worker then sends the main thread
 * no HTML, and the cache needs no writing of bodies afterwards.
 */
export function createParser(config: SiteConfig, spool?: string): (files: FileToParse[]) => ParseOutput {
  const words = (s: UiString) => (typeof s === 'string' ? s : s.other);
  const footnotes = { heading: words(config.strings.footnotes), backLabel: words(config.strings.backToReference).replace('{n}', '{0}') };
  const markdown = createMarkdown({ iframeHosts: config.markdown.iframeHosts, basePath: config.basePath, footnotes });
  const sectioned = config.permalinks.article.includes('{section}');
  const ctx: ParseContext = {
    timeZone: config.timeZone,
    defaultAuthor: config.defaultAuthor,
    markdown,
    inline: createInlineMarkdown({ basePath: config.basePath }),
    iframeHosts: config.markdown.iframeHosts,
    liveOrder: config.liveBlogs.order,
    datedUrls: config.permalinks.article.includes('{yyyy}'),
    // A page bundle's route, for its relative addresses: as the site graph makes it (build.ts checks that it does).
    siteHost: new URL(config.baseUrl).host,
    templateShows: config.templateShows,
    routeOf: (meta, kind) => (kind === 'article' && !meta.date ? undefined : contentRoute(config.permalinks, kind, meta, sectioned && meta.section ? sectionSlugOf(meta.section, config.sections) : undefined)),
  };
  let append = spool ? createSegmentWriter(spool) : undefined;
  return (files) => {
    const articles: Article[] = [];
    const diagnostics: Diagnostic[] = [];
    // Read once, synchronously: in a worker thread this is far cheaper than a promise per file.
    const sources = files.map((f) => {
      // Read as bytes, hashed as bytes (hashText's hash, for a UTF-8 file, without encoding the
      // text again: a story with curly quotes is a string of two-byte units), then decoded.
      const bytes = readFileSync(f.abs);
      const text = bytes.toString('utf8');
      // A replacement character is either written in the file or stands for bytes that are no
      // UTF-8: only the bytes tell.
      const invalidUtf8 = text.includes('\uFFFD') && !isUtf8(bytes);
      return { path: f.path, kind: f.kind, text, hash: hashBytes(bytes), ...(invalidUtf8 ? { invalidUtf8 } : {}) };
    });
    for (const parsed of parseSources(sources, ctx)) {
      diagnostics.push(...parsed.diagnostics);
      if (parsed.article) articles.push(parsed.article);
    }
    if (append && articles.length > 0) {
      try {
        const refs = append(articles);
        articles.forEach((a, i) => {
          a.body = refs[i];
          a.html = '';
          a.headings = [];
        });
      } catch {
        // A cache folder that cannot be written: the bodies go to the main thread as they are.
        append = undefined;
      }
    }
    return { articles, diagnostics };
  };
}


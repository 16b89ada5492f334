import type { SourceFile } from '../discover/discover.js';
import { warning, type Diagnostic } from '../errors/diagnostic.js';
import { validateFrontMatter, type ArticleMeta } from '../validate/article.js';
import { parseFrontMatter } from './front-matter.js';
import type { RenderedMarkdown } from './markdown.js';

/** One parsed, validated content file: front matter checked, body rendered to safe HTML. */
export interface Article {
  source: string;
  hash: string;
  kind: 'article' | 'page';
  meta: ArticleMeta;
  html: string;
  headings: RenderedMarkdown['headings'];
  words: number;
  cjkChars: number;
}

export interface ParseContext {
  timeZone: string;
  defaultAuthor: string;
  markdown: (source: string) => RenderedMarkdown;
}

/** Pure: the same file text and context always give the same article (so it can be cached by hash). */
export function parseSource(file: SourceFile, ctx: ParseContext): { article?: Article; diagnostics: Diagnostic[] } {
  const fm = parseFrontMatter(file.path, file.text);
  if (!fm.result) return { diagnostics: fm.diagnostics };
  const v = validateFrontMatter(fm.result, { file: file.path, text: file.text, kind: file.kind, timeZone: ctx.timeZone, defaultAuthor: ctx.defaultAuthor || undefined });
  if (!v.meta) return { diagnostics: v.diagnostics };
  const md = ctx.markdown(fm.result.body);
  return {
    article: { source: file.path, hash: file.hash, kind: file.kind, meta: v.meta, html: md.html, headings: md.headings, words: md.words, cjkChars: md.cjkChars },
    diagnostics: [...v.diagnostics, ...missingAlt(file.path, fm.result.body, fm.result.bodyLine, md.imagesWithoutAlt)],
  };
}

/** One warning per body image without alt text, at the line that names the image where it can be found. */
function missingAlt(file: string, body: string, bodyLine: number, srcs: string[]): Diagnostic[] {
  const lines = body.split('\n');
  return srcs.map((src) => {
    const i = src ? lines.findIndex((l) => l.includes(src)) : -1;
    return warning('MISSING_ALT', `The image ${src || '(no src)'} in the article body has no alt text.`, {
      file,
      line: i >= 0 ? bodyLine + i : undefined,
      hint: 'Describe the picture between the brackets: ![Workers on the new bridge](/images/bridge.jpg).',
    });
  });
}

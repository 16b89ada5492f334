import { replaceBody } from '../incremental/body-edit.js';
import { shownBody } from '../model/live.js';
import { withPhotoSizes } from '../model/photos.js';
import type { ArticleFull, StandalonePage } from '../model/types.js';
import type { Article } from '../parse/source.js';
import { createBodyReader, removeSegments, storeBodies, type Body, type BodyRef, type UnreadBody } from './bodies.js';

/**
 * Where a builder's article bodies are. A body parsed in this thread is in memory until the cache
 * gives it a place in a segment; one a worker parsed, or the cache restored, is only in a segment
 * (`article.body` names it) and is read when a page rendered here or the search index needs it.
 * One whose segment is gone is parsed again.
 */
export class BodyStore {
  /** Sources whose article has no body in memory. */
  private readonly elsewhere = new Set<string>();
  /** Bodies parsed in memory since the cache was last written, by content hash. */
  private unsaved = new Map<string, Body>();
  /** Source → the hash of its body in `unsaved`: a watch session saving one article 500 times keeps one body, not 500. */
  private readonly unsavedOf = new Map<string, string>();
  /** Segments named by the cache index this builder started from, or wrote since: another build may be reading them. */
  readonly named = new Set<string>();
  private saved = false;
  private searchReader: ReturnType<typeof createBodyReader> | undefined;

  constructor(
    private readonly cacheDir: string | undefined,
    /** The parsed article of a source, as the builder holds it. */
    private readonly articleOf: (source: string) => Article | undefined,
    /** Where a source's body is: as `articleOf(source).body`, without decoding an index entry. */
    private readonly bodyOf: (source: string) => BodyRef | undefined,
    /** Parses these sources again (a body whose segment is gone). */
    private readonly parseAgain: (sources: { path: string; kind: Article['kind'] }[]) => Article[],
  ) {}

  /** Whether any article's body is only in a segment. */
  get anyElsewhere(): boolean {
    return this.elsewhere.size > 0;
  }

  /** A full build starts again: nothing parsed, nothing to save. */
  clear(): void {
    this.elsewhere.clear();
    this.unsaved = new Map();
    this.unsavedOf.clear();
  }

  /** An article from the cache's index, without its body. */
  restored(source: string, segment: string | undefined): void {
    this.elsewhere.add(source);
    if (segment !== undefined) this.named.add(segment);
  }

  /** An article parsed now: by a worker that left its body in a segment, or here with its body. */
  parsed(article: Article): void {
    if (article.body) {
      this.elsewhere.add(article.source);
      return;
    }
    this.elsewhere.delete(article.source);
    this.keep(article);
  }

  forget(source: string): void {
    this.elsewhere.delete(source);
  }

  /**
   * Puts the bodies of these graph objects in place where they are only in a segment: read from
   * it, or parsed again when it is gone. True when any body was loaded (encoded jobs that carry
   * it must then be encoded again). With `placedAreRead` (workers that render read each body
   * from its place, `bodyAt`), only the bodies without a place are loaded.
   */
  ensure(list: Iterable<ArticleFull | StandalonePage>, { placedAreRead = false } = {}): boolean {
    const need = [...new Set(list)].filter((b) => this.elsewhere.has(b.source) && !(placedAreRead && b.bodyAt));
    if (need.length === 0) return false;
    const found = new Map<string, Body>();
    if (this.cacheDir) {
      const reader = createBodyReader(this.cacheDir);
      // Read ahead a slice at a time (createBodyReader): the bodies a hundred at a time, not the bytes of all.
      for (let i = 0; i < need.length; i += 100) {
        const slice = need.slice(i, i + 100).map((b) => [b, this.bodyOf(b.source)] as const);
        reader.prefetch(slice.flatMap(([, at]) => (at ? [at] : [])));
        for (const [b, at] of slice) {
          const body = at && reader.read(at);
          if (body) found.set(b.source, body);
        }
      }
      reader.close();
    }
    const fill = (target: ArticleFull | StandalonePage, body: Body) => {
      const a = this.articleOf(target.source)!;
      a.html = body.html;
      a.headings = body.headings;
      replaceBody(target, a);
      this.elsewhere.delete(target.source);
    };
    const missing = new Map<string, ArticleFull | StandalonePage>();
    for (const b of need) {
      const body = found.get(b.source);
      if (body) fill(b, body);
      else missing.set(b.source, b);
    }
    if (missing.size > 0) {
      for (const a of this.parseAgain([...missing.keys()].map((p) => ({ path: p, kind: this.articleOf(p)!.kind })))) {
        fill(missing.get(a.source)!, a);
        // Edited since this build read it: shown as read now, never cached under the old hash.
        if (a.hash === this.articleOf(a.source)!.hash) this.keep(a);
      }
    }
    return true;
  }

  /**
   * An article's HTML for the search index, read from its segment when this thread does not hold
   * it, and not kept: the index of a large site is made without every body in memory at once.
   * The segments stay open until `closeSearch`.
   */
  htmlOf(a: ArticleFull): string {
    if (!this.elsewhere.has(a.source)) return a.html;
    const at = this.bodyOf(a.source);
    const found = at && this.cacheDir ? (this.searchReader ??= createBodyReader(this.cacheDir)).read(at) : undefined;
    if (found) return withPhotoSizes(shownBody(found.html, a.liveBlog), a.photos);
    this.ensure([a]);
    return a.html;
  }

  closeSearch(): void {
    this.searchReader?.close();
    this.searchReader = undefined;
  }

  /**
   * Before the cache's index is written: every body held only in memory gets a place. `unread`:
   * the index entries whose articles were not decoded, whose bodies count in the segments' use.
   */
  beforeSave(articles: Article[], unread: UnreadBody[] = []): void {
    this.saved = true;
    const fresh = this.unsaved;
    this.unsaved = new Map();
    this.unsavedOf.clear();
    storeBodies(this.cacheDir!, fresh, articles, unread);
  }

  /** After: a process that starts from the index just written may be reading its segments. */
  afterSave(articles: Article[]): void {
    for (const a of articles) if (a.body) this.named.add(a.body[0]);
  }

  /** A one-shot build that failed leaves no index to name the segments its workers wrote: removed. */
  dropUnsaved(articles: Iterable<Article>): void {
    if (!this.cacheDir || this.saved) return;
    const mine = new Set<string>();
    for (const a of articles) if (a.body && !this.named.has(a.body[0])) mine.add(a.body[0]);
    removeSegments(this.cacheDir, mine);
  }

  private keep(a: Article): void {
    if (!this.cacheDir) return;
    const previous = this.unsavedOf.get(a.source);
    if (previous !== undefined && previous !== a.hash) this.unsaved.delete(previous);
    this.unsavedOf.set(a.source, a.hash);
    this.unsaved.set(a.hash, { html: a.html, headings: a.headings });
  }
}

import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { encodePath } from '../parse/slug.js';
import type { OutputSink } from '../write/sink.js';
import { cacheControlFor, contentTypeFor } from './headers.js';

/** One output file, as a deploy step needs it: what to upload, how to serve it, which URL to purge. */
export interface ManifestEntry {
  /** Inside the output folder, forward slashes, unencoded: "tags/重庆/index.html". */
  path: string;
  /** The URL path readers use, with the base path, percent-encoded: "/news/tags/%E9%87%8D%E5%BA%86/". */
  url: string;
  sha256: string;
  size: number;
  contentType: string;
  cacheControl: string;
}

export interface Manifest {
  /** The format's version; `dateline diff` refuses anything else. */
  dateline: 1;
  baseUrl: string;
  files: ManifestEntry[];
}

/** "a/index.html" → "/base/a/"; "404.html" → "/base/404.html". */
export function urlForPath(basePath: string, outPath: string): string {
  return basePath + encodePath(outPath.replace(/(^|\/)index\.html$/, '$1'));
}

/**
 * Wraps the build's sink and records every file written through it. Generated text is hashed as it
 * passes; copied files are read once more to hash them, which is why a manifest is opt-in.
 */
export class ManifestSink implements OutputSink {
  private readonly entries = new Map<string, ManifestEntry>();

  constructor(
    private readonly inner: OutputSink,
    private readonly basePath: string,
    private readonly hashed: ReadonlySet<string>,
  ) {}

  private record(outPath: string, bytes: Uint8Array): void {
    this.entries.set(outPath, {
      path: outPath,
      url: urlForPath(this.basePath, outPath),
      sha256: createHash('sha256').update(bytes).digest('hex'),
      size: bytes.byteLength,
      contentType: contentTypeFor(outPath),
      cacheControl: cacheControlFor(outPath, this.hashed),
    });
  }

  async write(outPath: string, content: string | Uint8Array): Promise<void> {
    this.record(outPath, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
    await this.inner.write(outPath, content);
  }

  async copy(outPath: string, source: string): Promise<void> {
    this.record(outPath, await readFile(source));
    await this.inner.copy(outPath, source);
  }

  commit(): Promise<void> {
    return this.inner.commit();
  }

  abort(): Promise<void> {
    return this.inner.abort();
  }

  manifest(baseUrl: string): Manifest {
    const files = [...this.entries.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return { dateline: 1, baseUrl, files };
  }
}

/** Reads a manifest written by `dateline build --manifest`; throws a sentence on anything else. */
export function parseManifest(text: string, name: string): Manifest {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error(`${name} is not JSON; pass a file written by \`dateline build --manifest\`.`);
  }
  const m = data as Partial<Manifest>;
  const ok = typeof m === 'object' && m !== null && m.dateline === 1 && typeof m.baseUrl === 'string' && Array.isArray(m.files) &&
    m.files.every((f) => typeof f?.path === 'string' && typeof f.sha256 === 'string' && typeof f.url === 'string');
  if (!ok) throw new Error(`${name} is not a dateline manifest; pass a file written by \`dateline build --manifest\`.`);
  return m as Manifest;
}

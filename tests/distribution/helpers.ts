import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { XMLParser } from 'fast-xml-parser';
import { Parser } from 'htmlparser2';
import { SaxesParser } from 'saxes';
import { png } from '../helpers/photos.js';

/**
 * Parses XML twice: saxes, a strict XML 1.0 parser (namespaces, characters, entities, nesting),
 * throws on the first well-formedness error; fast-xml-parser then gives the tree to assert on.
 */
export function parseXml(xml: string): Record<string, any> {
  const strict = new SaxesParser({ xmlns: true });
  let problem: string | undefined;
  strict.on('error', (e) => {
    problem ??= e.message;
  });
  strict.write(xml).close();
  if (problem) throw new Error(`Not well-formed XML: ${problem}`);
  const lists = new Set(['item', 'entry', 'url', 'sitemap', 'category', 'dc:creator', 'author', 'atom:link']);
  // Atom has several <link>s; RSS has one, as text.
  const isArray = (name: string, jpath: unknown) => lists.has(name) || (name === 'link' && !String(jpath).startsWith('rss'));
  return new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray, parseTagValue: false, trimValues: false }).parse(xml);
}

/** The parsed JSON of every `<script type="application/ld+json">` in a page. */
export function jsonLd(html: string): any[] {
  const found: string[] = [];
  let inside = false;
  let text = '';
  const parser = new Parser({
    onopentag(name, attrs) {
      if (name === 'script' && attrs.type === 'application/ld+json') {
        inside = true;
        text = '';
      }
    },
    ontext(t) {
      if (inside) text += t;
    },
    onclosetag(name) {
      if (name === 'script' && inside) {
        inside = false;
        found.push(text);
      }
    },
  });
  parser.write(html);
  parser.end();
  return found.map((t) => JSON.parse(t));
}

/** `<meta property|name=… content=…>` and `<link rel=…>` of a page's head, in order. */
export function headTags(html: string): { meta: [string, string][]; links: Record<string, string>[] } {
  const meta: [string, string][] = [];
  const links: Record<string, string>[] = [];
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === 'meta' && (attrs.property || attrs.name)) meta.push([attrs.property ?? attrs.name, attrs.content ?? '']);
        if (name === 'link') links.push(attrs);
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return { meta, links };
}

export const metaValues = (html: string, key: string) => headTags(html).meta.filter(([k]) => k === key).map(([, v]) => v);
export const metaValue = (html: string, key: string) => metaValues(html, key)[0];

/** Pagefind's index files are gzip with a "pagefind_dcd" signature; fragments hold one page each as JSON. */
export function pagefindText(bytes: Uint8Array): string {
  return gunzipSync(bytes).toString('utf8').replace(/^pagefind_dcd/, '');
}

export const text = (v: string | Uint8Array | undefined): string => (v === undefined ? '' : typeof v === 'string' ? v : Buffer.from(v).toString('utf8'));

export const RFC822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$/;
export const W3C_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** The logo `config()` names, as a real PNG for sites that must build without a warning (a missing or unreadable one is said). */
export const LOGO = png(160, 40);

/** A site config for these tests; `extra` is more keys, written as in dateline.config.ts. */
export const config = (extra = '') => `import { defineConfig } from 'dateline';
export default defineConfig({
  title: 'Test Herald',
  description: 'News from the hills',
  baseUrl: 'https://news.example.org/',
  timeZone: 'Asia/Shanghai',
  logo: '/images/logo.png',
  ${extra}
});
`;

/** Every file of a built folder as text; Pagefind's gzip files are unpacked first. */
export function readAll(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else {
        const bytes = readFileSync(full);
        const raw = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
        out.set(path.relative(dir, full).split(path.sep).join('/'), raw.toString('utf8'));
      }
    }
  };
  walk(dir);
  return out;
}

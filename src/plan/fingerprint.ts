import { hash } from 'node:crypto';
import { isoInZone } from '../validate/dates.js';
import { tableOf, type EncodedJob, type Encoder, type Table } from './encode.js';

export interface FingerprintInputs {
  globals: { build: { now: string; drafts: boolean; preview?: boolean }; sections: unknown; assets: unknown; siteImages?: unknown };
  /** Every view, in the encoder's order. */
  views: readonly object[] | Table;
  /** What `{__body: k}` refers to, and each source file's hash: a body's HTML is a function of it. */
  bodies: readonly { source: string }[] | Table<{ source: string }>;
  hashOf: ReadonlyMap<string, string>;
  encoder: Encoder;
  /** The site's time zone: the year pages show (`© 2026`) is the year there, not in UTC. */
  timeZone: string;
}

/**
 * What a page is made from, hashed: a rebuild re-renders the page when this changes. A job's
 * hash covers its own context, the views it refers to (each hashed once per build) and the
 * bodies it carries, which count by the hash of their source text and their listing data, never
 * by their HTML (a pure function of that text, the config and dateline's code, all of which key
 * the cache) or by where the cache keeps it: hashing every article's HTML was the largest part of
 * a warm build.
 */
export interface Fingerprinter {
  (encoded: EncodedJob): string;
  /** Drops what it keeps between jobs (a digest per view and per body): every page is done. */
  forget(): void;
}

export function createFingerprinter(inputs: FingerprintInputs): Fingerprinter {
  const { globals } = inputs;
  const views = Array.isArray(inputs.views) ? tableOf(inputs.views) : (inputs.views as Table);
  const bodies = Array.isArray(inputs.bodies) ? tableOf(inputs.bodies) : (inputs.bodies as Table<{ source: string }>);
  // The build clock changes every time; pages show at most its year, in the site's time zone (the
  // `year` filter's): in UTC, a build between the two new years left last year in every footer.
  const year = isoInZone(Date.parse(globals.build.now), inputs.timeZone).slice(0, 4);
  // The config's images by their sizes, read from their files: a logo replaced under its name changes every page.
  const base = JSON.stringify({ drafts: globals.build.drafts, preview: globals.build.preview, year, sections: globals.sections, assets: globals.assets, siteImages: globals.siteImages });
  const viewHashes = new Map<number, string>();
  const viewHash = (i: number) => {
    let h = viewHashes.get(i);
    if (h === undefined) viewHashes.set(i, (h = hash('sha1', exactJson(views.at(i)), 'base64')));
    return h;
  };
  const bodyKeys = new Map<number, string>();
  const bodyKey = (k: number) => {
    let key = bodyKeys.get(k);
    if (key === undefined) {
      const { html: _html, headings: _headings, bodyAt: _bodyAt, ...listing } = inputs.encoder.body(k).value;
      const source = bodies.at(k).source;
      // The views it refers to count by their hashes, which the job's text gets in the same order.
      const fields = JSON.stringify(listing).replace(VIEW_AT, '{"__view":0}').replace(VIEW_OF, '"__viewOf":0');
      // Kept as its digest: the text itself is several hundred bytes per article (40 MB at 100,000).
      bodyKeys.set(k, (key = hash('sha1', `${source}\n${inputs.hashOf.get(source)}\n${fields}`, 'base64')));
    }
    return key;
  };
  // One string hashed at once: a listing page refers to fifty views, and a hash update per view
  // was most of the cost at 100,000 articles. The digest is the same as updating piece by piece.
  const fingerprint = (({ job, refs, bodyRefs }) => {
    let text = base + job.renderer + (job.template ?? '') + placeless(JSON.stringify(job.context), bodyRefs);
    for (const r of refs) text += viewHash(r);
    for (const k of bodyRefs) text += bodyKey(k);
    return hash('sha1', text, 'base64');
  }) as Fingerprinter;
  fingerprint.forget = () => {
    viewHashes.clear();
    bodyKeys.clear();
  };
  return fingerprint;
}

/**
 * An encoded context names each view and body by its place in this build's tables (`{"__view":i}`,
 * `{"__body":k}`), and an added article moves every place after its own: the newest article moves
 * them all, and every page of the site looked changed. A fingerprint names a view by its hash,
 * which follows in the order of the references, and a body by the order in which the job first
 * carries it (its key follows in that order): never by its place.
 */
const VIEW_AT = /\{"__view":\d+\}/g;
const BODY_AT = /\{"__body":(\d+)\}/g;
const VIEW_OF = /"__viewOf":\d+/g;

function placeless(json: string, bodyRefs: readonly number[]): string {
  const views = json.replace(VIEW_AT, '{"__view":0}');
  return bodyRefs.length === 0 ? views : views.replace(BODY_AT, (_, k: string) => `{"__body":${bodyRefs.indexOf(Number(k))}}`);
}

/**
 * JSON that tells apart what JSON.stringify writes alike: NaN and ±Infinity (`.nan`, `.inf` in a
 * front-matter field) come out as null, like a real null, and a template prints each differently.
 * The second pass runs only for a value that holds such a number. Most views have a real null (a
 * story without a photo), and a second pass with a replacer for each of them was 0.2 s of a cold
 * build's main thread at 10,000 articles; looking for the numbers first takes about half as long
 * (10,000 view-like objects: 50 ms against 103 ms).
 */
export function exactJson(value: unknown): string {
  const json = JSON.stringify(value) ?? '';
  return json.includes('null') && holdsNonFinite(value) ? JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? `\u0000${v}` : v)) : json;
}

/**
 * A NaN or an infinity anywhere in the value, inherited keys and all, or an object that writes
 * itself (`toJSON`): when unsure, yes. For a value JSON.stringify has written (so: no cycles).
 */
function holdsNonFinite(v: unknown): boolean {
  if (typeof v === 'number') return !Number.isFinite(v);
  if (v === null || typeof v !== 'object') return false;
  // What an object that writes itself writes is its own (a Date's, its time or null, holds none).
  if (typeof (v as { toJSON?: unknown }).toJSON === 'function' && (v as { toJSON?: unknown }).toJSON !== Date.prototype.toJSON) return true;
  if (Array.isArray(v)) {
    for (const x of v) if (holdsNonFinite(x)) return true;
    return false;
  }
  const o = v as Record<string, unknown>;
  for (const key in o) if (holdsNonFinite(o[key])) return true;
  return false;
}

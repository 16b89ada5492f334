import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type * as Yaml from 'yaml';
import { PACKAGE_ROOT } from './build.js';
import { loadConfig } from './config/load.js';
import { BuildError, error } from './errors/diagnostic.js';
import { slugify } from './parse/slug.js';
import { isTimeZone, TIME_ZONE_FIX } from './config/validate.js';
import { notAPlace, offsetInstead, placeHint } from './config/time-zone.js';
import { isoInZone } from './validate/dates.js';
import { PLACEHOLDER } from './validate/placeholder.js';
import { lazyRequire } from './lazy-require.js';

/** Loaded by `dateline new` alone: bundled, its 260 KB were compiled at the start of every command. */
const yaml = lazyRequire<typeof Yaml>('yaml');

const SCAFFOLD = path.join(PACKAGE_ROOT, 'scaffold');
const VERSION = (JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** "2024-03-20 09:30" in the zone: how a front-matter date reads. */
function wallClock(ms: number, timeZone: string): string {
  const iso = isoInZone(ms, timeZone);
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

/**
 * The machine's IANA zone, for a new site's `timeZone`: a newsroom's front-matter times are its
 * own wall clock. UTC when Node cannot tell (no zone set, or one it does not know: `Etc/Unknown`).
 */
export function machineTimeZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone as string | undefined;
  return zone && zone !== 'Etc/Unknown' && isTimeZone(zone) ? zone : 'UTC';
}

/**
 * `--time-zone`, checked as the config checks `timeZone`. A name typed in the wrong case is written
 * as Node spells it (`america/new_york` → `America/New_York`); any other name is kept as typed.
 */
export function chosenTimeZone(flag: string): string {
  const zone = flag.trim();
  if (!zone || !isTimeZone(zone)) {
    throw new BuildError([error('BAD_TIME_ZONE', `--time-zone: "${flag}" is not a time zone.`, { hint: offsetInstead(zone) ?? `${TIME_ZONE_FIX} For New York: --time-zone America/New_York` })]);
  }
  // `EST`, `Etc/GMT-8`, `PST8PDT`: Node knows them, but they are no place; a new site starts with its city's zone.
  const p = notAPlace(zone);
  if (p) throw new BuildError([error('BAD_TIME_ZONE', `--time-zone: "${flag}" is ${p.what}.`, { hint: placeHint(p, (z) => `--time-zone ${z}`) })]);
  const spelled = new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
  return spelled.toLowerCase() === zone.toLowerCase() ? spelled : zone;
}

export interface InitResult {
  files: string[];
  /** The config's `timeZone`. */
  timeZone: string;
  /** Whether it came from --time-zone rather than the machine. */
  fromFlag: boolean;
}

/**
 * `dateline init <dir>`: a config, a sample article and the standalone pages. Never overwrites.
 * The config's `timeZone` is --time-zone, else the machine's zone; the sample is dated now in it.
 */
export async function initSite(dir: string, now = Date.now(), timeZoneFlag?: string): Promise<InitResult> {
  const timeZone = timeZoneFlag === undefined ? machineTimeZone() : chosenTimeZone(timeZoneFlag);
  const target = path.resolve(dir);
  if (existsSync(target) && !statSync(target).isDirectory()) {
    throw new BuildError([error('INIT_NOT_A_FOLDER', `${dir} is a file, not a folder.`, { hint: 'Choose a new folder name for the site.' })]);
  }
  if (existsSync(target) && (await readdir(target)).length > 0) {
    throw new BuildError([error('INIT_NOT_EMPTY', `${dir} already exists and is not empty.`, { hint: 'Choose a new folder name, or empty the folder first.' })]);
  }
  const year = new Date(now).getUTCFullYear();
  const plan: [string, string][] = [
    ['dateline.config.ts', 'dateline.config.ts'],
    ['gitignore', '.gitignore'],
    ['content/articles/welcome.md', `content/articles/${year}/welcome.md`],
    ['content/pages/about-us.md', 'content/pages/about-us.md'],
    ['content/pages/contact-us.md', 'content/pages/contact-us.md'],
    ['content/pages/privacy-cookie-policy.md', 'content/pages/privacy-cookie-policy.md'],
    // Publishing: dateline as the site's one dependency, and the CI workflow that builds and deploys.
    ['site-package.json', 'package.json'],
    ['github/workflows/publish.yml', '.github/workflows/publish.yml'],
  ];
  const name = slugify(path.basename(target)).replace(/[^a-z0-9-]/g, '') || 'news-site';
  const written: string[] = [];
  for (const [from, to] of plan) {
    const text = (await readFile(path.join(SCAFFOLD, from), 'utf8')).replace('{{date}}', wallClock(now, timeZone)).replace('{{timeZone}}', timeZone).replace('{{name}}', name).replace('{{version}}', VERSION);
    const file = path.join(target, to);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text, { flag: 'wx' });
    written.push(to);
  }
  for (const d of ['templates', 'static']) await mkdir(path.join(target, d), { recursive: true });
  return { files: written, timeZone, fromFlag: timeZoneFlag !== undefined };
}

/**
 * A headline's slug cut to a file name's length (at most 80 bytes, whole words where there are
 * hyphens, else whole characters): a long headline stays in `title`, and its URL stays short.
 */
function fileSlug(slug: string, max = 80): string {
  if (Buffer.byteLength(slug) <= max) return slug;
  let out = '';
  for (const word of slug.split('-')) {
    const next = out ? `${out}-${word}` : word;
    if (Buffer.byteLength(next) > max) break;
    out = next;
  }
  if (out) return out;
  for (const ch of slug) {
    if (Buffer.byteLength(out + ch) > max) break;
    out += ch;
  }
  return out;
}

/**
 * `dateline new "<title>"`: content/articles/YYYY/<slug>.md dated now in the site's zone, whose
 * body is the placeholder the build refuses to publish (validate/placeholder.ts) until the story
 * is written in its place.
 */
export async function newArticle(siteDir: string, title: string, now = Date.now()): Promise<string> {
  const slug = fileSlug(slugify(title));
  if (!slug) throw new BuildError([error('BAD_SLUG', `The title "${title}" has no letters or digits, so it cannot make a URL.`, { hint: 'Give the article a title with words in it.' })]);
  const config = await loadConfig(siteDir);
  const date = wallClock(now, config.timeZone);
  const rel = `content/articles/${date.slice(0, 4)}/${slug}.md`;
  const file = path.join(siteDir, rel);
  if (existsSync(file)) throw new BuildError([error('FILE_EXISTS', `${rel} already exists.`, { file: rel, hint: 'Choose another title, or edit the existing article.' })]);
  // No made-up byline when the site has no default author: an empty one, which the build asks
  // the editor to fill in (a byline "Newsroom Staff" would be published, with a page of its own).
  const front = yaml().stringify({ title, date, author: config.defaultAuthor, tags: [], summary: '' }, { lineWidth: 0 });
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `---\n${front}---\n\n${PLACEHOLDER}\n`, { flag: 'wx' });
  return rel;
}

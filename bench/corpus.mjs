// Deterministic news corpus for the benchmark: `node bench/corpus.mjs --articles 10000 --out DIR [--typography]`.
// Seeded, so every run (and every peer generator) reads exactly the same site.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';

function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ('the city port council rail freight river bridge metro line station district officials residents ' +
  'said according report plan project investment factory battery vehicle export market growth year month week ' +
  'season weather rain heat fog flood festival opera hotpot market tourists visitors museum culture history ' +
  'mountain valley tunnel cableway ferry logistics warehouse container route europe asia trade policy budget ' +
  'school hospital park street neighbourhood community volunteers workers engineers drivers passengers data ' +
  'survey figures percent million billion yuan capacity demand supply energy power grid solar wind water ' +
  'morning evening night weekend today yesterday announced expected planned completed opened closed expanded').split(' ');
const CHINESE_TAGS = ['重庆', '火锅', '长江', '轻轨', '山城', '解放碑', '磁器口', '洪崖洞', '渝中', '江北'];
const SECTIONS = ['Business', 'Transport', 'Culture', 'Weather', 'Insights', 'City'];

/**
 * `typography`: the punctuation an editor's word processor types, as real copy has it: a curly
 * apostrophe in a possessive, a dash between clauses, a quotation in curly quotes. Drawn from a
 * generator of its own, so that the words, the structure and every other choice stay those of
 * the corpus without it.
 */
export function makeCorpus({ articles = 1000, seed = 20240320, out, typography = false }) {
  const r = rng(seed);
  const typed = rng(seed ^ 0x5bd1e995);
  const pick = (list) => list[Math.floor(r() * list.length)];
  const int = (lo, hi) => lo + Math.floor(r() * (hi - lo + 1));
  const tags = [];
  for (let i = 0; i < 300; i++) {
    if (i < CHINESE_TAGS.length) tags.push(CHINESE_TAGS[i]);
    else if (i % 3 === 0) tags.push(`${pick(WORDS)} ${pick(WORDS)} ${i}`);
    else tags.push(`${pick(WORDS)}-${i}`);
  }
  const authors = Array.from({ length: 24 }, (_, i) => `Reporter ${String.fromCharCode(65 + (i % 26))}${i} ${pick(['Zheng', 'Liu', 'Chen', 'Wang', 'Zhou', 'Feld'])}`);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const sentence = () => {
    const n = int(8, 18);
    const w = Array.from({ length: n }, () => pick(WORDS));
    w[0] = w[0][0].toUpperCase() + w[0].slice(1);
    if (typography) {
      for (let j = 1; j < n; j++) {
        const x = typed();
        if (x < 0.06) w[j] += '’s';
        else if (x < 0.09 && j < n - 1) w[j] += ' —';
        else if (x < 0.11 && j < n - 2) {
          w[j] = `“${w[j]}`;
          w[j + 1] += '”';
          j++;
        }
      }
    }
    return `${w.join(' ')}.`;
  };
  const paragraph = () => Array.from({ length: int(3, 5) }, sentence).join(' ');
  const start = Date.UTC(2016, 0, 1);
  const span = Date.UTC(2025, 11, 31) - start;
  const slugs = [];
  for (let i = 0; i < articles; i++) {
    const ms = start + Math.floor((i / articles) * span) + int(0, 3600) * 1000;
    const d = new Date(ms + 8 * 3600 * 1000);
    const iso = `${d.toISOString().slice(0, 19)}+08:00`;
    const slug = `story-${i}-${pick(WORDS)}-${pick(WORDS)}`;
    const year = iso.slice(0, 4);
    const nTags = int(1, 5);
    const t = new Set();
    while (t.size < nTags) t.add(tags[Math.floor(Math.pow(r(), 1.6) * tags.length)]);
    const body = [];
    let words = 0;
    const target = int(500, 800);
    body.push(paragraph());
    while (words < target) {
      const kind = r();
      if (kind < 0.12) body.push(`## ${sentence().slice(0, -1)}`);
      else if (kind < 0.18) body.push(`> ${sentence()}`);
      else if (kind < 0.24) body.push(Array.from({ length: int(3, 5) }, () => `- ${sentence()}`).join('\n'));
      else if (kind < 0.3 && slugs.length) body.push(`${sentence()} See [an earlier report](/${pick(slugs)}/) for background.`);
      else body.push(paragraph());
      words = body.join(' ').split(/\s+/).filter((x) => x !== '—').length;
    }
    body.splice(2, 0, `![${sentence()}](/images/photo-${i % 20}.png "${sentence()}")`);
    const fm = [
      '---',
      `title: "${sentence().slice(0, -1)}"`,
      `date: ${iso}`,
      `author: ${JSON.stringify(pick(authors))}`,
      `tags: [${[...t].map((x) => JSON.stringify(x)).join(', ')}]`,
      `section: ${pick(SECTIONS)}`,
      `summary: "${sentence()}"`,
      `dateline: Chongqing`,
      '---',
      '',
    ].join('\n');
    const dir = path.join(out, 'content', 'articles', year);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `${slug}.md`), `${fm}${body.join('\n\n')}\n`);
    slugs.push(`${iso.slice(0, 4)}/${iso.slice(5, 7)}/${iso.slice(8, 10)}/${slug}`);
  }
  // The photos the articles show (a build warns about a photo that is not there, as a newsroom's
  // would): small real images of twenty sizes, whose headers a build reads for width and height.
  mkdirSync(path.join(out, 'static', 'images'), { recursive: true });
  for (let i = 0; i < 20; i++) writeFileSync(path.join(out, 'static', 'images', `photo-${i}.png`), png(160 + 8 * i, 90 + 6 * i, i));
  writeFileSync(
    path.join(out, 'dateline.config.mjs'),
    // Close to what the peers are asked to build: no search index, no per-term feeds.
    `export default {\n  title: 'Bench Herald',\n  baseUrl: 'https://bench.example.org/',\n  timeZone: 'Asia/Shanghai',\n  pageSize: 50,\n  search: { enabled: false },\n  feeds: { tags: false, sections: false, authors: false },\n};\n`,
  );
  return { articles, out };
}

const CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  let c = 0xffffffff;
  for (const b of body) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  const head = Buffer.alloc(4);
  head.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE((c ^ 0xffffffff) >>> 0);
  return Buffer.concat([head, body, crc]);
}

/** A valid greyscale PNG of `width` × `height`, a diagonal gradient shifted by `shade`. */
function png(width, height, shade) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  const rows = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) rows[y * (width + 1) + 1 + x] = (x + y + shade * 10) & 0xff;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const get = (name, dflt) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : dflt;
  };
  const res = makeCorpus({ articles: Number(get('articles', 1000)), seed: Number(get('seed', 20240320)), out: path.resolve(get('out', 'bench/corpus/site')), typography: args.includes('--typography') });
  console.log(`wrote ${res.articles} articles to ${res.out}`);
}

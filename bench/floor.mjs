// The floor under any Node generator built on the libraries the issue names: one thread reading
// each article, splitting its front matter with gray-matter, rendering Markdown with marked and a
// one-page Nunjucks layout, and writing the page. No site graph, no listing pages, no feeds, no
// checks. `node bench/floor.mjs [--articles 10000] [--yaml gray-matter|yaml] [--out DIR]
// [--workers N]` prints its wall and CPU seconds. With `--workers N`, N worker threads each take
// every Nth article (the way a generator would use both cores), and the figures are the whole
// process's, from its start: Node's own start, the workers' start and their loading of the
// libraries included, as a peer's are when its process is timed.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import os from 'node:os';
import path from 'node:path';
import matter from 'gray-matter';
import { marked } from 'marked';
import nunjucks from 'nunjucks';
import { parse as parseYaml } from 'yaml';
import { makeCorpus } from './corpus.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : dflt);
const articles = Number(opt('articles', 10000));
const workers = Number(opt('workers', 0));
const engine = opt('yaml', 'gray-matter');
const site = path.join(os.tmpdir(), 'dateline-bench', `site-${articles}`);
const out = opt('out', path.join(os.tmpdir(), 'dateline-bench', 'floor-out'));
const listArticles = () => {
  try {
    return readdirSync(path.join(site, 'content', 'articles'), { recursive: true }).map(String).filter((f) => f.endsWith('.md')).sort();
  } catch {
    return [];
  }
};
// The bench's corpus, as `npm run bench` makes it (its "add" runs leave extra articles behind).
let files = isMainThread ? listArticles() : workerData.files;
if (isMainThread && files.length !== articles) {
  makeCorpus({ articles, out: site });
  files = listArticles();
}
if (isMainThread) rmSync(out, { recursive: true, force: true });
const env = new nunjucks.Environment(null, { autoescape: true });
const page = nunjucks.compile('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ title }}</title></head><body><article><h1>{{ title }}</h1><p>By {{ author }} | {{ date }}</p>{{ html | safe }}</article></body></html>', env);
const options = engine === 'yaml' ? { engines: { yaml: (s) => parseYaml(s, { schema: 'core', uniqueKeys: true }) } } : {};
const renderAll = (list) => {
  for (const f of list) {
    const { data, content } = matter(readFileSync(path.join(site, 'content', 'articles', f), 'utf8'), options);
    const html = page.render({ title: data.title, author: data.author, date: String(data.date), html: marked.parse(content) });
    const dir = path.join(out, f.replace(/\.md$/, ''));
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'index.html'), html);
  }
};
if (!isMainThread) {
  renderAll(files);
  parentPort.postMessage('done');
} else {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  if (workers > 0) {
    const shares = Array.from({ length: workers }, (_, w) => files.filter((_, i) => i % workers === w));
    const url = new URL(import.meta.url);
    await Promise.all(
      shares.map(
        (share) =>
          new Promise((resolve, reject) => {
            const w = new Worker(url, { argv: args, workerData: { files: share } });
            w.once('message', resolve);
            w.once('error', reject);
          }),
      ),
    );
  } else renderAll(files);
  // From the process's start when workers are used, so that their start-up counts.
  const wall = (workers > 0 ? performance.now() : performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(workers > 0 ? undefined : cpu0);
  console.log(JSON.stringify({ articles: files.length, yaml: engine, workers, wall: +wall.toFixed(2), cpu: +((cpu.user + cpu.system) / 1e6).toFixed(2), rssMb: Math.round(process.memoryUsage().rss / 1e6) }));
  rmSync(out, { recursive: true, force: true });
}

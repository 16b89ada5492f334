// The parse stage alone, in one thread: dateline's own parser (front matter, checks, Markdown,
// sanitising, word count) over every article of the bench corpus, several passes in one process,
// without workers, the model or rendering. `npm run bench:parse -- [--articles 10000] [--passes 5]
// [--dir DIR] [--lib DIR]` prints the median and every pass in ms. `--lib` names another checkout's
// folder (compiled), so two commits can be timed one after the other on the same machine.
import { existsSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { makeCorpus } from './corpus.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : dflt);
const articles = Number(opt('articles', 10000));
const passes = Number(opt('passes', 5));
const root = path.resolve(opt('lib', path.join(path.dirname(fileURLToPath(import.meta.url)), '..')));
const site = path.join(path.resolve(opt('dir', path.join(os.tmpdir(), 'dateline-bench'))), `site-${articles}`);
if (!existsSync(path.join(site, 'content'))) makeCorpus({ articles, out: site });

const load = (rel) => import(pathToFileURL(path.join(root, 'lib', rel)).href);
const { loadConfig } = await load('config/load.js');
const { createParser } = await load('workers/tasks.js');
const config = await loadConfig(site, {});
const files = readdirSync(path.join(site, 'content'), { recursive: true })
  .map(String)
  .filter((f) => f.endsWith('.md'))
  .sort()
  .map((f) => ({ path: `content/${f}`, abs: path.join(site, 'content', f), kind: f.startsWith('pages/') ? 'page' : 'article' }));
const parse = createParser(config);
const times = [];
for (let i = 0; i < passes; i++) {
  const t = performance.now();
  const out = parse(files);
  times.push(performance.now() - t);
  if (out.articles.length !== files.length) throw new Error(`parsed ${out.articles.length} of ${files.length} files (${out.diagnostics.length} diagnostics)`);
}
const sorted = [...times].sort((a, b) => a - b);
console.log(`${root}: ${files.length} files, median ${sorted[Math.floor(sorted.length / 2)].toFixed(0)} ms a pass (${times.map((t) => t.toFixed(0)).join(', ')})`);

// Watch-mode benchmark: `npm run bench:watch -- --articles 10000 --edits 500 [--atomic]`.
// Generates the corpus (bench/corpus.mjs), starts the real watcher in this process, saves one
// article N times and measures, for each save, when its page in dist/ shows the edit (a worker
// thread polls the file, so a busy build cannot delay the observation), and the memory after.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { makeCorpus } from './corpus.mjs';
import { createBuilder } from '../lib/build.js';
import { DEBOUNCE_MS, STABILITY_MS, watchSite } from '../lib/watch/watch.js';

const args = process.argv.slice(2);
const arg = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const ARTICLES = Number(arg('articles', 1000));
const EDITS = Number(arg('edits', 500));
// --atomic: save as many editors do, to a temporary file renamed over the article.
const ATOMIC = args.includes('--atomic');
const here = path.dirname(fileURLToPath(import.meta.url));
const siteDir = path.resolve(arg('site', path.join(here, 'tmp', `watch-${ARTICLES}`)));
const outDir = path.join(siteDir, 'dist');
const NOW = '2026-01-01T00:00:00+08:00';

// Clock shared with the worker: epoch milliseconds with sub-millisecond resolution.
const clock = () => performance.timeOrigin + performance.now();

await mkdir(path.dirname(siteDir), { recursive: true });
let t = clock();
makeCorpus({ articles: ARTICLES, out: siteDir });
console.log(`corpus: ${ARTICLES} articles in ${siteDir} (${Math.round(clock() - t)} ms)`);

const poller = new Worker(
  `const { parentPort } = require('node:worker_threads');
   const { readFileSync } = require('node:fs');
   const nap = new Int32Array(new SharedArrayBuffer(4));
   parentPort.on('message', ({ file, marker }) => {
     for (;;) {
       let text = '';
       try { text = readFileSync(file, 'utf8'); } catch {}
       if (text.includes(marker)) break;
       Atomics.wait(nap, 0, 0, 0.5);
     }
     parentPort.postMessage(performance.timeOrigin + performance.now());
   });`,
  { eval: true },
);
const seen = (file, marker) =>
  new Promise((resolve) => {
    poller.once('message', resolve);
    poller.postMessage({ file, marker });
  });

const builder = createBuilder({ siteDir, outDir, mode: 'disk', now: NOW });
const events = [];
const builds = [];
const watcher = watchSite({
  siteDir,
  outDir,
  builder,
  schedule: false,
  onEvent: (type, rel, at) => events.push({ type, rel, at: performance.timeOrigin + at }),
  // Keep only numbers: holding on to each result (and its site graph) would measure the bench.
  onBuild: (b) =>
    builds.push({
      ok: !!b.result?.ok,
      renderCount: b.result?.renderCount,
      quiet: b.lastEventAt === undefined ? 0 : b.startedAt - b.lastEventAt,
      build: b.endedAt - b.startedAt,
      timings: b.result?.timings ?? {},
      first: builds.length === 0 ? b.result : undefined,
      error: b.error,
    }),
});
t = clock();
await watcher.ready;
let first = builds[0].first;
builds[0].first = undefined;
if (builds[0].error) throw builds[0].error;
if (!first?.ok) throw new Error(`the first build failed: ${JSON.stringify(first?.diagnostics.slice(0, 3))}`);
console.log(`watcher ready and first build done: ${first.articles} articles, ${first.pagesWritten} pages in ${Math.round(clock() - t)} ms`);

// An article in the middle of the archive: it has neighbours, tags and a place in listings.
const mid = first.graph.articles[Math.floor(first.graph.articles.length / 2)];
const target = { source: mid.source, outputPath: mid.outputPath };
first = undefined;
const source = path.join(siteDir, target.source);
const page = path.join(outDir, ...target.outputPath.split('/'));
const original = readFileSync(source, 'utf8');
console.log(`editing ${target.source} → ${target.outputPath}, ${EDITS} saves`);

const idle = async () => {
  while (watcher.busy) await new Promise((r) => setTimeout(r, 2));
};
const gc = globalThis.gc ?? (() => {});
const mem = () => {
  gc();
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed };
};
const samples = [];
let memFirst;
for (let i = 1; i <= EDITS; i++) {
  const marker = `Bench edit number ${i} lands here.`;
  const visible = seen(page, marker);
    const buildsBefore = builds.length;
  const saved = clock();
  if (ATOMIC) {
    writeFileSync(`${source}~`, `${original}\n${marker}\n`);
    renameSync(`${source}~`, source);
  } else writeFileSync(source, `${original}\n${marker}\n`);
  const shown = await visible;
  await idle();
  const ev = events.find((e) => e.rel === target.source);
  const b = builds.slice(buildsBefore);
  if (!ev || b.length === 0 || !b.every((x) => x.ok)) throw new Error(`edit ${i}: no event or a failed build`);
  const last = b.at(-1);
  samples.push({ total: shown - saved, awf: ev.at - saved, afterEvent: shown - ev.at, renderCount: last.renderCount, builds: b.length, quiet: last.quiet, build: last.build, timings: last.timings });
  events.length = 0;
  if (i === 1) memFirst = mem();
  if (i % 50 === 0) console.log(`  ${i} saves, last: ${Math.round(shown - saved)} ms save→visible`);
}
const memLast = mem();
writeFileSync(source, original);
await watcher.close();
await builder.close();
await poller.terminate();

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { median: q(0.5), p90: q(0.9), min: s[0], max: s.at(-1) };
};
const fmt = (o) => Object.entries(o).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ');
const mb = (n) => `${(n / 1048576).toFixed(1)} MB`;
console.log(`\nwatch benchmark: ${ARTICLES} articles, ${EDITS} ${ATOMIC ? 'atomic (write and rename) ' : ''}saves of one article (awaitWriteFinish ${STABILITY_MS} ms, debounce ${DEBOUNCE_MS} ms)`);
console.log(`  save → page updated in dist/, excluding the awaitWriteFinish wait (ms): ${fmt(stats(samples.map((s) => s.afterEvent)))}`);
console.log(`  save → watcher event, the awaitWriteFinish wait (ms):                ${fmt(stats(samples.map((s) => s.awf)))}`);
console.log(`  save → page updated in dist/, total (ms):                            ${fmt(stats(samples.map((s) => s.total)))}`);
console.log(`    of which the debounce (last event → build start): ${fmt(stats(samples.map((s) => s.quiet)))}; the build: ${fmt(stats(samples.map((s) => s.build)))}`);
const stages = Object.keys(samples[0].timings);
console.log(`    build stages, median ms: ${stages.map((k) => `${k} ${stats(samples.map((s) => s.timings[k] ?? 0)).median.toFixed(1)}`).join(', ')}`);
console.log(`  pages rendered per save: ${fmt(stats(samples.map((s) => s.renderCount)))}; builds per save: ${fmt(stats(samples.map((s) => s.builds)))}`);
console.log(`  memory after save 1: rss ${mb(memFirst.rss)}, heap ${mb(memFirst.heapUsed)}; after save ${EDITS}: rss ${mb(memLast.rss)}, heap ${mb(memLast.heapUsed)}${globalThis.gc ? ' (after gc)' : ''}`);

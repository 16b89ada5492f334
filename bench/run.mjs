// The benchmark: `npm run bench -- [--articles 1000,10000] [--runs 5] [--peer hugo|eleventy] [--compare "CMD"]
// [--theme newsroom|peer] [--typography]`.
// Whole processes, timed by GNU time: median wall and CPU seconds and peak RSS over --runs runs
// after a warm-up, for a cold build and for rebuilds after typical edits. With --peer or
// --compare, the other command runs on the same corpus in the same session, in turn with dateline
// (the order reversed every other round), and the table gives the median of the rounds' ratios
// (bench/pairs.mjs). Results are printed and written to bench/out/*.json, with every run and every
// round's ratio. `--theme peer` gives dateline the bare templates and the page set the peers'
// bench sites have (bench/peers/dateline), to tell what the engine costs from what the newsroom
// theme and its feeds and sitemaps cost.
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeCorpus } from './corpus.mjs';
import { median, pairRatios, roundOrder } from './pairs.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const sizes = String(opt('articles', '1000')).split(',').map(Number);
const runs = Number(opt('runs', 5));
const peer = opt('peer', '');
const compare = opt('compare', '');
const theme = opt('theme', 'newsroom');
// Copy with curly quotes and dashes (bench/corpus.mjs), in a corpus folder of its own.
const typography = args.includes('--typography');
if (!['newsroom', 'peer'].includes(theme)) throw new Error(`--theme: newsroom or peer, not ${theme}`);
const scenarios = String(opt('scenarios', 'cold,nochange,edit,checkout,clone,add,template')).split(',');
const work = path.resolve(opt('dir', path.join(os.tmpdir(), 'dateline-bench')));
const TIME = '/usr/bin/time';
if (!existsSync(TIME)) throw new Error('The benchmark needs GNU time: apt-get install time');

function timed(cmd, argv, cwd, env = {}) {
  const res = spawnSync(TIME, ['-f', '%e %U %S %M', cmd, ...argv], { cwd, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 1 << 26 });
  const last = res.stderr.trim().split('\n').pop();
  if (res.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed (${res.status}):\n${res.stdout}\n${res.stderr}`);
  const [wall, user, sys, rssKb] = last.split(' ').map(Number);
  return { wall, cpu: user + sys, rssMb: rssKb / 1024 };
}

/** The commands: dateline, and the peer it is compared with. */
function tools(site) {
  const bare = () => cpSync(path.join(ROOT, 'bench/peers/dateline'), site, { recursive: true });
  const list = [{ name: 'dateline', prepare: theme === 'peer' ? bare : () => {}, clean: () => rmSync(path.join(site, 'dist'), { recursive: true, force: true }), run: () => timed(process.execPath, [path.join(ROOT, 'bin', 'dateline.js'), 'build', site, '--quiet', '--now', '2026-01-01T00:00:00Z'], site) }];
  if (peer === 'hugo') {
    list.push({
      name: 'hugo',
      prepare: () => cpSync(path.join(ROOT, 'bench/peers/hugo'), site, { recursive: true }),
      clean: () => rmSync(path.join(site, 'public'), { recursive: true, force: true }),
      run: () => timed('hugo', ['--quiet', '--source', site], site),
    });
  } else if (peer === 'eleventy') {
    const bin = path.join(work, 'peers', 'node_modules', '.bin', 'eleventy');
    if (!existsSync(bin)) {
      mkdirSync(path.join(work, 'peers'), { recursive: true });
      execFileSync('npm', ['install', '--no-save', '--prefix', path.join(work, 'peers'), '@11ty/eleventy@3.1'], { stdio: 'inherit' });
    }
    list.push({
      name: 'eleventy',
      prepare: () => cpSync(path.join(ROOT, 'bench/peers/eleventy'), site, { recursive: true }),
      clean: () => rmSync(path.join(site, '_site'), { recursive: true, force: true }),
      run: () => timed(bin, ['--quiet'], site),
    });
  } else if (compare) {
    list.push({ name: 'compare', prepare: () => {}, clean: () => {}, run: () => timed('sh', ['-c', compare.replaceAll('{site}', site)], site) });
  }
  return list;
}

/** Each scenario: what to do before a timed run, and whether the output folder is wiped first. */
function scenarioSteps(site) {
  const someArticle = () => {
    const dir = path.join(site, 'content/articles/2020');
    return path.join(dir, readFileSyncDir(dir)[0]);
  };
  let counter = 0;
  return {
    cold: { wipe: true, before: () => rmSync(path.join(site, '.dateline-cache'), { recursive: true, force: true }) },
    nochange: { wipe: false, before: () => {} },
    edit: { wipe: false, before: () => appendFileSync(someArticle(), `\nAn added sentence ${++counter}.\n`) },
    // CI: a fresh clone gives every file of the site a new time (content, static files, templates,
    // the config), and the cache and the last output come back from a store with theirs.
    checkout: {
      wipe: false,
      before: () => {
        const when = new Date();
        const outputs = new Set(['dist', '.dateline-cache', 'public', '_site', 'resources', '.git']);
        for (const top of readdirSync(site)) {
          if (outputs.has(top)) continue;
          utimesSync(path.join(site, top), when, when);
          if (statSync(path.join(site, top)).isDirectory()) for (const f of readdirSync(path.join(site, top), { recursive: true })) utimesSync(path.join(site, top, f), when, when);
        }
        appendFileSync(someArticle(), `\nAn added sentence ${++counter}.\n`);
      },
    },
    // CI on a fresh clone of the site's git repository, with the cache and the last output
    // restored: git writes every file anew (new times, change times and inodes) and its index
    // after them, and the commit checked out has one story edited. Unlike `checkout`, git's index
    // then knows each file as it was written (src/discover/git-index.ts).
    clone: {
      wipe: false,
      before: () => {
        const git = (...a) => execFileSync('git', ['-c', 'user.name=Bench', '-c', 'user.email=bench@example.org', '-c', 'init.defaultBranch=main', ...a], { cwd: site, encoding: 'utf8', maxBuffer: 1 << 28 });
        if (!existsSync(path.join(site, '.git'))) {
          writeFileSync(path.join(site, '.gitignore'), ['dist/', '.dateline-cache/', 'public/', '_site/', 'resources/', '.hugo_build.lock', ''].join('\n'));
          git('init', '-q');
        }
        git('add', '-A');
        git('commit', '-q', '--allow-empty', '-m', 'the corpus as it is');
        appendFileSync(someArticle(), `\nAn added sentence ${++counter}.\n`);
        git('commit', '-qam', `edit ${counter}`);
        for (const f of git('ls-files', '-z').split('\0').filter(Boolean)) rmSync(path.join(site, f));
        git('checkout', '-q', '--', '.');
      },
    },
    add: {
      wipe: false,
      before: () => {
        const f = path.join(site, 'content/articles/2020', `added-${++counter}.md`);
        writeFileSync(f, `---\ntitle: "Added ${counter}"\ndate: 2020-06-01T10:00:00+08:00\nauthor: Bench\ntags: [added]\n---\n\nA new article.\n`);
      },
    },
    template: {
      wipe: false,
      before: () => {
        // A partial every page includes, so every page renders again (a page template's own edit
        // renders only its pages); the bare theme has none, its base layout instead.
        if (theme === 'peer') return appendFileSync(path.join(site, 'templates', 'base.njk'), `{# bench edit ${++counter} #}\n`);
        mkdirSync(path.join(site, 'templates', 'partials'), { recursive: true });
        const partial = readFileSync(new URL('../templates/partials/cookie-notice.njk', import.meta.url), 'utf8');
        writeFileSync(path.join(site, 'templates', 'partials', 'cookie-notice.njk'), `${partial}{# bench edit ${++counter} #}\n`);
      },
    },
  };
}

function readFileSyncDir(dir) {
  return execFileSync('ls', [dir], { encoding: 'utf8' }).trim().split('\n').filter((f) => f.endsWith('.md')).sort();
}

const results = [];
for (const n of sizes) {
  const site = path.join(work, `site-${n}${typography ? '-typography' : ''}`);
  console.error(`corpus: ${n} articles${typography ? ' with typography' : ''} → ${site}`);
  makeCorpus({ articles: n, out: site, typography });
  const steps = scenarioSteps(site);
  const list = tools(site);
  for (const tool of list) tool.prepare();
  for (const sc of scenarios) {
    const step = steps[sc];
    // Peers time only a cold build and an edit (for them, a full build); the runs alternate
    // between the tools, so a slow spell of the disk falls on both.
    const running = list.filter((tool) => tool.name === 'dateline' || sc === 'cold' || sc === 'edit');
    const samples = new Map(running.map((tool) => [tool, []]));
    for (let i = 0; i <= runs; i++) {
      for (const tool of roundOrder(running, i)) {
        if (step.wipe) tool.clean();
        step.before();
        // The deletes and writes of the run before reach the disk first, not during this run.
        execFileSync('sync');
        const m = tool.run();
        if (i > 0) samples.get(tool).push(m); // the first run is the warm-up
      }
    }
    for (const tool of running) {
      const got = samples.get(tool);
      const row = { articles: n, theme, tool: tool.name, scenario: sc, runs, wall: median(got.map((s) => s.wall)), cpu: median(got.map((s) => s.cpu)), rssMb: median(got.map((s) => s.rssMb)), samples: got };
      results.push(row);
      console.error(`  ${tool.name.padEnd(9)} ${sc.padEnd(9)} wall ${row.wall.toFixed(2)} s  cpu ${row.cpu.toFixed(2)} s  rss ${row.rssMb.toFixed(0)} MB  (wall ${Math.min(...got.map((s) => s.wall)).toFixed(2)}–${Math.max(...got.map((s) => s.wall)).toFixed(2)} s)`);
    }
    // Round by round: dateline's run against the other command's run of the same round.
    const [mine, other] = running;
    if (other) {
      const pairs = pairRatios(samples.get(mine), samples.get(other));
      results.find((r) => r.articles === n && r.scenario === sc && r.tool === mine.name).pairs = { against: other.name, ...pairs };
      console.error(`  ${'pairs'.padEnd(9)} ${sc.padEnd(9)} wall ${pairs.wall.each.map((x) => x.toFixed(3)).join(' ')}: median ${pairs.wall.median.toFixed(3)}× ${other.name}; cpu median ${pairs.cpu.median.toFixed(3)}×`);
    }
  }
}

const header = '| articles | scenario | tool | wall (s, median) | CPU (s) | peak RSS (MB) | wall ratio vs peer (median of the rounds, lowest–highest) |';
const lines = [header, '|---|---|---|---|---|---|---|'];
for (const r of results) {
  const ratio = r.pairs ? `${r.pairs.wall.median.toFixed(2)}× ${r.pairs.against} (${r.pairs.wall.min.toFixed(2)}–${r.pairs.wall.max.toFixed(2)})` : '';
  lines.push(`| ${r.articles} | ${r.scenario} | ${r.tool} | ${r.wall.toFixed(2)} | ${r.cpu.toFixed(2)} | ${r.rssMb.toFixed(0)} | ${ratio} |`);
}
console.log(lines.join('\n'));
const machine = { cpus: os.cpus().length, model: os.cpus()[0]?.model, memGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, date: new Date().toISOString() };
mkdirSync(path.join(ROOT, 'bench/out'), { recursive: true });
const file = path.join(ROOT, 'bench/out', `bench-${machine.date.replace(/[:.]/g, '-')}.json`);
writeFileSync(file, `${JSON.stringify({ machine, runs, theme, typography, results }, null, 2)}\n`);
console.error(`written: ${path.relative(ROOT, file)}`);

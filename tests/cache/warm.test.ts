import { chmodSync, cpSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { createBuilder } from '../../src/build.js';
import { cli, coldBuild, md, dateline, SEARCH_CONFIG, writeSite, tree, type CliRun } from '../helpers/site.js';
import { photo } from '../helpers/photos.js';

const NOW_AT = '2026-01-01T00:00:00Z';
const NOW = ['--now', NOW_AT];


function article(title: string, date: string, tags: string[], body = 'Body.') {
  return md({ title, date, author: 'Ran Zheng', tags, section: 'Business', summary: `${title}.` }, body);
}

/**
 * A warm build (cache and dist kept) against a cold one of the same sources (coldBuild), byte for
 * byte. By `dateline` in this process, or by the bin (cli) where the test's builds are the
 * bin's: each keys the cache by its own code (tests/helpers/site.ts).
 */
async function expectWarmEqualsCold(dir: string, warmOut: string, note?: RegExp, by: (args: string[]) => Promise<CliRun> = dateline) {
  const warm = await by(['build', dir, '--out', warmOut, ...NOW]);
  if (note) expect(warm.stderr).toMatch(note);
  else expect(warm.stderr).toBe('');
  expect(warm.code).toBe(0);
  const coldOut = path.join(mkdtempSync(path.join(tmpdir(), 'dateline-cold-')), 'dist');
  await coldBuild(dir, coldOut, { now: NOW_AT });
  expect(tree(warmOut)).toEqual(tree(coldOut));
}

/** `dateline build --json` on the site: its counts, after checking it succeeded. */
async function buildCounts(dir: string): Promise<{ rendered: number; pages: number }> {
  const r = await dateline(['build', dir, '--json', ...NOW]);
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout) as { counts: { rendered: number; pages: number } }).counts;
}

/** A site of `n` dated stories spread over nine months, each with one of `tags` tags. */
function stories(n: number, tags: number): string {
  const files: Record<string, string> = {};
  for (let i = 0; i < n; i++) files[`content/articles/a${i}.md`] = article(`Story ${i}`, `2025-0${1 + (i % 9)}-1${i % 10}`, [`t${i % tags}`], `Body ${i}.`);
  return writeSite(files);
}

/**
 * For the two tests that build most: six builds of 240 articles on worker threads, and five kinds
 * of edit each checked against a cold build. They took 45-54 s on a slow 2-core machine, and one
 * ran past vitest's 60 s there while other tests ran beside it.
 */
const LONG = 180_000;

describe('the persistent build cache', () => {
  it('never serves stale output: template, partial, config and tag-spelling edits each rebuild what they must', async () => {
    const dir = writeSite({
      // With the search index, which holds the titles, tags and bodies edited below.
      'dateline.config.ts': SEARCH_CONFIG,
      'content/articles/a.md': article('Alpha', '2025-01-01', ['rail']),
      'content/articles/b.md': article('Bravo', '2025-01-02', ['rail', 'port']),
      'content/articles/c.md': article('Charlie', '2025-01-03', ['port']),
      'templates/tag.njk': '{% extends "base.njk" %}{% block main %}<h1>{{ term.name }}</h1>{% for a in items %}<p>{{ a.title }}</p>{% endfor %}{% endblock %}',
      'templates/partials/footer.njk': '<footer>Footer one</footer>',
    });
    const out = path.join(dir, 'dist');
    // By the bin: each build a process of its own, reading only what the last one left on disk, as CI's are.
    await expectWarmEqualsCold(dir, out, undefined, cli);
    expect(existsSync(path.join(dir, '.dateline-cache'))).toBe(true);

    // A page template.
    writeFileSync(path.join(dir, 'templates/tag.njk'), '{% extends "base.njk" %}{% block main %}<h1>Tag {{ term.name }}</h1>{% endblock %}');
    await expectWarmEqualsCold(dir, out, undefined, cli);
    expect(readFileSync(path.join(out, 'tags/rail/index.html'), 'utf8')).toContain('Tag rail');

    // An included partial.
    writeFileSync(path.join(dir, 'templates/partials/footer.njk'), '<footer>Footer two</footer>');
    await expectWarmEqualsCold(dir, out, undefined, cli);
    expect(readFileSync(path.join(out, '2025/01/01/a/index.html'), 'utf8')).toContain('Footer two');

    // A config value.
    const cfgFile = path.join(dir, 'dateline.config.ts');
    writeFileSync(cfgFile, readFileSync(cfgFile, 'utf8').replace("title: 'Test Herald'", "title: 'Evening Herald'"));
    await expectWarmEqualsCold(dir, out, undefined, cli);
    expect(readFileSync(path.join(out, 'index.html'), 'utf8')).toContain('Evening Herald');

    // A tag's spelling: the most used spelling names the page.
    writeFileSync(path.join(dir, 'content/articles/a.md'), article('Alpha', '2025-01-01', ['Rail']));
    writeFileSync(path.join(dir, 'content/articles/c.md'), article('Charlie', '2025-01-03', ['Rail', 'port']));
    await expectWarmEqualsCold(dir, out, undefined, cli);
    expect(readFileSync(path.join(out, 'tags/rail/index.html'), 'utf8')).toContain('Tag Rail');

    // An article's body, and a deleted article.
    writeFileSync(path.join(dir, 'content/articles/a.md'), article('Alpha', '2025-01-01', ['Rail'], 'A changed body.'));
    await expectWarmEqualsCold(dir, out, undefined, cli);
  }, LONG);

  it('survives two builds racing on one cache, and a corrupt cache file', async () => {
    const dir = writeSite({ 'content/articles/a.md': article('Alpha', '2025-01-01', ['rail']) });
    const [one, two] = await Promise.all([
      cli(['build', dir, '--out', path.join(dir, 'out1'), ...NOW]),
      cli(['build', dir, '--out', path.join(dir, 'out2'), ...NOW]),
    ]);
    expect(one.code).toBe(0);
    expect(two.code).toBe(0);
    writeFileSync(path.join(dir, '.dateline-cache', 'build.v10'), 'not a cache');
    // Said once (tests/cache/damaged.test.ts), then built as without it.
    const damaged = await cli(['build', dir, ...NOW]);
    expect(damaged.code).toBe(0);
    expect(damaged.stderr).toMatch(/^note: the build cache was damaged \(its index\)/);
    await expectWarmEqualsCold(dir, path.join(dir, 'dist'), undefined, cli);
  });

  it('keeps article bodies apart from its index, and reads them back when a restored cache renders every page', async () => {
    const dir = writeSite({
      'content/articles/a.md': article('Alpha', '2025-01-01', ['rail'], 'The body of alpha.'),
      'content/articles/b.md': article('Bravo', '2025-01-02', ['rail'], 'The body of bravo.'),
    });
    await expectWarmEqualsCold(dir, path.join(dir, 'dist'));
    const cache = path.join(dir, '.dateline-cache');
    // The index names no body; a segment holds each.
    expect(readFileSync(path.join(cache, 'build.v10')).includes('The body of alpha.')).toBe(false);
    const segments = readdirSync(path.join(cache, 'bodies')).filter((f) => f.endsWith('.seg'));
    expect(segments.map((f) => readFileSync(path.join(cache, 'bodies', f)).includes('The body of alpha.')).filter(Boolean)).toHaveLength(1);
    // CI: the cache is restored but the output folder is new, so every page is rendered from cached parses.
    await expectWarmEqualsCold(dir, path.join(mkdtempSync(path.join(tmpdir(), 'dateline-fresh-')), 'dist'));
    // A segment lost or cut short (a racing build, a partial restore): its articles are parsed again.
    for (const f of readdirSync(path.join(cache, 'bodies'))) writeFileSync(path.join(cache, 'bodies', f), 'cut');
    await expectWarmEqualsCold(dir, path.join(mkdtempSync(path.join(tmpdir(), 'dateline-fresh-')), 'dist'), /^note: the build cache was damaged \(a body segment\)/);
    expect(readFileSync(path.join(dir, 'dist', '2025/01/02/b/index.html'), 'utf8')).toContain('The body of bravo.');
  });

  it('a build with worker threads leaves each body in a segment as it parses, and the workers read it back to render', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 240; i++) files[`content/articles/a${i}.md`] = article(`Story ${i}`, `2025-0${1 + (i % 9)}-1${i % 10}`, [`t${i % 7}`], `## Part ${i}\n\nThe words of story ${i}.`);
    files['content/pages/about.md'] = md({ title: 'About Us' }, 'The page about us.');
    const dir = writeSite(files);
    const cache = path.join(dir, '.dateline-cache');
    const out = path.join(dir, 'dist');
    const r = await dateline(['build', dir, '--workers', '2', ...NOW]);
    expect(r.code).toBe(0);
    // One segment per worker, each with its share of the bodies, and none in the index.
    const segments = readdirSync(path.join(cache, 'bodies')).filter((f) => f.endsWith('.seg'));
    expect(segments).toHaveLength(2);
    const text = segments.map((f) => readFileSync(path.join(cache, 'bodies', f), 'latin1')).join('');
    for (let i = 0; i < 240; i += 37) expect(text).toContain(`The words of story ${i}.`);
    expect(readFileSync(path.join(cache, 'build.v10'), 'latin1')).not.toContain('The words of story');
    expect(readFileSync(path.join(out, '2025/03/11/a11/index.html'), 'utf8')).toMatch(/<h2[^>]*>Part 11<\/h2>\s*<p>The words of story 11\.<\/p>/);
    expect(readFileSync(path.join(out, 'about/index.html'), 'utf8')).toContain('The page about us.');
    // Byte for byte what a build without cache or workers makes, restored into a new folder or not.
    const single = path.join(mkdtempSync(path.join(tmpdir(), 'dateline-single-')), 'dist');
    await coldBuild(dir, single, { now: NOW_AT, workers: 0 });
    expect(tree(out)).toEqual(tree(single));
    const fresh = path.join(mkdtempSync(path.join(tmpdir(), 'dateline-fresh-')), 'dist');
    expect((await dateline(['build', dir, '--out', fresh, '--workers', '2', ...NOW])).code).toBe(0);
    expect(tree(fresh)).toEqual(tree(single));
    // The segments deleted (the cache cleared while a build restored from it): the workers parse
    // those articles again, and the cache forgets the places.
    for (const f of readdirSync(path.join(cache, 'bodies'))) rmSync(path.join(cache, 'bodies', f));
    const again = path.join(mkdtempSync(path.join(tmpdir(), 'dateline-again-')), 'dist');
    const rebuilt = await dateline(['build', dir, '--out', again, '--workers', '2', ...NOW]);
    expect(rebuilt.stderr).toBe('');
    expect(rebuilt.code).toBe(0);
    expect(tree(again)).toEqual(tree(single));
    expect(readFileSync(path.join(cache, 'build.v10'), 'latin1')).not.toMatch(/[0-9a-f]{16}\.seg/);
    // A build that fails leaves no segments behind (no index names them).
    writeFileSync(path.join(dir, 'content/articles/a7.md'), '---\ntitle: [unclosed\n---\nBody.');
    const failing = await dateline(['build', dir, '--workers', '2', '--cache-dir', path.join(dir, 'other-cache'), ...NOW]);
    expect(failing.code).toBe(1);
    expect(failing.stderr).toContain('a7.md');
    expect(readdirSync(path.join(dir, 'other-cache', 'bodies'))).toEqual([]);
    // A template that does not parse, met by a render worker (which loads Nunjucks only then):
    // said at its line, as without workers.
    writeFileSync(path.join(dir, 'content/articles/a7.md'), article('Story 7', '2025-08-17', ['t0'], 'Mended.'));
    mkdirSync(path.join(dir, 'templates', 'partials'), { recursive: true });
    writeFileSync(path.join(dir, 'templates', 'partials', 'footer.njk'), '<footer>\n{% if %}\n</footer>\n');
    const broken = await dateline(['build', dir, '--workers', '2', ...NOW]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('templates/partials/footer.njk:2');
    expect(broken.stderr).toContain('is not valid Nunjucks');
  }, LONG);

  it('renders a body-only edit from the last full build\'s plan, and takes the full path for anything else', async () => {
    const dir = writeSite({
      'content/articles/a.md': article('Alpha', '2025-01-01', ['rail'], 'The body of alpha.'),
      'content/articles/b.md': article('Bravo', '2025-01-02', ['rail'], 'The body of bravo.'),
    });
    const out = path.join(dir, 'dist');
    const json = async (args: string[] = []) => {
      const r = await dateline(['build', dir, '--json', ...NOW, ...args]);
      expect(r.code).toBe(0);
      return JSON.parse(r.stdout) as { timings: Record<string, number>; counts: { rendered: number } };
    };
    await json();
    // Nothing changed: nothing rendered, no model, no plan.
    const same = await json();
    expect(Object.keys(same.timings)).toContain('resume');
    expect(Object.keys(same.timings)).not.toContain('model');
    expect(same.counts.rendered).toBe(0);
    // The words of one article: its page and the site's three feeds.
    writeFileSync(path.join(dir, 'content/articles/a.md'), article('Alpha', '2025-01-01', ['rail'], 'New words for alpha.'));
    const edited = await json();
    expect(Object.keys(edited.timings)).not.toContain('model');
    expect(edited.counts.rendered).toBe(4);
    // And again: each edit builds on the last without the full path.
    writeFileSync(path.join(dir, 'content/articles/a.md'), article('Alpha', '2025-01-01', ['rail'], 'Newer words for alpha.'));
    const again = await json();
    expect(Object.keys(again.timings)).not.toContain('model');
    expect(again.counts.rendered).toBe(4);
    await expectWarmEqualsCold(dir, out);
    // Its title: the full path (listings show it).
    writeFileSync(path.join(dir, 'content/articles/a.md'), article('Alpha retitled', '2025-01-01', ['rail'], 'New words for alpha.'));
    expect(Object.keys((await json()).timings)).toContain('model');
    await expectWarmEqualsCold(dir, out);
    // A clock that moves an article out of the news sitemap's two days: the full path too.
    writeFileSync(path.join(dir, 'content/articles/b.md'), article('Bravo', '2025-12-31', ['rail'], 'Fresh news.'));
    await json();
    writeFileSync(path.join(dir, 'content/articles/b.md'), article('Bravo', '2025-12-31', ['rail'], 'Fresher news.'));
    const later = await json(['--now', '2026-01-03T00:00:00Z']);
    expect(Object.keys(later.timings)).toContain('model');
  });

  it('a warning somewhere in the archive does not stop the fast path; an edit that mends a story\'s own warning is seen', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 30; i++) files[`content/articles/a${i}.md`] = article(`Story ${i}`, `2025-0${1 + (i % 9)}-1${i % 10}`, [`t${i % 5}`], `Body ${i}.`);
    // An old story with a headline past 160 characters, and one with a Hugo shortcode: both warned.
    files['content/articles/a0.md'] = article(`Story 0 ${'and a very long headline '.repeat(7)}`, '2025-01-10', ['t0'], 'Body 0.');
    files['content/articles/a1.md'] = article('Story 1', '2025-02-11', ['t1'], 'Watch {{< youtube abc >}} here.');
    const dir = writeSite(files);
    const json = async () => {
      const r = await dateline(['build', dir, '--json', ...NOW]);
      expect(r.code).toBe(0);
      return JSON.parse(r.stdout) as { timings: Record<string, number>; counts: { rendered: number }; warnings: { code: string; file: string }[] };
    };
    const codes = (r: Awaited<ReturnType<typeof json>>) => r.warnings.map((w) => `${w.code} ${w.file}`).sort();
    expect(codes(await json())).toEqual(['LONG_HEADLINE content/articles/a0.md', 'SHORTCODE content/articles/a1.md']);
    // A body edit elsewhere: the last build's plan is resumed, and its warnings said again.
    writeFileSync(path.join(dir, 'content/articles/a7.md'), article('Story 7', '2025-08-17', ['t2'], 'New words for story seven.'));
    const edited = await json();
    expect(Object.keys(edited.timings)).toContain('resume');
    expect(codes(edited)).toEqual(['LONG_HEADLINE content/articles/a0.md', 'SHORTCODE content/articles/a1.md']);
    // The shortcode taken out: its warning goes (not said again from the plan), now and after.
    writeFileSync(path.join(dir, 'content/articles/a1.md'), article('Story 1', '2025-02-11', ['t1'], 'Watch the video on our channel.'));
    expect(codes(await json())).toEqual(['LONG_HEADLINE content/articles/a0.md']);
    const same = await json();
    expect(codes(same)).toEqual(['LONG_HEADLINE content/articles/a0.md']);
    expect(same.counts.rendered).toBe(0);
    expect(Object.keys(same.timings)).toContain('resume');
  });

  it('an edit writes what it changed as a delta beside the index, which the next build reads, and ignores one for another index', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 80; i++) files[`content/articles/a${i}.md`] = article(`Story ${i}`, `2025-0${1 + (i % 9)}-1${i % 10}`, [`t${i % 7}`], `Body ${i}.`);
    const dir = writeSite(files);
    const out = path.join(dir, 'dist');
    const cache = path.join(dir, '.dateline-cache');
    const json = async () => {
      const r = await dateline(['build', dir, '--json', ...NOW]);
      expect(r.code).toBe(0);
      return JSON.parse(r.stdout) as { timings: Record<string, number>; counts: { rendered: number } };
    };
    const edit = (i: number, words: string) => writeFileSync(path.join(dir, `content/articles/a${i}.md`), article(`Story ${i}`, `2025-0${1 + (i % 9)}-1${i % 10}`, [`t${i % 7}`], words));
    await json();
    const index = readFileSync(path.join(cache, 'build.v10'));
    expect(existsSync(path.join(cache, 'build.delta.v10'))).toBe(false);

    edit(3, 'New words for story three.');
    expect((await json()).counts.rendered).toBe(4);
    // The index is as the cold build wrote it; the delta holds the edit.
    expect(readFileSync(path.join(cache, 'build.v10')).equals(index)).toBe(true);
    const firstDelta = readFileSync(path.join(cache, 'build.delta.v10'));
    expect(firstDelta.length).toBeLessThan(index.length / 10);

    edit(4, 'New words for story four.');
    expect((await json()).counts.rendered).toBe(4);
    // Nothing changed since: both edits are known (from the delta), nothing is parsed or rendered.
    const same = await json();
    expect(Object.keys(same.timings)).toContain('resume');
    expect(same.counts.rendered).toBe(0);
    await expectWarmEqualsCold(dir, out);

    // A change of title takes the full path; it changed few entries too, so they go in the delta.
    writeFileSync(path.join(dir, 'content/articles/a5.md'), article('Story five, retitled', '2025-06-15', ['t5'], 'Body 5.'));
    expect(Object.keys((await json()).timings)).toContain('model');
    expect(readFileSync(path.join(cache, 'build.v10')).equals(index)).toBe(true);
    expect((await json()).counts.rendered).toBe(0);
    await expectWarmEqualsCold(dir, out);

    // An added story: one source and every listing page after it (more outputs than sources
    // would make a whole index): in the delta too.
    writeFileSync(path.join(dir, 'content/articles/newest.md'), article('Newest', '2025-09-30', ['t0'], 'Just in.'));
    expect((await json()).counts.rendered).toBeGreaterThan(64);
    expect(readFileSync(path.join(cache, 'build.v10')).equals(index)).toBe(true);
    expect((await json()).counts.rendered).toBe(0);
    await expectWarmEqualsCold(dir, out);

    // Many articles edited at once (more than 64): a whole index, and no delta.
    for (let i = 10; i < 78; i++) edit(i, `Other words for story ${i}.`);
    await json();
    expect(readFileSync(path.join(cache, 'build.v10')).equals(index)).toBe(false);
    expect(existsSync(path.join(cache, 'build.delta.v10'))).toBe(false);
    expect((await json()).counts.rendered).toBe(0);
    await expectWarmEqualsCold(dir, out);

    // A delta made for the old index is not applied to the new one: it would bring back story
    // three's first edit, and the build would take it for a change and render its page again.
    writeFileSync(path.join(cache, 'build.delta.v10'), firstDelta);
    const after = await json();
    expect(Object.keys(after.timings)).toContain('resume');
    expect(after.counts.rendered).toBe(0);
    await expectWarmEqualsCold(dir, out);
  });

  it('a delta holds at most a fifth of the outputs (640 at least): an added story that moves more listing pages than that writes a whole index', async () => {
    // 700 stories, three to a listing page, all in one section and by one author: the newest one
    // added moves every page of the home page's, the section's and the author's lists.
    const dir = stories(700, 7);
    const out = path.join(dir, 'dist');
    const cache = path.join(dir, '.dateline-cache');
    expect((await buildCounts(dir)).pages).toBeLessThan(640 * 5);
    const index = readFileSync(path.join(cache, 'build.v10'));
    writeFileSync(path.join(dir, 'content/articles/newest.md'), article('Newest', '2025-12-31', ['t0'], 'Just in.'));
    expect((await buildCounts(dir)).rendered).toBeGreaterThan(640);
    expect(readFileSync(path.join(cache, 'build.v10')).equals(index)).toBe(false);
    expect(existsSync(path.join(cache, 'build.delta.v10'))).toBe(false);
    await expectWarmEqualsCold(dir, out);
  });

  it('a cold build with worker threads writes its plan while the pages render, and the next edit resumes from it', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 260; i++) files[`content/articles/a${i}.md`] = article(`Story ${i}`, `2025-0${1 + (i % 9)}-1${i % 10}`, [`t${i % 7}`], `Body ${i}.`);
    const dir = writeSite(files);
    const out = path.join(dir, 'dist');
    const json = async () => {
      const r = await dateline(['build', dir, '--workers', '2', '--json', ...NOW]);
      expect(r.code).toBe(0);
      return JSON.parse(r.stdout) as { timings: Record<string, number>; counts: { rendered: number } };
    };
    const cold = await json();
    expect(cold.counts.rendered).toBeGreaterThan(260);
    // Written a step at a time between the workers' batches (cache/build-cache.ts, planStateSteps):
    // in place, and no temporary file of it left beside it.
    const cache = path.join(dir, '.dateline-cache');
    expect(readdirSync(cache).filter((f) => f.startsWith('plan.'))).toHaveLength(1);
    expect(readdirSync(cache).filter((f) => f.startsWith('.'))).toEqual([]);
    writeFileSync(path.join(dir, 'content/articles/a5.md'), article('Story 5', '2025-06-15', ['t5'], 'New words for story five.'));
    const edited = await json();
    expect(Object.keys(edited.timings)).toContain('resume');
    expect(Object.keys(edited.timings)).not.toContain('model');
    expect(edited.counts.rendered).toBeLessThan(10);
    expect(readFileSync(path.join(out, '2025/06/15/a5/index.html'), 'utf8')).toContain('New words for story five.');
    await expectWarmEqualsCold(dir, out);
  });

  it('a large rebuild in place (a template edit) stages pages beside their places: all or nothing, never half', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 260; i++) files[`content/articles/a${i}.md`] = article(`Story ${i}`, `2025-0${1 + (i % 9)}-1${i % 10}`, [`t${i % 7}`], `Body ${i}.`);
    files['templates/article.njk'] = '{% extends "base.njk" %}{% block main %}<h1>{{ article.title }}</h1>{{ article.html | safe }}{% endblock %}';
    const dir = writeSite(files);
    const out = path.join(dir, 'dist');
    const rebuild = (extra: string[] = []) => dateline(['build', dir, '--workers', '2', ...NOW, ...extra]);
    expect((await rebuild()).code).toBe(0);
    const listing = () => JSON.stringify([...tree(out).keys()]);
    const before = tree(out);

    // A template that fails on one article: exit 1, the folder exactly as it was, no staged file left.
    writeFileSync(path.join(dir, 'templates/article.njk'), '{% extends "base.njk" %}{% block main %}<h2>{{ article.title }}</h2>{% if article.slug == "a7" %}{{ nothing() }}{% endif %}{{ article.html | safe }}{% endblock %}');
    const broken = await rebuild();
    expect(broken.code).toBe(1);
    expect(tree(out)).toEqual(before);
    // And its mark, which the failed build put back: back to the old template, nothing to render.
    expect(readdirSync(out)).toContain('.dateline-build');
    writeFileSync(path.join(dir, 'templates/article.njk'), files['templates/article.njk']);
    expect(JSON.parse((await dateline(['build', dir, '--workers', '2', '--json', ...NOW])).stdout).counts.rendered).toBe(0);

    // The fixed template: every article page again, the same as a cold build.
    writeFileSync(path.join(dir, 'templates/article.njk'), '{% extends "base.njk" %}{% block main %}<h2>{{ article.title }}</h2>{{ article.html | safe }}{% endblock %}');
    const r = await dateline(['build', dir, '--workers', '2', '--json', ...NOW]);
    expect(JSON.parse(r.stdout).counts.rendered).toBeGreaterThanOrEqual(260);
    expect(listing()).toEqual(JSON.stringify([...before.keys()]));
    await expectWarmEqualsCold(dir, out);
    expect(readFileSync(path.join(out, '2025/01/10/a0/index.html'), 'utf8')).toContain('<h2>Story 0</h2>');
  });

  it('never resumes a plan older than the parses in the index (a watch session that ended on a failed build)', async () => {
    const dir = writeSite({
      'content/articles/a.md': article('Alpha', '2025-01-01', ['rail'], 'Alpha.'),
      'content/articles/b.md': article('Bravo', '2025-01-02', ['rail'], 'Bravo.'),
    });
    // The compiled builder, as `dateline serve` runs it: the cache is keyed by the code that made it.
    const lib = (await import(path.join(process.cwd(), 'lib/build.js'))) as { createBuilder: typeof createBuilder };
    const builder = lib.createBuilder({ siteDir: dir, now: '2026-01-01T00:00:00Z' });
    expect((await builder.build()).ok).toBe(true);
    // An edit that parses but fails the build: alpha takes bravo's URL.
    writeFileSync(path.join(dir, 'content/articles/a.md'), md({ title: 'Alpha', date: '2025-01-02', slug: 'b', author: 'Ran Zheng', tags: ['rail'], section: 'Business', summary: 'Alpha.' }, 'Alpha.'));
    expect((await builder.build([{ type: 'change', path: 'content/articles/a.md' }])).ok).toBe(false);
    await builder.close();
    const r = await cli(['build', dir, ...NOW]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('URL_COLLISION');
  });

  it('takes the full path when the clock goes back (an expired article returns)', async () => {
    const dir = writeSite({
      'content/articles/a.md': md({ title: 'Alpha', date: '2025-01-01', expires: '2025-06-01', author: 'Ran Zheng', summary: 'Alpha.' }, 'Alpha.'),
      'content/articles/b.md': article('Bravo', '2025-01-02', ['rail'], 'Bravo.'),
    });
    const out = path.join(dir, 'dist');
    expect((await dateline(['build', dir, '--now', '2025-07-01T00:00:00Z'])).code).toBe(0);
    expect(existsSync(path.join(out, '2025/01/01/a/index.html'))).toBe(false);
    expect((await dateline(['build', dir, '--now', '2025-05-01T00:00:00Z'])).code).toBe(0);
    expect(existsSync(path.join(out, '2025/01/01/a/index.html'))).toBe(true);
  });

  it('renders again the pages that show the year when the new year comes in the site\'s time zone, not in UTC', async () => {
    // The test config's zone is Asia/Shanghai (UTC+8): at 01:00 on 1 January there, UTC is still in
    // the old year. Nothing else changes between the two builds.
    const dir = writeSite({ 'content/articles/a.md': article('Alpha', '2026-12-01', ['rail'], 'Alpha.') });
    const out = path.join(dir, 'dist');
    expect((await dateline(['build', dir, '--now', '2026-12-31T20:00:00+08:00'])).code).toBe(0);
    expect(readFileSync(path.join(out, 'index.html'), 'utf8')).toContain('© 2026 Test Herald');
    const now = ['--now', '2027-01-01T01:00:00+08:00'];
    expect((await dateline(['build', dir, ...now])).code).toBe(0);
    const coldOut = path.join(mkdtempSync(path.join(tmpdir(), 'dateline-cold-')), 'dist');
    await coldBuild(dir, coldOut, { now: now[1] });
    expect(readFileSync(path.join(coldOut, 'index.html'), 'utf8')).toContain('© 2027 Test Herald');
    expect(tree(out)).toEqual(tree(coldOut));
  });

  it('trusts an output folder restored beside the cache (CI): a copy with the mark, not the same folder', async () => {
    const dir = stories(12, 3);
    const out = path.join(dir, 'dist');
    const cold = await buildCounts(dir);
    expect(cold.rendered).toBe(cold.pages);
    expect(readdirSync(out)).toContain('.dateline-build');
    // What actions/cache does: the folder comes back as a new copy (a new inode), mark and all.
    renameSync(out, `${out}.saved`);
    cpSync(`${out}.saved`, out, { recursive: true });
    rmSync(`${out}.saved`, { recursive: true });
    writeFileSync(path.join(dir, 'content/articles/a3.md'), article('Story 3', '2025-04-13', ['t0'], 'New words.'));
    const edited = await buildCounts(dir);
    expect(edited.rendered).toBeLessThan(10);
    await expectWarmEqualsCold(dir, out);
    // A copy whose mark says no record holds (a build stopped while writing into it) renders everything.
    writeFileSync(path.join(out, '.dateline-build'), 'built\n');
    writeFileSync(path.join(dir, 'content/articles/a3.md'), article('Story 3', '2025-04-13', ['t0'], 'Newer words.'));
    const unmarked = await buildCounts(dir);
    expect(unmarked.rendered).toBe(unmarked.pages);
    // The manifest lists the site, not the mark.
    const manifest = path.join(dir, 'manifest.json');
    expect((await dateline(['build', dir, '--manifest', manifest, ...NOW])).code).toBe(0);
    const listed = (JSON.parse(readFileSync(manifest, 'utf8')) as { files: { path: string }[] }).files.map((f) => f.path);
    expect(listed).toContain('index.html');
    expect(listed).not.toContain('.dateline-build');
  });

  // On a large site the stat thread hashes the files with the build's thread (StatThread.hashTogether); DATELINE_TEST_STAT_THREAD makes this one do so.
  it.each([['', {}], [', the files hashed on the stat thread too', { DATELINE_TEST_STAT_THREAD: '1' }]])('a fresh checkout (every file with a new time) reads the files by their hashes: only the one whose words changed is parsed, and the edit takes the fast path%s', async (_, env) => {
    // More stories than the fast path parses again (MAX_RESUMED_EDITS): were the others not known by their hashes, it would not be taken.
    // And more than a delta of the cache holds whole (64): their new times go in it apart.
    const dir = stories(70, 5);
    const out = path.join(dir, 'dist');
    const first = await cli(['build', dir, '--json', ...NOW], { env });
    expect(first.code).toBe(0);
    expect((JSON.parse(first.stdout) as { counts: { rendered: number } }).counts.rendered).toBeGreaterThan(60);
    const index = path.join(dir, '.dateline-cache', 'build.v10');
    const indexBefore = statSync(index).ino;
    // As git clone leaves them: every file newer than the cache's record, and one story's words changed, to the same length.
    const later = new Date(Date.now() + 60_000);
    writeFileSync(path.join(dir, 'content/articles/a7.md'), article('Story 7', '2025-08-17', ['t2'], 'Body X.'));
    for (const name of readdirSync(path.join(dir, 'content/articles'))) utimesSync(path.join(dir, 'content/articles', name), later, later);
    const r = await cli(['build', dir, '--json', ...NOW], { env });
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout) as { counts: { rendered: number }; timings: Record<string, number> };
    expect(Object.keys(summary.timings)).toContain('resume');
    expect(Object.keys(summary.timings)).not.toContain('model');
    expect(summary.counts.rendered).toBeLessThan(5);
    expect(readFileSync(path.join(out, '2025/08/17/a7/index.html'), 'utf8')).toContain('Body X.');
    // The files' new times went into the delta beside the index, not into a whole new index (12 MB at 10,000 articles).
    expect(statSync(index).ino).toBe(indexBefore);
    await expectWarmEqualsCold(dir, out, undefined, cli);
    // Another checkout and edit on top of that delta: the times it holds, and the new ones, read right.
    const later2 = new Date(Date.now() + 120_000);
    writeFileSync(path.join(dir, 'content/articles/a9.md'), article('Story 9', '2025-01-19', ['t4'], 'Body Y.'));
    for (const name of readdirSync(path.join(dir, 'content/articles'))) utimesSync(path.join(dir, 'content/articles', name), later2, later2);
    const again = await cli(['build', dir, '--json', ...NOW], { env });
    expect(again.code).toBe(0);
    expect(Object.keys((JSON.parse(again.stdout) as { timings: Record<string, number> }).timings)).toContain('resume');
    expect(statSync(index).ino).toBe(indexBefore);
    await expectWarmEqualsCold(dir, out, undefined, cli);
  });

  it('a fresh checkout of static files too: those whose bytes are the copy\'s are not copied again and the edit takes the fast path; one edited to the same size is copied', async () => {
    const dir = stories(12, 3);
    const out = path.join(dir, 'dist');
    const lead = photo();
    writeFileSync(path.join(dir, 'content/articles/a4.md'), article('Story 4', '2025-05-14', ['t1'], `![Harbour](/images/harbour.jpg)\n\nBody 4.`));
    mkdirSync(path.join(dir, 'static/images'), { recursive: true });
    mkdirSync(path.join(dir, 'static/files'), { recursive: true });
    writeFileSync(path.join(dir, 'static/images/harbour.jpg'), lead);
    writeFileSync(path.join(dir, 'static/files/report.txt'), 'Quarterly figures: 12.\n');
    writeFileSync(path.join(dir, 'static/files/rates.txt'), 'Rates: 3.1%\n');
    expect((await buildCounts(dir)).rendered).toBeGreaterThan(12);
    const copies = ['images/harbour.jpg', 'files/report.txt', 'files/rates.txt'].map((p) => path.join(out, p));
    const inodes = () => copies.map((f) => statSync(f).ino);
    const before = inodes();
    // As git clone leaves a site: every file of it newer than the cache's record. One story edited.
    const everyFile = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.name === 'dist' || e.name === '.dateline-cache' ? [] : e.isDirectory() ? everyFile(path.join(d, e.name)) : [path.join(d, e.name)]));
    const touchAll = (at: Date) => {
      for (const f of everyFile(dir)) utimesSync(f, at, at);
    };
    writeFileSync(path.join(dir, 'content/articles/a7.md'), article('Story 7', '2025-08-17', ['t1'], 'Body X.'));
    touchAll(new Date(Date.now() + 60_000));
    const json = async () => {
      const r = await dateline(['build', dir, '--json', ...NOW]);
      expect(r.code).toBe(0);
      return JSON.parse(r.stdout) as { counts: { rendered: number }; timings: Record<string, number> };
    };
    const fresh = await json();
    expect(Object.keys(fresh.timings)).toContain('resume');
    expect(Object.keys(fresh.timings)).not.toContain('model');
    expect(fresh.counts.rendered).toBeLessThan(5);
    expect(inodes()).toEqual(before);
    expect(readFileSync(path.join(out, '2025/08/17/a7/index.html'), 'utf8')).toContain('Body X.');
    await expectWarmEqualsCold(dir, out);
    // The record took the new times: the next build compares no bytes and copies nothing.
    expect(Object.keys((await json()).timings)).toContain('resume');
    expect(inodes()).toEqual(before);
    // Another file of the same size, with a new time: copied, and the pages planned again.
    writeFileSync(path.join(dir, 'static/files/report.txt'), 'Quarterly figures: 13.\n');
    touchAll(new Date(Date.now() + 120_000));
    const edited = await json();
    expect(Object.keys(edited.timings)).not.toContain('resume');
    expect(readFileSync(copies[1], 'utf8')).toBe('Quarterly figures: 13.\n');
    expect(statSync(copies[0]).ino).toBe(before[0]);
    // A copy in the folder that is a link, to a file with the right bytes, is no copy: it is
    // copied again as a file once its source has a new time.
    rmSync(copies[2]);
    symlinkSync(path.join(dir, 'static/files/rates.txt'), copies[2]);
    touchAll(new Date(Date.now() + 180_000));
    await json();
    expect(lstatSync(copies[2]).isFile()).toBe(true);
    await expectWarmEqualsCold(dir, out);
    // Only the static files with new times: the records take them, and the cache is saved so.
    const delta = path.join(dir, '.dateline-cache', 'build.delta.v10');
    const saved = existsSync(delta) ? readFileSync(delta) : undefined;
    for (const f of everyFile(path.join(dir, 'static'))) utimesSync(f, new Date(Date.now() + 240_000), new Date(Date.now() + 240_000));
    expect(Object.keys((await json()).timings)).toContain('resume');
    expect(readFileSync(delta).equals(saved ?? Buffer.alloc(0))).toBe(false);
    expect(inodes()[0]).toBe(before[0]);
    if (process.platform !== 'win32') {
      // A FIFO where a copy should be is no copy, and is not waited on: opened, it would hold
      // the build until something wrote to it.
      rmSync(copies[1]);
      execFileSync('mkfifo', [copies[1]]);
      // A source whose permissions changed (as a checkout may give them): its copy has them too.
      chmodSync(path.join(dir, 'static/images/harbour.jpg'), 0o600);
      touchAll(new Date(Date.now() + 300_000));
      await json();
      expect(lstatSync(copies[1]).isFile()).toBe(true);
      expect(readFileSync(copies[1], 'utf8')).toBe('Quarterly figures: 13.\n');
      expect(statSync(copies[0]).mode & 0o777).toBe(0o600);
      await expectWarmEqualsCold(dir, out);
    }
  });

  it('renders every page when another build replaced the output folder since (a --no-cache build with drafts)', async () => {
    const dir = stories(12, 3);
    writeFileSync(path.join(dir, 'content/articles/draft.md'), md({ title: 'Unpublished', date: '2025-09-20', author: 'Ran Zheng', tags: ['t0'], section: 'Business', draft: true }, 'Not yet.'));
    const out = path.join(dir, 'dist');
    const cold = await buildCounts(dir);
    expect(cold.rendered).toBe(cold.pages);
    // Another build, which neither reads nor writes the cache, puts its own site in the folder.
    expect((await dateline(['build', dir, '--no-cache', '--drafts', ...NOW])).code).toBe(0);
    expect(existsSync(path.join(out, '2025/09/20/draft/index.html'))).toBe(true);
    // The cache's record of what it wrote there no longer holds: everything is written again,
    // and the draft's page and mentions go.
    const next = await buildCounts(dir);
    expect(next.rendered).toBe(next.pages);
    expect(existsSync(path.join(out, '2025/09/20/draft/index.html'))).toBe(false);
    await expectWarmEqualsCold(dir, out);
  });

  it('an added article renders the pages it changes, not every page whose views moved in the table', async () => {
    const dir = stories(24, 4);
    const out = path.join(dir, 'dist');
    const cold = await buildCounts(dir);
    expect(cold.rendered).toBe(cold.pages);
    const oldPage = path.join(out, '2025/01/10/a0/index.html');
    const oldBytes = readFileSync(oldPage, 'utf8');
    // The newest article comes first in the view table: every other view's place moves by one.
    writeFileSync(path.join(dir, 'content/articles/newest.md'), md({ title: 'Breaking', date: '2025-12-31', author: 'New Reporter', tags: ['fresh'], section: 'Business' }, 'Just in.'));
    const added = await buildCounts(dir);
    expect(added.pages).toBeGreaterThan(cold.pages);
    // Its page, tag and author pages, the listings it shifts, its neighbour, the feeds, sitemaps
    // and indexes: not the pages of the articles it shares nothing with (every page before).
    expect(added.rendered).toBeLessThan(added.pages / 2);
    expect(readFileSync(oldPage, 'utf8')).toBe(oldBytes);
    // One in the middle of the archive, in the section every article is in and with a tag a
    // quarter of them have: the listings after it shift, and it joins related blocks.
    writeFileSync(path.join(dir, 'content/articles/middle.md'), article('Middle', '2025-05-15', ['t1'], 'In between.'));
    const middle = await buildCounts(dir);
    expect(middle.rendered).toBeLessThan(middle.pages * 0.75);
    await expectWarmEqualsCold(dir, out);
  });

  it('tells a front-matter .nan or .inf from null, which JSON writes alike', async () => {
    const scored = (score: string) => `---\ntitle: Alpha\ndate: 2025-01-01\nauthor: Ran Zheng\ntags: [rail]\nscore: ${score}\n---\n\nBody.\n`;
    const dir = writeSite({
      'content/articles/a.md': scored('.nan'),
      'content/articles/b.md': article('Bravo', '2025-01-02', ['rail']),
      'templates/tag.njk': '{% extends "base.njk" %}{% block main %}{% for a in items %}<p>{{ a.title }} [{{ a.extra.score }}]</p>{% endfor %}{% endblock %}',
    });
    const out = path.join(dir, 'dist');
    await expectWarmEqualsCold(dir, out);
    expect(readFileSync(path.join(out, 'tags/rail/index.html'), 'utf8')).toContain('Alpha [NaN]');
    // Only the field's value changed: neither a body-only edit nor an unchanged listing.
    writeFileSync(path.join(dir, 'content/articles/a.md'), scored('null'));
    await expectWarmEqualsCold(dir, out);
    expect(readFileSync(path.join(out, 'tags/rail/index.html'), 'utf8')).toContain('Alpha []');
    writeFileSync(path.join(dir, 'content/articles/a.md'), scored('.inf'));
    await expectWarmEqualsCold(dir, out);
    expect(readFileSync(path.join(out, 'tags/rail/index.html'), 'utf8')).toContain('Alpha [Infinity]');
  });

  it('a story withdrawn and un-withdrawn: each cached build equals a cold one, the page and its photo follow, and a body edit while withdrawn shows nothing of it', async () => {
    const bundle = 'content/articles/2025/inquiry';
    const inquiry = (withdrawn: string, body = 'The ledger shows payments.') => md(`title: Councillor took bribes\ndate: 2025-03-02\nauthor: Ran Zheng\ntags: [rail]\nsection: Business\nimage: {src: photo.jpg, alt: The ledger}\naliases: ['/old/inquiry/']\n${withdrawn}`, body);
    const dir = writeSite({
      'content/articles/a.md': article('Alpha', '2025-03-01', ['rail']),
      'content/articles/b.md': article('Bravo', '2025-03-03', ['rail']),
      [`${bundle}/index.md`]: inquiry(''),
      [`${bundle}/photo.jpg`]: photo(),
    });
    const out = path.join(dir, 'dist');
    const page = () => readFileSync(path.join(out, '2025/03/02/inquiry/index.html'), 'utf8');
    const json = async () => {
      const r = await dateline(['build', dir, '--json', ...NOW]);
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout) as { timings: Record<string, number>; counts: { rendered: number } };
    };
    await expectWarmEqualsCold(dir, out);
    expect(page()).toContain('The ledger shows payments.');
    // Withdrawn: the full path; the page is the notice, the photo gone, the story off the listings and feeds.
    writeFileSync(path.join(dir, bundle, 'index.md'), inquiry('withdrawn: This article has been removed for legal reasons.'));
    expect(Object.keys((await json()).timings)).toContain('model');
    expect(page()).toContain('This article has been removed for legal reasons.');
    expect(page()).not.toContain('ledger');
    expect(existsSync(path.join(out, '2025/03/02/inquiry/photo.jpg'))).toBe(false);
    expect(readFileSync(path.join(out, 'tags/rail/index.html'), 'utf8')).not.toContain('Councillor');
    expect(readFileSync(path.join(out, 'feed.xml'), 'utf8')).not.toContain('Councillor');
    await expectWarmEqualsCold(dir, out);
    // Its words edited while withdrawn: the body-edit fast path, which renders nothing (no page shows them).
    writeFileSync(path.join(dir, bundle, 'index.md'), inquiry('withdrawn: This article has been removed for legal reasons.', 'Softer words about the ledger.'));
    const quiet = await json();
    expect(Object.keys(quiet.timings)).not.toContain('model');
    expect(quiet.counts.rendered).toBe(0);
    expect([...tree(out).values()].some((text) => text.includes('Softer words'))).toBe(false);
    await expectWarmEqualsCold(dir, out);
    // Another notice: the page says it.
    writeFileSync(path.join(dir, bundle, 'index.md'), inquiry('withdrawn: true', 'Softer words about the ledger.'));
    await json();
    expect(page()).toContain('This article has been removed.');
    await expectWarmEqualsCold(dir, out);
    // Un-withdrawn: the story, its photo and its listings again.
    writeFileSync(path.join(dir, bundle, 'index.md'), inquiry('', 'Softer words about the ledger.'));
    await json();
    expect(page()).toContain('Softer words about the ledger.');
    expect(existsSync(path.join(out, '2025/03/02/inquiry/photo.jpg'))).toBe(true);
    expect(readFileSync(path.join(out, 'tags/rail/index.html'), 'utf8')).toContain('Councillor');
    await expectWarmEqualsCold(dir, out);
  });

  it('a template edit re-renders the pages that template can affect: a page template its own pages, a partial every page', async () => {
    const dir = stories(12, 3);
    const out = path.join(dir, 'dist');
    const cold = await buildCounts(dir);
    const tagPages = [...tree(out).keys()].filter((p) => /^tags\/[^/]+\/(page\/\d+\/)?index\.html$/.test(p)).length;
    expect(tagPages).toBeGreaterThanOrEqual(3);
    // The site overrides the theme's tag page template: the tag pages, nothing else.
    mkdirSync(path.join(dir, 'templates'), { recursive: true });
    writeFileSync(path.join(dir, 'templates/tag.njk'), '{% extends "base.njk" %}{% block main %}<h1>Tagged {{ term.name }}</h1>{% endblock %}');
    expect((await buildCounts(dir)).rendered).toBe(tagPages);
    expect(readFileSync(path.join(out, 'tags/t1/index.html'), 'utf8')).toContain('Tagged t1');
    await expectWarmEqualsCold(dir, out);
    // Edited again.
    writeFileSync(path.join(dir, 'templates/tag.njk'), '{% extends "base.njk" %}{% block main %}<h1>Tag: {{ term.name }}</h1>{% endblock %}');
    expect((await buildCounts(dir)).rendered).toBe(tagPages);
    // A partial every page includes: every page.
    mkdirSync(path.join(dir, 'templates/partials'), { recursive: true });
    writeFileSync(path.join(dir, 'templates/partials/footer.njk'), '<footer>A new footer</footer>');
    expect((await buildCounts(dir)).rendered).toBe(cold.pages);
    await expectWarmEqualsCold(dir, out);
    // The override removed: the theme's template again, for the tag pages.
    rmSync(path.join(dir, 'templates/tag.njk'));
    expect((await buildCounts(dir)).rendered).toBe(tagPages);
    await expectWarmEqualsCold(dir, out);
  });
});

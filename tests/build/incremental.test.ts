import { cpSync, utimesSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, unlinkSync, renameSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { build, createBuilder, type Builder } from '../../src/build.js';
import { md, writeSite, tree } from '../helpers/site.js';
import { PACKAGE_ROOT } from '../../src/paths.js';

const NOW = '2026-01-01T00:00:00Z';


function article(title: string, date: string, tags: string[], body = 'Body text.', extra: Record<string, unknown> = {}) {
  return md({ title, date, author: 'Ran Zheng', tags, section: 'Business', summary: `${title} summary`, ...extra }, body);
}

const builders: Builder[] = [];
afterEach(async () => {
  await Promise.all(builders.splice(0).map((b) => b.close()));
});

function setup(files: Record<string, string>) {
  const dir = writeSite(files);
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'dateline-inc-')), 'dist');
  const builder = createBuilder({ siteDir: dir, outDir: out, now: NOW });
  builders.push(builder);
  const write = (rel: string, text: string) => {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  };
  /** A fresh full build of the same sources, to compare with. */
  const fullBuild = async () => {
    const fresh = path.join(mkdtempSync(path.join(tmpdir(), 'dateline-full-')), 'dist');
    const r = await build({ siteDir: dir, outDir: fresh, now: NOW });
    expect(r.ok).toBe(true);
    return tree(fresh);
  };
  return { dir, out, builder, write, fullBuild };
}

const base = () => ({
  'content/articles/a.md': article('Alpha', '2025-01-01', ['rail', 'port']),
  'content/articles/b.md': article('Bravo', '2025-01-02', ['rail']),
  'content/articles/c.md': article('Charlie', '2025-01-03', ['weather']),
  'content/articles/d.md': article('Delta', '2025-02-04', ['port']),
  'content/pages/about-us.md': md({ title: 'About Us' }, 'We are a newsroom.'),
});

describe('incremental rebuilds', () => {
  it('re-parses only the edited file and re-renders only its page when the body changes', async () => {
    const s = setup(base());
    const first = await s.builder.build();
    expect(first.ok).toBe(true);
    expect(first.renderCount).toBe(first.pagesWritten);
    s.write('content/articles/b.md', article('Bravo', '2025-01-02', ['rail'], 'A new second paragraph.'));
    const second = await s.builder.build([{ type: 'change', path: 'content/articles/b.md' }]);
    expect(second.ok).toBe(true);
    expect(second.parseCount).toBe(1);
    // Its page, and the site's RSS, Atom and JSON feeds, which carry full bodies.
    expect(second.renderCount).toBe(4);
    expect(readFileSync(path.join(s.out, '2025/01/02/b/index.html'), 'utf8')).toContain('A new second paragraph.');
    expect(tree(s.out)).toEqual(await s.fullBuild());
  });

  it('writes the whole site again when the output folder was deleted or replaced since the last rebuild', async () => {
    for (const edit of ['body', 'title'] as const) {
      const s = setup({ ...base(), 'static/images/a.txt': 'static' });
      expect((await s.builder.build()).ok).toBe(true);
      // `rm -rf dist` in another terminal while `serve` runs.
      rmSync(s.out, { recursive: true, force: true });
      s.write('content/articles/b.md', article(edit === 'title' ? 'Bravo renamed' : 'Bravo', '2025-01-02', ['rail'], 'A new second paragraph.'));
      const again = await s.builder.build([{ type: 'change', path: 'content/articles/b.md' }]);
      expect(again.ok, edit).toBe(true);
      expect(again.renderCount, edit).toBe(again.pagesWritten);
      expect(tree(s.out), edit).toEqual(await s.fullBuild());
      expect(existsSync(path.join(s.out, 'images/a.txt')), edit).toBe(true);
    }
  });

  it('drops what another build left in a folder that replaced its own (a --drafts preview\'s draft page)', async () => {
    const s = setup({ ...base(), 'static/images/a.txt': 'static' });
    expect((await s.builder.build()).ok).toBe(true);
    // `dateline build --drafts` in another terminal: a new folder, with a draft's page in it.
    const preview = `${s.out}.preview`;
    cpSync(s.out, preview, { recursive: true });
    mkdirSync(path.join(preview, '2025/09/09/secret'), { recursive: true });
    writeFileSync(path.join(preview, '2025/09/09/secret/index.html'), 'a draft');
    rmSync(s.out, { recursive: true, force: true });
    renameSync(preview, s.out);
    s.write('content/articles/b.md', article('Bravo', '2025-01-02', ['rail'], 'A new second paragraph.'));
    const again = await s.builder.build([{ type: 'change', path: 'content/articles/b.md' }]);
    expect(again.ok).toBe(true);
    expect(existsSync(path.join(s.out, '2025/09/09/secret'))).toBe(false);
    expect(tree(s.out)).toEqual(await s.fullBuild());
  });

  it('re-renders the listings that show a changed title, and nothing that does not', async () => {
    const s = setup(base());
    const first = await s.builder.build();
    s.write('content/articles/c.md', article('Charlie renamed', '2025-01-03', ['weather']));
    const second = await s.builder.build([{ type: 'change', path: 'content/articles/c.md' }]);
    expect(second.renderCount).toBeGreaterThan(1);
    expect(second.renderCount).toBeLessThan(first.pagesWritten);
    expect(readFileSync(path.join(s.out, 'tags/weather/index.html'), 'utf8')).toContain('Charlie renamed');
    expect(readFileSync(path.join(s.out, 'index.html'), 'utf8')).toContain('Charlie renamed');
    expect(tree(s.out)).toEqual(await s.fullBuild());
  });

  it('removes a deleted article everywhere, and the page of a tag that lost its last article', async () => {
    const s = setup(base());
    await s.builder.build();
    expect(statSync(path.join(s.out, 'tags/weather/index.html')).isFile()).toBe(true);
    unlinkSync(path.join(s.dir, 'content/articles/c.md'));
    const r = await s.builder.build([{ type: 'unlink', path: 'content/articles/c.md' }]);
    expect(r.ok).toBe(true);
    const files = tree(s.out);
    expect(files.has('2025/01/03/c/index.html')).toBe(false);
    expect(files.has('tags/weather/index.html')).toBe(false);
    expect(files.get('index.html')).not.toContain('Charlie');
    expect(files).toEqual(await s.fullBuild());
  });

  it('gives a new tag its page, and follows a renamed file', async () => {
    const s = setup(base());
    await s.builder.build();
    s.write('content/articles/e.md', article('Echo', '2025-03-01', ['festivals']));
    renameSync(path.join(s.dir, 'content/articles/a.md'), path.join(s.dir, 'content/articles/alpha.md'));
    const r = await s.builder.build([
      { type: 'add', path: 'content/articles/e.md' },
      { type: 'unlink', path: 'content/articles/a.md' },
      { type: 'add', path: 'content/articles/alpha.md' },
    ]);
    expect(r.ok).toBe(true);
    expect(r.parseCount).toBe(2);
    const files = tree(s.out);
    expect(files.get('tags/festivals/index.html')).toContain('Echo');
    expect(files.has('2025/01/01/a/index.html')).toBe(false);
    expect(files.has('2025/01/01/alpha/index.html')).toBe(true);
    expect(files).toEqual(await s.fullBuild());
  });

  it('re-renders only the pages of an edited page template, and every page for an edited partial', async () => {
    const files = base();
    const s = setup({ ...files, 'templates/tag.njk': '{% extends "base.njk" %}{% block main %}<h1>{{ term.name }}</h1>{% endblock %}' });
    await s.builder.build();
    s.write('templates/tag.njk', '{% extends "base.njk" %}{% block main %}<h1>Tag: {{ term.name }}</h1>{% endblock %}');
    const r = await s.builder.build([{ type: 'change', path: 'templates/tag.njk' }]);
    expect(r.renderCount).toBe(3);
    expect(readFileSync(path.join(s.out, 'tags/rail/index.html'), 'utf8')).toContain('Tag: rail');
    s.write('templates/partials/footer.njk', '<footer>New footer</footer>');
    const r2 = await s.builder.build([{ type: 'add', path: 'templates/partials/footer.njk' }]);
    expect(r2.renderCount).toBe(r2.pagesWritten);
    expect(readFileSync(path.join(s.out, '2025/01/01/a/index.html'), 'utf8')).toContain('New footer');
    expect(tree(s.out)).toEqual(await s.fullBuild());
  });

  it('keeps the last good output when an edit breaks, and recovers on the next good save', async () => {
    const s = setup(base());
    await s.builder.build();
    const before = tree(s.out);
    s.write('content/articles/b.md', '---\ntitle: [unclosed\n---\n');
    const bad = await s.builder.build([{ type: 'change', path: 'content/articles/b.md' }]);
    expect(bad.ok).toBe(false);
    expect(bad.diagnostics[0].file).toBe('content/articles/b.md');
    expect(tree(s.out)).toEqual(before);
    s.write('content/articles/b.md', article('Bravo fixed', '2025-01-02', ['rail']));
    const good = await s.builder.build([{ type: 'change', path: 'content/articles/b.md' }]);
    expect(good.ok).toBe(true);
    expect(tree(s.out)).toEqual(await s.fullBuild());
  });

  it('a full rebuild that fails keeps the record of the folder: a page deleted meanwhile still goes once the site builds', async () => {
    const s = setup(base());
    expect((await s.builder.build()).ok).toBe(true);
    s.write('content/articles/a.md', '---\ntitle: [unclosed\n---\n');
    expect((await s.builder.build([{ type: 'change', path: 'content/articles/a.md' }])).ok).toBe(false);
    // A config edit (a full rebuild) while a.md is broken, then a delete: both fail.
    s.write('dateline.config.ts', readFileSync(path.join(s.dir, 'dateline.config.ts'), 'utf8').replace("title: 'Test Herald'", "title: 'Renamed Herald'"));
    expect((await s.builder.build([{ type: 'change', path: 'dateline.config.ts' }])).ok).toBe(false);
    unlinkSync(path.join(s.dir, 'content/articles/b.md'));
    expect((await s.builder.build([{ type: 'unlink', path: 'content/articles/b.md' }])).ok).toBe(false);
    expect(existsSync(path.join(s.out, '2025/01/02/b/index.html'))).toBe(true);
    s.write('content/articles/a.md', article('Alpha', '2025-01-01', ['rail', 'port']));
    expect((await s.builder.build([{ type: 'change', path: 'content/articles/a.md' }])).ok).toBe(true);
    expect(existsSync(path.join(s.out, '2025/01/02/b/index.html'))).toBe(false);
    expect(tree(s.out)).toEqual(await s.fullBuild());
  });

  it('copies a changed static file alone', async () => {
    const s = setup({ ...base(), 'static/images/a.txt': 'one' });
    await s.builder.build();
    s.write('static/images/a.txt', 'two');
    const r = await s.builder.build([{ type: 'change', path: 'static/images/a.txt' }]);
    expect(r.renderCount).toBe(0);
    expect(readFileSync(path.join(s.out, 'images/a.txt'), 'utf8')).toBe('two');
    // Replaced by a file of the same size and time (`cp -p`, a zip's times): copied all the same.
    const file = path.join(s.dir, 'static/images/a.txt');
    const when = new Date('2024-05-01T12:00:00Z');
    utimesSync(file, when, when);
    await s.builder.build([{ type: 'change', path: 'static/images/a.txt' }]);
    s.write('static/images/a.txt', 'six');
    utimesSync(file, when, when);
    await s.builder.build([{ type: 'change', path: 'static/images/a.txt' }]);
    expect(readFileSync(path.join(s.out, 'images/a.txt'), 'utf8')).toBe('six');
  });

  it('a full rebuild in a session (an embargo timer) never trusts the cache\'s record from before the session\'s edits', async () => {
    const s = setup(base());
    // The cache on disk: written by a one-shot build, before the session.
    expect((await build({ siteDir: s.dir, outDir: s.out, now: NOW })).ok).toBe(true);
    expect((await s.builder.build()).ok).toBe(true);
    s.write('content/articles/a.md', article('Alpha', '2025-01-01', ['rail', 'port'], 'Words of the session.'));
    expect((await s.builder.build([{ type: 'change', path: 'content/articles/a.md' }])).ok).toBe(true);
    expect(readFileSync(path.join(s.out, '2025/01/01/a/index.html'), 'utf8')).toContain('Words of the session.');
    // Back to what the cache on disk knows, then a full rebuild, as the schedule asks for.
    s.write('content/articles/a.md', article('Alpha', '2025-01-01', ['rail', 'port']));
    const again = await s.builder.build();
    expect(again.ok).toBe(true);
    expect(readFileSync(path.join(s.out, '2025/01/01/a/index.html'), 'utf8')).not.toContain('Words of the session.');
    // From the session's own record: the pages that carry the body, not every page.
    expect(again.renderCount).toBeGreaterThan(0);
    expect(again.renderCount).toBeLessThan(again.pagesWritten / 2);
    expect(tree(s.out)).toEqual(await s.fullBuild());
    // A folder deleted under the session: the next full rebuild writes all of it again.
    rmSync(s.out, { recursive: true });
    const anew = await s.builder.build();
    expect(anew.renderCount).toBe(anew.pagesWritten);
    expect(tree(s.out)).toEqual(await s.fullBuild());
  });

  it('rebuilds everything when the config changes', async () => {
    const s = setup(base());
    await s.builder.build();
    const cfg = readFileSync(path.join(s.dir, 'dateline.config.ts'), 'utf8').replace("title: 'Test Herald'", "title: 'Renamed Herald'");
    s.write('dateline.config.ts', cfg);
    const r = await s.builder.build([{ type: 'change', path: 'dateline.config.ts' }]);
    expect(r.renderCount).toBe(r.pagesWritten);
    expect(readFileSync(path.join(s.out, 'index.html'), 'utf8')).toContain('Renamed Herald');
    expect(tree(s.out)).toEqual(await s.fullBuild());
  });
});

describe('worker threads', () => {
  it('write exactly what a single-threaded build writes', async () => {
    const { makeCorpus } = await import('../../bench/corpus.mjs');
    const dir = mkdtempSync(path.join(tmpdir(), 'dateline-pool-'));
    makeCorpus({ articles: 400, out: dir });
    // An editor's field shaped like the references a job carries to a worker stays what it says.
    mkdirSync(path.join(dir, 'content/pages'), { recursive: true });
    mkdirSync(path.join(dir, 'templates'), { recursive: true });
    writeFileSync(path.join(dir, 'content/pages/box.md'), md('title: Box\nbox: {__view: 0, __body: 0, __entries: [1], __proto__: {kept: 1}, label: boxed}'));
    writeFileSync(path.join(dir, 'templates/page.njk'), '<pre>{{ entry.extra.box | dump }}</pre>');
    const one = path.join(dir, 'one');
    const two = path.join(dir, 'two');
    const a = await build({ siteDir: dir, outDir: one, now: NOW, workers: 0 });
    const b = await build({ siteDir: dir, outDir: two, now: NOW, workers: 2 });
    expect(a.ok && b.ok).toBe(true);
    expect(a.articles).toBe(400);
    expect(readFileSync(path.join(two, 'box/index.html'), 'utf8')).toBe('<pre>{&quot;__view&quot;:0,&quot;__body&quot;:0,&quot;__entries&quot;:[1],&quot;__proto__&quot;:{&quot;kept&quot;:1},&quot;label&quot;:&quot;boxed&quot;}</pre>');
    expect(tree(two)).toEqual(tree(one));
    rmSync(dir, { recursive: true, force: true });
  });

  it('a watch session with a cache and workers renders every page again from the bodies in the cache\'s segments, and edits on top', async () => {
    const { makeCorpus } = await import('../../bench/corpus.mjs');
    const dir = mkdtempSync(path.join(tmpdir(), 'dateline-pool-'));
    makeCorpus({ articles: 400, out: dir });
    const out = path.join(dir, 'watched');
    const builder = createBuilder({ siteDir: dir, outDir: out, now: NOW, workers: 2 });
    builders.push(builder);
    const single = async () => {
      const fresh = path.join(mkdtempSync(path.join(tmpdir(), 'dateline-full-')), 'dist');
      expect((await build({ siteDir: dir, outDir: fresh, now: NOW, workers: 0, cache: false })).ok).toBe(true);
      return tree(fresh);
    };
    expect((await builder.build()).ok).toBe(true);
    expect(readdirSync(path.join(dir, '.dateline-cache', 'bodies')).filter((f) => f.endsWith('.seg'))).toHaveLength(2);
    // A partial every page includes: every page again, in the workers, bodies read from the segments.
    mkdirSync(path.join(dir, 'templates', 'partials'), { recursive: true });
    writeFileSync(path.join(dir, 'templates', 'partials', 'footer.njk'), '<footer>New footer</footer>');
    const again = await builder.build([{ type: 'add', path: 'templates/partials/footer.njk' }]);
    expect(again.ok).toBe(true);
    expect(again.renderCount).toBeGreaterThan(400);
    expect(tree(out)).toEqual(await single());
    // One article's words.
    const file = path.join(dir, 'content', 'articles', readdirSync(path.join(dir, 'content', 'articles'))[0]);
    const first = readdirSync(file).sort()[0];
    writeFileSync(path.join(file, first), `${readFileSync(path.join(file, first), 'utf8')}\nA sentence added in the watch session.\n`);
    const edited = await builder.build([{ type: 'change', path: path.relative(dir, path.join(file, first)).split(path.sep).join('/') }]);
    expect(edited.ok).toBe(true);
    expect(tree(out)).toEqual(await single());
    expect([...tree(out).values()].some((t) => t.includes('A sentence added in the watch session.'))).toBe(true);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('worker threads in a watch session', () => {
  // Without the compiled worker script a build quietly uses none, and these tests would prove nothing.
  const workerScript = path.join(PACKAGE_ROOT, 'lib', 'workers', 'worker.js');

  it('get the new graph\'s views for a rebuild they render: a retitled article shows its new title everywhere', async () => {
    expect(existsSync(workerScript)).toBe(true);
    const files: Record<string, string> = {};
    // One tag for all: the newest article is in every related block, so a change to it sends
    // hundreds of pages to the workers.
    for (let i = 0; i < 260; i++) files[`content/articles/a${i}.md`] = article(`Story ${i}`, new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString().slice(0, 10), ['rail']);
    const dir = writeSite(files);
    const builder = createBuilder({ siteDir: dir, mode: 'memory', now: NOW, workers: 2, cache: false });
    builders.push(builder);
    expect((await builder.build()).ok).toBe(true);
    writeFileSync(path.join(dir, 'content/articles/a259.md'), article('Retitled story', '2024-09-16', ['rail']));
    const r = await builder.build([{ type: 'change', path: 'content/articles/a259.md' }]);
    expect(r.ok).toBe(true);
    expect(r.renderCount).toBeGreaterThanOrEqual(200);
    const pages = [...r.files!].filter(([p]) => p.endsWith('.html')).map(([, t]) => String(t));
    expect(pages.filter((t) => t.includes('Retitled story')).length).toBeGreaterThanOrEqual(200);
    expect(pages.filter((t) => t.includes('Story 259<')).length).toBe(0);
  });

  it('get a parser before they first parse, when a render started them', async () => {
    expect(existsSync(workerScript)).toBe(true);
    const day = (i: number) => new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    const files: Record<string, string> = {};
    // Too few files to parse in the workers, enough pages to render there.
    for (let i = 0; i < 150; i++) files[`content/articles/a${i}.md`] = article(`Story ${i}`, day(i), [`t${i % 3}`]);
    const dir = writeSite(files);
    const builder = createBuilder({ siteDir: dir, mode: 'memory', now: NOW, workers: 2, cache: false });
    builders.push(builder);
    const first = await builder.build();
    expect(first.ok).toBe(true);
    expect(first.renderCount).toBeGreaterThanOrEqual(200);
    // Enough new files to parse in the workers that have only rendered so far.
    const changes: { type: 'add'; path: string }[] = [];
    for (let i = 150; i < 360; i++) {
      writeFileSync(path.join(dir, `content/articles/a${i}.md`), article(`Story ${i}`, day(i), [`t${i % 3}`]));
      changes.push({ type: 'add', path: `content/articles/a${i}.md` });
    }
    const r = await builder.build(changes);
    expect(r.diagnostics).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.articles).toBe(360);
    expect(String(r.files!.get(r.graph!.articles.find((a) => a.title === 'Story 359')!.outputPath))).toContain('Story 359');
  });
});

describe('static files', () => {
  it('a static file at a page path is an error naming both', async () => {
    const dir = writeSite({ ...base(), 'static/about-us/index.html': '<p>old about page</p>' });
    const r = await build({ siteDir: dir, mode: 'memory', now: NOW });
    expect(r.ok).toBe(false);
    const d = r.diagnostics.find((x) => x.code === 'STATIC_COLLISION')!;
    expect(d.file).toBe('static/about-us/index.html');
    expect(d.message).toContain('content/pages/about-us.md');
  });
});

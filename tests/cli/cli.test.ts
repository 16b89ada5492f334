import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, md, read, REPO, writeSite } from '../helpers/site.js';

const STACK = /\n\s+at .+:\d+:\d+/;
const version = JSON.parse(read(path.join(REPO, 'package.json'))).version as string;

/** A small valid site: one live article, one draft, one scheduled, and the pages the footer and cookie notice link to. */
function smallSite(extra: Record<string, string> = {}): string {
  return writeSite({
    'content/live.md': md({ title: 'Live story', date: '2024-03-20', author: 'Li Wei', tags: ['Rail'] }),
    'content/draft-one.md': md({ title: 'Draft story', date: '2024-03-19', author: 'Li Wei', draft: true }),
    'content/later.md': md({ title: 'Scheduled story', date: '2030-01-01 09:00', author: 'Li Wei' }),
    'content/pages/privacy-cookie-policy.md': md({ title: 'Privacy & Cookie Policy' }),
    'content/pages/about-us.md': md({ title: 'About Us' }),
    ...extra,
  });
}

describe('dateline --help and --version', () => {
  it('--version prints the package version', async () => {
    for (const flag of ['--version', '-v']) {
      const r = await cli([flag]);
      expect(r).toMatchObject({ code: 0, stdout: `${version}\n` });
    }
  });

  it('--help lists every command', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['build [options] [site-dir]', 'check [options] [site-dir]', 'init [options] <dir>', 'new <title> [site-dir]']) expect(r.stdout).toContain(c);
  });

  const flags: Record<string, string[]> = {
    build: ['--out <dir>', '--drafts', '--future', '--now <datetime>', '--base-url <url>', '--quiet', '--help'],
    check: ['--drafts', '--future', '--now <datetime>', '--base-url <url>', '--quiet', '--help'],
    init: ['<dir>', '--help'],
    new: ['<title>', '[site-dir]', '--help'],
  };
  for (const [command, expected] of Object.entries(flags)) {
    it(`${command} --help lists its arguments and options, exit 0`, async () => {
      for (const args of [[command, '--help'], ['help', command]]) {
        const r = await cli(args);
        expect(r.code).toBe(0);
        expect(r.stdout).toContain(`Usage: dateline ${command}`);
        for (const f of expected) expect(r.stdout).toContain(f);
      }
    });
  }
  it('check has no --out (it writes nothing)', async () => {
    expect((await cli(['check', '--help'])).stdout).not.toContain('--out');
  });
});

describe('exit codes', () => {
  it('0 on success, with one summary line: articles, pages, seconds; then what the build held back for later', async () => {
    const dir = smallSite();
    const r = await cli(['build', dir]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Built 1 article, \d+ pages in \d+\.\d\d s → /);
    expect(lines[0]).toContain(path.join(dir, 'dist'));
    // A date typed a year too late holds a story back without an error: the desk sees it here, at
    // the time it goes live in the site's zone (Asia/Shanghai).
    expect(lines.slice(1, 3)).toEqual(['Held back until their time (1):', '  content/later.md at 2030-01-01 09:00:00+08:00']);
    // A slow build (5 s or more, a loaded machine) adds a table of stage timings.
    if (Number(/in ([\d.]+) s/.exec(lines[0])![1]) < 5) expect(lines).toHaveLength(3);
    const json = await cli(['build', dir, '--json']);
    expect(JSON.parse(json.stdout).scheduled).toEqual([{ file: 'content/later.md', at: '2030-01-01T09:00:00+08:00' }]);
    // None held back: the one line.
    rmSync(path.join(dir, 'content/later.md'));
    const none = await cli(['build', dir]);
    expect(none.stdout).toMatch(/^Built 1 article, \d+ pages in [\d.]+ s → .*\n(stage|$)/);
  });

  it('--json gives the time the site next changes by itself (nextChange), as next-change.json does, for a CI cron', async () => {
    const dir = smallSite();
    const r = await cli(['build', dir, '--json', '--now', '2030-01-01T08:00:00+08:00']);
    expect(r.code, r.stderr).toBe(0);
    const next = JSON.parse(r.stdout).nextChange;
    expect(next).toEqual({ at: '2030-01-01T09:00:00+08:00', utc: '2030-01-01T01:00:00Z', unix: 1893459600, change: 'publish', cron: '0 1 1 1 *' });
    // The public file says when, not what: no `change`.
    const { change, ...when } = next;
    expect(JSON.parse(read(path.join(dir, 'dist', 'next-change.json'))).next).toEqual(when);
    // `check` too (it writes no file to read it from); a build that stops before it has a site: null.
    expect(JSON.parse((await cli(['check', dir, '--json', '--now', '2030-01-01T08:00:00+08:00'])).stdout).nextChange).toEqual(next);
    expect(JSON.parse((await cli(['build', dir, '--json', '--now', 'soon'])).stdout).nextChange).toBeNull();
  });

  it('the site folder defaults to the current folder', async () => {
    const dir = smallSite();
    const r = await cli(['build'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Built 1 article, \d+ pages in [\d.]+ s → dist\n/);
    expect(existsSync(path.join(dir, 'dist', 'index.html'))).toBe(true);
  });

  it('2, said plainly, when the machine refuses a write: a file where the output, the manifest or the cache would go', async () => {
    const dir = smallSite();
    writeFileSync(path.join(dir, 'afile'), 'in the way');
    const cases: [string[], string][] = [
      [['build', dir, '--out', path.join(dir, 'afile', 'sub')], `error: could not use ${path.join(dir, 'afile', 'sub')}: a part of the path is a file, not a folder.\nCheck that dateline may read the site and write where it writes: choose an output folder you can write to (--out), or fix the permissions; the last output folder was left as it was.\n`],
      [['build', dir, '--manifest', path.join(dir, 'afile', 'm.json')], `error: could not create the folder ${path.join(dir, 'afile')}: a file is in the way.\n`],
      [['build', dir, '--cache-dir', path.join(dir, 'afile', 'cache')], 'give it a writable place with --cache-dir, or build without it (--no-cache).\n'],
    ];
    for (const [args, message] of cases) {
      const r = await cli(args);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toContain(message);
      expect(r.stderr).not.toContain('internal error');
      expect(r.stderr).not.toMatch(STACK);
    }
  });

  it('--json prints one object on stdout also when the command stops early: a usage error, a write the machine refuses', async () => {
    const dir = smallSite();
    writeFileSync(path.join(dir, 'afile'), 'in the way');
    const cases: [string[], string, string][] = [
      [['build', dir, '--json', '-o', path.join(dir, 'content', 'x')], 'USAGE', 'is inside the site\'s content/ folder'],
      [['build', dir, '--json', '--shard', '4/3'], 'USAGE', '--shard takes i/n'],
      [['check', path.join(dir, 'no-such-site'), '--json'], 'USAGE', 'does not exist'],
      [['build', dir, '--json', '--bogus'], 'USAGE', "unknown option '--bogus'"],
      [['build', dir, '--json', '--out', path.join(dir, 'afile', 'sub')], 'SYSTEM_ERROR', 'a part of the path is a file, not a folder'],
      [['build', dir, '--json', '--now', 'garbage'], 'BAD_NOW', 'is not a date'],
    ];
    for (const [args, code, message] of cases) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      const j = JSON.parse(r.stdout);
      expect(j, args.join(' ')).toMatchObject({ command: args[0], ok: false, exitCode: 2 });
      expect(j.errors[0].code, args.join(' ')).toBe(code);
      expect(j.errors[0].message, args.join(' ')).toContain(message);
    }
  });

  it('2 on an unknown flag, a missing folder, a missing argument, an unknown command or no command', async () => {
    const dir = smallSite();
    const cases: [string[], RegExp][] = [
      [['build', dir, '--bogus'], /unknown option '--bogus'/],
      [['check', dir, '--draft'], /unknown option '--draft'/],
      [['build', path.join(dir, 'no-such-folder')], /site folder .*no-such-folder does not exist/],
      [['check', path.join(dir, 'content', 'live.md')], /does not exist/],
      [['build', dir, '--now'], /argument missing/],
      [['init'], /missing required argument 'dir'/],
      [['new'], /missing required argument 'title'/],
      [['new', 'A title', path.join(dir, 'nope')], /does not exist/],
      [['publish'], /unknown command 'publish'/],
      [[], /Usage: dateline/],
      [['build', dir, '--now', 'tomorrow'], /--now: "tomorrow" is not a date/],
      [['build', dir, '--base-url', 'news.example.org'], /--base-url: expected an absolute http\(s\) URL/],
      [['build', dir, '--cache-dir', path.join(dir, 'dist', 'cache')], /--cache-dir: .* is the output folder, inside it or contains it: the cache would be published with the site\./],
      [['build', dir, '--cache-dir', path.join(dir, 'content', 'cache')], /--cache-dir: .* is inside the site's content\/ folder/],
    ];
    for (const [args, message] of cases) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stderr).not.toMatch(STACK);
    }
    expect(existsSync(path.join(dir, 'dist'))).toBe(false);
  });

  it('1 on a content error, with the file and line, and no stack trace', async () => {
    const dir = smallSite({ 'content/bad.md': '---\ntitle: Bad\ndate: 2024-02-30\nauthor: Li Wei\n---\n' });
    const r = await cli(['build', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('error[BAD_DATE] content/bad.md:3:1');
    expect(r.stderr).toContain('1 error; nothing was written.');
    expect(r.stderr).not.toMatch(STACK);
  });
});

describe('build options', () => {
  it('--out writes there and only there', async () => {
    const dir = smallSite();
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'dateline-out-')), 'public');
    const r = await cli(['build', dir, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(out);
    expect(read(path.join(out, '2024', '03', '20', 'live', 'index.html'))).toContain('Live story');
    expect(existsSync(path.join(dir, 'dist'))).toBe(false);
    expect(readdirSync(path.dirname(out))).toEqual(['public']);
  });

  it('--out refuses a folder whose replacement would lose work: exit 2, nothing touched', async () => {
    const dir = smallSite();
    const other = mkdtempSync(path.join(tmpdir(), 'dateline-notes-'));
    (await import('node:fs')).writeFileSync(path.join(other, 'notes.txt'), 'keep me');
    const before = readdirSync(path.join(dir, 'content')).sort();
    for (const out of ['content', '.', '..', 'content/out', 'templates', 'static', other, 'dateline.config.ts']) {
      const r = await cli(['build', '.', '--out', out], { cwd: dir });
      expect(r.code, out).toBe(2);
      expect(r.stderr, out).toMatch(/^error: --out: .* [Cc]hoose another output folder\.\n/);
    }
    expect(readdirSync(path.join(dir, 'content')).sort()).toEqual(before);
    expect(readdirSync(other)).toEqual(['notes.txt']);
    expect(existsSync(path.join(dir, 'dateline.config.ts'))).toBe(true);
    // A previous build's folder is replaced as usual.
    expect((await cli(['build', '.', '--out', 'public'], { cwd: dir })).code).toBe(0);
    expect((await cli(['build', '.', '--out', 'public'], { cwd: dir })).code).toBe(0);
  });

  it('--out is relative to the current folder', async () => {
    const dir = smallSite();
    const r = await cli(['build', '.', '-o', 'site-out'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(existsSync(path.join(dir, 'site-out', 'index.html'))).toBe(true);
  });

  it('--drafts and --future add the hidden articles', async () => {
    const dir = smallSite();
    const draft = path.join('2024', '03', '19', 'draft-one', 'index.html');
    const later = path.join('2030', '01', '01', 'later', 'index.html');
    await cli(['build', dir]);
    expect(existsSync(path.join(dir, 'dist', draft))).toBe(false);
    expect(existsSync(path.join(dir, 'dist', later))).toBe(false);
    expect((await cli(['build', dir, '--drafts'])).stdout).toMatch(/^Built 2 articles/);
    expect(existsSync(path.join(dir, 'dist', draft))).toBe(true);
    expect(existsSync(path.join(dir, 'dist', later))).toBe(false);
    expect((await cli(['build', dir, '--future'])).stdout).toMatch(/^Built 2 articles/);
    expect(existsSync(path.join(dir, 'dist', draft))).toBe(false);
    expect(existsSync(path.join(dir, 'dist', later))).toBe(true);
  });

  it('--now is the clock for scheduled articles (without an offset: the site\'s zone)', async () => {
    const dir = smallSite();
    const later = path.join(dir, 'dist', '2030', '01', '01', 'later', 'index.html');
    expect((await cli(['build', dir, '--now', '2030-01-01 08:59'])).stdout).toMatch(/^Built 1 article,/);
    expect(existsSync(later)).toBe(false);
    expect((await cli(['build', dir, '--now', '2030-01-01 09:00'])).stdout).toMatch(/^Built 2 articles,/);
    expect(existsSync(later)).toBe(true);
    // The site is in Asia/Shanghai: 09:00 there is 01:00 UTC.
    expect((await cli(['build', dir, '--now', '2030-01-01T00:59:59Z'])).stdout).toMatch(/^Built 1 article,/);
    expect((await cli(['build', dir, '--now', '2024-03-19T23:00:00+08:00'])).stdout).toMatch(/^Built 0 articles,/);
  });

  it('--base-url changes absolute URLs and the base path of every href', async () => {
    const dir = smallSite();
    expect((await cli(['build', dir, '--base-url', 'https://mirror.example.com/news/'])).code).toBe(0);
    const html = read(path.join(dir, 'dist', '2024', '03', '20', 'live', 'index.html'));
    expect(html).toContain('<link rel="canonical" href="https://mirror.example.com/news/2024/03/20/live/">');
    expect(html).toContain('href="/news/tags/rail/"');
    expect(html).toMatch(/href="\/news\/theme\/dateline[^"]*\.css"/);
    expect(html).not.toContain('news.example.org');
  });

  it('--quiet prints nothing on success, hides warnings, still prints errors', async () => {
    const dir = smallSite({ 'content/warn.md': md({ title: 'Warned', date: '2024-03-18', author: 'Li Wei', tag: 'Rail' }) });
    const loud = await cli(['build', dir]);
    expect(loud.code).toBe(0);
    expect(loud.stderr).toContain('warning[UNKNOWN_KEY] content/warn.md:5');
    const quiet = await cli(['build', dir, '--quiet']);
    expect(quiet).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const broken = smallSite({ 'content/bad.md': md({ title: 'Bad', author: 'Li Wei' }) });
    const q = await cli(['build', broken, '-q']);
    expect(q.code).toBe(1);
    expect(q.stderr).toContain('error[MISSING_FIELD] content/bad.md');
  });
});

describe('dateline check', () => {
  it('writes nothing and exits 0 on a good site', async () => {
    const dir = smallSite();
    const before = readdirSync(dir).sort();
    const r = await cli(['check', dir]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Checked 1 article, \d+ pages in [\d.]+ s: no errors\n/);
    expect(readdirSync(dir).sort()).toEqual(before);
    expect(readdirSync(tmpdir()).filter((f) => f.includes('.dist.tmp'))).toEqual([]);
  });

  it('reports a broken internal link in an article: exit 1, the file named, nothing written', async () => {
    const dir = smallSite({ 'content/linker.md': md({ title: 'Linker', date: '2024-03-18', author: 'Li Wei' }, 'See [the report](/2024/03/20/no-such-story/) and [live](/2024/03/20/live/#missing-anchor).') });
    const r = await cli(['check', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error[BROKEN_LINK] content/linker.md');
    expect(r.stderr).toContain('links to /2024/03/20/no-such-story/, which does not exist.');
    expect(r.stderr).toContain('no element with id "missing-anchor"');
    expect(r.stderr).not.toMatch(STACK);
    expect(existsSync(path.join(dir, 'dist'))).toBe(false);
  });

  it('a build does not check links (a broken link is the check\'s job), but check catches what build catches', async () => {
    const linker = smallSite({ 'content/linker.md': md({ title: 'Linker', date: '2024-03-18', author: 'Li Wei' }, '[x](/nowhere/)') });
    expect((await cli(['build', linker])).code).toBe(0);
    const bad = smallSite({ 'content/bad.md': '---js\n{}\n---\n' });
    const r = await cli(['check', bad]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error[FRONT_MATTER_LANGUAGE] content/bad.md:1:1');
  });

  it('reports a template error', async () => {
    const dir = smallSite({ 'templates/article.njk': '{% extends "base.njk" %}\n{% block main %}\n{{ article.title | nosuchfilter }}\n{% endblock %}\n' });
    const r = await cli(['check', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error[TEMPLATE_RENDER] templates/article.njk:3');
    expect(r.stderr).toContain('> 3 | {{ article.title | nosuchfilter }}');
    expect(r.stderr).toContain('filter not found: nosuchfilter');
  });
});

import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFrontMatter } from '../../src/parse/front-matter.js';
import { cli, md, read, writeSite } from '../helpers/site.js';

const fresh = () => path.join(mkdtempSync(path.join(tmpdir(), 'dateline-init-')), 'paper');
/** Today's date in a zone, as YYYY-MM-DD. */
const today = (timeZone: string, at = Date.now()) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);

describe('dateline init', () => {
  it('scaffolds a config, a sample article, the standalone pages; `init d && build d` works', async () => {
    const dir = fresh();
    const init = await cli(['init', dir]);
    expect(init.code).toBe(0);
    expect(init.stdout).toContain(`Next: dateline build ${dir}`);
    expect(existsSync(path.join(dir, 'dateline.config.ts'))).toBe(true);
    expect(readdirSync(path.join(dir, 'content', 'pages')).sort()).toEqual(['about-us.md', 'contact-us.md', 'privacy-cookie-policy.md']);
    const year = String(new Date().getUTCFullYear());
    expect(existsSync(path.join(dir, 'content', 'articles', year, 'welcome.md'))).toBe(true);
    // The theme is used from the package: nothing of it is copied.
    expect(readdirSync(path.join(dir, 'templates'))).toEqual([]);

    const b = await cli(['build', dir]);
    expect(b.stderr).toBe('');
    expect(b.code).toBe(0);
    expect(b.stdout).toMatch(/^Built 1 article, \d+ pages in [\d.]+ s/);
    const check = await cli(['check', dir]);
    expect(check.stderr).toBe('');
    expect(check.code).toBe(0);
    for (const p of ['index.html', 'about-us/index.html', 'contact-us/index.html', 'privacy-cookie-policy/index.html']) {
      expect(read(path.join(dir, 'dist', p)), p).toContain('newsroom@example.org');
    }
  });

  it('a site template replaces the theme\'s, file by file', async () => {
    const dir = fresh();
    await cli(['init', dir]);
    writeFileSync(path.join(dir, 'templates', 'page.njk'), '{% extends "base.njk" %}{% block main %}<h1 class="mine">{{ entry.title }}</h1>{% endblock %}');
    expect((await cli(['build', dir])).code).toBe(0);
    expect(read(path.join(dir, 'dist', 'about-us', 'index.html'))).toContain('<h1 class="mine">About Us</h1>');
    expect(read(path.join(dir, 'dist', 'index.html'))).toContain('Welcome to your newsroom');
  });

  it('works in an empty folder that already exists', async () => {
    const dir = fresh();
    mkdirSync(dir);
    expect((await cli(['init', dir])).code).toBe(0);
  });

  it('refuses a folder that is not empty, and touches nothing in it', async () => {
    const dir = fresh();
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'notes.txt'), 'mine');
    const r = await cli(['init', dir]);
    // The argument is at fault, not a site: a usage error.
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error[INIT_NOT_EMPTY]');
    expect(r.stderr).toContain('not empty');
    expect(readdirSync(dir)).toEqual(['notes.txt']);
  });

  it("writes the machine's time zone into the config and dates the sample in it; says which zone and how to change it", async () => {
    const dir = fresh();
    const before = today('America/New_York');
    const init = await cli(['init', dir], { env: { TZ: 'America/New_York' } });
    const after = today('America/New_York');
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    expect(read(path.join(dir, 'dateline.config.ts'))).toContain("  timeZone: 'America/New_York',\n");
    expect(init.stdout).toContain("Time zone: America/New_York (this machine's).");
    expect(init.stdout).toContain(`To change it, edit \`timeZone\` in ${path.join(dir, 'dateline.config.ts')}.`);
    // The sample's date is New York's wall clock, so it is published at once, not hours later.
    const year = readdirSync(path.join(dir, 'content', 'articles'))[0]!;
    const rel = `content/articles/${year}/welcome.md`;
    expect([before, after]).toContain(String(parseFrontMatter(rel, read(path.join(dir, rel))).result!.data.date).slice(0, 10));
    const b = await cli(['build', dir], { env: { TZ: 'UTC' } });
    expect(b.stderr).toBe('');
    expect(b.stdout).toMatch(/^Built 1 article,/);
  });

  it('falls back to UTC when the machine has no zone Node knows', async () => {
    const dir = fresh();
    const init = await cli(['init', dir], { env: { TZ: 'Nowhere/Atlantis' } });
    expect(init.code).toBe(0);
    expect(read(path.join(dir, 'dateline.config.ts'))).toContain("  timeZone: 'UTC',\n");
    expect(init.stdout).toContain("Time zone: UTC (this machine's).");
  });

  it('--time-zone sets the zone, whatever the machine; a name that is not a zone is a usage error and writes nothing', async () => {
    const dir = fresh();
    const init = await cli(['init', dir, '--time-zone', 'asia/shanghai'], { env: { TZ: 'America/New_York' } });
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    expect(read(path.join(dir, 'dateline.config.ts'))).toContain("  timeZone: 'Asia/Shanghai',\n");
    expect(init.stdout).toContain('Time zone: Asia/Shanghai (from --time-zone).');
    expect((await cli(['build', dir])).code).toBe(0);

    const other = fresh();
    const bad = await cli(['init', other, '--time-zone', 'New York']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('error[BAD_TIME_ZONE]');
    expect(bad.stderr).toContain('--time-zone: "New York" is not a time zone.');
    expect(bad.stderr).toContain('fix: Use an IANA name such as "Asia/Shanghai", "Europe/London" or "UTC". For New York: --time-zone America/New_York');
    expect(bad.stderr).not.toContain('internal error');
    expect(existsSync(other)).toBe(false);
  });

  it('refuses a file', async () => {
    const dir = fresh();
    mkdirSync(path.dirname(dir), { recursive: true });
    writeFileSync(dir, 'x');
    const r = await cli(['init', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is a file, not a folder');
    expect(r.stderr).not.toContain('internal error');
  });
});

describe('dateline new', () => {
  const config = (timeZone: string, extra = '') => `import { defineConfig } from 'dateline';\nexport default defineConfig({ title: 'Herald', baseUrl: 'https://news.example.org/', timeZone: '${timeZone}', defaultAuthor: 'Desk Editor', cookieNotice: { enabled: false }${extra} });\n`;

  for (const zone of ['Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
    it(`creates content/articles/YYYY/<slug>.md dated today in the site's zone (${zone}), with the default author, and it builds`, async () => {
      const dir = writeSite({ 'dateline.config.ts': config(zone) });
      const before = today(zone);
      const r = await cli(['new', 'Rail freight: "double" the trains', dir]);
      const after = today(zone);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const rel = r.stdout.trim().replace(/^Created /, '');
      expect(rel).toMatch(new RegExp(`^content/articles/(${before.slice(0, 4)}|${after.slice(0, 4)})/rail-freight-double-the-trains\\.md$`));
      const text = read(path.join(dir, rel));
      const fm = parseFrontMatter(rel, text).result!;
      expect(fm.data.title).toBe('Rail freight: "double" the trains');
      expect(fm.data.author).toBe('Desk Editor');
      expect([before, after]).toContain(String(fm.data.date).slice(0, 10));
      expect(String(fm.data.date)).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);

      // The story written in place of the placeholder, it builds.
      writeFileSync(path.join(dir, rel), text.replace('Write the story here.', 'Freight trains doubled this year.'));
      const b = await cli(['build', dir]);
      expect(b.stderr).toBe('');
      expect(b.stdout).toMatch(/^Built 1 article,/);
      const [y, m, d] = String(fm.data.date).slice(0, 10).split('-');
      const page = read(path.join(dir, 'dist', y, m, d, 'rail-freight-double-the-trains', 'index.html'));
      expect(page).toContain('Rail freight: &quot;double&quot; the trains');
      expect(page).toContain('Desk Editor');
    });
  }

  it('uses the first author of the registry when no default author is set', async () => {
    const dir = writeSite({ 'dateline.config.ts': `export default { title: 'H', baseUrl: 'https://x.example/', authors: [{ name: 'Li Wei' }] };\n` });
    const r = await cli(['new', '重庆 新闻', dir]);
    expect(r.code).toBe(0);
    const rel = r.stdout.trim().replace(/^Created /, '');
    expect(rel).toMatch(/\/重庆-新闻\.md$/);
    expect(parseFrontMatter(rel, read(path.join(dir, rel))).result!.data.author).toBe('Li Wei');
  });

  it('its placeholder is never published: `build --strict` stops at its line, exit 1, until the story is written or the article is a draft', async () => {
    const dir = writeSite({ 'dateline.config.ts': config('UTC') });
    const rel = (await cli(['new', 'Flood defences approved', dir])).stdout.trim().replace(/^Created /, '');
    const text = read(path.join(dir, rel));
    expect(text.split('\n')[8]).toBe('Write the story here.');
    for (const args of [['build', dir], ['build', dir, '--strict']]) {
      const b = await cli(args);
      expect(b.code, args.join(' ')).toBe(1);
      expect(b.stderr).toContain(`error[PLACEHOLDER] ${rel}:9:1\n  The story still has the placeholder text: "Write the story here."`);
      expect(b.stderr).toContain('fix: Write the story in place of that line. To keep the article off the site until it is written, add `draft: true` to the front matter.');
      expect(existsSync(path.join(dir, 'dist'))).toBe(false);
    }
    // The line left above the story, or below it, is the same mistake.
    for (const body of ['Write the story here.\n\nThe council approved the flood wall.', 'The council approved the flood wall.\n\nWrite the story here.']) {
      writeFileSync(path.join(dir, rel), text.replace('Write the story here.\n', `${body}\n`));
      const b = await cli(['build', dir]);
      expect(b.code, body).toBe(1);
      expect(b.stderr, body).toContain(`error[PLACEHOLDER] ${rel}:${body.startsWith('Write') ? 9 : 11}:1`);
    }
    // As the fix says: a draft waits; the story written, it is published.
    writeFileSync(path.join(dir, rel), text.replace('summary: ""', 'summary: ""\ndraft: true'));
    expect((await cli(['build', dir])).code).toBe(0);
    writeFileSync(path.join(dir, rel), text.replace('Write the story here.', 'The council approved the flood wall. Write the story here, it said.'));
    const b = await cli(['build', dir, '--strict']);
    expect(b.stderr).toBe('');
    expect(b.code).toBe(0);
  });

  it('writes no made-up byline: without a default author the `author` line is empty, and the build asks for it', async () => {
    const dir = writeSite({ 'dateline.config.ts': `export default { title: 'H', baseUrl: 'https://x.example/', cookieNotice: { enabled: false } };\n` });
    const rel = (await cli(['new', 'A story', dir])).stdout.trim().replace(/^Created /, '');
    const text = read(path.join(dir, rel));
    expect(parseFrontMatter(rel, text).result!.data.author).toBe('');
    writeFileSync(path.join(dir, rel), text.replace('Write the story here.', 'The story.'));
    const b = await cli(['build', dir]);
    expect(b.code).toBe(1);
    expect(b.stderr).toContain(`error[MISSING_FIELD] ${rel}:4:1\n  \`author\` is empty.`);
  });

  it('the site folder defaults to the current folder', async () => {
    const dir = writeSite({ 'dateline.config.ts': config('UTC') });
    const r = await cli(['new', 'From here'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(existsSync(path.join(dir, r.stdout.trim().replace(/^Created /, '')))).toBe(true);
  });

  it('cuts the file name of a long headline to whole words, and keeps the headline whole', async () => {
    const dir = writeSite({ 'dateline.config.ts': config('UTC') });
    const title = 'Council votes to rebuild the old harbour bridge after years of delay '.repeat(5).trim();
    const r = await cli(['new', title, dir]);
    expect(r.code, r.stderr).toBe(0);
    const rel = r.stdout.trim().replace(/^Created /, '');
    expect(path.basename(rel)).toBe('council-votes-to-rebuild-the-old-harbour-bridge-after-years-of-delay-council.md');
    expect(read(path.join(dir, rel))).toContain(`title: ${title}\n`);
    const cjk = await cli(['new', '重庆新闻'.repeat(80), dir]);
    expect(path.basename(cjk.stdout.trim())).toBe(`${'重庆新闻'.repeat(6)}重庆.md`);
    for (const file of [rel, cjk.stdout.trim().replace(/^Created /, '')]) writeFileSync(path.join(dir, file), read(path.join(dir, file)).replace('Write the story here.', 'The story.'));
    const built = await cli(['build', dir]);
    expect(built.code, built.stderr).toBe(0);
  });

  it('never overwrites an article, and refuses a title with no letters', async () => {
    const dir = writeSite({ 'dateline.config.ts': config('UTC') });
    const first = await cli(['new', 'Same title', dir]);
    const rel = first.stdout.trim().replace(/^Created /, '');
    writeFileSync(path.join(dir, rel), md({ title: 'Edited', date: '2024-01-01', author: 'x' }));
    const again = await cli(['new', 'Same title', dir]);
    // The arguments are at fault, not the site: usage errors.
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists');
    expect(read(path.join(dir, rel))).toContain('Edited');
    const symbols = await cli(['new', '!!!', dir]);
    expect(symbols.code).toBe(2);
    expect(symbols.stderr).toContain('error[BAD_SLUG]');
  });

  it('a site without a config: exit 1 with the config error', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dateline-noconf-'));
    const r = await cli(['new', 'A story', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error[CONFIG_MISSING]');
    expect(readdirSync(dir)).toEqual([]);
  });
});

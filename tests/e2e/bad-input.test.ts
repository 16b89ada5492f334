import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtCopy, cli, DEFAULT_CONFIG, md, dateline, SEARCH_CONFIG, writeSite, type CliRun } from '../helpers/site.js';
import { photo } from '../helpers/photos.js';

const STACK = /\n\s+at .+:\d+:\d+/;

const GOOD: Record<string, string> = {
  'content/articles/rail.md': md({ title: 'Rail freight doubles', date: '2024-03-20', author: 'Li Wei', tags: ['Rail', '重庆'] }, '## The numbers\n\nMore trains.'),
  'content/articles/port.md': md({ title: 'Port expands', date: '2024-03-21 09:30', author: 'Anna Schmidt', tags: ['Port'] }),
  'content/pages/about-us.md': md({ title: 'About Us' }),
  'content/pages/privacy-cookie-policy.md': md({ title: 'Privacy & Cookie Policy' }),
  'static/images/a.txt': 'static file',
};

/** Every file under a folder, with its bytes and modification time, and every folder. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(d, e.name);
      const rel = path.relative(dir, full);
      if (e.isDirectory()) {
        out[`${rel}/`] = 'dir';
        walk(full);
      } else out[rel] = `${statSync(full).mtimeMs} ${readFileSync(full).toString('base64')}`;
    }
  };
  walk(dir);
  return out;
}

/**
 * A good site as a build left it, broken, built again: the second build must exit 1 with no stack
 * trace, and leave dist/ byte for byte (and file time for file time) as the first build left it,
 * with no temporary folder beside it.
 */
async function breakAfterGoodBuild(files: Record<string, string | Buffer>): Promise<CliRun & { dir: string }> {
  const dir = await builtCopy(GOOD);
  const dist = path.join(dir, 'dist');
  const before = snapshot(dist);
  const inode = statSync(dist).ino;
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  const siteBefore = readdirSync(dir).sort();
  const r = await dateline(['build', dir]);
  expect(r.code, r.stderr).toBe(1);
  expect(r.stdout).toBe('');
  expect(r.stderr).not.toMatch(STACK);
  expect(r.stderr).not.toContain('internal error');
  expect(r.stderr).toMatch(/\d+ errors?; nothing was written\.\n$/);
  expect(statSync(dist).ino).toBe(inode);
  expect(snapshot(dist)).toEqual(before);
  expect(readdirSync(dir).sort()).toEqual(siteBefore);
  return { ...r, dir };
}

const A = 'content/articles/broken.md';

describe.concurrent('bad input: exit 1, file and line, no stack trace, dist/ untouched', () => {
  const cases: { name: string; text: string | Buffer; where: string; message: RegExp }[] = [
    { name: 'no front matter', text: 'Rail freight doubled this year.\n', where: `error[NO_FRONT_MATTER] ${A}:1:1`, message: /no front matter/ },
    { name: 'unclosed front matter', text: '---\ntitle: Open\ndate: 2024-03-20\nauthor: Li Wei\n\nBody.\n', where: `error[UNCLOSED_FRONT_MATTER] ${A}:1:1`, message: /never closed/ },
    { name: 'a YAML syntax error', text: '---\ntitle: Fine\ndate: 2024-03-20\nauthor: Li Wei\ntags: [Rail, Port\nsummary: x\n---\n', where: `error[FRONT_MATTER_SYNTAX] ${A}:5`, message: /not valid YAML/ },
    { name: 'a colon in an unquoted title', text: '---\ntitle: Breaking: trains: double\ndate: 2024-03-20\nauthor: Li Wei\n---\n', where: `error[FRONT_MATTER_SYNTAX] ${A}:2`, message: /fix: Put the value in quotes, since it has a colon followed by a space: `title: 'Breaking: trains: double'`/ },
    { name: 'front matter left open, closed by a rule in the story', text: '---\ntitle: Flood warning\ndate: 2024-03-20\nauthor: Li Wei\n\nPolice said: the road will stay closed until Tuesday.\n\n---\n\nSecond part.\n', where: `error[UNCLOSED_FRONT_MATTER] ${A}:6:1`, message: /line 6 reads as the story's text[^]*fix: Add a line of exactly `---` after line 4 \(`author: Li Wei`\)/ },
    { name: 'a closing line of four hyphens', text: '---\ntitle: T\ndate: 2024-03-20\nauthor: Li Wei\n----\n\nBody.\n', where: `error[UNCLOSED_FRONT_MATTER] ${A}:5:1`, message: /line 5 is `----`/ },
    { name: 'a duplicate key', text: '---\ntitle: One\ndate: 2024-03-20\nauthor: Li Wei\ndate: 2024-03-21\n---\n', where: `error[DUPLICATE_KEY] ${A}:5`, message: /`date` twice/ },
    { name: 'front matter that is a list', text: '---\n- title: One\n- date: 2024-03-20\n---\n', where: `error[FRONT_MATTER_NOT_MAPPING] ${A}:2`, message: /key: value/ },
    { name: 'front matter that is a scalar', text: '---\nRail freight doubles\n---\n', where: `error[FRONT_MATTER_NOT_MAPPING] ${A}:2`, message: /key: value/ },
    { name: 'a missing required field', text: '---\ntitle: No date\nauthor: Li Wei\n---\n', where: `error[MISSING_FIELD] ${A}:4:1`, message: /`date` is missing/ },
    { name: 'an unparsable date', text: '---\ntitle: T\ndate: last Tuesday\nauthor: Li Wei\n---\n', where: `error[BAD_DATE] ${A}:3:1`, message: /"last Tuesday" is not a date/ },
    { name: 'an impossible date', text: '---\ntitle: T\ndate: 2024-02-30\nauthor: Li Wei\n---\n', where: `error[BAD_DATE] ${A}:3:1`, message: /there is no 2024-02-30/ },
    { name: 'a year typed with 00 for 20', text: '---\ntitle: T\ndate: 0024-03-20\nauthor: Li Wei\n---\n', where: `error[BAD_DATE] ${A}:3:1`, message: /the year 0024 is too early for a story \(2024 was probably meant\)/ },
    { name: 'a slug with /', text: '---\ntitle: T\ndate: 2024-03-20\nauthor: Li Wei\nslug: 2024/story\n---\n', where: `error[BAD_SLUG] ${A}:5:1`, message: /contains "\/", "\\" or "\.\."/ },
    { name: 'a slug with \\', text: '---\ntitle: T\ndate: 2024-03-20\nauthor: Li Wei\nslug: \'a\\b\'\n---\n', where: `error[BAD_SLUG] ${A}:5:1`, message: /"a\\b"/ },
    { name: 'a slug with ..', text: '---\ntitle: T\ndate: 2024-03-20\nauthor: Li Wei\nslug: ../../../../escaped\n---\n', where: `error[BAD_SLUG] ${A}:5:1`, message: /\.\./ },
    { name: 'an empty file', text: '', where: `error[EMPTY_FILE] ${A}`, message: /empty/ },
    { name: 'a tag that slugs to nothing', text: '---\ntitle: T\ndate: 2024-03-20\nauthor: Li Wei\ntags: ["???"]\n---\n', where: `error[BAD_TAG] ${A}:5`, message: /no letters or digits/ },
    { name: 'an HTML comment never closed, which would hide the rest of the story', text: '---\ntitle: T\ndate: 2024-03-20\nauthor: Li Wei\n---\nThe council voted.\n\n<!-- TODO: check the quote\n\n"We will build it," the mayor said.\n', where: `error[UNCLOSED_COMMENT] ${A}:8:1`, message: /never closed/ },
    { name: 'an HTML comment never closed in a quote', text: '---\ntitle: T\ndate: 2024-03-20\nauthor: Li Wei\n---\n> The mayor said:\n> <!-- check this quote\n> "We will build it."\n', where: `error[UNCLOSED_COMMENT] ${A}:7:3`, message: /never closed/ },
    { name: 'a file saved as UTF-16', text: Buffer.from('\uFEFF---\ntitle: T\ndate: 2024-03-20\nauthor: Li Wei\n---\n', 'utf16le'), where: `error[NOT_UTF8] ${A}`, message: /UTF-16/ },
    { name: 'a photo saved as .md', text: 'GIF89a\u0000\u0001\u0002---\n', where: `error[NOT_TEXT] ${A}`, message: /not text/ },
    { name: 'a JPEG saved as .md (its first bytes are no UTF-8, as a UTF-16 mark is not)', text: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1]), where: `error[NOT_TEXT] ${A}`, message: /not text/ },
    { name: 'a file saved as Windows-1252, whose curly quotes and accents are no UTF-8', text: Buffer.from('---\ntitle: \x93Quoted\x94 caf\xe9\ndate: 2024-03-20\nauthor: Li Wei\n---\nIt\x92s here.\n', 'latin1'), where: `error[NOT_UTF8] ${A}:2:8`, message: /not saved as UTF-8 \(probably as Windows-1252 or Latin-1\)/ },
    { name: 'a title with no letters or digits', text: '---\ntitle: "!!! ???"\ndate: 2024-03-20\nauthor: Li Wei\n---\n', where: `error[BAD_TITLE] ${A}:2:1`, message: /no letters or digits/ },
    { name: 'an empty byline', text: '---\ntitle: T\ndate: 2024-03-20\nauthor: ""\n---\n', where: `error[MISSING_FIELD] ${A}:4:1`, message: /`author` is empty/ },
    { name: 'a lead photo on the editor\'s own computer', text: "---\ntitle: T\ndate: 2024-03-20\nauthor: Li Wei\nimage:\n  src: 'C:\\Users\\me\\photo.jpg'\n---\n", where: `error[BAD_FIELD] ${A}:6:1`, message: /must be a path on the site or an http\(s\) URL/ },
    { name: 'an `id` with a space', text: '---\ntitle: T\ndate: 2024-03-20\nauthor: Li Wei\nid: rail 0412\n---\n', where: `error[BAD_ID] ${A}:5:1`, message: /contains a space/ },
    { name: 'a tag too long to be a folder\'s name', text: `---\ntitle: T\ndate: 2024-03-20\nauthor: Li Wei\ntags: [Rail, ${'重庆新闻'.repeat(25)}]\n---\n`, where: `error[BAD_TAG] ${A}:5`, message: /makes a URL part of 300 bytes; the most a folder's name can hold is 255/ },
    { name: 'a slug too long to be a folder\'s name', text: `---\ntitle: T\ndate: 2024-03-20\nauthor: Li Wei\nslug: ${'a'.repeat(260)}\n---\n`, where: `error[BAD_SLUG] ${A}:5:1`, message: /makes a URL part of 260 bytes/ },
    { name: 'a section too long to be a folder\'s name', text: `---\ntitle: T\ndate: 2024-03-20\nauthor: Li Wei\nsection: ${'Section '.repeat(40)}\n---\n`, where: `error[BAD_SECTION] ${A}:5:1`, message: /makes a URL part of 319 bytes/ },
    { name: 'an embargo field, which dateline does not know: the story would go out at its date', text: '---\ntitle: T\ndate: 2024-03-20\nauthor: Li Wei\nembargo: 2030-01-01 09:00\n---\n', where: `error[UNKNOWN_KEY] ${A}:5:1`, message: /`embargo: 2030-01-01 09:00` does not hold the article back in dateline[\s\S]*fix: Set `date:` to the time the embargo lifts \(`date: 2030-01-01 09:00`: a story is published at its date\)/ },
    { name: '`status: draft`, which dateline does not know', text: '---\ntitle: T\ndate: 2024-03-20\nauthor: Li Wei\nstatus: draft\n---\n', where: `error[UNKNOWN_KEY] ${A}:5:1`, message: /`status: draft` does not hold the article back[\s\S]*fix: Write `draft: true` instead of `status: draft`\./ },
    { name: 'Jekyll\'s `published: false`', text: '---\ntitle: T\ndate: 2024-03-20\nauthor: Li Wei\npublished: false\n---\n', where: `error[UNKNOWN_KEY] ${A}:5:1`, message: /fix: Write `draft: true` instead of `published: false`\./ },
    { name: 'Hugo\'s `publishDate` still to come, which dateline does not know: the story would go out now', text: '---\ntitle: T\ndate: 2024-03-20\nauthor: Li Wei\npublishDate: 2099-01-01 09:00\n---\n', where: `error[UNKNOWN_KEY] ${A}:5:1`, message: /`publishDate: 2099-01-01 09:00` does not hold the article back in dateline: it is published at its `date`, so as written it would go out now[\s\S]*fix: Set `date:` to that time \(`date: 2099-01-01 09:00`/ },
    { name: 'WordPress\'s `status: private`', text: '---\ntitle: T\ndate: 2024-03-20\nauthor: Li Wei\nstatus: private\n---\n', where: `error[UNKNOWN_KEY] ${A}:5:1`, message: /fix: Write `draft: true` instead of `status: private`\./ },
    { name: 'Hugo\'s `authors` without an `author`: the story would go out under another byline', text: '---\ntitle: T\ndate: 2024-03-20\nauthors: [Maria Lopez, Sam Chen]\n---\n', where: `error[UNKNOWN_KEY] ${A}:4:1`, message: /fix: Rename `authors` to `author` \(a list gives each name a byline: `author: \[Maria Lopez, Sam Chen\]`\)\./ },
    { name: 'Hugo\'s `url`, an old address that would break', text: '---\ntitle: T\ndate: 2024-03-20\nauthor: Li Wei\nurl: /news/2019/flood-defences-approved.html\n---\n', where: `error[UNKNOWN_KEY] ${A}:5:1`, message: /is the article's address on the old site; dateline publishes it at \/2024\/03\/20\/broken\/[\s\S]*fix: Keep the old address working with a redirect: write `aliases: \['\/news\/2019\/flood-defences-approved\.html'\]` instead of the `url` line\./ },
    { name: 'a section whose page takes the tags index\'s URL: the article\'s `section:` line', text: '---\ntitle: T\ndate: 2024-03-20\nauthor: Li Wei\nsection: Tags\n---\n', where: `error[URL_COLLISION] ${A}:5:1`, message: /the section page for "Tags" and the tags index would both be written to \/tags\/\.[\s\S]*fix: Rename the section here, or give it a `slug` of its own in the config's `sections` list/ },
    { name: 'curly quotes around a value with a colon: the fix says they are no quotes to YAML', text: '---\ntitle: “Breaking: council resigns”\ndate: 2024-03-20\nauthor: Li Wei\n---\n', where: `error[FRONT_MATTER_SYNTAX] ${A}:2`, message: /fix: Curly quotes \(“ ” ‘ ’\) are letters to YAML, not quotes: type straight quotes/ },
    { name: 'curly quotes around a date', text: '---\ntitle: T\ndate: “2024-03-20”\nauthor: Li Wei\n---\n', where: `error[BAD_DATE] ${A}:3:1`, message: /fix: Curly quotes/ },
    { name: 'no space after a colon', text: '---\ntitle: T\ndate: 2024-03-20\nauthor: Li Wei\ndraft:true\n---\n', where: `error[FRONT_MATTER_SYNTAX] ${A}:5`, message: /fix: Put a space after the colon: `draft: true`\./ },
    { name: 'a YAML alias inside its own anchor, a value that holds itself', text: '---\ntitle: T\ndate: 2024-03-20\nauthor: Li Wei\nx: &a [*a]\n---\n', where: `error[FRONT_MATTER_SYNTAX] ${A}:5:8`, message: /the value would hold itself/ },
    { name: '`draft: true` written below the closing `---`: the draft would be published, "draft: true" its first line', text: '---\ntitle: T\ndate: 2024-03-20\nauthor: Li Wei\n---\ndraft: true\n\nThe council voted.\n', where: `error[FIELD_IN_BODY] ${A}:6:1`, message: /the draft would be published[\s\S]*fix: Move `draft: true` above the closing `---` \(line 5\), with the other fields\./ },
    { name: 'tags written `  -Rail` and `  -Port`, with no space after the dash: one tag "-Rail -Port"', text: '---\ntitle: T\ndate: 2024-03-20\nauthor: Li Wei\ntags:\n  -Rail\n  -Port\n---\n\nThe council voted.\n', where: `error[DASH_WITHOUT_SPACE] ${A}:6:1`, message: /`tags` is one item, "-Rail -Port"[\s\S]*fix: Put a space after the dash on each line: `  - Rail`, `  - Port`\./ },
    { name: 'a title that starts with `! `, which YAML leaves out', text: '---\ntitle: ! Rail doubles\ndate: 2024-03-20\nauthor: Li Wei\n---\n\nThe council voted.\n', where: `error[TAG_IN_TEXT] ${A}:2:8`, message: /the "!" is left out[\s\S]*fix: Put the whole title in quotes: title: '! Rail doubles'/ },
    { name: 'quotes nested five thousand deep', text: `---\ntitle: T\ndate: 2024-03-20\nauthor: Li Wei\n---\n${'>'.repeat(5000)} deep\n`, where: `error[TOO_DEEP] ${A}:6`, message: /nested too deeply/ },
    { name: 'a list nested two thousand deep', text: `---\ntitle: T\ndate: 2024-03-20\nauthor: Li Wei\n---\n${Array.from({ length: 2000 }, (_, i) => `${'  '.repeat(i)}- x`).join('\n')}\n`, where: `error[TOO_DEEP] ${A}:106`, message: /nested too deeply/ },
  ];
  // The cases in groups, each case in a file of its own (`case-07.md` for the eighth): one build
  // of a group says each of its mistakes at its own file and line, as a build says all of them at
  // once. A build was about 0.7 s of CPU in the suite, most of it Node and dateline starting: one
  // a case was 49 of them. A group stays within the 20 messages the terminal shows in full.
  const GROUP = 10;
  const fileOf = (i: number) => `content/articles/case-${String(i).padStart(2, '0')}.md`;
  const groups = new Map<number, Promise<CliRun>>();
  const groupRun = (i: number) => {
    const g = Math.floor(i / GROUP);
    if (!groups.has(g)) groups.set(g, breakAfterGoodBuild(Object.fromEntries(cases.slice(g * GROUP, (g + 1) * GROUP).map((c, k) => [fileOf(g * GROUP + k), c.text]))));
    return groups.get(g)!;
  };
  cases.forEach((c, i) => {
    it(c.name, async () => {
      const r = await groupRun(i);
      expect(r.stderr).not.toMatch(/^… and \d+ more/m);
      // The messages that name this case's file, and only those.
      const file = fileOf(i);
      const own = r.stderr.split(/^(?=(?:error|warning)\[)/m).filter((b) => { const at = /^\w+\[\w+\] (\S+)/.exec(b)?.[1]; return at === file || at?.startsWith(`${file}:`); }).join('\n');
      expect(own).toContain(c.where.replace(A, file));
      // A message that gives the story's address (`/2024/03/20/broken/`) gives this file's.
      expect(own).toMatch(new RegExp(c.message.source.replaceAll('broken', path.basename(file, '.md')), c.message.flags));
      expect(own).toContain('fix: ');
    });
  });

  it('Hugo\'s TOML front matter: one message that says all there is to change, and the fix, followed, builds the story', async () => {
    const toml = '+++\ntitle = "Flood defences approved"\ndate = 2024-03-20T09:30:00+08:00\nauthor = "Li Wei"\ntags = ["Floods", "City Hall"]\ndraft = false\n[image]\nsrc = "/images/flood.jpg"\nalt = \'Sandbags on the river wall\'\n+++\n\nThe council voted.\n';
    const r = await breakAfterGoodBuild({ [A]: toml, 'static/images/flood.jpg': photo() });
    expect(r.stderr).toContain(`error[FRONT_MATTER_LANGUAGE] ${A}:1:1\n  The front matter is TOML, between \`+++\` lines as Hugo writes it; dateline reads YAML, between \`---\` lines.`);
    expect(r.stderr).toContain('fix: Change both `+++` lines to `---`, and write each `key = value` line as `key: value` (`title: "Flood defences approved"` for `title = "Flood defences approved"`); a table such as `[image]` becomes `image:` on a line of its own, with its lines under it indented by two spaces.');
    expect(r.stderr.match(/^error/gm)).toHaveLength(1);
    // Followed to the letter: the fences, each `key = value`, the table.
    let inTable = false;
    const yaml = toml.split('\n').map((l) => {
      if (l === '+++') return (inTable = false), '---';
      const table = /^\[(\w+)\]$/.exec(l);
      if (table) return (inTable = true), `${table[1]}:`;
      const pair = /^(\w+) = (.*)$/.exec(l);
      return pair ? `${inTable ? '  ' : ''}${pair[1]}: ${pair[2]}` : l;
    }).join('\n');
    writeFileSync(path.join(r.dir, A), yaml);
    const fixed = await dateline(['build', r.dir]);
    expect(fixed.stderr).toBe('');
    expect(fixed.code).toBe(0);
    const page = readFileSync(path.join(r.dir, 'dist/2024/03/20/broken/index.html'), 'utf8');
    expect(page).toContain('Flood defences approved');
    expect(page).toContain('Sandbags on the river wall');
    expect(existsSync(path.join(r.dir, 'dist/tags/city-hall/index.html'))).toBe(true);
  });

  it('control characters from a file are shown as codes, never sent to the terminal', async () => {
    // An escape that clears the screen, one that retitles the terminal, a bell, written into the
    // file as they are (a YAML escape for one is taken out with a warning before any message).
    const r = await breakAfterGoodBuild({ [A]: '---\ntitle: T\ndate: "\x1b[2J\x1b]0;pwned\x072024"\nauthor: Li Wei\n---\n' });
    expect(r.stderr).toContain(`error[BAD_DATE] ${A}:3:1`);
    expect(r.stderr).toContain('\\x1b[2J\\x1b]0;pwned\\x072024');
    expect(r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  });

  for (const [first, code] of [
    ['---js', `require('fs').writeFileSync(MARKER, 'evaluated'); module.exports = { title: 'x' }`],
    ['---javascript', `({ title: (require('fs').writeFileSync(MARKER, 'evaluated'), 'x') })`],
    ['---coffee', `require('fs').writeFileSync MARKER, 'evaluated'`],
    ['---constructor', `require('fs').writeFileSync(MARKER, 'evaluated')`],
  ]) {
    it(`a first line of \`${first}\` is refused and never evaluated`, async () => {
      const marker = path.join(mkdtempSync(path.join(tmpdir(), 'dateline-marker-')), 'evaluated');
      const r = await breakAfterGoodBuild({ [A]: `${first}\n${code.replace('MARKER', JSON.stringify(marker))}\n---\n\nBody.\n` });
      expect(r.stderr).toContain(`error[FRONT_MATTER_LANGUAGE] ${A}:1:1`);
      expect(r.stderr).toContain(`the first line is \`${first}\``);
      expect(existsSync(marker)).toBe(false);
    });
  }

  it('a page on the URL of a page the site writes itself: at its `slug` line, else at the closing `---` where one is to be added', async () => {
    const slug = await breakAfterGoodBuild({ 'content/pages/topics.md': '---\ntitle: Topics\nslug: tags\n---\n\nBody.\n' });
    expect(slug.stderr).toContain('error[URL_COLLISION] content/pages/topics.md:3:1\n  content/pages/topics.md and the tags index would both be written to /tags/.');
    expect(slug.stderr).toContain('fix: Give it another `slug`: /tags/ is the tags index, which the site writes itself.');
    const named = await breakAfterGoodBuild({ 'dateline.config.ts': SEARCH_CONFIG, 'content/pages/search.md': '---\ntitle: Search tips\n---\n\nBody.\n' });
    expect(named.stderr).toContain('error[URL_COLLISION] content/pages/search.md:3:1\n');
    expect(named.stderr).toContain('fix: Add a `slug` line for another URL (such as `slug: search-page`), or rename the file: /search/ is the search page, which the site writes itself.');
  });

  it('two articles with the same URL: both files named', async () => {
    const r = await breakAfterGoodBuild({
      'content/articles/2024/rail.md': md({ title: 'Another rail story', date: '2024-03-20 18:00', author: 'Li Wei' }),
    });
    expect(r.stderr).toContain('error[URL_COLLISION]');
    expect(r.stderr).toContain('content/articles/2024/rail.md and content/articles/rail.md would both be written to /2024/03/20/rail/');
  });

  it('an explicit slug that takes another article\'s URL: both files named', async () => {
    const r = await breakAfterGoodBuild({ 'content/articles/other.md': md({ title: 'Other', date: '2024-03-21 08:00', author: 'Li Wei', slug: 'port' }) });
    expect(r.stderr).toMatch(/content\/articles\/other\.md and content\/articles\/port\.md would both be written to \/2024\/03\/21\/port\/|content\/articles\/port\.md and content\/articles\/other\.md would both/);
  });

  // The site graph's checks run after parsing; they point at the list item that clashes.
  it('a tag spelled two ways that give one tag page: the file and line of the spelling that came second', async () => {
    const r = await breakAfterGoodBuild({ 'content/articles/subway.md': '---\ntitle: Subway opens\ndate: 2024-03-22\nauthor: Li Wei\ntags:\n  - Transport\n  - "RAIL!"\n---\n\nBody.\n' });
    expect(r.stderr).toContain('error[TAG_COLLISION] content/articles/subway.md:7\n');
    expect(r.stderr).toContain('The tags "Rail" (content/articles/rail.md) and "RAIL!" would both be written to /tags/rail/.');
    expect(r.stderr).toContain("fix: Spell the two tags the same way, or rename one of them (used in content/articles/rail.md, content/articles/subway.md); to keep both spellings in the articles, list one as the other's alias in the config: `tags: [{ name: 'Rail', aliases: ['RAIL!'] }]`.");
  });

  it('two articles with one feed `id`: the file and line of the second, naming the first and its line', async () => {
    const r = await breakAfterGoodBuild({
      'content/articles/ferry.md': '---\ntitle: Ferry returns\ndate: 2024-03-22\nauthor: Li Wei\nid: urn:story:0412\n---\n\nBody.\n',
      'content/articles/tram.md': '---\ntitle: Tram returns\ndate: 2024-03-23\nauthor: Li Wei\ntags: [Rail]\nid: "urn:story:0412"\n---\n\nBody.\n',
    });
    expect(r.stderr).toContain('error[ID_COLLISION] content/articles/tram.md:6\n');
    expect(r.stderr).toContain('The articles content/articles/ferry.md:5 and content/articles/tram.md have the same feed id, urn:story:0412: feed readers would take them for one story and show only one.');
    expect(r.stderr).toContain('fix: Change or delete one of the two `id`s');
  });

  // Bylines that share a page (by name or slug) are one author; only two entries of the
  // config's `authors` can clash.
  it('two authors in the config that give one author page: the config file and the line of the second', async () => {
    const config = "import { defineConfig } from 'dateline';\nexport default defineConfig({\n  title: 'Test Herald',\n  baseUrl: 'https://news.example.org/',\n  authors: [\n    { name: 'Li Wei', bio: 'Rail and ports.' },\n    { name: 'Li-Wei', bio: 'Markets.' },\n  ],\n});\n";
    const r = await breakAfterGoodBuild({ 'dateline.config.ts': config });
    expect(r.stderr).toContain('error[AUTHOR_COLLISION] dateline.config.ts:7:7\n');
    expect(r.stderr).toContain('The authors "Li Wei" and "Li-Wei" in `authors` would share the page /authors/li-wei/.');
    expect(r.stderr).toContain("> 7 |     { name: 'Li-Wei', bio: 'Markets.' },");
    expect(r.stderr).toContain('fix: Write the two names the same way if they are one person, or give one of them another `slug`.');
  });

  it('a template error: the template file and line, with a code frame', async () => {
    const r = await breakAfterGoodBuild({ 'templates/article.njk': '{% extends "base.njk" %}\n{% block main %}\n<h1>{{ article.title }}</h1>\n<p>{{ article.byline.first() }}</p>\n{% endblock %}\n' });
    expect(r.stderr).toContain('error[TEMPLATE_RENDER] templates/article.njk:4:');
    expect(r.stderr).toContain('> 4 | <p>{{ article.byline.first() }}</p>');
    expect(r.stderr).toContain('Unable to call `article["byline"]["first"]`');
    // One broken template fails every article: reported once.
    expect(r.stderr.match(/error\[TEMPLATE_RENDER\]/g)).toHaveLength(1);
  });

  it('a template syntax error names the template and its line', async () => {
    const r = await breakAfterGoodBuild({ 'templates/page.njk': '{% extends "base.njk" %}\n{% block main %}\n<h1>{{ entry.title }}</h1>\n{% if %}\n{% endblock %}\n' });
    expect(r.stderr).toContain('error[TEMPLATE_SYNTAX] templates/page.njk:4:7\n  The template templates/page.njk is not valid Nunjucks: unexpected token: %}');
    expect(r.stderr).toContain('> 4 | {% if %}');
  });

  it('an unclosed tag in a template names the template', async () => {
    const r = await breakAfterGoodBuild({ 'templates/page.njk': '{% extends "base.njk" %}\n{% block main %}\n{% if entry.title %}\n{% endblock %}\n' });
    expect(r.stderr).toMatch(/error\[TEMPLATE_SYNTAX\] templates\/page\.njk/);
  });

  it('an include of a template that does not exist', async () => {
    const r = await breakAfterGoodBuild({ 'templates/page.njk': '{% extends "base.njk" %}\n{% block main %}\n{% include "partials/missing.njk" %}\n{% endblock %}\n' });
    expect(r.stderr).toContain('error[TEMPLATE_NOT_FOUND]');
    expect(r.stderr).toContain('partials/missing.njk');
    expect(r.stderr).toContain('templates/page.njk');
  });

  it('every error of a build at once: the first 20 printed and a count of the rest', async () => {
    const files: Record<string, string> = {};
    for (let i = 1; i <= 25; i++) files[`content/articles/bad-${String(i).padStart(2, '0')}.md`] = `---\ntitle: Bad ${i}\ndate: 2024-02-${30 + (i % 2)}\nauthor: Li Wei\n---\n`;
    const r = await breakAfterGoodBuild(files);
    expect(r.stderr.match(/^error\[BAD_DATE\]/gm)).toHaveLength(20);
    expect(r.stderr).toContain('error[BAD_DATE] content/articles/bad-01.md:3:1');
    expect(r.stderr).toContain('error[BAD_DATE] content/articles/bad-20.md:3:1');
    expect(r.stderr).not.toContain('bad-21.md');
    expect(r.stderr).toContain('… and 5 more (25 in all)');
    expect(r.stderr).toContain('25 errors; nothing was written.');
  });

  it('errors of different kinds in one run are all reported, in file order', async () => {
    const r = await breakAfterGoodBuild({
      'content/articles/a.md': '',
      'content/articles/b.md': '---js\n{}\n---\n',
      'content/articles/c.md': md({ title: 'C', date: '2024-13-01', author: 'X' }),
      'content/pages/d.md': 'no front matter',
    });
    const codes = [...r.stderr.matchAll(/^error\[(\w+)\] (\S+)/gm)].map((m) => `${m[1]} ${m[2].split(':')[0]}`);
    expect(codes).toEqual(['EMPTY_FILE content/articles/a.md', 'FRONT_MATTER_LANGUAGE content/articles/b.md', 'BAD_DATE content/articles/c.md', 'NO_FRONT_MATTER content/pages/d.md']);
  });

  it('a misspelt or unsafe `layout` is reported with the content\'s other mistakes, each at its `layout:` line', async () => {
    const r = await breakAfterGoodBuild({
      'content/articles/a.md': md({ title: 'A', date: '2024-02-30', author: 'X' }),
      'content/articles/b.md': md({ title: 'B', date: '2024-03-20', author: 'X', layout: 'featur' }),
      'content/articles/c.md': md({ title: 'C', date: '2024-03-20', author: 'X', layout: '../secret' }),
    });
    const codes = [...r.stderr.matchAll(/^error\[(\w+)\] (\S+)/gm)].map((m) => `${m[1]} ${m[2]}`);
    expect(codes).toEqual(['BAD_DATE content/articles/a.md:3:1', 'TEMPLATE_NOT_FOUND content/articles/b.md:5:1', 'BAD_LAYOUT content/articles/c.md:5:1']);
    // Warnings first, then the errors, each block apart from the next.
    const withWarning = await breakAfterGoodBuild({ 'content/articles/a.md': md({ title: 'A', date: '2024-02-30', author: 'X', auther: 'Y' }) });
    expect(withWarning.stderr).toMatch(/fix: `author` is set already: keep what is right in its line and delete the `auther` line[^\n]*\n\nerror\[BAD_DATE\]/);
    expect(r.stderr).toContain('The template featur.njk does not exist, needed by content/articles/b.md.');
    expect(r.stderr).toContain('> 5 | layout: "featur"');
  });

  it('a `layout` one typo, a folder or a ".njk" away from the site\'s own layout: the fix is that name', async () => {
    const essay = '{% extends "base.njk" %}\n{% block main %}<h1>{{ article.title }}</h1>{% endblock %}\n';
    const r = await breakAfterGoodBuild({
      'templates/photo-essay.njk': essay,
      'content/articles/a.md': md({ title: 'A', date: '2024-03-20', author: 'X', layout: 'photo_essay' }),
      'content/articles/b.md': md({ title: 'B', date: '2024-03-20', author: 'X', layout: 'photo-essay.njk' }),
      'content/articles/c.md': md({ title: 'C', date: '2024-03-20', author: 'X', layout: 'templates/photo-essay' }),
      'content/articles/d.md': md({ title: 'D', date: '2024-03-20', author: 'X', layout: 'gallery' }),
      // In a folder of templates/: `layout: cover` alone would not find it (it was the fix given).
      'templates/layouts/cover.njk': essay,
      'content/articles/e.md': md({ title: 'E', date: '2024-03-20', author: 'X', layout: 'layouts/cover' }),
    });
    const codes = [...r.stderr.matchAll(/^error\[(\w+)\] (\S+)/gm)].map((m) => `${m[1]} ${m[2]}`);
    expect(codes).toEqual(['TEMPLATE_NOT_FOUND content/articles/a.md:5:1', 'BAD_LAYOUT content/articles/b.md:5:1', 'BAD_LAYOUT content/articles/c.md:5:1', 'TEMPLATE_NOT_FOUND content/articles/d.md:5:1', 'BAD_LAYOUT content/articles/e.md:5:1']);
    expect(r.stderr).toContain('fix: Write `layout: photo-essay` (templates/photo-essay.njk), or create templates/photo_essay.njk.');
    expect(r.stderr.match(/fix: Write `layout: photo-essay`: a layout is named without its folder or "\.njk", and is a template at the top of templates\/ \(templates\/photo-essay\.njk\)\./g)).toHaveLength(2);
    expect(r.stderr).toContain('fix: Write `layout: cover`: a layout is named without its folder or ".njk", and is a template at the top of templates/ (templates/cover.njk).');
    // Far from any: the site's own layouts are listed, not the theme's pages.
    expect(r.stderr).toContain('fix: Fix the `layout` name (the name of a template in templates/, without ".njk": photo-essay), or create templates/gallery.njk.');
  });

  it('a `layout` naming the theme\'s template for another kind of page (Jekyll\'s `layout: page` on a post) is an error at its line, not an empty story', async () => {
    const r = await breakAfterGoodBuild({
      'content/articles/a.md': md({ layout: 'page', title: 'A', date: '2024-03-20', author: 'X' }),
      'content/articles/b.md': md({ title: 'B', date: '2024-03-20', author: 'X', layout: 'search' }),
      'content/pages/c.md': md({ title: 'C', layout: 'article' }),
      // Its own template, named: no mistake.
      'content/pages/d.md': md({ title: 'D', layout: 'page' }),
    });
    const codes = [...r.stderr.matchAll(/^error\[(\w+)\] (\S+)/gm)].map((m) => `${m[1]} ${m[2]}`);
    expect(codes).toEqual(['WRONG_LAYOUT content/articles/a.md:2:1', 'WRONG_LAYOUT content/articles/b.md:5:1', 'WRONG_LAYOUT content/pages/c.md:3:1']);
    expect(r.stderr).toContain("`layout: page` is the theme's template for standalone pages (About Us, Contact Us): an article shown with it would be published empty.");
    expect(r.stderr).toContain('fix: Delete the `layout` line (an article has its own template, article), or name a template of your own in templates/.');
  });

  it('with --out, the previous output folder is untouched too', async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'dateline-out-')), 'public');
    const dir = writeSite(GOOD);
    expect((await cli(['build', dir, '--out', out])).code).toBe(0);
    const before = snapshot(out);
    writeFileSync(path.join(dir, A), '---\n---\n');
    const r = await cli(['build', dir, '--out', out]);
    expect(r.code).toBe(1);
    expect(snapshot(out)).toEqual(before);
    expect(readdirSync(path.dirname(out))).toEqual(['public']);
  });
});

describe.concurrent('mistakes that only warn: exit 0, file and line, the fix; exit 1 under --strict', () => {
  it('`expires` at or before `date`: the article would never be published', async () => {
    const gone = 'content/articles/gone.md';
    const dir = writeSite({ ...GOOD, [gone]: '---\ntitle: Gone before it came\ndate: 2024-03-22 09:00\nauthor: Li Wei\nexpires: 2024-03-22\n---\n\nBody.\n' });
    const r = await dateline(['build', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`warning[EXPIRES_NOT_AFTER_DATE] ${gone}:5:1`);
    expect(r.stderr).toContain('> 5 | expires: 2024-03-22');
    expect(r.stderr).toContain('never published');
    expect(r.stderr).toContain('fix: Set `expires` to the time the article is to be taken down, after `date`');
    expect(r.stdout).toMatch(/^Built 2 articles/);
    const strict = await dateline(['build', dir, '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain(`error[EXPIRES_NOT_AFTER_DATE] ${gone}:5:1`);
  });

  it('invisible control characters pasted into a title or a body: out of every page, each place named', async () => {
    const pasted = 'content/articles/pasted.md';
    // A vertical tab from a word processor, and Windows-1252 curly quotes read as Latin-1 (U+0093, U+0094).
    const dir = writeSite({ ...GOOD, [pasted]: '---\ntitle: Flood\u000b warning lifted\nsummary: "The \\x07 bell"\ndate: 2024-03-22\nauthor: Li Wei\n---\n\nThe mayor said \u0093we are safe\u0094.\n\n![Map\u0001](/images/map.png)\n' });
    const out = path.join(dir, 'dist');
    const r = await dateline(['build', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`warning[CONTROL_CHARACTER] ${pasted}:2:13\n  \`title\` holds an invisible control character: U+000B is left out.\n      1 | ---\n    > 2 | title: Flood\\x0b warning lifted\n`);
    expect(r.stderr).toContain('fix: Delete it and type the character again: it came with text pasted from another program.');
    // Written as a YAML escape: at its key, with the escape to take out.
    expect(r.stderr).toContain(`warning[CONTROL_CHARACTER] ${pasted}:3:1\n  \`summary\` holds an invisible control character: U+0007 is left out.`);
    expect(r.stderr).toContain('fix: Take the escape sequence for it out of the quoted value.');
    expect(r.stderr).toContain(`warning[CONTROL_CHARACTER] ${pasted}:8:16\n  The body holds 3 invisible control characters: U+0093 is shown as "“", as Windows-1252 reads it, and the same for the others.`);
    const page = readFileSync(path.join(out, '2024/03/22/pasted/index.html'), 'utf8');
    expect(page).toContain('<h1');
    expect(page).toContain('Flood warning lifted');
    expect(page).toContain('The mayor said “we are safe”.');
    expect(page).toContain('alt="Map"');
    for (const f of ['2024/03/22/pasted/index.html', 'index.html', 'feed.xml', 'feed.json']) {
      expect(readFileSync(path.join(out, f), 'utf8'), f).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/);
    }
    const strict = await dateline(['build', dir, '--strict']);
    expect(strict.code).toBe(1);
  });

  it('a time the clocks skip (spring forward): read as the hour after, and said so at its line', async () => {
    const early = 'content/articles/early.md';
    const config = "export default { title: 'Gazette', baseUrl: 'https://news.example.org/', timeZone: 'America/New_York' };\n";
    const dir = writeSite({ ...GOOD, 'dateline.config.ts': config, [early]: '---\ntitle: Early edition\nauthor: Li Wei\ndate: 2024-03-10 02:30\n---\n\nBody.\n' });
    const r = await dateline(['build', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`warning[DATE_IN_GAP] ${early}:4:1\n  \`date\`: 2024-03-10 02:30 does not exist in America/New_York (the clocks go forward then), so it is read as 03:30.`);
    expect(r.stderr).toContain('fix: Write the time as the clock showed it, such as `date: 2024-03-10 03:30`, or give an offset.');
    expect(readFileSync(path.join(dir, 'dist/2024/03/10/early/index.html'), 'utf8')).toContain('datetime="2024-03-10T03:30:00-04:00"');
    // The fix given silences it.
    writeFileSync(path.join(dir, early), '---\ntitle: Early edition\nauthor: Li Wei\ndate: 2024-03-10 03:30\n---\n\nBody.\n');
    const fixed = await dateline(['build', dir]);
    expect(fixed.stderr).not.toContain('DATE_IN_GAP');
  });

  it('`updated` later than now (a wrong year): said at its line, since every feed and sitemap would carry it', async () => {
    const upd = 'content/articles/upd.md';
    const dir = writeSite({ ...GOOD, [upd]: '---\ntitle: Budget revised\ndate: 2024-03-22 09:00\nauthor: Li Wei\nupdated: 2025-03-23 10:00\n---\n\nBody.\n' });
    const r = await dateline(['build', dir, '--now', '2024-03-23T12:00:00+08:00']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`warning[UPDATED_IN_FUTURE] ${upd}:5\n  \`updated\` (2025-03-23T10:00:00+08:00) is later than now (2024-03-23T12:00:00+08:00): feeds and sitemaps would announce a change that has not happened.\n  fix: Set \`updated\` to the time of the last change, or delete the line.`);
    // Once that time has come, it is a real update.
    expect((await dateline(['build', dir, '--now', '2025-03-24T12:00:00+08:00'])).stderr).not.toContain('UPDATED_IN_FUTURE');
  });

  it('raw HTML left open or nested wrong: said at the line of its tag (front matter counted), with what the page does and the fix; the fixes silence it', async () => {
    const budget = 'content/articles/budget.md';
    const front = '---\ntitle: Council passes the budget\ndate: 2024-03-22\nauthor: Li Wei\n---\n';
    const broken = [
      'The council passed the budget on Tuesday.',
      '',
      '<table>',
      '<tr><th>Item</th><th>Spend</th></tr>',
      '<tr><td>Roads</td><td>12m</td></tr>',
      '',
      'The mayor said the roads come first.',
      '',
      '- Read <a href="/files/budget.pdf">the full report.',
      '- See <a href="/2024/03/21/roads/">the <a href="/tags/roads/">roads</a> story</a>.',
      '',
      '<b>Correction: an earlier version gave the wrong figure.',
      '',
      'The budget is 12m, not 21m.</b>',
      '',
      '<iframe src="https://www.youtube.com/embed/abc" />',
      '',
      'Councillors will meet again in May.',
    ].join('\n');
    // A box opened and closed around Markdown, a blank line from each: as meant, no warning.
    const box = '---\ntitle: Fact box\ndate: 2024-03-22\nauthor: Li Wei\n---\n\n<div class="factbox">\n\n**In numbers**\n\n- 12m for roads\n\n</div>\n\nAfter the box.\n';
    // The embed's host is allowed: its only mistake is its `/>`.
    const config = DEFAULT_CONFIG.replace("pageSize: 3,", "pageSize: 3,\n  markdown: { iframeHosts: ['www.youtube.com'] },");
    const dir = writeSite({ ...GOOD, 'dateline.config.ts': config, [budget]: `${front}\n${broken}\n`, 'content/articles/box.md': box, 'static/files/budget.pdf': 'the report' });
    const r = await dateline(['build', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(STACK);
    expect(r.stderr).toContain(`warning[RAW_HTML_UNCLOSED] ${budget}:9:1\n  The \`<table>\` opened on line 9 is never closed, so everything after it on the page is moved above the table.\n       7 | The council passed the budget on Tuesday.\n       8 | \n    >  9 | <table>\n`);
    expect(r.stderr).toContain('fix: Add `</table>` where the table should end.');
    expect(r.stderr).toContain(`warning[RAW_HTML_UNCLOSED] ${budget}:15:8\n  The \`<a>\` opened on line 15 is never closed, so the rest of the list item becomes part of the link.`);
    expect(r.stderr).toContain('fix: Add `</a>` where the link text should end, inside the same list item.');
    expect(r.stderr).toContain(`warning[RAW_HTML_MISNESTED] ${budget}:16:40\n  The link (\`<a>\`) on line 16 is inside another link, opened on line 16: a link cannot hold a link, so a browser ends the outer one where this one starts.`);
    expect(r.stderr).toContain(`warning[RAW_HTML_MISNESTED] ${budget}:20:28\n  The \`</b>\` on line 20 closes nothing: the \`<b>\` opened on line 18 was already ended at the end of the paragraph, so what comes between them is not inside it.`);
    expect(r.stderr).toContain('fix: A blank line ends the paragraph and the `<b>` with it: close the `<b>` before the blank line, and open another in the next paragraph.');
    expect(r.stderr).toContain(`warning[RAW_HTML_UNCLOSED] ${budget}:22:1\n  The \`<iframe>\` opened on line 22 is never closed (HTML ignores the \`/\` in \`<iframe … />\`), so everything after it on the page is hidden.`);
    expect(r.stderr).toContain('fix: Write `</iframe>` straight after it: `<iframe …></iframe>`.');
    expect(r.stderr.match(/warning\[RAW_HTML_/g)).toHaveLength(5);
    expect(r.stderr).not.toContain('box.md');
    // What the warnings describe: the last paragraph went into the iframe, where no browser shows
    // it; the box holds its Markdown.
    expect(readFileSync(path.join(dir, 'dist/2024/03/22/budget/index.html'), 'utf8')).toMatch(/<iframe [^>]*>(?:(?!<\/iframe>)[\s\S])*Councillors will meet again/);
    expect(readFileSync(path.join(dir, 'dist/2024/03/22/box/index.html'), 'utf8')).toMatch(/<div>\s*<p><strong>In numbers<\/strong><\/p>\s*<ul>\s*<li>12m for roads<\/li>\s*<\/ul>\s*<\/div>/);
    const strict = await dateline(['build', dir, '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain(`error[RAW_HTML_UNCLOSED] ${budget}:9:1`);
    expect(strict.stderr).toContain(`error[RAW_HTML_MISNESTED] ${budget}:20:28`);
    // The fixes as given.
    const fixed = broken
      .replace('<tr><td>Roads</td><td>12m</td></tr>', '<tr><td>Roads</td><td>12m</td></tr>\n</table>')
      .replace('the full report.', 'the full report</a>.')
      .replace('<a href="/2024/03/21/roads/">the <a href="/tags/roads/">roads</a> story</a>', '<a href="/2024/03/21/roads/">the roads story</a>')
      .replace('wrong figure.', 'wrong figure.</b>')
      .replace('The budget is 12m', '<b>The budget is 12m')
      .replace('<iframe src="https://www.youtube.com/embed/abc" />', '<iframe src="https://www.youtube.com/embed/abc"></iframe>');
    writeFileSync(path.join(dir, budget), `${front}\n${fixed}\n`);
    const clean = await dateline(['build', dir, '--strict']);
    expect(clean.stderr).toBe('');
    expect(clean.code).toBe(0);
    expect(readFileSync(path.join(dir, 'dist/2024/03/22/budget/index.html'), 'utf8')).toContain('Councillors will meet again in May.');
  });

  it('curly quotes kept in a tag, a photo given as a path only, and its alt written at the top level: each said, with a fix that works', async () => {
    const photo = 'content/articles/photo.md';
    const dir = writeSite({ ...GOOD, [photo]: '---\ntitle: Harbour\ndate: 2024-03-22\nauthor: Li Wei\ntags: [“Harbour”]\nimage: /images/a.txt\nalt: Cranes at dawn\n---\n\nBody.\n' });
    const r = await dateline(['build', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`warning[CURLY_QUOTES] ${photo}:5:1\n  \`tags\` has “Harbour”, with the curly quotes as part of the name.`);
    expect(r.stderr).toContain(`warning[MISSING_ALT] ${photo}:6:1\n  The lead image has no \`alt\` text.`);
    expect(r.stderr).toContain('fix: Write `image:` on a line of its own; under it, indented by two spaces, `src: /images/a.txt` and then `alt:` with what the photo shows, each on its own line.');
    expect(r.stderr).toContain(`warning[UNKNOWN_KEY] ${photo}:7:1\n  \`alt\` belongs to the lead image: at the top level it describes nothing.`);
    // The fixes as given: straight quotes, and the photo's lines under `image:`.
    writeFileSync(path.join(dir, photo), '---\ntitle: Harbour\ndate: 2024-03-22\nauthor: Li Wei\ntags: ["Harbour"]\nimage:\n  src: /images/a.txt\n  alt: Cranes at dawn\n---\n\nBody.\n');
    const fixed = await dateline(['build', dir]);
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(fixed.stderr).toBe('');
  });

  it('a replacement character written in a UTF-8 file (wire copy has them) is text, not a file saved in another encoding', async () => {
    const wire = 'content/articles/wire.md';
    // And other things that look like mistakes and are not: a review's release date and status, a
    // line of spaces, a work's title in Japanese brackets, a file name of 70 Chinese characters.
    const cjk = `content/articles/${'重'.repeat(70)}.md`;
    const dir = writeSite({
      ...GOOD,
      [wire]: `---\ntitle: Wire copy\ndate: 2024-03-22\nauthor: Li Wei\nrelease_date: 2024-05-03\nstatus: review\ntags: [『君の名は。』, «Gilets jaunes»]\n---\n\nThe agency sent \uFFFD here.\n\n${' '.repeat(210)}\n\nEnd.\n`,
      [cjk]: md({ title: 'Long name', date: '2024-03-22', author: 'Li Wei' }),
    });
    const r = await dateline(['build', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/error|CURLY_QUOTES|TOO_DEEP/);
    expect(readFileSync(path.join(dir, 'dist/2024/03/22/wire/index.html'), 'utf8')).toContain('The agency sent \uFFFD here.');
  });

  it('`related` naming an article that does not exist: the line of that item', async () => {
    const subway = 'content/articles/subway.md';
    const dir = writeSite({ ...GOOD, [subway]: '---\ntitle: Subway opens\ndate: 2024-03-22\nauthor: Li Wei\nrelated:\n  - rail\n  - "Subway tender"\n---\n\nBody.\n' });
    const r = await dateline(['build', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`warning[RELATED_NOT_FOUND] ${subway}:7\n`);
    expect(r.stderr).toContain('`related` names "subway-tender", but no published article has that slug.');
    expect(r.stderr).toContain('fix: Use the slug of a published article');
    expect(r.stdout).toMatch(/^Built 3 articles/);
    const strict = await dateline(['build', dir, '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain(`error[RELATED_NOT_FOUND] ${subway}:7\n`);
  });
});

describe('accepted input', () => {
  it('a BOM and CRLF line endings', async () => {
    const dir = writeSite({
      ...GOOD,
      'content/articles/windows.md': '\uFEFF---\r\ntitle: Saved on Windows\r\ndate: 2024-03-22\r\nauthor: Li Wei\r\ntags: [Rail]\r\n---\r\n\r\nFirst paragraph.\r\n\r\n## A heading\r\n\r\nSecond.\r\n',
    });
    const r = await dateline(['build', dir]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const html = readFileSync(path.join(dir, 'dist', '2024', '03', '22', 'windows', 'index.html'), 'utf8');
    expect(html).toMatch(/<h1[^>]*>Saved on Windows<\/h1>/);
    expect(html).toContain('<h2 id="a-heading">A heading</h2>');
    expect(html).not.toContain('\r');
    expect(html).not.toContain('\uFEFF');
  });

  it('files and folders starting with _ or . are not content, nor is anything but .md', async () => {
    const bad = '---js\nthrow 1\n---\n';
    const dir = writeSite({ ...GOOD, 'content/_drafts/x.md': bad, 'content/articles/_notes.md': bad, 'content/.trash/y.md': bad, 'content/articles/.hidden.md': bad, 'content/articles/readme.txt': bad, 'content/articles/photo.md.bak': bad });
    const r = await dateline(['build', dir]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Built 2 articles/);
  });

  it('a story saved as .MD, .markdown, .mdx, .md.txt or .txt is not built, and a warning says how to name it', async () => {
    const story = md({ title: 'Council votes', date: '2024-03-22', author: 'Li Wei' });
    // A .txt file is a story when it starts with front matter; notes are left alone.
    const dir = writeSite({ ...GOOD, 'content/articles/Council.MD': story, 'content/articles/port.markdown': story, 'content/articles/rail.md.txt': story, 'content/articles/photo.jpg': 'jpg', 'content/articles/breaking.txt': story, 'content/articles/live.mdx': story, 'content/articles/notes.txt': 'Call the mayor back.\n' });
    const r = await dateline(['build', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Built 2 articles/);
    expect(r.stderr).toContain('warning[NOT_MARKDOWN_NAME] content/articles/Council.MD\n  content/articles/Council.MD is not built: only files whose names end in .md (in small letters) are content.\n  fix: Rename it to content/articles/Council.md to publish it.');
    expect(r.stderr).toContain('fix: Rename it to content/articles/port.md to publish it.');
    expect(r.stderr).toContain('fix: Rename it to content/articles/rail.md to publish it.');
    // A photo beside the stories is not published either.
    expect(r.stderr).toContain('warning[NOT_PUBLISHED] content/articles/photo.jpg\n  content/articles/photo.jpg is not published: files in content/ other than .md files are not copied to the site.\n  fix: Move it into static/ (static/images/photo.jpg is published as /images/photo.jpg) and link to it there.');
    expect(r.stderr).toContain('fix: Rename it to content/articles/breaking.md to publish it.');
    expect(r.stderr).toContain('fix: Rename it to content/articles/live.md to publish it.');
    expect(r.stderr).not.toContain('notes.txt');
    expect(r.stderr.match(/^warning\[/gm)).toHaveLength(6);
    expect((await dateline(['build', dir, '--strict'])).code).toBe(1);
  });

  it('a story kept as a bundle (Hugo, Eleventy: flood-defences/index.md) is named by its folder, its files are published beside it, and a Jekyll _posts folder is said to be left out', async () => {
    const story = (title: string, time: string) => md({ title, date: `2024-01-01T${time}:00Z`, author: 'Li Wei' }, '![The new wall](wall.jpg)');
    const dir = writeSite({
      ...GOOD,
      'content/posts/flood-defences/index.md': story('Flood defences', '10:00'),
      'content/posts/flood-defences/wall.jpg': 'jpg',
      'content/posts/harbour-reopens/index.md': story('Harbour reopens', '11:00'),
      'content/pages/team/index.md': md({ title: 'Our team' }),
      'content/_posts/2024-03-21-old.md': story('Old', '12:00'),
      'content/_posts/2024-03-22-older.md': story('Older', '12:00'),
    });
    const r = await dateline(['build', dir]);
    expect(r.code).toBe(0);
    // Both on one day, where each was /2024/01/01/index/ and the second collided.
    for (const p of ['2024/01/01/flood-defences/index.html', '2024/01/01/harbour-reopens/index.html', 'team/index.html']) expect(existsSync(path.join(dir, 'dist', p)), p).toBe(true);
    expect(existsSync(path.join(dir, 'dist', '2024/01/01/index'))).toBe(false);
    // The photo beside the story is published beside its page; the other story has none.
    expect(readFileSync(path.join(dir, 'dist', '2024/01/01/flood-defences/wall.jpg'), 'utf8')).toBe('jpg');
    expect(r.stderr).not.toContain('NOT_PUBLISHED] content/posts/flood-defences/wall.jpg');
    expect(r.stderr).toContain("warning[BUNDLE_FILE_MISSING] content/posts/harbour-reopens/index.md:7:17\n  wall.jpg is not in the story's folder content/posts/harbour-reopens/: its page would show a broken photo at /2024/01/01/harbour-reopens/wall.jpg.");
    expect(r.stderr).toContain('fix: Put wall.jpg in content/posts/harbour-reopens/ beside index.md, or correct the path (it is relative to that folder).');
    expect(r.stderr).toContain('warning[NOT_PUBLISHED] content/_posts\n  content/_posts/ is not built: a file or folder whose name starts with "_" is never content, and it holds 2 Markdown files.\n  fix: Rename the folder to content/posts/ (or move the files into content/articles/) to publish them.');
  });
});

describe('the site folder is a boundary', () => {
  it('a symlink to a file or folder outside the site folder is not followed', async () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'dateline-outside-'));
    writeFileSync(path.join(outside, 'secret.md'), md({ title: 'Outside secret', date: '2024-03-20', author: 'Mallory' }));
    writeFileSync(path.join(outside, 'passwd'), 'root:x:0:0');
    mkdirSync(path.join(outside, 'folder'));
    writeFileSync(path.join(outside, 'folder', 'other.md'), md({ title: 'Outside folder', date: '2024-03-20', author: 'Mallory' }));
    const dir = writeSite(GOOD);
    symlinkSync(path.join(outside, 'secret.md'), path.join(dir, 'content', 'articles', 'secret.md'));
    symlinkSync(path.join(outside, 'folder'), path.join(dir, 'content', 'articles', 'linked'));
    symlinkSync(path.join(outside, 'passwd'), path.join(dir, 'static', 'passwd.txt'));
    // A link inside the site is fine.
    symlinkSync(path.join(dir, 'static', 'images', 'a.txt'), path.join(dir, 'static', 'same.txt'));
    // One in content/ to something that would never be content (a photo) is no news at all.
    symlinkSync(path.join(outside, 'passwd'), path.join(dir, 'content', 'articles', 'logo.png'));
    const r = await dateline(['build', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Built 2 articles/);
    expect(r.stderr).toContain('warning[SYMLINK_SKIPPED] content/articles/secret.md');
    expect(r.stderr).toContain('warning[SYMLINK_SKIPPED] static/passwd.txt');
    // A folder linked into content/ is named too, not left out without a word.
    expect(r.stderr).toContain('warning[SYMLINK_SKIPPED] content/articles/linked\n  A symlink that leads outside the site folder is not followed.');
    expect(r.stderr).not.toContain('logo.png');
    const dist = snapshot(path.join(dir, 'dist'));
    expect(Object.keys(dist).join('\n')).not.toMatch(/secret|passwd|linked|other/);
    expect(Object.values(dist).filter((v) => v !== 'dir').map((v) => Buffer.from(v.split(' ')[1], 'base64').toString()).join('\n')).not.toMatch(/Outside|Mallory|root:x/);
    expect(readFileSync(path.join(dir, 'dist', 'same.txt'), 'utf8')).toBe('static file');
  });

  it('a symlink into a folder that is never content (`_embargo/`) is not followed, as the folder itself is not', async () => {
    const dir = writeSite({ ...GOOD, 'content/articles/_embargo/results.md': md({ title: 'Embargoed results', date: '2024-03-19', author: 'Li Wei' }, 'SECRET EMBARGOED TEXT') });
    symlinkSync('_embargo/results.md', path.join(dir, 'content', 'articles', 'results.md'));
    const r = await dateline(['build', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Built 2 articles/);
    expect(r.stderr).toContain('warning[SYMLINK_SKIPPED] content/articles/results.md\n  A symlink into "_embargo" is not followed');
    expect(Object.keys(snapshot(path.join(dir, 'dist'))).join('\n')).not.toMatch(/results/);
  });

  it('a symlink to nothing says so, and a warning it caused goes when the symlink goes, cache or not', async () => {
    const dir = writeSite(GOOD);
    symlinkSync('rail-old.md', path.join(dir, 'content', 'articles', 'renamed.md'));
    symlinkSync(path.join(dir, 'static', 'gone.txt'), path.join(dir, 'static', 'host.txt'));
    const r = await dateline(['build', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('warning[SYMLINK_SKIPPED] content/articles/renamed.md\n  A symlink whose target does not exist is skipped.');
    expect(r.stderr).toContain('warning[SYMLINK_SKIPPED] static/host.txt\n  A symlink whose target does not exist is skipped.');
    // Both removed: the next build (from the cache, nothing else changed) repeats neither.
    rmSync(path.join(dir, 'content', 'articles', 'renamed.md'));
    rmSync(path.join(dir, 'static', 'host.txt'));
    const again = await dateline(['build', dir]);
    expect(again.code).toBe(0);
    expect(again.stderr).toBe('');
  });

  it('content/ or static/ as a symlink to a folder outside: an error, and dist/ untouched', async () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'dateline-outside-'));
    mkdirSync(path.join(outside, 'content'));
    writeFileSync(path.join(outside, 'content', 'secret.md'), md({ title: 'Outside secret', date: '2024-03-20', author: 'Mallory' }));
    mkdirSync(path.join(outside, 'static'));
    writeFileSync(path.join(outside, 'static', 'passwd'), 'root:x:0:0');
    for (const folder of ['content', 'static']) {
      const dir = writeSite(GOOD);
      expect((await dateline(['build', dir])).code).toBe(0);
      const before = snapshot(path.join(dir, 'dist'));
      (await import('node:fs')).rmSync(path.join(dir, folder), { recursive: true });
      symlinkSync(path.join(outside, folder), path.join(dir, folder));
      const r = await dateline(['build', dir]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`error[SYMLINK_OUTSIDE] ${folder}`);
      expect(snapshot(path.join(dir, 'dist'))).toEqual(before);
    }
  });

  it('with --no-cache, nothing at all is written outside the output folder', async () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'dateline-bound-'));
    const dir = writeSite(GOOD, path.join(parent, 'site'));
    const siteBefore = snapshot(dir);
    expect((await dateline(['build', dir, '--out', path.join(parent, 'out'), '--no-cache'])).code).toBe(0);
    expect(readdirSync(parent).sort()).toEqual(['out', 'site']);
    expect(snapshot(dir)).toEqual(siteBefore);
  });

  it('nothing is written outside the output folder but the build cache', async () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'dateline-bound-'));
    const dir = writeSite(GOOD, path.join(parent, 'site'));
    mkdirSync(path.join(parent, 'site'), { recursive: true });
    writeSite({ ...GOOD, 'content/articles/evil.md': md({ title: 'Evil', date: '2024-03-20', author: 'x', slug: '../../../../../../tmp/evil' }) }, dir);
    const out = path.join(parent, 'out');
    const r = await dateline(['build', dir, '--out', out]);
    expect(r.code).toBe(1);
    expect(readdirSync(parent).sort()).toEqual(['site']);
    writeFileSync(path.join(dir, 'content', 'articles', 'evil.md'), md({ title: 'Fine', date: '2024-03-20', author: 'x' }));
    const withoutCache = (s: Record<string, string>) => Object.fromEntries(Object.entries(s).filter(([p]) => !p.startsWith('.dateline-cache')));
    const siteBefore = withoutCache(snapshot(dir));
    expect((await dateline(['build', dir, '--out', out])).code).toBe(0);
    expect(readdirSync(parent).sort()).toEqual(['out', 'site']);
    expect(withoutCache(snapshot(dir))).toEqual(siteBefore);
  });
});

describe('a file name that is not UTF-8 (a photographer\'s zip, an old tool)', () => {
  /** `<dir>/<rel prefix>é<rest>`, with é written as the one Latin-1 byte 0xE9. */
  const latin1 = (dir: string, prefix: string, rest: string) => Buffer.concat([Buffer.from(path.join(dir, prefix)), Buffer.from([0xe9]), Buffer.from(rest)]);

  it('is an error naming the file or folder, exit 1, nothing written: no internal error, also on a cached build', async () => {
    const dir = writeSite(GOOD);
    expect((await cli(['build', dir])).code).toBe(0);
    const before = snapshot(path.join(dir, 'dist'));
    writeFileSync(latin1(dir, 'static/images/caf', '.jpg'), 'photo');
    mkdirSync(latin1(dir, 'static/ph', ''));
    writeFileSync(Buffer.concat([latin1(dir, 'static/ph', ''), Buffer.from('/a.jpg')]), 'photo');
    writeFileSync(latin1(dir, 'content/articles/caf', '.md'), md({ title: 'Café opens', date: '2024-03-22', author: 'Li Wei' }));
    for (const args of [['build', dir], ['build', dir, '--no-cache', '-o', path.join(dir, 'fresh')]]) {
      const r = await cli(args);
      expect(r.code).toBe(1);
      expect(r.stderr).not.toMatch(STACK);
      expect(r.stderr).not.toContain('internal error');
      expect([...r.stderr.matchAll(/^error\[(\w+)\] (\S+)$/gm)].map((m) => [m[1], m[2]])).toEqual([
        ['NAME_NOT_UTF8', 'content/articles/caf\uFFFD.md'],
        ['NAME_NOT_UTF8', 'static/images/caf\uFFFD.jpg'],
        ['NAME_NOT_UTF8', 'static/ph\uFFFD'],
      ]);
      expect(r.stderr).toContain('The file static/images/caf\uFFFD.jpg has a name that is not UTF-8 text (the \uFFFD stands for what could not be read), so it cannot be published.');
      expect(r.stderr).toContain('The folder static/ph\uFFFD has a name that is not UTF-8 text (the \uFFFD stands for what could not be read), so nothing in it can be published.');
    }
    expect(snapshot(path.join(dir, 'dist'))).toEqual(before);
    expect(existsSync(path.join(dir, 'fresh'))).toBe(false);
  });
});

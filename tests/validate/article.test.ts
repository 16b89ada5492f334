import { describe, expect, it } from 'vitest';
import { parseFrontMatter } from '../../src/parse/front-matter.js';
import { validateFrontMatter } from '../../src/validate/article.js';

const FILE = 'content/articles/2024/rail-freight.md';

function check(front: string, options: { kind?: 'article' | 'page'; defaultAuthor?: string; file?: string } = {}) {
  const text = `---\n${front}\n---\n\nBody.\n`;
  const fm = parseFrontMatter(options.file ?? FILE, text);
  if (!fm.result) throw new Error(JSON.stringify(fm.diagnostics));
  return validateFrontMatter(fm.result, { file: options.file ?? FILE, text, kind: options.kind ?? 'article', timeZone: 'Asia/Shanghai', defaultAuthor: options.defaultAuthor });
}
const errors = (r: ReturnType<typeof check>) => r.diagnostics.filter((d) => d.severity === 'error');
const warnings = (r: ReturnType<typeof check>) => r.diagnostics.filter((d) => d.severity === 'warning');
const BASE = 'title: Rail freight doubles\ndate: 2024-03-20\nauthor: Li Wei';

describe('article front matter: required fields', () => {
  it('title, date and author make an article; the slug comes from the file name', () => {
    const r = check(BASE);
    expect(r.diagnostics).toEqual([]);
    expect(r.meta).toMatchObject({ title: 'Rail freight doubles', slug: 'rail-freight', authors: ['Li Wei'], tags: [], draft: false, extra: {} });
    expect(r.meta!.date!.iso).toBe('2024-03-20T00:00:00+08:00');
  });

  it('a headline past 160 characters (a Chinese one past 80) is warned as a paragraph pasted into `title`', () => {
    const para = 'Rescue teams reached the village of Wulong before dawn on Thursday after a night-long landslide cut the only road, and officials said forty-two residents were safe while six remained missing';
    const long = check(`title: "${para}"\nslug: wulong\ndate: 2024-03-20\nauthor: Li Wei`);
    expect(long.meta).toBeDefined();
    expect(warnings(long).map((d) => [d.code, d.line, d.message])).toEqual([['LONG_HEADLINE', 2, `The headline is ${para.length} characters long, more than a headline runs: it may be the first paragraph pasted into \`title\`.`]]);
    // A long but real headline, with its column label, is none.
    expect(check('title: "Chongqing\'s carmakers bet on Europe as rail freight doubles and new routes open through Central Asia丨Insights"\ndate: 2024-03-20\nauthor: Li Wei').diagnostics).toEqual([]);
    // Chinese: 81 characters is past it, 60 is not.
    expect(warnings(check(`title: ${'山'.repeat(81)}\nslug: shan\ndate: 2024-03-20\nauthor: Li Wei`)).map((d) => d.code)).toEqual(['LONG_HEADLINE']);
    expect(check(`title: ${'山'.repeat(60)}\nslug: shan\ndate: 2024-03-20\nauthor: Li Wei`).diagnostics).toEqual([]);
    // At the limit and one past it: 80 Chinese characters are 160, as are 160 letters; the
    // ideographs past U+FFFF (two UTF-16 units each) count two as well, not four.
    const codes = (title: string) => warnings(check(`title: ${title}\nslug: shan\ndate: 2024-03-20\nauthor: Li Wei`)).map((d) => d.code);
    expect(codes('山'.repeat(80))).toEqual([]);
    expect(codes('a'.repeat(160))).toEqual([]);
    expect(codes('a'.repeat(161))).toEqual(['LONG_HEADLINE']);
    expect(codes('𠀀'.repeat(80))).toEqual([]);
    expect(codes('𠀀'.repeat(81))).toEqual(['LONG_HEADLINE']);
    expect(codes(`${'山'.repeat(79)}ab`)).toEqual([]);
    expect(codes(`${'山'.repeat(79)}abc`)).toEqual(['LONG_HEADLINE']);
  });

  it('each missing field is its own error, all reported at once', () => {
    const r = check('summary: only this');
    expect(r.meta).toBeUndefined();
    expect(errors(r).map((d) => [d.code, d.message])).toEqual([
      ['MISSING_FIELD', '`title` is missing.'],
      ['MISSING_FIELD', '`date` is missing.'],
      ['MISSING_FIELD', '`author` is missing.'],
    ]);
    for (const d of errors(r)) {
      // At the closing `---`, where the field is to be added.
      expect(d).toMatchObject({ file: FILE, line: 3, column: 1 });
      expect(d.frame).toContain('> 3 | ---');
      expect(d.hint).toBeTruthy();
    }
  });

  it('an empty title is missing', () => {
    expect(errors(check('title: "  "\ndate: 2024-03-20\nauthor: Li Wei'))[0]).toMatchObject({ code: 'MISSING_FIELD', line: 2 });
  });

  it('the configured default author fills a missing byline', () => {
    expect(check('title: T\ndate: 2024-03-20', { defaultAuthor: 'Newsroom Staff' }).meta!.authors).toEqual(['Newsroom Staff']);
  });

  it('several bylines as a list', () => {
    expect(check('title: T\ndate: 2024-03-20\nauthor: [Li Wei, Anna Schmidt]').meta!.authors).toEqual(['Li Wei', 'Anna Schmidt']);
    expect(check('title: T\ndate: 2024-03-20\nauthor:\n  - Li Wei\n  - 王芳').meta!.authors).toEqual(['Li Wei', '王芳']);
  });

  it('a standalone page needs only a title', () => {
    const r = check('title: About Us', { kind: 'page', file: 'content/pages/about-us.md' });
    expect(r.diagnostics).toEqual([]);
    expect(r.meta).toMatchObject({ title: 'About Us', slug: 'about-us' });
  });
});

describe('article front matter: dates', () => {
  it('date, date-time, with and without offset', () => {
    const iso = (d: string) => check(`title: T\ndate: ${d}\nauthor: A`).meta!.date!.iso;
    expect(iso('2024-03-20')).toBe('2024-03-20T00:00:00+08:00');
    expect(iso('2024-03-20 09:30')).toBe('2024-03-20T09:30:00+08:00');
    expect(iso('2024-03-20T09:30:00+02:00')).toBe('2024-03-20T15:30:00+08:00');
    expect(iso('"2024-03-20T01:30:00Z"')).toBe('2024-03-20T09:30:00+08:00');
  });

  it('an impossible or unparsable date is an error at the line of `date`', () => {
    for (const d of ['2024-02-30', 'next tuesday']) {
      const e = errors(check(`title: T\ndate: ${d}\nauthor: A`));
      expect(e).toHaveLength(1);
      expect(e[0]).toMatchObject({ code: 'BAD_DATE', file: FILE, line: 3, column: 1 });
      expect(e[0].message).toContain(d);
      expect(e[0].frame).toContain(`> 3 | date: ${d}`);
    }
  });

  it('a date typed the Chinese way (年月日, 时分, full-width digits, colon or space) is an error whose fix is the date as dateline reads it', () => {
    const cases: [string, string][] = [
      ['2024年3月20日', 'date: 2024-03-20'],
      ['2024年3月20日 14时05分', 'date: 2024-03-20 14:05'],
      ['2024-03-20 14：05', 'date: 2024-03-20 14:05'],
      ['2024-03-20\u300014:05', 'date: 2024-03-20 14:05'],
      ['２０２４-０３-２０', 'date: 2024-03-20'],
      ['2024/3/20 9:30', 'date: 2024-03-20 09:30'],
      // Not the Chinese way, but not the form dateline reads either: the same fix.
      ['2024-3-20', 'date: 2024-03-20'],
    ];
    for (const [typed, fix] of cases) {
      const e = errors(check(`title: T\ndate: ${typed}\nauthor: A`));
      expect(e, typed).toHaveLength(1);
      expect(e[0], typed).toMatchObject({ code: 'BAD_DATE', line: 3, hint: `Write it as YYYY-MM-DD HH:MM, in ASCII digits: \`${fix}\`.` });
    }
    // One that is no real date keeps the general fix; so does 下午 (the 12-hour clock), which is not guessed.
    for (const typed of ['2024年2月30日', '2024年3月20日 下午2点']) expect(errors(check(`title: T\ndate: ${typed}\nauthor: A`))[0].hint, typed).toBe('Use a real date as YYYY-MM-DD, optionally with a time (HH:MM) and an offset (+08:00).');
  });

  it('updated is checked the same way; earlier than date is a warning', () => {
    expect(errors(check(`${BASE}\nupdated: 2024-02-31`))[0]).toMatchObject({ code: 'BAD_DATE', line: 5 });
    expect(warnings(check(`${BASE}\nupdated: 2024-03-19`))[0]).toMatchObject({ code: 'UPDATED_BEFORE_DATE', line: 5 });
  });

  it('`expires` at or before `date` is a warning at the line of `expires`: the article would never be published', () => {
    for (const expires of ['2024-03-19', '2024-03-20', '2024-03-20T00:00:00+08:00']) {
      const w = warnings(check(`${BASE}\nsummary: S\nexpires: ${expires}`));
      expect(w, expires).toHaveLength(1);
      expect(w[0]).toMatchObject({ code: 'EXPIRES_NOT_AFTER_DATE', file: FILE, line: 6, column: 1 });
      expect(w[0].message).toContain('never published');
      expect(w[0].frame).toContain(`> 6 | expires: ${expires}`);
      expect(w[0].hint).toContain('after `date`');
    }
    // Later than `date`, even by a minute, is fine; so is a page, which never expires.
    expect(check(`${BASE}\nexpires: 2024-03-20 00:01`).diagnostics).toEqual([]);
    expect(check('title: About Us\ndate: 2024-03-20\nexpires: 2024-03-01', { kind: 'page', file: 'content/pages/about-us.md' }).diagnostics).toEqual([]);
  });
});

describe('article front matter: tags, slug, image, draft', () => {
  it('tags as a list or as a comma-separated string', () => {
    expect(check(`${BASE}\ntags: [Rail, 重庆, Trade]`).meta!.tags).toEqual(['Rail', '重庆', 'Trade']);
    expect(check(`${BASE}\ntags: Rail, 重庆 ,Trade,`).meta!.tags).toEqual(['Rail', '重庆', 'Trade']);
    expect(check(`${BASE}\ntags:\n  - Rail\n  - 2024`).meta!.tags).toEqual(['Rail', '2024']);
    expect(check(`${BASE}\ntags: 重庆，铁路、贸易`).meta!.tags).toEqual(['重庆', '铁路', '贸易']);
    // Inside a list, and with a semicolon: one tag never holds them.
    expect(check(`${BASE}\ntags: [天气，武隆, Rail]`).meta!.tags).toEqual(['天气', '武隆', 'Rail']);
    expect(check(`${BASE}\ntags:\n  - Weather; Wulong\n  - 山城、火锅`).meta!.tags).toEqual(['Weather', 'Wulong', '山城', '火锅']);
    expect(check(`${BASE}\ntags: Weather; Wulong`).meta!.tags).toEqual(['Weather', 'Wulong']);
    expect(errors(check(`${BASE}\ntags: {a: 1}`))[0]).toMatchObject({ code: 'BAD_FIELD', line: 5 });
  });

  it('a tag that slugs to nothing is an error', () => {
    expect(errors(check(`${BASE}\ntags: [Rail, "!!!"]`))[0]).toMatchObject({ code: 'BAD_TAG', line: 5 });
  });

  it('a byline or section that slugs to nothing is an error on its line', () => {
    expect(errors(check('title: T\ndate: 2024-03-20\nauthor: "***"'))[0]).toMatchObject({ code: 'BAD_AUTHOR', line: 4 });
    expect(errors(check(`${BASE}\nsection: "---"`))[0]).toMatchObject({ code: 'BAD_SECTION', line: 5 });
  });

  it('a slug with /, \\ or .. is an error on the slug line', () => {
    for (const slug of ['2024/story', 'a\\\\b', '..', '../../etc/passwd', 'a..b']) {
      const e = errors(check(`${BASE}\nslug: "${slug}"`));
      expect(e, slug).toHaveLength(1);
      expect(e[0]).toMatchObject({ code: 'BAD_SLUG', file: FILE, line: 5 });
    }
  });

  it('an explicit slug is slugged; a title with no letters or digits is an error, whatever the file name', () => {
    expect(check(`${BASE}\nslug: Rail Freight 2024`).meta!.slug).toBe('rail-freight-2024');
    for (const file of ['content/---.md', 'content/rail.md']) {
      const e = errors(check('title: "!!! ???"\ndate: 2024-03-20\nauthor: A', { file }));
      expect(e, file).toHaveLength(1);
      expect(e[0]).toMatchObject({ code: 'BAD_TITLE', line: 2 });
      expect(e[0].message).toContain('"!!! ???"');
    }
  });

  it('an empty title or byline is an error that says so, once; an empty byline takes the default author', () => {
    for (const title of ['""', '', "'  '"]) {
      const e = errors(check(`title: ${title}\ndate: 2024-03-20\nauthor: A`));
      expect(e, title).toHaveLength(1);
      expect(e[0]).toMatchObject({ code: 'MISSING_FIELD', line: 2, message: '`title` is empty.' });
    }
    const list = errors(check('title: [a, b]\ndate: 2024-03-20\nauthor: A'));
    expect(list.map((x) => x.code)).toEqual(['BAD_FIELD']);
    for (const author of ['""', '[]', '']) {
      const e = errors(check(`title: T\ndate: 2024-03-20\nauthor: ${author}`));
      expect(e, author).toHaveLength(1);
      expect(e[0]).toMatchObject({ code: 'MISSING_FIELD', line: 4, message: '`author` is empty.' });
      expect(check(`title: T\ndate: 2024-03-20\nauthor: ${author}`, { defaultAuthor: 'Newsroom Staff' }).meta!.authors).toEqual(['Newsroom Staff']);
    }
  });

  it('a bad tag or byline in a list of one a line is put on its own line', () => {
    const e = errors(check('title: T\ndate: 2024-03-20\nauthor:\n  - Li Wei\n  - "??"\ntags:\n  - Rail\n  - "#"\n'));
    expect(e.map((x) => [x.code, x.line])).toEqual([['BAD_TAG', 9], ['BAD_AUTHOR', 6]]);
    expect(errors(check('title: T\ndate: 2024-03-20\nauthor: A\ntags: [Rail, "#"]'))[0]).toMatchObject({ code: 'BAD_TAG', line: 5 });
  });

  it('a front-matter key named like a property of every object is an ordinary unknown key', () => {
    const r = check(`${BASE}\nconstructor: x\n__proto__: z\ntoString: y`);
    const warnings = r.diagnostics.filter((x) => x.code === 'UNKNOWN_KEY');
    expect(warnings.map((w) => w.line)).toEqual(warnings.map((w) => (w.message.includes('constructor') ? 5 : w.message.includes('__proto__') ? 6 : 7)));
    for (const w of r.diagnostics) expect(`${w.message} ${w.hint} ${w.line}`).not.toMatch(/native code|\[object Object\]/);
    expect(r.meta!.extra).toMatchObject({ constructor: 'x', toString: 'y' });
  });

  it('image as a path or a mapping; a script URL is refused', () => {
    expect(check(`${BASE}\nimage: /images/a.jpg`).meta!.image).toEqual({ src: '/images/a.jpg', alt: '', caption: undefined, credit: undefined });
    expect(check(`${BASE}\nimage:\n  src: /images/a.jpg\n  alt: Cranes\n  caption: At the port\n  credit: Li Wei`).meta!.image).toEqual({ src: '/images/a.jpg', alt: 'Cranes', caption: 'At the port', credit: 'Li Wei' });
    // At the line of `src:` itself.
    expect(errors(check(`${BASE}\nimage:\n  src: " JavaScript:alert(1)"`))[0]).toMatchObject({ code: 'BAD_FIELD', line: 6 });
    expect(errors(check(`${BASE}\nimage:\n  alt: no src`))[0]).toMatchObject({ code: 'BAD_FIELD', line: 5 });
    // Nothing a reader's browser cannot load: another scheme, or a path on the editor's own computer.
    for (const src of ["'C:\\Users\\me\\photo.jpg'", 'file:///Users/me/photo.jpg', 'ftp://example.org/photo.jpg', 'mailto:desk@example.org', "'images\\photo.jpg'"]) {
      expect(errors(check(`${BASE}\nimage:\n  src: ${src}`))[0], src).toMatchObject({ code: 'BAD_FIELD', line: 6 });
    }
    expect(errors(check(`${BASE}\nimage:\n  alt: A\n  src: /images/a.jpg\n  crops: [file:///a.jpg]`))[0]).toMatchObject({ code: 'BAD_FIELD', line: 8 });
    expect(errors(check(`${BASE}\nimage: 'C:\\a.jpg'`))[0]).toMatchObject({ code: 'BAD_FIELD', line: 5 });
    for (const src of ['https://cdn.example.org/a.jpg', 'HTTP://cdn.example.org/a.jpg', '//cdn.example.org/a.jpg', 'images/a.jpg', '/images/a:b.jpg']) {
      expect(check(`${BASE}\nimage:\n  src: ${src}`).meta!.image!.src, src).toBe(src);
    }
  });

  it('draft must be true or false', () => {
    expect(check(`${BASE}\ndraft: true`).meta!.draft).toBe(true);
    expect(errors(check(`${BASE}\ndraft: "yes"`))[0]).toMatchObject({ code: 'BAD_FIELD', line: 5 });
  });
});

describe('article front matter: a number where text is meant', () => {
  it('is kept as written, not as YAML reads the number (1.10 is not 1.1, 0123 not 123)', () => {
    const r = check('title: 1.10\ndate: 2024-03-20\nauthor: Li Wei\nslug: 0123\nsection: 2024 # the year\ndateline: 0800\nsummary: 12345678901234567890\neditorsNote: TRUE\nimage:\n  src: /images/a.jpg\n  alt: 1e3\n  caption: 0x1F');
    expect(r.diagnostics).toEqual([]);
    expect(r.meta).toMatchObject({ title: '1.10', slug: '0123', section: '2024', dateline: '0800', summary: '12345678901234567890', editorsNote: 'TRUE' });
    expect(r.meta!.image).toMatchObject({ alt: '1e3', caption: '0x1F' });
    // Written on the next line, it is read as YAML reads it.
    expect(check('title:\n  1.10\ndate: 2024-03-20\nauthor: Li Wei').meta!.title).toBe('1.1');
  });
});

describe('article front matter: where each item of a list is written', () => {
  it('a list on the key\'s line: every item has that line', () => {
    expect(check(`${BASE}\ntags: [Rail, Port]\nrelated: rail-map, port-map`).meta!.lines).toEqual({ tags: 5, related: 6 });
    expect(check(`${BASE}\ntags: [Rail]`).meta!.lines).toEqual({ tags: 5 });
    expect(check(BASE).meta!.lines).toEqual({});
  });

  it('one item a line (indented or not, quoted or not): each item has its own line', () => {
    const r = check('title: T\ndate: 2024-03-20\nauthor: Li Wei\ntags:\n- Rail\n# a comment\n- \'Port\'\nrelated:\n  - "重庆 rail map"\n  - Port Map\nsummary: S');
    expect(r.meta).toMatchObject({ tags: ['Rail', 'Port'], related: ['重庆-rail-map', 'port-map'] });
    expect(r.meta!.lines).toEqual({ tags: [6, 8], related: [10, 11] });
  });

  it('an item the line search cannot match has the key\'s line', () => {
    expect(check(`${BASE}\ntags:\n  - Rail  # trunk line\n  - "Port" # sea\n  - "Ferry\\x21"`).meta!).toMatchObject({ tags: ['Rail', 'Port', 'Ferry!'], lines: { tags: [6, 7, 5] } });
  });
});

describe('article front matter: `id`', () => {
  it('is kept as written (trimmed), with its line; a path, a URI or a name', () => {
    for (const id of ['/2024/03/20/old-slug/', 'https://news.example.org/2024/03/20/old-slug/', 'urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66', 'rail-0412', 'cms/4120#重庆']) {
      const r = check(`${BASE}\nid: "  ${id} "`);
      expect(r.diagnostics, id).toEqual([]);
      expect(r.meta).toMatchObject({ id, lines: { id: 5 }, extra: {} });
    }
    expect(check(BASE).meta!.id).toBeUndefined();
    expect(check(BASE).meta!.lines).toEqual({});
    // A whole number (a CMS export's id) is its decimal text; YAML drops the zeros of 0412.
    expect(check(`${BASE}\nid: 1234`).meta!.id).toBe('1234');
    expect(check(`${BASE}\nid: 0412`).meta!.id).toBe('412');
  });

  for (const [value, message] of [
    ['', '`id` is empty.'],
    ['"   "', '`id` is empty.'],
    ['4.5', '`id` must be text; YAML read it as the number 4.5.'],
    ['true', '`id` must be text; YAML read it as the boolean true.'],
    ['[a, b]', '`id` must be text, found a list.'],
    ['rail 0412', 'The id "rail 0412" contains a space or a control character.'],
    ['"rail\\t0412"', 'contains a space or a control character.'],
    ['/2024/../old/', 'The id "/2024/../old/" contains a "." or ".." segment.'],
    ['//evil.example/x', 'starts with "//"'],
    ['"https://x.example/<b>"', 'has a character no URI may hold'],
  ]) {
    it(`\`id: ${value}\` is an error at its line, with the fix`, () => {
      const r = check(`${BASE}\nid: ${value}`);
      expect(r.meta).toBeUndefined();
      const [d] = errors(r);
      expect(d).toMatchObject({ code: 'BAD_ID', file: FILE, line: 5, column: 1 });
      expect(d.message).toContain(message);
      expect(d.frame).toContain('> 5 | id:');
      expect(d.hint).toBeTruthy();
    });
  }

  it('`guid` is taken for a mistake for `id`; a short key such as `kind` or `hide` is not', () => {
    expect(warnings(check(`${BASE}\nguid: x`))[0].message).toContain('did you mean `id`?');
    expect(warnings(check(`${BASE}\nID: x`))[0].message).toContain('did you mean `id`?');
    expect(warnings(check(`${BASE}\nkind: analysis\nhide: true\nidea: x`))).toEqual([]);
  });
});

describe('article front matter: unknown keys', () => {
  it('are kept in `extra`, with their values as written', () => {
    const r = check(`${BASE}\nkicker: Exclusive\nsource_count: 3\nbox:\n  heading: Facts`);
    expect(r.meta!.extra).toEqual({ kicker: 'Exclusive', source_count: 3, box: { heading: 'Facts' } });
    expect(warnings(r)).toEqual([]);
  });

  for (const [key, likely, value] of [
    ['tag', 'tags', 'Rail'],
    ['authors', 'author', 'Li Wei'],
    ['Date', 'date', '2024-03-21'],
    ['Title', 'title', 'x'],
    ['sumary', 'summary', 'x'],
    ['byline', 'author', 'x'],
    ['categories', 'section', 'x'],
  ]) {
    it(`\`${key}\` gets a warning naming the file, its line and \`${likely}\``, () => {
      const r = check(`${BASE}\n${key}: ${value}`);
      const w = warnings(r);
      expect(w).toHaveLength(1);
      expect(w[0]).toMatchObject({ code: 'UNKNOWN_KEY', file: FILE, line: 5 });
      expect(w[0].message).toContain(`\`${key}\``);
      expect(w[0].message).toContain(`\`${likely}\``);
      expect(r.meta!.extra[key]).toBeDefined();
    });
  }
});

describe('article front matter: a # in a field of words', () => {
  it('is an error where a plain value would be published cut short by a YAML comment, at the #, with the value in quotes as the fix', () => {
    const r = check('title: Tigers are #1 again\ndate: 2024-03-20\nauthor: A\nsummary: "Quoted # is text"\nimage:\n  src: /a.jpg\n  alt: Fans\n  credit: Photo #3\ntags: [a] # a comment after a list is fine\ndraft: false # so is one after a flag');
    // Nothing is published: not the headline "Tigers are".
    expect(r.meta).toBeUndefined();
    const w = r.diagnostics.filter((d) => d.code === 'COMMENT_IN_TEXT');
    expect(w.map((d) => [d.severity, d.line, d.column])).toEqual([['error', 2, 19], ['error', 9, 17]]);
    expect(w[0].frame).toContain('> 2 | title: Tigers are #1 again');
    expect(w[0].message).toBe('`title` ends at "Tigers are": in YAML a space and # start a comment, so "#1 again" is left out.');
    expect(w[0].hint).toBe("Put the whole title in quotes: title: 'Tigers are #1 again'");
    expect(w[1].hint).toBe("Put the whole credit in quotes: credit: 'Photo #3'");
  });

  it('for each field that is published (title, summary, dateline, the photo\'s caption, credit, alt); followed, the fix publishes the whole text', () => {
    for (const [line, front] of [
      ['summary: Why #MeToo came late here', 'title: T\ndate: 2024-03-20\nauthor: A\nsummary: Why #MeToo came late here'],
      ['dateline: PIER #4', 'title: T\ndate: 2024-03-20\nauthor: A\ndateline: PIER #4'],
      ['  caption: Gate #2 at dawn', 'title: T\ndate: 2024-03-20\nauthor: A\nimage:\n  src: /a.jpg\n  alt: A gate\n  caption: Gate #2 at dawn'],
      ['  alt: Runner #7 crossing', 'title: T\ndate: 2024-03-20\nauthor: A\nimage:\n  src: /a.jpg\n  alt: Runner #7 crossing'],
    ]) {
      const r = check(front);
      expect(r.meta, line).toBeUndefined();
      const [e] = errors(r);
      expect(e, line).toMatchObject({ code: 'COMMENT_IN_TEXT', file: FILE });
      expect(e.frame, line).toContain(`| ${line}`);
      const fixed = check(front.replace(line.trim(), e.hint!.replace(/^Put the whole \w+ in quotes: /, '')));
      expect(fixed.diagnostics, line).toEqual([]);
      expect(JSON.stringify(fixed.meta), line).toContain(line.trim().replace(/^\w+: /, ''));
    }
    // At the top level the photo's fields publish nothing (their own warning says so), nor a
    // `title` under a key of the site's own: there it stays a warning.
    for (const front of ['title: T\ndate: 2024-03-20\nauthor: A\ncaption: Gate #2', 'title: T\ndate: 2024-03-20\nauthor: A\nseo:\n  title: Tigers #1']) {
      const r = check(front);
      expect(errors(r), front).toEqual([]);
      expect(r.diagnostics.find((d) => d.code === 'COMMENT_IN_TEXT')?.severity, front).toBe('warning');
    }
  });

  it('a correction written as a list item is cut the same way: an error at the `#`, whose fix reads back whole', () => {
    const front = "title: T\ndate: 2024-03-20\nauthor: A\ncorrections:\n  - The #2 pick was Li's\n  - date: 2024-03-21\n    text: Fine\n  - 'Quoted #3' # a note";
    const r = check(front);
    expect(r.meta).toBeUndefined();
    expect(errors(r).map((d) => [d.code, d.line, d.column, d.message, d.hint])).toEqual([
      ['COMMENT_IN_TEXT', 6, 9, 'The correction ends at "The": in YAML a space and # start a comment, so "#2 pick was Li\'s" is left out.', "Put the whole correction in quotes: - 'The #2 pick was Li''s'"],
    ]);
    const fixed = check(front.replace("- The #2 pick was Li's", errors(r)[0].hint!.replace(/^Put the whole correction in quotes: /, '')));
    expect(fixed.diagnostics).toEqual([]);
    expect(fixed.meta!.corrections!.map((c) => c.text).sort()).toEqual(['Fine', 'Quoted #3', "The #2 pick was Li's"]);
    // A list under another key is the site's own, and tags are names: not checked here.
    expect(check('title: T\ndate: 2024-03-20\nauthor: A\nnotes:\n  - Gate #2').diagnostics).toEqual([]);
  });

  it('an expiry or update date written straight after a # is a comment: the story would never come down', () => {
    const r = check('title: T\ndate: 2024-03-20\nauthor: A\nexpires: #2024-04-01\nupdated: #2024-03-21 10:00');
    expect(r.diagnostics.map((d) => [d.severity, d.code, d.line, d.column])).toEqual([['error', 'COMMENT_IN_TEXT', 5, 10], ['warning', 'COMMENT_IN_TEXT', 6, 10]]);
    expect(r.diagnostics[0].message).toBe('`expires` is empty: in YAML a space and # start a comment, so "#2024-04-01" is left out, and the story never comes down.');
    expect(r.diagnostics[0].hint).toBe('Delete the #: expires: 2024-04-01');
    const fixed = check('title: T\ndate: 2024-03-20\nauthor: A\nexpires: 2024-04-01');
    expect(fixed.diagnostics).toEqual([]);
    expect(fixed.meta!.expires).toBeDefined();
    // A date put aside with a space after the #, on purpose: nothing said.
    expect(check('title: T\ndate: 2024-03-20\nauthor: A\nexpires: # 2024-04-01').diagnostics).toEqual([]);
  });

  it('says nothing of lines inside a block scalar (`summary: |`), which are text whatever they look like', () => {
    const front = "title: T\ndate: 2024-03-20\nauthor: A\nsummary: |\n  title: Tigers are #1 again\n  caption: ! Gate 2\ncorrections:\n  - text: >-\n      dateline: PIER #4\n    date: 2024-03-21\ndateline: PIER #4";
    const r = check(front);
    // Only the real `dateline` after the blocks, cut by its comment.
    expect(r.diagnostics.map((d) => [d.code, d.line])).toEqual([['COMMENT_IN_TEXT', 12]]);
  });

  it('says so when the comment takes the whole value', () => {
    const r = check('title: #1 Tigers\ndate: 2024-03-20\nauthor: A');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['COMMENT_IN_TEXT', 'MISSING_FIELD']);
    expect(r.diagnostics[0].message).toContain('`title` is empty');
    expect(r.diagnostics[0].hint).toBe("Put the whole title in quotes: title: '#1 Tigers'");
  });

  it('finds the comment after a # that is part of a word, and its fix reads back as the whole value', () => {
    const cases = [
      ['summary', 'C# is great #2 stuff'],
      ['title', 'AC\\DC are #1'],
      ['title', "Rock 'n' roll #1"],
    ] as const;
    for (const [key, whole] of cases) {
      const front = (line: string) => (key === 'title' ? `${line}\ndate: 2024-03-20\nauthor: A` : `title: T\ndate: 2024-03-20\nauthor: A\n${line}`);
      const w = check(front(`${key}: ${whole}`)).diagnostics.find((d) => d.code === 'COMMENT_IN_TEXT');
      expect(w, whole).toBeDefined();
      const again = check(front(w!.hint!.replace(/^Put the whole \w+ in quotes: /, '')));
      expect(key === 'title' ? again.meta!.title : again.meta!.summary, whole).toBe(whole);
      expect(again.diagnostics.filter((d) => d.code === 'COMMENT_IN_TEXT'), whole).toEqual([]);
    }
    expect(check('title: "C# rocks"\ndate: 2024-03-20\nauthor: A\nsummary: C# and F#').diagnostics.filter((d) => d.code === 'COMMENT_IN_TEXT')).toEqual([]);
  });
});

describe('article front matter: a misspelt key that would publish what was held back', () => {
  it('is an error for `draf: true` and for `expiry: <a date>`, and a warning for a look-alike of the site\'s own', () => {
    for (const line of ['draf: true', 'Draft: true', 'expiry: 2024-04-01', 'expire: 2024-04-01 09:00']) {
      const e = errors(check(`${BASE}\n${line}`));
      expect(e, line).toHaveLength(1);
      expect(e[0], line).toMatchObject({ code: 'UNKNOWN_KEY', line: 5 });
      expect(e[0].message, line).toMatch(/As written, it does nothing: the article would (be published|never be taken down)\./);
    }
    for (const line of ['craft: wood', 'draf: false', 'expiry: soon']) {
      const r = check(`${BASE}\n${line}`);
      expect(errors(r), line).toEqual([]);
      expect(r.diagnostics.map((d) => d.code), line).toEqual(['UNKNOWN_KEY']);
    }
  });
});

describe('article front matter: a wrong item is named, not the whole field', () => {
  it('an empty item in a byline, a list or a mapping inside one, and a src that is no text', () => {
    const msgs = (front: string) => errors(check(front)).map((d) => [d.code, d.line, d.message]);
    expect(msgs('title: T\ndate: 2024-03-20\nauthor: [Tan Yuxin, null]')).toEqual([['BAD_FIELD', 4, '`author` has an empty item (the second).']]);
    expect(msgs('title: T\ndate: 2024-03-20\nauthor:\n  - Tan Yuxin\n  -')).toEqual([['BAD_FIELD', 4, '`author` has an empty item (the second).']]);
    expect(msgs('title: T\ndate: 2024-03-20\nauthor: [Tan Yuxin, [a, b]]')).toEqual([['BAD_FIELD', 4, '`author` must be a list of names; the second item is a list.']]);
    expect(msgs(`${BASE}\ntags: [Rail, {Port: x}]`)).toEqual([['BAD_FIELD', 5, '`tags` must be a list of names; the second item is a mapping.']]);
    expect(msgs(`${BASE}\nimage: {src: 5}`)).toEqual([['BAD_FIELD', 5, "`image.src` must be the photo's path as text, not the number 5."]]);
    expect(msgs(`${BASE}\nimage: {alt: A photo}`)).toEqual([['BAD_FIELD', 5, '`image` needs a `src`.']]);
  });
});

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { plainModuleBody, runPlainModule } from '../../src/config/plain-module.js';
import { DEFAULTS } from '../../src/config/defaults.js';
import { STRINGS } from '../../src/config/strings.js';
import { resolveConfig, validateConfig } from '../../src/config/validate.js';
import { cli, configErrors, dateline, md, REPO, writeSite } from '../helpers/site.js';

const loadError = configErrors;

const invalid = (raw: unknown) => validateConfig(raw, 'dateline.config.ts').diagnostics;

describe('config files', () => {
  const body = `{ title: 'Herald', baseUrl: 'https://news.example.org/', timeZone: 'Asia/Shanghai' }`;
  for (const [name, text] of [
    ['dateline.config.ts', `import { defineConfig } from 'dateline';\nconst zone: string = 'Asia/Shanghai';\nexport default defineConfig({ title: 'Herald', baseUrl: 'https://news.example.org/', timeZone: zone });\n`],
    ['dateline.config.js', `import { defineConfig } from 'dateline';\nexport default defineConfig(${body});\n`],
    ['dateline.config.mjs', `export default ${body};\n`],
    ['dateline.config.js', `module.exports = ${body};\n`],
  ] as const) {
    it(`reads ${name}${text.includes('module.exports') ? ' (CommonJS)' : ''}`, async () => {
      const dir = writeSite({ [name]: text });
      if (name !== 'dateline.config.ts') (await import('node:fs')).rmSync(`${dir}/dateline.config.ts`);
      const config = await loadConfig(dir);
      expect(config).toMatchObject({ title: 'Herald', baseUrl: 'https://news.example.org/', timeZone: 'Asia/Shanghai', file: name });
    });
  }

  it('refuses two config files, where edits to the one not read would do nothing', async () => {
    const dir = writeSite({ 'dateline.config.mjs': `export default ${body};\n` });
    const r = await dateline(['build', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error[CONFIG_AMBIGUOUS] dateline.config.ts\n  The site has more than one config file: dateline.config.ts, dateline.config.mjs. Only dateline.config.ts would be read.\n  fix: Keep one: delete dateline.config.mjs, or merge what it sets into dateline.config.ts.');
  });

  it('a .ts config may import a file of its own and await', async () => {
    const dir = writeSite({
      'authors.ts': `export const authors = [{ name: 'Li Wei', bio: 'Rail reporter.' }];\n`,
      'dateline.config.ts': `import { defineConfig } from 'dateline';\nimport { authors } from './authors';\nconst title = await Promise.resolve('Herald');\nexport default defineConfig({ title, baseUrl: 'https://x.example/', authors });\n`,
    });
    expect(await loadConfig(dir)).toMatchObject({ title: 'Herald', authors: [{ name: 'Li Wei', bio: 'Rail reporter.' }], defaultAuthor: 'Li Wei' });
  });

  it('re-reads the file on every load, even a plain .mjs (no module cache between builds)', async () => {
    const dir = writeSite({ 'dateline.config.mjs': `export default { title: 'One', baseUrl: 'https://a.example/' };` });
    (await import('node:fs')).rmSync(`${dir}/dateline.config.ts`);
    expect((await loadConfig(dir)).title).toBe('One');
    (await import('node:fs')).writeFileSync(`${dir}/dateline.config.mjs`, `export default { title: 'Two', baseUrl: 'https://a.example/' };`);
    expect((await loadConfig(dir)).title).toBe('Two');
  });

  it('runs a plain .mjs config as Node\'s own module (no transpiler), and one that uses CommonJS names through jiti, errors with their lines (real bin)', async () => {
    const { readFileSync, rmSync } = await import('node:fs');
    const which = `title: typeof module === 'undefined' ? 'Native Herald' : 'Transpiled Herald', baseUrl: 'https://a.example/'`;
    const titleOf = async (name: string) => {
      const dir = writeSite({ [name]: `export default { ${which} };\n`, 'content/a.md': md({ title: 'A', date: '2025-01-01', author: 'Li Wei' }) });
      if (name !== 'dateline.config.ts') rmSync(`${dir}/dateline.config.ts`);
      const r = await cli(['build', dir, '--now', '2026-01-01T00:00:00Z']);
      expect(r.code).toBe(0);
      return /<title>([^<]*)<\/title>/.exec(readFileSync(`${dir}/dist/index.html`, 'utf8'))![1];
    };
    expect(await titleOf('dateline.config.mjs')).toBe('Native Herald');
    expect(await titleOf('dateline.config.ts')).toBe('Transpiled Herald');
    const failing = async (text: string) => {
      const dir = writeSite({ 'dateline.config.mjs': text });
      rmSync(`${dir}/dateline.config.ts`);
      const r = await cli(['build', dir]);
      expect(r.code).toBe(1);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      return r.stderr;
    };
    expect(await failing(`export default {\n  title: 'Herald'\n  baseUrl: 'https://x.example/',\n};\n`)).toContain('error[CONFIG_LOAD] dateline.config.mjs:3');
    const thrown = await failing(`const a = 1;\nexport default { title: missingName, baseUrl: 'https://x.example/' };\n`);
    expect(thrown).toContain('error[CONFIG_LOAD] dateline.config.mjs:2');
    expect(thrown).toContain('missingName is not defined');
  });

  it('runs a .ts config that is plain JavaScript as written, with no transpiler, and one with types through jiti (real bin)', async () => {
    const { existsSync: exists, readdirSync } = await import('node:fs');
    const built = async (config: string) => {
      const dir = writeSite({ 'dateline.config.ts': config, 'content/a.md': md({ title: 'A', date: '2025-01-01', author: 'Li Wei' }) });
      const r = await cli(['build', dir, '--now', '2026-01-01T00:00:00Z']);
      expect(r.code).toBe(0);
      const transpiled = path.join(dir, '.dateline-cache', 'config');
      return { title: /<title>([^<]*)<\/title>/.exec((await import('node:fs')).readFileSync(`${dir}/dist/index.html`, 'utf8'))![1], transpiled: exists(transpiled) ? readdirSync(transpiled).length : 0 };
    };
    // The scaffold's shape: jiti would keep its transpiled file in the cache folder.
    expect(await built(`import { defineConfig } from 'dateline';\n\nexport default defineConfig({\n  title: 'Plain Herald',\n  baseUrl: 'https://a.example/',\n});\n`)).toEqual({ title: 'Plain Herald', transpiled: 0 });
    const typed = await built(`import { defineConfig } from 'dateline';\nconst title: string = 'Typed Herald';\nexport default defineConfig({ title, baseUrl: 'https://a.example/' });\n`);
    expect(typed.title).toBe('Typed Herald');
    expect(typed.transpiled).toBeGreaterThan(0);
  });

  it('a typed config, found once not to be plain JavaScript, is not parsed for that again while its text is the same (compiled lib)', async () => {
    const load = pathToFileURL(path.join(REPO, 'lib', 'config', 'load.js')).href;
    const plain = pathToFileURL(path.join(REPO, 'lib', 'config', 'plain-module.js')).href;
    const typed = `import { defineConfig } from 'dateline';\nconst title: string = 'Typed Herald';\nexport default defineConfig({ title, baseUrl: 'https://a.example/' });\n`;
    const dir = writeSite({ 'dateline.config.ts': typed });
    const cache = path.join(dir, '.dateline-cache', 'config');
    const run = async () => {
      const script = [
        `const { loadConfig } = await import(${JSON.stringify(load)});`,
        `const plain = await import(${JSON.stringify(plain)});`,
        `const config = await loadConfig(${JSON.stringify(dir)}, { transpileCache: ${JSON.stringify(cache)} });`,
        'console.log(config.title, plain.plainModuleParses > 0);',
      ].join('\n');
      return (await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script])).stdout.trim();
    };
    expect(await run()).toBe('Typed Herald true');
    expect(await run()).toBe('Typed Herald false');
    // Another text is looked at again.
    (await import('node:fs')).writeFileSync(path.join(dir, 'dateline.config.ts'), typed.replace('Typed Herald', 'Retyped Herald'));
    expect(await run()).toBe('Retyped Herald true');
  });

  it('tells plain JavaScript from what a function body would run otherwise, and keeps every line where it was', () => {
    const scaffold = `import {\n  defineConfig,\n} from 'dateline';\n// The site.\nconst zone = 'Asia/Shanghai';\nexport default defineConfig({\n  title: 'Herald', baseUrl: 'https://a.example/', timeZone: zone,\n  slugify: async (s) => { for await (const x of []) void x; return s?.trim(); },\n});\n`;
    const body = plainModuleBody(scaffold, 'dateline');
    expect(body).toBeDefined();
    expect(body!.split('\n')).toHaveLength(scaffold.split('\n').length);
    expect(body!.split('\n')[4]).toBe("const zone = 'Asia/Shanghai';");
    expect(runPlainModule(body!, '/site/dateline.config.ts', { defineConfig: (c: unknown) => c }).default).toMatchObject({ title: 'Herald', timeZone: 'Asia/Shanghai' });
    expect(() => runPlainModule(plainModuleBody(`undeclared = 1;\nexport default {};\n`, 'dateline')!, '/site/dateline.config.ts', {})).toThrow(/undeclared is not defined/);
    for (const text of [
      `const t: string = 'x';\nexport default { title: t };`,
      `export default { title: 'x' } as const;`,
      `export default { title: 'x' } satisfies object;`,
      `function f(a?) { return a; }\nexport default f({});`,
      `import { authors } from './authors';\nexport default { authors };`,
      `import type { UserConfig } from 'dateline';\nexport default {};`,
      `import { type UserConfig } from 'dateline';\nexport default {};`,
      `import * as d from 'dateline';\nexport default d.defineConfig({});`,
      `export const title = 'x';\nexport default { title };`,
      `export default { dir: import.meta.dirname };`,
      `export default { dir: __dirname };`,
      `const title = await Promise.resolve('x');\nexport default { title };`,
      `export default { title: this };`,
      `enum Desk { News }\nexport default { desk: Desk.News };`,
      `export default function config() { return {}; }`,
      `export const headline = 'x';`,
      `export default {};\nexport default {};`,
      `export default { title: 'x' ;`,
      `#!/usr/bin/env node\nexport default {};`,
    ]) {
      expect(plainModuleBody(text, 'dateline'), text).toBeUndefined();
    }
  });

  it('no config file is an error that says how to make one', async () => {
    const dir = writeSite({});
    (await import('node:fs')).rmSync(`${dir}/dateline.config.ts`);
    await expect(loadConfig(dir)).rejects.toMatchObject({ diagnostics: [{ code: 'CONFIG_MISSING', hint: expect.stringContaining('dateline init') }] });
  });

  it('a syntax error names the file, the line and the column', async () => {
    const ds = await loadError({ 'dateline.config.ts': `export default {\n  title: 'Herald'\n  baseUrl: 'https://x.example/',\n};\n` });
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ code: 'CONFIG_LOAD', file: 'dateline.config.ts', line: 3 });
    expect(ds[0].message).toMatch(/syntax error/);
    expect(ds[0].frame).toContain("> 3 |   baseUrl: 'https://x.example/',");
  });

  it('an error thrown while the config runs names the file and line', async () => {
    const ds = await loadError({ 'dateline.config.ts': `const a = 1;\nexport default { title: missingName, baseUrl: 'https://x.example/' };\n` });
    expect(ds[0]).toMatchObject({ code: 'CONFIG_LOAD', file: 'dateline.config.ts', line: 2 });
    expect(ds[0].message).toContain('missingName is not defined');
  });

  it('a config without a default export says so', async () => {
    const ds = await loadError({ 'dateline.config.ts': `export const headline = 'x';\n` });
    expect(ds[0].message).toMatch(/default export/);
  });
});

describe('writing direction', () => {
  it('is right to left for a language written so, unless the config says otherwise', () => {
    const dir = (language: string, direction?: 'ltr' | 'rtl') => resolveConfig({ title: 'H', baseUrl: 'https://x.org/', language, direction }).direction;
    expect(['ar', 'he', 'fa-IR', 'ur', 'yi', 'pa-Arab'].map((l) => dir(l))).toEqual(['rtl', 'rtl', 'rtl', 'rtl', 'rtl', 'rtl']);
    expect(['en', 'zh-CN', 'ja', 'ku-Latn', 'az-Latn', 'ms'].map((l) => dir(l))).toEqual(['ltr', 'ltr', 'ltr', 'ltr', 'ltr', 'ltr']);
    expect(dir('ar', 'ltr')).toBe('ltr');
    expect(invalid({ title: 'H', baseUrl: 'https://x.org/', direction: 'right' }).map((d) => d.message)).toEqual(['config key `direction`: expected one of "ltr", "rtl", found "right".']);
  });
});

describe('defaults', () => {
  it('fills every optional key from DEFAULTS', () => {
    const c = resolveConfig({ title: 'Herald', baseUrl: 'https://news.example.org' });
    expect(c).toEqual({
      title: 'Herald',
      baseUrl: 'https://news.example.org/',
      basePath: '/',
      description: DEFAULTS.description,
      language: 'en',
      direction: 'ltr',
      strings: STRINGS,
      locale: 'en-US',
      timeZone: 'UTC',
      dateFormat: { month: 'short', day: 'numeric', year: 'numeric' },
      articleTime: false,
      logo: '',
      defaultAuthor: '',
      pageSize: 10,
      relatedCount: 4,
      wordsPerMinute: 230,
      cjkCharsPerMinute: 400,
      authors: [],
      sections: [],
      tags: [],
      navigation: [],
      permalinks: { article: '/{yyyy}/{mm}/{dd}/{slug}/', page: '/{slug}/', tag: '/tags/{tag}/', author: '/authors/{author}/', section: '/{section}/' },
      footer: { links: [], lines: [], messageLabel: 'Leave a message' },
      cookieNotice: DEFAULTS.cookieNotice,
      markdown: { iframeHosts: [] },
      liveBlogs: { order: 'newest' },
      photos: { maxBytes: 5_000_000, maxWidth: 6000, minLeadWidth: 1200 },
      feeds: DEFAULTS.feeds,
      sitemap: DEFAULTS.sitemap,
      newsSitemap: { enabled: true, publicationName: 'Herald', language: 'en', maxUrls: 1000 },
      robots: DEFAULTS.robots,
      search: { enabled: true, fallback: { name: 'DuckDuckGo', action: 'https://duckduckgo.com/', query: 'q', fields: { sites: '{host}' } } },
      publisher: { name: 'Herald', logo: '' },
      social: { twitter: '', image: '' },
      params: {},
      file: '',
    });
  });

  it('a base URL with a path gives the base path; partial objects are merged with the defaults', () => {
    const c = resolveConfig({ title: 'H', baseUrl: 'https://example.org/news', permalinks: { tag: '/topics/{tag}/' }, cookieNotice: { button: 'OK' }, authors: [{ name: 'Li Wei' }] });
    expect(c.baseUrl).toBe('https://example.org/news/');
    expect(c.basePath).toBe('/news/');
    expect(c.permalinks).toEqual({ ...DEFAULTS.permalinks, tag: '/topics/{tag}/' });
    expect(c.cookieNotice).toEqual({ ...DEFAULTS.cookieNotice, button: 'OK' });
    expect(c.defaultAuthor).toBe('Li Wei');
  });
});

describe('validation: every error names the key and what was expected', () => {
  const base = { title: 'H', baseUrl: 'https://x.example/' };
  const cases: [Record<string, unknown>, string, RegExp][] = [
    [{ title: 5 }, 'title', /expected a string, found number 5/],
    [{ baseUrl: 'news.example.org' }, 'baseUrl', /absolute http\(s\) URL/],
    [{ language: ['en'] }, 'language', /expected a BCP 47 language tag such as "ar".*, found a list/],
    [{ locale: 'not a locale!' }, 'locale', /is not a locale/],
    [{ timeZone: 'Mars/Olympus' }, 'timeZone', /is not a time zone/],
    [{ timeZone: 8 }, 'timeZone', /IANA time zone/],
    [{ dateFormat: { month: 'longest' } }, 'dateFormat', /month/],
    [{ dateFormat: 'MMM d' }, 'dateFormat', /Intl.DateTimeFormat options/],
    [{ articleTime: 'yes' }, 'articleTime', /expected true or false, found/],
    [{ pageSize: 0 }, 'pageSize', /whole number of 1 or more, found number 0/],
    [{ pageSize: 2.5 }, 'pageSize', /whole number/],
    [{ relatedCount: '4' }, 'relatedCount', /whole number/],
    [{ authors: { name: 'x' } }, 'authors', /expected a list/],
    [{ authors: [{ bio: 'no name' }] }, 'authors[0].name', /required/],
    [{ authors: [{ name: 'A', url: 5 }] }, 'authors[0].url', /a string/],
    [{ sections: ['News'] }, 'sections[0]', /an object/],
    [{ navigation: [{ label: 'Home' }] }, 'navigation[0].url', /required/],
    [{ permalinks: { article: '{slug}' } }, 'permalinks.article', /starts and ends with "\/"/],
    [{ permalinks: { article: '/{yyyy}/{title}/{slug}/' } }, 'permalinks.article', /\{title\} is not a placeholder here; use \{slug\}, \{yyyy\}, \{mm\}, \{dd\}, \{section\}/],
    [{ permalinks: { article: '/{yyyy}/{mm}/' } }, 'permalinks.article', /needs \{slug\}/],
    [{ permalinks: { tag: '/topics/{slug}/' } }, 'permalinks.tag', /\{slug\} is not a placeholder here; use \{tag\}/],
    [{ footer: { lines: 'one line' } }, 'footer.lines', /a list of strings/],
    [{ cookieNotice: { enabled: 'yes' } }, 'cookieNotice.enabled', /true or false/],
    [{ markdown: { iframeHosts: 'www.youtube.com' } }, 'markdown.iframeHosts', /a list of strings/],
    [{ params: [] }, 'params', /an object/],
    [{ feeds: { idDate: 2015 } }, 'feeds.idDate', /"YYYY", "YYYY-MM" or "YYYY-MM-DD"/],
    [{ feeds: { idDate: '2015-02-29' } }, 'feeds.idDate', /a date on which you already held the site's domain/],
    [{ feeds: { idDate: '15-06-01' } }, 'feeds.idDate', /"YYYY"/],
  ];
  for (const [patch, key, expected] of cases) {
    it(`${key}: ${JSON.stringify(patch)}`, () => {
      const ds = invalid({ ...base, ...patch });
      expect(ds).toHaveLength(1);
      expect(ds[0].message).toContain(`\`${key}\``);
      expect(ds[0].message).toMatch(expected);
      expect(ds[0].file).toBe('dateline.config.ts');
      expect(ds[0].hint).toBeTruthy();
    });
  }

  it('title and baseUrl are required', () => {
    expect(invalid({}).map((d) => d.message)).toEqual(['config key `title` is required.', 'config key `baseUrl` is required.']);
  });

  it('refuses a tag, author or section whose page would need a folder name longer than a file system holds', () => {
    const base = { title: 'Herald', baseUrl: 'https://news.example.org/' };
    const long = '重庆新闻'.repeat(25);
    expect(invalid({ ...base, tags: [{ name: long }], authors: [{ name: long, slug: 'li' }], sections: [{ name: 'News', slug: 'x'.repeat(256) }] }).map((d) => d.message)).toEqual([
      'config key `tags[0].name` makes a URL part of 300 bytes; the most a folder\'s name can hold is 255.',
      'config key `sections[0].slug` makes a URL part of 256 bytes; the most a folder\'s name can hold is 255.',
    ]);
  });

  it('reports every problem at once', () => {
    expect(invalid({ title: 1, baseUrl: 2, pageSize: -1, timezone: 'UTC' })).toHaveLength(4);
  });

  it('a config that is not an object says what it found', () => {
    for (const raw of [5, 'x', null, [], undefined]) expect(invalid(raw)[0].message).toMatch(/must export an object/);
  });

  it('an unknown key gets the near-miss as a suggestion', () => {
    const cases: [string, string][] = [['timezone', 'timeZone'], ['footr', 'footer'], ['pagesize', 'pageSize'], ['baseURL', 'baseUrl'], ['author', 'authors'], ['section', 'sections']];
    for (const [typo, meant] of cases) {
      const ds = invalid({ ...base, [typo]: 'x' });
      expect(ds, typo).toHaveLength(1);
      expect(ds[0]).toMatchObject({ code: 'CONFIG_UNKNOWN_KEY', message: `config key \`${typo}\` is not known.`, hint: `Did you mean \`${meant}\`?` });
    }
    expect(invalid({ ...base, footer: { emial: 'x' } })[0].hint).toBe('Did you mean `footer.email`?');
  });

  it('an unknown key with no near miss lists the known keys', () => {
    expect(invalid({ ...base, zzzzzz: 1 })[0].hint).toMatch(/^Known keys here: title, description, baseUrl/);
  });
});

describe('authors that would share a page', () => {
  const config = (authors: string) => `export default {\n  title: 'Herald',\n  baseUrl: 'https://news.example.org/',\n  authors: [\n${authors}\n  ],\n};\n`;

  it('by the same slug: at the line naming the later one, not at another entry\'s `slug` that holds the same words', async () => {
    const ds = await loadError({ 'dateline.config.ts': config("    { name: 'Wang Fang', slug: 'Li Wei' },\n    { name: 'Anna Schmidt' },\n    {\n      name: 'Li Wei',\n    },") });
    expect(ds).toMatchObject([{ code: 'AUTHOR_COLLISION', file: 'dateline.config.ts', line: 8, column: 7 }]);
    expect(ds[0].message).toBe('The authors "Wang Fang" and "Li Wei" in `authors` would share the page /authors/li-wei/.');
    expect(ds[0].frame).toMatch(/> +8 \| {7}name: 'Li Wei',/);
  });

  it('one name in two cases is one author; a name with no letters is an error; a name written otherwise is shown at `authors`', async () => {
    expect(await loadError({ 'dateline.config.ts': config("    { name: 'Li Wei' },\n    { name: 'LI WEI' },\n    { name: '***' },") })).toMatchObject([{ code: 'AUTHOR_COLLISION', line: 7, message: expect.stringContaining('"***" has no letters or digits') }]);
    const elsewise = await loadError({ 'dateline.config.ts': config("    { name: 'Li Wei' },\n    { name: ['Li', 'Wei'].join('-') },") });
    expect(elsewise).toMatchObject([{ code: 'AUTHOR_COLLISION', line: 4, message: expect.stringContaining('"Li Wei" and "Li-Wei"') }]);
    expect(elsewise[0].column).toBeUndefined();
  });
});

describe('config errors through the real bin', () => {
  it('a mistake in a file the config imports is placed in that file, at its line', async () => {
    const config = `import { defineConfig } from 'dateline';\nimport { desk } from './site-data/desk';\nexport default defineConfig({ title: desk.title, baseUrl: 'https://x.example/', timeZone: 'UTC' });\n`;
    const syntax = writeSite({ 'dateline.config.ts': config, 'site-data/desk.ts': `export const desk = {\n  title: 'Herald'\n  email: 'desk@x.example',\n};\n` });
    const r = await cli(['build', syntax]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error[CONFIG_LOAD] site-data/desk.ts:3');
    expect(r.stderr).toContain('site-data/desk.ts, which the config file imports, has a syntax error');
    expect(r.stderr).toContain("> 3 |   email: 'desk@x.example',");
    expect(r.stderr).toContain('fix: Fix site-data/desk.ts at that line');
    expect(r.stderr).not.toMatch(/\n\s+at .*:\d+:\d+/);
    const thrown = writeSite({ 'dateline.config.ts': config, 'site-data/desk.ts': `const names = ['Herald'];\nexport const desk = { title: names[0].toUpperCase(), email: missingEmail };\n` });
    const t = await cli(['check', thrown]);
    expect(t.code).toBe(1);
    expect(t.stderr).toContain('error[CONFIG_LOAD] site-data/desk.ts:2');
    expect(t.stderr).toContain('failed when it ran: missingEmail is not defined');
  });


  it('a syntax error: exit 1, a clear message with file and line, no stack trace', async () => {
    const dir = writeSite({
      'dateline.config.ts': `import { defineConfig } from 'dateline';\nexport default defineConfig({\n  title: 'Herald',\n  baseUrl: 'https://x.example/'\n  timeZone: 'UTC',\n});\n`,
      'content/a.md': md({ title: 'A', date: '2024-03-20', author: 'Li Wei' }),
    });
    const r = await cli(['build', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error[CONFIG_LOAD] dateline.config.ts:5');
    expect(r.stderr).toContain("> 5 |   timeZone: 'UTC',");
    expect(r.stderr).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.stdout).toBe('');
  });

  it('an invalid value: exit 1, every key named', async () => {
    const dir = writeSite({ 'dateline.config.ts': `export default { title: 'H', baseUrl: 'https://x.example/', pageSize: 'ten', timezone: 'UTC' };\n` });
    const r = await cli(['build', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('config key `pageSize`: expected a whole number of 1 or more, found "ten".');
    expect(r.stderr).toContain('config key `timezone` is not known.');
    expect(r.stderr).toContain('Did you mean `timeZone`?');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a bad dateFormat is a config error, not an internal error', async () => {
    const dir = writeSite({ 'dateline.config.ts': `export default { title: 'H', baseUrl: 'https://x.example/', dateFormat: { month: 'bogus' } };\n` });
    const r = await cli(['build', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('config key `dateFormat`');
    expect(r.stderr).not.toContain('internal error');
  });
});

describe('a config mistake does not hide the content\'s', () => {
  const good = md({ title: 'Alpha', date: '2025-03-01T10:00:00+08:00', author: 'Li Wei' });
  const broken = '---\ntitle: [unclosed\ndate: 2025-03-02\n---\nBody.\n';
  const config = (extra: string) => `export default { title: 'Herald', baseUrl: 'https://x.example/', timeZone: 'Asia/Shanghai', ${extra} };\n`;
  const codes = (stderr: string) => [...stderr.matchAll(/error\[([A-Z_]+)\] (\S+)/g)].map((m) => `${m[1]} ${m[2]}`);

  it('says both in one build, with the content checked under the config without the keys at fault, and writes nothing (real bin)', async () => {
    const dir = writeSite({ 'dateline.config.ts': config("pageSize: 'ten', footr: {}"), 'content/articles/a.md': good, 'content/articles/b.md': broken, 'content/articles/c.md': md({ title: 'Alpha again', date: '2025-03-01T11:00:00+08:00', author: 'Li Wei', slug: 'a' }) });
    const r = await cli(['build', dir]);
    expect(r.code).toBe(1);
    expect(codes(r.stderr)).toEqual([
      'FRONT_MATTER_SYNTAX content/articles/b.md:2',
      // a.md and c.md share a URL: the site's mistake, found by the plan, at the `slug` c.md was given.
      'URL_COLLISION content/articles/c.md:5:1',
      'CONFIG_INVALID dateline.config.ts:1:93',
      'CONFIG_UNKNOWN_KEY dateline.config.ts:1:110',
    ]);
    expect(r.stderr).toContain('4 errors; nothing was written.');
    expect(existsSync(path.join(dir, 'dist'))).toBe(false);
  });

  it('says the config\'s alone when a key at fault changes what the content\'s checks would say (a time zone, the authors)', async () => {
    // A content key misspelt (`defaultauthor`, `time_zone`) is one too: without it, every story
    // without a byline, or dated in the site's zone, would be said to be wrong.
    for (const extra of ["timeZone: 'Asia/Chongqin'", "authors: [{ nam: 'Li Wei' }]", "defaultauthor: 'Desk'", "time_zone: 'Asia/Shanghai'"]) {
      const dir = writeSite({ 'dateline.config.ts': config(extra).replace("timeZone: 'Asia/Shanghai', ", ''), 'content/articles/a.md': good, 'content/articles/b.md': broken });
      const r = await dateline(['build', dir]);
      expect(r.code).toBe(1);
      expect(codes(r.stderr).every((c) => c.includes('dateline.config.ts')), r.stderr).toBe(true);
    }
  });

  it('adds nothing when the content is sound', async () => {
    const dir = writeSite({ 'dateline.config.ts': config('pageSize: 0'), 'content/articles/a.md': good });
    const r = await dateline(['build', dir]);
    expect(r.code).toBe(1);
    expect(codes(r.stderr)).toEqual(['CONFIG_INVALID dateline.config.ts:1:93']);
  });
});

import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/config/validate.js';
import { type Diagnostic } from '../../src/errors/diagnostic.js';
import { cli, configErrors, REPO, writeSite } from '../helpers/site.js';

const loadError = (text: string): Promise<Diagnostic[]> => configErrors({ 'dateline.config.ts': text });

/** The one diagnostic naming `key`. */
function about(ds: Diagnostic[], key: string): Diagnostic {
  const found = ds.filter((d) => d.message.includes(`\`${key}\``));
  expect(found, `diagnostics about ${key}: ${JSON.stringify(ds)}`).toHaveLength(1);
  return found[0];
}

describe('config problems are at the line of the key they name', () => {
  it('an unknown nested key in a .ts config with comments and a type import: line, column and frame, in the terminal and in --json (real bin)', async () => {
    const dir = writeSite({
      'dateline.config.ts': [
        "import type { UserConfig } from 'dateline';",
        "import { defineConfig } from 'dateline';",
        '',
        '// Feeds: limt was the old spelling of the limit.',
        'export default defineConfig({',
        "  title: 'Herald', // limt: 5",
        "  baseUrl: 'https://news.example.org/',",
        '  feeds: {',
        '    /* the aggregators want fewer */',
        '    limt: 20,',
        '  },',
        '} satisfies UserConfig);',
        '',
      ].join('\n'),
    });
    const r = await cli(['build', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error[CONFIG_UNKNOWN_KEY] dateline.config.ts:10:5\n  config key `feeds.limt` is not known.');
    expect(r.stderr).toContain('> 10 |     limt: 20,\n         |     ^');
    expect(r.stderr).toContain('fix: Did you mean `feeds.limit`?');
    const json = await cli(['build', dir, '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).errors).toEqual([
      { code: 'CONFIG_UNKNOWN_KEY', message: 'config key `feeds.limt` is not known.', file: 'dateline.config.ts', line: 10, column: 5, hint: 'Did you mean `feeds.limit`?' },
    ]);
  });

  it('a wrong type in an element of a list: at the key in that element', async () => {
    const ds = await loadError(`export default {
  title: 'Herald',
  baseUrl: 'https://news.example.org/',
  authors: [
    { name: 'Li Wei', slug: 'li-wei' },
    { name: 'Wang Fang', slug: 5 },
  ],
};
`);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ code: 'CONFIG_INVALID', file: 'dateline.config.ts', line: 6, column: 26, message: 'config key `authors[1].slug`: expected a string, found number 5.' });
    expect(ds[0].frame).toMatch(/> 6 \| {5}\{ name: 'Wang Fang', slug: 5 \},\n\s+\| {26}\^/);
  });

  it('a missing required key: at the config object (`defineConfig(`), or at the entry that lacks it', async () => {
    const ds = await loadError(`import { defineConfig } from 'dateline';

export default defineConfig({
  baseUrl: 'https://news.example.org/',
  navigation: [
    { label: 'Home', url: '/' },
    { label: 'About' },
  ],
});
`);
    expect(about(ds, 'title')).toMatchObject({ code: 'CONFIG_MISSING', line: 3, column: 16 });
    expect(about(ds, 'title').frame).toContain('> 3 | export default defineConfig({');
    expect(about(ds, 'navigation[1].url')).toMatchObject({ code: 'CONFIG_MISSING', line: 7, column: 5 });
  });

  it('a key in a comment, a string or another object that looks like the key is not taken for it', async () => {
    const ds = await loadError(`// pageSize: 0 was here before
const note = "pageSize: 0, timeZone: 'Mars/Base'";
export default {
  title: 'Herald', description: \`pageSize: 0 \${'timeZone: 1'}\`,
  baseUrl: 'https://news.example.org/',
  tags: [{ name: 'Rail' }],
  feeds: {
    tags: 'yes',
  },
  /* timeZone: 'UTC', */
  timeZone: 'Mars/Base',
  pageSize: 0,
};
`);
    expect(about(ds, 'feeds.tags')).toMatchObject({ line: 8, column: 5 });
    expect(about(ds, 'timeZone')).toMatchObject({ line: 11, column: 3 });
    expect(about(ds, 'pageSize')).toMatchObject({ line: 12, column: 3 });
  });

  it('a quoted key with a dot in it is that key, not the nested key its name reads as', async () => {
    const ds = await loadError(`export default {
  title: 'Herald',
  baseUrl: 'https://news.example.org/',
  feeds: { limit: 0 },
  'feeds.limit': 5,
};
`);
    expect(ds.find((d) => d.code === 'CONFIG_INVALID')).toMatchObject({ message: expect.stringContaining('`feeds.limit`'), line: 4, column: 12 });
    expect(ds.find((d) => d.code === 'CONFIG_UNKNOWN_KEY')).toMatchObject({ message: 'config key `feeds.limit` is not known.', line: 5, column: 3 });
  });

  it('a file with CRLF line ends and a byte order mark', async () => {
    const ds = await loadError('\uFEFFexport default {\r\n  title: "Herald",\r\n  baseUrl: "https://news.example.org/",\r\n  permalinks: {\r\n    tag: "/topics/{slug}/",\r\n  },\r\n};\r\n');
    expect(ds).toMatchObject([{ code: 'CONFIG_INVALID', line: 5, column: 5 }]);
    expect(ds[0].frame).toContain('> 5 |     tag: "/topics/{slug}/",\n    |     ^');
  });

  it('a value built by a spread: at the nearest key above it that is written', async () => {
    const ds = await loadError(`const shared = { limit: 0 };
export default {
  title: 'Herald',
  baseUrl: 'https://news.example.org/',
  feeds: {
    ...shared,
  },
};
`);
    expect(ds).toMatchObject([{ message: expect.stringContaining('`feeds.limit`'), line: 5, column: 3 }]);
  });

  it('without the file\'s text, or with text the locator cannot read, a problem has its file and no line', () => {
    const raw = { title: 'Herald', baseUrl: 'https://news.example.org/', pageSize: 0 };
    for (const text of [undefined, '', '}} garbage {{ pageSize: 0', 'const pageSize = 0;']) {
      const [d] = validateConfig(raw, 'dateline.config.ts', text).diagnostics;
      expect(d, String(text)).toMatchObject({ code: 'CONFIG_INVALID', file: 'dateline.config.ts' });
      expect(d.line, String(text)).toBeUndefined();
      expect(d.frame, String(text)).toBeUndefined();
    }
  });

  it('the parser that places a problem is loaded only for a config that has one (compiled lib)', async () => {
    const load = pathToFileURL(path.join(REPO, 'lib', 'config', 'load.js')).href;
    const parserLoaded = async (config: string) => {
      const dir = writeSite({ 'dateline.config.mjs': config });
      rmSync(path.join(dir, 'dateline.config.ts'));
      const script = [
        "import { createRequire } from 'node:module';",
        `const { loadConfig } = await import(${JSON.stringify(load)});`,
        `await loadConfig(${JSON.stringify(dir)}).catch(() => {});`,
        "console.log(Object.keys(createRequire(import.meta.url).cache).some((f) => f.includes('@babel/parser')));",
      ].join('\n');
      return (await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script])).stdout.trim();
    };
    expect(await parserLoaded(`export default { title: 'Herald', baseUrl: 'https://news.example.org/' };\n`)).toBe('false');
    expect(await parserLoaded(`export default { title: 'Herald', baseUrl: 'https://news.example.org/', pageSize: 0 };\n`)).toBe('true');
  });

  it('a default export that is not an object: at the export', () => {
    const [d] = validateConfig(5, 'dateline.config.ts', `const n = 5;\nexport default n;\n`).diagnostics;
    expect(d).toMatchObject({ message: expect.stringContaining('must export an object'), line: 2, column: 1 });
  });

  it('a word of the site\'s own templates put in `strings`: the fix is `params`, with how a template shows it', async () => {
    const dir = writeSite({ 'dateline.config.ts': "export default { title: 'Herald', baseUrl: 'https://news.example.org/',\n  strings: { home: 'Accueil', hotline: 'Ligne de signalement' } };\n" });
    const r = await cli(['build', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error[CONFIG_UNKNOWN_KEY] dateline.config.ts:2:31\n  config key `strings.hotline` is not known.');
    expect(r.stderr).toMatch(/fix: `strings` holds the theme's own words: skipToContent, home, .*\. Words of your own templates go in `params` \(`params: \{ hotline: '…' \}`, shown with `\{\{ site\.params\.hotline \}\}`\)\./);
  });
});

import { describe, expect, it } from 'vitest';
import { locateKey, parseKeyPath } from '../../src/config/locate.js';

/** Line and column of a key path, or undefined when the locator finds nothing. */
const at = (text: string, path: string) => {
  const p = locateKey(text, path);
  return p.line === undefined ? undefined : [p.line, p.column];
};

/** The line and column where `needle` (the n-th time, from 1) is written: what a test expects. */
function spot(text: string, needle: string, n = 1): [number, number] {
  let i = -1;
  for (let k = 0; k < n; k++) i = text.indexOf(needle, i + 1);
  if (i === -1) throw new Error(`no ${needle} in the text`);
  const before = text.slice(0, i).replace(/^\uFEFF/, '');
  const lines = before.split('\n');
  return [lines.length, lines[lines.length - 1].length + 1];
}

const CONFIG = `import type { UserConfig } from 'dateline';
import { defineConfig } from 'dateline';

// tags: [{ name: 'Commented' }], feeds: { limit: 1 }
const note = "feeds: { limit: 2 }, authors: [";
const pattern = /['"/{\\[]/g;
const shown = \`feeds: { \${ { limit: '}' }.limit } \${\`nested \${"}"}\`} \`;

export default defineConfig({
  title: 'Herald', /* title: 'Old' */
  'baseUrl': "https://news.example.org/",
  tags: [{ name: 'Rail' }, { name: 'Port', aliases: ['Harbour', 'Docks'] }],
  authors: [
    { name: 'Li Wei' },
    { name: 'Wang Fang', bio: 'tags: none, limit: 3' },
    {
      name: 'Anna',
      slug: 5,
    },
  ],
  feeds: {
    tags: 'yes',
    limit: 0,
    formats: ['rss', 'atomz'] as const,
    // was: 1, limit: 9,
    idDate: '1, limit: 8, x', content: "a, limit: 7",
    termContent: \`full, limit: 6, \${'}\`, limit: 5, '}\`,
    /* x, limit: 4, */
  },
  ['permalinks']: { tag: '/topics/{slug}/' },
  footer: { links: [{ label: 'About', url: 5 }] },
} satisfies UserConfig);
`;

describe('the config locator', () => {
  it('reads a key path as the validator names it', () => {
    expect(parseKeyPath('footer.links[0].url')).toEqual(['footer', 'links', 0, 'url']);
    expect(parseKeyPath('feeds.formats[1]')).toEqual(['feeds', 'formats', 1]);
    expect(parseKeyPath('title')).toEqual(['title']);
  });

  it('finds a key inside the object it belongs to, not a key of that name elsewhere (nested, in a comment, a string, a template or a regex)', () => {
    expect(at(CONFIG, 'feeds.limit')).toEqual(spot(CONFIG, 'limit: 0'));
    expect(at(CONFIG, 'feeds.tags')).toEqual(spot(CONFIG, "tags: 'yes'"));
    expect(at(CONFIG, 'tags')).toEqual(spot(CONFIG, 'tags: [', 2));
    expect(at(CONFIG, 'title')).toEqual(spot(CONFIG, "title: 'Herald'"));
    expect(at(CONFIG, 'authors')).toEqual(spot(CONFIG, 'authors: [', 2));
  });

  it('array elements by index, into objects and lists', () => {
    expect(at(CONFIG, 'authors[2].slug')).toEqual(spot(CONFIG, 'slug: 5'));
    expect(at(CONFIG, 'authors[1]')).toEqual(spot(CONFIG, "{ name: 'Wang Fang'"));
    expect(at(CONFIG, 'tags[1].aliases[1]')).toEqual(spot(CONFIG, "'Docks'"));
    expect(at(CONFIG, 'feeds.formats[1]')).toEqual(spot(CONFIG, "'atomz'"));
    expect(at(CONFIG, 'footer.links[0].url')).toEqual(spot(CONFIG, 'url: 5'));
  });

  it('quoted and computed keys, at their quote', () => {
    expect(at(CONFIG, 'baseUrl')).toEqual(spot(CONFIG, "'baseUrl'"));
    expect(at(CONFIG, 'permalinks')).toEqual(spot(CONFIG, "'permalinks'"));
    expect(at(CONFIG, 'permalinks.tag')).toEqual(spot(CONFIG, "tag: '/topics"));
  });

  it('a key that is not written: the nearest one above it that is; a missing top-level key: `defineConfig(`', () => {
    expect(at(CONFIG, 'authors[2].bio')).toEqual(spot(CONFIG, "{\n      name: 'Anna'"));
    expect(at(CONFIG, 'authors[7].name')).toEqual(spot(CONFIG, 'authors: [', 2));
    expect(at(CONFIG, 'feeds.maxBytes')).toEqual(spot(CONFIG, 'feeds: {\n'));
    expect(at(CONFIG, 'language')).toEqual(spot(CONFIG, 'defineConfig({'));
    expect(at(CONFIG, 'feeds.limit.deeper')).toEqual(spot(CONFIG, 'limit: 0'));
  });

  it('a value from a spread or a variable: the key that is written, never a key the spread may replace', () => {
    const text = `const shared = { feeds: { limit: 0 } };
export default defineConfig({
  title: process.env.TITLE,
  footer: { lines: ['x'] },
  ...overrides,
  sections: [{ name: 'A' }, ...more, { name: 'B' }],
  feeds: { enabled: true, ...shared.feeds },
  robots: { lines: ['a'].map((l) => l) },
});
`;
    // After the spread: written here, so at the key.
    expect(at(text, 'robots.lines')).toEqual(spot(text, 'lines: [', 2));
    // A list built by a call may not hold the elements written in it: at its key.
    expect(at(text, 'robots.lines[0]')).toEqual(spot(text, 'lines: [', 2));
    expect(at(text, 'robots')).toEqual(spot(text, 'robots: {'));
    // Before the spread, which may set them again: at the object.
    expect(at(text, 'title')).toEqual(spot(text, 'defineConfig({'));
    expect(at(text, 'footer.lines')).toEqual(spot(text, 'defineConfig({'));
    // Written in a nested object before its spread, or elements after a spread in a list: at the key above.
    expect(at(text, 'feeds.limit')).toEqual(spot(text, 'feeds: {', 2));
    expect(at(text, 'feeds.enabled')).toEqual(spot(text, 'feeds: {', 2));
    expect(at(text, 'sections[0].name')).toEqual(spot(text, "name: 'A'"));
    expect(at(text, 'sections[2].name')).toEqual(spot(text, 'sections: ['));
    // A value that is a variable: its key.
    const plain = `export default defineConfig({\n  title: process.env.TITLE,\n  authors,\n});\n`;
    expect(at(plain, 'title')).toEqual([2, 3]);
    expect(at(plain, 'authors[0].name')).toEqual([3, 3]);
  });

  it('a regular expression is skipped whole: its quotes, slashes in a class, and what looks like a comment', () => {
    const text = "const re = /[/\`'\"]/g, other = /\\/*not a `comment/;\nexport default {\n  title: re.source / 2,\n};\n";
    expect(at(text, 'title')).toEqual([3, 3]);
  });

  it('a path that does not fit what is written stops at the last key that does', () => {
    const text = `export default {\n  authors: [name, 'x'],\n  title: { name: 1 },\n};\n`;
    expect(at(text, 'authors.name')).toEqual([2, 3]);
    expect(at(text, 'title[0]')).toEqual([3, 3]);
  });

  it('CRLF line ends and a byte order mark', () => {
    const text = '\uFEFFexport default {\r\n  title: 1,\r\n  feeds: {\r\n    limit: 0,\r\n  },\r\n};\r\n';
    expect(at(text, 'title')).toEqual([2, 3]);
    expect(at(text, 'feeds.limit')).toEqual([4, 5]);
    expect(at(text, 'baseUrl')).toEqual([1, 16]);
    expect(locateKey(text, 'feeds.limit').frame).toContain('> 4 |     limit: 0,\n    |     ^');
  });

  it('the other ways to export a config', () => {
    expect(at(`const x = 1;\nmodule.exports = {\n  title: 2,\n};\n`, 'title')).toEqual([3, 3]);
    const typed = `import type { UserConfig } from 'dateline';\nconst config: UserConfig = {\n  title: 2,\n};\nexport default config;\n`;
    expect(at(typed, 'title')).toEqual([3, 3]);
    expect(at(typed, 'baseUrl')).toEqual([2, 28]);
    expect(at(`const c = defineConfig({\n  feeds: { limit: 0 },\n});\nexport { c as default };\n`, 'feeds.limit')).toEqual([2, 12]);
    expect(at(`export default defineConfig(config);\nconst config = {\n  title: 5 };\n`, 'title')).toEqual([3, 3]);
    expect(at(`export default <UserConfig>{\n  title: 5,\n};\n`, 'title')).toEqual([2, 3]);
    // Made elsewhere: the line of the export, nothing under it.
    expect(at(`import base from './base';\nexport default base;\n`, 'feeds.limit')).toEqual([2, 1]);
    expect(at(`export default make({ title: 5 });\n`, 'title')).toEqual([1, 1]);
  });

  it('a config object the file names anywhere but where it is written and exported (changed, sorted, merged, aliased): the line of the export', () => {
    const end = 'export default config;\n';
    expect(at(`const config = { title: 'x', pageSize: 10 };\nconfig.pageSize = 0;\n${end}`, 'pageSize')).toEqual([3, 1]);
    expect(at(`const config = { title: 'x', feeds: { limit: 5 } };\nif (process.env.CI) config.feeds.limit = 0;\n${end}`, 'feeds.limit')).toEqual([3, 1]);
    expect(at(`const config = { title: 'x', pageSize: 10 };\nObject.assign(config, { pageSize: 0 });\n${end}`, 'pageSize')).toEqual([3, 1]);
    expect(at(`const config = { title: 'x', pageSize: 10 };\ndelete config.pageSize;\n${end}`, 'pageSize')).toEqual([3, 1]);
    expect(at(`let config = { title: 'x', pageSize: 10 };\nconfig = { title: 'y', pageSize: 0 };\n${end}`, 'pageSize')).toEqual([3, 1]);
    expect(at(`const config = { title: 'x', authors: [{ name: 'Zed', slug: 5 }, { name: 'Ann' }] };\nconfig.authors.sort((a, b) => a.name.localeCompare(b.name));\n${end}`, 'authors[1].slug')).toEqual([3, 1]);
    expect(at(`const config = { title: 'x', pageSize: 10 };\nconst c = config;\nc.pageSize = 0;\n${end}`, 'pageSize')).toEqual([4, 1]);
    // Another object changed, or a let that nothing else names: followed.
    expect(at(`const config = { title: 'x', pageSize: 10 };\nconst other = {};\nother.pageSize = 1;\n${end}`, 'pageSize')).toEqual([1, 30]);
    expect(at(`let config = { title: 'x', pageSize: 10 };\n${end}`, 'pageSize')).toEqual([1, 28]);
  });

  it('garbage, or text with no config in it: no line, and never a throw', () => {
    const garbage = ['', '}}}]]', '((((((', '`${`${`${', "'unterminated", '/* x', '\\', 'const x = 1;', '{ title: 5 }', 'defineConfig', '\uFEFF', '\r\r\r', 'export { title }'];
    for (const text of garbage) expect(locateKey(text, 'title'), JSON.stringify(text)).toEqual({});
    // Random text of the characters that matter to a JavaScript tokenizer: whatever it answers is a line of the text.
    const pieces = ['{', '}', '[', ']', '(', ')', "'", '"', '`', '${', '/', '*', '\\', '\n', '\r\n', ',', ':', '...', ' ', 'export', 'default', 'defineConfig', 'title', 'feeds', 'limit', '0'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let n = 0; n < 500; n++) {
      const text = Array.from({ length: next() % 80 }, () => pieces[next() % pieces.length]).join('');
      for (const path of ['title', 'feeds.limit', 'authors[2].slug', '']) {
        const p = locateKey(text, path);
        if (p.line !== undefined) expect(p.line).toBeLessThanOrEqual(text.split('\n').length);
      }
    }
  });
});

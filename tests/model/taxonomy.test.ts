import { describe, expect, it } from 'vitest';
import { md, site, type SiteBuild } from '../helpers/site.js';

const errorsOf = (b: SiteBuild) => b.diagnostics.filter((d) => d.severity === 'error');
const allText = (b: SiteBuild) => [...b.files!.entries()].filter(([p]) => /\.(html|xml|json|txt)$/.test(p)).map(([p, f]) => [p, typeof f === 'string' ? f : Buffer.from(f).toString('utf8')] as const);
const hrefs = (html: string) => [...html.matchAll(/\shref="([^"]*)"/g)].map((m) => m[1]);

describe('tags', () => {
  it('one tag spelt with and without a hyphen or a space is a warning at the second spelling, with the alias that joins them', async () => {
    const b = await site({
      'content/a.md': md({ title: 'A', date: '2024-03-20', author: 'Li Wei', tags: ['Covid-19'] }),
      'content/b.md': md({ title: 'B', date: '2024-03-21', author: 'Li Wei', tags: ['Weather', 'COVID19'] }),
    });
    expect(b.ok).toBe(true);
    expect(b.diagnostics.map((d) => [d.severity, d.code, d.file, d.line])).toEqual([['warning', 'TAG_VARIANT', 'content/b.md', 5]]);
    expect(b.diagnostics[0].hint).toBe("Spell them one way, or list one as the other's alias in the config: `tags: [{ name: 'Covid-19', aliases: ['COVID19'] }]`. If they are two topics, list both in the config's `tags`: `tags: [{ name: 'Covid-19' }, { name: 'COVID19' }]`.");
    const joined = await site({
      'dateline.config.ts': "export default { title: 'T', baseUrl: 'https://news.example.org/', timeZone: 'Asia/Shanghai', tags: [{ name: 'Covid-19', aliases: ['COVID19'] }] };\n",
      'content/a.md': md({ title: 'A', date: '2024-03-20', author: 'Li Wei', tags: ['Covid-19'] }),
      'content/b.md': md({ title: 'B', date: '2024-03-21', author: 'Li Wei', tags: ['Weather', 'COVID19'] }),
    });
    expect(joined.diagnostics).toEqual([]);
    expect(joined.has('tags/covid19/index.html')).toBe(false);
  });

  it('one word as a tag in the singular and the plural is a warning; listing both in the config says they are two topics', async () => {
    const config = (tags: string) => `export default { title: 'T', baseUrl: 'https://news.example.org/', timeZone: 'Asia/Shanghai', tags: ${tags} };\n`;
    const files = {
      'content/a.md': md({ title: 'A', date: '2024-03-20', author: 'Li Wei', tags: ['Landslide', 'Economy', 'News', 'Bus', 'Gas'] }),
      'content/b.md': md({ title: 'B', date: '2024-03-21', author: 'Li Wei', tags: ['Weather', 'landslides', 'Economies', 'New', 'Buses', 'Gases', 'Paris', 'Pari'] }),
    };
    const b = await site(files);
    expect(b.diagnostics.map((d) => [d.code, d.file, d.line, d.message])).toEqual([
      ['TAG_VARIANT', 'content/b.md', 5, 'The tags "Bus" (content/a.md) and "Buses" are one word in the singular and the plural: they make two tag pages, each with some of the stories.'],
      ['TAG_VARIANT', 'content/b.md', 5, 'The tags "Economy" (content/a.md) and "Economies" are one word in the singular and the plural: they make two tag pages, each with some of the stories.'],
      ['TAG_VARIANT', 'content/b.md', 5, 'The tags "Gas" (content/a.md) and "Gases" are one word in the singular and the plural: they make two tag pages, each with some of the stories.'],
      ['TAG_VARIANT', 'content/b.md', 5, 'The tags "Landslide" (content/a.md) and "landslides" are one word in the singular and the plural: they make two tag pages, each with some of the stories.'],
    ]);
    const joined = await site({ ...files, 'dateline.config.ts': config("[{ name: 'Landslide', aliases: ['landslides'] }, { name: 'Economy' }, { name: 'Economies' }, { name: 'Bus', aliases: ['Buses'] }, { name: 'Gas', aliases: ['Gases'] }]") });
    expect(joined.diagnostics).toEqual([]);
    expect(joined.page('tags/landslide/index.html')).toContain('>B</a>');
    expect(joined.has('tags/landslides/index.html')).toBe(false);
  });

  it('tags typed with and without accents, or a dotted İ, are a warning with the alias that joins them; listed as two in the config, none', async () => {
    const config = (tags: string) => `export default { title: 'T', baseUrl: 'https://news.example.org/', timeZone: 'Asia/Shanghai', tags: ${tags} };\n`;
    const files = {
      'content/a.md': md({ title: 'A', date: '2024-03-20', author: 'Li Wei', tags: ['Aé', 'İstanbul', 'がき'] }),
      // かき and がき are two words (a mark of another script): not warned.
      'content/b.md': md({ title: 'B', date: '2024-03-21', author: 'Li Wei', tags: ['Weather', 'Ae', 'istanbul', 'かき'] }),
    };
    const b = await site(files);
    expect(b.ok).toBe(true);
    expect(b.diagnostics.map((d) => [d.code, d.file, d.line, d.message, d.hint])).toEqual([
      ['TAG_VARIANT', 'content/b.md', 5, 'The tags "Aé" (content/a.md) and "Ae" differ only by accents: they make two tag pages, each with some of the stories.', "Spell them one way, or list one as the other's alias in the config: `tags: [{ name: 'Aé', aliases: ['Ae'] }]`. If they are two topics, list both in the config's `tags`: `tags: [{ name: 'Aé' }, { name: 'Ae' }]`."],
      ['TAG_VARIANT', 'content/b.md', 5, 'The tags "İstanbul" (content/a.md) and "istanbul" differ only by accents: they make two tag pages, each with some of the stories.', "Spell them one way, or list one as the other's alias in the config: `tags: [{ name: 'İstanbul', aliases: ['istanbul'] }]`. If they are two topics, list both in the config's `tags`: `tags: [{ name: 'İstanbul' }, { name: 'istanbul' }]`."],
    ]);
    // The fix works: one page for each; and two entries are two topics.
    const joined = await site({ ...files, 'dateline.config.ts': config("[{ name: 'Aé', aliases: ['Ae'] }, { name: 'İstanbul', aliases: ['istanbul'] }]") });
    expect(joined.diagnostics).toEqual([]);
    expect(joined.has('tags/ae/index.html')).toBe(false);
    const two = await site({ ...files, 'dateline.config.ts': config("[{ name: 'Aé' }, { name: 'Ae' }, { name: 'İstanbul' }, { name: 'istanbul' }]") });
    expect(two.diagnostics).toEqual([]);
  });

  it('on a site in a language whose words differ by an accent alone (año and ano), tags are not compared without their accents; bylines still are', async () => {
    const files = {
      'content/a.md': md({ title: 'A', date: '2024-03-20', author: 'José Pérez', tags: ['Año nuevo', 'Côte'] }),
      'content/b.md': md({ title: 'B', date: '2024-03-21', author: 'Jose Perez', tags: ['Ano nuevo', 'Cote', 'Autobús', 'Autobuses'] }),
    };
    const on = (language: string) => ({ ...files, 'dateline.config.ts': `export default { title: 'T', baseUrl: 'https://news.example.org/', timeZone: 'Europe/Madrid', language: '${language}' };\n` });
    for (const language of ['es', 'fr-CA', 'vi']) {
      const b = await site(on(language));
      expect(b.ok, language).toBe(true);
      expect(b.diagnostics.map((d) => d.code), language).toEqual(['AUTHOR_VARIANT']);
      expect(b.has('tags/ano-nuevo/index.html') && b.has('tags/año-nuevo/index.html'), language).toBe(true);
    }
    // The same tags on an English site are one name typed two ways.
    const en = await site(on('en-GB'));
    expect(en.diagnostics.filter((d) => d.code === 'TAG_VARIANT').map((d) => d.message)).toEqual([
      'The tags "Año nuevo" (content/a.md) and "Ano nuevo" differ only by accents: they make two tag pages, each with some of the stories.',
      'The tags "Côte" (content/a.md) and "Cote" differ only by accents: they make two tag pages, each with some of the stories.',
    ]);
  });

  it('one byline typed with and without accents is a warning at the second story\'s `author` line, naming the first; the config entry it gives joins them', async () => {
    const config = (authors: string) => `export default { title: 'T', baseUrl: 'https://news.example.org/', timeZone: 'Asia/Shanghai', authors: ${authors} };\n`;
    const files = {
      'content/a.md': md({ title: 'A', date: '2024-03-20', author: 'José Pérez' }),
      'content/b.md': md({ title: 'B', date: '2024-03-21', author: ['Li Wei', 'Jose Perez'] }),
      'content/c.md': md({ title: 'C', date: '2024-03-22', author: 'Jose Perez' }),
    };
    const b = await site(files);
    expect(b.ok).toBe(true);
    expect(b.diagnostics.map((d) => [d.code, d.file, d.line, d.message, d.hint])).toEqual([
      ['AUTHOR_VARIANT', 'content/b.md', 4, 'The bylines "José Pérez" (content/a.md) and "Jose Perez" differ only by accents: they make two author pages, each with some of the stories.', "Write the byline one way, or list the author in the config with the other spelling's slug, so that both go to one page: `authors: [{ name: 'José Pérez', slug: 'jose-perez' }]`. If they are two people, list both in the config's `authors`."],
    ]);
    const joined = await site({ ...files, 'dateline.config.ts': config("[{ name: 'José Pérez', slug: 'jose-perez' }]") });
    expect(joined.diagnostics).toEqual([]);
    expect(joined.page('authors/jose-perez/index.html')).toContain('>A</a>');
    expect(joined.page('authors/jose-perez/index.html')).toContain('>B</a>');
    const two = await site({ ...files, 'dateline.config.ts': config("[{ name: 'José Pérez' }, { name: 'Jose Perez' }]") });
    expect(two.diagnostics).toEqual([]);
    // The dotted İ too, in --json (the same diagnostics).
    const dotted = await site({ 'content/a.md': md({ title: 'A', date: '2024-03-20', author: 'İlhan Demir' }), 'content/b.md': md({ title: 'B', date: '2024-03-21', author: 'Ilhan Demir' }) });
    expect(dotted.diagnostics.map((d) => [d.code, d.file])).toEqual([['AUTHOR_VARIANT', 'content/b.md']]);
  });

  it('`tags: rail trade port`, one tag whose every word is a tag of the site\'s, is warned with the commas as its fix', async () => {
    const files = {
      'content/a.md': md({ title: 'A', date: '2024-03-20', author: 'Li Wei', tags: ['Rail', 'Trade', 'Port', 'Belt', 'Road'] }),
      'content/b.md': '---\ntitle: B\ndate: 2024-03-21\nauthor: Li Wei\ntags: rail trade port\n---\n\nBody.\n',
      // Not: two words, or a name with a word that is no tag.
      'content/c.md': md({ title: 'C', date: '2024-03-22', author: 'Li Wei', tags: ['Rail Port', 'Belt and Road'] }),
    };
    const b = await site(files);
    expect(b.diagnostics.map((d) => [d.code, d.file, d.line, d.message, d.hint])).toEqual([
      ['TAGS_IN_ONE', 'content/b.md', 5, 'The tag "rail trade port" is one tag, with a page of its own, but each of its words is a tag of the site\'s: 3 tags may have been meant.', 'Separate the tags with commas: `tags: rail, trade, port`.'],
    ]);
    // Beside other tags, the fix keeps them.
    const among = await site({ ...files, 'content/b.md': '---\ntitle: B\ndate: 2024-03-21\nauthor: Li Wei\ntags:\n  - Economy\n  - rail trade port\n---\n\nBody.\n' });
    expect(among.diagnostics.map((d) => [d.code, d.line, d.hint])).toEqual([['TAGS_IN_ONE', 7, 'Separate the tags with commas: `tags: [Economy, rail, trade, port]`.']]);
    // Written with commas, they are three tags.
    const fixed = await site({ ...files, 'content/b.md': files['content/b.md'].replace('rail trade port', 'rail, trade, port') });
    expect(fixed.diagnostics).toEqual([]);
    expect(fixed.page('tags/port/index.html')).toContain('>B</a>');
  });

  it('Eleventy\'s collection tag (`tags: posts`) is warned once, with the count; listed in the config it is a topic', async () => {
    const files = {
      'content/a.md': md({ title: 'A', date: '2024-03-20', author: 'Li Wei', tags: ['posts', 'Rail'] }),
      'content/b.md': md({ title: 'B', date: '2024-03-21', author: 'Li Wei', tags: ['posts'] }),
    };
    const b = await site(files);
    expect(b.diagnostics.map((d) => [d.code, d.file, d.line, d.message])).toEqual([
      ['COLLECTION_TAG', 'content/a.md', 5, 'The tag "posts" is on 2 stories: it is how Eleventy gathers its posts, and here it would be a tag page of its own, "posts", listing them.'],
    ]);
    const listed = await site({ ...files, 'dateline.config.ts': "export default { title: 'T', baseUrl: 'https://news.example.org/', timeZone: 'Asia/Shanghai', tags: [{ name: 'Posts', description: 'Letters from our posts abroad.' }] };\n" });
    expect(listed.diagnostics).toEqual([]);
  });

  it('a story copied beside itself (same headline and time) is a warning naming both', async () => {
    const story = md({ title: 'Landslide blocks the G75', date: '2024-03-20 09:00', author: 'Li Wei' });
    const b = await site({ 'content/articles/landslide.md': story, 'content/articles/landslide copy.md': story, 'content/articles/other.md': md({ title: 'Landslide blocks the G75', date: '2024-03-21 09:00', author: 'Li Wei' }) });
    // On the copy, which its name gives away (the second in file order is the original: a space
    // comes before a dot), at its headline.
    expect(b.diagnostics.map((d) => [d.code, d.file, d.line, d.message, d.hint])).toEqual([
      ['DUPLICATE_STORY', 'content/articles/landslide copy.md', 2, 'This story and content/articles/landslide.md have the same headline and time: both would be published, and every listing would show the story twice.', "This file's name says it is a copy of content/articles/landslide.md: delete it. If they are two stories, give each its own headline."],
    ]);
    // Names that say nothing of a copy: on the second in file order, as before.
    const two = await site({ 'content/articles/landslide.md': story, 'content/articles/g75-landslide.md': story });
    expect(two.diagnostics.map((d) => [d.code, d.file, d.line, d.hint])).toEqual([['DUPLICATE_STORY', 'content/articles/landslide.md', 2, 'If one file is a copy of the other, delete it; if they are two stories, give each its own headline.']]);
  });

  it('one story brought from two old sites at two times (same headline, same text) is a warning naming both; a column under one headline is not', async () => {
    const text = Array.from({ length: 160 }, (_, i) => `word${i}`).join(' ');
    const other = Array.from({ length: 150 }, (_, i) => `other${i}`).join(' ');
    const b = await site({
      'content/articles/wp/council-vote.md': md({ title: 'Council approves the budget', date: '2012-05-14 09:00', author: 'Li Wei' }, text),
      'content/articles/hugo/council-vote.md': md({ title: 'Council approves the budget', date: '2012-05-14T09:00:00Z', author: 'Li Wei', slug: 'council-vote-2' }, text),
      'content/articles/letters-1.md': md({ title: 'Letters to the editor', date: '2012-05-14 10:00', author: 'Li Wei' }, text),
      'content/articles/letters-2.md': md({ title: 'Letters to the editor', date: '2012-05-21 10:00', author: 'Li Wei' }, other),
    });
    expect(b.diagnostics.map((d) => [d.code, d.file, d.message])).toEqual([
      ['DUPLICATE_STORY', 'content/articles/wp/council-vote.md', 'This story and content/articles/hugo/council-vote.md have the same headline and the same length (160 words), dated 2012-05-14 17:00 and 2012-05-14 09:00: one story saved twice would be published twice.'],
    ]);
  });

  it('a Chinese tag gets a Chinese URL, percent-encoded the same way in every href', async () => {
    const b = await site({
      'content/a.md': md({ title: 'Chongqing rail', date: '2024-03-20', author: 'Li Wei', tags: ['重庆', 'Rail'] }),
      'content/b.md': md({ title: 'Chongqing port', date: '2024-03-21', author: 'Li Wei', tags: '重庆, Port' }),
    });
    expect(errorsOf(b)).toEqual([]);
    expect(b.has('tags/重庆/index.html')).toBe(true);
    const encoded = `/tags/${encodeURIComponent('重庆')}/`;
    expect(b.page('tags/重庆/index.html')).toContain('<h1><span lang="zh">重庆</span></h1>');
    const tagHrefs = allText(b).flatMap(([, html]) => hrefs(html)).filter((h) => h.includes('tags/') && h.includes('%E9') || h.includes('重庆'));
    expect(tagHrefs.length).toBeGreaterThanOrEqual(3);
    // The tag's feeds live in its folder (tags/重庆/feed.xml…): the same encoded path.
    for (const h of tagHrefs) expect([encoded, `https://news.example.org${encoded}`]).toContain(h.replace(/(feed\.xml|atom\.xml|feed\.json)$/, ''));
    expect(b.page('2024/03/20/a/index.html')).toContain(`<a href="${encoded}" rel="tag"><span lang="zh">重庆</span></a>`);
    expect(b.page('tags/index.html')).toContain(`<a href="${encoded}"><span lang="zh">重庆</span></a>`);
  });

  it('tags that differ only in case are one tag, shown in the most used spelling', async () => {
    const b = await site({
      'content/a.md': md({ title: 'A', date: '2024-03-20', author: 'Li Wei', tags: ['rail'] }),
      'content/b.md': md({ title: 'B', date: '2024-03-21', author: 'Li Wei', tags: ['Rail'] }),
      'content/c.md': md({ title: 'C', date: '2024-03-22', author: 'Li Wei', tags: ['Rail'] }),
    });
    expect(errorsOf(b)).toEqual([]);
    expect(b.graph!.tags.map((t) => [t.name, t.slug, t.articles.length])).toEqual([['Rail', 'rail', 3]]);
    const page = b.page('tags/rail/index.html');
    expect(page).toContain('<h1>Rail</h1>');
    expect(page).toContain('3 articles');
    expect(b.page('2024/03/20/a/index.html')).toContain('rel="tag">Rail</a>');
    expect([...b.files!.keys()].filter((p) => p.startsWith('tags/') && p.endsWith('.html')).sort()).toEqual(['tags/index.html', 'tags/rail/index.html']);
  });

  it('a tie in spelling is broken the same way whatever the file order', async () => {
    const one = await site({ 'content/a.md': md({ title: 'A', date: '2024-03-20', author: 'X', tags: ['rail'] }), 'content/b.md': md({ title: 'B', date: '2024-03-21', author: 'X', tags: ['RAIL'] }) });
    const two = await site({ 'content/a.md': md({ title: 'A', date: '2024-03-20', author: 'X', tags: ['RAIL'] }), 'content/b.md': md({ title: 'B', date: '2024-03-21', author: 'X', tags: ['rail'] }) });
    expect(one.graph!.tags[0].name).toBe(two.graph!.tags[0].name);
  });

  it('two different tags that would write one URL are an error naming both', async () => {
    const b = await site({
      'content/a.md': md({ title: 'A', date: '2024-03-20', author: 'Li Wei', tags: ['Rail freight'] }),
      'content/b.md': md({ title: 'B', date: '2024-03-21', author: 'Li Wei', tags: ['rail-freight'] }),
    });
    expect(b.ok).toBe(false);
    const e = errorsOf(b);
    expect(e).toHaveLength(1);
    expect(e[0].code).toBe('TAG_COLLISION');
    // Where the spelling that came second in file order is used: b.md's `tags` line.
    expect(e[0]).toMatchObject({ file: 'content/b.md', line: 5 });
    expect(e[0].message).toContain('"Rail freight"');
    expect(e[0].message).toContain('"rail-freight"');
    expect(e[0].message).toContain('/tags/rail-freight/');
    expect(`${e[0].file} ${e[0].hint}`).toContain('content/a.md');
    expect(`${e[0].file} ${e[0].hint}`).toContain('content/b.md');
    // The lasting fix: one spelling an alias of the other in the config.
    expect(e[0].hint).toContain("list one as the other's alias in the config: `tags: [{ name: 'Rail freight', aliases: ['rail-freight'] }]`.");
  });

  it('two sections that would write one URL are one error at the second story\'s `section` line, not a URL_COLLISION for each page and feed', async () => {
    const files = {
      'content/a.md': md({ title: 'A', date: '2024-03-20', author: 'Li Wei', section: 'Sport' }),
      'content/b.md': md({ title: 'B', date: '2024-03-21', author: 'Li Wei', section: 'Sport!' }),
      'content/c.md': md({ title: 'C', date: '2024-03-22', author: 'Li Wei', section: 'Sport!' }),
    };
    const b = await site(files);
    expect(b.ok).toBe(false);
    expect(errorsOf(b).map((d) => [d.code, d.file, d.line, d.message])).toEqual([
      ['SECTION_COLLISION', 'content/b.md', 5, 'The sections "Sport" (content/a.md) and "Sport!" would both be written to /sport/.'],
    ]);
    expect(errorsOf(b)[0].hint).toBe("Write the section as there, `section: Sport`; if they are two sections, give this one a `slug` of its own in the config: `sections: [{ name: 'Sport!', slug: '…' }]`.");
    // Against a section of the config's: named as such.
    const configured = await site({ ...files, 'dateline.config.ts': "export default { title: 'T', baseUrl: 'https://news.example.org/', timeZone: 'Asia/Shanghai', sections: [{ name: 'Sport' }] };\n" });
    expect(errorsOf(configured).map((d) => [d.code, d.file, d.line, d.message])).toEqual([
      ['SECTION_COLLISION', 'content/b.md', 5, 'The sections "Sport" (in the config\'s `sections`) and "Sport!" would both be written to /sport/.'],
    ]);
    // Given a slug of its own, two sections.
    const two = await site({ ...files, 'dateline.config.ts': "export default { title: 'T', baseUrl: 'https://news.example.org/', timeZone: 'Asia/Shanghai', sections: [{ name: 'Sport!', slug: 'sport-extra' }] };\n" });
    expect(errorsOf(two)).toEqual([]);
    expect(two.has('sport/index.html') && two.has('sport-extra/index.html')).toBe(true);
  });

  it('bylines that differ only by punctuation are one author page, without a URL_COLLISION', async () => {
    const b = await site({
      'content/a.md': md({ title: 'A', date: '2024-03-20', author: 'Jose Li' }),
      'content/b.md': md({ title: 'B', date: '2024-03-21', author: 'Jose Li!' }),
    });
    expect(b.diagnostics).toEqual([]);
    expect(b.page('authors/jose-li/index.html')).toContain('>B</a>');
  });

  it('a tag that slugs to nothing is an error naming the file', async () => {
    const b = await site({ 'content/a.md': md({ title: 'A', date: '2024-03-20', author: 'Li Wei', tags: ['News', '!!!'] }) });
    expect(errorsOf(b)).toMatchObject([{ code: 'BAD_TAG', file: 'content/a.md' }]);
  });

  it('a section or byline that slugs to nothing is an error naming the file, not a URL clash', async () => {
    const b = await site({ 'content/a.md': md({ title: 'A', date: '2024-03-20', author: '***', section: '!!!' }) });
    expect(errorsOf(b).map((d) => [d.code, d.file])).toEqual([
      ['BAD_AUTHOR', 'content/a.md'],
      ['BAD_SECTION', 'content/a.md'],
    ]);
  });

  it('a section in the config that slugs to nothing is a config error', async () => {
    const b = await site({
      'dateline.config.ts': `export default { title: 'T', baseUrl: 'https://x.example/', sections: [{ name: '***' }] };`,
      'content/a.md': md({ title: 'A', date: '2024-03-20', author: 'Li Wei' }),
    });
    expect(errorsOf(b)).toMatchObject([{ code: 'BAD_SECTION', file: 'dateline.config.ts' }]);
  });
});

describe('the config\'s tags', () => {
  const config = (tags: string) => `export default { title: 'T', baseUrl: 'https://x.example/', tags: ${tags} };\n`;

  it('gives a tag its name, slug and description, and folds its other spellings into it', async () => {
    const b = await site({
      'dateline.config.ts': config(`[\n  { name: 'C++', slug: 'cpp', description: 'The language.' },\n  { name: 'US', aliases: ['U.S.', 'USA'] },\n]`),
      'content/a.md': md({ title: 'A', date: '2024-03-20', author: 'Li Wei', tags: ['C', 'c++'] }),
      'content/b.md': md({ title: 'B', date: '2024-03-21', author: 'Li Wei', tags: ['U.S.'] }),
      'content/c.md': md({ title: 'C', date: '2024-03-22', author: 'Li Wei', tags: ['usa', 'Straße'] }),
      'content/d.md': md({ title: 'D', date: '2024-03-23', author: 'Li Wei', tags: ['STRASSE'] }),
    });
    expect(errorsOf(b)).toEqual([]);
    expect(b.graph!.tags.map((t) => [t.name, t.slug, t.articles.length]).sort()).toEqual([
      ['C++', 'cpp', 1],
      ['C', 'c', 1],
      ['STRASSE', 'strasse', 2],
      ['US', 'us', 2],
    ]);
    expect(b.page('tags/cpp/index.html')).toContain('The language.');
    expect(b.page('tags/cpp/index.html')).toContain('<h1>C++</h1>');
    expect(b.page('2024/03/21/b/index.html')).toContain('<a href="/tags/us/" rel="tag">US</a>');
    expect(b.has('tags/u-s/index.html')).toBe(false);
  });

  it('a spelling claimed by two entries, or two entries with one page, is a config error at its line', async () => {
    const b = await site({
      'dateline.config.ts': config(`[\n  { name: 'US', aliases: ['USA'] },\n  { name: 'America', aliases: ['USA'] },\n  { name: 'Rail freight' },\n  { name: 'Rail-Freight' },\n]`),
      'content/a.md': md({ title: 'A', date: '2024-03-20', author: 'Li Wei' }),
    });
    expect(b.ok).toBe(false);
    expect(errorsOf(b).map((d) => [d.code, d.file, d.line])).toEqual([
      ['TAG_COLLISION', 'dateline.config.ts', 3],
      ['TAG_COLLISION', 'dateline.config.ts', 5],
    ]);
    expect(errorsOf(b)[0].message).toContain('"USA" is claimed by two tags');
  });
});

describe('drafts and future articles', () => {
  const files = {
    'content/live.md': md({ title: 'Live story', date: '2025-12-01', author: 'Li Wei', tags: ['Rail'], section: 'News' }),
    'content/draft-story.md': md({ title: 'Secret draft', date: '2025-12-02', author: 'Draft Author', tags: ['Rail', 'Draftonly'], section: 'Hidden Desk', draft: true }),
    'content/embargoed.md': md({ title: 'Embargoed scoop', date: '2026-01-01 08:00:01', author: 'Future Writer', tags: ['Futureonly'], section: 'Hidden Desk' }),
    'content/pages/about-us.md': md({ title: 'About Us' }, 'See [the live story](/2025/12/01/live/).'),
    'content/pages/privacy-cookie-policy.md': md({ title: 'Privacy & Cookie Policy' }),
  };

  it('appear nowhere: no page, listing, tag, author or section page, count, or link', async () => {
    const b = await site(files, { now: '2026-01-01T00:00:00Z' });
    expect(errorsOf(b)).toEqual([]);
    expect(b.articles).toBe(1);
    for (const [p, text] of allText(b)) {
      for (const leak of ['Secret draft', 'draft-story', 'Draftonly', 'draftonly', 'Draft Author', 'Embargoed scoop', 'embargoed', 'Futureonly', 'futureonly', 'Future Writer', 'Hidden Desk', 'hidden-desk']) {
        expect(text, `${p} mentions ${leak}`).not.toContain(leak);
      }
    }
    for (const p of b.files!.keys()) expect(p).not.toMatch(/draft|embargoed|futureonly|future-writer|hidden-desk/);
    expect(b.page('tags/rail/index.html')).toContain('1 article<');
    expect(b.page('tags/index.html')).toMatch(/Rail<\/a> <span class="count">\(1\)/);
    expect(b.graph!.tags.map((t) => t.name)).toEqual(['Rail']);
  });

  it('--drafts brings drafts back, and their tag pages', async () => {
    const b = await site(files, { now: '2026-01-01T00:00:00Z', drafts: true });
    expect(b.articles).toBe(2);
    expect(b.page('2025/12/02/draft-story/index.html')).toContain('Secret draft');
    expect(b.has('tags/draftonly/index.html')).toBe(true);
    expect(b.page('tags/rail/index.html')).toContain('2 articles');
    expect(b.has('tags/futureonly/index.html')).toBe(false);
  });

  it('--future brings scheduled articles back', async () => {
    const b = await site(files, { now: '2026-01-01T00:00:00Z', future: true });
    expect(b.articles).toBe(2);
    expect(b.has('2026/01/01/embargoed/index.html')).toBe(true);
    expect(b.has('tags/futureonly/index.html')).toBe(true);
    expect(b.has('tags/draftonly/index.html')).toBe(false);
  });

  it('--now decides what is in the future, in the site\'s zone when it has no offset', async () => {
    // The embargo lifts at 2026-01-01 08:00:01 in Shanghai, which is 00:00:01 UTC.
    expect((await site(files, { now: '2026-01-01T00:00:00Z' })).articles).toBe(1);
    expect((await site(files, { now: '2026-01-01T00:00:01Z' })).articles).toBe(2);
    expect((await site(files, { now: '2026-01-01 08:00' })).articles).toBe(1);
    expect((await site(files, { now: '2026-01-01 08:00:01' })).articles).toBe(2);
  });

  it('an internal link to a draft is reported by check and by a build, not silently shipped', async () => {
    const about = { ...files, 'content/pages/about-us.md': md({ title: 'About Us' }, 'See [the draft](/2025/12/02/draft-story/).') };
    expect(errorsOf(await site(about, { mode: 'check' }))).toMatchObject([{ code: 'LINK_TO_DRAFT', file: 'content/pages/about-us.md', line: 5 }]);
    expect(errorsOf(await site(about))).toMatchObject([{ code: 'LINK_TO_DRAFT', file: 'content/pages/about-us.md', line: 5 }]);
  });
});

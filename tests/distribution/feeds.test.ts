import { describe, expect, it } from 'vitest';
import { md, site } from '../helpers/site.js';
import { config, headTags, parseXml, RFC822, W3C_DATETIME } from './helpers.js';


const articles = {
  'content/2025/rain.md': md(
    { title: 'Rain floods the valley', date: '2025-12-30 09:30', author: ['Ran Zheng', 'Li Wei'], tags: ['Weather', '重庆'], section: 'News', summary: 'Heavy rain.', image: { src: '/images/rain.jpg', alt: 'Rain' } },
    'Read [the forecast](/weather/forecast/) and [the map](map/).\n\n![A flooded road](/images/road.jpg "The road")\n\n[Elsewhere](https://example.com/x?a=1&b=2)',
  ),
  'content/2025/trams.md': md({ title: 'Trams return', date: '2025-12-29 08:00', updated: '2025-12-30 12:00', author: 'Li Wei', tags: ['Transport'], section: 'City' }, 'The trams are back.'),
  'content/2025/opera.md': md({ title: 'Opera season opens', date: '2025-12-28 20:00', author: 'Ran Zheng', tags: ['Culture', 'Weather'] }, 'Sichuan opera.'),
};

describe('RSS 2.0', () => {
  it('has the channel fields, a self link, and items newest first with guid, RFC 822 dates, creators and categories', async () => {
    const s = await site({ 'dateline.config.ts': config(), ...articles });
    expect(s.ok).toBe(true);
    const rss = parseXml(s.page('feed.xml')).rss;
    expect(rss['@version']).toBe('2.0');
    const ch = rss.channel;
    expect(ch.title).toBe('Test Herald');
    expect(ch.link).toBe('https://news.example.org/');
    expect(ch.description).toBe('News from the hills');
    expect(ch['atom:link'][0]).toMatchObject({ '@rel': 'self', '@href': 'https://news.example.org/feed.xml', '@type': 'application/rss+xml' });
    expect(ch.lastBuildDate).toBe('Tue, 30 Dec 2025 12:00:00 +0800');
    expect(ch.item.map((i: any) => i.title)).toEqual(['Rain floods the valley', 'Trams return', 'Opera season opens']);
    const rain = ch.item[0];
    expect(rain.link).toBe('https://news.example.org/2025/12/30/rain/');
    expect(rain.guid['#text']).toBe(rain.link);
    expect(rain.guid['@isPermaLink']).toBe('true');
    expect(rain.pubDate).toBe('Tue, 30 Dec 2025 09:30:00 +0800');
    for (const i of ch.item) expect(i.pubDate).toMatch(RFC822);
    expect(rain['dc:creator']).toEqual(['Ran Zheng', 'Li Wei']);
    expect(rain.category).toEqual(['Weather', '重庆']);
    expect(rain.author).toBeUndefined();
    expect(rain.description).toBe('Heavy rain.');
  });

  it('dates an updated article by its update (a new pubDate is how RSS says "updated"), and keeps the items in order of publication', async () => {
    const s = await site({ 'dateline.config.ts': config(), ...articles });
    const items = parseXml(s.page('feed.xml')).rss.channel.item;
    // Trams was updated (30 Dec, 12:00) after Rain was published (30 Dec, 09:30), yet comes second: items follow `date`.
    expect(items.map((i: any) => [i.title, i.pubDate])).toEqual([
      ['Rain floods the valley', 'Tue, 30 Dec 2025 09:30:00 +0800'],
      ['Trams return', 'Tue, 30 Dec 2025 12:00:00 +0800'],
      ['Opera season opens', 'Sun, 28 Dec 2025 20:00:00 +0800'],
    ]);
    // The same in a term feed; Atom and JSON Feed keep the two dates apart.
    expect(parseXml(s.page('city/feed.xml')).rss.channel.item[0].pubDate).toBe('Tue, 30 Dec 2025 12:00:00 +0800');
    const trams = parseXml(s.page('atom.xml')).feed.entry[1];
    expect([trams.published, trams.updated]).toEqual(['2025-12-29T08:00:00+08:00', '2025-12-30T12:00:00+08:00']);
  });

  it('carries the full body with every link and image made absolute', async () => {
    const s = await site({ 'dateline.config.ts': config(), ...articles });
    const body: string = parseXml(s.page('feed.xml')).rss.channel.item[0]['content:encoded'];
    expect(body).toContain('href="https://news.example.org/weather/forecast/"');
    expect(body).toContain('href="https://news.example.org/2025/12/30/rain/map/"');
    expect(body).toContain('src="https://news.example.org/images/road.jpg"');
    expect(body).toContain('href="https://example.com/x?a=1&amp;b=2"');
    expect(body).not.toMatch(/(href|src)="\//);
  });

  it('carries only summaries when the config says so, with an excerpt where there is no summary', async () => {
    const s = await site({ 'dateline.config.ts': config(`feeds: { content: 'summary' },`), ...articles });
    const items = parseXml(s.page('feed.xml')).rss.channel.item;
    expect(items.every((i: any) => i['content:encoded'] === undefined)).toBe(true);
    expect(items[0].description).toBe('Heavy rain.');
    expect(items[1].description).toBe('The trams are back.');
    const json = JSON.parse(s.page('feed.json'));
    expect(json.items[0].content_html).toBeUndefined();
    expect(json.items[0].content_text).toBe('Heavy rain.');
  });

  it('keeps at most `limit` items, newest first', async () => {
    const s = await site({ 'dateline.config.ts': config(`feeds: { limit: 2 },`), ...articles });
    expect(parseXml(s.page('feed.xml')).rss.channel.item.map((i: any) => i.title)).toEqual(['Rain floods the valley', 'Trams return']);
    expect(parseXml(s.page('atom.xml')).feed.entry).toHaveLength(2);
    expect(JSON.parse(s.page('feed.json')).items).toHaveLength(2);
  });

  it('stays under maxBytes: old items fall back to summaries, then drop, and the feed stays valid', async () => {
    const big = 'Lorem ipsum dolor sit amet. '.repeat(400);
    const files: Record<string, string> = { 'dateline.config.ts': config(`feeds: { maxBytes: 30000 },`) };
    for (let i = 1; i <= 9; i++) files[`content/a${i}.md`] = md({ title: `Story ${i}`, date: `2025-12-2${i} 10:00`, author: 'Ran Zheng', summary: `Summary ${i}` }, big);
    const s = await site(files);
    for (const f of ['feed.xml', 'atom.xml', 'feed.json']) expect(Buffer.byteLength(s.page(f)), f).toBeLessThanOrEqual(30000);
    const items = parseXml(s.page('feed.xml')).rss.channel.item;
    expect(items[0].title).toBe('Story 9');
    expect(items[0]['content:encoded']).toContain('Lorem ipsum');
    expect(items.at(-1)['content:encoded']).toBeUndefined();
    expect(items.at(-1).description).toMatch(/^Summary \d$/);
    const json = JSON.parse(s.page('feed.json'));
    expect(json.items[0].content_html).toContain('Lorem ipsum');
    expect(json.items.at(-1).content_text).toMatch(/^Summary \d$/);
    // Tight enough that even summaries do not all fit: items drop, oldest first.
    const tight = await site({ ...files, 'dateline.config.ts': config(`feeds: { maxBytes: 3000 },`) });
    const kept = parseXml(tight.page('feed.xml')).rss.channel.item ?? [];
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(9);
    expect(kept[0].title).toBe('Story 9');
    expect(Buffer.byteLength(tight.page('feed.xml'))).toBeLessThanOrEqual(3000);
  });
});

describe('Atom 1.0', () => {
  it('has id, title, updated, self and alternate links, and entries with id, dates, authors and content', async () => {
    const s = await site({ 'dateline.config.ts': config(), ...articles });
    const feed = parseXml(s.page('atom.xml')).feed;
    expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(feed.id).toBe('https://news.example.org/atom.xml');
    expect(feed.title['#text']).toBe('Test Herald');
    expect(feed.updated).toBe('2025-12-30T12:00:00+08:00');
    expect(feed.link.map((l: any) => [l['@rel'], l['@href']])).toEqual([
      ['self', 'https://news.example.org/atom.xml'],
      ['alternate', 'https://news.example.org/'],
    ]);
    expect(feed.author[0].name).toBe('Test Herald');
    const trams = feed.entry[1];
    expect(trams.id).toBe('https://news.example.org/2025/12/29/trams/');
    expect(trams.published).toBe('2025-12-29T08:00:00+08:00');
    expect(trams.updated).toBe('2025-12-30T12:00:00+08:00');
    for (const e of feed.entry) {
      expect(e.updated).toMatch(W3C_DATETIME);
      expect(e.link[0]['@href']).toBe(e.id);
    }
    expect(feed.entry[0].author.map((a: any) => a.name)).toEqual(['Ran Zheng', 'Li Wei']);
    expect(feed.entry[0].author[0].uri).toBe('https://news.example.org/authors/ran-zheng/');
    expect(feed.entry[0].category.map((c: any) => c['@term'])).toEqual(['Weather', '重庆']);
    expect(feed.entry[0].content['@type']).toBe('html');
    expect(feed.entry[0].content['#text']).toContain('<a href="https://news.example.org/weather/forecast/">');
  });
});

describe('JSON Feed 1.1', () => {
  it('has the members the spec requires, and items with id, url, dates, authors and tags', async () => {
    const s = await site({ 'dateline.config.ts': config(), ...articles });
    const feed = JSON.parse(s.page('feed.json'));
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(typeof feed.title).toBe('string');
    expect(Array.isArray(feed.items)).toBe(true);
    expect(feed.feed_url).toBe('https://news.example.org/feed.json');
    expect(feed.home_page_url).toBe('https://news.example.org/');
    expect(feed.language).toBe('en');
    for (const item of feed.items) {
      expect(typeof item.id).toBe('string');
      expect(typeof item.content_html === 'string' || typeof item.content_text === 'string').toBe(true);
      expect(item.url).toMatch(/^https:\/\/news\.example\.org\//);
      expect(item.date_published).toMatch(W3C_DATETIME);
    }
    const [rain, trams] = feed.items;
    expect(rain.authors).toEqual([
      { name: 'Ran Zheng', url: 'https://news.example.org/authors/ran-zheng/' },
      { name: 'Li Wei', url: 'https://news.example.org/authors/li-wei/' },
    ]);
    expect(rain.tags).toEqual(['Weather', '重庆']);
    expect(rain.image).toBe('https://news.example.org/images/rain.jpg');
    expect(trams.date_modified).toBe('2025-12-30T12:00:00+08:00');
  });
});

describe('item ids: the `id` front matter key', () => {
  /** Each format's id and RSS isPermaLink for every item, by title. */
  const ids = (s: Awaited<ReturnType<typeof site>>, folder = '') => {
    const rss = parseXml(s.page(`${folder}feed.xml`)).rss.channel.item;
    const atom = parseXml(s.page(`${folder}atom.xml`)).feed.entry;
    const json = JSON.parse(s.page(`${folder}feed.json`)).items;
    return Object.fromEntries(
      rss.map((i: any, n: number) => [i.title, { link: i.link, rss: i.guid['#text'], permaLink: i.guid['@isPermaLink'], atom: atom[n].id, atomLink: atom[n].link[0]['@href'], json: json[n].id }]),
    );
  };
  const story = (front: Record<string, unknown>) => md({ title: 'Port expands', date: '2025-12-27 10:00', author: 'Li Wei', tags: ['Transport'], ...front }, 'The port grows.');

  it('is the item\'s identity in RSS (isPermaLink="false"), Atom and JSON Feed; a path is a URL on the site, a name a tag: URI', async () => {
    const s = await site({
      'dateline.config.ts': config(`feeds: { idDate: '2015' },`),
      ...articles,
      'content/2025/port.md': story({ id: '/2025/12/01/old-port/' }),
      'content/2025/ferry.md': md({ title: 'Ferry returns', date: '2025-12-26 10:00', author: 'Li Wei', tags: ['Transport'], id: 'urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66' }),
      'content/2025/bridge.md': md({ title: 'Bridge opens', date: '2025-12-25 10:00', author: 'Li Wei', tags: ['Transport'], id: 'cms/4120#重庆' }),
    });
    expect(s.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const all = ids(s);
    expect(all['Port expands']).toEqual({
      link: 'https://news.example.org/2025/12/27/port/',
      rss: 'https://news.example.org/2025/12/01/old-port/',
      permaLink: 'false',
      atom: 'https://news.example.org/2025/12/01/old-port/',
      atomLink: 'https://news.example.org/2025/12/27/port/',
      json: 'https://news.example.org/2025/12/01/old-port/',
    });
    expect(all['Ferry returns']).toMatchObject({ rss: 'urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66', permaLink: 'false', atom: 'urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66', json: 'urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66' });
    // RFC 4151: tag:<host>,<date>:<specific>, with "#" and other characters outside pchar percent-encoded.
    const tag = 'tag:news.example.org,2015:cms/4120%23%E9%87%8D%E5%BA%86';
    expect(all['Bridge opens']).toMatchObject({ rss: tag, permaLink: 'false', atom: tag, json: tag });
    // Without the key, the URL, as before.
    expect(all['Rain floods the valley']).toMatchObject({ rss: all['Rain floods the valley'].link, permaLink: 'true', atom: all['Rain floods the valley'].link, json: all['Rain floods the valley'].link });
    // The same ids in a term feed.
    expect(ids(s, 'tags/transport/')['Bridge opens']).toMatchObject({ rss: tag, atom: tag, json: tag });
  });

  it('keeps the item\'s identity when its date and slug are corrected; the old URL as `id` keeps the guid it had', async () => {
    const before = await site({ 'dateline.config.ts': config(`feeds: { idDate: '2015-06-01' },`), ...articles, 'content/2025/port.md': story({ id: 'port-0412' }) });
    const after = await site({ 'dateline.config.ts': config(`feeds: { idDate: '2015-06-01' },`), ...articles, 'content/2025/port.md': story({ id: 'port-0412', date: '2025-12-26 18:00', slug: 'port-expansion' }) });
    const [b, a] = [ids(before)['Port expands'], ids(after)['Port expands']];
    expect(a.link).not.toBe(b.link);
    expect(a).toMatchObject({ rss: b.rss, atom: b.atom, json: b.json });
    expect(a.rss).toBe('tag:news.example.org,2015-06-01:port-0412');

    // An article first published without `id` has its URL as id. Moved, with its old path in
    // `aliases` and as `id`, it keeps that id byte for byte, in a site under a sub-path too.
    const sub = (c: string) => c.replace('https://news.example.org/', 'https://example.org/新闻/');
    const old = await site({ 'dateline.config.ts': sub(config()), ...articles, 'content/2025/port.md': story({}) });
    const moved = await site({ 'dateline.config.ts': sub(config()), ...articles, 'content/2025/port.md': story({ date: '2025-12-26 18:00', slug: 'port-expansion', aliases: ['/2025/12/27/port/'], id: '/2025/12/27/port/' }) });
    const [o, m] = [ids(old)['Port expands'], ids(moved)['Port expands']];
    expect(o).toMatchObject({ rss: o.link, permaLink: 'true' });
    expect(m.link).toBe('https://example.org/%E6%96%B0%E9%97%BB/2025/12/26/port-expansion/');
    expect(m).toMatchObject({ rss: o.rss, atom: o.atom, json: o.json, permaLink: 'false' });
    expect(moved.has('2025/12/27/port/index.html')).toBe(true);
  });

  it('two articles with one id, or an id that is another article\'s URL: an error at the `id` line, naming both files', async () => {
    const s = await site({
      'dateline.config.ts': config(),
      ...articles,
      'content/2025/a-port.md': story({ id: 'urn:story:port' }),
      'content/2025/b-port.md': '---\ntitle: Port expands again\ndate: 2025-12-28 10:00\nauthor: Li Wei\nid: "urn:story:port"\n---\n\nMore.\n',
      'content/2025/c-port.md': '---\ntitle: Rain, again\ndate: 2025-12-28 11:00\nauthor: Li Wei\nslug: rain-again\nid: https://news.example.org/2025/12/30/rain/\n---\n\nMore.\n',
    });
    expect(s.ok).toBe(false);
    const found = s.diagnostics.filter((d) => d.code === 'ID_COLLISION');
    expect(found).toHaveLength(2);
    expect(found[0]).toMatchObject({ severity: 'error', file: 'content/2025/b-port.md', line: 5 });
    expect(found[0].message).toContain('content/2025/a-port.md:');
    expect(found[0].message).toContain('content/2025/b-port.md have the same feed id, urn:story:port');
    expect(found[0].hint).toBeTruthy();
    expect(found[1]).toMatchObject({ severity: 'error', file: 'content/2025/c-port.md', line: 6 });
    expect(found[1].message).toContain('the URL of content/2025/rain.md');
  });

  it('a name needs `feeds.idDate`: until then the feed id stays the URL, with a warning at the first such `id`', async () => {
    const s = await site({ 'dateline.config.ts': config(), ...articles, 'content/2025/port.md': md({ title: 'Port expands', date: '2025-12-27 10:00', author: 'Li Wei', id: 'port-0412' }) });
    expect(s.ok).toBe(true);
    const [d] = s.diagnostics.filter((x) => x.code === 'ID_NEEDS_DATE');
    expect(d).toMatchObject({ severity: 'warning', file: 'content/2025/port.md', line: 5 });
    expect(d.hint).toContain('feeds: { idDate:');
    expect(d.hint).toContain('news.example.org');
    expect(JSON.parse(s.page('feed.json')).items.map((i: { id: string }) => i.id)).toContain('https://news.example.org/2025/12/27/port/');
  });

  it('a scheduled article\'s id is checked before it is published: a duplicate fails the build that would publish nothing yet', async () => {
    const s = await site({ 'dateline.config.ts': config(), ...articles, 'content/2025/a.md': md({ title: 'Now', date: '2025-12-27 10:00', author: 'Li Wei', id: '/old/one/' }), 'content/2025/b.md': md({ title: 'Later', date: '2030-01-01 10:00', author: 'Li Wei', id: '/old/one/' }) });
    expect(s.diagnostics.filter((x) => x.severity === 'error')).toMatchObject([{ code: 'ID_COLLISION', file: 'content/2025/b.md', line: 5 }]);
  });

  it('a path id may carry the base path, as the address bar shows it', async () => {
    const sub = config().replace("baseUrl: 'https://news.example.org/'", "baseUrl: 'https://news.example.org/news/'");
    const s = await site({ 'dateline.config.ts': sub, 'content/2025/port.md': md({ title: 'Port expands', date: '2025-12-27 10:00', author: 'Li Wei', id: '/news/2024/03/20/old/' }) });
    expect(JSON.parse(s.page('feed.json')).items[0].id).toBe('https://news.example.org/news/2024/03/20/old/');
  });
});

describe('feeds per tag, section and author', () => {
  it('lists only that term\'s articles, at the term page\'s folder, linked from the term page', async () => {
    const s = await site({ 'dateline.config.ts': config(), ...articles });
    const titles = (p: string) => parseXml(s.page(p)).rss.channel.item.map((i: any) => i.title);
    expect(titles('tags/weather/feed.xml')).toEqual(['Rain floods the valley', 'Opera season opens']);
    expect(titles('tags/重庆/feed.xml')).toEqual(['Rain floods the valley']);
    expect(titles('city/feed.xml')).toEqual(['Trams return']);
    expect(titles('authors/li-wei/feed.xml')).toEqual(['Rain floods the valley', 'Trams return']);
    const tagFeed = parseXml(s.page('tags/重庆/feed.xml')).rss.channel;
    expect(tagFeed.title).toBe('Test Herald: 重庆');
    expect(tagFeed.link).toBe('https://news.example.org/tags/%E9%87%8D%E5%BA%86/');
    expect(tagFeed['atom:link'][0]['@href']).toBe('https://news.example.org/tags/%E9%87%8D%E5%BA%86/feed.xml');
    expect(JSON.parse(s.page('authors/ran-zheng/feed.json')).items.map((i: any) => i.title)).toEqual(['Rain floods the valley', 'Opera season opens']);
    expect(parseXml(s.page('news/atom.xml')).feed.entry.map((e: any) => e.title['#text'])).toEqual(['Rain floods the valley']);

    const alternates = (p: string) => headTags(s.page(p)).links.filter((l) => l.rel === 'alternate').map((l) => `${l.type} ${l.href}`);
    expect(alternates('tags/重庆/index.html')).toEqual([
      'application/rss+xml /tags/%E9%87%8D%E5%BA%86/feed.xml',
      'application/atom+xml /tags/%E9%87%8D%E5%BA%86/atom.xml',
      'application/feed+json /tags/%E9%87%8D%E5%BA%86/feed.json',
      'application/rss+xml /feed.xml',
      'application/atom+xml /atom.xml',
      'application/feed+json /feed.json',
    ]);
    expect(alternates('authors/li-wei/index.html')[0]).toBe('application/rss+xml /authors/li-wei/feed.xml');
    expect(alternates('city/index.html')[0]).toBe('application/rss+xml /city/feed.xml');
    expect(alternates('index.html')).toEqual(['application/rss+xml /feed.xml', 'application/atom+xml /atom.xml', 'application/feed+json /feed.json']);
    expect(alternates('2025/12/30/rain/index.html')).toEqual(alternates('index.html'));
  });

  it('carry summaries by default and full bodies when `termContent` says so; the site feed keeps full bodies', async () => {
    const s = await site({ 'dateline.config.ts': config(), ...articles });
    const tagItem = parseXml(s.page('tags/weather/feed.xml')).rss.channel.item[0];
    expect(tagItem['content:encoded']).toBeUndefined();
    expect(tagItem.description).toBe('Heavy rain.');
    expect(JSON.parse(s.page('authors/li-wei/feed.json')).items[1]).toMatchObject({ content_text: 'The trams are back.' });
    expect(parseXml(s.page('feed.xml')).rss.channel.item[0]['content:encoded']).toContain('forecast');
    const full = await site({ 'dateline.config.ts': config(`feeds: { termContent: 'full', content: 'summary' },`), ...articles });
    expect(parseXml(full.page('tags/weather/feed.xml')).rss.channel.item[0]['content:encoded']).toContain('href="https://news.example.org/weather/forecast/"');
    expect(parseXml(full.page('feed.xml')).rss.channel.item[0]['content:encoded']).toBeUndefined();
  });

  it('can be switched off per kind and per format, and the links follow', async () => {
    const s = await site({ 'dateline.config.ts': config(`feeds: { tags: false, authors: false, formats: ['atom'] },`), ...articles });
    expect(s.has('tags/weather/feed.xml') || s.has('tags/weather/atom.xml')).toBe(false);
    expect(s.has('authors/li-wei/atom.xml')).toBe(false);
    expect(s.has('city/atom.xml')).toBe(true);
    expect(s.has('feed.xml') || s.has('feed.json')).toBe(false);
    expect(s.has('atom.xml')).toBe(true);
    const alternates = (p: string) => headTags(s.page(p)).links.filter((l) => l.rel === 'alternate').map((l) => l.href);
    expect(alternates('tags/weather/index.html')).toEqual(['/atom.xml']);
    expect(alternates('city/index.html')).toEqual(['/city/atom.xml', '/atom.xml']);
    const off = await site({ 'dateline.config.ts': config(`feeds: { enabled: false },`), ...articles });
    expect([...off.files!.keys()].filter((k) => /(feed\.xml|atom\.xml|feed\.json)$/.test(k))).toEqual([]);
    expect(headTags(off.page('index.html')).links.filter((l) => l.rel === 'alternate')).toEqual([]);
  });

  it('carries the base path of a site served under a sub-path', async () => {
    const s = await site({ 'dateline.config.ts': config().replace('https://news.example.org/', 'https://example.org/news/'), ...articles });
    const ch = parseXml(s.page('tags/weather/feed.xml')).rss.channel;
    expect(ch.link).toBe('https://example.org/news/tags/weather/');
    expect(ch['atom:link'][0]['@href']).toBe('https://example.org/news/tags/weather/feed.xml');
    expect(ch.item[0].link).toBe('https://example.org/news/2025/12/30/rain/');
    expect(headTags(s.page('index.html')).links.find((l) => l.rel === 'alternate')?.href).toBe('/news/feed.xml');
  });

  it('writes a valid, empty site feed when nothing is published yet', async () => {
    const s = await site({ 'dateline.config.ts': config() });
    const ch = parseXml(s.page('feed.xml')).rss.channel;
    expect(ch.item).toBeUndefined();
    expect(ch.lastBuildDate).toMatch(RFC822);
    expect(JSON.parse(s.page('feed.json')).items).toEqual([]);
    expect(parseXml(s.page('atom.xml')).feed.updated).toMatch(W3C_DATETIME);
  });
});

describe('the lead photo in RSS and Atom', () => {
  it('is a Media RSS media:content with its absolute URL and alt text, the same file as JSON Feed and og:image; a story without one has none', async () => {
    const s = await site({
      'dateline.config.ts': config(),
      ...articles,
      'content/2025/bundle/index.md': md({ title: 'Bundle photo', date: '2025-12-27 08:00', author: 'Li Wei', image: { src: 'river bank.jpg', alt: 'The river & bank' } }),
      'content/2025/bundle/river bank.jpg': 'jpeg',
    });
    expect(s.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const rss = parseXml(s.page('feed.xml')).rss;
    expect(s.page('feed.xml')).toContain('xmlns:media="http://search.yahoo.com/mrss/"');
    const byTitle = (list: any[], t: string) => list.find((i: any) => (i.title['#text'] ?? i.title) === t);
    const rain = byTitle(rss.channel.item, 'Rain floods the valley');
    expect(rain['media:content']).toMatchObject({ '@url': 'https://news.example.org/images/rain.jpg', '@medium': 'image' });
    expect(rain['media:content']['media:description']['#text']).toBe('Rain');
    const bundle = byTitle(rss.channel.item, 'Bundle photo');
    expect(bundle['media:content']['@url']).toBe('https://news.example.org/2025/12/27/bundle/river%20bank.jpg');
    expect(bundle['media:content']['media:description']['#text']).toBe('The river & bank');
    expect(byTitle(rss.channel.item, 'Trams return')['media:content']).toBeUndefined();
    const json = JSON.parse(s.page('feed.json'));
    expect(json.items.find((i: any) => i.title === 'Bundle photo').image).toBe(bundle['media:content']['@url']);
    expect(s.page('2025/12/27/bundle/index.html')).toContain(`<meta property="og:image" content="${bundle['media:content']['@url']}">`);
    const atom = parseXml(s.page('atom.xml')).feed;
    expect(s.page('atom.xml')).toContain('xmlns:media="http://search.yahoo.com/mrss/"');
    const entry = byTitle(atom.entry, 'Rain floods the valley');
    expect(entry['media:content']).toMatchObject({ '@url': 'https://news.example.org/images/rain.jpg', '@medium': 'image' });
    expect(byTitle(atom.entry, 'Trams return')['media:content']).toBeUndefined();
  });
});

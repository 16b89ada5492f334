import { describe, expect, it } from 'vitest';
import { md, site as siteWithout, withSearch } from '../helpers/site.js';
import { jsonLd, pagefindText, parseXml } from './helpers.js';

/** The tests' sites, with the search index on. */
const site = (files: Record<string, string | Uint8Array>, options?: Parameters<typeof siteWithout>[1]) => siteWithout(withSearch(files), options);

const story = (image: Record<string, unknown>, body = 'First paragraph.') =>
  md({ title: 'Plant reopens', date: '2024-03-20 09:30', author: 'Ran Zheng', image: { src: '/images/a.jpg', alt: 'Workers on a line', ...image } }, body);

const figcaption = (html: string) => /<figure class="story-image">[\s\S]*?<figcaption>([\s\S]*?)<\/figcaption>/.exec(html)?.[1];
const article = (html: string) => jsonLd(html).find((o) => o['@type'] === 'NewsArticle');
/** The text Pagefind indexed for each page, by its URL. */
const indexed = (out: Map<string, string | Uint8Array>): Record<string, string> =>
  Object.fromEntries([...out.entries()].filter(([p]) => /^pagefind\/(.+\/)?fragment\//.test(p)).map(([, b]) => JSON.parse(pagefindText(b as Uint8Array))).map((f) => [f.url, f.content]));

describe('a photo caption and credit in inline Markdown', () => {
  it('shows emphasis and links on the page, and plain words in JSON-LD, feeds and the search index', async () => {
    const s = await site({
      'content/articles/a.md': story({
        caption: "Workers at the *Liangjiang* plant, see [the plant's site](https://x.example/?a=1&b=2) or [this](javascript:alert(1)) <script>alert(2)</script>",
        credit: 'Photo/ **Changan Automobile**',
      }),
      'content/articles/b.md': story({ caption: '# 1 plant, `bay 3` ~~closed~~ \\*ok\\*', credit: '[Xinhua](https://xinhua.example/)' }),
    });
    const a = s.page('2024/03/20/a/index.html');
    expect(figcaption(a)).toBe(
      'Workers at the <em>Liangjiang</em> plant, see <a href="https://x.example/?a=1&amp;b=2">the plant\'s site</a> or this &lt;script&gt;alert(2)&lt;/script&gt; <span class="credit">(Photo/ <strong>Changan Automobile</strong>)</span>',
    );
    expect(a).not.toContain('javascript:');
    // A leading `#` is no heading; code, strikethrough and escapes are inline; the theme's "(Photo/ …)" goes around a linked credit.
    expect(figcaption(s.page('2024/03/20/b/index.html'))).toBe('# 1 plant, <code>bay 3</code> <del>closed</del> *ok* <span class="credit">(Photo/ <a href="https://xinhua.example/">Xinhua</a>)</span>');

    const plain = "Workers at the Liangjiang plant, see the plant's site or this <script>alert(2)</script>";
    expect(article(a).image[0]).toMatchObject({ '@type': 'ImageObject', url: 'https://news.example.org/images/a.jpg', caption: plain, creditText: 'Photo/ Changan Automobile' });
    expect(article(s.page('2024/03/20/b/index.html')).image[0]).toMatchObject({ caption: '# 1 plant, bay 3 closed *ok*', creditText: 'Xinhua' });

    const items = parseXml(s.page('feed.xml')).rss.channel.item;
    const credits = items.map((i: any) => i['media:content']['media:credit']).sort();
    expect(credits).toEqual(['Photo/ Changan Automobile', 'Xinhua']);
    const atom = parseXml(s.page('atom.xml')).feed.entry.map((e: any) => e['media:content']['media:credit']).sort();
    expect(atom).toEqual(['Photo/ Changan Automobile', 'Xinhua']);

    // The search index has the caption's words, not its asterisks or the link's address.
    const words = indexed(s.files!)['/2024/03/20/a/'];
    expect(words).toContain('Workers at the Liangjiang plant, see the plant');
    expect(words).not.toContain('*');
    expect(words).not.toContain('x.example');
  });

  it('a link that runs code is taken out with a warning at the line of the caption', async () => {
    const s = await site({
      'content/articles/c.md': '---\ntitle: Plant\ndate: 2024-03-20 09:30\nauthor: Ran Zheng\nimage:\n  src: /images/a.jpg\n  alt: Workers\n  caption: "See [this](javascript:alert(1))"\n---\n\nBody.\n',
    });
    expect(figcaption(s.page('2024/03/20/c/index.html'))).toBe('See this');
    expect(s.diagnostics.filter((d) => d.code === 'UNSAFE_LINK')).toMatchObject([{ file: 'content/articles/c.md', line: 8, severity: 'warning' }]);
  });

  it('a link that runs code in a body photo\'s caption (its title) is taken out with a warning at the photo\'s line', async () => {
    // Line 7 is the body's first.
    const body = 'Body.\n\nMore.\n\n![Cranes](/images/c.jpg "See [this](JavaScript:alert(1)) or [that](https://x.example/)")\n\n![Icon](/images/i.png "Plain [data](https://data.example.org/)")';
    const s = await site({ 'content/articles/a.md': md({ title: 'Plant', date: '2024-03-20 09:30', author: 'Ran Zheng' }, body) });
    expect(s.page('2024/03/20/a/index.html')).toContain('<figcaption>See this or <a href="https://x.example/">that</a></figcaption>');
    const ds = s.diagnostics.filter((d) => d.code === 'UNSAFE_LINK');
    expect(ds).toMatchObject([{ file: 'content/articles/a.md', line: 11, column: 1, severity: 'warning' }]);
    expect(ds[0].message).toContain('The link to "JavaScript:alert(1)" in the photo\'s caption was removed');
  });

  it('a caption without Markdown is the same on the page and in JSON-LD as before', async () => {
    const s = await site({ 'content/articles/a.md': story({ caption: 'Fish & chips > "crisps"', credit: 'Li Wei' }) });
    const a = s.page('2024/03/20/a/index.html');
    expect(figcaption(a)).toBe('Fish &amp; chips &gt; &quot;crisps&quot; <span class="credit">(Photo/ Li Wei)</span>');
    expect(article(a).image[0]).toMatchObject({ caption: 'Fish & chips > "crisps"', creditText: 'Li Wei' });
  });

  it('a body photo\'s title is its caption in the same inline Markdown, and plain text as a title attribute', async () => {
    const s = await site({ 'content/articles/a.md': md({ title: 'Plant', date: '2024-03-20 09:30', author: 'Ran Zheng' }, '![Cranes](/images/c.jpg "The *Yangtze* at [dusk](/about-us/), # 1")\n\nSee ![icon](/images/i.png "An *icon*") here.') });
    const a = s.page('2024/03/20/a/index.html');
    expect(a).toContain('<figcaption>The <em>Yangtze</em> at <a href="/about-us/">dusk</a>, # 1</figcaption>');
    expect(a).toContain('title="An icon"');
  });
});

import { describe, expect, it } from 'vitest';
import { parseFrontMatter } from '../../src/parse/front-matter.js';
import { MANY_TAGS, validateFrontMatter } from '../../src/validate/article.js';
import { md, site } from '../helpers/site.js';

// One story with 3,000 tags (a keyword list pasted into `tags`) made 3,000 tag pages and 9,000
// feeds that each list all 3,000: 650 MB. Built all the same, with a warning at the `tags` line.

const FILE = 'content/articles/floods.md';
const tagLines = (n: number) => Array.from({ length: n }, (_, i) => `  - Topic ${String(i + 1).padStart(4, '0')}`).join('\n');

function check(front: string) {
  const text = `---\n${front}\n---\n\nBody.\n`;
  const fm = parseFrontMatter(FILE, text).result!;
  return validateFrontMatter(fm, { file: FILE, text, kind: 'article', timeZone: 'Asia/Shanghai' });
}

describe('a story with more tags than a desk means', () => {
  it('is warned at the `tags` line, with the count and the fix', () => {
    const r = check(`title: Floods\ndate: 2024-03-20\nauthor: Li Wei\ntags:\n${tagLines(3000)}`);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({
      severity: 'warning', code: 'TOO_MANY_TAGS', file: FILE, line: 5, column: 1,
      message: '`tags` has 3000 tags; a story rarely has more than ten, and each gets a page and three feeds, each of which lists all 3000.',
      hint: `Keep the few topics a reader would follow (at most ${MANY_TAGS}); a list pasted in by mistake (keywords, a whole tag index) belongs out of \`tags\`.`,
    });
    expect(r.diagnostics[0].frame).toContain('> 5 | tags:');
  });

  it(`says nothing up to ${MANY_TAGS} tags, and warns from one more, written inline too`, () => {
    expect(check(`title: Floods\ndate: 2024-03-20\nauthor: Li Wei\ntags:\n${tagLines(MANY_TAGS)}`).diagnostics).toEqual([]);
    const inline = Array.from({ length: MANY_TAGS + 1 }, (_, i) => `T${i}`).join(', ');
    expect(check(`title: Floods\nauthor: Li Wei\ndate: 2024-03-20\ntags: [${inline}]`).diagnostics.map((d) => [d.code, d.line])).toEqual([['TOO_MANY_TAGS', 5]]);
  });

  it('built: the story is published with every tag page, and each tag feed names all its tags', async () => {
    const b = await site({ [FILE]: md(`title: Floods\ndate: 2024-03-20\nauthor: Li Wei\ntags:\n${tagLines(120)}`) });
    expect(b.diagnostics.map((d) => [d.code, d.file, d.line])).toEqual([['TOO_MANY_TAGS', FILE, 5]]);
    for (const t of ['topic-0001', 'topic-0120']) {
      expect(b.page(`tags/${t}/index.html`)).toContain('Floods');
      const feed = b.page(`tags/${t}/feed.xml`);
      expect(feed.match(/<category>/g)).toHaveLength(120);
      expect(feed).toContain('<category>Topic 0120</category>');
      expect(JSON.parse(b.page(`tags/${t}/feed.json`)).items[0].tags).toHaveLength(120);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { nearName } from '../../src/validate/near-miss.js';
import { md, site } from '../helpers/site.js';

// Bylines that would make an author who does not exist: a registered author's name misspelt, or
// two people written as one name. `site()` builds at 2026-01-01T00:00:00Z.

const CONFIG = `import { defineConfig } from 'dateline';
export default defineConfig({
  title: 'Test Herald',
  baseUrl: 'https://news.example.org/',
  timeZone: 'Asia/Shanghai',
  authors: [{ name: 'Tan Yuxin' }, { name: 'He Jiawei' }, { name: 'Li Wei' }, { name: 'Marcus Feld', slug: 'mfeld' }],
});
`;
const A = 'content/articles/flood.md';
const story = (author: string) => md(`title: Flood defences approved\ndate: 2024-03-20\n${author}`);
const build = (author: string, extra: Record<string, string> = {}) => site({ 'dateline.config.ts': CONFIG, [A]: story(author), ...extra });
const bylines = (b: { diagnostics: { code: string }[] }) => b.diagnostics.filter((d) => d.code === 'AUTHOR_MISSPELT' || d.code === 'AUTHORS_IN_ONE');

describe('a byline a letter or two from a registered author\'s', () => {
  it('is at the `author` line, with the name as registered: an error for the same letters spaced otherwise (nothing is published), a warning for a letter or two apart (it may be another person); the fix publishes under that author', async () => {
    for (const [written, meant] of [['Tan Yuxn', 'Tan Yuxin'], ['Tan Yuixn', 'Tan Yuxin'], ['TanYuxin', 'Tan Yuxin'], ['Tan  Yu-xin', 'Tan Yuxin'], ['He Jiawie', 'He Jiawei'], ['Marcus Fled', 'Marcus Feld']]) {
      const b = await build(`author: ${written}`);
      const same = ['TanYuxin', 'Tan  Yu-xin'].includes(written);
      expect(b.ok, written).toBe(!same);
      expect(b.has('2024/03/20/flood/index.html'), written).toBe(!same);
      const [e] = bylines(b);
      expect(e, written).toMatchObject({
        severity: same ? 'error' : 'warning', code: 'AUTHOR_MISSPELT', file: A, line: 4, column: 1,
        message: `\`author: ${written}\` is not in the config's \`authors\`; did you mean ${meant}? As written, the article would be published under a new byline, "${written}", with an author page of its own.`,
        hint: `Write \`author: ${meant}\`. If ${written} is another person, add \`{ name: '${written}' }\` to \`authors\` in the config.`,
      });
      expect(e.frame, written).toContain(`> 4 | author: ${written}`);
    }
    const fixed = await build('author: Tan Yuxin');
    expect(fixed.diagnostics).toEqual([]);
    expect(fixed.page('authors/tan-yuxin/index.html')).toContain('Flood defences approved');
    expect(fixed.has('authors/tan-yuxn/index.html')).toBe(false);
  });

  it('in a list: the item\'s own line, or the list with the name put right', async () => {
    const own = bylines(await build('author:\n  - He Jiawei\n  - Tan Yuxn'));
    expect(own).toMatchObject([{ code: 'AUTHOR_MISSPELT', line: 6, hint: 'Write `- Tan Yuxin` on that line. If Tan Yuxn is another person, add `{ name: \'Tan Yuxn\' }` to `authors` in the config.' }]);
    expect(own[0].message).toMatch(/^`- Tan Yuxn` is not in the config's `authors`/);
    const inline = bylines(await build('author: [He Jiawei, Tan Yuxn]'));
    expect(inline).toMatchObject([{ line: 4, message: expect.stringMatching(/^"Tan Yuxn" in `author: \[He Jiawei, Tan Yuxn\]` is not in/), hint: expect.stringMatching(/^Write `author: \[He Jiawei, Tan Yuxin\]`\./) }]);
  });

  it('a guest\'s name, far from every registered one, is published as before; so is one only the registry\'s spelling differs from in case', async () => {
    for (const name of ['Guest Writer', 'Li Wen', 'Tan', 'Maria Lopez', 'tan yuxin', 'Tan-Yuxin']) {
      const b = await build(`author: ${name}`);
      expect(b.diagnostics, name).toEqual([]);
    }
    // Without a registry, nothing is compared.
    expect((await site({ [A]: story('author: Tan Yuxn'), 'content/articles/b.md': md('title: B\ndate: 2024-03-20\nauthor: Tan Yuxin') })).diagnostics).toEqual([]);
  });

  it('a draft says nothing until it is one no more', async () => {
    expect((await build('author: Tan Yuxn\ndraft: true')).diagnostics).toEqual([]);
  });

  it('nearName: short names match letter for letter only (Li Wei is not Li Wen), long ones allow two mistakes', () => {
    expect(nearName('Li Wen', ['Li Wei'])).toBeUndefined();
    expect(nearName('LiWei', ['Li Wei'])).toBe('Li Wei');
    expect(nearName('Tan Yuxn', ['Tan Yuxin', 'He Jiawei'])).toBe('Tan Yuxin');
    expect(nearName('Zhou Lantnig', ['Zhou Lanting'])).toBe('Zhou Lanting');
    expect(nearName('Zhou Lanxx', ['Zhou Lanting'])).toBeUndefined();
    expect(nearName('Chen Siyu', ['Chen Siqi'])).toBeUndefined();
  });
});

describe('two people written as one name', () => {
  it('is an error whose fix is the list; followed, each has a byline and the article is on both pages', async () => {
    for (const written of ['Tan Yuxin, He Jiawei', 'Tan Yuxin and He Jiawei', 'Tan Yuxin & He Jiawei', 'Tan Yuxin; He Jiawei', 'Tan Yuxin，He Jiawei', 'Tan Yuxn, He Jiawei']) {
      const b = await build(`author: ${written}`);
      expect(b.ok, written).toBe(false);
      expect(b.has('2024/03/20/flood/index.html'), written).toBe(false);
      expect(bylines(b), written).toMatchObject([{
        severity: 'error', code: 'AUTHORS_IN_ONE', file: A, line: 4, column: 1,
        message: `\`author: ${written}\` is one byline in dateline: the article would be published under one author, "${written}", with a page of its own, and neither Tan Yuxin's page nor He Jiawei's would list it.`,
        hint: 'Write `author: [Tan Yuxin, He Jiawei]`: a list gives each name a byline.',
      }]);
    }
    const fixed = await build('author: [Tan Yuxin, He Jiawei]');
    expect(fixed.diagnostics).toEqual([]);
    expect(fixed.page('authors/tan-yuxin/index.html')).toContain('Flood defences approved');
    expect(fixed.page('authors/he-jiawei/index.html')).toContain('Flood defences approved');
  });

  it('inside a list, the fix keeps the others', async () => {
    const [e] = bylines(await build('author: [Li Wei, Tan Yuxin and He Jiawei]'));
    expect(e).toMatchObject({ code: 'AUTHORS_IN_ONE', line: 4, hint: 'Write `author: [Li Wei, Tan Yuxin, He Jiawei]`: a list gives each name a byline.' });
  });

  it('says nothing of a name with a comma whose parts are not all authors (a surname first, a place)', async () => {
    for (const name of ['Lopez, Maria', 'Tan Yuxin, Chongqing', '"Tan Yuxin, special correspondent"', 'Procter and Gamble']) {
      expect((await build(`author: ${name}`)).diagnostics, name).toEqual([]);
    }
  });

  it('without a registry: when each part is another article\'s byline of its own', async () => {
    const b = await site({
      [A]: story('author: Maria Lopez and Sam Chen'),
      'content/articles/b.md': md('title: B\ndate: 2024-03-19\nauthor: Maria Lopez'),
      'content/articles/c.md': md('title: C\ndate: 2024-03-18\nauthor: [Sam Chen]'),
    });
    expect(bylines(b)).toMatchObject([{ code: 'AUTHORS_IN_ONE', file: A, line: 4, hint: 'Write `author: [Maria Lopez, Sam Chen]`: a list gives each name a byline.' }]);
    // One part no byline elsewhere: perhaps a name with "and" in it; said nothing of.
    expect((await site({ [A]: story('author: Maria Lopez and Sam Chen'), 'content/articles/b.md': md('title: B\ndate: 2024-03-19\nauthor: Maria Lopez') })).diagnostics).toEqual([]);
  });
});

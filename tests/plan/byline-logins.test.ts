import { describe, expect, it } from 'vitest';
import { md, site } from '../helpers/site.js';

// WordPress exports give each post's author as the login of the account that posted it: `jsmith`
// for Jane Smith, `admin` for the account the blog was set up with. Each would be published as a
// new author with a page of its own, beside the real one's.
const config = (authors: string) => `import { defineConfig } from 'dateline';
export default defineConfig({
  title: 'Test Herald',
  baseUrl: 'https://news.example.org/',
  timeZone: 'America/Chicago',
  defaultAuthor: 'Courier Staff',
  authors: [{ name: 'Courier Staff' }, ${authors}],
});
`;
const A = 'content/articles/flood.md';
const build = (author: string, authors = "{ name: 'Jane Smith' }, { name: \"Tom O'Brien\" }") => site({ 'dateline.config.ts': config(authors), [A]: md(`title: Flood defences approved\ndate: 2024-03-20\n${author}`) });
const bylines = (b: { diagnostics: { code: string }[] }) => b.diagnostics.filter((d) => d.code === 'AUTHOR_MISSPELT');

describe('a byline that is a login or an account of the old site', () => {
  it('a login made from a registered name is a warning at its line whose fix is the name', async () => {
    for (const [written, meant] of [['tobrien', "Tom O'Brien"], ['jsmith', 'Jane Smith'], ['JSmith', 'Jane Smith']]) {
      const b = await build(`author: ${written}`);
      expect(bylines(b), written).toEqual([expect.objectContaining({
        severity: 'warning', file: A, line: 4, kind: 'login',
        message: `\`author: ${written}\` looks like the login of ${meant} on the old site, not a byline: as written, the article would be published under a new byline, "${written}", with an author page of its own.`,
      })]);
      expect(bylines(b)[0].hint, written).toContain(`Write \`author: ${meant.includes("'") ? `"${meant}"` : meant}\``);
    }
  });

  it('a login two registered people would share says nothing (jsmith: Jane or John Smith)', async () => {
    expect(bylines(await build('author: jsmith', "{ name: 'Jane Smith' }, { name: 'John Smith' }"))).toEqual([]);
  });

  it('the account the blog was set up with is a warning whose fix names the default byline', async () => {
    const b = await build('author: admin');
    expect(bylines(b)).toEqual([expect.objectContaining({ severity: 'warning', line: 4, kind: 'account', hint: 'Write the name of the story\'s author in `author`, or delete the line for the default byline (Courier Staff).' })]);
    expect(bylines(b)[0].message).toContain('is the old site\'s admin account, which posted the story, not a byline');
  });

  it('a one-word name that is also a registered author\'s login says nothing (Dana beside Dan Alvarez, James beside Jo Ames)', async () => {
    const authors = "{ name: 'Dan Alvarez' }, { name: 'Jo Ames' }";
    expect(bylines(await build('author: Dana', authors))).toEqual([]);
    expect(bylines(await build('author: James', authors))).toEqual([]);
    // Written as a login, it is still one.
    expect(bylines(await build('author: dana', authors))).toEqual([expect.objectContaining({ kind: 'login', hint: expect.stringContaining('Write `author: Dan Alvarez`') })]);
    expect(bylines(await build('author: JAmes', authors))).toEqual([expect.objectContaining({ kind: 'login', hint: expect.stringContaining('Write `author: Jo Ames`') })]);
  });

  it('a guest\'s name, and a registered one, say nothing', async () => {
    expect(bylines(await build('author: Marta Kowalski'))).toEqual([]);
    expect(bylines(await build('author: Jane Smith'))).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { cli, md, site, writeSite } from '../helpers/site.js';

const FRONT = { title: 'Flood wall finished', date: '2025-12-30 09:30', author: 'Li Wei' };
const PAGE = '2025/12/30/wall/index.html';
/** The pages the footer links to, so that `check` finds nothing else. */
const PAGES = { 'content/pages/about-us.md': md({ title: 'About Us' }), 'content/pages/privacy-cookie-policy.md': md({ title: 'Privacy & Cookie Policy' }) };

describe('a photo pasted into the story as a data: address', () => {
  it('is a warning at its line and column (Markdown or raw HTML): the page shows no photo, and the fix says where the file goes', async () => {
    const pixel = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
    // Line 7 is the body's first.
    const body = ['The mayor spoke.', '', `![The mayor at the podium](${pixel})`, '', `Before: <img src="${pixel}" alt="The old wall">`, '', '![The wall](/images/wall.jpg)'].join('\n');
    const s = await site({ 'content/articles/wall.md': md(FRONT, body), 'static/images/wall.jpg': 'x' });
    expect(s.ok).toBe(true);
    const ds = s.diagnostics.filter((d) => d.code === 'PASTED_PHOTO');
    expect(ds.map((d) => [d.severity, d.file, d.line, d.column])).toEqual([
      ['warning', 'content/articles/wall.md', 9, 1],
      ['warning', 'content/articles/wall.md', 11, 9],
    ]);
    expect(ds[0].message).toContain('This photo is written into the story itself, as a data: address');
    expect(ds[0].hint).toBe('Save the picture as a file in static/images/ (or beside the story, in its own folder) and point to it: ![The mayor at the podium](/images/photo.jpg).');
    expect(ds[1].hint).toContain('![The old wall](/images/photo.jpg)');
    expect(s.diagnostics.filter((d) => d.code === 'UNSAFE_LINK')).toEqual([]);
    // As the page has it: no data: address, and the photo from a file kept.
    const page = s.page(PAGE);
    expect(page).not.toContain('data:image');
    expect(page).toContain('src="/images/wall.jpg"');
  });
});

describe('a link whose address runs code (javascript:, vbscript:, data:)', () => {
  it('is taken out as before, with a warning at its line and column saying so and what to write instead', async () => {
    // Line 7 is the body's first.
    const body = [
      'Read [the report](javascript:alert(1)) or <javascript:void(0)>.',
      '',
      '> Quoted: [a clip](DATA:text/html;base64,PHNjcmlwdD4=)',
      '',
      'Raw: <a href="vbscript:msgbox(1)">here</a> and [the data](https://data.example.org/levels).',
    ].join('\n');
    const s = await site({ 'content/articles/wall.md': md(FRONT, body) });
    expect(s.ok).toBe(true);
    const ds = s.diagnostics.filter((d) => d.code === 'UNSAFE_LINK');
    expect(ds.map((d) => [d.severity, d.file, d.line, d.column])).toEqual([
      ['warning', 'content/articles/wall.md', 7, 6],
      ['warning', 'content/articles/wall.md', 7, 43],
      ['warning', 'content/articles/wall.md', 9, 11],
      ['warning', 'content/articles/wall.md', 11, 6],
    ]);
    expect(ds[0].message).toBe('The link to "javascript:alert(1)" was removed: a javascript: address can run code in the reader\'s browser, so readers see the link\'s words as plain text.');
    expect(ds[0].hint).toBe('Link to a web page by its full address, such as [the report](https://example.org/report), or delete the link.');
    expect(ds[2].message).toContain('a data: address');
    expect(ds[3].message).toContain('"vbscript:msgbox(1)"');
    expect(ds[0].frame).toContain('> 7 | Read [the report](javascript:alert(1))');
    // Still taken out: the words stay, no address that runs code, the good link kept.
    const page = s.page(PAGE);
    expect(page).not.toMatch(/href="\s*(javascript|vbscript|data):/i);
    expect(page).not.toContain('msgbox');
    expect(page).toContain('<a>the report</a>');
    expect(page).toContain('<a>here</a>');
    expect(page).toContain('href="https://data.example.org/levels"');
  });

  it('is found however it is spelt that the sanitiser catches: entities, capitals, spaces and tabs, unquoted, a reference', async () => {
    const body = [
      '<a href=" JAVA&#09;SCRIPT:alert(1)">a</a> <a href=javascript&colon;alert(2)>b</a> [c](jav&#x61;script:alert(3))',
      '',
      '<div>',
      "<a href='Javascript:alert(4)'>d</a>",
      '</div>',
      '',
      'See [e][r].',
      '',
      '[r]: javascript:alert(5)',
    ].join('\n');
    const s = await site({ 'content/articles/wall.md': md(FRONT, body) });
    expect(s.diagnostics.filter((d) => d.code === 'UNSAFE_LINK').map((d) => [d.line, d.column])).toEqual([[7, 1], [7, 43], [7, 83], [10, 1], [13, 5]]);
    expect(s.page(PAGE)).not.toMatch(/alert\(/);
  });

  it('is none in code, in an HTML comment, or for an address that only looks like one (java%20script: is a path)', async () => {
    const body = ['`[x](javascript:alert(1))`', '', '```', '<a href="javascript:alert(2)">x</a>', '```', '', '<!-- <a href="javascript:alert(3)">x</a> -->', '', '[x](<java script:alert(4)>) [a story on javascript:](/2025/12/01/js/)'].join('\n');
    const s = await site({ 'content/articles/wall.md': md(FRONT, body) });
    expect(s.diagnostics.filter((d) => d.code === 'UNSAFE_LINK')).toEqual([]);
  });

  it('is said by the real `dateline build` and `dateline check` with the file, line, column and fix; both succeed', async () => {
    const dir = writeSite({ 'content/articles/wall.md': md(FRONT, 'Read [the report](javascript:alert(1)).'), ...PAGES });
    for (const command of ['build', 'check']) {
      const r = await cli([command, dir, '--now', '2026-01-01T00:00:00Z']);
      expect(r.code, command).toBe(0);
      expect(r.stderr + r.stdout, command).toMatch(/warning\[UNSAFE_LINK\] content\/articles\/wall\.md:7:6/);
      expect(r.stderr + r.stdout, command).toContain('fix: Link to a web page by its full address');
    }
  });
});

import { describe, expect, it } from 'vitest';
import { md, site } from '../helpers/site.js';

const FRONT = { title: 'Flood wall finished', date: '2025-12-30 09:30', author: 'Li Wei' };

describe('a footnote reference with no note', () => {
  it('is a warning at its line and column, with the note\'s line to add; a reference with its note, one in code or escaped, is none', async () => {
    // Line 7 is the body's first.
    const body = ['The wall cost 40 million[^cost].', '', 'It opened on Tuesday[^nope], said `[^code]` and \\[^escaped].', '', '- Height: 6 metres[^height]', '', '[^cost]: City budget, 2025.'].join('\n');
    const s = await site({ 'content/articles/wall.md': md(FRONT, body) });
    expect(s.ok).toBe(true);
    const ds = s.diagnostics.filter((d) => d.code === 'FOOTNOTE_NOT_FOUND');
    expect(ds.map((d) => [d.severity, d.file, d.line, d.column, d.message, d.hint])).toEqual([
      ['warning', 'content/articles/wall.md', 9, 21, 'The footnote [^nope] has no note (no line `[^nope]: …`), so readers would see "[^nope]" as text.', "Add the note on a line of its own below the story: `[^nope]: The note's text.`, or delete [^nope]."],
      ['warning', 'content/articles/wall.md', 11, 19, 'The footnote [^height] has no note (no line `[^height]: …`), so readers would see "[^height]" as text.', "Add the note on a line of its own below the story: `[^height]: The note's text.`, or delete [^height]."],
    ]);
    // As written: the note that is there is linked, the one that is not is text.
    const page = s.page('2025/12/30/wall/index.html');
    expect(page).toContain('Tuesday[^nope]');
    expect(page).toContain('data-footnote-ref');
  });

  it('is none for `[^` inside a bare or <angle-bracketed> address, which readers see as a working link', async () => {
    const body = ['See <https://e.org/a[^b]> and https://e.org/x[^y] for the data[^src].', '', '[^src]: City data.'].join('\n');
    const s = await site({ 'content/articles/wall.md': md(FRONT, body) });
    expect(s.diagnostics.filter((d) => d.code === 'FOOTNOTE_NOT_FOUND')).toEqual([]);
  });
});

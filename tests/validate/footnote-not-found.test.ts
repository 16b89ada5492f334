import { describe, expect, it } from 'vitest';
import { cli, md, site, writeSite } from '../helpers/site.js';

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

  it('is at the reference itself when code earlier on the line, or in a code block above, holds the same text', async () => {
    // Line 7 is the body's first.
    const body = ['```', 'x[^nope]', '```', '', 'Written `[^nope]` in code, then for real[^nope], said `a` [^other].'].join('\n');
    const s = await site({ 'content/articles/wall.md': md(FRONT, body) });
    const ds = s.diagnostics.filter((d) => d.code === 'FOOTNOTE_NOT_FOUND');
    expect(ds.map((d) => [d.message.slice(0, 22), d.line, d.column])).toEqual([
      ['The footnote [^nope] h', 11, 41],
      ['The footnote [^other] ', 11, 59],
    ]);
    expect(ds[0].frame).toContain('> 11 | Written `[^nope]` in code, then for real[^nope]');
  });

  it('says which note was meant when a label differs from one only by its capitals (labels match letter for letter)', async () => {
    const body = ['Cost rose[^note] and fell[^Cost2].', '', '[^Note]: City budget.', '', '[^cost2]: Audit.'].join('\n');
    const s = await site({ 'content/articles/wall.md': md(FRONT, body) });
    const ds = s.diagnostics.filter((d) => d.code === 'FOOTNOTE_NOT_FOUND');
    expect(ds.map((d) => [d.line, d.column, d.hint])).toEqual([
      [7, 10, 'Did you mean [^Note]? A footnote\'s label must match its note\'s letter for letter, capitals too: write [^Note] here, or the note\'s line as `[^note]: …`.'],
      [7, 26, 'Did you mean [^cost2]? A footnote\'s label must match its note\'s letter for letter, capitals too: write [^cost2] here, or the note\'s line as `[^Cost2]: …`.'],
    ]);
    // As the hint says: the extension does not link [^note] to [^Note]; with the fix it does.
    expect(s.page('2025/12/30/wall/index.html')).toContain('rose[^note]');
    const fixed = await site({ 'content/articles/wall.md': md(FRONT, body.replace('[^note]', '[^Note]').replace('[^Cost2]', '[^cost2]')) });
    expect(fixed.diagnostics.filter((d) => d.code === 'FOOTNOTE_NOT_FOUND')).toEqual([]);
    expect(fixed.page('2025/12/30/wall/index.html')).not.toContain('[^');
  });

  it('is said by the real `dateline build` and `dateline check` at the reference, not the code, with the label meant', async () => {
    // With the pages the footer links to, so that `check` finds nothing else.
    const dir = writeSite({ 'content/articles/wall.md': md(FRONT, 'Use `[^note]` for notes; the cost[^note] rose.\n\n[^Note]: City budget.'), 'content/pages/about-us.md': md({ title: 'About Us' }), 'content/pages/privacy-cookie-policy.md': md({ title: 'Privacy & Cookie Policy' }) });
    for (const command of ['build', 'check']) {
      const r = await cli([command, dir, '--now', '2026-01-01T00:00:00Z']);
      expect(r.code, command).toBe(0);
      expect(r.stderr + r.stdout, command).toMatch(/warning\[FOOTNOTE_NOT_FOUND\] content\/articles\/wall\.md:7:34/);
      expect(r.stderr + r.stdout, command).toContain('fix: Did you mean [^Note]?');
    }
  });
});

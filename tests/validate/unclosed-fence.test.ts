import { describe, expect, it } from 'vitest';
import { md, site } from '../helpers/site.js';

const FRONT = { title: 'Flood wall finished', date: '2025-12-30 09:30', author: 'Li Wei' };
const fences = async (body: string) => {
  const s = await site({ 'content/articles/wall.md': md(FRONT, body) });
  return { s, ds: s.diagnostics.filter((d) => d.code === 'UNCLOSED_FENCE') };
};

describe('a code fence never closed', () => {
  it('is a warning at its line and column, with the closing line to write; the page is as written', async () => {
    // Line 7 is the body's first.
    const { s, ds } = await fences(['The wall is done.', '', '```', 'curl https://data.example.org/levels', '', 'The mayor opened it on Tuesday.', '', 'It cost 40 million.'].join('\n'));
    expect(s.ok).toBe(true);
    expect(ds.map((d) => [d.severity, d.file, d.line, d.column, d.message, d.hint])).toEqual([
      ['warning', 'content/articles/wall.md', 9, 1, 'A code block opened with ``` is never closed: the rest of the story (5 lines) would be shown as code.', 'Add a line of exactly ``` where the code ends, or delete the ``` at line 9 if no code was meant.'],
    ]);
    expect(ds[0].frame).toContain('>  9 | ```');
    expect(s.page('2025/12/30/wall/index.html')).toMatch(/<code>[^<]*The mayor opened it on Tuesday\./);
  });

  it('after a closed one with the same fence, in a quote, with tildes', async () => {
    const body = ['```', 'a = 1', '```', '', 'Text.', '', '```', 'a = 2', '```', '', '> Quoted:', '> ~~~~', '> b = 3', '', 'After.'].join('\n');
    const { ds } = await fences(body);
    expect(ds.map((d) => [d.line, d.column, d.hint])).toEqual([[18, 3, 'Add a line of exactly `~~~~` where the code ends, or delete the `~~~~` at line 18 if no code was meant.']]);
  });

  it('closed fences (a longer closing one too), an indented block, and a last ``` with nothing after it are none', async () => {
    const { ds } = await fences(['```js', 'a = 1', '`````', '', '~~~', 'b', '~~~', '', '    ``` in code', '', 'The end.', '', '```'].join('\n'));
    expect(ds).toEqual([]);
  });
});

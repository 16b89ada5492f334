import { describe, expect, it } from 'vitest';
import { md, site } from '../helpers/site.js';

const FRONT = { title: 'Council backs flood plan', date: '2025-12-30 09:30', author: 'Li Wei' };
const indented = async (body: string) => {
  const s = await site({ 'content/articles/plan.md': md(FRONT, body) });
  return { s, ds: s.diagnostics.filter((d) => d.code === 'INDENTED_TEXT') };
};

// Word and plain-text e-mails indent a paragraph's first line with a tab or spaces; Markdown
// shows such a paragraph as code, which the page did without a word.
describe('a paragraph pasted with a first-line indent', () => {
  it('is a warning at its first line, once for the story; the page is as written', async () => {
    // Line 7 is the body's first.
    const { s, ds } = await indented(['The council met on Tuesday.', '', '\tThe council voted to approve the flood plan.', '', '\tWork starts in the spring.', '', 'More.', '', '    A third paragraph, indented with four spaces.'].join('\n'));
    expect(s.ok).toBe(true);
    expect(ds.map((d) => [d.severity, d.file, d.line, d.column])).toEqual([['warning', 'content/articles/plan.md', 9, 1]]);
    expect(ds[0].message).toContain('starts with a tab, so Markdown shows it as code');
    expect(ds[0].hint).toContain('Delete the tab or spaces at the start of the paragraph');
    expect(s.page('2025/12/30/plan/index.html')).toContain('<pre><code>The council voted');
  });

  it('four spaces, and Chinese text', async () => {
    expect((await indented('    The council voted to approve the flood plan.')).ds.map((d) => d.message)).toEqual([expect.stringContaining('starts with 4 spaces')]);
    expect((await indented('\t市议会周二投票通过了防洪计划，工程将于春季开工。')).ds).toHaveLength(1);
  });

  it('an indented program, command or table of figures, and a list item’s indented paragraph, are none', async () => {
    const { ds } = await indented([
      'Code:', '', '    const level = readGauge(station);', '    if (level > 180) alert();', '',
      'A command:', '', '    npm install dateline', '',
      'Figures:', '', '    2023 | 175.2', '    2024 | 181.4', '',
      '- A list item', '', '    with a second paragraph under it, indented as Markdown asks.', '',
    ].join('\n'));
    expect(ds).toEqual([]);
  });

  it('a Python loop, a command with its options, and a name_with_underscores, are none', async () => {
    const { ds } = await indented([
      'Python:', '', '    for name in names:', '        print(name)', '',
      'A command:', '', '    npm install dateline --save-dev', '',
      'A call:', '', '    fetch the latest gauge readings', '    read_gauge station one', '',
    ].join('\n'));
    expect(ds).toEqual([]);
  });

  it('a table of figures lined up in columns is none; two spaces after a full stop are still prose', async () => {
    const table = ['Highs and lows:', '', '    Chongqing      32.1    28.5', '    Chengdu        30.2    27.1', '    Wuhan          31.0    26.9', '    Nanjing        29.9    25.0', '    Shanghai       28.4    24.2'];
    expect((await indented(table.join('\n'))).ds).toEqual([]);
    expect((await indented(['Votes:', '', '\tLi Wei\t12,345', '\tZhang San\t10,002', '\tWang Fang\t9,876'].join('\n'))).ds).toEqual([]);
    expect((await indented('    The council voted.  Work starts in the spring.')).ds).toHaveLength(1);
  });

  it('a paragraph indented with two tabs is still one', async () => {
    expect((await indented('\t\tThe council voted to approve the flood plan.')).ds).toHaveLength(1);
  });
});

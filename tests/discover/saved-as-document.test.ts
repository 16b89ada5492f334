import { describe, expect, it } from 'vitest';
import { md, site } from '../helpers/site.js';

const story = md({ title: 'Rail doubles', date: '2025-03-20 09:30', author: 'Tan Yuxin' });

// A story that is not built must say so: these were left out without a word.
describe('a story saved under a name that is not .md', () => {
  it('Word’s `rail.md.docx` (Save As adds .docx) and TextEdit’s `.md.rtf`: a warning with how to save it as text', async () => {
    const s = await site({ 'content/articles/rail.md.docx': 'PK\u0003\u0004', 'content/articles/port.md.rtf': '{\\rtf1 ---}', 'content/articles/ok.md': story });
    const d = s.diagnostics.filter((x) => x.code === 'NOT_MARKDOWN_NAME');
    expect(d.map((x) => x.file)).toEqual(['content/articles/port.md.rtf', 'content/articles/rail.md.docx']);
    expect(d[1].message).toContain('saved as a Word document');
    expect(d[1].hint).toContain('as content/articles/rail.md,');
    expect(d[0].message).toContain('saved as an RTF document');
  });

  it('a name with a space after `.md`: the warning says so, and the name to give it', async () => {
    const s = await site({ 'content/articles/rail.md ': story });
    const [d] = s.diagnostics.filter((x) => x.code === 'NOT_MARKDOWN_NAME');
    expect(d.message).toContain('ends with a space');
    expect(d.hint).toBe('Rename it to content/articles/rail.md to publish it.');
  });

  it('a backup beside a story (`rail.md.bak`) is still skipped without a word', async () => {
    const s = await site({ 'content/articles/rail.md': story, 'content/articles/rail.md.bak': story });
    expect(s.diagnostics).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { md, site } from '../helpers/site.js';

// Word and Excel keep an owner file (`~$` and the file's name) beside a file they have open;
// Windows writes Thumbs.db and desktop.ini into any folder it shows.
describe('files Windows and Office write beside an editor’s files', () => {
  it('skips Word’s owner file of a story open in it, which would otherwise stop the build', async () => {
    const s = await site({
      'content/articles/rail.md': md({ title: 'Rail doubles', date: '2025-03-20 09:30', author: 'Tan Yuxin' }),
      // What Word writes: a byte, the user's name, padding; no front matter.
      'content/articles/~$rail.md': '\u0007Li Wei\u0000\u0000\u0000',
      'content/articles/~$port.docx': '\u0007Li Wei\u0000',
    });
    expect(s.diagnostics.filter((d) => d.file?.includes('~$'))).toEqual([]);
    expect(s.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(s.page('2025/03/20/rail/index.html')).toContain('Rail doubles');
  });

  it('does not publish Thumbs.db, desktop.ini or an owner file from static/, and publishes the files beside them', async () => {
    const s = await site({
      'content/articles/rail.md': md({ title: 'Rail doubles', date: '2025-03-20 09:30', author: 'Tan Yuxin' }),
      'static/images/Thumbs.db': 'thumbnails of every photo in the folder',
      'static/files/desktop.ini': '[.ShellClassInfo]',
      'static/files/~$report.docx': '\u0007Li Wei\u0000',
      'static/files/report.docx': 'PK',
    });
    const copied = [...(s.copies?.keys() ?? [])];
    expect(copied).toContain('files/report.docx');
    expect(copied.filter((p) => /Thumbs|desktop|~\$/.test(p))).toEqual([]);
  });
});

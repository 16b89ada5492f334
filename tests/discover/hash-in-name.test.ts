import { describe, expect, it } from 'vitest';
import { png } from '../helpers/photos.js';
import { md, site } from '../helpers/site.js';

const FRONT = { title: 'Council vote', date: '2025-03-20 09:30', author: 'Tan Yuxin' };

// A photo saved as `council #3.png` beside its story: `#` starts a fragment in a URL, so the page
// showed a broken photo, and the fix named a file "council " to put there.
describe('a photo in a story’s folder with # in its name', () => {
  it('as the lead photo (a file’s name, not an address): the page shows the file', async () => {
    const s = await site({ 'content/articles/vote/index.md': md({ ...FRONT, image: { src: 'council #3.png', alt: 'The council' } }), 'content/articles/vote/council #3.png': png(1200, 675) });
    expect(s.diagnostics).toEqual([]);
    expect(s.page('2025/03/20/vote/index.html')).toContain('<img src="/2025/03/20/vote/council%20%233.png" alt="The council" width="1200" height="675">');
    expect([...(s.copies?.keys() ?? [])]).toContain('2025/03/20/vote/council #3.png');
  });

  it('in the body (an address, where # ends the name): the fix is the name with %23, which shows the photo', async () => {
    const files = (body: string) => ({ 'content/articles/vote/index.md': md(FRONT, body), 'content/articles/vote/council #3.png': png(1200, 675) });
    const s = await site(files('![The council](<council #3.png>)'));
    const [d] = s.diagnostics.filter((x) => x.code === 'BUNDLE_FILE_MISSING');
    expect(d.hint).toBe('The file is council #3.png: in an address, a # or ? ends the name. Write it as council%20%233.png, or rename the file without # or ?.');
    const fixed = await site(files('![The council](council%20%233.png)'));
    expect(fixed.diagnostics).toEqual([]);
    expect(fixed.page('2025/03/20/vote/index.html')).toContain('src="/2025/03/20/vote/council%20%233.png"');
  });
});

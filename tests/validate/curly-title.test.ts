import { describe, expect, it } from 'vitest';
import { md, site } from '../helpers/site.js';

const FRONT = { title: 'Rail freight doubles', date: '2025-12-30 09:30', author: 'Li Wei' };
const build = (body: string) => site({ 'content/articles/rail.md': md(FRONT, body), 'static/images/train.png': '' });

// A photo's title typed in Word or on a phone gets curly quotes, which Markdown reads as part of
// the path: the fix said to put the path, title and all, in angle brackets, a photo that is not there.
describe('a photo’s title in curly quotes', () => {
  it('is a warning whose fix, followed, shows the photo with its caption', async () => {
    const s = await build('![Train](/images/train.png “The 10,000th train”)');
    const [d] = s.diagnostics.filter((x) => x.code === 'PATH_HAS_SPACE');
    expect(d).toMatchObject({ line: 7, column: 1, hint: 'Type straight quotes around the title: ![Train](/images/train.png "The 10,000th train").' });
    expect(s.page('2025/12/30/rail/index.html')).toContain('![Train]');
    const fixed = await build('![Train](/images/train.png "The 10,000th train")');
    expect(fixed.diagnostics.filter((x) => x.code === 'PATH_HAS_SPACE')).toEqual([]);
    expect(fixed.page('2025/12/30/rail/index.html')).toMatch(/<img src="\/images\/train\.png"[^>]*>\s*<figcaption>The 10,000th train<\/figcaption>/);
  });

  it('a path with a space is still told to go in angle brackets', async () => {
    const [d] = (await build('![Train](/images/river bank.png)')).diagnostics.filter((x) => x.code === 'PATH_HAS_SPACE');
    expect(d.hint).toContain('![Train](</images/river bank.png>)');
  });
});

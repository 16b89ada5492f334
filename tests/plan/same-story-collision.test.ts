import { describe, expect, it } from 'vitest';
import { md, site } from '../helpers/site.js';

// An archive brought from two old sites (a WordPress export and the Hugo site that had copied it):
// some stories are there twice, in two files with the same slug. Another slug would publish the
// story twice; the fix is to delete one file.
const story = (title: string, date: string) => md(`title: ${title}\ndate: ${date}\nauthor: Li Wei\nslug: council-vote`);

describe('two files written to one URL', () => {
  it('with the same headline and time: the fix is to delete one of them', async () => {
    const s = await site({
      'content/articles/hugo/council-vote.md': story('Council votes on the bridge', '2012-05-14 10:00'),
      'content/articles/wp/2012-05-14-council-vote.md': story('Council Votes on the Bridge', '2012-05-14 10:00'),
    });
    const [e] = s.diagnostics.filter((d) => d.code === 'URL_COLLISION');
    expect(e.message).toBe('content/articles/hugo/council-vote.md and content/articles/wp/2012-05-14-council-vote.md would both be written to /2012/05/14/council-vote/.');
    expect(e.hint).toBe('They are one story, with the same headline and time: the same story saved twice (brought from two old sites, or a copy): delete one of the files. If they are two stories, give one of them another `slug`.');
  });

  it('two stories (other headlines): the fix is another slug, as before', async () => {
    const s = await site({
      'content/articles/a.md': story('Council votes on the bridge', '2012-05-14 10:00'),
      'content/articles/b.md': story('Council delays the vote', '2012-05-14 18:00'),
    });
    const [e] = s.diagnostics.filter((d) => d.code === 'URL_COLLISION');
    expect(e.hint).toBe('Give one of them another `slug` (or rename the tag, author or section) so that each page has its own URL.');
  });
});

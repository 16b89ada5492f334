import { describe, expect, it } from 'vitest';
import { cli, md, writeSite } from '../helpers/site.js';

// An archive brought from WordPress: stories link to each other by their old addresses
// (`/2012/05/slug/`, `/?p=123`), and show photos from the old server's uploads, written with the
// site's own domain over http. `dateline check` must find each, in each story, with its fix.
const story = (title: string, date: string, body: string, extra = '') => md(`title: ${title}\ndate: ${date}\nauthor: Li Wei${extra}`, body);

async function check(files: Record<string, string>) {
  const r = await cli(['check', writeSite(files), '--now', '2026-01-01T00:00:00Z', '--json']);
  const report = JSON.parse(r.stdout) as { errors: { code: string; message: string; file: string | null; line: number | null; hint: string | null; kind?: string }[] };
  return { code: r.code, errors: report.errors.filter((e) => e.code === 'BROKEN_LINK') };
}

describe('links an archive brought from another tool', () => {
  it('an old address of a story still on the site, from two stories: each story at its line, with the alias that keeps it', async () => {
    const { code, errors } = await check({
      'content/articles/2012/council-vote.md': story('Council votes', '2012-05-14 10:00', 'The vote.', '\nslug: council-vote'),
      'content/articles/2013/b.md': story('Later B', '2013-01-02 10:00', 'Intro.\n\nAs [reported](/2012/05/council-vote/) then.'),
      'content/articles/2013/c.md': story('Later C', '2013-01-03 10:00', 'See <a href="/2012/05/council-vote/">the vote</a>.'),
    });
    expect(code).toBe(1);
    const old = errors.filter((e) => e.message.includes('/2012/05/council-vote/'));
    expect(old.map((e) => [e.file, e.line])).toEqual([['content/articles/2013/b.md', 9], ['content/articles/2013/c.md', 7]]);
    for (const e of old) {
      expect(e.kind).toBe('old-address');
      expect(e.hint).toContain('the old address of /2012/05/14/council-vote/ (content/articles/2012/council-vote.md)');
      expect(e.hint).toContain("add `aliases: ['/2012/05/council-vote/']` to content/articles/2012/council-vote.md");
      expect(e.hint).not.toContain('template');
    }
  });

  it('a photo or a link hard-coded to the site\'s own domain over http is checked as the site\'s', async () => {
    const { errors } = await check({
      'content/articles/2013/b.md': story('Later B', '2013-01-02 10:00', 'Intro.\n\n<img src="http://news.example.org/wp-content/uploads/2012/05/river.jpg" alt="River">\n\nRead [post 123](http://news.example.org/?p=123).'),
    });
    const photo = errors.find((e) => e.message.includes('river.jpg'));
    expect(photo).toMatchObject({ file: 'content/articles/2013/b.md', line: 9, kind: 'missing-file' });
    expect(photo!.hint).toContain('static/wp-content/uploads/2012/05/river.jpg');
    const post = errors.find((e) => e.message.includes('?p=123'));
    expect(post).toMatchObject({ file: 'content/articles/2013/b.md', line: 11, kind: 'post-number' });
    expect(post!.message).toContain('a WordPress address by post number');
  });

  it('a link broken on every page by a template is still one diagnostic', async () => {
    const r = await cli(['check', writeSite({
      'content/articles/2013/b.md': story('Later B', '2013-01-02 10:00', 'Body.'),
      'content/articles/2013/c.md': story('Later C', '2013-01-03 10:00', 'Body.'),
      'templates/partials/cookie-notice.njk': '<a href="/gone-policy/">Policy</a>',
    }), '--now', '2026-01-01T00:00:00Z', '--json']);
    const errors = (JSON.parse(r.stdout) as { errors: { message: string; hint: string; file?: string; line?: number }[] }).errors.filter((e) => e.message.includes('/gone-policy/'));
    expect(errors).toHaveLength(1);
    // At the template's line that writes it.
    expect(errors[0]).toMatchObject({ file: 'templates/partials/cookie-notice.njk', line: 1 });
    expect(errors[0].hint).toMatch(/Correct the address at that line/);
  });
});

describe('a query of p=N away from the home page', () => {
  it('is a page\'s own query: a link to a page that exists is no WordPress address', async () => {
    const { code, errors } = await check({
      'content/articles/2013/b.md': story('Later B', '2013-01-02 10:00', 'Intro.\n\nSee [page two](/2013/01/03/c/?p=2) and [post 7](/index.php?p=7).'),
      'content/articles/2013/c.md': story('Later C', '2013-01-03 10:00', 'Body.'),
    });
    expect(errors.filter((e) => e.message.includes('/c/?p=2'))).toEqual([]);
    expect(errors.filter((e) => e.message.includes('?p=7')).map((e) => e.kind)).toEqual(['post-number']);
    expect(code).toBe(1);
  });
});

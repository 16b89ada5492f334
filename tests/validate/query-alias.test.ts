import { describe, expect, it } from 'vitest';
import { md, site } from '../helpers/site.js';

// A Hugo site moved from WordPress kept WordPress's addresses by post number in `aliases`.
describe('an alias with a query string', () => {
  it('says that no redirect can be made there, and that the fix is to delete it', async () => {
    const s = await site({
      'content/articles/a.md': md('title: A\ndate: 2024-03-20 10:00\nauthor: Li Wei\naliases: ["/2012/05/a/", "/?p=2887", "http://news.example.org/?page_id=12", "/story.php?id=5"]'),
    });
    const bad = s.diagnostics.filter((d) => d.code === 'BAD_ALIAS');
    expect(bad.map((d) => d.message)).toEqual([
      'The alias "/?p=2887" has a query (`?p=2887`, WordPress\'s address by post number): a static host finds a page by its path alone and answers / whatever the query says, so no redirect can be made there.',
      'The alias "http://news.example.org/?page_id=12" has a query (`?page_id=12`, WordPress\'s address by post number): a static host finds a page by its path alone and answers / whatever the query says, so no redirect can be made there.',
      'The alias "/story.php?id=5" has a query (`?id=5`): a static host finds a page by its path alone and answers /story.php whatever the query says, so no redirect can be made there.',
    ]);
    expect(bad[0].hint).toBe('Delete "/?p=2887" from `aliases` (the others keep their redirects). `dateline check` finds the site\'s own links to such addresses, to point at the story\'s new one.');
    expect(bad[0].line).toBe(5);
  });
});

import { describe, expect, it } from 'vitest';
import { md, site } from '../helpers/site.js';

// WordPress files every post no one filed under "Uncategorized". Followed as written, the fix for
// `categories` made it a desk of the site, with a page and a feed of its own.
const story = (categories: string) => md(`title: A\ndate: 2024-03-20 10:00\nauthor: Li Wei\ncategories: ${categories}`);
const hint = async (categories: string) => (await site({ 'content/articles/a.md': story(categories) })).diagnostics.find((d) => d.code === 'UNKNOWN_KEY')!;

describe('WordPress\'s "Uncategorized" in `categories`', () => {
  it('alone: the fix is to delete the line, not `section: Uncategorized`', async () => {
    const d = await hint('["Uncategorized"]');
    expect(d.message).toBe('`categories` is not a field dateline knows; did you mean `section`? "Uncategorized" is WordPress\'s category for a post no one filed, not a desk.');
    expect(d.hint).toBe('Delete the `categories` line (or write the story\'s desk as `section:`), or ignore this if it is meant for your own templates.');
  });

  it('beside a real category: that one is the section, and Uncategorized is no tag', async () => {
    expect((await hint('[Uncategorized, Sports]')).hint).toBe('Write `section: Sports` instead of the `categories` line, or ignore this if it is meant for your own templates.');
    expect((await hint('[Sports, uncategorized, Schools]')).hint).toBe('Write the first as `section: Sports` and add the others as tags, `tags: [Schools]`, instead of the `categories` line; or ignore this if it is meant for your own templates.');
  });
});

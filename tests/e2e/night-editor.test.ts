import { cpSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, REPO } from '../helpers/site.js';

// A night editor's front-matter mistakes that published the wrong thing with exit 0 and no word,
// even under --strict: each is now said at its file and line, and nothing is written.

const NOW = '2026-11-30T03:00';
let stories = 0;
// Each its own headline: the same headline and time twice is a copied file (DUPLICATE_STORY).
const story = (lines: string, body = 'The story.') => `---\ntitle: A night desk story, ${++stories}\ndate: 2026-11-29 21:00\n${lines}\n---\n\n${body}\n`;
const MISTAKES: [file: string, text: string, shown: string][] = [
  ['content/articles/2026/embargoed.md', story('author: He Jiawei\nembargo_lifts: 2026-12-15 09:00'), 'error[UNKNOWN_KEY] content/articles/2026/embargoed.md:5:1'],
  ['content/articles/2026/go-live.md', story('author: He Jiawei\ngo_live: 2026-12-15 09:00'), 'error[UNKNOWN_KEY] content/articles/2026/go-live.md:5:1'],
  ['content/articles/2026/held.md', story('author: He Jiawei\ndo_not_publish: true'), 'error[UNKNOWN_KEY] content/articles/2026/held.md:5:1'],
  ['content/articles/2026/retracted.md', story('author: He Jiawei\nretracted: true'), 'error[UNKNOWN_KEY] content/articles/2026/retracted.md:5:1'],
  ['content/articles/2026/takedown.md', story('author: He Jiawei\ntakedown_date: 2026-12-15'), 'error[UNKNOWN_KEY] content/articles/2026/takedown.md:5:1'],
  ['content/articles/2026/modified.md', story('author: He Jiawei\nupdated_at: 2026-11-29 23:00'), 'error[UNKNOWN_KEY] content/articles/2026/modified.md:5:1'],
  ['content/articles/2026/misspelt.md', story('author: Tan Yuxn'), 'error[AUTHOR_MISSPELT] content/articles/2026/misspelt.md:4:1'],
  ['content/articles/2026/two-names.md', story('author: Tan Yuxin, He Jiawei'), 'error[AUTHORS_IN_ONE] content/articles/2026/two-names.md:4:1'],
  ['content/articles/2026/tigers.md', '---\ntitle: Tigers are #1 again\ndate: 2026-11-29 21:00\nauthor: He Jiawei\n---\n\nThe story.\n', 'error[COMMENT_IN_TEXT] content/articles/2026/tigers.md:2:19'],
  ['content/articles/2026/placeholder.md', story('author: He Jiawei\ntags: []\nsummary: ""', 'Write the story here.'), 'error[PLACEHOLDER] content/articles/2026/placeholder.md:9:1'],
  ['content/pages/night-story.md', story('author: He Jiawei\ntags: [Floods]'), 'error[STORY_ON_PAGE] content/pages/night-story.md:4:1'],
];

function demoCopy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'dateline-night-'));
  for (const p of ['content', 'static', 'dateline.config.ts']) cpSync(path.join(REPO, p), path.join(dir, p), { recursive: true });
  return dir;
}

describe('a night editor\'s mistakes in the demo newsroom, through the real bin', () => {
  it('`build --strict`: exit 1, each at its file and line, and nothing written', async () => {
    const dir = demoCopy();
    for (const [file, text] of MISTAKES) writeFileSync(path.join(dir, file), text);
    const r = await cli(['build', dir, '--now', NOW, '--strict', '--no-cache']);
    expect(r.code).toBe(1);
    for (const [, , shown] of MISTAKES) expect(r.stderr).toContain(shown);
    expect(r.stderr).toContain(`${MISTAKES.length} errors; nothing was written.`);
    expect(existsSync(path.join(dir, 'dist'))).toBe(false);
  });

  it('without --strict: the same errors stop the build; the three that publish as the editor may mean are warnings', async () => {
    const dir = demoCopy();
    for (const [file, text] of MISTAKES) writeFileSync(path.join(dir, file), text);
    const r = await cli(['build', dir, '--now', NOW, '--no-cache']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('warning[UNKNOWN_KEY] content/articles/2026/modified.md:5:1');
    expect(r.stderr).toContain('warning[STORY_ON_PAGE] content/pages/night-story.md:4:1');
    // A letter from a staffer's name may be another person's: the desk is told, the build goes on.
    expect(r.stderr).toContain('warning[AUTHOR_MISSPELT] content/articles/2026/misspelt.md:4:1');
    expect(r.stderr).toContain(`${MISTAKES.length - 3} errors; nothing was written.`);
    expect(existsSync(path.join(dir, 'dist'))).toBe(false);
  });

  it('the demo newsroom itself builds under --strict with nothing to say', async () => {
    const r = await cli(['build', demoCopy(), '--now', NOW, '--strict', '--no-cache']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});

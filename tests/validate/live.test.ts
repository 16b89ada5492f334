import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/errors/diagnostic.js';
import { cli, md, site, writeSite } from '../helpers/site.js';

const NOW = { now: '2026-11-28T08:00:00+08:00' };
const FRONT = 'title: Landslide\ndate: 2026-11-27 22:10\nauthor: He Jiawei';
// The body starts on line 8 of the file: ---, three keys, `live`, ---, a blank line.
const blog = (body: string, extra = '\nlive: true') => md(`${FRONT}${extra}`, body);
const brief = (ds: Diagnostic[]) => ds.map((d) => [d.severity, d.code, d.line]);

describe('live blog mistakes: file, line and the fix', () => {
  it('a heading whose time cannot be read is an error at its line, through the real bin', async () => {
    const dir = writeSite({ 'content/articles/landslide.md': blog('Intro.\n\n## 22:20 Roads closed\n\nText.\n\n## 25:10 Rescue teams arrive\n\nMore.') });
    const r = await cli(['build', dir, '--now', '2026-11-28T08:00:00+08:00']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error[BAD_UPDATE_TIME] content/articles/landslide.md:14:1');
    expect(r.stderr).toContain('"25:10" is not a time of day');
    expect(r.stderr).toContain('## 25:10 Rescue teams arrive');
    expect(r.stderr).toContain('Write the time on the 24-hour clock as HH:MM');
    expect(r.stderr).toContain('`## 2026-11-28 00:40 …`');
  });

  it('a date without a time, a 12-hour time and a date that does not exist are errors too', async () => {
    const s = await site({ 'content/articles/landslide.md': blog('Intro.\n\n## 2026-11-28 Overnight\n\nA.\n\n## 9:05 pm Buses arrive\n\nB.\n\n## 2026-11-31 01:00 Later\n\nC.') }, NOW);
    expect(brief(s.diagnostics)).toEqual([
      ['error', 'BAD_UPDATE_TIME', 10],
      ['error', 'BAD_UPDATE_TIME', 14],
      ['error', 'BAD_UPDATE_TIME', 18],
    ]);
    expect(s.diagnostics[0].message).toContain('"2026-11-28" is a date without a time');
    expect(s.diagnostics[1].message).toContain('is on the 12-hour clock');
    expect(s.diagnostics[2].message).toContain('not a real date or time');
    expect(s.ok).toBe(false);
  });

  it('an update before the story\'s date is an error; a time alone after midnight is told to give its date', async () => {
    const s = await site({ 'content/articles/landslide.md': blog('Intro.\n\n## 22:20 Roads closed\n\nA.\n\n## 00:40 Rain eases\n\nB.') }, NOW);
    expect(brief(s.diagnostics)).toEqual([['error', 'UPDATE_BEFORE_DATE', 14]]);
    expect(s.diagnostics[0].message).toBe('The update "## 00:40 Rain eases" is timed 2026-11-27T00:40:00+08:00, before the story\'s `date` (2026-11-27T22:10:00+08:00).');
    expect(s.diagnostics[0].hint).toBe("A time alone is read on the story's date (2026-11-27); for an update after midnight, write its date: `## 2026-11-28 00:40 Rain eases`.");
  });

  it('updates out of order in the file are a warning at the one against the order; oldest or newest first are both fine', async () => {
    const s = await site({ 'content/articles/landslide.md': blog('## 22:20 A\n\nA.\n\n## 23:05 B\n\nB.\n\n## 22:50 C\n\nC.') }, NOW);
    expect(brief(s.diagnostics)).toEqual([['warning', 'UPDATE_OUT_OF_ORDER', 16]]);
    expect(s.diagnostics[0].message).toContain('the updates around it run oldest first');
    // The page shows them by time all the same.
    expect([...s.page('2026/11/27/landslide/index.html').matchAll(/<h2 id="[^"]+"><time[^>]*>[^<]*<\/time> (\w)<\/h2>/g)].map((m) => m[1])).toEqual(['B', 'C', 'A']);
    const newestFirst = await site({ 'content/articles/landslide.md': blog('## 23:05 B\n\nB.\n\n## 22:50 C\n\nC.\n\n## 22:20 A\n\nA.') }, NOW);
    expect(newestFirst.diagnostics).toEqual([]);
  });

  it('each update against the file\'s order is warned, not the right one beside a wrong one; one pasted twice is warned; ended before an update is warned', async () => {
    // 22:20, 23:00, 22:40, 23:30, 22:50: the run in time order is 22:20 23:00 23:30 (or …22:40 22:50), two are against it.
    const s = await site({ 'content/articles/landslide.md': blog('## 22:20 A\n\nA.\n\n## 23:00 B\n\nB.\n\n## 22:40 C\n\nC.\n\n## 23:30 D\n\nD.\n\n## 22:50 E\n\nE.') }, NOW);
    expect(brief(s.diagnostics).map((d) => d[1])).toEqual(['UPDATE_OUT_OF_ORDER', 'UPDATE_OUT_OF_ORDER']);
    // A wrong time first (04:41 typed for 01:41) is the one named, not the right one after it.
    const wrong = await site({ 'content/articles/landslide.md': blog('## 22:20 A\n\nA.\n\n## 23:00 B\n\nB.\n\n## 2026-11-28 04:41 X\n\nX.\n\n## 2026-11-28 01:50 C\n\nC.\n\n## 2026-11-28 02:20 D\n\nD.') }, '2026-11-28T06:00:00+08:00');
    expect(wrong.diagnostics.map((d) => [d.code, d.message.slice(0, 34)])).toEqual([['UPDATE_OUT_OF_ORDER', 'The update "## 2026-11-28 04:41 X"']]);
    const twice = await site({ 'content/articles/landslide.md': blog('## 22:20 A\n\nA.\n\n## 22:40 B\n\nSame words.\n\n## 22:40 B\n\nSame words.') }, NOW);
    expect(brief(twice.diagnostics)).toEqual([['warning', 'UPDATE_PASTED_TWICE', 16]]);
    expect(twice.diagnostics[0].message).toBe('The update "## 22:40 B" is here twice (also at line 12), with the same text: readers would see it twice.');
    const ended = await site({ 'content/articles/landslide.md': blog('## 22:20 A\n\nA.\n\n## 23:00 B\n\nB.', '\nlive: true\nended: 2026-11-27 22:30') }, NOW);
    expect(brief(ended.diagnostics)).toEqual([['warning', 'ENDED_BEFORE_UPDATE', 6]]);
    expect(ended.diagnostics[0].hint).toBe("Set `ended` to the time the coverage ended, after the last update (such as `ended: 2026-11-27 23:00`), or correct that update's time.");
  });

  it('the out-of-order hint says where the page shows the update, in the configured order', async () => {
    const body = '## 22:20 A\n\nA.\n\n## 23:05 B\n\nB.\n\n## 22:50 C\n\nC.';
    const newest = await site({ 'content/articles/landslide.md': blog(body) }, NOW);
    expect(newest.diagnostics[0].hint).toBe('Check its time: the page shows the updates by their times, newest first, so this one appears after "23:05 B". If the time is right, move the update to its place.');
    const config = "import { defineConfig } from 'dateline';\nexport default defineConfig({ title: 'T', baseUrl: 'https://news.example.org/', timeZone: 'Asia/Shanghai', liveBlogs: { order: 'oldest' } });\n";
    const oldest = await site({ 'dateline.config.ts': config, 'content/articles/landslide.md': blog(body) }, NOW);
    expect(oldest.diagnostics[0].hint).toBe('Check its time: the page shows the updates by their times, oldest first, so this one appears after "22:20 A". If the time is right, move the update to its place.');
    const first = await site({ 'content/articles/landslide.md': blog('## 22:20 A\n\nA.\n\n## 23:05 B\n\nB.\n\n## 23:50 C\n\nC.\n\n## 2026-11-28 00:10 D\n\nD.\n\n## 23:55 E\n\nE.\n\n## 2026-11-28 00:30 F\n\nF.') }, NOW);
    expect(first.diagnostics[0].hint).toContain('appears after "2026-11-28 00:10 D"');
  });

  it('a live blog without updates is warned at its `live` line; a story that is not live is told nothing', async () => {
    const s = await site({ 'content/articles/landslide.md': blog('Only the opening text.') }, NOW);
    expect(brief(s.diagnostics)).toEqual([['warning', 'LIVE_NO_UPDATES', 5]]);
    expect(s.diagnostics[0].hint).toContain('`## 14:05 Rescue teams reach the village`');
    expect(s.ok).toBe(true);
    const plain = await site({ 'content/articles/landslide.md': blog('## 25:10 Not live\n\nText.', '') }, NOW);
    expect(plain.diagnostics).toEqual([]);
  });

  it('a story with update headings but no `live` line is warned at the first of them (real bin); `live: false`, one such heading, or a quoted one is told nothing', async () => {
    // The body starts on line 7 without the `live` line.
    const body = 'A hillside gave way.\n\n## 22:20 Roads closed\n\nClosed.\n\n## 2026-11-28 00:40 Rain eases\n\nEased.';
    const dir = writeSite({ 'content/articles/landslide.md': blog(body, '') });
    const r = await cli(['build', dir, '--now', '2026-11-28T08:00:00+08:00']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('warning[LIVE_NOT_SET] content/articles/landslide.md:9:1');
    expect(r.stderr).toContain('2 headings that start with a time ("## 22:20 Roads closed" and more)');
    expect(r.stderr).toContain('add `live: true` to its front matter');
    expect(r.stderr).toContain('add `live: false` to say so');
    // A warm build says it again (the cache replays it).
    const again = await cli(['build', dir, '--now', '2026-11-28T08:00:00+08:00']);
    expect(again.stderr).toContain('warning[LIVE_NOT_SET] content/articles/landslide.md:9:1');
    for (const quiet of [blog(body, '\nlive: false'), blog('Intro.\n\n## 22:20 Roads closed\n\nClosed.\n\n## Rain eases\n\nEased.', ''), blog('Intro.\n\n> ## 22:20 Roads closed\n>\n> ## 22:40 Open\n\n## 23:00 Closed again', ''), blog('## 2026-11-27 Roads\n\n## 2026-11-28 Rain', '')]) {
      const s = await site({ 'content/articles/landslide.md': quiet }, NOW);
      expect(s.diagnostics, quiet).toEqual([]);
    }
  });

  it('`live` must be true or false; `ended` without `live: true` does nothing; near misses are named', async () => {
    const bad = await site({ 'content/articles/landslide.md': blog('## 22:20 A\n\nA.', '\nlive: "yes"') }, NOW);
    expect(brief(bad.diagnostics)).toEqual([['error', 'BAD_FIELD', 5]]);
    expect(bad.diagnostics[0].message).toBe('`live` must be true or false, found the text "yes".');
    const ended = await site({ 'content/articles/landslide.md': blog('Text.', '\nlive: false\nended: 2026-11-28 07:00') }, NOW);
    expect(brief(ended.diagnostics)).toEqual([['warning', 'ENDED_NOT_LIVE', 6]]);
    expect(ended.diagnostics[0].hint).toContain('Write `live: true` instead of `live: false`');
    const early = await site({ 'content/articles/landslide.md': blog('## 22:20 A\n\nA.', '\nlive: true\nended: 2026-11-27 20:00') }, NOW);
    expect(brief(early.diagnostics)).toEqual([['warning', 'ENDED_BEFORE_DATE', 6]]);
    for (const [key, guess] of [['lvie', 'live'], ['Live', 'live'], ['liveblog', 'live'], ['ened', 'ended'], ['coverage_ended', 'ended']]) {
      const s = await site({ 'content/articles/landslide.md': blog('## 22:20 A\n\nA.', `\nlive: true\n${key}: ${guess === 'live' ? 'true' : '2026-11-28 07:00'}`) }, NOW);
      const d = s.diagnostics.find((x) => x.code === 'UNKNOWN_KEY');
      expect(d?.message, key).toContain(`did you mean \`${guess}\`?`);
      expect(d?.line, key).toBe(6);
    }
    // Alone, a misspelt `live: true` would publish every update at once, those timed later too: an error.
    const capital = await site({ 'content/articles/landslide.md': blog('## 22:20 A\n\nA.\n\n## 2026-11-28 23:55 Later\n\nLATER.', '\nLive: true') }, NOW);
    expect(brief(capital.diagnostics)).toEqual([['error', 'UNKNOWN_KEY', 5]]);
    expect(capital.diagnostics[0]).toMatchObject({ message: '`Live` is not a field dateline knows; did you mean `live`? As written, it does nothing: the story would be published as an ordinary one, every update in it at once, also those timed later.', hint: 'Rename `Live` to `live`.' });
  });
  it('a heading meant as an update but written another way (`23.55`, `9.05pm`, `###`) is an error at its line with the heading to write; a `# ` time heading is an update; a quoted one and a figure are not', async () => {
    const s = await site({ 'content/articles/landslide.md': blog('Intro.\n\n## 22:20 Roads closed\n\nA.\n\n## 23.55 Minister resigns\n\nB.\n\n### 23:56 Police arrive\n\nC.\n\n## 9.05pm Buses leave\n\nD.\n\n# 2026-11-28 00:40 Rain eases\n\nE.\n\n### 23:57 Quoted\n\n> ### 23:58 In a quote\n\n## 1.5 million without power\n\n### 1.25 million yuan released\n\n## 3.20m rise in the river\n\n### 4.50 per cent of homes\n\n### Evacuation') }, NOW);
    expect(brief(s.diagnostics)).toEqual([
      ['error', 'BAD_UPDATE_TIME', 14],
      ['error', 'BAD_UPDATE_TIME', 18],
      ['error', 'BAD_UPDATE_TIME', 22],
      ['error', 'BAD_UPDATE_TIME', 30],
    ]);
    expect(s.diagnostics.map((d) => d.hint?.match(/`## \d[^`]*`/)?.[0])).toEqual(['`## 23:55 Minister resigns`', '`## 23:56 Police arrive`', '`## 21:05 Buses leave`', '`## 23:57 Quoted`']);
    expect(s.diagnostics[1].message).toContain('"### 23:56 Police arrive"');
    expect(s.ok).toBe(false);
    // Other ways a tired editor writes one; a score or a magnitude is left alone.
    const more = await site({ 'content/articles/landslide.md': blog('## 22:20 A\n\nA.\n\n## 23:5 B\n\nB.\n\n## 23：05 C\n\nC.\n\n##23:20 Road update\n\nD.\n\n## 2026/11/28 01:05 E\n\nE.\n\n## 11-28 01:05 F\n\nF.\n\n## 28 Nov 01:05 G\n\nG.\n\n## Goal! 2:1 for Chongqing\n\nH.\n\n## 3.5 magnitude aftershock\n\nI.') }, NOW);
    expect(brief(more.diagnostics)).toEqual([12, 16, 20, 24, 28, 32].map((line) => ['error', 'BAD_UPDATE_TIME', line]));
    expect(more.diagnostics.slice(0, 3).map((d) => d.hint?.match(/`## \d[^`]*`/)?.[0])).toEqual(['`## 23:MM B`', '`## 23:05 C`', '`## 23:20 Road update`']);
    expect(more.diagnostics[3].hint).toContain('`## YYYY-MM-DD HH:MM …`');
  });
});

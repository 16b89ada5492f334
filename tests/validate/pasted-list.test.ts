import { describe, expect, it } from 'vitest';
import { md, site } from '../helpers/site.js';

const FRONT = { title: 'Council backs flood plan', date: '2025-12-30 09:30', author: 'Li Wei' };
const lists = async (body: string) => {
  const s = await site({ 'content/articles/plan.md': md(FRONT, body) });
  return { s, ds: s.diagnostics.filter((d) => d.code === 'PASTED_LIST') };
};

// A list copied from Word or an e-mail keeps its bullets as characters: the page ran the items
// together into one line ("• Rail • Port • Air") without a word.
describe('a list pasted with its bullets', () => {
  it('`•` lines: a warning at the first, whose fix, followed, makes a list', async () => {
    // Line 7 is the body's first.
    const { s, ds } = await lists('The plan covers:\n\n• Rail\n• Port\n• Air');
    expect(ds.map((d) => [d.severity, d.line, d.column, d.hint])).toEqual([['warning', 9, 1, 'Start each item with a hyphen and a space instead, after a blank line: `- Rail`.']]);
    expect(s.page('2025/12/30/plan/index.html')).toMatch(/<p>• Rail\s*• Port/);
    const fixed = await lists('The plan covers:\n\n- Rail\n- Port\n- Air');
    expect(fixed.ds).toEqual([]);
    expect(fixed.s.page('2025/12/30/plan/index.html')).toContain('<li>Rail</li>');
  });

  it('`-` or `1.` with a non-breaking space after it: the fix is the plain space', async () => {
    const { ds } = await lists('Intro.\n\n-\u00a0Rail\n-\u00a0Port');
    expect(ds.map((d) => [d.line, d.hint])).toEqual([[9, 'Type a plain space after the `-` of each item: `- Rail`.']]);
    expect((await lists('Intro.\n\n1.\u00a0Rail\n2.\u00a0Port')).ds).toHaveLength(1);
  });

  it('one bullet line, bullets a blank line apart, and bullets in code are none', async () => {
    const { ds } = await lists('• A line of its own.\n\nText.\n\n• One\n\n• Two\n\n```\n• In code\n• Shown as written\n```');
    expect(ds).toEqual([]);
  });
});

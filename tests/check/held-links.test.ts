import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, dateline, md, site, writeSite } from '../helpers/site.js';

const NOW = '2026-12-01T12:00:00+08:00';
const scoop = md({ title: 'Mayor resigns', date: '2026-12-05 06:00', author: 'Ran Zheng' }, 'The scoop.');
const story = (body: string, extra: Record<string, unknown> = {}) => md({ title: 'Council budget', date: '2026-11-30 10:00', author: 'Ran Zheng', ...extra }, body);
const codes = (ds: { code: string }[]) => ds.map((d) => d.code).filter((c) => /^LINK_TO_|BROKEN_LINK/.test(c));

describe('a published story that links to one held back (LINK_TO_SCHEDULED, LINK_TO_DRAFT)', () => {
  it('build stops at the link, naming the scheduled story and when it goes live in the site zone, and writes nothing (real bin)', async () => {
    const dir = writeSite({ 'content/scoop.md': scoop, 'content/live.md': story('First line.\n\nSee [the scoop](/2026/12/05/scoop/) later.') });
    const r = await cli(['build', dir, '--now', NOW, '--json']);
    expect(r.code, r.stderr).toBe(1);
    expect(existsSync(path.join(dir, 'dist'))).toBe(false);
    const w = JSON.parse(r.stdout).errors.filter((d: any) => d.code === 'LINK_TO_SCHEDULED');
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ file: 'content/live.md', line: 9, column: 17 });
    expect(w[0].message).toContain('content/scoop.md');
    expect(w[0].message).toContain('2026-12-05T06:00:00+08:00 (Asia/Shanghai)');
    expect(w[0].hint).toMatch(/^Remove the link until 2026-12-05T06:00:00\+08:00/);
    const plain = await cli(['build', dir, '--now', NOW, '--out', path.join(dir, 'o2')]);
    expect(plain.stderr).toContain('LINK_TO_SCHEDULED');
    expect(plain.stderr).toContain('content/live.md:9');
  });

  it('matches a full URL on the site, and a path without its slash or with index.html; not a related slug, the story itself or a published one', async () => {
    for (const href of ['https://news.example.org/2026/12/05/scoop', 'http://news.example.org/2026/12/05/scoop/#top', '/2026/12/05/scoop/index.html', '/2026/12/05/scoop']) {
      const s = await site({ 'content/scoop.md': scoop, 'content/live.md': story(`See [it](${href}).`) }, { now: NOW });
      expect(codes(s.diagnostics), href).toEqual(['LINK_TO_SCHEDULED']);
    }
    const quiet = await site({ 'content/scoop.md': scoop, 'content/live.md': story('See [elsewhere](https://other.example.com/2026/12/05/scoop/) and [old](/2026/11/30/live/).', { related: ['scoop'] }) }, { now: NOW });
    expect(codes(quiet.diagnostics)).toEqual([]);
    // Once it is published, or in a --future preview, the link is fine.
    const after = await site({ 'content/scoop.md': scoop, 'content/live.md': story('See [it](/2026/12/05/scoop/).') }, { now: '2026-12-05T06:00:00+08:00' });
    expect(codes(after.diagnostics)).toEqual([]);
    const preview = await site({ 'content/scoop.md': scoop, 'content/live.md': story('See [it](/2026/12/05/scoop/).') }, { now: NOW, future: true });
    expect(codes(preview.diagnostics)).toEqual([]);
  });

  it('a link to a draft is the same leak (LINK_TO_DRAFT), but not with --drafts', async () => {
    const files = { 'content/plan.md': md({ title: 'Secret plan', date: '2026-11-01 10:00', author: 'Ran Zheng', draft: true }, 'Draft.'), 'content/live.md': story('See [the plan](/2026/11/01/plan/).') };
    const s = await site(files, { now: NOW });
    const d = s.diagnostics.find((x) => x.code === 'LINK_TO_DRAFT')!;
    expect(d).toMatchObject({ severity: 'error', file: 'content/live.md', line: 7 });
    expect(d.message).toContain('content/plan.md');
    expect(codes((await site(files, { now: NOW, drafts: true })).diagnostics)).toEqual([]);
  });

  it('a draft at the address of a published story (a rewrite copied with its slug and date) leaks nothing: the link is fine', async () => {
    const orig = md({ title: 'Flood wall plan', date: '2026-11-01 09:00', author: 'Ran Zheng', slug: 'flood-wall' }, 'The plan.');
    const rewrite = md({ title: 'Flood wall plan, rewritten', date: '2026-11-01 09:00', author: 'Ran Zheng', slug: 'flood-wall', draft: true }, 'The new plan.');
    const s = await site({ 'content/orig.md': orig, 'content/orig-rewrite.md': rewrite, 'content/live.md': story('See [the plan](/2026/11/01/flood-wall/).') }, { now: NOW });
    expect(codes(s.diagnostics)).toEqual([]);
    expect(s.ok, JSON.stringify(s.diagnostics)).toBe(true);
  });

  it('check says it as an error at the link instead of a generic broken link (real bin)', async () => {
    const dir = writeSite({ 'content/scoop.md': scoop, 'content/live.md': story('See [the scoop](/2026/12/05/scoop/).') });
    const r = await cli(['check', dir, '--now', NOW, '--json']);
    expect(r.code).toBe(1);
    const errors = JSON.parse(r.stdout).errors;
    // The theme's footer links (no such pages in this small site) are broken links of their own.
    expect(codes(errors.filter((d: any) => d.message.includes('scoop')))).toEqual(['LINK_TO_SCHEDULED']);
    expect(errors.find((d: any) => d.code === 'LINK_TO_SCHEDULED')).toMatchObject({ file: 'content/live.md', line: 7, column: 17 });
  });

  it('a cached rebuild after a body edit that adds the link says it too', async () => {
    const files = { 'content/scoop.md': scoop, 'content/live.md': story('No link yet.') };
    const dir = writeSite(files);
    const first = await dateline(['build', dir, '--now', NOW, '--json']);
    expect(first.code, first.stderr).toBe(0);
    expect(codes(JSON.parse(first.stdout).errors)).toEqual([]);
    const page = readFileSync(path.join(dir, 'dist/2026/11/30/live/index.html'), 'utf8');
    writeFileSync(path.join(dir, 'content/live.md'), story('Now [a link](/2026/12/05/scoop/).'));
    const second = await dateline(['build', dir, '--now', NOW, '--json']);
    expect(second.code).toBe(1);
    expect(codes(JSON.parse(second.stdout).errors)).toEqual(['LINK_TO_SCHEDULED']);
    // The published page is the one before the edit.
    expect(readFileSync(path.join(dir, 'dist/2026/11/30/live/index.html'), 'utf8')).toBe(page);
  });

  it('a relative link to a scheduled story stays a broken link to check (it is not collected from bodies)', async () => {
    const dir = writeSite({ 'content/scoop.md': scoop, 'content/pages/about-us.md': md({ title: 'About us' }, 'Our [plan](../2026/12/05/scoop/) and [other](2026/12/05/scoop/).') });
    const r = await dateline(['check', dir, '--now', NOW, '--json']);
    expect(r.code).toBe(1);
    const mine = JSON.parse(r.stdout).errors.filter((d: any) => d.file === 'content/pages/about-us.md');
    expect(mine.map((d: any) => d.code)).toEqual(['BROKEN_LINK', 'BROKEN_LINK']);
  });
});

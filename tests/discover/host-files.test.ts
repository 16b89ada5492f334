import { describe, expect, it } from 'vitest';
import { md, site } from '../helpers/site.js';

// static/_headers, static/_redirects and static/.well-known/ were left out of the site without a
// word: names starting with "_" or "." are never copied.

const story = md({ title: 'Rail freight doubles', date: '2025-06-01 09:00', author: 'Li Wei' });

describe('a host\'s own files at the top of static/', () => {
  it('each gets NOT_PUBLISHED naming the file, with a fix for what it was for', async () => {
    const r = await site({
      'content/articles/rail.md': story,
      'static/_headers': '/*\n  X-Frame-Options: DENY\n',
      'static/_redirects': '/old /new 301\n',
      'static/.well-known/security.txt': 'Contact: mailto:security@example.org\n',
      'static/_old/a.jpg': 'x',
      'static/.gitkeep': '',
    });
    const said = r.diagnostics.filter((d) => d.code === 'NOT_PUBLISHED');
    expect(said.map((d) => d.file)).toEqual(['static/.well-known', 'static/_headers', 'static/_old', 'static/_redirects']);
    expect(said.every((d) => d.severity === 'warning')).toBe(true);
    expect(said[1].hint).toContain('dateline writes its own _headers');
    expect(said[2].hint).toContain('static/old');
    expect(said[3].hint).toContain('`aliases`');
    // The site is built as before: dateline's own _headers, none of the skipped files.
    expect(r.page('_headers')).toMatch(/^# Written by dateline/);
    expect(r.has('.well-known/security.txt')).toBe(false);
  });

  it('says nothing of a site without them', async () => {
    const r = await site({ 'content/articles/rail.md': story, 'static/images/a.txt': 'x' });
    expect(r.diagnostics.filter((d) => d.code === 'NOT_PUBLISHED')).toEqual([]);
  });
});

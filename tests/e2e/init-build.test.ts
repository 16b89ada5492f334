import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, read } from '../helpers/site.js';

describe('dateline init → build', () => {
  it('scaffolds a site that builds, with the footer on every page', async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'dateline-e2e-')), 'paper');
    const init = await cli(['init', dir]);
    expect(init.code).toBe(0);
    const b = await cli(['build', dir]);
    expect(b.stderr).toBe('');
    expect(b.code).toBe(0);
    expect(b.stdout).toMatch(/^Built 1 article, \d+ pages in \d+\.\d+ s/);
    const home = read(path.join(dir, 'dist', 'index.html'));
    expect(home).toContain('Welcome to your newsroom');
    for (const p of ['about-us/index.html', 'contact-us/index.html', 'privacy-cookie-policy/index.html', '404.html', 'tags/announcements/index.html']) {
      expect(existsSync(path.join(dir, 'dist', p)), p).toBe(true);
      expect(read(path.join(dir, 'dist', p))).toContain('Privacy &amp; Cookie Policy');
    }
  });
});

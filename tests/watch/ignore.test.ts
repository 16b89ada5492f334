import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createIgnore, sitePath } from '../../src/watch/ignore.js';

const site = path.resolve('/sites/herald');
const at = (rel: string) => path.join(site, ...rel.split('/'));

describe('watch: what is not watched', () => {
  const ignored = createIgnore(site, [at('dist'), at('content/out'), path.resolve('/elsewhere/cache')]);

  it('watches the site folder, its content, templates, static and config files', () => {
    for (const rel of ['', 'content', 'content/articles/2025/a.md', 'content/pages/about.md', 'templates/partials/footer.njk', 'static/images/重庆.jpg', 'dateline.config.ts', 'dateline.config.mjs', 'content/_drafts/x.md', 'static/_headers']) {
      expect(ignored(at(rel)), rel).toBe(false);
    }
  });

  it('skips the output and cache folders, other top-level entries, dot files and editor temp files', () => {
    for (const rel of [
      'dist', 'dist/index.html', 'content/out/x.html', 'node_modules', 'node_modules/x/index.js', 'package.json', 'README.md',
      '.git', '.git/HEAD', '.dist.tmp-1-ab', 'content/.DS_Store', 'content/articles/.a.md.swp', 'content/articles/.a.md.swx',
      'content/articles/a.md~', 'content/articles/4913', 'content/articles/.#a.md', 'content/articles/#a.md#', 'content/articles/a.md.tmp',
      'content/articles/a.md___jb_tmp___', 'content/.hidden/a.md', 'content/articles/a/index.md.bak', 'content/articles/a/index.md.orig',
      'content/articles/a/index.md.old', 'content/articles/a/Thumbs.db', 'content/articles/a/desktop.ini',
    ]) {
      expect(ignored(at(rel)), rel).toBe(true);
    }
    // A host's dot files at the top of static/ are watched (the build says they are not
    // published); elsewhere, and other dot names in static/, not.
    for (const rel of ['static/.well-known', 'static/.well-known/security.txt', 'static/.htaccess']) expect(ignored(at(rel)), rel).toBe(false);
    for (const rel of ['static/.DS_Store', 'static/images/.well-known', 'content/.well-known', 'static/.well-known/.x.swp']) expect(ignored(at(rel)), rel).toBe(true);
    // A story saved with the wrong name is watched: the build says so.
    expect(ignored(at('content/articles/a.md.txt'))).toBe(false);
    expect(ignored(path.resolve('/elsewhere/cache/x'))).toBe(true);
    expect(ignored(path.resolve('/sites/other/content/a.md'))).toBe(true);
  });

  it('reports paths relative to the site with forward slashes', () => {
    expect(sitePath(site, at('content/articles/重庆/a.md'))).toBe('content/articles/重庆/a.md');
  });
});

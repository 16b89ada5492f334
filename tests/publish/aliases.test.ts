import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Parser } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { aliasRoute } from '../../src/publish/redirects.js';
import { dateline, md, read, site, writeSite } from '../helpers/site.js';
import { serveUnder } from './serve.js';

const NOW = '2026-06-01T00:00:00Z';
const story = (extra: Record<string, unknown> = {}) => md({ title: 'Bridge <deck> joined', date: '2025-03-01 09:00', author: 'Tan Yuxin', tags: ['Bridges'], ...extra });

/** The elements of a page, in order, with their attributes: enough to check a document's shape. */
function elements(html: string): { name: string; attrs: Record<string, string>; text: string }[] {
  const out: { name: string; attrs: Record<string, string>; text: string }[] = [];
  const parser = new Parser({
    onopentag: (name, attrs) => out.push({ name, attrs, text: '' }),
    ontext: (t) => {
      if (out.length) out[out.length - 1].text += t;
    },
  });
  parser.write(html);
  parser.end();
  return out;
}

describe('aliases: old URLs after a slug or date change', () => {
  it('writes a redirect page (meta refresh, canonical, a link) and a _redirects line for each alias', async () => {
    const s = await site({ 'content/articles/bridge.md': story({ aliases: ['/2024/12/old-bridge/', 'bridge-story', '/legacy/bridge.html'] }) }, { now: NOW });
    expect(s.diagnostics).toEqual([]);
    const page = s.page('2024/12/old-bridge/index.html');
    expect(page.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    const els = elements(page);
    expect(els.map((e) => e.name)).toEqual(['html', 'head', 'meta', 'title', 'meta', 'link', 'meta', 'body', 'p', 'a']);
    expect(els[2].attrs).toEqual({ charset: 'utf-8' });
    expect(els[3].text.trim()).toBe('Moved: Bridge <deck> joined');
    expect(els[4].attrs).toEqual({ name: 'robots', content: 'noindex' });
    expect(els[5].attrs).toEqual({ rel: 'canonical', href: 'https://news.example.org/2025/03/01/bridge/' });
    expect(els[6].attrs).toEqual({ 'http-equiv': 'refresh', content: '0; url=/2025/03/01/bridge/' });
    expect(els[9].attrs).toEqual({ href: '/2025/03/01/bridge/' });
    expect(page).toContain('Bridge &lt;deck&gt; joined');

    expect(s.has('bridge-story/index.html')).toBe(true);
    expect(s.has('legacy/bridge.html')).toBe(true);
    expect(s.page('_redirects').split('\n').filter((l) => l && !l.startsWith('#'))).toEqual([
      '/2024/12/old-bridge/ /2025/03/01/bridge/ 301',
      '/bridge-story/ /2025/03/01/bridge/ 301',
      '/legacy/bridge.html /2025/03/01/bridge/ 301',
    ]);
  });

  it('a percent-encoded alias: its _redirects line is the URL at which its redirect page is served', async () => {
    // "%2520" is an old URL with a real "%20" in it: its page is the folder "old%20page".
    const s = await site({ 'content/articles/bridge.md': story({ aliases: ['/caf%C3%A9/', '/old%2520page/', '/a b/'] }) }, { now: NOW });
    expect(s.diagnostics).toEqual([]);
    expect(['café/index.html', 'old%20page/index.html', 'a b/index.html'].map((p) => s.has(p))).toEqual([true, true, true]);
    expect(s.page('_redirects').split('\n').filter((l) => l && !l.startsWith('#'))).toEqual([
      '/a%20b/ /2025/03/01/bridge/ 301',
      '/caf%C3%A9/ /2025/03/01/bridge/ 301',
      '/old%2520page/ /2025/03/01/bridge/ 301',
    ]);
  });

  it('writes no _redirects file when no article has an alias', async () => {
    const s = await site({ 'content/articles/bridge.md': story() }, { now: NOW });
    expect(s.has('_redirects')).toBe(false);
  });

  it('after adding an alias, the old URL redirects to the article (through a real server)', async () => {
    const dir = writeSite({ 'content/articles/bridge.md': story() });
    expect((await dateline(['build', dir, '--now', NOW])).code).toBe(0);
    const file = path.join(dir, 'content/articles/bridge.md');
    writeFileSync(file, story({ aliases: ['/2024/12/old-bridge/'] }));
    const b = await dateline(['build', dir, '--now', NOW]);
    expect(b.stderr).toBe('');
    expect(b.code).toBe(0);
    const server = await serveUnder(path.join(dir, 'dist'), '/');
    try {
      const old = await fetch(`${server.origin}/2024/12/old-bridge/`);
      expect(old.status).toBe(200);
      const target = /http-equiv="refresh" content="0; url=([^"]+)"/.exec(await old.text())?.[1];
      expect(target).toBe('/2025/03/01/bridge/');
      const next = await fetch(`${server.origin}${target}`);
      expect(next.status).toBe(200);
      expect(await next.text()).toMatch(/<h1[^>]*>Bridge &lt;deck&gt; joined<\/h1>/);
    } finally {
      await server.close();
    }
  });

  it('refuses an alias that takes a real page\'s URL, naming both files', async () => {
    const dir = writeSite({
      'content/articles/bridge.md': story(),
      'content/articles/other.md': md({ title: 'Other', date: '2025-04-01 09:00', author: 'Tan Yuxin', aliases: ['/2025/03/01/bridge/'] }),
    });
    const r = await dateline(['build', dir, '--now', NOW]);
    expect(r.code).toBe(1);
    // At the line of `aliases` (md() writes it fourth).
    expect(r.stderr).toContain('error[URL_COLLISION] content/articles/other.md:5:1');
    expect(r.stderr).toContain('content/articles/bridge.md and content/articles/other.md (its alias "/2025/03/01/bridge/") would both be written to /2025/03/01/bridge/.');
    expect(r.stderr).toContain('fix: Remove "/2025/03/01/bridge/" from `aliases` in content/articles/other.md');
    expect(existsSync(path.join(dir, 'dist'))).toBe(false);

    const tag = await site({ 'content/articles/bridge.md': story({ aliases: ['/tags/bridges/'] }) }, { now: NOW });
    expect(tag.ok).toBe(false);
    expect(tag.diagnostics.map((d) => d.message)).toEqual(['the tag page for "Bridges" and content/articles/bridge.md (its alias "/tags/bridges/") would both be written to /tags/bridges/.']);
    expect(tag.diagnostics[0].file).toBe('content/articles/bridge.md');
  });

  it('takes one path written twice in an article\'s aliases (`/old/` and `/old`) as one redirect, not a clash with itself', async () => {
    const s = await site({ 'content/articles/bridge.md': story({ aliases: ['/old-bridge/', '/old-bridge', '/OLD-bridge/'] }) }, { now: NOW });
    expect(s.diagnostics).toEqual([]);
    expect(s.has('old-bridge/index.html')).toBe(true);
    expect(s.page('_redirects').split('\n').filter((l) => l.startsWith('/old'))).toHaveLength(1);
  });

  it('refuses aliases that are not safe site paths, with the file and line, and leaves dist/ as it was', async () => {
    const dir = writeSite({ 'content/articles/bridge.md': story() });
    expect((await dateline(['build', dir, '--now', NOW])).code).toBe(0);
    const before = read(path.join(dir, 'dist/index.html'));
    writeFileSync(
      path.join(dir, 'content/articles/bridge.md'),
      ['---', 'title: Bridge', 'date: 2025-03-01 09:00', 'author: Tan Yuxin', 'aliases:', '  - /fine/', '  - ../../etc/passwd', '  - https://evil.example/x', '  - //evil.example/x', '  - /a/%2e%2e/b/', '---', '', 'Body.', ''].join('\n'),
    );
    const r = await dateline(['build', dir, '--now', NOW]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error[BAD_ALIAS] content/articles/bridge.md:7:1\n  The alias "../../etc/passwd" contains a "." or ".." segment.');
    expect(r.stderr).toContain('error[BAD_ALIAS] content/articles/bridge.md:8:1\n  The alias "https://evil.example/x" is a full URL, not a path on this site.');
    // An address copied from the browser: the fix is its path.
    expect(r.stderr).toMatch(/The alias "https:\/\/evil\.example\/x" is a full URL[^]*?fix: Write the path alone, without the site's address: `\/x`\./);
    expect(r.stderr).toContain('error[BAD_ALIAS] content/articles/bridge.md:9:1\n  The alias "//evil.example/x" starts with "//"');
    expect(r.stderr).toContain('error[BAD_ALIAS] content/articles/bridge.md:10:1\n  The alias "/a/%2e%2e/b/" contains a "." or ".." segment.');
    expect(r.stderr).not.toContain('"/fine/"');
    expect(read(path.join(dir, 'dist/index.html'))).toBe(before);
    expect(existsSync(path.join(dir, 'etc'))).toBe(false);
    expect(readFileSync(path.join(dir, 'content/articles/bridge.md'), 'utf8')).toContain('/fine/');
  });
});

describe('aliases: hidden names', () => {
  it('refuses an alias with a part starting with "." (/.git/, /.htaccess, /.well-known/): dist/ as it was, and the next build still runs', async () => {
    const dir = writeSite({ 'content/articles/bridge.md': story() });
    expect((await dateline(['build', dir, '--now', NOW])).code).toBe(0);
    const before = read(path.join(dir, 'dist/index.html'));
    writeFileSync(
      path.join(dir, 'content/articles/bridge.md'),
      ['---', 'title: Bridge', 'date: 2025-03-01 09:00', 'author: Tan Yuxin', 'aliases:', '  - /.git/config', '  - /news/.htaccess', '  - /.well-known/security.txt', '  - /%2Egit/', '---', '', 'Body.', ''].join('\n'),
    );
    const r = await dateline(['build', dir, '--now', NOW]);
    expect(r.code).toBe(1);
    for (const [line, alias] of [[6, '/.git/config'], [7, '/news/.htaccess'], [8, '/.well-known/security.txt'], [9, '/%2Egit/']]) {
      expect(r.stderr).toContain(`error[BAD_ALIAS] content/articles/bridge.md:${line}:1\n  The alias "${alias}" has a part that starts with "." (a hidden file or folder, such as /.git/ or /.htaccess).`);
    }
    expect(r.stderr).toContain('a part that starts with ".".');
    expect(read(path.join(dir, 'dist/index.html'))).toBe(before);
    for (const hidden of ['.git', 'news/.htaccess', '.well-known']) expect(existsSync(path.join(dir, 'dist', hidden)), hidden).toBe(false);
    // A dist/ holding a .git folder is one the build refuses to replace: the alias would have
    // stopped every later build.
    writeFileSync(path.join(dir, 'content/articles/bridge.md'), story({ aliases: ['/old-bridge/'] }));
    const next = await dateline(['build', dir, '--now', NOW]);
    expect(next.code, next.stderr).toBe(0);
    expect(existsSync(path.join(dir, 'dist/old-bridge/index.html'))).toBe(true);
  });
});

describe('aliases: too long for a file system', () => {
  it('an alias with a part over 255 bytes, or over 2,048 bytes in all: BAD_ALIAS at its line and exit 1, not an I/O error', async () => {
    const dir = writeSite({ 'content/articles/bridge.md': story() });
    expect((await dateline(['build', dir, '--now', NOW])).code).toBe(0);
    const before = read(path.join(dir, 'dist/index.html'));
    const long = 'a'.repeat(256);
    const deep = 'ab/'.repeat(700);
    writeFileSync(path.join(dir, 'content/articles/bridge.md'), ['---', 'title: Bridge', 'date: 2025-03-01 09:00', 'author: Tan Yuxin', 'aliases:', `  - /${long}/`, `  - /${deep}`, `  - /${'重'.repeat(85)}/`, '---', '', 'Body.', ''].join('\n'));
    const r = await dateline(['build', dir, '--now', NOW]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain(`error[BAD_ALIAS] content/articles/bridge.md:6:1\n  The alias "/${long}/" has a part of 256 bytes; the most a folder's name can hold is 255.`);
    expect(r.stderr).toContain(`error[BAD_ALIAS] content/articles/bridge.md:7:1\n  The alias "/${deep}" is 2101 bytes long; the most is 2048.`);
    // 85 Chinese characters are 255 bytes: a name a file system holds.
    expect(r.stderr).not.toContain(':8:1');
    expect(r.stderr).not.toContain('could not create');
    expect(read(path.join(dir, 'dist/index.html'))).toBe(before);
  });
});

describe('aliasRoute', () => {
  it('gives site routes for safe paths and a reason for everything else', () => {
    expect(aliasRoute('/2024/12/old/')).toEqual({ route: '/2024/12/old/' });
    expect(aliasRoute('old-slug')).toEqual({ route: '/old-slug/' });
    expect(aliasRoute('/old.html')).toEqual({ route: '/old.html' });
    expect(aliasRoute('/tags/%E9%87%8D%E5%BA%86')).toEqual({ route: '/tags/重庆/' });
    expect(aliasRoute(`/${'x'.repeat(255)}/`)).toEqual({ route: `/${'x'.repeat(255)}/` });
    for (const bad of ['', '/', '..', '/a/../b', '/a/./b', 'javascript:alert(1)', 'mailto:x@y.z', '//cdn.example/x', '/a\\b', '/a?b=1', '/a#top', '/a/%2e%2e/', '/a/%5c/', '/%zz/', '/a//b/', '/a\u0000b', '/_headers', '_redirects/x/', '/pagefind/pagefind-ui.js', '/pagefind/', '/.git/config', '/a/.htaccess', '/.well-known/x', '/%2egit/', '/.hidden.html', `/${'x'.repeat(256)}/`, `/${'x/'.repeat(1100)}`]) {
      expect('error' in aliasRoute(bad), JSON.stringify(bad)).toBe(true);
    }
  });
});

describe('a story that moves: the build that moves it says so, with the alias to add', () => {
  const run = async (dir: string) => {
    const r = await dateline(['build', dir, '--now', NOW]);
    expect(r.code).toBe(0);
    return r.stderr;
  };

  it('a new slug, a corrected date, a renamed file: a warning at the field, followed by a redirect once the fix is in', async () => {
    const dir = writeSite({ 'content/articles/bridge.md': story(), 'content/articles/tunnel.md': md({ title: 'Tunnel opens', date: '2025-03-02 09:00', author: 'Tan Yuxin' }) });
    const file = path.join(dir, 'content/articles/bridge.md');
    expect(await run(dir)).toBe('');
    // A slug written in: the old address was in the output folder, and nothing is there now.
    writeFileSync(file, md({ title: 'Bridge <deck> joined', slug: 'deck-joined', date: '2025-03-01 09:00', author: 'Tan Yuxin', tags: ['Bridges'] }));
    const moved = await run(dir);
    expect(moved).toContain('warning[URL_CHANGED] content/articles/bridge.md:3');
    expect(moved).toContain('"Bridge <deck> joined" was published at /2025/03/01/bridge/; it is now at /2025/03/01/deck-joined/');
    expect(moved).toContain("fix: Keep the old address as a redirect: add the line `aliases: ['/2025/03/01/bridge/']`. Add `id: '/2025/03/01/bridge/'` too, so that feed readers do not show it again as a new story.");
    // Said once, by the build that moved it.
    expect(await run(dir)).toBe('');
    // A corrected date moves it again; following the fix keeps the old address as a redirect.
    writeFileSync(file, md({ title: 'Bridge <deck> joined', slug: 'deck-joined', date: '2025-03-02 09:00', author: 'Tan Yuxin', tags: ['Bridges'], aliases: ['/2025/03/01/bridge/'], id: '/2025/03/01/bridge/' }));
    const redated = await run(dir);
    expect(redated).toContain('warning[URL_CHANGED] content/articles/bridge.md:4');
    expect(redated).toContain("fix: Add '/2025/03/01/deck-joined/' to its `aliases`, which makes a redirect from there.\n");
    writeFileSync(file, md({ title: 'Bridge <deck> joined', slug: 'deck-joined', date: '2025-03-02 09:00', author: 'Tan Yuxin', tags: ['Bridges'], aliases: ['/2025/03/01/bridge/', '/2025/03/01/deck-joined/'], id: '/2025/03/01/bridge/' }));
    expect(await run(dir)).toBe('');
    expect(read(path.join(dir, 'dist/2025/03/01/deck-joined/index.html'))).toContain('url=/2025/03/02/deck-joined/');
    // A file renamed (git mv) is found by its headline and date, and named with its old name.
    const renamed = path.join(dir, 'content/articles/tunnel-opening.md');
    writeFileSync(renamed, read(path.join(dir, 'content/articles/tunnel.md')));
    (await import('node:fs')).rmSync(path.join(dir, 'content/articles/tunnel.md'));
    const gone = await run(dir);
    expect(gone).toContain('warning[URL_CHANGED] content/articles/tunnel-opening.md\n');
    expect(gone).toContain('"Tunnel opens" was published at /2025/03/02/tunnel/ (from content/articles/tunnel.md); it is now at /2025/03/02/tunnel-opening/');
    // A copy deleted is no move of the story it copied (it has that story's headline and date).
    writeFileSync(path.join(dir, 'content/articles/tunnel-copy.md'), read(renamed));
    await run(dir);
    (await import('node:fs')).rmSync(path.join(dir, 'content/articles/tunnel-copy.md'));
    expect(await run(dir)).toBe('');
    // Without the last build's record (no cache), nothing is known of old addresses.
    writeFileSync(renamed, md({ title: 'Tunnel opens', slug: 'tunnel-opens', date: '2025-03-02 09:00', author: 'Tan Yuxin' }));
    expect((await dateline(['build', dir, '--now', NOW, '--no-cache'])).stderr).toBe('');
  });

  it('a published story re-dated into the future (a year typed wrong) is warned at its date, once, with its old time as the fix', async () => {
    const dir = writeSite({ 'content/articles/bridge.md': story() });
    const file = path.join(dir, 'content/articles/bridge.md');
    expect(await run(dir)).toBe('');
    expect(existsSync(path.join(dir, 'dist/2025/03/01/bridge/index.html'))).toBe(true);
    writeFileSync(file, story({ date: '2027-03-01 09:00' }));
    const held = await run(dir);
    expect(held).toContain('warning[TAKEN_DOWN_BY_DATE] content/articles/bridge.md:3');
    expect(held).toContain('"Bridge <deck> joined" was published at /2025/03/01/bridge/; its `date` is now 2027-03-01T09:00:00+08:00, still to come, so this build takes it off the site until then.');
    expect(held).toContain('fix: If the date was typed wrong, write the time it was published: `date: 2025-03-01 09:00`.');
    // Not also URL_CHANGED: it has no address now.
    expect(held).not.toContain('URL_CHANGED');
    expect(existsSync(path.join(dir, 'dist/2025/03/01/bridge/index.html'))).toBe(false);
    // Said once; and a story held back with draft: true was taken down on purpose.
    expect(await run(dir)).not.toContain('TAKEN_DOWN_BY_DATE');
    writeFileSync(file, story());
    await run(dir);
    writeFileSync(file, story({ draft: true }));
    expect(await run(dir)).not.toContain('TAKEN_DOWN_BY_DATE');
  });
});

import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkFolder } from '../../src/check/links.js';
import { cli, read, REPO } from '../helpers/site.js';

/** A fixed clock: the demo's scheduled article (June 2027) stays unpublished whatever today is. */
const NOW = '2026-11-28T12:00:00+08:00';
const BASE_URL = 'https://www.mountaincityherald.example/';

describe('the demo newsroom, built by the real bin', () => {
  let out: string;
  let stdout: string;
  const page = (p: string) => read(path.join(out, p));
  const htmlFiles = (dir = out, prefix = ''): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? htmlFiles(path.join(dir, e.name), `${prefix}${e.name}/`) : e.name.endsWith('.html') ? [`${prefix}${e.name}`] : []));

  beforeAll(async () => {
    out = path.join(mkdtempSync(path.join(tmpdir(), 'dateline-demo-')), 'dist');
    const r = await cli(['build', REPO, '--out', out, '--now', NOW]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    stdout = r.stdout;
  });

  it('builds every kind of page', () => {
    expect(stdout).toMatch(/^Built \d+ articles, \d+ pages in/);
    const pages = [
      'index.html', 'page/2/index.html', '404.html',
      'about-us/index.html', 'contact-us/index.html', 'privacy-cookie-policy/index.html',
      'tags/index.html', 'tags/rail-freight/index.html', 'tags/火锅/index.html',
      'authors/index.html', 'authors/tan-yuxin/index.html',
      'business/index.html', 'transport/index.html', 'culture/index.html', 'weather/index.html', 'insights/index.html',
      'archive/index.html', '2024/index.html', '2024/06/index.html',
      '2024/06/30/europe-rail-freight-milestone/index.html',
      'theme/dateline.css', 'theme/cookie-notice.js', 'images/rail-freight.jpg',
    ];
    for (const p of pages) expect(existsSync(path.join(out, p)), p).toBe(true);
  });

  it('leaves out the draft and the article scheduled after --now', () => {
    const all = htmlFiles();
    expect(all.some((p) => p.includes('hotpot-festival-lineup'))).toBe(false);
    expect(all.some((p) => p.includes('east-station-metro-link-opens') || p.startsWith('2027/'))).toBe(false);
  });

  it('shows only the notice at the address of the withdrawn story, and its words nowhere', () => {
    const html = page('2025/09/16/developer-land-deal-inquiry/index.html');
    expect(html).toContain('<meta name="robots" content="noindex">');
    expect(html).toContain('<p class="withdrawn-notice">This article has been removed following a legal complaint. The Herald is reviewing it.</p>');
    expect(html).toContain('Removed on <time datetime="2025-09-19T18:00:00+08:00">');
    const words = ['riverside land deal', 'riverside plot', 'legal takedown'];
    for (const p of htmlFiles().concat(['feed.xml', 'atom.xml', 'feed.json', 'sitemap.xml'])) for (const w of words) expect(page(p), `${p}: ${w}`).not.toContain(w);
  });

  it('has no broken internal link or anchor anywhere in dist/', async () => {
    const broken = await checkFolder(out, BASE_URL);
    expect(broken.map((d) => d.message)).toEqual([]);
  });

  it('gives every page exactly one h1, the footer and a main landmark', () => {
    for (const p of htmlFiles()) {
      const html = page(p);
      expect((html.match(/<h1[\s>]/g) ?? []).length, p).toBe(1);
      expect(html, p).toContain('<main id="main"');
      expect(html, p).toContain('渝ICP备');
      expect(html, p).toContain('© 2026 Mountain City Herald');
    }
  });

  it('shows the article furniture on a story with a picture, a dateline and related stories', () => {
    const html = page('2024/06/30/europe-rail-freight-milestone/index.html');
    expect(html).toContain('<time datetime="2024-06-30T11:00:00+08:00">Jun 30, 2024</time>');
    expect(html).toContain('<span class="dateline">Chongqing—</span>');
    expect(html).toContain('<span class="credit">(Photo/ Western Corridor Rail Co.)</span>');
    expect(html).toContain('<aside class="related"');
  });

  it('joins the two bylines of the flood clean-up story and shows when it was updated', () => {
    const file = htmlFiles().find((p) => p.includes('riverfront-shops-clean-up-after-flood'))!;
    const html = page(file);
    expect(html).toContain('By <a href="/authors/he-jiawei/" rel="author"><bdi>He Jiawei</bdi></a> and <a href="/authors/wei-shuang/" rel="author"><bdi>Wei Shuang</bdi></a>');
    expect(html).toContain('Updated <time datetime="2025-07-12T17:45:00+08:00">');
  });
});

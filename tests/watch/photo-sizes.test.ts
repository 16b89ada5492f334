import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { md } from '../helpers/site.js';
import { jpeg, png } from '../helpers/photos.js';
import { expectFreshBuild, waitFor, watchInline } from '../helpers/watch.js';

const story = (body: string) => md({ title: 'Rail freight doubles', date: '2025-12-20 09:30', author: 'Li Wei', tags: ['Rail'], image: { src: '/images/lead.jpg', alt: 'A train' } }, body);

describe('watch: photo sizes', () => {
  it('a photo replaced by one of another size (same name, even the same bytes count and time): the pages that show it are what a fresh build writes', async () => {
    const s = await watchInline({ 'content/rail.md': story('The trains.\n\n![The yard](/images/yard.png)\n') });
    try {
      const write = (rel: string, bytes: Buffer | string) => {
        mkdirSync(path.dirname(path.join(s.dir, rel)), { recursive: true });
        writeFileSync(path.join(s.dir, rel), bytes);
      };
      const step = async (what: string, act: () => void, done: () => unknown) => {
        const n = s.builds.length;
        act();
        await waitFor(() => s.builds.length > n && done(), what);
        await s.settle(n);
        await expectFreshBuild(s, what, n);
      };
      const page = () => s.read('2025/12/20/rail/index.html') ?? '';
      const yard = path.join(s.dir, 'static/images/yard.png');
      const then = new Date('2025-06-01T00:00:00Z');
      await step('photos added', () => {
        write('static/images/lead.jpg', jpeg(1600, 900));
        write('static/images/yard.png', png(10, 20));
        utimesSync(yard, then, then);
      }, () => page().includes('width="1600" height="900"') && page().includes('width="10" height="20"'));
      await step('lead photo replaced', () => write('static/images/lead.jpg', jpeg(900, 1600)), () => page().includes('width="900" height="1600"'));
      expect(s.read('index.html')).toContain('width="900" height="1600"');
      // The same number of bytes, and its old time put back (`cp -p`): the watcher's word is enough.
      await step('body photo replaced, same size and time', () => {
        write('static/images/yard.png', png(20, 10));
        utimesSync(yard, then, then);
      }, () => page().includes('width="20" height="10"'));
      // A body edit (watch's fast path) keeps them.
      await step('body edit', () => write('content/rail.md', story('The trains, edited.\n\n![The yard](/images/yard.png)\n')), () => page().includes('edited'));
      expect(page()).toContain('width="20" height="10"');
    } finally {
      await s.close();
    }
  });

  it('the logo replaced by one of another size under the same name: every page is what a fresh build writes', async () => {
    const config = `import { defineConfig } from 'dateline';\nexport default defineConfig({ title: 'Test Herald', baseUrl: 'https://news.example.org/', timeZone: 'Asia/Shanghai', logo: '/images/logo.png' });\n`;
    const s = await watchInline({ 'dateline.config.ts': config, 'content/rail.md': story('The trains.'), 'static/images/logo.png': png(360, 64) });
    try {
      const home = () => s.read('index.html') ?? '';
      await waitFor(() => home().includes('width="225" height="40"'), 'the first build');
      const n = s.builds.length;
      writeFileSync(path.join(s.dir, 'static/images/logo.png'), png(200, 100));
      await waitFor(() => s.builds.length > n && home().includes('width="80" height="40"'), 'the new logo\'s size');
      await s.settle(n);
      await expectFreshBuild(s, 'logo replaced', n);
      expect(s.read('2025/12/20/rail/index.html')).toContain('"width":200,"height":100');
    } finally {
      await s.close();
    }
  });
});

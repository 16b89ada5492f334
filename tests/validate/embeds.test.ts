import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, md, site } from '../helpers/site.js';

const config = DEFAULT_CONFIG.replace("pageSize: 3,", "pageSize: 3,\n  markdown: { iframeHosts: ['www.youtube.com'] },");
const body = [
  '<iframe src="http://www.youtube.com/embed/bbb"></iframe>', // line 7
  '',
  '<iframe src="//www.youtube.com/embed/ccc"></iframe>',
  '',
  '<iframe src="https://player.vimeo.com/video/1"></iframe>',
  '',
  '<iframe src="https://www.youtube.com/embed/ok"></iframe>',
  '',
  '<a href="//oldsite.example.org/x">old link</a> and [another](//old.example.org/y).',
  '',
  '<blockquote class="twitter-tweet"><p>A tweet</p></blockquote><script async src="https://platform.twitter.com/widgets.js"></script>',
  '',
  '`<iframe src="http://x.example/">` shown as code, and a [video](https://example.org/v).',
].join('\n');

describe('what the sanitiser takes out of a story', () => {
  it('is said at its line, with a fix: an embed from a host not allowed or over http, a script, an address without https:', async () => {
    const b = await site({ 'dateline.config.ts': config, 'content/articles/media.md': md({ title: 'Media', date: '2024-01-01T10:00:00Z', author: 'Jane Doe' }, body) });
    const found = b.diagnostics.filter((d) => d.code === 'EMBED_REMOVED').map((d) => [d.line, d.hint]);
    expect(found).toEqual([
      [7, 'Write it with https: `https://www.youtube.com/embed/bbb`.'],
      [9, 'Write it in full: `https://www.youtube.com/embed/ccc`.'],
      [11, "If player.vimeo.com is to be trusted, add 'player.vimeo.com' to `markdown.iframeHosts` in the config."],
      [15, 'Write it in full: `https://oldsite.example.org/x`.'],
      [15, 'Write it in full: `https://old.example.org/y`.'],
      [17, expect.stringContaining('`<iframe>` embed code')],
    ]);
    const page = b.page('2024/01/01/media/index.html');
    // The allowed one stays; what the warnings name is gone.
    expect(page).toContain('<iframe src="https://www.youtube.com/embed/ok">');
    expect(page).not.toMatch(/embed\/(bbb|ccc)|vimeo|widgets\.js/);
    // Following the fixes: nothing said, everything shown.
    const fixed = body.replace('http://www', 'https://www').replace('"//www', '"https://www').replace('//oldsite', 'https://oldsite').replace('(//old', '(https://old').replace(/<script[^>]*><\/script>/, '');
    const again = await site({ 'dateline.config.ts': config.replace("['www.youtube.com']", "['www.youtube.com', 'player.vimeo.com']"), 'content/articles/media.md': md({ title: 'Media', date: '2024-01-01T10:00:00Z', author: 'Jane Doe' }, fixed) });
    expect(again.diagnostics).toEqual([]);
    expect(again.page('2024/01/01/media/index.html')).toMatch(/embed\/bbb[\s\S]*embed\/ccc[\s\S]*vimeo[\s\S]*href="https:\/\/oldsite\.example\.org\/x"/);
  });

  it('keeps a story\'s own video and audio, with the base path, and holds their files back with a scheduled story', async () => {
    const sub = DEFAULT_CONFIG.replace("baseUrl: 'https://news.example.org/'", "baseUrl: 'https://news.example.org/city/'");
    const media = '<video controls src="/media/clip.mp4" poster="/media/clip.jpg" autoplay onplay="alert(1)"></video>\n\n<audio controls><source src="/media/pod.mp3" type="audio/mpeg"><track src="/media/pod.vtt" kind="captions" srclang="en"></audio>';
    const files = {
      'dateline.config.ts': sub,
      'content/articles/live.md': md({ title: 'Live', date: '2025-12-01T10:00:00Z', author: 'Jane Doe' }, media),
      'content/articles/later.md': md({ title: 'Later', date: '2026-06-01T10:00:00Z', author: 'Jane Doe' }, '<video controls src="/media/scoop.mp4"></video>'),
      'static/media/clip.mp4': 'v', 'static/media/clip.jpg': 'j', 'static/media/pod.mp3': 'a', 'static/media/pod.vtt': 'WEBVTT', 'static/media/scoop.mp4': 's',
    };
    const b = await site(files);
    const page = b.page('2025/12/01/live/index.html');
    expect(page).toContain('<video controls src="/city/media/clip.mp4" poster="/city/media/clip.jpg"></video>');
    expect(page).toContain('<audio controls><source src="/city/media/pod.mp3" type="audio/mpeg" /><track src="/city/media/pod.vtt" kind="captions" srclang="en" /></audio>');
    expect(b.copies!.has('media/clip.mp4')).toBe(true);
    // The scheduled story's video waits with it.
    expect(b.copies!.has('media/scoop.mp4')).toBe(false);
    expect((await site(files, { now: '2026-06-02T00:00:00Z' })).copies!.has('media/scoop.mp4')).toBe(true);
  });
});

describe('what the sanitiser takes out of a story, more', () => {
  it('says an embed script once (its // src is the same mistake), and a player over http', async () => {
    const body = '<blockquote class="instagram-media"><p>Post</p></blockquote>\n<script async src="//www.instagram.com/embed.js"></script>\n\n<video controls src="http://media.example.org/clip.mp4"></video>';
    const b = await site({ 'content/articles/m.md': md({ title: 'M', date: '2024-01-01T10:00:00Z', author: 'Jane Doe' }, body) });
    const found = b.diagnostics.filter((d) => d.code === 'EMBED_REMOVED').map((d) => [d.line, d.message.slice(0, 40)]);
    expect(found).toEqual([
      [8, 'The `<script>` is taken out of the story'],
      [10, 'The video or audio address `http://media'],
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { md, site } from '../helpers/site.js';
import { between, config, h1Count } from './fixtures.js';

/** Every footer feature at once; the footer links are the three pages a newsroom must have. */
const FOOTER = {
  links: [['About Us', 'about-us'], ['Contact Us', 'contact-us'], ['Privacy & Cookie Policy', 'privacy-cookie-policy']].map(([label, slug]) => ({ label, url: `/${slug}/` })),
  lines: ['京ICP备11112222号', '广播电视节目制作经营许可证（京）字第0001号'],
  hotline: 'Tip line (24 h): 010-5555 0100',
  messageUrl: '/contact-us/#leave-a-message',
  email: 'tips@example.org',
  copyright: 'Capital Evening Post',
};

const files = (extra: Record<string, unknown> = {}) => ({
  'dateline.config.ts': config({ footer: FOOTER, sections: [{ name: 'Business' }, { name: 'Culture' }], ...extra }),
  'content/articles/a.md': md({ title: 'A', date: '2024-03-20 09:30', author: 'Ran Zheng', section: 'Business', tags: ['rail'] }),
  'content/articles/b.md': md({ title: 'B', date: '2024-03-21', author: 'Ran Zheng', section: 'Culture' }),
  'content/pages/about-us.md': md({ title: 'About Us' }, 'Who we are.'),
});

const htmlPages = (s: { files?: Map<string, string | Uint8Array> }) => [...s.files!.keys()].filter((k) => k.endsWith('.html')).sort();

describe('site furniture', () => {
  it('puts the header with section navigation, one h1 and the full footer on every page', async () => {
    const s = await site(files(), { now: '2026-03-01T00:00:00+08:00' });
    expect(s.ok).toBe(true);
    const pages = htmlPages(s);
    expect(pages.length).toBeGreaterThan(10);
    for (const p of pages) {
      const html = s.page(p);
      expect(h1Count(html), p).toBe(1);
      expect(html, p).toContain('<a class="skip-link" href="#main">Skip to content</a>');
      expect(html, p).toContain('<main id="main"');
      const nav = between(html, /<nav class="site-nav"[^>]*>/, '</nav>');
      expect(nav, p).toContain('<a href="/business/"');
      expect(nav, p).toContain('<a href="/culture/"');
      const footer = between(html, /<footer class="site-footer">/, '</footer>\n');
      for (const link of FOOTER.links) expect(footer, p).toContain(`<a href="${link.url}">${link.label.replace('&', '&amp;')}</a>`);
      expect(footer, p).toContain('<p class="footer-line"><span lang="zh">京ICP备11112222号</span></p>');
      expect(footer, p).toContain('<p class="footer-line"><span lang="zh">广播电视节目制作经营许可证（京）字第0001号</span></p>');
      expect(footer, p).toContain('<p class="footer-hotline">Tip line (24 h): 010-5555 0100</p>');
      expect(footer, p).toContain('<a href="mailto:tips@example.org">tips@example.org</a>');
      expect(footer, p).toContain('<a href="/contact-us/#leave-a-message">Leave a message</a>');
      expect(footer, p).toContain('<p class="footer-copyright">© 2026 Capital Evening Post</p>');
      expect(html, p).toMatch(/<link rel="stylesheet" href="\/theme\/dateline\.[0-9a-f]{10}\.css">/);
    }
  });

  it('marks the current section in the navigation, also on its articles', async () => {
    const s = await site(files());
    expect(between(s.page('business/index.html'), /<nav class="site-nav"[^>]*>/, '</nav>')).toContain('<a href="/business/" aria-current="page">Business</a>');
    expect(between(s.page('2024/03/20/a/index.html'), /<nav class="site-nav"[^>]*>/, '</nav>')).toContain('<a href="/business/" aria-current="true">Business</a>');
    expect(between(s.page('index.html'), /<nav class="site-nav"[^>]*>/, '</nav>')).toContain('<a href="/" aria-current="page">Home</a>');
  });

  it('marks each page its own way though the header is rendered once for each place in the navigation', async () => {
    // A story and a tag page linked from the navigation, beside a section and the home page.
    const s = await site(files({ navigation: [{ label: 'Front', url: '/' }, { label: 'Money', url: '/business/' }, { label: 'Our story', url: '/2024/03/20/a/' }, { label: 'Rail', url: '/tags/rail/' }] }));
    const marks = (p: string) => [...between(s.page(p), /<nav class="site-nav"[^>]*>/, '</nav>').matchAll(/<a href="([^"]+)"( aria-current="[a-z]+")?>/g)].filter((m) => m[2]).map((m) => `${m[1]}${m[2]}`);
    expect(marks('index.html')).toEqual(['/ aria-current="page"']);
    expect(marks('business/index.html')).toEqual(['/business/ aria-current="page"']);
    // The story is the page itself and in the section: both marks, as before the header was cached.
    expect(marks('2024/03/20/a/index.html')).toEqual(['/business/ aria-current="true"', '/2024/03/20/a/ aria-current="page"']);
    expect(marks('tags/rail/index.html')).toEqual(['/tags/rail/ aria-current="page"']);
    // Pages the navigation does not name: a story of another section, an unlinked page.
    expect(marks('2024/03/21/b/index.html')).toEqual([]);
    expect(marks('about-us/index.html')).toEqual([]);
  });

  it('uses the configured navigation and logo when given, under the base path', async () => {
    const s = await site(files({ baseUrl: 'https://example.org/news/', logo: '/images/logo.svg', navigation: [{ label: 'Front', url: '/' }, { label: 'Money', url: '/business/' }] }));
    const html = s.page('index.html');
    expect(html).toContain('<a class="site-title" href="/news/"><img src="/news/images/logo.svg" alt="Test Herald" height="40"></a>');
    const nav = between(html, /<nav class="site-nav"[^>]*>/, '</nav>');
    expect([...nav.matchAll(/<a [^>]*>([^<]+)<\/a>/g)].map((m) => m[0])).toEqual(['<a href="/news/" aria-current="page">Front</a>', '<a href="/news/business/">Money</a>']);
    expect(html).toMatch(/<link rel="stylesheet" href="\/news\/theme\/dateline\.[0-9a-f]{10}\.css">/);
    expect(html).toMatch(/<script src="\/news\/theme\/cookie-notice\.[0-9a-f]{10}\.js" defer><\/script>/);
  });

  it('writes the copyright with a {year} placeholder as given', async () => {
    const s = await site(files({ footer: { ...FOOTER, copyright: 'Copyright {year} Herald Media Ltd. All rights reserved.' } }), { now: '2025-07-01T00:00:00Z' });
    expect(s.page('index.html')).toContain('<p class="footer-copyright">Copyright 2025 Herald Media Ltd. All rights reserved.</p>');
  });

  it('shows the cookie notice hidden until the script runs, with its text, policy link and button', async () => {
    const s = await site(files({ cookieNotice: { text: 'We remember your choices.', policyUrl: '/privacy-cookie-policy/', button: 'I Agree' } }));
    const html = s.page('2024/03/20/a/index.html');
    const notice = between(html, /<section class="cookie-notice"[^>]*>/, '</section>');
    expect(html).toMatch(/<section class="cookie-notice" id="cookie-notice" aria-label="Cookie notice" hidden>/);
    expect(notice).toContain('We remember your choices. <a href="/privacy-cookie-policy/">Privacy &amp; Cookie Policy</a>');
    expect(notice).toContain('<button type="button" id="cookie-accept">I Agree</button>');
    expect(html).toMatch(/<script src="\/theme\/cookie-notice\.[0-9a-f]{10}\.js" defer><\/script>/);
  });

  it('leaves the notice and its script out entirely when switched off', async () => {
    const s = await site(files({ cookieNotice: { enabled: false } }));
    for (const p of htmlPages(s)) {
      expect(s.page(p), p).not.toContain('cookie-notice');
      // Structured data (JSON-LD) is the only script left, apart from the search page's own.
      if (p !== 'search/index.html') expect(s.page(p), p).not.toMatch(/<script(?![^>]*application\/ld\+json)/);
    }
  });
});

describe('dates in the site zone', () => {
  it('shows an article published late in the evening UTC on the next day in Shanghai, and on its day in New York', async () => {
    const article = { 'content/articles/late.md': md({ title: 'Late', date: '2024-03-20T23:30:00Z', author: 'A' }) };
    const shanghai = await site({ 'dateline.config.ts': config({ timeZone: 'Asia/Shanghai' }), ...article });
    expect(shanghai.page('2024/03/21/late/index.html')).toContain('<time datetime="2024-03-21T07:30:00+08:00">Mar 21, 2024</time>');
    const newYork = await site({ 'dateline.config.ts': config({ timeZone: 'America/New_York' }), ...article });
    expect(newYork.page('2024/03/20/late/index.html')).toContain('<time datetime="2024-03-20T19:30:00-04:00">Mar 20, 2024</time>');
  });

  it('formats dates in the configured locale', async () => {
    const s = await site({ 'dateline.config.ts': config({ locale: 'en-GB' }), 'content/articles/a.md': md({ title: 'A', date: '2024-03-20', author: 'A' }) });
    expect(s.page('2024/03/20/a/index.html')).toContain('<time datetime="2024-03-20T00:00:00+08:00">20 Mar 2024</time>');
  });

  it('heads the archive with the Gregorian months of its URLs, also in a locale whose calendar is another', async () => {
    const s = await site({ 'dateline.config.ts': config({ locale: 'fa-IR' }), 'content/articles/a.md': md({ title: 'A', date: '2024-03-20', author: 'A' }) });
    // The article keeps the locale's own calendar (1 Farvardin 1403); /2024/03/ is March 2024.
    expect(s.page('2024/03/index.html')).toContain('<h1>مارس ۲۰۲۴</h1>');
    expect(s.page('2024/index.html')).toContain('>مارس</a>');
    const thai = await site({ 'dateline.config.ts': config({ locale: 'th-TH' }), 'content/articles/a.md': md({ title: 'A', date: '2024-03-20', author: 'A' }) });
    expect(thai.page('2024/03/index.html')).toContain('<h1>มีนาคม 2024</h1>');
  });
});

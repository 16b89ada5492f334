import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_NOW } from '../helpers/demo.js';
import { dateline, DEFAULT_CONFIG, md, REPO, writeSite } from '../helpers/site.js';

// The demo's built folder is link-checked with checkFolder in tests/e2e/demo-newsroom.test.ts;
// these run the same checker through `dateline check`, as an editor or CI would.
describe('dateline check: links and anchors', () => {
  it('passes on the demo newsroom', async () => {
    const r = await dateline(['check', REPO, '--now', DEMO_NOW]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Checked \d+ articles, \d+ pages in [\d.]+ s: no errors\nHeld back until their time \(2\):\n {2}content\/articles\/2026\/wulong-landslide-live\.md at 2026-11-28 12:45:00\+08:00 \(an update of its live blog\)\n {2}content\/articles\/2027\/east-station-metro-link-opens\.md at 2027-06-15 08:00:00\+08:00\nWithdrawn, a notice at their address \(1\):\n {2}content\/articles\/2025\/developer-land-deal-inquiry\.md at \/2025\/09\/16\/developer-land-deal-inquiry\/\n$/);
    expect(r.code).toBe(0);
  });

  it('fails on a page with a broken anchor, naming the anchor and the article, and writes nothing', async () => {
    const dir = writeSite({
      'content/pages/about-us.md': md({ title: 'About Us' }, '## How to reach us\n\nCall the desk.'),
      'content/pages/privacy-cookie-policy.md': md({ title: 'Privacy & Cookie Policy' }),
      'content/articles/a.md': md(
        { title: 'A story', date: '2024-03-20 09:00', author: 'Ran Zheng' },
        'See [how to reach us](/about-us/#how-to-reach-us), [the form](/about-us/#leave-a-message), [below](#notes) and [the picture](/images/missing.jpg).',
      ),
    });
    const r = await dateline(['check', dir, '--now', DEMO_NOW]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const errors = r.stderr.split('\n\n').filter((b) => b.startsWith('error[BROKEN_LINK] content/articles/a.md'));
    expect(errors).toHaveLength(3);
    expect(r.stderr).toContain('links to /about-us/#leave-a-message, but that page has no element with id "leave-a-message".');
    expect(r.stderr).toContain('links to #notes, but that page has no element with id "notes".');
    expect(r.stderr).toContain('links to /images/missing.jpg, which does not exist.');
    // The anchor that does exist (a heading's id) is not reported.
    expect(r.stderr).not.toContain('#how-to-reach-us');
    expect(r.stderr).toMatch(/3 errors; nothing was written\.\n$/);
    expect(existsSync(path.join(dir, 'dist'))).toBe(false);
  });

  it('names the line and column of a broken link in an article body', async () => {
    const dir = writeSite({
      'content/pages/about-us.md': md({ title: 'About Us' }, '## How to reach us\n\nCall the desk.'),
      'content/pages/privacy-cookie-policy.md': md({ title: 'Privacy & Cookie Policy' }),
      'content/articles/a.md': md({ title: 'A story', date: '2024-03-20 09:00', author: 'Ran Zheng' }, 'First paragraph.\n\nSee [the report](/2024/03/20/no-such-story/).\n\nAnd [the form](/about-us/#leave-a-message).\n\n![The new wall](/images/wall%20west.jpg)'),
    });
    const r = await dateline(['check', dir, '--now', DEMO_NOW]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error[BROKEN_LINK] content/articles/a.md:9:18\n  /2024/03/20/a/index.html links to /2024/03/20/no-such-story/, which does not exist.');
    expect(r.stderr).toContain('error[BROKEN_LINK] content/articles/a.md:11:16\n');
    expect(r.stderr).toContain('fix: Point the link at a page that exists, or remove it.');
    // A photo is a file to put in static/, not a page to point at.
    expect(r.stderr).toContain('error[BROKEN_LINK] content/articles/a.md:13:');
    expect(r.stderr).toContain('fix: Put the file in static/ at that path (static/images/wall west.jpg), or correct the path.');
    expect(r.stderr).toMatch(/3 errors; nothing was written\.\n$/);
  });

  it('a lead photo that does not exist is put on its article\'s `src:` line, however many pages show it', async () => {
    const dir = writeSite({
      'content/pages/about-us.md': md({ title: 'About Us' }),
      'content/pages/privacy-cookie-policy.md': md({ title: 'Privacy & Cookie Policy' }),
      'content/articles/port.md': '---\ntitle: Port opens\ndate: 2024-03-20 09:00\nauthor: Ran Zheng\ntags: [Port]\nimage:\n  src: /images/port crane.jpg\n  alt: Cranes\n---\nBody.\n',
    });
    const r = await dateline(['check', dir, '--now', DEMO_NOW]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error\[BROKEN_LINK\] content\/articles\/port\.md:7:8\n  The lead photo \/images\/port%20crane\.jpg does not exist \(\d+ pages show it\)\.\n  fix: Put the photo in static\/ \(static\/images\/port crane\.jpg\), or correct the path\.\n/);
    expect(r.stderr).not.toContain('template or the config');
    expect(r.stderr).toMatch(/1 error; nothing was written\.\n$/);
    // Written as a full URL on the site: the same place under static/.
    writeFileSync(path.join(dir, 'content/articles/port.md'), '---\ntitle: Port opens\ndate: 2024-03-20 09:00\nauthor: Ran Zheng\nimage:\n  src: https://news.example.org/images/crane.jpg\n  alt: Cranes\n---\nBody.\n');
    const full = await dateline(['check', dir, '--now', DEMO_NOW]);
    expect(full.stderr).toContain('error[BROKEN_LINK] content/articles/port.md:6:8\n');
    expect(full.stderr).toContain('fix: Put the photo in static/ (static/images/crane.jpg), or correct the path.');
    // A photo two articles share: on each one's line, not only the first's.
    writeFileSync(path.join(dir, 'content/articles/quay.md'), '---\ntitle: Quay closes\ndate: 2024-03-21 09:00\nauthor: Ran Zheng\nimage:\n  alt: Cranes\n  src: /images/crane.jpg\n---\nBody.\n');
    const shared = await dateline(['check', dir, '--now', DEMO_NOW]);
    expect(shared.stderr).toContain('error[BROKEN_LINK] content/articles/port.md:6:8\n');
    expect(shared.stderr).toContain('error[BROKEN_LINK] content/articles/quay.md:7:8\n');
    expect(shared.stderr).toMatch(/2 errors; nothing was written\.\n$/);
  });

  it('a missing crop, share image or publisher logo, which only metadata names: at its line in the article or the config', async () => {
    const config = DEFAULT_CONFIG.replace("pageSize: 3,", "pageSize: 3,\n  social: { image: '/images/og-default.jpg' },\n  publisher: { logo: '/images/publisher.png' },");
    const dir = writeSite({
      'dateline.config.ts': config,
      'content/pages/about-us.md': md({ title: 'About Us' }),
      'content/pages/privacy-cookie-policy.md': md({ title: 'Privacy & Cookie Policy' }),
      'content/articles/port.md': '---\ntitle: Port opens\ndate: 2024-03-20 09:00\nauthor: Ran Zheng\nimage:\n  src: /images/port.jpg\n  alt: Cranes\n  crops:\n    - /images/port-16x9.jpg\n---\nBody.\n',
      'static/images/port.jpg': 'jpg',
    });
    const r = await dateline(['check', dir, '--now', DEMO_NOW]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error[BROKEN_LINK] content/articles/port.md:9:7\n  The lead photo /images/port-16x9.jpg does not exist (/2024/03/20/port/index.html shows it).');
    expect(r.stderr).toContain('error[BROKEN_LINK] dateline.config.ts:7:13\n  The image /images/og-default.jpg (the config\'s `social.image`) does not exist (');
    expect(r.stderr).toContain('fix: Put the photo in static/ (static/images/og-default.jpg), or correct `social.image` in the config.');
    expect(r.stderr).toContain('error[BROKEN_LINK] dateline.config.ts:8:16\n  The image /images/publisher.png (the config\'s `publisher.logo`) does not exist (');
    expect(r.stderr).toMatch(/3 errors; nothing was written\.\n$/);
    // Put in place, all three are found.
    for (const f of ['port-16x9.jpg', 'og-default.jpg', 'publisher.png']) writeFileSync(path.join(dir, 'static/images', f), 'x');
    const fixed = await dateline(['check', dir, '--now', DEMO_NOW]);
    expect(fixed.code, fixed.stderr).toBe(0);
  });
});

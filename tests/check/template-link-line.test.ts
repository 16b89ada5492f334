import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, md, REPO, writeSite } from '../helpers/site.js';

/**
 * A broken link on many pages comes from a template or the config. `check` said which pages, and
 * "a template or the config": it now names the line that writes it, as it does for an article's.
 */

const NOW = '2026-01-01T00:00:00Z';
const files = {
  'content/articles/a.md': md({ title: 'Bridge joined', date: '2025-12-20 09:00', author: 'Li Wei' }),
  'content/articles/b.md': md({ title: 'Tunnel opens', date: '2025-12-21 09:00', author: 'Li Wei' }),
  'content/pages/about-us.md': md({ title: 'About Us' }),
  'content/pages/privacy-cookie-policy.md': md({ title: 'Privacy & Cookie Policy' }),
  'static/brand/herald.css': 'body { color: #222; }\n',
};

describe('check: a broken link a template or the config writes on many pages', () => {
  it('a misspelt stylesheet given to `asset`: the template line, and the file to put in static/', async () => {
    const base = readFileSync(path.join(REPO, 'templates/base.njk'), 'utf8').replace('{% block head %}', `<link rel="stylesheet" href="{{ 'brand/herlad.css' | asset }}">\n{% block head %}`);
    const line = base.split('\n').findIndex((l) => l.includes('herlad')) + 1;
    const dir = writeSite({ ...files, 'templates/base.njk': base });
    const r = await cli(['check', dir, '--now', NOW]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`error[BROKEN_LINK] templates/base.njk:${line}:34\n`);
    expect(r.stderr).toMatch(/pages link to \/brand\/herlad\.css, which does not exist/);
    expect(r.stderr).toContain(`> ${line} | <link rel="stylesheet" href="{{ 'brand/herlad.css' | asset }}">`);
    expect(r.stderr).toContain('fix: It is probably /brand/herald.css, which exists. Correct the name at that line, or put the file in static/ (static/brand/herlad.css).');
  });

  it('a footer link in the config to a page that does not exist: the config line', async () => {
    const config = [
      "export default {",
      "  title: 'Herald', baseUrl: 'https://news.example.org/',",
      "  footer: {",
      "    links: [",
      "      { label: 'About Us', url: '/about-us/' },",
      "      { label: 'Contact Us', url: '/contact/' },",
      "    ],",
      "  },",
      "};",
      '',
    ].join('\n');
    const dir = writeSite({ ...files, 'dateline.config.ts': config });
    const r = await cli(['check', dir, '--now', NOW]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error[BROKEN_LINK] dateline.config.ts:6:36\n');
    expect(r.stderr).toContain('fix: Correct the address at that line: point it at a page that exists, or remove it.');
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/config/validate.js';
import { dateline, md, site, writeSite } from '../helpers/site.js';

const BASE = { title: 'Herald', baseUrl: 'https://news.example.org/' };
const problems = (extra: Record<string, unknown>) => validateConfig({ ...BASE, ...extra }, 'dateline.config.ts').diagnostics;
const one = (extra: Record<string, unknown>) => {
  const ds = problems(extra);
  expect(ds, JSON.stringify(ds)).toHaveLength(1);
  return ds[0];
};

describe('config values the pages would show wrong', () => {
  it('an e-mail that is not one, or written with mailto:, is refused with the address to write', () => {
    const words = one({ footer: { email: 'newsroom at example dot org' } });
    expect(words.code).toBe('CONFIG_INVALID');
    expect(words.message).toContain('`footer.email`: "newsroom at example dot org" is not an e-mail address');
    const mailto = one({ footer: { email: 'mailto:desk@example.org' } });
    expect(mailto.message).toContain('mailto:mailto:desk@example.org');
    expect(mailto.hint).toBe("Write `email: 'desk@example.org'`.");
    expect(one({ authors: [{ name: 'Li Wei', email: 'li wei' }] }).message).toContain('`authors[0].email`');
    expect(problems({ footer: { email: 'desk@example.org', hotline: '+86 23 1234 5678' }, authors: [{ name: 'Li Wei', email: '' }] })).toEqual([]);
    // Real addresses: a plus, a subdomain, an apostrophe, letters of other scripts.
    expect(problems({ footer: { email: "o'brien@news.example.co.uk" }, authors: [{ name: 'Li Wei', email: 'tips+rail@example.org' }, { name: 'Zhang Min', email: '编辑部@例子.中国' }] })).toEqual([]);
  });

  it('spaces around an e-mail address are dropped, not refused: the footer links and shows the address alone', async () => {
    const r = validateConfig({ ...BASE, footer: { email: ' desk@example.org ' }, authors: [{ name: 'Li Wei', email: '\tli.wei@example.org ' }] }, 'dateline.config.ts');
    expect(r.diagnostics).toEqual([]);
    expect(r.config?.footer.email).toBe('desk@example.org');
    expect(r.config?.authors[0].email).toBe('li.wei@example.org');
    // `mailto:` before it is still refused.
    expect(one({ footer: { email: ' mailto:desk@example.org' } }).code).toBe('CONFIG_INVALID');
    const config = `import { defineConfig } from 'dateline';\nexport default defineConfig({\n  title: 'Herald',\n  baseUrl: 'https://news.example.org/',\n  footer: { email: ' desk@example.org ' },\n});\n`;
    const b = await site({ 'dateline.config.ts': config, 'content/articles/a.md': md({ title: 'Rail', date: '2025-06-01', author: 'Li Wei' }) });
    expect(b.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(b.page('index.html')).toContain('<a href="mailto:desk@example.org">desk@example.org</a>');
  });

  it('HTML in a footer line, the hotline or the cookie notice is a CONFIG_HTML warning, and a link in a line gets the footer.links entry as its fix', () => {
    const line = one({ footer: { lines: ['<a href="https://beian.miit.gov.cn/">渝ICP备12345678号</a>'] } });
    expect(line.code).toBe('CONFIG_HTML');
    expect(line.severity).toBe('warning');
    // A warning: the config is the site's all the same.
    expect(validateConfig({ ...BASE, footer: { hotline: '<b>Hotline</b>: 123' } }, 'dateline.config.ts').config?.footer.hotline).toBe('<b>Hotline</b>: 123');
    expect(line.message).toContain('`footer.lines[0]` has HTML in it');
    expect(line.hint).toBe("Write the words alone here (`渝ICP备12345678号`), and the link in `footer.links`: `{ label: '渝ICP备12345678号', url: 'https://beian.miit.gov.cn/' }`.");
    expect(one({ footer: { hotline: '<b>Hotline</b>: 123' } }).hint).toBe('Write the words alone, without HTML: `Hotline: 123`.');
    expect(one({ cookieNotice: { text: 'We use <a href="/privacy/">cookies</a>.' } }).code).toBe('CONFIG_HTML');
    // Descriptions and bios are shown as text on their listing pages and in their meta descriptions.
    expect(one({ sections: [{ name: 'Business', description: '<em>Money</em> and markets' }] }).hint).toBe('Write the words alone, without HTML: `Money and markets`.');
    expect(one({ authors: [{ name: 'Li Wei', bio: 'Li Wei<br>Rail reporter' }] }).message).toContain('`authors[0].bio` has HTML in it');
    // A "<" that is no tag is words.
    expect(problems({ footer: { lines: ['Prices < 5 yuan', 'A <-> B'], hotline: 'Call 123 <24h>' } })).toEqual([]);
    // Nor is a word in angle brackets that names no HTML element: the page shows it as written.
    expect(problems({ tags: [{ name: 'C++', description: 'Templates, <vector> and <string>' }], footer: { lines: ['Press <Ctrl> + <D> to bookmark', '<Herald Media Group>'] } })).toEqual([]);
    expect(one({ footer: { lines: ['Press <Ctrl> + <D>, or <B>this</B>'] } }).hint).toBe('Write the words alone, without HTML: `Press <Ctrl> + <D>, or this`.');
  });

  it('a link address without its "/" is warned, a javascript: one refused; paths, anchors and full addresses pass', () => {
    const rel = one({ navigation: [{ label: 'About', url: 'about-us' }] });
    expect([rel.code, rel.severity]).toEqual(['CONFIG_RELATIVE_LINK', 'warning']);
    expect(rel.message).toContain('`navigation[0].url`: "about-us" is not a path from the site\'s root');
    expect(rel.hint).toBe("Write `url: '/about-us/'`.");
    expect(one({ footer: { links: [{ label: 'Shop', url: 'www.shop.example' }] } }).hint).toBe("Write `url: 'https://www.shop.example'`.");
    // Another site's address written without https://: the fix is that address, not a path on this site.
    expect(one({ authors: [{ name: 'Li Wei', url: 'li.example.com' }] }).hint).toBe("Write `url: 'https://li.example.com'`.");
    expect(one({ footer: { links: [{ label: 'Weibo', url: 'weibo.com/herald-news' }] } }).hint).toBe("Write `url: 'https://weibo.com/herald-news'`.");
    // A file name is a file on the site.
    expect(one({ footer: { links: [{ label: 'Report', url: 'report.pdf' }] } }).hint).toBe("Write `url: '/report.pdf'`.");
    expect(one({ footer: { links: [{ label: 'Old', url: 'about.html' }] } }).hint).toBe("Write `url: '/about.html'`.");
    expect(one({ footer: { links: [{ label: 'Map', url: 'images/map.png' }] } }).hint).toBe("Write `url: '/images/map.png'`.");
    expect(one({ footer: { messageUrl: 'contact-us/#message' } }).hint).toBe("Write `messageUrl: '/contact-us/#message'`.");
    const script = one({ authors: [{ name: 'Li Wei', url: 'javascript:alert(1)' }] });
    expect([script.code, script.severity]).toEqual(['CONFIG_INVALID', 'error']);
    expect(script.message).toContain('a "javascript:" address runs code');
    expect(one({ cookieNotice: { policyUrl: 'java\tscript:alert(1)' } }).message).toContain('"javascript:"');
    const fine = [{ label: 'About', url: '/about-us/' }, { label: 'Top', url: '#top' }, { label: 'Weibo', url: 'https://weibo.com/x' }, { label: 'Mail', url: 'mailto:desk@example.org' }, { label: 'Call', url: 'tel:+862312345678' }];
    expect(problems({ navigation: fine, footer: { links: fine, messageUrl: '/contact-us/#leave-a-message' }, cookieNotice: { policyUrl: '/privacy-cookie-policy/' } })).toEqual([]);
  });

  it('an empty title or link label is refused (the pages had <title></title> and empty links)', () => {
    expect(one({ title: '' }).message).toContain('`title` is empty');
    expect(one({ footer: { links: [{ label: ' ', url: '/about-us/' }] } }).message).toContain('`footer.links[0].label` is empty');
  });

  it('from the CLI: exit 1 at the config line, and the previous dist/ is left as it was', async () => {
    const config = (email: string) => `import { defineConfig } from 'dateline';\nexport default defineConfig({\n  title: 'Herald',\n  baseUrl: 'https://news.example.org/',\n  footer: { email: '${email}' },\n});\n`;
    const dir = writeSite({ 'dateline.config.ts': config('desk@example.org'), 'content/articles/a.md': md({ title: 'Rail', date: '2025-06-01', author: 'Li Wei' }) });
    const now = ['--now', '2026-01-01T00:00:00Z'];
    expect((await dateline(['build', dir, ...now])).code).toBe(0);
    const before = readFileSync(path.join(dir, 'dist/index.html'), 'utf8');
    writeSite({ 'dateline.config.ts': config('mailto:desk@example.org') }, dir);
    const r = await dateline(['build', dir, ...now]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error[CONFIG_INVALID] dateline.config.ts:5:13');
    expect(r.stderr).toContain("fix: Write `email: 'desk@example.org'`.");
    expect(readFileSync(path.join(dir, 'dist/index.html'), 'utf8')).toBe(before);
  });

  it('from the CLI: a warned value builds, said at its line; --strict stops there', async () => {
    const config = `import { defineConfig } from 'dateline';\nexport default defineConfig({\n  title: 'Herald',\n  baseUrl: 'https://news.example.org/',\n  footer: { hotline: '<b>Hotline</b> 123' },\n});\n`;
    const dir = writeSite({ 'dateline.config.ts': config, 'content/articles/a.md': md({ title: 'Rail', date: '2025-06-01', author: 'Li Wei' }) });
    const now = ['--now', '2026-01-01T00:00:00Z'];
    const r = await dateline(['build', dir, ...now]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('warning[CONFIG_HTML] dateline.config.ts:5:');
    expect(readFileSync(path.join(dir, 'dist/index.html'), 'utf8')).toContain('&lt;b&gt;Hotline&lt;/b&gt; 123');
    expect((await dateline(['build', dir, '--strict', ...now])).code).toBe(1);
  });
});

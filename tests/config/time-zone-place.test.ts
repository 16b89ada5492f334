import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/config/validate.js';
import { cli, md, read, site, writeSite } from '../helpers/site.js';

const fresh = () => path.join(mkdtempSync(path.join(tmpdir(), 'dateline-init-')), 'paper');
const config = (zone: string) => `import { defineConfig } from 'dateline';
export default defineConfig({
  title: 'Test Herald',
  baseUrl: 'https://news.example.org/',
  timeZone: '${zone}',
  footer: { links: [{ label: 'About Us', url: '/about-us/' }] },
});
`;
const FILES = {
  'content/articles/wall.md': md({ title: 'Flood wall finished', date: '2025-12-30 09:30', author: 'Li Wei' }),
  'content/pages/about-us.md': md({ title: 'About Us' }),
  'content/pages/privacy-cookie-policy.md': md({ title: 'Privacy & Cookie Policy' }),
};

describe('a time zone that is no place (a fixed offset or a legacy name)', () => {
  it('`init --time-zone` refuses it as a usage error, naming the city zone to use where one is plainly meant, and writes nothing', async () => {
    for (const [zone, message, fix] of [
      ['EST', '--time-zone: "EST" is a fixed offset, UTC-05:00 all year: New York\'s clocks go forward in summer, and dates from March to November would be an hour off there.', 'fix: Use --time-zone America/New_York.'],
      ['PST8PDT', '--time-zone: "PST8PDT" is a legacy name for a set of United States rules, not a place.', 'fix: Use --time-zone America/Los_Angeles.'],
      ['Etc/GMT-8', '--time-zone: "Etc/GMT-8" is a fixed offset, UTC+08:00 all year (an Etc/GMT name\'s sign is the reverse of the offset\'s), not a place.', "fix: Use the zone of the newsroom's city, such as Asia/Shanghai or Asia/Singapore: --time-zone Asia/Shanghai."],
      ['GMT+8', '--time-zone: "GMT+8" is not a time zone.', 'fix: An offset is not a time zone: use the zone of the newsroom\'s city, such as "Asia/Shanghai" or "Asia/Singapore"'],
      ['CET', '--time-zone: "CET" is a legacy name for a set of European rules, not a place.', "fix: Use the zone of the newsroom's city, such as Europe/Paris or Europe/Berlin: --time-zone Europe/Paris."],
    ]) {
      const dir = fresh();
      const r = await cli(['init', dir, '--time-zone', zone]);
      expect(r.code, zone).toBe(2);
      expect(r.stderr, zone).toContain('error[BAD_TIME_ZONE]');
      expect(r.stderr, zone).toContain(message);
      expect(r.stderr, zone).toContain(fix);
      expect(existsSync(dir), zone).toBe(false);
    }
  });

  it('`init` takes UTC and Etc/UTC, chosen on purpose, without a word', async () => {
    for (const zone of ['UTC', 'Etc/UTC']) {
      const dir = fresh();
      const r = await cli(['init', dir, '--time-zone', zone]);
      expect(r.code, zone).toBe(0);
      expect(r.stderr, zone).toBe('');
      expect(read(path.join(dir, 'dateline.config.ts')), zone).toContain(`  timeZone: '${zone}',\n`);
    }
  });

  it('in a site config, a warning at the `timeZone` line from the real `dateline build` (cold and warm) and `dateline check`; the site still builds', async () => {
    const dir = writeSite({ 'dateline.config.ts': config('EST'), ...FILES });
    // The second build starts from the cache: it says so too.
    for (const command of ['build', 'build', 'check']) {
      const r = await cli([command, dir, '--now', '2026-01-01T00:00:00Z']);
      expect(r.code, command).toBe(0);
      const out = r.stderr + r.stdout;
      expect(out, command).toMatch(/warning\[TIME_ZONE_NOT_A_PLACE\] dateline\.config\.ts:5:3/);
      expect(out, command).toContain('config key `timeZone`: "EST" is a fixed offset, UTC-05:00 all year');
      expect(out, command).toContain("fix: Use `timeZone: 'America/New_York'`.");
    }
    expect(existsSync(path.join(dir, 'dist', '2025', '12', '30', 'wall', 'index.html'))).toBe(true);
  });

  it('in a site config, is said for Etc/GMT-8, PST8PDT and GMT, not for UTC, Etc/UTC or a city zone; GMT+8 (no zone to Node) stays an error, whose fix names city zones', async () => {
    const said = async (zone: string) => (await site({ 'dateline.config.ts': config(zone), ...FILES })).diagnostics.filter((d) => d.file === 'dateline.config.ts').map((d) => [d.severity, d.code, d.line]);
    for (const zone of ['Etc/GMT-8', 'PST8PDT', 'GMT']) expect(await said(zone), zone).toEqual([['warning', 'TIME_ZONE_NOT_A_PLACE', 5]]);
    for (const zone of ['UTC', 'Etc/UTC', 'America/New_York', 'Asia/Shanghai']) expect(await said(zone), zone).toEqual([]);
    const gmt = validateConfig({ title: 'T', baseUrl: 'https://a.example/', timeZone: 'GMT' }, 'dateline.config.ts').diagnostics[0];
    expect(gmt.hint).toBe("Use the zone of the newsroom's city, such as Europe/London: `timeZone: 'Europe/London'`; or `timeZone: 'UTC'` to keep UTC all year on purpose.");
    const offset = validateConfig({ title: 'T', baseUrl: 'https://a.example/', timeZone: 'GMT+8' }, 'dateline.config.ts').diagnostics[0];
    expect([offset.severity, offset.code, offset.hint]).toEqual(['error', 'CONFIG_INVALID', 'An offset is not a time zone: use the zone of the newsroom\'s city, such as "Asia/Shanghai" or "Asia/Singapore", which follows the city\'s clocks, summer time and all.']);
  });
});

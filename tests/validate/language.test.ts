import { describe, expect, it } from 'vitest';
import { parseFrontMatter } from '../../src/parse/front-matter.js';
import { validateFrontMatter } from '../../src/validate/article.js';
import { configErrors, cli, md, writeSite } from '../helpers/site.js';

const FILE = 'content/articles/jeddah.md';

function check(front: string, kind: 'article' | 'page' = 'article') {
  const text = `---\n${front}\n---\n\nBody.\n`;
  const fm = parseFrontMatter(FILE, text);
  if (!fm.result) throw new Error(JSON.stringify(fm.diagnostics));
  return validateFrontMatter(fm.result, { file: FILE, text, kind, timeZone: 'Asia/Shanghai' });
}
const BASE = 'title: Port prices\ndate: 2024-03-20\nauthor: Layla Haddad';

describe('front matter `language` and `direction`', () => {
  it('takes a BCP 47 tag, and a direction of rtl or ltr, as written; neither is an extra field', () => {
    for (const tag of ['ar', 'zh-CN', 'en-GB', 'zh-Hant-TW', 'sr-Latn', 'no']) {
      const r = check(`${BASE}\nlanguage: ${tag}`);
      expect(r.diagnostics, tag).toEqual([]);
      expect(r.meta).toMatchObject({ language: tag, extra: {} });
      expect(r.meta!.direction).toBeUndefined();
    }
    const r = check(`${BASE}\nlanguage: ar\ndirection: RTL`);
    expect(r.diagnostics).toEqual([]);
    expect(r.meta).toMatchObject({ language: 'ar', direction: 'rtl', extra: {} });
    // A standalone page too.
    expect(check('title: من نحن\nlanguage: ar', 'page').meta).toMatchObject({ language: 'ar' });
  });

  it('refuses a tag that is not one, at its line, with the fix', () => {
    for (const [tag, says] of [
      ['Arabic', /"Arabic" is not a language tag: a tag starts with the language's code of two or three letters \("ar" for Arabic/],
      ['en_US', /"en_US" is not a BCP 47 tag: write "en-US", with a hyphen/],
      ['e', /"e" is not a BCP 47 language tag/],
      ['zh-', /"zh-" is not a BCP 47 language tag/],
    ] as const) {
      const r = check(`${BASE}\nlanguage: ${tag}\nsummary: x`);
      expect(r.meta, tag).toBeUndefined();
      const [d] = r.diagnostics;
      expect(d, tag).toMatchObject({ severity: 'error', code: 'BAD_LANGUAGE', file: FILE, line: 5, column: 1 });
      expect(d.message, tag).toMatch(says);
      expect(d.hint).toContain('`language: ar`');
      expect(d.frame).toContain(`> 5 | language: ${tag}`);
    }
    const r = check(`${BASE}\nlanguage: ar\ndirection: right`);
    expect(r.diagnostics).toMatchObject([{ severity: 'error', code: 'BAD_FIELD', line: 6, message: '`direction` must be rtl or ltr, found "right".' }]);
    expect(r.diagnostics[0].hint).toContain('"ar" runs right to left');
  });

  it('`lang:` and `dir:` (other tools\' and HTML\'s names) get a warning at their line: rename them', () => {
    const r = check(`${BASE}\nlang: ar\ndir: rtl`);
    expect(r.meta).toMatchObject({ extra: { lang: 'ar', dir: 'rtl' } });
    expect(r.meta!.language).toBeUndefined();
    expect(r.diagnostics.map((d) => [d.severity, d.code, d.line, d.message, d.hint])).toEqual([
      ['warning', 'UNKNOWN_KEY', 5, "`lang` is not a field dateline knows; did you mean `language`? dateline does not read it, so the article is marked as written in the site's language.", 'Rename `lang` to `language` (`language: ar`), or ignore this if it is meant for your own templates.'],
      ['warning', 'UNKNOWN_KEY', 6, "`dir` is not a field dateline knows; did you mean `direction`? dateline does not read it, so the article runs in the direction of the site's language.", 'Rename `dir` to `direction` (`direction: rtl`), or ignore this if it is meant for your own templates.'],
    ]);
    // Both names written: keep one.
    const both = check(`${BASE}\nlanguage: ar\nlang: ar`);
    expect(both.diagnostics.map((d) => d.hint)).toEqual(["`language` is set already: keep what is right in its line and delete the `lang` line, or ignore this if it is meant for your own templates."]);
    // A misspelling is a near miss too.
    expect(check(`${BASE}\nlangauge: ar`).diagnostics[0].message).toContain('did you mean `language`?');
  });

  it('the site\'s `language` is held to the same rules', async () => {
    const ds = await configErrors({ 'dateline.config.ts': "export default { title: 'T', baseUrl: 'https://example.org/', language: 'English' };\n" });
    expect(ds.map((d) => d.message)).toEqual(['config key `language`: "English" is not a language tag: a tag starts with the language\'s code of two or three letters ("ar" for Arabic, "en" for English).']);
  });

  it('a bad tag fails `dateline build` with the file and line, exit code 1', async () => {
    const dir = writeSite({ 'content/articles/jeddah.md': md(`${BASE}\nlanguage: arabic`) });
    const r = await cli(['build', dir, '--now', '2026-01-01T00:00:00Z']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('BAD_LANGUAGE');
    expect(r.stderr).toMatch(/content\/articles\/jeddah\.md:5:1/);
    expect(r.stderr).toContain('language: arabic');
  });
});

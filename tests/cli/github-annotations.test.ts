import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { githubAnnotation } from '../../src/errors/format.js';
import { cli, DEFAULT_CONFIG, md, writeSite } from '../helpers/site.js';

/** A checkout whose site is in a subfolder, `news/`, as in a monorepo. */
function checkout(files: Record<string, string>): { root: string; site: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'dateline-gha-'));
  const site = writeSite(files, path.join(root, 'news'));
  return { root, site };
}

const annotations = (stdout: string) => stdout.split('\n').filter((l) => l.startsWith('::'));

describe('GitHub Actions annotations (GITHUB_ACTIONS=true)', () => {
  const files = {
    'content/articles/bad-date.md': md({ title: 'Rain', date: '2024-02-30', author: 'Li Wei' }),
    'content/articles/old-key.md': md({ title: 'Wind', date: '2024-03-01', author: 'Li Wei', categories: ['Weather'] }),
  };

  it('build prints each error and warning as a workflow command, the file relative to GITHUB_WORKSPACE', async () => {
    const { root, site } = checkout(files);
    const r = await cli(['build', site], { env: { GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: root } });
    expect(r.code).toBe(1);
    const lines = annotations(r.stdout);
    const error = lines.find((l) => l.startsWith('::error '));
    expect(error).toMatch(/^::error file=news\/content\/articles\/bad-date\.md,line=3,col=\d+,title=BAD_DATE::`date`: .+ Fix: .+/);
    const warning = lines.find((l) => l.startsWith('::warning '));
    expect(warning).toMatch(/^::warning file=news\/content\/articles\/old-key\.md,line=5(,col=\d+)?,title=UNKNOWN_KEY::`categories`.+ Fix: .+/);
    // One line each, and the terminal text still on stderr.
    expect(lines.every((l) => !l.includes('\n'))).toBe(true);
    expect(r.stderr).toContain('error[BAD_DATE] content/articles/bad-date.md:3');
  });

  it('check does the same; without GITHUB_WORKSPACE the files are relative to the working folder', async () => {
    const { root, site } = checkout(files);
    const r = await cli(['check', 'news'], { cwd: root, env: { GITHUB_ACTIONS: 'true' } });
    expect(annotations(r.stdout).some((l) => l.startsWith('::error file=news/content/articles/bad-date.md,line=3,'))).toBe(true);
    expect(site).toBe(path.join(root, 'news'));
  });

  it('a config mistake that stops the build is annotated at the config file', async () => {
    const { root, site } = checkout({ 'dateline.config.ts': DEFAULT_CONFIG.replace("'Asia/Shanghai'", "'Asia/Shanghia'"), ...files });
    const r = await cli(['build', site], { env: { GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: root } });
    expect(r.code).toBe(1);
    expect(annotations(r.stdout)[0]).toMatch(/^::error file=news\/dateline\.config\.ts(,line=\d+)?.*,title=[A-Z_]+::.*Asia\/Shanghia/);
  });

  it('not without GITHUB_ACTIONS=true, nor with --json (stdout stays one JSON object), and only errors with --quiet', async () => {
    const { root, site } = checkout(files);
    expect(annotations((await cli(['build', site], { env: { GITHUB_WORKSPACE: root } })).stdout)).toEqual([]);
    const json = await cli(['build', site, '--json'], { env: { GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: root } });
    expect(JSON.parse(json.stdout).errors.length).toBeGreaterThan(0);
    const quiet = await cli(['build', site, '--quiet'], { env: { GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: root } });
    const lines = annotations(quiet.stdout);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => l.startsWith('::error '))).toBe(true);
  });

  it('escapes per GitHub: % CR LF in the message; also : and , in properties', () => {
    const line = githubAnnotation(
      { code: 'X', severity: 'warning', message: '100% sure:\r\nyes, really', hint: 'Do a, b.', file: 'content/a,b:c.md', line: 2 },
      '/repo/site',
      '/repo',
    );
    expect(line).toBe('::warning file=site/content/a%2Cb%3Ac.md,line=2,title=X::100%25 sure:%0D%0Ayes, really Fix: Do a, b.');
    // A diagnostic without a file still gets its title; a file outside the checkout is left out.
    expect(githubAnnotation({ code: 'Y', severity: 'error', message: 'm', file: 'x.md' }, '/elsewhere', '/repo')).toBe('::error title=Y::m');
  });
});

import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/validate.js';
import { createRenderer, prepareTemplates } from '../../src/render/nunjucks.js';

describe('templates a render worker compiles ahead (prepareTemplates)', () => {
  const config = resolveConfig({ title: 'Herald', baseUrl: 'https://x.example/' });
  const setup = (dir: string) => ({ config, siteDir: dir, templateDirs: [path.join(dir, 'templates')], globals: {} });
  const job = { renderer: 'nunjucks', template: 'page.njk', context: { x: 'A' }, outputPath: 'a.html', origin: 'content/pages/a.md' } as never;
  const site = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dateline-prepared-'));
    mkdirSync(path.join(dir, 'templates', 'partials'), { recursive: true });
    writeFileSync(path.join(dir, 'templates', 'page.njk'), 'page v1 {{ x }} {% include "partials/box.njk" %}');
    writeFileSync(path.join(dir, 'templates', 'partials', 'box.njk'), 'box v1');
    return dir;
  };

  it('are the ones the next renderer of those folders uses', () => {
    const dir = site();
    prepareTemplates(setup(dir).templateDirs);
    expect(createRenderer(setup(dir)).render(job)).toBe('page v1 A box v1');
  });

  it('are compiled again when a file changed in between, so that the pages and the cache\'s record of the templates agree', () => {
    const dir = site();
    prepareTemplates(setup(dir).templateDirs);
    writeFileSync(path.join(dir, 'templates', 'partials', 'box.njk'), 'box v2');
    expect(createRenderer(setup(dir)).render(job)).toBe('page v1 A box v2');
  });

  it('leave nothing prepared when one does not compile: the renderer reports it as ever', () => {
    const dir = site();
    writeFileSync(path.join(dir, 'templates', 'partials', 'box.njk'), '{% if %}');
    prepareTemplates(setup(dir).templateDirs);
    expect(() => createRenderer(setup(dir)).render(job)).toThrow(/box\.njk|unexpected token/);
  });
});

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../../src/config/defaults.js';
import { read, REPO } from '../helpers/site.js';

/** The README's config table row for a key: the first cell names it, in "Site config" (the front-matter table has `language` too). */
function row(readme: string, key: string): string {
  const line = readme.slice(readme.indexOf('\n## Site config')).split('\n').find((l) => l.startsWith('| ') && l.split('|')[1].split(',').some((cell) => cell.trim() === `\`${key}\``));
  if (!line) throw new Error(`README has no row for \`${key}\``);
  return line;
}

describe('README config reference', () => {
  const readme = read(path.join(REPO, 'README.md'));

  it('has a row with the default for every key in DEFAULTS', () => {
    const leaves = (o: Record<string, unknown>, prefix = ''): [string, unknown][] =>
      Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' && !Array.isArray(v) && k !== 'dateFormat' && k !== 'fallback' ? leaves(v as Record<string, unknown>, `${prefix}${k}.`) : [[`${prefix}${k}`, v] as [string, unknown]]));
    for (const [key, value] of leaves(DEFAULTS)) {
      const r = row(readme, key);
      if (key === 'defaultAuthor') continue;
      const shown = typeof value === 'string' ? `'${value}'` : Array.isArray(value) ? `[${value.map((v) => `'${v}'`).join(', ')}]` : key === 'dateFormat' ? `{ month: 'short', day: 'numeric', year: 'numeric' }` : key === 'search.fallback' ? `{ name: 'DuckDuckGo', action: 'https://duckduckgo.com/', fields: { sites: '{host}' } }` : String(value);
      expect(r, key).toContain(`\`${shown}\``);
    }
  });

  it('keeps the two-command quick start', () => {
    expect(readme).toContain('npm install && npm run build');
    expect(readme).toContain('npm test');
  });
});

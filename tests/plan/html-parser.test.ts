import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { excerpt } from '../../src/plan/feed-items.js';
import { REPO } from '../helpers/site.js';

describe('htmlparser2, loaded in part (src/lazy-require.ts)', () => {
  it('loads its parser and tokenizer without the rest of the package, in a process of its own', () => {
    // lib/ as compiled, in a new process: this one's require cache holds whatever other tests loaded.
    const script = `
      import { createRequire } from 'node:module';
      const { htmlParser } = await import(${JSON.stringify(path.join(REPO, 'lib', 'lazy-require.js'))});
      const { Parser, Tokenizer } = htmlParser();
      const p = new Parser({ ontext(t) { process.stdout.write(t); } }, { decodeEntities: true });
      p.write('<p>Caf&eacute; &amp; <b>bar</b></p>'); p.end();
      const loaded = Object.keys(createRequire(import.meta.url).cache).map((f) => f.split('node_modules/').pop());
      console.log('|' + typeof Tokenizer + '|' + JSON.stringify(loaded.filter((f) => /^(htmlparser2|domutils|domhandler|dom-serializer)\\//.test(f)).sort()));
    `;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    const [text, tokenizer, files] = out.trim().split('|');
    expect(text).toBe('Café & bar');
    expect(tokenizer).toBe('function');
    expect(JSON.parse(files)).toEqual(['htmlparser2/dist/commonjs/Parser.js', 'htmlparser2/dist/commonjs/Tokenizer.js']);
  });

  it('makes a feed excerpt with it: block boundaries as spaces, figures left out, entities decoded', () => {
    expect(excerpt('<p>One&eacute;</p><figure><img alt="x"><figcaption>Cap</figcaption></figure><ul><li>A</li><li>B &amp; C</li></ul>', 200)).toBe('Oneé A B & C');
  });
});

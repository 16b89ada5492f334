import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Loaded as a build loads it (a fresh process, compiled lib/): Nunjucks must not make
// String.prototype the prototype of SafeString, which slows every string builtin in V8, and its
// safe strings must behave as before.
const run = (code: string) =>
  execFileSync(process.execPath, ['--input-type=module', '-e', `import { nunjucks } from ${JSON.stringify(path.resolve('lib/render/load-nunjucks.js'))};\n${code}`], { encoding: 'utf8' });

describe('Nunjucks as dateline loads it', () => {
  it('leaves String.prototype out of SafeString\'s prototype chain', () => {
    expect(run('let p = nunjucks.runtime.SafeString.prototype; const chain = []; while ((p = Object.getPrototypeOf(p))) chain.push(p === String.prototype); console.log(JSON.stringify(chain));')).toBe('[false,false]\n');
    // Object.create is itself again afterwards.
    expect(run('console.log(Object.getPrototypeOf(Object.create(String.prototype)) === String.prototype);')).toBe('true\n');
  });

  it('keeps safe strings working exactly as Nunjucks\' own do in templates', () => {
    const template = '{{ x | safe }}|{{ (x | safe).toUpperCase() }}|{{ (x | safe).length }}|{{ x | safe | upper }}|{{ "a,b" | safe | replace(",", ";") }}|{{ (x | safe) == "<b>" }}|{{ "y" ~ (x | safe) }}|{{ x | safe | striptags }}|{{ (x | safe).slice(1, 2) }}|{{ x | safe | escape }}|{{ x }}|{% for c in (x | safe) %}{{ c }}.{% endfor %}|{{ (x | safe) | length }}|{{ x | safe | first }}|{{ [x | safe, "c"] | join("+") }}';
    const render = (load: string) =>
      execFileSync(process.execPath, ['--input-type=module', '-e', `${load}\nconsole.log(new nunjucks.Environment(null, { autoescape: true }).renderString(${JSON.stringify(template)}, { x: '<b>' }));`], { encoding: 'utf8' });
    const ours = render(`import { nunjucks } from ${JSON.stringify(path.resolve('lib/render/load-nunjucks.js'))};`);
    const theirs = render(`import { createRequire } from 'node:module'; const nunjucks = createRequire(${JSON.stringify(path.resolve('package.json'))})('nunjucks');`);
    expect(ours).toBe(theirs);
    expect(ours).toContain('<b>|&lt;B&gt;|3|');
  });
});

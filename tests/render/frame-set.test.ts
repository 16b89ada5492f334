import nunjucks from 'nunjucks';
import { describe, expect, it } from 'vitest';
// Loading Nunjucks as dateline does installs its faster Frame.set; these are Nunjucks' documented scoping rules.
import '../../src/render/load-nunjucks.js';

const render = (src: string, ctx: Record<string, unknown> = {}) => new nunjucks.Environment(null, { autoescape: true }).renderString(src, ctx);

describe('Nunjucks variables with the faster Frame.set', () => {
  it('is installed', () => {
    expect((nunjucks as unknown as { runtime: { Frame: { prototype: { set: { name: string } } } } }).runtime.Frame.prototype.set.toString()).toContain('split.get');
  });

  it('keeps loop variables, set, scoping and macros as Nunjucks defines them', () => {
    expect(render('{% for x in xs %}{{ loop.index }}{{ loop.index0 }}{{ loop.revindex }}{{ loop.first }}{{ loop.last }}{{ loop.length }};{% endfor %}', { xs: ['a', 'b'] })).toBe('102truefalse2;211falsetrue2;');
    // A set inside a for loop writes the outer variable (resolved upwards); a new name stays in the loop.
    expect(render('{% set n = 1 %}{% for x in [1,2,3] %}{% set n = n + x %}{% set inner = x %}{% endfor %}{{ n }}|{{ inner }}', {})).toBe('7|');
    // A macro's sets never leak out; its arguments shadow the caller's names.
    expect(render('{% set a = "out" %}{% macro m(a) %}{% set b = a + "!" %}{{ b }}{% endmacro %}{{ m("in") }}{{ a }}{{ b }}', {})).toBe('in!out');
    // Nested loops keep their own loop objects.
    expect(render('{% for r in [1,2] %}{% for c in [1,2] %}{{ loop.index }}{% endfor %}{{ loop.index }} {% endfor %}', {})).toBe('121 122 ');
    // A block assignment and an if inside a loop.
    expect(render('{% for x in [1,2] %}{% set s %}<{{ x }}>{% endset %}{% if loop.last %}{{ s }}{% endif %}{% endfor %}', {})).toBe('&lt;2&gt;');
  });
});

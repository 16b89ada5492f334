import nunjucks from 'nunjucks';
import { describe, expect, it } from 'vitest';
// Loading Nunjucks as dateline does compiles `a.b` to a lookup function of its own per name
// (src/render/load-nunjucks.ts); these are what Nunjucks' memberLookup does, case by case.
import '../../src/render/load-nunjucks.js';

const render = (src: string, ctx: Record<string, unknown> = {}, opts: nunjucks.ConfigureOptions = {}) => new nunjucks.Environment(null, { autoescape: true, ...opts }).renderString(src, ctx);
const compile = (src: string) => (nunjucks as unknown as { compiler: { compile(src: string, asyncFilters: unknown[], extensions: unknown[], name: string): string } }).compiler.compile(src, [], [], 'named.njk');

describe('a name looked up with a dot', () => {
  it('compiles to a function of its own, declared after the code, with no line of the code moved', () => {
    const code = compile('{{ article.section.url }}\n{{ xs[0] }}{{ o["a-b"] }}');
    expect(code).toContain('$dateline_lookup_url(($dateline_lookup_section((');
    expect(code).toMatch(/\nfunction \$dateline_lookup_section\(o\)/);
    // Brackets and names that are no identifiers stay Nunjucks' own.
    expect(code).toContain('runtime.memberLookup((runtime.contextOrFrameLookup(context, frame, "xs")),0)');
    expect(code).toContain('runtime.memberLookup((runtime.contextOrFrameLookup(context, frame, "o")),"a-b")');
    const before = code.slice(0, code.indexOf('\nfunction $dateline_lookup_'));
    const plain = before.replace(/\$dateline_lookup_(\w+)\(\(/g, 'L((');
    expect(plain.split('\n').length).toBe(before.split('\n').length);
  });

  it('gives what Nunjucks gives: values, nothing for undefined and null, bound methods, getters', () => {
    const o = {
      name: 'N',
      nested: { deep: { url: '/x/' } },
      greet(this: { name: string }, who: string) {
        return `hi ${who} from ${this.name}`;
      },
      get computed() {
        return 5;
      },
      $dollar: 'd',
      _under: 'u',
      class: 'reserved word',
    };
    expect(render('{{ o.nested.deep.url }}|{{ o.computed }}|{{ o.$dollar }}{{ o._under }}|{{ o.class }}', { o })).toBe('/x/|5|du|reserved word');
    expect(render('[{{ missing.a.b }}][{{ n.a }}][{{ o.nothing }}]', { n: null, o })).toBe('[][][]');
    expect(render('{{ o.greet("you") }}|{{ s.toUpperCase() }}|{{ s.length }}|{{ xs.length }}', { o, s: 'ab', xs: [1, 2, 3] })).toBe('hi you from N|AB|2|3');
    // A method taken as a value stays bound to its object.
    expect(render('{% set g = o.greet %}{{ g("me") }}', { o })).toBe('hi me from N');
    // Escaped as any value; a SafeString as it is.
    expect(render('{{ o.html }}|{{ o.html | safe }}', { o: { html: '<b>' } })).toBe('&lt;b&gt;|<b>');
    expect(render('{{ o["nested"]["deep"].url }}{{ xs[1] }}', { o, xs: ['a', 'b'] })).toBe('/x/b');
  });

  it('fails as Nunjucks fails: a call of nothing names it, and throwOnUndefined still throws', () => {
    expect(() => render('{{ o.nested.nothing() }}', { o: { nested: {} } })).toThrow(/Unable to call `o\["nested"\]\["nothing"\]`, which is undefined/);
    expect(() => render('{{ o.nothing }}', { o: {} }, { throwOnUndefined: true })).toThrow(/attempted to output null or undefined value/);
  });

  it('leaves template text that looks like the code alone', () => {
    expect(render('$dateline_lookup_x((y)) {{ "$dateline_lookup_z" }}')).toBe('$dateline_lookup_x((y)) $dateline_lookup_z');
  });
});

describe('autoescape with the quick test for what needs escaping', () => {
  it('escapes the six characters as Nunjucks does, and gives text without them back as it is', () => {
    expect(render('{{ s }}', { s: `a&b"c'd<e>f\\g` })).toBe('a&amp;b&quot;c&#39;d&lt;e&gt;f&#92;g');
    expect(render('{{ s }}|{{ n }}|{{ s | escape }}', { s: 'plain text, 中文 — and more', n: 42 })).toBe('plain text, 中文 — and more|42|plain text, 中文 — and more');
    expect(render('{{ s | safe }}|{{ s | forceescape }}|{{ s }}', { s: '<i>' })).toBe('<i>|&lt;i&gt;|&lt;i&gt;');
    // Twice in a row (a global expression keeps its place between calls; this test must not).
    expect(render('{{ a }}{{ b }}{{ a }}', { a: '<', b: 'x' })).toBe('&lt;x&lt;');
  });

  it('is installed', () => {
    expect((nunjucks as unknown as { lib: { escape: { name: string } } }).lib.escape.name).toBe('escapeIfNeeded');
  });
});

describe('a loop\'s bindings (fasterLoopBindings)', () => {
  it('are Nunjucks\' own: index, index0, revindex, revindex0, first, last, length, in nested loops, over objects and pairs, with else', () => {
    const compiled = compile('{% for x in xs %}{{ loop.index }}{% endfor %}');
    expect(compiled).not.toContain('frame.set("loop.');
    const line = '{% for x in xs %}[{{ x }} {{ loop.index }} {{ loop.index0 }} {{ loop.revindex }} {{ loop.revindex0 }} {{ loop.first }} {{ loop.last }} {{ loop.length }}{% for y in ys %}({{ loop.index }}/{{ loop.length }}){% endfor %} {{ loop.index }}]{% else %}none{% endfor %}';
    expect(render(line, { xs: ['a', 'b', 'c'], ys: [1, 2] })).toBe('[a 1 0 3 2 true false 3(1/2)(2/2) 1][b 2 1 2 1 false false 3(1/2)(2/2) 2][c 3 2 1 0 false true 3(1/2)(2/2) 3]');
    expect(render(line, { xs: [], ys: [] })).toBe('none');
    expect(render('{% for k, v in o %}{{ k }}={{ v }}:{{ loop.index }}/{{ loop.length }}{{ "," if not loop.last }}{% endfor %}', { o: { a: 1, b: 2 } })).toBe('a=1:1/2,b=2:2/2');
    expect(render('{% for a, b in pairs %}{{ a }}{{ b }}{{ loop.revindex }}{% endfor %}', { pairs: [['x', 1], ['y', 2]] })).toBe('x12y21');
    // The loop's object, read after the loop ends: gone with the loop's frame, as in Nunjucks.
    expect(render('{% for x in [1] %}{% endfor %}[{{ loop.index }}]')).toBe('[]');
  });
});

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// Loading Nunjucks as dateline does compiles `{% include %}` to a synchronous render of the
// included template (src/render/load-nunjucks.ts, synchronousIncludes).
import { nunjucks } from '../../src/render/load-nunjucks.js';

const dir = mkdtempSync(path.join(tmpdir(), 'dateline-includes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const files: Record<string, string> = {
  'item.njk': '[{{ x }}{{ loop.index }}{{ title }}{% set y = "leak" %}]\n',
  'a/x.njk': '{{ greeting }}:{% include "./b.njk" %}\n',
  'a/b.njk': 'B{{ title }}',
  'layout.njk': '{% block main %}base{% endblock %}|{% include "item.njk" %}\n',
  'bad.njk': 'line one\nboom {{ nothing() }}',
};
for (const [name, text] of Object.entries(files)) {
  mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
  writeFileSync(path.join(dir, name), text);
}
const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(dir), { autoescape: true, trimBlocks: true, lstripBlocks: true });
const render = (src: string, ctx: Record<string, unknown> = {}) => env.renderString(src, ctx);
const compile = (src: string) => (nunjucks as unknown as { compiler: { compile(src: string, asyncFilters: unknown[], extensions: unknown[], name: string): string } }).compiler.compile(src, [], [], 'page.njk');

describe('{% include %}', () => {
  it('compiles to the included template rendered where the tag stands, without a waterfall of callbacks', () => {
    const code = compile('a{% include "item.njk" %}b{% include "missing.njk" ignore missing %}');
    expect(code).not.toContain('waterfall');
    expect(code).toMatch(/env\.getTemplate\("item\.njk", false, "page\.njk", false\);\noutput \+= t_\d+\.render\(context\.getVariables\(\), frame\);/);
    expect(code).toContain('env.getTemplate("missing.njk", false, "page.njk", true);');
  });

  // Each expected text is what stock Nunjucks 3.2.4 renders for the same templates.
  it('renders what Nunjucks renders: the page\'s variables and loop, nothing set inside leaking out, in captures, macros, blocks, by name or expression, relative names', () => {
    expect(render('{% for x in [1,2] %}{% include "item.njk" %}{% endfor %}<{{ y }}>', { title: 'T' })).toBe('[11T]\n[22T]\n<>');
    expect(render('{% set c %}({% include "a/b.njk" %}){% endset %}{{ c }}|{{ c }}', { title: 'T' })).toBe('(BT)|(BT)');
    expect(render('{% macro m(title) %}{% include "a/b.njk" %}{% endmacro %}{{ m("M") }}', { title: 'T' })).toBe('BM');
    expect(render('{% extends "layout.njk" %}{% block main %}child{% include "a/b.njk" %}{% endblock %}', { title: 'T', x: 'X' })).toBe('childBT|[XT]\n');
    expect(render('[{% include "missing.njk" ignore missing %}]')).toBe('[]');
    expect(render('{% include name %}', { name: 'a/b.njk', title: 'D' })).toBe('BD');
    expect(render('{% include "a/x.njk" %}', { greeting: 'hi', title: 'R' })).toBe('hi:BR');
    expect(render('{% for t in ["a/b.njk", "item.njk"] %}{% include t %}{% endfor %}', { title: 'L', x: 'x' })).toBe('BL[x2L]\n');
  });

  it('fails as Nunjucks fails: a template that is not there, and an error inside the included one with its file and line', () => {
    expect(() => render('{% include "missing.njk" %}')).toThrow(/template not found: missing\.njk/);
    let message = '';
    try {
      render('a{% include "bad.njk" %}b');
    } catch (e) {
      message = (e as Error).message;
    }
    // Nunjucks' runtime counts lines from 0: the included template's second line.
    expect(message).toContain(`(${path.join(dir, 'bad.njk')}) [Line 1, Column 15]`);
    expect(message).toContain('Unable to call `nothing`, which is undefined or falsey');
  });
});

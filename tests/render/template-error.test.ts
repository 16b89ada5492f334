import { describe, expect, it } from 'vitest';
import { endMismatch, unclosedTag } from '../../src/render/template-error.js';

const opts = { trimBlocks: true, lstripBlocks: true };

describe('unclosedTag: the tag a template leaves open at its end', () => {
  it('the innermost tag still open, past those that were closed', () => {
    const src = '{% for a in list %}\n{% if a %}x{% endif %}\n{% macro m() %}\n{% set x %}y{% endset %}\n{% set z = 1 %}\n';
    expect(unclosedTag(src, opts)).toEqual({ line: 3, column: 1, open: '{% macro %}', close: '{% endmacro %}' });
    expect(unclosedTag('{% if a %}\n  {% for b in a %}{{ b }}{% endfor %}\n', opts)).toMatchObject({ line: 1, column: 1, open: '{% if %}', close: '{% endif %}' });
  });

  it('a tag, an output or a comment never ended', () => {
    expect(unclosedTag('<p>\n  {% if a \n</p>\n', opts)).toMatchObject({ line: 2, column: 3, open: '{% if', close: '%}' });
    expect(unclosedTag('<p>\n{# a note\n</p>\n', opts)).toMatchObject({ line: 2, column: 1, open: '{#', close: '#}' });
  });

  it('what a raw block holds is not a tag', () => {
    expect(unclosedTag('{% raw %}{% if %}{% endraw %}\n{% block b %}\n', opts)).toMatchObject({ line: 2, open: '{% block %}' });
    expect(unclosedTag('{% if a %}{% endif %}\n', opts)).toBeUndefined();
  });
});

describe('endMismatch: the end tag where Nunjucks stops, and the tag left open before it', () => {
  const opts = { trimBlocks: true, lstripBlocks: true };
  it('an {% if %} inside a {% for %} that the {% endfor %} meets open', () => {
    expect(endMismatch('<ul>\n{% for a in b %}\n  {% if a %}<li>{{ a }}</li>\n{% endfor %}\n', opts)).toEqual({
      end: 'endfor', line: 4, column: 4, expected: 'endif', unclosed: { line: 3, column: 3, open: '{% if %}', close: '{% endif %}' },
    });
  });
  it('an end tag that closes nothing, misspelt or stray', () => {
    expect(endMismatch('{% if a %}x{% endfi %}\n', opts)).toMatchObject({ end: 'endfi', line: 1, expected: 'endif', unclosed: undefined });
    expect(endMismatch('x\n{% endif %}\n', opts)).toMatchObject({ end: 'endif', line: 2, expected: undefined, unclosed: undefined });
  });
  it('nothing for a template whose tags all close, or whose raw text holds tags', () => {
    expect(endMismatch('{% for a in b %}{% if a %}{% endif %}{% endfor %}\n{% set x = 1 %}\n', opts)).toBeUndefined();
    expect(endMismatch('{% raw %}{% endfor %}{% endraw %}\n', opts)).toBeUndefined();
  });
});

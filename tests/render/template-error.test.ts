import { describe, expect, it } from 'vitest';
import { unclosedTag } from '../../src/render/template-error.js';

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

import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFrontMatter } from '../../src/parse/front-matter.js';

const parse = (text: string) => parseFrontMatter('content/a.md', text);
const only = (text: string) => {
  const r = parse(text);
  expect(r.result).toBeUndefined();
  expect(r.diagnostics).toHaveLength(1);
  return r.diagnostics[0];
};

describe('front matter: what is accepted', () => {
  it('reads a YAML mapping, the body, the line of each key and of the body', () => {
    const r = parse('---\ntitle: Rail freight\ndate: 2024-03-20\nauthor: Li Wei\n---\n\nThe body.\n');
    expect(r.diagnostics).toEqual([]);
    expect(r.result!.data).toEqual({ title: 'Rail freight', date: '2024-03-20', author: 'Li Wei' });
    expect(r.result!.body.trim()).toBe('The body.');
    expect(r.result!.keyLines).toEqual({ title: 2, date: 3, author: 4 });
    expect(r.result!.bodyLine).toBe(6);
  });

  it('accepts a byte-order mark and CRLF line endings', () => {
    const r = parse('\uFEFF---\r\ntitle: Crlf story\r\ndate: 2024-03-20\r\n---\r\n\r\nLine one.\r\nLine two.\r\n');
    expect(r.diagnostics).toEqual([]);
    expect(r.result!.data.title).toBe('Crlf story');
    expect(r.result!.body).not.toContain('\r');
    expect(r.result!.keyLines.date).toBe(3);
  });

  it('ignores trailing spaces after the two `---` lines', () => {
    const r = parse('---  \ntitle: Spaced\n---\t\nBody\n');
    expect(r.diagnostics).toEqual([]);
    expect(r.result!.data).toEqual({ title: 'Spaced' });
    expect(r.result!.body.trim()).toBe('Body');
  });

  it('uses the YAML core schema: no 1.1 octals, sexagesimals or timestamps', () => {
    const r = parse('---\nzip: 01234\ntime: 12:30\ndate: 2024-03-20\nyes: yes\n---\n');
    expect(r.result!.data).toEqual({ zip: 1234, time: '12:30', date: '2024-03-20', yes: 'yes' });
  });

  it('an empty mapping is a mapping (the missing fields are reported by validation)', () => {
    const r = parse('---\n---\nbody\n');
    expect(r.diagnostics).toEqual([]);
    expect(r.result!.data).toEqual({});
  });

  it('returns a fresh object every time (gray-matter would share a cached one)', () => {
    const text = '---\ntitle: Same\ntags: [a]\n---\n';
    const a = parse(text).result!;
    (a.data.tags as string[]).push('mutated');
    a.data.title = 'changed';
    expect(parse(text).result!.data).toEqual({ title: 'Same', tags: ['a'] });
  });

  it('does not remember a failed parse as a success (gray-matter caches failures)', () => {
    const bad = '---\ntitle: [unclosed\n---\n';
    expect(parse(bad).diagnostics[0].code).toBe('FRONT_MATTER_SYNTAX');
    expect(parse(bad).diagnostics[0].code).toBe('FRONT_MATTER_SYNTAX');
  });
});

describe('front matter: every bad input is one diagnostic with a line and a fix', () => {
  it('a quote inside a quoted value: the fix is that kind of quote\'s rule, not "quote the value"', () => {
    const double = only('---\ntitle: "He said "no" today"\ndate: 2024-03-20\n---\n');
    expect(double).toMatchObject({ code: 'FRONT_MATTER_SYNTAX', line: 2 });
    expect(double.hint).toMatch(/^Inside "double quotes", write a quote as \\" and a backslash as \\\\/);
    expect(only('---\nimage: "C:\\Photos\\port.jpg"\n---\n').hint).toMatch(/^Inside "double quotes"/);
    expect(only("---\ntitle: 'It's done'\ndate: 2024-03-20\n---\n").hint).toMatch(/^Inside 'single quotes', write an apostrophe twice \('It''s done'\)/);
    expect(only('---\ntitle: Breaking: trains: double\n---\n').hint).toBe("Put the value in quotes, since it has a colon followed by a space: `title: 'Breaking: trains: double'`.");
    expect(only("---\ntitle: Breaking: it's late\n---\n").hint).toContain("`title: 'Breaking: it''s late'`");
    expect(only('---\ntitle: x\ntags:\n\t- a\n---\n').hint).toMatch(/^Indent with spaces, not a tab/);
  });

  it('a value that starts with `[`, `{`, `@`, a backtick, `*`, `&`, `%`, `|` or `>`: the fix is the exact line to write, quoted', () => {
    const hint = (line: string) => only(`---\n${line}\ndate: 2024-03-20\n---\n`).hint;
    expect(hint('title: [Updated] Mayor resigns')).toBe("Put the value in quotes, since YAML gives a value that starts with `[` a meaning of its own: `title: '[Updated] Mayor resigns'`.");
    expect(hint('title: @mayor resigns')).toBe("Put the value in quotes, since YAML gives a value that starts with `@` a meaning of its own: `title: '@mayor resigns'`.");
    expect(hint('title: `Quoted` word')).toBe("Put the value in quotes, since YAML gives a value that starts with a backtick a meaning of its own: `title: '`Quoted` word'`.");
    expect(hint("title: [Updated] it's late")).toContain("`title: '[Updated] it''s late'`");
    expect(hint('summary: *Exclusive* interview')).toContain("`summary: '*Exclusive* interview'`");
    expect(hint('title: {Live} updates')).toContain("`title: '{Live} updates'`");
    expect(hint('title: % off')).toContain("`title: '% off'`");
    // A list item keeps its indentation; the error is at its line.
    const item = only('---\ntitle: T\ntags:\n  - @mayor\n  - Rail\n---\n');
    expect(item).toMatchObject({ code: 'FRONT_MATTER_SYNTAX', line: 4 });
    expect(item.hint).toContain("`  - '@mayor'`");
    // An unclosed list is not a value to quote.
    expect(hint('tags: [Rail, Port')).not.toContain('Put the value in quotes');
  });

  it('a value that starts with an unknown YAML tag (`!Breaking news`), which YAML would drop from the value: an error with the line to write', () => {
    const d = only('---\ntitle: !Breaking news\ndate: 2024-03-20\n---\n');
    expect(d).toMatchObject({ code: 'FRONT_MATTER_SYNTAX', line: 2, column: 8 });
    expect(d.message).toContain('a value starts with `!Breaking`, which YAML reads as a tag it does not know');
    expect(d.hint).toBe("Put the value in quotes, since YAML gives a value that starts with `!` a meaning of its own: `title: '!Breaking news'`.");
    const item = only('---\ntitle: T\ntags:\n  - !Exclusive\n---\n');
    expect(item).toMatchObject({ code: 'FRONT_MATTER_SYNTAX', line: 4 });
    expect(item.hint).toContain("`  - '!Exclusive'`");
  });

  it('no front matter', () => {
    const d = only('Just a story, no front matter.\n');
    expect(d).toMatchObject({ code: 'NO_FRONT_MATTER', file: 'content/a.md', line: 1 });
    expect(d.hint).toMatch(/---/);
    expect(d.frame).toContain('> 1 | Just a story');
  });

  it('unclosed front matter', () => {
    expect(only('---\ntitle: Never closed\ndate: 2024-03-20\n\nBody.\n')).toMatchObject({ code: 'UNCLOSED_FRONT_MATTER', line: 1, hint: 'Add a line of exactly `---` after line 3 (`date: 2024-03-20`), where the fields end.' });
    for (const typed of ['--', '----', '—', '- - -']) expect(only(`---\ntitle: T\ndate: 2024-03-20\n${typed}\n\nBody.\n`)).toMatchObject({ code: 'UNCLOSED_FRONT_MATTER', line: 4, hint: 'Make that line exactly `---`.' });
    // Also with a rule further down the story, which gray-matter would otherwise close at: the
    // story's first lines went to neither the fields nor the body.
    for (const after of ['Body at once.\n\n---\n\nMore.\n', '\nBody.\n\n---\n\nMore.\n']) expect(only(`---\ntitle: T\ndate: 2024-03-20\n----\n${after}`)).toMatchObject({ code: 'UNCLOSED_FRONT_MATTER', line: 4, hint: 'Make that line exactly `---`.' });
    // A line of dashes inside an indented block of text is text.
    expect(parse('---\ntitle: T\nsummary: |\n  a\n  ----\n---\n\nBody.\n').diagnostics).toEqual([]);
  });

  it('front matter left open and closed by a rule further down: the story\'s first lines are not taken for fields', () => {
    const fields = '---\ntitle: Flood warning\ndate: 2024-03-20\nauthor: Li Wei\n\n';
    // A paragraph with a colon was read as a field `Police said` and dropped; one without a colon,
    // or a heading (a comment to YAML), too.
    for (const first of ['Police said: the road will stay closed until Tuesday.', 'Police said the road will stay closed.', '## What happened', 'Update: The council voted on Tuesday to close the bridge.']) {
      expect(only(`${fields}${first}\n\n---\n\nSecond part.\n`)).toMatchObject({ code: 'UNCLOSED_FRONT_MATTER', line: 6, hint: 'Add a line of exactly `---` after line 4 (`author: Li Wei`), where the fields end.' });
    }
    // Blank lines between fields, a key with a space, a comment and a block of text stay fields.
    const ok = parse('---\ntitle: T\n\nEmbargo Note: kept for the desk\n# the desk\'s own fields\n\nSummary: A short one.\nsummary: |\n  One.\n\n  Two.\nauthor: Li Wei\n---\n\nBody.\n');
    expect(ok.diagnostics).toEqual([]);
    expect(ok.result?.data).toEqual({ title: 'T', 'Embargo Note': 'kept for the desk', Summary: 'A short one.', summary: 'One.\n\nTwo.\n', author: 'Li Wei' });
  });

  it('an empty file, and one of only white space', () => {
    expect(only('')).toMatchObject({ code: 'EMPTY_FILE', file: 'content/a.md' });
    expect(only(' \n\n\t\n')).toMatchObject({ code: 'EMPTY_FILE' });
  });

  for (const first of ['---js', '---javascript', '---coffee', '---constructor', '---toString', '---__proto__', '--- yaml', '+++', '---json']) {
    it(`first line \`${first}\` is refused, never evaluated`, () => {
      const g = globalThis as Record<string, unknown>;
      delete g.__datelineEvaluated;
      const marker = path.join(mkdtempSync(path.join(tmpdir(), 'dateline-fm-')), 'evaluated');
      const js = `globalThis.__datelineEvaluated = 1; require('fs').writeFileSync(${JSON.stringify(marker)}, 'x'); ({ title: 'x' })`;
      const d = only(`${first}\n${js}\n---\n\nBody\n`);
      expect(['FRONT_MATTER_LANGUAGE', 'NO_FRONT_MATTER']).toContain(d.code);
      expect(d.line).toBe(1);
      // Hugo's TOML is named as such (tests/e2e/bad-input.test.ts follows its fix).
      expect(d.message).toContain(first === '+++' ? 'The front matter is TOML' : 'first line');
      expect(g.__datelineEvaluated).toBeUndefined();
      expect(existsSync(marker)).toBe(false);
    });
  }

  it('a YAML syntax error points at the line of the mistake', () => {
    const d = only('---\ntitle: Fine\ndate: 2024-03-20\nsummary: [unclosed, list\nauthor: Li\n---\n');
    expect(d.code).toBe('FRONT_MATTER_SYNTAX');
    // yaml notices it on line 5; the bracket was opened on line 4.
    expect(d.line).toBe(4);
    expect(d.frame).toContain('> 4 | summary: [unclosed, list');
  });

  it('a bad indentation error points at the mapping it breaks, with the next line in the frame', () => {
    const d = only('---\ntitle: Fine\ndate: 2024-03-20\nauthor: Li\n  bad: indent\n---\n');
    expect(d).toMatchObject({ code: 'FRONT_MATTER_SYNTAX', line: 4 });
    expect(d.frame).toContain('  5 |   bad: indent');
  });

  it('an unclosed quote is reported on the line that opened it', () => {
    expect(only('---\ntitle: "Never closed\ndate: 2024-03-20\nauthor: Li\n---\n')).toMatchObject({ code: 'FRONT_MATTER_SYNTAX', line: 2 });
    expect(only('---\ntitle: Fine\nbox: {a: 1\nb: 2\n---\n')).toMatchObject({ code: 'FRONT_MATTER_SYNTAX', line: 3 });
  });

  it('an unclosed quote at the end is reported inside the front matter, not past it', () => {
    const d = only('---\ntitle: Fine\ndate: 2024-03-20\nauthor: Li\nsummary: "never closed\n---\n\nBody\n');
    expect(d.code).toBe('FRONT_MATTER_SYNTAX');
    expect(d.line).toBe(5);
  });

  it('a duplicate key names the key and the line of the second one', () => {
    const d = only('---\ntitle: One\ndate: 2024-03-20\ntitle: Two\n---\n');
    expect(d).toMatchObject({ code: 'DUPLICATE_KEY', line: 4 });
    expect(d.message).toContain('`title`');
  });

  it('the lines meant under `withdrawn:` (or `image:`) not indented: the fix is to indent them; a withdrawal time as a second `date`: keep the story\'s', () => {
    const under = only('---\ntitle: One\ndate: 2024-03-20\nwithdrawn:\ndate: 2024-05-01 02:30\ntext: Removed.\n---\n');
    expect(under).toMatchObject({ code: 'DUPLICATE_KEY', line: 5, message: 'The front matter has `date` twice (lines 3 and 5): the line below `withdrawn:` is not indented, so it is not part of it.', hint: 'Indent the lines under `withdrawn:` by two spaces (`  date: …`), so that they are part of it.' });
    const correction = only('---\ntitle: One\ndate: 2024-03-20\ncorrection:\ntext: We misspelt a name.\ndate: 2024-03-21\n---\n');
    expect(correction).toMatchObject({ code: 'DUPLICATE_KEY', line: 6, hint: 'Indent the lines under `correction:` by two spaces (`  date: …`), so that they are part of it.' });
    const after = only('---\ntitle: One\ndate: 2024-03-20\nwithdrawn: true\ndate: 2024-05-01 02:30\n---\n');
    expect(after).toMatchObject({ code: 'DUPLICATE_KEY', line: 5, message: 'The front matter has `date` twice (lines 3 and 5).' });
    expect(after.hint).toContain("Keep the story's own `date` (line 3).");
  });

  it('a key with a Chinese (full-width) colon: the fix writes the plain colon and a space', () => {
    const d = only('---\ntitle: One\ndate: 2024-03-20\nlive：true\n---\n');
    expect(d).toMatchObject({ code: 'FRONT_MATTER_SYNTAX', line: 4, hint: 'Write the colon after `live` as `:`, not the full-width `：`, then a space: `live: true`.' });
  });

  it('a full-width space after a key\'s colon (an input method\'s): the fix writes a plain one', () => {
    const d = only('---\ntitle: One\ndate: 2024-03-20\nauthor:\u3000冉征\n---\n');
    expect(d).toMatchObject({ code: 'FRONT_MATTER_SYNTAX', line: 4, hint: 'Type a plain space after the colon of `author`, not the full-width `　`: `author: 冉征`.' });
  });

  it('front matter that is a list or a scalar is not a mapping', () => {
    expect(only('---\n- title\n- date\n---\n')).toMatchObject({ code: 'FRONT_MATTER_NOT_MAPPING', line: 2 });
    expect(only('---\njust some words\n---\n')).toMatchObject({ code: 'FRONT_MATTER_NOT_MAPPING', line: 2 });
    expect(only('---\n42\n---\n')).toMatchObject({ code: 'FRONT_MATTER_NOT_MAPPING' });
  });

  it('YAML tags and aliases cannot build objects (core schema, alias limit)', () => {
    expect(parse('---\ntitle: !!js/function "function(){}"\n---\n').result?.data.title).not.toBeTypeOf('function');
    const bomb = ['---', 'a: &a [x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]', '---', ''].join('\n');
    expect(only(bomb)).toMatchObject({ code: 'FRONT_MATTER_SYNTAX' });
  });
});

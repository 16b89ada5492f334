import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileHasher, hashBytes, hashText } from '../../src/discover/source-kind.js';

describe('a content file\'s hash from its bytes (a fresh checkout\'s every file, whose times are all new)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dateline-hash-'));
  const file = (name: string, bytes: string | Buffer) => {
    const p = path.join(dir, name);
    writeFileSync(p, bytes);
    return p;
  };

  it('is the hash of its text, for every UTF-8 file: Chinese, a byte order mark, an empty file, one larger than the buffer', () => {
    const hash = fileHasher();
    for (const [name, text] of [
      ['story.md', '---\ntitle: "长安汽车丨Insights"\n---\n\nChongqing—By Ran Zheng\n'],
      ['bom.md', '\uFEFF---\ntitle: Saved by Notepad\n---\n'],
      ['empty.md', ''],
      ['long.md', `---\ntitle: Long\n---\n\n${'重庆 words and more words. '.repeat(20_000)}`],
      ['after-long.md', 'short again'],
    ]) {
      const p = file(name, text);
      expect(hash(p, Buffer.byteLength(text))).toBe(hashText(readFileSync(p, 'utf8')));
      // The parse's hash, from the bytes it reads (workers/tasks.ts), is the same.
      expect(hashBytes(readFileSync(p))).toBe(hashText(readFileSync(p, 'utf8')));
    }
  });

  it('is another hash, or none, when the file is not what the stat said or not UTF-8: the build reads it again', () => {
    const hash = fileHasher();
    const p = file('grown.md', 'one line\n');
    const size = Buffer.byteLength('one line\n');
    expect(hash(p, size)).toBe(hashText('one line\n'));
    appendFileSync(p, 'and another\n');
    expect(hash(p, size)).toBeUndefined();
    expect(hash(p, size + 100)).toBeUndefined();
    expect(hash(path.join(dir, 'missing.md'), 3)).toBeUndefined();
    // Latin-1 bytes: read as text they are U+FFFD, whose hash this is not.
    const latin = file('latin1.md', Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]));
    expect(hash(latin, 5)).toBeDefined();
    expect(hash(latin, 5)).not.toBe(hashText(readFileSync(latin, 'utf8')));
    // The parse's hash of it is the bytes' too, as the stat thread's and git's are.
    expect(hashBytes(readFileSync(latin))).toBe(hash(latin, 5));
  });
});

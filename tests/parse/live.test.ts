import { describe, expect, it } from 'vitest';
import { createMarkdown } from '../../src/parse/markdown.js';
import { updateHeadings } from '../../src/parse/live.js';

const render = createMarkdown({ iframeHosts: [], basePath: '/' });

describe('finding a live blog\'s updates', () => {
  it('takes time in proportion to the body: 3,000 updates, some in quotes and lists, in well under a second', () => {
    const parts = ['Intro.'];
    for (let i = 0; i < 3000; i++) {
      const t = `2026-11-01 ${String(Math.floor(i / 60) % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`;
      parts.push(`## ${t} Update ${i}`, i % 100 === 0 ? `> ## ${t} Quoted\n\n- item\n\n  <div>\n\n  ## ${t} In a list\n\n  </div>` : 'Lorem ipsum dolor sit amet, consectetur adipiscing elit.');
    }
    const body = parts.join('\n\n');
    const md = render(body);
    const start = performance.now();
    const found = updateHeadings(md, body, 1);
    const took = performance.now() - start;
    expect(found.length).toBe(3000);
    expect(found.every((u) => /^Update \d+$/.test(u.text.slice(17)))).toBe(true);
    // Before one forward scan, it sliced and searched the HTML before each heading: about 20 s here.
    expect(took).toBeLessThan(1000);
  });
});

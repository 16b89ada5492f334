import { describe, expect, it } from 'vitest';
import { md, site } from '../helpers/site.js';

// An archive tagged by many hands over the years: `Tornado` on one story, `tornadoes` on another.
describe('a tag in -o beside its plural in -oes', () => {
  it('is warned as one word in the singular and the plural; a short word in -oe is not taken for one', async () => {
    const s = await site({
      'content/a.md': md({ title: 'A', date: '2024-03-20', author: 'Li Wei', tags: ['Tornado', 'Potato', 'Cano'] }),
      'content/b.md': md({ title: 'B', date: '2024-03-21', author: 'Li Wei', tags: ['tornadoes', 'Potatoes', 'Canoes'] }),
    });
    const variants = s.diagnostics.filter((d) => d.code === 'TAG_VARIANT').map((d) => d.message);
    expect(variants).toContain('The tags "Tornado" (content/a.md) and "tornadoes" are one word in the singular and the plural: they make two tag pages, each with some of the stories.');
    expect(variants).toContain('The tags "Potato" (content/a.md) and "Potatoes" are one word in the singular and the plural: they make two tag pages, each with some of the stories.');
    expect(variants.join('\n')).not.toContain('Canoes');
  });
});

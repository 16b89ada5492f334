import { describe, expect, it } from 'vitest';
import { md, site } from '../helpers/site.js';

// An archive tagged by many hands over the years: `Tornado` on one story, `tornadoes` on another.
describe('a tag in -o beside its plural in -oes', () => {
  it('is warned as one word in the singular and the plural', async () => {
    const s = await site({
      'content/a.md': md({ title: 'A', date: '2024-03-20', author: 'Li Wei', tags: ['Tornado', 'Potato', 'Veto', 'war hero'] }),
      'content/b.md': md({ title: 'B', date: '2024-03-21', author: 'Li Wei', tags: ['tornadoes', 'Potatoes', 'vetoes', 'war heroes'] }),
    });
    const variants = s.diagnostics.filter((d) => d.code === 'TAG_VARIANT').map((d) => d.message);
    expect(variants).toContain('The tags "Tornado" (content/a.md) and "tornadoes" are one word in the singular and the plural: they make two tag pages, each with some of the stories.');
    expect(variants).toContain('The tags "Potato" (content/a.md) and "Potatoes" are one word in the singular and the plural: they make two tag pages, each with some of the stories.');
    expect(variants).toContain('The tags "Veto" (content/a.md) and "vetoes" are one word in the singular and the plural: they make two tag pages, each with some of the stories.');
    expect(variants).toContain('The tags "war hero" (content/a.md) and "war heroes" are one word in the singular and the plural: they make two tag pages, each with some of the stories.');
    expect(variants).toHaveLength(4);
  });

  it('a long word in -oe still meets its plural in -oes (horseshoe, backhoes), and a short one (shoe, canoe) its own', async () => {
    const s = await site({
      'content/a.md': md({ title: 'A', date: '2024-03-20', author: 'Li Wei', tags: ['horseshoe', 'backhoes', 'Shoe', 'Canoe'] }),
      'content/b.md': md({ title: 'B', date: '2024-03-21', author: 'Li Wei', tags: ['horseshoes', 'backhoe', 'shoes', 'canoes'] }),
    });
    const variants = s.diagnostics.filter((d) => d.code === 'TAG_VARIANT').map((d) => d.message);
    for (const [one, two] of [['horseshoe', 'horseshoes'], ['backhoes', 'backhoe'], ['Shoe', 'shoes'], ['Canoe', 'canoes']]) {
      expect(variants, one).toContain(`The tags "${one}" (content/a.md) and "${two}" are one word in the singular and the plural: they make two tag pages, each with some of the stories.`);
    }
    expect(variants).toHaveLength(4);
  });
});

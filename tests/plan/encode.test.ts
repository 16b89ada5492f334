import { describe, expect, it } from 'vitest';
import { fullOf } from '../../src/model/full.js';
import type { ArticleView } from '../../src/model/types.js';
import { createEncoder, decodeJob, EncodedJobs } from '../../src/plan/encode.js';
import type { RenderJob } from '../../src/plan/types.js';

// A tiny plan: two views, one article body whose own view is view 0, and three pages.
const viewOf = (slug: string, title: string): ArticleView => ({
  source: `content/${slug}.md`,
  slug,
  title,
  url: `/${slug}/`,
  outputPath: `${slug}/index.html`,
  date: '2024-03-20T09:00:00+08:00',
  dateMs: 1710896400000,
  authors: [],
  tags: [],
  summary: '',
  readingMinutes: 1,
  draft: false,
  aliases: [],
  extra: {},
});
const views = [viewOf('a', 'A'), viewOf('b', 'B')];
const body = Object.assign(fullOf(views[0], { html: '<p>A</p>', headings: [] }), { related: [views[1]] });
const jobs: RenderJob[] = [
  { outputPath: 'a/index.html', renderer: 'nunjucks', template: 'article.njk', context: { article: body }, origin: 'content/a.md' },
  { outputPath: 'index.html', renderer: 'nunjucks', template: 'home.njk', context: { items: [views[0], views[1]] }, origin: 'the home page' },
  { outputPath: 'tags/x/index.html', renderer: 'nunjucks', template: 'tag.njk', context: { items: [views[1]] }, origin: 'a tag page' },
];

describe('encoded jobs', () => {
  it('an encoding goes once every use it was kept for is done, keeping its body references', () => {
    let made = 0;
    const encode = createEncoder(views, [body]);
    const encoded = new EncodedJobs(jobs, (job) => (made++, encode(job)));
    encoded.keepFor('fingerprint');
    encoded.keepFor('send', [0, 1]);

    expect(encoded.at(0).bodyRefs).toEqual([0]);
    expect(encoded.at(0)).toBe(encoded.at(0));
    expect(made).toBe(1);

    // Job 0 is fingerprinted, then sent: only then does its encoding go.
    encoded.done(0, 'fingerprint');
    expect(encoded.at(0).job).toBeDefined();
    encoded.done(0, 'send');
    expect(encoded.at(0).job).toBeUndefined();
    expect(encoded.at(0).bodyRefs).toEqual([0]);
    expect(made).toBe(1);

    // Job 2 is never sent (not rendered by a worker): its fingerprint is its last use.
    expect(encoded.at(2).refs).toEqual([1]);
    encoded.done(2, 'fingerprint');
    expect(encoded.at(2).job).toBeUndefined();

    // Job 1 still waits to be sent.
    encoded.done(1, 'fingerprint');
    expect(encoded.at(1).job.context).toEqual({ items: [{ __view: 0 }, { __view: 1 }] });
  });

  it('a dropped encoding is made again for a use still waiting, and goes for good after it', () => {
    let made = 0;
    const encode = createEncoder(views, [body]);
    const encoded = new EncodedJobs(jobs, (job) => (made++, encode(job)));
    encoded.keepFor('fingerprint');
    encoded.keepFor('send', [0]);
    const first = encoded.at(0);
    encoded.done(0, 'fingerprint');
    encoded.drop(0);
    // Its body references stay, without encoding it again.
    expect(encoded.bodyRefs(0)).toEqual([0]);
    expect(made).toBe(1);
    // Sent after the drop: the same encoding again, made afresh, not kept.
    const again = encoded.at(0);
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
    expect(made).toBe(2);
    encoded.done(0, 'send');
    expect(encoded.at(0).job).toBeUndefined();
    expect(encoded.at(0).bodyRefs).toEqual([0]);
    expect(made).toBe(2);
  });

  it('keeps the bodies it encoded last, not every one: a body encoded again is the same', () => {
    // 1,100 stories and a feed that carries them all, as a large site's pages carry every body.
    const many = Array.from({ length: 1100 }, (_, i) => viewOf(`s${i}`, `S${i}`));
    const fulls = many.map((v, i) => Object.assign(fullOf(v, { html: '', headings: [] }), { related: [many[(i + 1) % many.length]] }));
    const encode = createEncoder(many, fulls);
    const feed = encode({ outputPath: 'feed.xml', renderer: 'nunjucks', template: 'feed.njk', context: { items: fulls }, origin: 'the feed' });
    expect(feed.job.bodies).toHaveLength(1100);
    // The newest are kept for the next job that carries them; the first went, and come back equal.
    expect(encode.body(1099)).toBe(encode.body(1099));
    const first = feed.job.bodies![0][1];
    expect(encode.body(0).value).not.toBe(first);
    expect(encode.body(0).value).toEqual(first);
    const page = encode({ outputPath: 's0/index.html', renderer: 'nunjucks', template: 'article.njk', context: { article: fulls[0] }, origin: 'content/s0.md' });
    expect(page.refs).toEqual([0, 1]);
    expect(decodeJob(structuredClone(page.job), structuredClone(many))).toEqual({ article: fulls[0] });
  });

  it('decodes to the objects the main thread holds, the body with its view fields first', () => {
    const encode = createEncoder(views, [body]);
    const sent = structuredClone(encode(jobs[0]).job);
    const context = decodeJob(sent, structuredClone(views));
    expect(context).toEqual({ article: body });
    expect(Object.keys(context.article as object)).toEqual(Object.keys(body));
  });

  it("an editor's object with keys like the references goes through as it is, and is never read as one", () => {
    const encode = createEncoder(views, [body]);
    const box = JSON.parse('{"__view":1,"__body":0,"__proto__":{"kept":1},"nested":{"__viewOf":0,"items":[{"__view":0}]},"label":"boxed"}');
    const job: RenderJob = { outputPath: 'box/index.html', renderer: 'nunjucks', template: 'page.njk', context: { box, first: views[0] }, origin: 'content/pages/box.md' };
    const sent = encode(job);
    // The fingerprint's text: an edit of the editor's numbers must change it.
    const boxText = JSON.stringify((sent.job.context as { box: unknown }).box);
    expect(boxText).not.toMatch(/\{"__view":\d+\}|\{"__body":\d+\}|"__viewOf":\d+/);
    expect(sent.refs).toEqual([0]);
    const context = decodeJob(structuredClone(sent.job), structuredClone(views));
    expect(context).toEqual({ box, first: views[0] });
    expect(Object.getPrototypeOf(context.box)).toBe(Object.prototype);
    expect(Object.keys(context.box as object)).toEqual(['__view', '__body', '__proto__', 'nested', 'label']);
  });

  it('an editor\'s object shaped like a reference stays data at every depth, past the encoder\'s own', () => {
    const encode = createEncoder(views, [body]);
    // {__view: 1} at each depth from 1 to 14 of the context.
    let deep: Record<string, unknown> = { __view: 1, end: true };
    for (let d = 0; d < 13; d++) deep = { __view: 1, inner: deep };
    const job: RenderJob = { outputPath: 'deep/index.html', renderer: 'nunjucks', template: 'page.njk', context: { deep }, origin: 'content/pages/deep.md' };
    const sent = encode(job);
    expect(sent.refs).toEqual([]);
    expect(decodeJob(structuredClone(sent.job), structuredClone(views))).toEqual({ deep });
  });
});

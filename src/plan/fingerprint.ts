import { createHash } from 'node:crypto';
import type { ArticleView } from '../model/types.js';
import type { EncodedJob } from './encode.js';

/**
 * What a page is made from, hashed: a rebuild re-renders the page when this changes. A job's
 * hash covers its own context and the views it refers to, each hashed once per build.
 */
export function fingerprintJobs(encoded: EncodedJob[], views: readonly ArticleView[], globals: { build: { now: string; drafts: boolean }; sections: unknown; assets: unknown }): string[] {
  // The build clock changes every time; pages show at most its year.
  const base = JSON.stringify({ drafts: globals.build.drafts, year: globals.build.now.slice(0, 4), sections: globals.sections, assets: globals.assets });
  const viewHashes = views.map((v) => createHash('sha1').update(JSON.stringify(v)).digest('base64'));
  return encoded.map(({ job, refs }) => {
    const h = createHash('sha1').update(base).update(job.renderer).update(job.template ?? '').update(JSON.stringify(job.context));
    for (const r of refs) h.update(viewHashes[r]);
    return h.digest('base64');
  });
}

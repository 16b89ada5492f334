import type { RenderJob } from '../plan/types.js';
import { FEED_RENDERERS } from './feeds.js';
import { SITEMAP_RENDERERS } from './sitemaps.js';

/**
 * Renderers for jobs that are not Nunjucks pages: feeds, sitemaps, JSON files. Each is a pure
 * function of the job's context. Add one here and name it in a planner's `renderer`.
 */
export type BuiltinRenderer = (job: RenderJob) => string;

export const BUILTIN_RENDERERS: Record<string, BuiltinRenderer> = {
  /** `context.data` as indented JSON with a final newline. */
  json: (job) => `${JSON.stringify(job.context.data, null, 2)}\n`,
  /** `context.text` as it is. */
  text: (job) => String(job.context.text ?? ''),
  ...FEED_RENDERERS,
  ...SITEMAP_RENDERERS,
};

import { parentPort } from 'node:worker_threads';
import type { SiteConfig } from '../config/types.js';
import { compactView } from '../model/full.js';
import type { ArticleView } from '../model/types.js';
import type { RenderJob } from '../plan/types.js';
import { createPageRenderer, createParser, type FileToParse, type RenderSetup } from './tasks.js';

/** A render worker: one Nunjucks environment and one Markdown renderer per thread. */
type Message =
  | { id: number; type: 'parse-init'; config: SiteConfig; spool?: string }
  | { id: number; type: 'parse'; files: FileToParse[] }
  | { id: number; type: 'render-init'; setup: RenderSetup }
  | { id: number; type: 'render'; jobs: RenderJob[] };

let parse: ReturnType<typeof createParser> | undefined;
let render: ReturnType<typeof createPageRenderer> | undefined;

parentPort!.on('message', (m: Message) => {
  try {
    let result: unknown = null;
    if (m.type === 'parse-init') parse = createParser(m.config, m.spool);
    else if (m.type === 'parse') result = parse!(m.files);
    // The view table as the structured clone gave it, made compact once (model/full.ts).
    else if (m.type === 'render-init') render = createPageRenderer({ ...m.setup, views: (m.setup.views as ArticleView[] | undefined)?.map(compactView) });
    else if (m.type === 'render') result = render!(m.jobs);
    parentPort!.postMessage({ id: m.id, result });
  } catch (e) {
    parentPort!.postMessage({ id: m.id, error: e instanceof Error ? `${e.message}\n${e.stack}` : String(e) });
  }
});

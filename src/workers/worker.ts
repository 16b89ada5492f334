import { parentPort } from 'node:worker_threads';
import type { SiteConfig } from '../config/types.js';
import { compactView } from '../model/full.js';
import type { ArticleView } from '../model/types.js';
import type { RenderJob } from '../plan/types.js';
import type { RenderSetup } from './render-tasks.js';
import { createParser, type FileToParse } from './tasks.js';

/** A render worker: one Nunjucks environment and one Markdown renderer per thread. */
type Message =
  | { id: number; type: 'parse-init'; config: SiteConfig; spool?: string }
  | { id: number; type: 'parse'; files: FileToParse[] }
  | { id: number; type: 'render-views'; views: ArticleView[] }
  | { id: number; type: 'render-init'; setup: RenderSetup; viewsAhead?: boolean }
  | { id: number; type: 'render'; jobs: RenderJob[] };

let parse: ReturnType<typeof createParser> | undefined;
/** A view table sent ahead of the render's set-up (render-views), made compact; the set-up takes it. */
let viewsAhead: ArticleView[] | undefined;
let render: ((jobs: RenderJob[]) => unknown) | undefined;
// The render stage and Nunjucks are loaded when first needed: a parse worker starts sooner.
let renderTasks: Promise<typeof import('./render-tasks.js')> | undefined;
const loadRender = () => (renderTasks ??= import('./render-tasks.js'));

async function handle(m: Message): Promise<unknown> {
  if (m.type === 'parse-init') parse = createParser(m.config, m.spool);
  else if (m.type === 'parse') return parse!(m.files);
  // The view table as the structured clone gave it, made compact once (model/full.ts): sent
  // ahead while the main thread plans, or with the set-up.
  else if (m.type === 'render-views') {
    viewsAhead = m.views.map(compactView);
    await loadRender();
  } else if (m.type === 'render-init') {
    const views = m.viewsAhead ? viewsAhead : (m.setup.views as ArticleView[] | undefined)?.map(compactView);
    viewsAhead = undefined;
    if (!views) throw new Error('The render set-up came without its view table.');
    render = (await loadRender()).createPageRenderer({ ...m.setup, views });
  }
  else if (m.type === 'render') return render!(m.jobs);
  return null;
}

// One message at a time, in the order they came: a render waits for the module its init loads.
let queue: Promise<void> = Promise.resolve();
parentPort!.on('message', (m: Message) => {
  queue = queue.then(async () => {
    try {
      parentPort!.postMessage({ id: m.id, result: await handle(m) });
    } catch (e) {
      parentPort!.postMessage({ id: m.id, error: e instanceof Error ? `${e.message}\n${e.stack}` : String(e) });
    }
  });
});

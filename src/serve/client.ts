import { EVENTS_PATH } from './live-reload.js';

/**
 * The browser side of live reload, served at CLIENT_PATH and never written to dist/. It reloads
 * after a good build and shows a failed build's errors over the page. Every piece of text goes in
 * through textContent: a headline or file name with `<script>` in it stays text. Nothing is looked
 * up by a name a story's HTML can also give an element (`<a id="__datelineLiveReload">` is
 * window.__datelineLiveReload): such a story turned the client off on its page, or had the overlay
 * taken for its own element.
 */
export const CLIENT_SCRIPT = `(() => {
  'use strict';
  if (window.__datelineLiveReload === true) return;
  window.__datelineLiveReload = true;
  const OVERLAY_ID = '__dateline-overlay';
  // The build this page is from, as the server said when it sent the page.
  const script = document.currentScript;
  let version = (script && script.getAttribute('data-version')) || null;

  const el = (tag, style, text) => {
    const node = document.createElement(tag);
    if (style) node.setAttribute('style', style);
    if (text !== undefined) node.textContent = text;
    return node;
  };

  let overlay = null;
  const hide = () => {
    if (overlay) overlay.remove();
    overlay = null;
  };

  const show = (errors) => {
    hide();
    const box = el('div', 'position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,24,.94);color:#f4f4f5;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;padding:2rem');
    box.id = OVERLAY_ID;
    box.setAttribute('role', 'alert');
    const close = el('button', 'float:right;font:inherit;background:#3f3f46;color:#fff;border:0;padding:.3rem .8rem;cursor:pointer', 'Close');
    close.addEventListener('click', hide);
    box.appendChild(close);
    const n = errors.length;
    box.appendChild(el('h2', 'margin:0 0 .3rem;font-size:1.2rem;color:#fca5a5', 'The site did not build: ' + n + ' error' + (n === 1 ? '' : 's')));
    box.appendChild(el('p', 'margin:0 0 1.5rem;color:#a1a1aa', 'This page is the last good build. Fix the file and save; the page reloads by itself.'));
    for (const e of errors) {
      const item = el('section', 'margin:0 0 1.5rem;padding:1rem;background:#27272a;border-left:4px solid #f87171');
      const where = e.file ? e.file + (e.line ? ':' + e.line + (e.column ? ':' + e.column : '') : '') : '';
      item.appendChild(el('div', 'color:#fca5a5', e.code + (where ? '  ' + where : '')));
      item.appendChild(el('div', 'margin:.3rem 0;white-space:pre-wrap', e.message));
      if (e.frame) item.appendChild(el('pre', 'margin:.5rem 0;padding:.5rem;background:#18181b;overflow:auto', e.frame));
      if (e.hint) item.appendChild(el('div', 'color:#86efac;white-space:pre-wrap', 'Fix: ' + e.hint));
      box.appendChild(item);
    }
    document.body.appendChild(box);
    overlay = box;
  };

  let errors = null;
  const handlers = {
    hello: (data) => {
      // Back after a disconnect and a build happened meanwhile: this page is stale.
      if (version !== null && data.version !== version) location.reload();
      version = data.version;
    },
    reload: () => location.reload(),
    errors: (data) => {
      errors = data;
      show(data);
    },
  };
  const deliver = (type, data) => {
    if (Object.prototype.hasOwnProperty.call(handlers, type)) handlers[type](data);
  };
  // One stream for all the tabs: each open stream holds one of the six connections a browser
  // allows to a server, so a seventh tab would never load. The tab that holds the lock listens and
  // tells the others; when it closes, another takes the lock and the stream.
  const channel = typeof BroadcastChannel === 'function' && navigator.locks ? new BroadcastChannel('dateline-live-reload') : null;
  const listen = () => {
    const source = new EventSource(${JSON.stringify(EVENTS_PATH)});
    for (const type of Object.keys(handlers)) {
      source.addEventListener(type, (m) => {
        const data = JSON.parse(m.data);
        // The other tabs first: a reload here ends this page.
        if (channel) channel.postMessage({ type, data });
        deliver(type, data);
      });
    }
  };
  if (!channel) return listen();
  let leading = false;
  channel.onmessage = (m) => {
    // A tab that just opened asks what the stream said so far: the build's version and its errors.
    if (m.data.type === 'ask') {
      if (leading) channel.postMessage({ type: 'state', data: { version, errors } });
    } else if (m.data.type === 'state') {
      handlers.hello({ version: m.data.data.version });
      if (m.data.data.errors && !overlay) handlers.errors(m.data.data.errors);
    } else deliver(m.data.type, m.data.data);
  };
  channel.postMessage({ type: 'ask' });
  navigator.locks.request('dateline-live-reload', () => {
    leading = true;
    listen();
    // Held until the tab closes or reloads.
    return new Promise(() => {});
  });
})();
`;

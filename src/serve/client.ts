import { EVENTS_PATH } from './live-reload.js';

/**
 * The browser side of live reload, served at CLIENT_PATH and never written to dist/. It reloads
 * after a good build and shows a failed build's errors over the page, and the warnings of the build
 * a page is from in a panel that leaves the page to read. Every piece of text goes in
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
  const WARNINGS_ID = '__dateline-warnings';
  // The build this page is from, as the server said when it sent the page.
  const script = document.currentScript;
  let version = (script && script.getAttribute('data-version')) || null;

  const el = (tag, style, text) => {
    const node = document.createElement(tag);
    if (style) node.setAttribute('style', style);
    if (text !== undefined) node.textContent = text;
    return node;
  };

  const where = (e) => (e.file ? e.file + (e.line ? ':' + e.line + (e.column ? ':' + e.column : '') : '') : '');
  const item = (e, border, colour) => {
    const box = el('section', 'margin:0 0 1rem;padding:.8rem 1rem;background:#27272a;border-left:4px solid ' + border);
    box.appendChild(el('div', 'color:' + colour, e.code + (where(e) ? '  ' + where(e) : '')));
    box.appendChild(el('div', 'margin:.3rem 0;white-space:pre-wrap', e.message));
    if (e.frame) {
      // A long line scrolls sideways: by keyboard too.
      const frame = box.appendChild(el('pre', 'margin:.5rem 0;padding:.5rem;background:#18181b;overflow:auto', e.frame));
      frame.setAttribute('tabindex', '0');
    }
    if (e.hint) box.appendChild(el('div', 'color:#86efac;white-space:pre-wrap', 'Fix: ' + e.hint));
    return box;
  };
  const BUTTON = 'font:inherit;background:#3f3f46;color:#fff;border:0;padding:.3rem .8rem;cursor:pointer';
  const FONT = 'color:#f4f4f5;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace';
  // Escape closes the overlay or the warnings once the keyboard is in them.
  const onEscape = (box, close) => box.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape') close();
  });

  // The errors are a modal dialog: in the top layer, over anything a theme fixes to the window at
  // any z-index (a cookie notice), with the page inert under it. Opening it takes the keyboard's
  // focus to its Close button, and a screen reader says its title and the first error; closing it
  // (Close, Escape) gives focus back to where it was. The same errors sent again while it is open
  // (a save that did not fix them, a reconnect) leave it, and the focus in it, as they are; closed,
  // it stays closed through a reconnect, which sends the last failed build's errors again, and
  // opens at the next save that fails, with the same errors or others.
  let overlay = null;
  let shownKey = null;
  let closedKey = null;
  let returnTo = null;
  const hide = () => {
    if (!overlay) return;
    const box = overlay;
    overlay = null;
    closedKey = shownKey;
    shownKey = null;
    if (box.open && typeof box.close === 'function') box.close();
    box.remove();
    const back = returnTo;
    returnTo = null;
    if (back && back.isConnected && typeof back.focus === 'function') back.focus({ preventScroll: true });
    // The page under it could not be measured while it was open (it was inert).
    lift();
  };
  // Ids of the client's own, never one a story's HTML can also give an element.
  const uid = (name) => OVERLAY_ID + '-' + name + '-' + Math.random().toString(36).slice(2, 10);

  const show = (errors, again) => {
    const key = JSON.stringify(errors);
    if (overlay && key === shownKey) return;
    if (!overlay && key === closedKey && !again) return;
    closedKey = null;
    const opening = !overlay;
    const box = overlay || el('dialog', 'position:fixed;inset:0;z-index:2147483647;box-sizing:border-box;width:auto;height:auto;max-width:none;max-height:none;margin:0;border:0;overflow:auto;background:rgba(20,20,24,.94);padding:2rem;' + FONT);
    let close = box.firstChild;
    if (opening) {
      box.id = OVERLAY_ID;
      box.setAttribute('role', 'alertdialog');
      close = el('button', 'float:right;' + BUTTON, 'Close');
      close.setAttribute('type', 'button');
      close.setAttribute('aria-label', 'Close the errors');
      close.addEventListener('click', hide);
      box.appendChild(close);
      onEscape(box, hide);
      // Escape in a modal dialog closes it (the cancel event), and so does anything else that may.
      box.addEventListener('close', hide);
    } else {
      while (box.lastChild !== close) box.lastChild.remove();
    }
    shownKey = key;
    const n = errors.length;
    const title = box.appendChild(el('h2', 'margin:0 0 .3rem;font-size:1.2rem;color:#fca5a5', 'The site did not build: ' + n + ' error' + (n === 1 ? '' : 's')));
    title.id = uid('title');
    const intro = box.appendChild(el('p', 'margin:0 0 1.5rem;color:#a1a1aa', 'This page is the last good build. Fix the file and save; the page reloads by itself.'));
    intro.id = uid('intro');
    const items = errors.map((e) => box.appendChild(item(e, '#f87171', '#fca5a5')));
    // Said after the title: the first error, what it is and where, and its fix (not its code frame).
    const described = [intro.id];
    for (const part of items.length ? Array.prototype.slice.call(items[0].children) : []) {
      if (part.tagName.toLowerCase() === 'pre') continue;
      part.id = uid('first');
      described.push(part.id);
    }
    box.setAttribute('aria-labelledby', title.id);
    box.setAttribute('aria-describedby', described.join(' '));
    if (opening) {
      const active = document.activeElement;
      returnTo = active && active !== document.body ? active : null;
      document.body.appendChild(box);
      overlay = box;
      if (typeof box.showModal === 'function') box.showModal();
      else box.setAttribute('open', '');
      close.focus();
    } else if (!box.contains(document.activeElement)) close.focus();
  };

  // A good build reloads the page; where the keyboard was before the errors came back is taken up
  // again on the reloaded page, when it is still there.
  const FOCUS_KEY = 'dateline-focus-after-reload';
  const remember = (node) => {
    try {
      if (!node || !node.tagName) return;
      const all = Array.prototype.slice.call(document.getElementsByTagName(node.tagName));
      sessionStorage.setItem(FOCUS_KEY, JSON.stringify({ page: location.pathname + location.search, tag: node.tagName, index: all.indexOf(node), text: (node.textContent || '').trim().slice(0, 200) }));
    } catch {}
  };
  try {
    const saved = JSON.parse(sessionStorage.getItem(FOCUS_KEY) || 'null');
    sessionStorage.removeItem(FOCUS_KEY);
    if (saved && saved.page === location.pathname + location.search) {
      const all = Array.prototype.slice.call(document.getElementsByTagName(saved.tag));
      const same = (n) => n && (n.textContent || '').trim().slice(0, 200) === saved.text;
      const node = same(all[saved.index]) ? all[saved.index] : all.find(same);
      if (node) node.focus({ preventScroll: true });
    }
  } catch {}

  // The warnings of the build this page is from: a panel in a corner, under the errors, that
  // leaves the page to read. Collapsed or closed, the same warnings stay collapsed after the next
  // reload in this tab; a new one opens the panel again.
  let panel = null;
  const hideWarnings = () => {
    if (panel) panel.remove();
    panel = null;
  };
  // The panel sits above what the page fixes to the window's bottom edge (the theme's cookie
  // notice), so neither covers the other's buttons; again when that changes size, goes, or the
  // window is resized.
  const watched = typeof ResizeObserver === 'function' ? new ResizeObserver(() => lift()) : null;
  const lift = () => {
    // Under the errors' modal dialog the page is inert, out of reach of elementsFromPoint:
    // measured again when it closes.
    if (!panel || overlay || typeof document.elementsFromPoint !== 'function') return;
    let room = 0;
    for (const x of [2, innerWidth / 2, innerWidth - 2]) {
      for (const n of document.elementsFromPoint(x, innerHeight - 2)) {
        if (panel.contains(n)) continue;
        for (let a = n; a && a !== document.body && a !== document.documentElement; a = a.parentElement) {
          const position = getComputedStyle(a).position;
          if (position !== 'fixed' && position !== 'sticky') continue;
          room = Math.max(room, innerHeight - a.getBoundingClientRect().top);
          if (watched) watched.observe(a);
          break;
        }
      }
    }
    panel.style.bottom = 'calc(1rem + ' + Math.round(room) + 'px)';
    panel.style.maxHeight = 'min(45vh, calc(100vh - 2rem - ' + Math.round(room) + 'px))';
  };
  if (typeof addEventListener === 'function') addEventListener('resize', lift);
  // The first warnings the server sends, and how many there are in all.
  const showWarnings = ({ shown: warnings, total }) => {
    hideWarnings();
    if (!warnings.length) return;
    const key = JSON.stringify(warnings.map((w) => [w.code, w.file, w.message]));
    const remember = (open) => {
      try {
        if (open) sessionStorage.removeItem('dateline-warnings-collapsed');
        else sessionStorage.setItem('dateline-warnings-collapsed', key);
      } catch {}
    };
    let open = true;
    try {
      open = sessionStorage.getItem('dateline-warnings-collapsed') !== key;
    } catch {}
    const box = el('section', 'position:fixed;right:1rem;bottom:1rem;z-index:2147483646;box-sizing:border-box;max-width:min(44rem,calc(100vw - 2rem));max-height:45vh;overflow:auto;background:rgba(20,20,24,.94);padding:.6rem .8rem;border-left:4px solid #fbbf24;' + FONT);
    box.id = WARNINGS_ID;
    box.setAttribute('role', 'region');
    box.setAttribute('aria-label', 'dateline build warnings');
    const close = el('button', 'float:right;margin-left:.5rem;' + BUTTON, 'Close');
    close.setAttribute('aria-label', 'Close the warnings');
    close.addEventListener('click', () => {
      remember(false);
      hideWarnings();
    });
    box.appendChild(close);
    onEscape(box, () => {
      remember(false);
      hideWarnings();
    });
    const heading = el('h2', 'margin:0;font-size:1rem');
    const toggle = el('button', BUTTON + ';color:#fde68a', 'Warnings (' + total + ')');
    const list = el('div', 'margin-top:.6rem');
    list.id = WARNINGS_ID + '-list';
    toggle.setAttribute('aria-controls', list.id);
    const set = (value) => {
      open = value;
      toggle.setAttribute('aria-expanded', String(open));
      list.hidden = !open;
    };
    toggle.addEventListener('click', () => {
      set(!open);
      remember(open);
    });
    set(open);
    heading.appendChild(toggle);
    box.appendChild(heading);
    list.appendChild(el('p', 'margin:0 0 .6rem;color:#a1a1aa', 'The site built; these are worth a look before it goes out.'));
    for (const w of warnings) list.appendChild(item(w, '#fbbf24', '#fde68a'));
    if (total > warnings.length) list.appendChild(el('p', 'margin:.6rem 0 0;color:#a1a1aa', 'And ' + (total - warnings.length) + ' more: the terminal lists every one.'));
    box.appendChild(list);
    document.body.appendChild(box);
    panel = box;
    lift();
  };

  let errors = null;
  let warnings = null;
  // Errors right after hello are the stream's (or another tab's) account of the last failed
  // build, on connecting; any others are a build that has just failed again.
  let connecting = false;
  const handlers = {
    hello: (data) => {
      // Back after a disconnect and a build happened meanwhile: this page is stale.
      if (version !== null && data.version !== version) location.reload();
      version = data.version;
      connecting = true;
    },
    reload: () => {
      if (overlay) remember(returnTo);
      location.reload();
    },
    errors: (data) => {
      errors = data;
      const again = !connecting;
      connecting = false;
      show(data, again);
    },
    warnings: (data) => {
      connecting = false;
      warnings = data;
      showWarnings(data);
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
    // A tab that just opened asks what the stream said so far: the build's version, its errors and warnings.
    if (m.data.type === 'ask') {
      if (leading) channel.postMessage({ type: 'state', data: { version, errors, warnings } });
    } else if (m.data.type === 'state') {
      handlers.hello({ version: m.data.data.version });
      if (m.data.data.errors && !overlay) handlers.errors(m.data.data.errors);
      if (m.data.data.warnings && !panel) handlers.warnings(m.data.data.warnings);
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

import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { CLIENT_SCRIPT } from '../../src/serve/client.js';

/**
 * Just enough of a browser to run the live-reload client: elements record their text and
 * children, and setting innerHTML (or any HTML parsing) fails the test.
 */
const focused: { element: FakeElement | null } = { element: null };
class FakeElement {
  children: FakeElement[] = [];
  attributes: Record<string, string> = {};
  listeners: Record<string, (e?: { key: string }) => void> = {};
  hidden = false;
  textContent = '';
  id = '';
  parent?: FakeElement;
  constructor(readonly tagName: string) {}
  set innerHTML(_v: string) {
    throw new Error('innerHTML must never be used');
  }
  insertAdjacentHTML() {
    throw new Error('insertAdjacentHTML must never be used');
  }
  setAttribute(k: string, v: string) {
    this.attributes[k] = v;
  }
  addEventListener(name: string, fn: (e?: { key: string }) => void) {
    this.listeners[name] = fn;
  }
  appendChild(c: FakeElement) {
    c.parent = this;
    this.children.push(c);
    return c;
  }
  remove() {
    if (this.parent) this.parent.children = this.parent.children.filter((c) => c !== this);
    this.parent = undefined;
  }
  get firstChild() {
    return this.children[0] ?? null;
  }
  get lastChild() {
    return this.children.at(-1) ?? null;
  }
  contains(other: unknown): boolean {
    return other === this || this.children.some((c) => c.contains(other));
  }
  get isConnected(): boolean {
    return this.tagName === 'body' || (this.parent?.isConnected ?? false);
  }
  focus() {
    focused.element = this;
  }
  open = false;
  showModal() {
    this.open = true;
  }
  close() {
    this.open = false;
    this.listeners.close?.();
  }
  get text(): string {
    return [this.textContent, ...this.children.map((c) => c.text)].filter(Boolean).join('\n');
  }
}

/** `story`: elements of the page's own (a story's raw HTML), by id; a browser makes each id a name on window too. */
function browser(story: string[] = []) {
  const body = new FakeElement('body');
  const own = story.map((id) => Object.assign(new FakeElement('a'), { id }));
  for (const el of own) body.appendChild(el);
  const find = (el: FakeElement, id: string): FakeElement | null => (el.id === id ? el : el.children.map((c) => find(c, id)).find(Boolean) ?? null);
  const sources: { url: string; on: Record<string, (m: { data: string }) => void> }[] = [];
  let reloads = 0;
  const window: Record<string, unknown> = {
    document: {
      body,
      createElement: (t: string) => new FakeElement(t),
      getElementById: (id: string) => find(body, id),
      get activeElement() {
        return focused.element?.isConnected ? focused.element : body;
      },
    },
    location: { reload: () => reloads++ },
    EventSource: class {
      on: Record<string, (m: { data: string }) => void> = {};
      constructor(readonly url: string) {
        sources.push(this);
      }
      addEventListener(name: string, fn: (m: { data: string }) => void) {
        this.on[name] = fn;
      }
    },
  };
  window.window = window;
  for (const el of own) window[el.id] = el;
  vm.runInNewContext(CLIENT_SCRIPT, window);
  const send = (event: string, data: unknown) => sources[0].on[event]({ data: JSON.stringify(data) });
  const mine = (id: string) => body.children.find((c) => !own.includes(c) && c.id === id) ?? null;
  return { window, body, sources, send, reloads: () => reloads, overlay: () => mine('__dateline-overlay'), warnings: () => mine('__dateline-warnings') };
}

const vmDocument = (b: { window: Record<string, unknown> }) => b.window.document;

describe('live-reload client', () => {
  it('connects to the event stream and reloads after a build', () => {
    const b = browser();
    expect(b.sources.map((s) => s.url)).toEqual(['/__dateline/events']);
    b.send('hello', { version: 3 });
    expect(b.reloads()).toBe(0);
    b.send('reload', { version: 4 });
    expect(b.reloads()).toBe(1);
  });

  it('reloads when it comes back from a disconnect and a build happened meanwhile', () => {
    const b = browser();
    b.send('hello', { version: 3 });
    b.send('hello', { version: 3 });
    expect(b.reloads()).toBe(0);
    b.send('hello', { version: 5 });
    expect(b.reloads()).toBe(1);
  });

  it('a story whose raw HTML has the client\'s names as ids (window.__datelineLiveReload, the overlay\'s id) neither turns it off nor loses its element', () => {
    const b = browser(['__datelineLiveReload', '__dateline-overlay']);
    expect(b.sources.map((s) => s.url)).toEqual(['/__dateline/events']);
    b.send('errors', [{ code: 'A', message: 'first' }]);
    expect(b.overlay()!.text).toContain('first');
    b.send('errors', [{ code: 'B', message: 'second' }]);
    expect(b.body.children.map((c) => c.tagName)).toEqual(['a', 'a', 'dialog']);
    expect(b.overlay()!.text).toContain('second');
    b.overlay()!.children[0].listeners.click();
    expect(b.overlay()).toBeNull();
    expect(b.body.children.map((c) => c.id)).toEqual(['__datelineLiveReload', '__dateline-overlay']);
    b.send('reload', { version: 4 });
    expect(b.reloads()).toBe(1);
  });

  it('shows errors over the page as text only, and replaces them on the next report', () => {
    const b = browser();
    const evil = '<img src=x onerror=alert(1)>';
    b.send('errors', [{ code: 'FRONT_MATTER_SYNTAX', file: `content/${evil}.md`, line: 2, column: 8, message: `Bad title ${evil}`, frame: `> 2 | title: "${evil}`, hint: 'Close the quote.' }]);
    const overlay = b.overlay();
    expect(overlay).not.toBeNull();
    expect(overlay!.text).toContain(`FRONT_MATTER_SYNTAX  content/${evil}.md:2:8`);
    expect(overlay!.text).toContain(`Bad title ${evil}`);
    expect(overlay!.text).toContain(`> 2 | title: "${evil}`);
    expect(overlay!.text).toContain('Fix: Close the quote.');
    expect(overlay!.text).toContain('1 error');
    b.send('errors', [{ code: 'A', message: 'first' }, { code: 'B', message: 'second' }]);
    expect(b.body.children).toHaveLength(1);
    expect(b.overlay()!.text).toContain('2 errors');
    expect(b.overlay()!.text).not.toContain('Bad title');
    b.overlay()!.children[0].listeners.click();
    expect(b.overlay()).toBeNull();
  });

  it('opens the errors as a modal alert dialog named by its title, takes focus to Close and gives it back; the same errors again leave it and its focus alone', () => {
    const b = browser();
    const story = new FakeElement('a');
    b.body.appendChild(story);
    story.focus();
    b.send('errors', [{ code: 'FRONT_MATTER_SYNTAX', file: 'content/a.md', line: 2, message: 'Bad.', frame: '> 2 | title: "', hint: 'Close the quote.' }]);
    const dialog = b.overlay()!;
    expect([dialog.tagName, dialog.open, dialog.attributes.role]).toEqual(['dialog', true, 'alertdialog']);
    const all = (e: FakeElement): FakeElement[] => [e, ...e.children.flatMap(all)];
    const byId = (id: string) => all(dialog).find((c) => c.id === id);
    expect(byId(dialog.attributes['aria-labelledby'])!.textContent).toBe('The site did not build: 1 error');
    const described = dialog.attributes['aria-describedby'].split(' ').map((id) => byId(id)!.text).join('\n');
    expect(described).toContain('This page is the last good build.');
    expect(described).toContain('FRONT_MATTER_SYNTAX  content/a.md:2');
    expect(described).toContain('Fix: Close the quote.');
    expect(described).not.toContain('> 2 |');
    // The client's ids are its own: not the overlay's id with a suffix a story could guess.
    expect(dialog.attributes['aria-labelledby']).toMatch(/^__dateline-overlay-title-[a-z0-9]+$/);
    const close = dialog.children[0];
    expect([close.tagName, close.attributes['aria-label']]).toEqual(['button', 'Close the errors']);
    const activeElement = () => (vmDocument(b) as { activeElement: FakeElement }).activeElement;
    expect(activeElement()).toBe(close);
    // The keyboard moved on to the code frame; the same errors again change nothing.
    const frame = dialog.children[3].children[2];
    frame.focus();
    b.send('errors', [{ code: 'FRONT_MATTER_SYNTAX', file: 'content/a.md', line: 2, message: 'Bad.', frame: '> 2 | title: "', hint: 'Close the quote.' }]);
    expect(b.overlay()).toBe(dialog);
    expect(activeElement()).toBe(frame);
    // Other errors: the same dialog, its text replaced, focus back on Close as the frame went.
    b.send('errors', [{ code: 'B', message: 'Other.' }]);
    expect(b.overlay()).toBe(dialog);
    expect(dialog.text).not.toContain('FRONT_MATTER_SYNTAX');
    expect(activeElement()).toBe(close);
    // Escape (the dialog's close event): gone, and the focus back on the story's link.
    dialog.close();
    expect(b.overlay()).toBeNull();
    expect(activeElement()).toBe(story);
    // Closed, a reconnect (hello, then the last failed build's errors again) leaves it closed ...
    b.send('hello', { version: 'v1' });
    b.send('errors', [{ code: 'B', message: 'Other.' }]);
    expect(b.overlay()).toBeNull();
    // ... and the next save that fails opens it, with the same errors too: the editor's fix did not work.
    b.send('errors', [{ code: 'B', message: 'Other.' }]);
    expect(b.overlay()!.text).toContain('Other.');
    b.overlay()!.close();
    expect(b.overlay()).toBeNull();
    b.send('errors', [{ code: 'C', message: 'Third.' }]);
    expect(b.overlay()!.text).toContain('Third.');
  });

  it('shows warnings in a panel apart from the errors, as text only, with a heading that opens and closes them, and closes by button or Escape', () => {
    const b = browser();
    const evil = '<img src=x onerror=alert(1)>';
    b.send('warnings', {
      shown: [
        { code: 'LONG_HEADLINE', file: 'content/articles/a.md', line: 4, message: `The headline ${evil} is long.`, hint: 'Write a headline of a line or two.' },
        { code: 'RELATED_NOT_FOUND', file: 'content/articles/b.md', line: 5, message: '`related` names "alpah".', hint: 'Write `alpha`.' },
      ],
      total: 2,
    });
    const panel = b.warnings()!;
    expect(b.overlay()).toBeNull();
    expect(panel.tagName).toBe('section');
    expect([panel.attributes.role, panel.attributes['aria-label']]).toEqual(['region', 'dateline build warnings']);
    expect(panel.attributes.style).not.toContain('inset:0');
    expect(panel.text).toContain('LONG_HEADLINE  content/articles/a.md:4');
    expect(panel.text).toContain(`The headline ${evil} is long.`);
    expect(panel.text).toContain('Fix: Write `alpha`.');
    const toggle = panel.children[1].children[0];
    const list = panel.children[2];
    expect([toggle.tagName, toggle.textContent, toggle.attributes['aria-expanded'], toggle.attributes['aria-controls']]).toEqual(['button', 'Warnings (2)', 'true', list.id]);
    toggle.listeners.click();
    expect([toggle.attributes['aria-expanded'], list.hidden]).toEqual(['false', true]);
    toggle.listeners.click();
    expect([toggle.attributes['aria-expanded'], list.hidden]).toEqual(['true', false]);

    // Errors over the page, the warnings left as they are beneath; closing one leaves the other.
    b.send('errors', [{ code: 'FRONT_MATTER_SYNTAX', message: 'Bad.' }]);
    expect(b.overlay()!.text).toContain('1 error');
    expect(b.overlay()!.text).not.toContain('LONG_HEADLINE');
    b.overlay()!.listeners.keydown({ key: 'Tab' });
    expect(b.overlay()).not.toBeNull();
    b.overlay()!.listeners.keydown({ key: 'Escape' });
    expect(b.overlay()).toBeNull();
    expect(b.warnings()).toBe(panel);
    panel.children[0].listeners.click();
    expect(b.warnings()).toBeNull();
    b.send('warnings', { shown: [{ code: 'LONG_HEADLINE', message: 'Long.' }], total: 1 });
    expect(b.warnings()!.text).toContain('Warnings (1)');
    // More than the server sends: the count of all, and how many the terminal has besides.
    b.send('warnings', { shown: [{ code: 'LONG_HEADLINE', message: 'Long.' }], total: 60 });
    expect(b.warnings()!.text).toContain('Warnings (60)');
    expect(b.warnings()!.text).toContain('And 59 more: the terminal lists every one.');
    b.warnings()!.listeners.keydown({ key: 'Escape' });
    expect(b.warnings()).toBeNull();
  });
});

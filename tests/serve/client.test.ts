import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { CLIENT_SCRIPT } from '../../src/serve/client.js';

/**
 * Just enough of a browser to run the live-reload client: elements record their text and
 * children, and setting innerHTML (or any HTML parsing) fails the test.
 */
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
    document: { body, createElement: (t: string) => new FakeElement(t), getElementById: (id: string) => find(body, id) },
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
  return { body, sources, send, reloads: () => reloads, overlay: () => mine('__dateline-overlay'), warnings: () => mine('__dateline-warnings') };
}

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
    expect(b.body.children.map((c) => c.tagName)).toEqual(['a', 'a', 'div']);
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

import { createRequire } from 'node:module';
import type Nunjucks from 'nunjucks';

/**
 * Nunjucks, loaded so that it never makes String.prototype the prototype of an ordinary object.
 *
 * Its SafeString.prototype is `Object.create(String.prototype, …)`. In V8 that one call turns off,
 * for the rest of the thread's life, fast paths that string and regular-expression builtins take
 * while String.prototype is untouched: with Nunjucks loaded, marked, yaml and every string
 * operation of a build ran about a third slower (the same effect is reported against parse5, for
 * the same single line). While Nunjucks' modules run, that call gets an ordinary object holding
 * String.prototype's own properties instead: SafeString keeps the same methods, `length`,
 * `toString` and `valueOf`; only `instanceof String` differs, which neither Nunjucks nor dateline
 * asks. If something loaded Nunjucks before this module, that copy is used as it is.
 */
function loadNunjucks(): typeof Nunjucks {
  const realCreate = Object.create;
  const stringMethods = realCreate(Object.prototype, Object.getOwnPropertyDescriptors(String.prototype)) as object;
  Object.create = function create(proto: object | null, properties?: PropertyDescriptorMap) {
    return realCreate(proto === String.prototype ? stringMethods : proto, properties as PropertyDescriptorMap);
  } as typeof Object.create;
  try {
    return createRequire(import.meta.url)('nunjucks') as typeof Nunjucks;
  } finally {
    Object.create = realCreate;
  }
}

export const nunjucks = loadNunjucks();

/**
 * Nunjucks' Frame.set splits every name on "." (for `loop.index` and friends) each time it is
 * called, several times per loop iteration and macro call of every page. The same assignment with
 * each name's parts split once per thread: a plain name is one property write, a dotted one walks
 * its parts. Behaviour is Nunjucks' own (see its runtime.js); names come from template source,
 * so the table of split names stays small.
 */
function fasterFrameSet(): void {
  type Frame = { variables: Record<string, unknown>; resolve(name: string, forWrite: boolean): Frame | undefined; set(name: string, val: unknown, resolveUp?: boolean): void };
  const proto = (nunjucks as unknown as { runtime: { Frame: { prototype: Frame } } }).runtime.Frame.prototype;
  if (typeof proto.set !== 'function' || typeof proto.resolve !== 'function') return;
  const split = new Map<string, string[]>();
  proto.set = function set(this: Frame, name: string, val: unknown, resolveUp?: boolean): void {
    let parts = split.get(name);
    if (!parts) split.set(name, (parts = name.split('.')));
    if (resolveUp) {
      const frame = this.resolve(parts[0], true);
      if (frame) return frame.set(name, val);
    }
    let obj = this.variables;
    const last = parts.length - 1;
    for (let i = 0; i < last; i++) obj = (obj[parts[i]] ||= {}) as Record<string, unknown>;
    obj[parts[last]] = val;
  };
}
fasterFrameSet();

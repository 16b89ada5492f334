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

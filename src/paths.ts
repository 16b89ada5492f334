import path from 'node:path';
import { fileURLToPath } from 'node:url';

const self = fileURLToPath(import.meta.url);
/** Set by scripts/bundle.mjs in each bundle; in lib/ as compiled, and in src/, not declared at all. */
declare const __DATELINE_CODE__: string | undefined;
/**
 * The hash of the lib/ a bundle was made from (the build cache's key: src/build.ts), when running
 * from one of the files scripts/bundle.mjs makes (lib/dateline.bundle.cjs and lib/worker.bundle.js,
 * each with all of dateline in it); undefined from lib/ as compiled or src/.
 */
export const BUNDLE_CODE_HASH = typeof __DATELINE_CODE__ === 'string' ? __DATELINE_CODE__ : undefined;
/** Running from a bundle. */
export const BUNDLED = BUNDLE_CODE_HASH !== undefined;
/** The package's own folder (lib/, where the bundles are too, and src/ are both one level below it). */
export const PACKAGE_ROOT = path.resolve(path.dirname(self), '..');
export const THEME_TEMPLATES = path.join(PACKAGE_ROOT, 'templates');
export const THEME_STATIC = path.join(PACKAGE_ROOT, 'static', 'theme');

import path from 'node:path';
import { fileURLToPath } from 'node:url';

const self = fileURLToPath(import.meta.url);
/**
 * Running from one of the files scripts/bundle.mjs makes (lib/dateline.bundle.js and
 * lib/worker.bundle.js, each with all of dateline in it), not from lib/ as compiled or src/.
 */
export const BUNDLED = self.endsWith('.bundle.js');
/** The package's own folder (lib/, where the bundles are too, and src/ are both one level below it). */
export const PACKAGE_ROOT = path.resolve(path.dirname(self), '..');
export const THEME_TEMPLATES = path.join(PACKAGE_ROOT, 'templates');
export const THEME_STATIC = path.join(PACKAGE_ROOT, 'static', 'theme');

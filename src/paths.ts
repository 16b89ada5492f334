import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package's own folder (lib/ and src/ are both one level below it). */
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const THEME_TEMPLATES = path.join(PACKAGE_ROOT, 'templates');
export const THEME_STATIC = path.join(PACKAGE_ROOT, 'static', 'theme');

export type { UserConfig, SiteConfig } from './config/types.js';
export type { Diagnostic } from './errors/diagnostic.js';
export { defineConfig } from './config/define.js';
export { build, type BuildOptions, type BuildResult } from './build.js';

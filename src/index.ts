export type { UserConfig, SiteConfig } from './config/types.js';
export type { Diagnostic } from './errors/diagnostic.js';
export { defineConfig } from './config/define.js';
export { build, type BuildOptions, type BuildResult } from './build.js';
export { watchSite, type WatchOptions, type WatchBuild, type SiteWatcher } from './watch/watch.js';
export { startServer, type ServeOptions, type DevServer } from './serve/server.js';

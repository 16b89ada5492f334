import type { UserConfig } from './types.js';

/** Gives a site's config file its types; returns the config as it is. */
export function defineConfig(config: UserConfig): UserConfig {
  return config;
}

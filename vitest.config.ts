import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two test files at once even on two cores (vitest's default is one fewer than the cores):
    // most of a file's time is spent waiting on child processes, watchers and Chromium. The whole
    // suite passed so under a load average of 10 (1197 tests, 2026-11-30).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // A CI runner's GITHUB_ACTIONS=true would make every dateline process the tests start print
    // GitHub's annotations on stdout; the tests that want them set it themselves.
    env: { GITHUB_ACTIONS: '' },
  },
});

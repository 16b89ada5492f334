import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // A worker process runs test file after test file, its modules loaded once: each of the 166
    // files loaded src/ anew through Vite, 120 s of the suite's time. The suite took 756 s against
    // 873 s and 1130 s of CPU against 1330 s (2026-11-30, 2 cores). Tests leave no state behind
    // them (they restore the environment variables they set); the one that failed without isolation
    // had found a real bug (a photo's size read from Node's buffer pool, src/discover/photo-size.ts).
    isolate: false,
    // Two test files at once even on two cores (vitest's default is one fewer than the cores):
    // most of a file's time is spent waiting on child processes, watchers and Chromium. The whole
    // suite passed so under a load average of 10 (1197 tests, 2026-11-30).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // A CI runner's GITHUB_ACTIONS=true would make every dateline process the tests start print
    // GitHub's annotations on stdout; the tests that want them set it themselves.
    env: { GITHUB_ACTIONS: '' },
  },
});

import { defineConfig } from 'vitest/config';

// Browser tests: the built app (dist/) in system Chromium via playwright-core, one file at a time.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.spec.ts'],
    environment: 'node',
    testTimeout: 240_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    maxWorkers: 1,
    pool: 'forks',
  },
});

import { defineConfig } from 'vitest/config';

// Unit tests: the pure core (and store/UI logic) in Node on tfjs cpu/wasm. Browser tests live in
// test/e2e and run from vitest.e2e.config.ts against the built app.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});

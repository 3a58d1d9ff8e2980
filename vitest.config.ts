import { defineConfig } from 'vitest/config';

/**
 * Projects: `unit` (pure functions, once), `sqlite` and `postgres` (every integration file on
 * each database), `e2e` (real Chromium against a real server process). scripts/test.mjs picks
 * which run.
 */
const integration = ['server/**/*.int.test.ts', 'test/**/*.int.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['server/**/*.unit.test.ts', 'common/**/*.unit.test.ts', 'web/src/**/*.unit.test.ts'] } },
      { extends: true, test: { name: 'sqlite', include: integration, env: { TEST_DIALECT: 'sqlite' } } },
      { extends: true, test: { name: 'postgres', include: integration, env: { TEST_DIALECT: 'postgres' } } },
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.e2e.test.ts'], testTimeout: 120_000, fileParallelism: false } },
    ],
  },
});

import { defineConfig } from 'vitest/config';

/**
 * The run Stryker drives (npm run mutation): one flat project, SQLite for the integration files,
 * limited to the tests scripts/mutation.mjs names for the file being mutated (MUTATION_TESTS).
 */
const tests = (process.env.MUTATION_TESTS ?? '').split(',').filter(Boolean);
if (tests.length === 0) throw new Error('MUTATION_TESTS names no test file: run npm run mutation, not this config alone');

export default defineConfig({
  test: {
    include: tests,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { TEST_DIALECT: 'sqlite' },
  },
});

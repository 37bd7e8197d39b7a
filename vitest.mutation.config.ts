import { defineConfig } from 'vitest/config';

// For Stryker: the tests of the mutated code (engine, schedule, input), without the ones that drive the built
// executable, a browser or long generated runs, which cannot see a mutant in the sources.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/bin.test.ts', 'test/output/notice.test.ts', 'test/e2e/fuzz.test.ts', 'test/e2e/readme.test.ts', 'test/e2e/hostile.test.ts'],
    testTimeout: 60_000,
  },
});

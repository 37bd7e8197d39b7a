import { defineConfig } from 'vitest/config';

// For Stryker: the tests of the mutated code (engine, schedule, input), without the ones that drive the built
// executable, a browser or long generated runs, which cannot see a mutant in the sources.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/bin.test.ts', 'test/notice.test.ts', 'test/fuzz.test.ts', 'test/readme.test.ts', 'test/hostile.test.ts'],
    testTimeout: 60_000,
  },
});

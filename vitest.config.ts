import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The CLI runs in-process in most tests; a few spawn the built executable or a browser.
    testTimeout: 30_000,
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The examples import the package by its name, as a user's code does; in tests that is the sources.
  resolve: { alias: { ecocomp: new URL('./src/app/index.ts', import.meta.url).pathname } },
  test: {
    include: ['test/**/*.test.ts'],
    // The CLI runs in-process in most tests; a few spawn the built executable or a browser.
    testTimeout: 30_000,
  },
});

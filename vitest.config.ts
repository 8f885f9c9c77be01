import { defineConfig } from 'vitest/config';

// Two projects: fast pure unit tests, and browser tests that build the site and drive real Chromium.
export default defineConfig({
  test: {
    reporters: ['default', './tests/support/summary-reporter.ts'],
    projects: [
      // .astro components rendered through Astro's Container API (needs Astro's Vite plugins).
      'tests/unit/kernel/render/vitest.config.ts',
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          // Some unit tests run the CLIs as child processes on the real corpus; 5 s is too tight under load.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['./tests/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 600_000,
          // One Chromium and one server for the whole suite; files run one after another.
          fileParallelism: false,
        },
      },
    ],
  },
});

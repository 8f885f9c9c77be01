// The real-tree suite: builds the site with KERNEL_TREE pointing at a real Linux v2.6.30 git tree and
// checks, in Chromium, that the seed page and the symbol pages show that tree's own lines.
// Not a project of the root config (CI has no kernel tree): run it with `npm run test:kernel-tree`, which
// fails with a clear message when KERNEL_TREE is not set (it is never silently skipped).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'kernel-tree',
    root: new URL('../..', import.meta.url).pathname,
    include: ['tests/kernel-tree/**/*.test.ts'],
    reporters: ['default', './tests/support/summary-reporter.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 900_000,
  },
});

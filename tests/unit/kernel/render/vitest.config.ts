// Vitest config for rendering the kernel .astro components through Astro's Container API (needs Astro's
// Vite plugins, which the plain `unit` project does not load). A project of the root config, so `npm test`
// runs it; alone: npm run test:kernel-render
import { getViteConfig } from 'astro/config';

export default getViteConfig({
  test: {
    name: 'kernel-render',
    include: ['tests/unit/kernel/render/**/*.render.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

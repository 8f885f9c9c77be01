// @ts-check
import mdx from '@astrojs/mdx';
import { defineConfig } from 'astro/config';
import { lockstep } from './src/integrations/lockstep.ts';
import { cacheFolder } from './src/lib/site/cache-folder.ts';

// The whole site is static: every page is readable with JavaScript off.
export default defineConfig({
  site: 'http://127.0.0.1:4321',
  output: 'static',
  trailingSlash: 'always',
  // Three pages render at a time: while one waits on a file (its thread's body file, its own output),
  // the next renders (the page watchers still get them in order: src/integrations/watched-prerenderer.ts).
  build: { format: 'directory', concurrency: 3 },
  // Scoped styles mark elements with a class rather than a data-astro-cid-… attribute: shorter on each of
  // the thousands of elements of a long thread page.
  scopedStyleStrategy: 'class',
  // lockstep() runs the build's own steps after the pages are written (src/integrations/lockstep.ts).
  integrations: [mdx(), lockstep()],
  markdown: {
    shikiConfig: { themes: { light: 'github-light', dark: 'github-dark' } },
  },
  server: { host: '127.0.0.1', port: 4321 },
  // Separate caches let several builds run side by side (the browser tests build twice); they take
  // turns only through the content sync (src/integrations/sync-turn.ts).
  cacheDir: cacheFolder(process.env),
  vite: {
    build: {
      // Scripts stay external files (never inlined), so a strict Content-Security-Policy can forbid inline script.
      assetsInlineLimit: 0,
      rolldownOptions: {
        // Astro marks each MDX notes module with its own head-injection directive, and Rolldown warns
        // about it once per notes file in every build (withastro/astro#18087, harmless): a screenful of
        // warnings that would hide the build's own. Every other warning is shown.
        onwarn(warning, warn) {
          if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('astro:head-inject'))
            return;
          warn(warning);
        },
      },
    },
  },
});

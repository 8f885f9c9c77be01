// The one Astro integration of the site: after Astro has written the pages, the build's own steps run in
// this order, each timed and logged under its name; the first that fails fails the build with its name.
// Order matters: the mail files (thread mboxes, per-message files) are part of the site the gzip copies
// cover, and the gzip copies come last so that they include the search index's facets file.

import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { SHARD_ENV, shardFromEnvironment } from '../lib/shards/shard.ts';
import type { BuildStep } from './build-step.ts';
import { mailFilesStep } from './mail-files.ts';
import { pagefindStep } from './pagefind.ts';
import { precompressStep } from './precompress.ts';
import { shardStampStep } from './shard-stamp.ts';

/** The steps, in the order they run. */
export const BUILD_STEPS: readonly BuildStep[] = [
  mailFilesStep,
  pagefindStep,
  shardStampStep,
  precompressStep,
];

/** Runs BUILD_STEPS at `astro:build:done`. */
export function lockstep(steps: readonly BuildStep[] = BUILD_STEPS): AstroIntegration {
  let cacheDir = '';
  return {
    name: 'lockstep',
    hooks: {
      'astro:config:done': ({ config }) => {
        cacheDir = fileURLToPath(config.cacheDir);
      },
      'astro:build:done': async ({ dir, logger }) => {
        const out = fileURLToPath(dir);
        const shard = shardFromEnvironment(process.env[SHARD_ENV]);
        for (const step of steps) {
          const log = logger.fork(step.name);
          const started = performance.now();
          try {
            const summary = await step.run(out, log, { cacheDir, shard });
            log.info(`${summary} in ${Math.round(performance.now() - started)} ms`);
          } catch (error) {
            throw new Error(`${step.name}: ${(error as Error).message}`, { cause: error });
          }
        }
      },
    },
  };
}

// The one Astro integration of the site: after Astro has written the pages, the build's own steps run,
// each timed and logged under its name; the first that fails fails the build with its name.
// A step starts as soon as the steps it names in `after` are done: the mail files (thread mboxes,
// per-message files) are part of the site the gzip copies cover, and the search index's files get their
// gzip copies once Pagefind has written them; Pagefind itself needs only the pages, so it runs beside them.

import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { SHARD_ENV, shardFromEnvironment } from '../lib/shards/shard.ts';
import { HIGHLIGHT_WORKER_ENV } from '../lib/site/highlight-worker-env.ts';
import { contentRoots } from '../loaders/threads.ts';
import type { BuildStep, PageWatcher, StepContext, StepLogger } from './build-step.ts';
import { elkAsFile } from './elk-file.ts';
import { mailFilesStep } from './mail-files.ts';
import { pagefindStep } from './pagefind.ts';
import { precompressPagesStep, precompressSearchStep } from './precompress.ts';
import {
  collectChanges,
  fullBuildChanges,
  type StartedPlan,
  savePlan,
  siteDigest,
  startPlan,
} from './render-plan.ts';
import { shardStampStep } from './shard-stamp.ts';
import { takeSyncTurn } from './sync-turn.ts';
import { watchedPrerenderer } from './watched-prerenderer.ts';

/** The steps; each names the earlier ones it waits for. */
export const BUILD_STEPS: readonly BuildStep[] = [
  mailFilesStep,
  pagefindStep,
  shardStampStep,
  precompressPagesStep,
  precompressSearchStep,
];

/** A step that did not run because one it waits for failed (that one's error is the one reported). */
class SkippedStep extends Error {}

/**
 * Runs `steps`, each once the steps in its `after` are done; resolves when all are, or rejects with
 * the first failure in list order (its steps' dependents never start; the others finish first). A step
 * gets its page watcher from `watchers` (by step name), if it had one during the rendering, and what
 * its `start` began from `begun`.
 */
export async function runSteps(
  steps: readonly BuildStep[],
  out: string,
  fork: (name: string) => StepLogger,
  context: StepContext,
  watchers: ReadonlyMap<string, PageWatcher> = new Map(),
  begun: ReadonlyMap<string, unknown> = new Map(),
): Promise<void> {
  const done = new Map<string, Promise<void>>();
  for (const step of steps) {
    const needs = (step.after ?? []).map((name) => {
      const promise = done.get(name);
      if (!promise) throw new Error(`${step.name}: waits for "${name}", which is not an earlier step`);
      return promise;
    });
    done.set(
      step.name,
      (async () => {
        await Promise.all(needs).catch(() => {
          throw new SkippedStep(step.name);
        });
        const log = fork(step.name);
        const started = performance.now();
        try {
          const summary = await step.run(out, log, {
            ...context,
            watcher: watchers.get(step.name),
            started: begun.get(step.name),
          });
          log.info(`${summary} in ${Math.round(performance.now() - started)} ms`);
        } catch (error) {
          throw new Error(`${step.name}: ${(error as Error).message}`, { cause: error });
        }
      })(),
    );
  }
  const results = await Promise.allSettled(done.values());
  const failure = results.find(
    (r): r is PromiseRejectedResult => r.status === 'rejected' && !(r.reason instanceof SkippedStep),
  );
  if (failure) throw failure.reason;
}

/**
 * Runs BUILD_STEPS at `astro:build:done`, on top of the kept output when it can (render-plan.ts): Astro
 * keeps its output folder, and this integration empties it when a build cannot be incremental.
 * `LOCKSTEP_FULL_BUILD=1` forces a full build.
 */
export function lockstep(steps: readonly BuildStep[] = BUILD_STEPS): AstroIntegration {
  let cacheDir = '';
  let outDir = '';
  let root = '';
  let started: StartedPlan | null = null;
  let watchers = new Map<string, PageWatcher>();
  let begun = new Map<string, unknown>();
  let building = false;
  let endSyncTurn = () => {};
  return {
    name: 'lockstep',
    hooks: {
      'astro:config:setup': ({ command, updateConfig }) => {
        building = command === 'build';
        updateConfig({ vite: { build: { emptyOutDir: false }, plugins: [elkAsFile()] } });
      },
      'astro:config:done': async ({ config, logger }) => {
        cacheDir = fileURLToPath(config.cacheDir);
        outDir = fileURLToPath(config.outDir);
        root = fileURLToPath(config.root);
        if (!building) return;
        // The content sync runs between this hook and astro:build:start (sync-turn.ts says why a turn).
        const asked = performance.now();
        endSyncTurn = await takeSyncTurn(join(root, '.astro', 'lockstep-sync.lock'));
        const waited = performance.now() - asked;
        if (waited > 500)
          logger.info(
            `waited ${(waited / 1000).toFixed(1)} s for another build's content sync in this project`,
          );
      },
      'astro:build:start': ({ logger, setPrerenderer }) => {
        endSyncTurn();
        const site = siteDigest(root, contentRoots(), outDir);
        // The pages' C is highlighted in a worker thread (components/c-highlight-pool.ts).
        process.env[HIGHLIGHT_WORKER_ENV] = fileURLToPath(
          new URL('../components/c-highlight-worker.ts', import.meta.url),
        );
        started = startPlan(cacheDir, outDir, site, !process.env.LOCKSTEP_FULL_BUILD);
        logger.info(
          started.incremental
            ? 'incremental: building on the kept output (same code, settings and shared content)'
            : 'full build',
        );
        const context = {
          shard: shardFromEnvironment(process.env[SHARD_ENV]),
          incremental: started.incremental,
          outDir,
          cacheDir,
        };
        watchers = new Map();
        begun = new Map();
        for (const step of steps) {
          const watcher = step.watch?.(context);
          if (watcher) watchers.set(step.name, watcher);
          const work = step.start?.(context);
          if (work) begun.set(step.name, work);
        }
        if (watchers.size > 0) setPrerenderer((base) => watchedPrerenderer(base, [...watchers.values()]));
      },
      'astro:build:done': async ({ dir, logger, assets }) => {
        const out = fileURLToPath(dir);
        const shard = shardFromEnvironment(process.env[SHARD_ENV]);
        // Every route's output files, as Astro wrote them in this build.
        const written = [...assets.values()].flat().map((file) => fileURLToPath(file));
        // Without astro:build:start (the steps run on their own), nothing is kept: a full build's steps.
        const changes = started ? collectChanges(cacheDir, out, started, written) : fullBuildChanges(written);
        await runSteps(
          steps,
          out,
          (name) => logger.fork(name),
          { cacheDir, shard, changes },
          watchers,
          begun,
        );
        if (started) savePlan(cacheDir, out, started, changes);
      },
    },
  };
}

// What one of the steps run after Astro has written the pages is (lockstep.ts runs them in order).

import type { Shard } from '../lib/shards/shard.ts';
import type { PageChanges } from './render-plan.ts';

/** The logger a step writes to (Astro's integration logger, forked under the step's name). */
export interface StepLogger {
  info(message: string): void;
  warn(message: string): void;
}

/** What a step knows of the build besides its output folder. */
export interface StepContext {
  /** Astro's cache folder (where the threads loader left the bodies and mail files). */
  cacheDir: string;
  /** The shard a sharded build renders (`--shard i/N`), or null for a whole build. */
  shard: Shard | null;
  /** Which pages this build rendered or removed, when it built on the kept output (render-plan.ts). */
  changes: PageChanges;
}

/** One step of the build's end: a name for its log lines, and the work, which returns its summary. */
export interface BuildStep {
  /** Label of its log lines (`lockstep-pagefind`). */
  name: string;
  /**
   * Steps (named, earlier in the list) whose output this one needs. A step waits for these only, so
   * steps that share nothing run side by side: Pagefind indexes in its own process on one core while
   * this process places mail files and gzips pages on the other.
   */
  after?: readonly string[];
  /** Works on the output folder; resolves to a one-line summary (the runner adds the time). */
  run(outDir: string, logger: StepLogger, context: StepContext): Promise<string>;
}

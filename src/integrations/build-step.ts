// What one of the steps run after Astro has written the pages is (lockstep.ts runs them in order).

import type { RouteType } from 'astro';
import type { Shard } from '../lib/shards/shard.ts';
import type { PageChanges } from './render-plan.ts';

/** The logger a step writes to (Astro's integration logger, forked under the step's name). */
export interface StepLogger {
  info(message: string): void;
  warn(message: string): void;
}

/** A page as Astro rendered it: the bytes it writes, and the kind of its route. */
export interface RenderedPage {
  readonly bytes: Uint8Array;
  /**
   * The kind of its route: a `page` is written as `<url>index.html`; an `endpoint` under its own name,
   * even when requested with a `/` after it (`/diagrams/x.svg/` is the file `diagrams/x.svg`).
   */
  readonly route: RouteType;
}

/** Takes pages as Astro renders them, so that a step's work on them overlaps the rendering. */
export interface PageWatcher {
  /** True for the URL (as served, `/threads/<slug>/`) of a page the watcher wants to see. */
  wants(url: string): boolean;
  /** Takes a wanted page as rendered. Must not throw: the step's `run` reports what went wrong. */
  page(url: string, page: RenderedPage): void;
  /**
   * Takes, before the rendering starts, the URLs of every page it wants that Astro is to render, so
   * it knows when it has seen the last one and can finish its work while the other pages render.
   */
  expect?(urls: readonly string[]): void;
}

/** What a step knows before the pages are rendered. */
export interface WatchContext {
  /** The shard a sharded build renders, or null for a whole build. */
  shard: Shard | null;
  /** True when the build renders only what changed on top of the kept output (render-plan.ts). */
  incremental: boolean;
  /** The output folder. */
  outDir: string;
  /** Astro's cache folder (where the threads loader left the bodies and mail files). */
  cacheDir: string;
}

/** What a step knows of the build besides its output folder. */
export interface StepContext {
  /** Astro's cache folder (where the threads loader left the bodies and mail files). */
  cacheDir: string;
  /** The shard a sharded build renders (`--shard i/N`), or null for a whole build. */
  shard: Shard | null;
  /** Which pages this build rendered or removed, when it built on the kept output (render-plan.ts). */
  changes: PageChanges;
  /** The watcher this step's `watch` returned for this build, which has seen the pages since. */
  watcher?: PageWatcher;
  /** What this step's `start` returned for this build (work begun before the pages). */
  started?: unknown;
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
  /**
   * Called before the pages are rendered: a watcher it returns is handed every page it wants as Astro
   * renders it (watched-prerenderer.ts), then given back to `run`.
   */
  watch?(context: WatchContext): PageWatcher | null;
  /**
   * Called before the pages are rendered, once the content is synced: begins work that needs only what
   * the content sync left (in a worker thread, on the core the rendering leaves idle). What it returns
   * is handed to `run` as `started`; null when the step does all its work in `run`.
   */
  start?(context: WatchContext): unknown;
  /** Works on the output folder; resolves to a one-line summary (the runner adds the time). */
  run(outDir: string, logger: StepLogger, context: StepContext): Promise<string>;
}

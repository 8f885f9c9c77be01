// Shiki in a worker thread during a build. On the bulk archive Shiki was some 5 s of the build's
// thread while the pages rendered (CPU profiles, 2026-12-03), and the other core was a third idle then.
// The build (integrations/lockstep.ts) names the worker's file in HIGHLIGHT_WORKER_ENV; without it
// (astro dev, tests), or on a worker that fails, the blocks are highlighted on the calling thread,
// with the same HTML.

import { isMainThread, Worker } from 'node:worker_threads';
import { HIGHLIGHT_WORKER_ENV } from '../lib/site/highlight-worker-env.ts';
import type { HighlightStyle } from './c-highlight-styles.ts';
import type { HighlightAnswer, HighlightJob } from './c-highlight-worker.ts';

/** Highlights blocks on another thread. */
export interface HighlightPool {
  /** `code` as Shiki's HTML in `style`; the thread's own highlighter's answer when the worker failed. */
  highlight(code: string, style: HighlightStyle): Promise<string>;
}

/** A highlighter of one block. */
type Highlight = (code: string, style: HighlightStyle) => Promise<string>;

let pool: HighlightPool | null | undefined;

/**
 * The process's pool, started on first use; null when the build named no worker or this is a worker.
 * `fallback` (the calling thread's highlighter) highlights what the worker could not.
 */
export function highlightPool(fallback: Highlight): HighlightPool | null {
  if (pool === undefined) {
    const file = process.env[HIGHLIGHT_WORKER_ENV];
    pool = file && isMainThread ? startPool(file, fallback) : null;
  }
  return pool;
}

/**
 * One worker: the build's thread renders the pages, and Pagefind's indexer and the gzip copies share
 * the other core with it. `fallback` highlights what the worker could not.
 */
export function startPool(file: string, fallback: Highlight): HighlightPool {
  // A job's promise settles with the worker's HTML or with the fallback's (resolve takes either).
  const waiting = new Map<number, { job: HighlightJob; resolve: (html: string | Promise<string>) => void }>();
  let worker: Worker | null = null;
  let failed = false;
  let next = 0;
  // Every job waiting goes to the fallback, and so does every later one.
  const fail = () => {
    failed = true;
    for (const { job, resolve } of waiting.values()) resolve(fallback(job.code, job.style));
    waiting.clear();
  };
  const started = (): Worker => {
    if (worker) return worker;
    const w = new Worker(file);
    w.on('message', (answer: HighlightAnswer) => {
      const entry = waiting.get(answer.id);
      waiting.delete(answer.id);
      if (entry) entry.resolve('html' in answer ? answer.html : fallback(entry.job.code, entry.job.style));
      // Idle, it must not keep the process alive.
      if (waiting.size === 0) w.unref();
    });
    w.on('error', fail);
    w.on('exit', fail);
    worker = w;
    return w;
  };
  return {
    highlight(code, style) {
      if (failed) return fallback(code, style);
      let w: Worker;
      try {
        w = started();
      } catch {
        fail();
        return fallback(code, style);
      }
      const job: HighlightJob = { id: next++, code, style };
      // Held open while answers are awaited: an awaited promise alone would let the process end.
      if (waiting.size === 0) w.ref();
      const html = new Promise<string>((resolve) => waiting.set(job.id, { job, resolve }));
      try {
        w.postMessage(job);
      } catch {
        // Never sent: nothing would answer it.
        waiting.delete(job.id);
        if (waiting.size === 0) w.unref();
        return fallback(code, style);
      }
      return html;
    },
  };
}

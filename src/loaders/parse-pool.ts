// Message decoding on every core: the threads loader hands pages to a few worker threads
// (parse-worker.ts), each parsing a page's mail and writing its body file. When workers cannot start
// (a runtime without TypeScript type stripping, or LOCKSTEP_PARSE_WORKERS=0) pages are parsed in the
// loader's own thread, with the same result.

import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { type PageData, readPageData } from './page-data.ts';
import type { ParseRequest } from './parse-worker.ts';
import type { MentionScan } from './thread-mentions.ts';
import type { ThreadPage } from './thread-pages.ts';

/** Parses pages, several at once. */
export interface ParsePool {
  parse(page: ThreadPage, cacheDir: string, digest: string): Promise<PageData>;
  /** How many pages it works on at once (1 without workers). */
  readonly size: number;
  close(): Promise<void>;
}

/** Workers to start: one per core (at most 4: past that, reading files is what bounds the loader). */
export function parseWorkerCount(env: Record<string, string | undefined> = process.env): number {
  const asked = env.LOCKSTEP_PARSE_WORKERS;
  if (asked !== undefined && /^\d+$/.test(asked)) return Number(asked);
  return Math.min(4, availableParallelism());
}

/**
 * A pool of `count` worker threads, or the loader's own thread when `count` is below 2. `warn` hears
 * when the workers could not run and the loader's thread took over. With a `scan`, each page's symbol
 * mentions are found and kept too (thread-mentions.ts); a worker gets it once, when it starts.
 */
export function createParsePool(
  count: number = parseWorkerCount(),
  warn: (text: string) => void = () => {},
  scan: MentionScan | null = null,
): ParsePool {
  const here = (page: ThreadPage, cacheDir: string, digest: string) =>
    readPageData(page, cacheDir, digest, scan);
  const inline: ParsePool = { parse: here, size: 1, close: async () => {} };
  if (count < 2) return inline;
  let workers: Worker[];
  try {
    workers = Array.from(
      { length: count },
      () => new Worker(new URL('./parse-worker.ts', import.meta.url), { workerData: { scan } }),
    );
  } catch (error) {
    warn(`parse workers could not start (${(error as Error).message}); parsing in one thread`);
    return inline;
  }
  const waiting = new Map<number, { resolve: (d: PageData) => void; reject: (e: Error) => void }>();
  // Pages each worker has been sent and not answered: a page goes to the least busy worker, as thread
  // sizes vary a hundredfold and a round robin left one core idle behind the other's long threads.
  const busy = workers.map(() => 0);
  let failed: Error | null = null;
  for (const [w, worker] of workers.entries()) {
    worker.on('message', (reply: { id: number; data?: PageData; error?: string }) => {
      busy[w] = (busy[w] as number) - 1;
      const job = waiting.get(reply.id);
      waiting.delete(reply.id);
      if (reply.error !== undefined) job?.reject(new Error(reply.error));
      else job?.resolve(reply.data as PageData);
    });
    // A worker that dies (it could not load its module) fails whatever it was given.
    worker.on('error', (error: unknown) => {
      if (!failed) warn(`a parse worker failed (${String(error)}); parsing the rest in one thread`);
      failed = error instanceof Error ? error : new Error(String(error));
      for (const job of waiting.values()) job.reject(failed);
      waiting.clear();
    });
  }
  let next = 0;
  return {
    size: count,
    parse(page, cacheDir, digest) {
      if (failed) return here(page, cacheDir, digest);
      const id = next++;
      const w = busy.indexOf(Math.min(...busy));
      busy[w] = (busy[w] as number) + 1;
      const worker = workers[w] as Worker;
      return new Promise<PageData>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        worker.postMessage({ id, page, cacheDir, digest } satisfies ParseRequest);
      }).catch((error: Error) => {
        // Workers that could not start leave the page to this thread; a parse error is the page's own.
        if (failed) return here(page, cacheDir, digest);
        throw error;
      });
    },
    close: async () => {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

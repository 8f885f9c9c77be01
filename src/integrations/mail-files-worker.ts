// A worker thread that places a full build's mail files (mail-files.ts placeMailFiles) while the pages
// render: the links are synchronous calls that would hold the build's event loop, and the rendering
// leaves the other core idle. It posts a `tick` per page, then `done` with what it placed (or `error`).

import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { ownsThread, type Shard } from '../lib/shards/shard.ts';
import type { MailManifestEntry } from '../loaders/mail-files.ts';
import { placeMailFiles } from './mail-files.ts';

/** What the worker is started with. */
export interface PlacementJob {
  outDir: string;
  entries: MailManifestEntry[];
  shard: Shard | null;
}

/** What the worker posts. */
export type PlacementMessage =
  | { kind: 'tick' }
  | { kind: 'done'; result: Awaited<ReturnType<typeof placeMailFiles>> }
  | { kind: 'error'; message: string };

/** The nice value of the worker's thread (the build's is 0; 19 is the lowest priority). */
const BACKGROUND_NICE = 10;

const post = (message: PlacementMessage) => parentPort?.postMessage(message);

if (parentPort) {
  // Background work: done long before the last page, it is to take only what the rendering leaves of
  // the CPU (it makes the gzip copies too). On Linux a thread's nice value is its own: this lowers the
  // worker, not the build (elsewhere it would lower the whole process, so it is left as it is).
  if (process.platform === 'linux') setPriority(BACKGROUND_NICE);
  const { outDir, entries, shard } = workerData as PlacementJob;
  placeMailFiles(outDir, entries, { tick: () => post({ kind: 'tick' }) }, (slug) => ownsThread(shard, slug))
    .then((result) => post({ kind: 'done', result }))
    .catch((error: Error) => post({ kind: 'error', message: error.message }));
}

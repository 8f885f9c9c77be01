// A worker thread that places a full build's mail files (mail-files.ts placeMailFiles) while the pages
// render: the links are synchronous calls that would hold the build's event loop, and the rendering
// leaves the other core idle. It posts a `tick` per page, then `done` with what it placed (or `error`).

import { parentPort, workerData } from 'node:worker_threads';
import { ownsThread, type Shard } from '../lib/shards/shard.ts';
import type { MailManifestEntry } from '../loaders/mail-files.ts';
import { runInBackground } from './background-thread.ts';
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

const post = (message: PlacementMessage) => parentPort?.postMessage(message);

if (parentPort) {
  // Done long before the last page (gzip copies included): it takes what the rendering leaves.
  runInBackground();
  const { outDir, entries, shard } = workerData as PlacementJob;
  placeMailFiles(outDir, entries, { tick: () => post({ kind: 'tick' }) }, (slug) => ownsThread(shard, slug))
    .then((result) => post({ kind: 'done', result }))
    .catch((error: Error) => post({ kind: 'error', message: error.message }));
}

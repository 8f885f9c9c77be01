// A worker thread that writes the gzip copies of pages as Astro renders them (precompress.ts,
// RenderedPageGzips): the compression and the file writes leave the build's thread, which renders.
// Each job is answered with the bytes its copy saves (0: no copy, not smaller), or null when it failed.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parentPort } from 'node:worker_threads';
import { gzipCopyBytes } from '../loaders/gzip-copy.ts';

/** One page to copy: its file's path, and its bytes as rendered. */
export interface GzipJob {
  id: number;
  path: string;
  bytes: Uint8Array;
}

/** The answer to a job. */
export interface GzipDone {
  id: number;
  saved: number | null;
}

parentPort?.on('message', ({ id, path, bytes }: GzipJob) => {
  let saved: number | null = 0;
  try {
    const packed = gzipCopyBytes(bytes);
    if (packed) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(`${path}.gz`, packed);
      saved = bytes.byteLength - packed.byteLength;
    }
  } catch {
    saved = null;
  }
  parentPort?.postMessage({ id, saved } satisfies GzipDone);
});

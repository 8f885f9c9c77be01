// Worker thread of the loader's parse pool (parse-pool.ts): parses the pages it is sent and writes their
// message and body files, answering with those files' paths. Plain Node runs it from source (type
// stripping), as it runs the import CLI: nothing here may need Vite or Astro.

import { parentPort, workerData } from 'node:worker_threads';
import { installJoinedBlob } from './joined-blob.ts';
import { readPageData } from './page-data.ts';
import type { MentionScan } from './thread-mentions.ts';
import type { ThreadPage } from './thread-pages.ts';

/** One request: a page, where its body file goes, and the request's number. */
export interface ParseRequest {
  id: number;
  page: ThreadPage;
  cacheDir: string;
  digest: string;
}

installJoinedBlob();

/** The symbol scan the pool started this worker with (parse-pool.ts), or null. */
const scan = ((workerData as { scan?: MentionScan | null } | null)?.scan ?? null) as MentionScan | null;

parentPort?.on('message', async (request: ParseRequest) => {
  try {
    const data = await readPageData(request.page, request.cacheDir, request.digest, scan);
    parentPort?.postMessage({ id: request.id, data });
  } catch (error) {
    parentPort?.postMessage({ id: request.id, error: (error as Error).message ?? String(error) });
  }
});

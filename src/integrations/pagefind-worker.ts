// A worker thread that holds a full build's search index (pagefind.ts, ThreadedIndexFeed): it takes each
// indexed page's bytes as Astro renders it, strips them for Pagefind and hands them to Pagefind's
// service, writes the bundle as soon as the last page it was told of is in, then reports and ends.
// The build's thread only posts the pages: preparing and sending them was 2.2 s of it on the bulk archive.

import { parentPort, workerData } from 'node:worker_threads';
import * as pagefind from 'pagefind';
import { IndexFeed } from './pagefind.ts';

/** What the build's thread posts: the pages to come, then each page as rendered. */
export type IndexFeedMessage =
  | { kind: 'expect'; urls: string[] }
  | { kind: 'page'; url: string; bytes: Uint8Array };

/** What the worker posts once, when the bundle is written (or could not be). */
export type IndexFeedReport =
  | {
      kind: 'written';
      pages: number;
      parts: number;
      /** From the last page in to the bundle written. */
      seconds: number;
      /** The first part of it: Pagefind taking the pages it had not taken yet. */
      takingSeconds: number;
    }
  | { kind: 'failed'; message: string };

const decoder = new TextDecoder();

if (parentPort) {
  const port = parentPort;
  const feed = new IndexFeed((workerData as { bundle: string }).bundle);
  let reporting = false;
  // Once the feed has begun writing: waits for the bundle, says how it went, and ends the worker.
  const report = async () => {
    const early = feed.early;
    if (!early || reporting) return;
    reporting = true;
    let message: IndexFeedReport;
    try {
      await early.done;
      const seconds = (performance.now() - early.started) / 1000;
      const takingSeconds = ((early.taken ?? early.started) - early.started) / 1000;
      message = { kind: 'written', pages: feed.seen.size, parts: feed.parts, seconds, takingSeconds };
    } catch (error) {
      message = { kind: 'failed', message: (error as Error).message };
    }
    await pagefind.close();
    port.postMessage(message);
    port.close();
  };
  port.on('message', (message: IndexFeedMessage) => {
    if (message.kind === 'expect') feed.expect(message.urls);
    else feed.take(message.url, decoder.decode(message.bytes));
    void report();
  });
}

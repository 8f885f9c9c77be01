// The highlight worker (c-highlight-pool.ts): highlights each block it is sent with the site's C
// highlighter, on its own thread, and answers with the HTML or the error.

import { parentPort } from 'node:worker_threads';
import type { HighlightStyle } from './c-highlight-styles.ts';
import { highlightC } from './c-highlighter.ts';

/** A block to highlight. */
export interface HighlightJob {
  id: number;
  code: string;
  style: HighlightStyle;
}

/** The worker's answer to a job. */
export type HighlightAnswer = { id: number; html: string } | { id: number; error: string };

parentPort?.on('message', (job: HighlightJob) => {
  highlightC(job.code, job.style).then(
    (html) => parentPort?.postMessage({ id: job.id, html } satisfies HighlightAnswer),
    (error: unknown) =>
      parentPort?.postMessage({ id: job.id, error: String(error) } satisfies HighlightAnswer),
  );
});

import { getPriority } from 'node:os';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';

// The worker is a small ES module that imports the real helper and reports its own priority.
const helper = new URL('../../../src/integrations/background-thread.ts', import.meta.url).href;
const script = `
  import { parentPort } from 'node:worker_threads';
  import { getPriority } from 'node:os';
  const { runInBackground } = await import(${JSON.stringify(helper)});
  const before = getPriority();
  runInBackground();
  parentPort.postMessage({ before, after: getPriority() });
`;

describe('background worker threads', () => {
  it('lower their own priority on Linux (nothing elsewhere) and leave the build’s thread as it was', async () => {
    const main = getPriority();
    const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(script)}`));
    const seen = await new Promise<{ before: number; after: number }>((done, fail) => {
      worker.once('message', done);
      worker.once('error', fail);
    });
    await worker.terminate();
    if (process.platform === 'linux') expect(seen.after).toBeGreaterThan(seen.before);
    else expect(seen.after).toBe(seen.before);
    expect(getPriority()).toBe(main);
  });
});

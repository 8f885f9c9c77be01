// The build highlights C in a worker thread: its HTML must be what the calling thread would make, and
// a worker that cannot run must cost time only, never a block.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startPool } from '../../../src/components/c-highlight-pool.ts';
import type { HighlightStyle } from '../../../src/components/c-highlight-styles.ts';
import { highlightC } from '../../../src/components/c-highlighter.ts';

const WORKER = fileURLToPath(new URL('../../../src/components/c-highlight-worker.ts', import.meta.url));

// Written here: a few lines in the kernel's style.
const CODE = [
  'static void gadget_release(struct gadget *g)',
  '{',
  '\tspin_lock_irq(&g->lock);',
  '\tlist_del_init(&g->node);',
  '\tspin_unlock_irq(&g->lock);',
  '}',
].join('\n');

const STYLES: HighlightStyle[] = [
  { kind: 'mail' },
  { kind: 'kernel-excerpt', startLine: 120, highlight: [122, 124], inline: false },
  { kind: 'kernel-excerpt', startLine: 7, highlight: [], inline: true },
  { kind: 'plain' },
];

describe('highlight worker', () => {
  it('makes the same HTML as the calling thread, for every style, many blocks at once', async () => {
    const pool = startPool(WORKER, () => Promise.reject(new Error('the worker should have answered')));
    const jobs = STYLES.flatMap((style) =>
      Array.from({ length: 5 }, (_, i) => ({ style, code: `${CODE}\n/* block ${i} */` })),
    );
    const fromWorker = await Promise.all(jobs.map((job) => pool.highlight(job.code, job.style)));
    const here = await Promise.all(jobs.map((job) => highlightC(job.code, job.style)));
    expect(fromWorker).toEqual(here);
    expect(new Set(fromWorker).size).toBe(jobs.length);
  });

  it('falls back to the calling thread when the worker cannot start, for this block and the next', async () => {
    let fellBack = 0;
    const pool = startPool('/nonexistent/c-highlight-worker.ts', (code, style) => {
      fellBack += 1;
      return highlightC(code, style);
    });
    expect(await pool.highlight(CODE, { kind: 'mail' })).toBe(await highlightC(CODE, { kind: 'mail' }));
    expect(await pool.highlight('int x;', { kind: 'plain' })).toBe(await highlightC('int x;'));
    expect(fellBack).toBe(2);
  });
});

// Runs a model in a fresh Web Worker with a time budget: if no answer comes in time the worker is
// terminated, so an endless loop in an edited model cannot hang the page.

import type { DiagramField } from '../../lib/scenario-runtime/diagram-kinds/index.ts';
import type { SimResult } from '../../lib/scenario-runtime/sim-data.ts';

/** What the worker is asked to do: explore a bundled scenario (as data) or an edited model (as source). */
export type RunRequest =
  | { kind: 'scenario'; scenario: unknown; maxStates: number; maxMs: number }
  | {
      kind: 'source';
      source: string;
      /** The model's file name (`fix-del-timer.ts`), so its sibling imports resolve beside it. */
      name: string;
      /** Sources of the sibling models it imports (file name → TypeScript), as the page holds them. */
      siblings: Record<string, string>;
      maxStates: number;
      maxMs: number;
    };

/**
 * A finished run: the result plus each diagram kind's Mermaid text for the (possibly edited) model, under
 * the kind's `field` (lib/scenario-runtime/diagram-kinds/; `sequence` and `graph` are named as before).
 */
export interface RunSuccess extends Record<DiagramField, string> {
  ok: true;
  result: SimResult;
  sequence: string;
  /** The counterexample as text of at most 72 columns (the Text export). */
  sequenceText: string;
  graph: string;
  edgeIds: string[];
}

/** A failed run and the phase that failed. */
export interface RunFailure {
  ok: false;
  phase: 'transpile' | 'evaluate' | 'check' | 'explore' | 'timeout' | 'worker';
  error: string;
  /** Line of the edited model the error points at (1-based), when it can be told. */
  line?: number;
  /** The model node a compile error names (inside the worker only; replaced by `line`). */
  problemNode?: object;
}

/** Outcome of runInWorker. */
export type RunOutcome = RunSuccess | RunFailure;

/** Posts `request` to a new worker; resolves with its answer, or a timeout failure after `timeoutMs`. */
export function runInWorker(request: RunRequest, timeoutMs: number): Promise<RunOutcome> {
  // Two literal URLs so the bundler emits both workers; only the edit worker carries the transpiler.
  const worker =
    request.kind === 'source'
      ? new Worker(new URL('./edit-worker.ts', import.meta.url), { type: 'module', name: 'ls-sim-edit' })
      : new Worker(new URL('./sim-worker.ts', import.meta.url), { type: 'module', name: 'ls-sim' });
  return new Promise((resolve) => {
    const finish = (outcome: RunOutcome) => {
      clearTimeout(timer);
      worker.terminate();
      resolve(outcome);
    };
    const timer = setTimeout(
      () =>
        finish({
          ok: false,
          phase: 'timeout',
          error:
            `Stopped: the model did not finish within ${timeoutMs / 1000} s (an endless loop?). ` +
            'Its worker was terminated; the page is unaffected.',
        }),
      timeoutMs,
    );
    worker.addEventListener('message', (event: MessageEvent<RunOutcome>) => finish(event.data));
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      finish({ ok: false, phase: 'worker', error: `The worker failed: ${event.message || 'unknown error'}` });
    });
    worker.postMessage(request);
  });
}

// Worker for edited models: strips the types (Sucrase), evaluates the reader's model here and only
// here, checks its shape and explores it. The page terminates this worker when it runs out of time,
// so an endless loop in the model cannot hang the page. A separate worker from sim-worker.ts so a
// plain Run does not download the transpiler.

import type { Scenario } from '../../lib/locks/index.ts';
import {
  checkScenario,
  locateInSource,
  ModelSourceError,
  syntaxErrorLine,
  transpileModel,
} from '../../lib/scenario-runtime/model-source.ts';
import type { RunOutcome, RunRequest } from './run-client.ts';
import { exploreToOutcome, serve } from './worker-core.ts';

serve((request: RunRequest): RunOutcome => {
  if (request.kind !== 'source')
    return { ok: false, phase: 'worker', error: 'this worker runs edited models only' };
  let scenario: Scenario;
  try {
    scenario = evaluateModel(request.source);
  } catch (error) {
    const phase = error instanceof ModelSourceError ? error.phase : 'evaluate';
    const message = (error as Error).message;
    const line =
      phase === 'transpile'
        ? syntaxErrorLine(message)
        : locateInSource(request.source, error instanceof ModelSourceError ? error.hint : undefined);
    return { ok: false, phase, error: message, ...(line ? { line } : {}) };
  }
  const outcome = exploreToOutcome(scenario, request);
  if (outcome.ok || !outcome.problemNode) return outcome;
  // A compile error names the step at fault: point at its line in the reader's source.
  const node = outcome.problemNode as { op?: unknown; target?: unknown };
  const line = locateInSource(request.source, {
    ...(typeof node.op === 'string' ? { op: node.op } : {}),
    ...(typeof node.target === 'string' ? { target: node.target } : {}),
  });
  const { problemNode: _n, ...rest } = outcome;
  return line ? { ...rest, line } : rest;
});

function evaluateModel(source: string): Scenario {
  const code = transpileModel(source);
  const exports: Record<string, unknown> = {};
  const require = (name: string) => {
    throw new ModelSourceError('evaluate', `A model may import only types; it imports '${name}'.`);
  };
  try {
    // Deliberate: the reader's own model runs in this worker, never on the page (docs/simulations.md).
    new Function('exports', 'require', code)(exports, require);
  } catch (error) {
    if (error instanceof ModelSourceError) throw error;
    throw new ModelSourceError('evaluate', `The model threw: ${(error as Error).message}`);
  }
  return checkScenario(exports.default);
}

// Worker for edited models: strips the types (Sucrase), evaluates the reader's model here and only
// here, checks its shape and explores it. The page terminates this worker when it runs out of time,
// so an endless loop in the model cannot hang the page. A separate worker from sim-worker.ts so a
// plain Run does not download the transpiler.

import type { Scenario } from '../../lib/locks/index.ts';
import { evaluateModel } from '../../lib/scenario-runtime/model-eval.ts';
import { locateInSource, ModelSourceError } from '../../lib/scenario-runtime/model-source.ts';
import type { RunOutcome, RunRequest } from './run-client.ts';
import { exploreToOutcome, serve } from './worker-core.ts';

serve((request: RunRequest): RunOutcome => {
  if (request.kind !== 'source')
    return { ok: false, phase: 'worker', error: 'this worker runs edited models only' };
  let scenario: Scenario;
  try {
    // The same evaluator as the build: sibling models (`./<name>.ts`) resolve from the sources the
    // page sent, the derivation helpers from this bundle; any other import is refused at its line.
    scenario = evaluateModel(request.name, { ...request.siblings, [request.name]: request.source }).scenario;
  } catch (error) {
    const known = error instanceof ModelSourceError ? error : undefined;
    const line = known?.line ?? locateInSource(request.source, known?.hint);
    return {
      ok: false,
      phase: known?.phase ?? 'evaluate',
      error: (error as Error).message,
      ...(line ? { line } : {}),
    };
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

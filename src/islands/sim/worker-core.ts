// What both simulation workers do once they hold a Scenario: run the one analysis pipeline
// (lib/scenario-runtime/analyse.ts) within the budget and answer with its result and diagram text. Shared by sim-worker.ts (bundled models) and edit-worker.ts (edited ones).

import { scenarioTable } from '../../lib/diagrams/index.ts';
import type { Scenario } from '../../lib/locks/index.ts';
import { analyseScenario, mermaidByField } from '../../lib/scenario-runtime/analyse.ts';
import type { RunOutcome } from './run-client.ts';

/** Explores `scenario` within `budget`; errors (bad references in the model) come back as failures. */
export function exploreToOutcome(
  scenario: Scenario,
  budget: { maxStates: number; maxMs: number },
): RunOutcome {
  try {
    // Partial-order reduction keeps every verdict and only applies to models of independent parts (it
    // is off for single-component and cycling models, so their counts and shortest traces are as before).
    const a = analyseScenario(scenario, { ...budget, reduce: { por: true } });
    return {
      ok: true,
      result: a.result,
      ...mermaidByField(a),
      sequenceText: scenarioTable(a.explored, 72),
      edgeIds: a.edgeIds,
    };
  } catch (error) {
    const problems = (error as { problems?: { node?: object }[] }).problems;
    const node = problems?.find((p) => p.node)?.node;
    return {
      ok: false,
      phase: 'explore',
      error: (error as Error).message,
      ...(node ? { problemNode: node } : {}),
    };
  }
}

/** Answers each message of this worker with `handle`'s outcome. */
export function serve<T>(handle: (request: T) => RunOutcome): void {
  self.addEventListener('message', (event: MessageEvent<T>) => {
    (self as unknown as Worker).postMessage(handle(event.data));
  });
}

// What both simulation workers do once they hold a Scenario: explore it within the budget and draw
// the diagrams' Mermaid text. Shared by sim-worker.ts (bundled models) and edit-worker.ts (edited ones).

import { lockGraphMermaid, scenarioTable, sequenceMermaid } from '../../lib/diagrams/index.ts';
import { explore, type Scenario, validateScenario } from '../../lib/locks/index.ts';
import { graphEdgeIds } from '../../lib/scenario-runtime/edge-map.ts';
import { toSimResult } from '../../lib/scenario-runtime/sim-data.ts';
import type { RunOutcome } from './run-client.ts';

/** Explores `scenario` within `budget`; errors (bad references in the model) come back as failures. */
export function exploreToOutcome(
  scenario: Scenario,
  budget: { maxStates: number; maxMs: number },
): RunOutcome {
  try {
    // Partial-order reduction keeps every verdict and only applies to models of independent parts (it
    // is off for single-component and cycling models, so their counts and shortest traces are as before).
    const r = explore(scenario, { ...budget, reduce: { por: true } });
    const graph = lockGraphMermaid(validateScenario(scenario), `${scenario.id} lock dependency graph`);
    return {
      ok: true,
      result: toSimResult(r, scenario.cpus),
      sequence: sequenceMermaid(r),
      sequenceText: scenarioTable(r, 72),
      graph,
      edgeIds: graphEdgeIds(graph),
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

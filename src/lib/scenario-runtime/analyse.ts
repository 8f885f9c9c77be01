// The one analysis pipeline of a scenario model: explore → validate → diagram text → edge ids → result.
// The build (src/site-data/scenario-views.ts) and the browser workers (islands/sim/worker-core.ts) both
// call it, so a bundled model and an edited one are checked and drawn by the same steps.

import { lockGraphMermaid, sequenceMermaid } from '../diagrams/index.ts';
import {
  type Budget,
  type ExploreResult,
  explore,
  type LockdepReport,
  type Scenario,
  validateScenario,
} from '../locks/index.ts';
import { graphEdgeIds } from './edge-map.ts';
import { type SimResult, toSimResult } from './sim-data.ts';

/** Everything one run of the pipeline knows about a scenario. */
export interface ScenarioAnalysis {
  scenario: Scenario;
  /** The explorer's full result (trace with replay moves; the text table reads it). */
  explored: ExploreResult;
  /** The slice of `explored` a browser steps through. */
  result: SimResult;
  /** What the lockdep-style validator says of the model. */
  report: LockdepReport;
  /** Mermaid text of the counterexample (sequence diagram). */
  sequence: string;
  /** Mermaid text of the lock dependency graph. */
  graph: string;
  /** The lock graph's edge ids in drawing order (edge N of the SVG is `edgeIds[N]`). */
  edgeIds: string[];
}

/** Explores `scenario` within `budget`, validates it and writes both diagrams' text; throws on a bad model. */
export function analyseScenario(scenario: Scenario, budget: Budget = {}): ScenarioAnalysis {
  const explored = explore(scenario, budget);
  const report = validateScenario(scenario);
  const graph = lockGraphMermaid(report, `${scenario.id} lock dependency graph`);
  return {
    scenario,
    explored,
    result: toSimResult(explored, scenario.cpus),
    report,
    sequence: sequenceMermaid(explored),
    graph,
    edgeIds: graphEdgeIds(graph),
  };
}

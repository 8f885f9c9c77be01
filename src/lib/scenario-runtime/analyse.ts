// The one analysis pipeline of a scenario model: explore → validate → diagram text → edge ids → result.
// The build (src/site-data/scenario-views.ts) and the browser workers (islands/sim/worker-core.ts) both
// call it, so a bundled model and an edited one are checked and drawn by the same steps.

import { type Budget, type ExploreResult, explore, type Scenario, validateScenario } from '../locks/index.ts';
import {
  DIAGRAM_KINDS,
  type DiagramField,
  type DiagramKindId,
  type Explored,
} from './diagram-kinds/index.ts';
import { graphEdgeIds } from './edge-map.ts';
import { toSimResult } from './sim-data.ts';

/** Everything one run of the pipeline knows about a scenario. */
export interface ScenarioAnalysis extends Explored {
  /** Mermaid text of each diagram kind, by kind id. */
  mermaid: Record<DiagramKindId, string>;
  /** The lock graph's edge ids in drawing order (edge N of the SVG is `edgeIds[N]`). */
  edgeIds: string[];
}

/** Explores a scenario within a budget: the model checker itself, or a store of its answers in front of it. */
export type Explorer = (scenario: Scenario, budget: Budget) => ExploreResult;

/**
 * Explores `scenario` within `budget` (with `explorer`), validates it and writes every diagram's text;
 * throws on a bad model.
 */
export function analyseScenario(
  scenario: Scenario,
  budget: Budget = {},
  explorer: Explorer = explore,
): ScenarioAnalysis {
  const explored = explorer(scenario, budget);
  const base: Explored = {
    scenario,
    explored,
    result: toSimResult(explored, scenario.cpus),
    report: validateScenario(scenario),
  };
  const mermaid = Object.fromEntries(DIAGRAM_KINDS.map((k) => [k.id, k.mermaid(base)])) as Record<
    DiagramKindId,
    string
  >;
  return { ...base, mermaid, edgeIds: graphEdgeIds(mermaid['lock-graph']) };
}

/** Each kind's Mermaid text under its field name in the simulation worker's answer (`sequence`, `graph`). */
export function mermaidByField(a: ScenarioAnalysis): Record<DiagramField, string> {
  return Object.fromEntries(DIAGRAM_KINDS.map((k) => [k.field, a.mermaid[k.id]])) as Record<
    DiagramField,
    string
  >;
}

// The lock dependency graph as lockdep sees the model: classes, dependencies, the chain in red.

import { graphText, lockGraphMermaid } from '../../diagrams/index.ts';
import { graphEdgeIds } from '../edge-map.ts';
import { graphSummary } from '../summaries.ts';
import { finishGraphSvg } from '../svg-annotate.ts';
import type { DiagramKind } from './kind.ts';

/** The lock-graph kind. */
export const lockGraphKind = {
  id: 'lock-graph',
  field: 'graph',
  name: 'lock dependency graph',
  heading: "Lock dependency graph (lockdep's view; chain in red)",
  embedHeading: 'Lock dependency graph',
  label: 'Lock dependency graph',
  mermaid: (a) => lockGraphMermaid(a.report, `${a.scenario.id} lock dependency graph`),
  // Edge ids come from the `%% edge N` comments of the same text, so drawn edge N gets data-edge.
  annotate: (svg, mermaid) => finishGraphSvg(svg, graphEdgeIds(mermaid)),
  summary: (a) => graphSummary(a.report),
  text: (a, width) => graphText(a.report, width),
} as const satisfies DiagramKind;

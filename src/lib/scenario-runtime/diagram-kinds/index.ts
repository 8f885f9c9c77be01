// The registry of diagram kinds. The analysis pipeline, the scenario panel, the export endpoints, the
// embed page, the browser redraw of an edited model and `simulate --format` all read this list, so a new
// kind is one file beside these and one line here (docs/architecture.md shows an example).

import { lockGraphKind } from './lock-graph.ts';
import { sequenceKind } from './sequence.ts';

export type { DiagramKind, Explored } from './kind.ts';

/** Every diagram kind, in the order a scenario panel shows them. */
export const DIAGRAM_KINDS = [sequenceKind, lockGraphKind] as const;

/** A diagram kind's id (`sequence`, `lock-graph`). */
export type DiagramKindId = (typeof DIAGRAM_KINDS)[number]['id'];

/** The name of a kind's field in the simulation worker's answer (`sequence`, `graph`). */
export type DiagramField = (typeof DIAGRAM_KINDS)[number]['field'];

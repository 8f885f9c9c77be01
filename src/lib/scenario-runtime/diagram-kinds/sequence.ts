// The counterexample as a sequence diagram: one lifeline per CPU context, arrow N is step N.

import { scenarioTable, sequenceMermaid } from '../../diagrams/index.ts';
import { sequenceSummary } from '../summaries.ts';
import { finishSequenceSvg } from '../svg-annotate.ts';
import type { DiagramKind } from './kind.ts';

/** The sequence-diagram kind. */
export const sequenceKind = {
  id: 'sequence',
  field: 'sequence',
  name: 'counterexample',
  heading: 'Counterexample: one lifeline per CPU context, arrow N is step N',
  embedHeading: 'Counterexample (arrow N is step N)',
  label: 'Sequence diagram',
  mermaid: (a) => sequenceMermaid(a.explored),
  annotate: (svg) => finishSequenceSvg(svg),
  summary: (a) => sequenceSummary(a.result),
  text: (a, width) => scenarioTable(a.explored, width),
} as const satisfies DiagramKind;

// The public face of lib/diagrams: model, trace and report → Mermaid and plain text.

export { lockGraphMermaid, usageMarks } from './lock-graph.ts';
export { lockdepText } from './lockdep-table.ts';
export { scenarioTable } from './scenario-table.ts';
export { lifelines, sequenceMermaid } from './sequence.ts';
export { layoutColumns, wrapText } from './text-columns.ts';

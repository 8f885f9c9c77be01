// The public face of lib/diagrams: model, trace and report → Mermaid and plain text.

export { contrastRatio, luminance, parseHex } from './contrast.ts';
export { fitStyle, MIN_SCALE } from './fit.ts';
export { graphText } from './graph-text.ts';
export { lockGraphMermaid, usageMarks } from './lock-graph.ts';
export { lockdepText } from './lockdep-table.ts';
export { HOT_EDGE, NODE_CLASSES, PAGE_COLOURS, STANDALONE_THEME } from './palette.ts';
export { scenarioTable } from './scenario-table.ts';
export { lifelines, sequenceMermaid } from './sequence.ts';
export { layoutColumns, wrapText } from './text-columns.ts';

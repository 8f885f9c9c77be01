// The colours diagrams are drawn with, in one place: the lock-graph node classes (fixed colours, the
// same in both themes, so each carries its own dark text) and the light theme of standalone files.
// tests/unit/diagrams/palette.test.ts checks every text/fill pair against WCAG AA (4.5:1).

/** Fill, border and text colour of one kind of node. */
export interface NodeColours {
  fill: string;
  stroke: string;
  text: string;
}

/** Lock-graph node classes by irq usage (see lock-graph.ts for which class a lock gets). */
export const NODE_CLASSES = {
  safe: { fill: '#e3f0fb', stroke: '#1f5f99', text: '#0b2540' },
  unsafe: { fill: '#fdf0dc', stroke: '#9a5b00', text: '#3a2300' },
  both: { fill: '#fbe3e3', stroke: '#a32020', text: '#4a0d0d' },
} as const satisfies Record<string, NodeColours>;

/** Colours of standalone SVG/PNG exports (the site's light theme; `muted` is for notes and labels). */
export const STANDALONE_THEME = { bg: '#ffffff', fg: '#1d1d1b', muted: '#5d5b55' } as const;

/** The stroke of the edges of a finding (the chain in red). */
export const HOT_EDGE = '#c62828';

/** Colours of inline SVG: the page's, through aliases (an SVG setting --bg to var(--bg) would be a cycle). */
export const PAGE_COLOURS = { bg: 'var(--page-bg)', fg: 'var(--page-fg)', transparent: true } as const;

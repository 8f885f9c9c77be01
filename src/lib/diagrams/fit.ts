// How a diagram fits its column: scaled down to the column's width, but never below MIN_SCALE of its
// drawn size (its 11 px labels stay at least ~8 px); below that the column scrolls and the panels stack.
// The numbers go to CSS as custom properties (scenarios.css sizes the SVG; present mode fits the screen).

/** The smallest scale a diagram is shown at in a page column. */
export const MIN_SCALE = 0.75;

/** Inline CSS for an SVG drawn `width`×`height` px: its width, its smallest readable width, its aspect. */
export function fitStyle(width: number, height: number): string {
  const w = Math.ceil(width);
  const ratio = height > 0 ? Math.round((width / height) * 1000) / 1000 : 1;
  return `--w:${w}px;--min-w:${Math.ceil(w * MIN_SCALE)}px;--ar:${ratio}`;
}

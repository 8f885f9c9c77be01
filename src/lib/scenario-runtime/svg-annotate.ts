// Post-processing of beautiful-mermaid SVG so the page can point at parts of a diagram: arrow N of a
// sequence diagram gets `data-step="sN"`, edge N of a lock graph gets `data-edge="<edge id>"`.
// Plain string work (no DOM) because it runs at build time in Node.

import { fitStyle } from '../diagrams/fit.ts';

/**
 * Fonts for diagram text: Inter when installed (beautiful-mermaid sizes boxes for it), else the Arial
 * metric family (Arial, Liberation Sans, Helvetica: the same widths on Windows, Linux and macOS), which
 * its width estimate fits closely; system-ui (DejaVu Sans on Linux) is wider and spills out of boxes
 * (npm run bench:diagrams: 16 labels outside their box with system-ui, 5 with this stack).
 */
export const DIAGRAM_FONTS = "Inter, Arial, 'Liberation Sans', Helvetica, sans-serif";

/**
 * Drops beautiful-mermaid's Google Fonts `@import` (a third-party request the CSP would block, and a
 * privacy leak) and sets the local font stack DIAGRAM_FONTS; decodes Mermaid entity codes in text.
 */
export function stripRemoteFonts(svg: string): string {
  return decodeEntityCodes(svg)
    .replace(/^\s*@import url\([^)]*\);\s*$/gm, '')
    .replace(/font-family:\s*'Inter',[^;}]*/g, `font-family: ${DIAGRAM_FONTS}`);
}

/**
 * Turns Mermaid's entity codes (`#59;` for `;`, see lib/diagrams/mermaid-text.ts) in drawn text into
 * XML character references: Mermaid decodes them, beautiful-mermaid prints them as they are.
 */
export function decodeEntityCodes(svg: string): string {
  return svg.replace(
    /(<(?:text|tspan)\b[^>]*>)([^<]*)/g,
    (_m, open: string, body: string) => open + body.replace(/#(\d{1,6});/g, '&#$1;'),
  );
}

const NOTE_PAD_X = 12; // beautiful-mermaid's padding either side of a note's text

/**
 * Keeps each sequence-diagram note's text inside its box whatever font the reader has (the box is
 * sized from an estimate): the text is set to the box's inner width (`textLength`), and the drawing is
 * widened when a note sticks out past its right edge (otherwise the last note is clipped).
 */
export function fitNotes(svg: string): string {
  let right = 0;
  const out = svg.replace(/<g class="note"[^>]*>[\s\S]*?<\/g>/g, (group) => {
    const xs = (group.match(/points="([^"]*)"/)?.[1] ?? '')
      .split(/\s+/)
      .map((p) => Number(p.split(',')[0]))
      .filter(Number.isFinite);
    if (xs.length === 0) return group;
    const [min, max] = [Math.min(...xs), Math.max(...xs)];
    right = Math.max(right, max);
    const inner = Math.max(1, max - min - 2 * NOTE_PAD_X);
    return group.replace(
      /<text (?![^>]*textLength)/,
      `<text textLength="${inner.toFixed(1)}" lengthAdjust="spacingAndGlyphs" `,
    );
  });
  return out.replace(/<svg\b[^>]*>/, (root) => {
    const box = root.match(/viewBox="0 0 ([\d.]+) ([\d.]+)"/);
    const width = Number(box?.[1]);
    if (!box || !(right + 8 > width)) return root;
    const wider = (right + 8).toFixed(1);
    return root
      .replace(/viewBox="0 0 [\d.]+ /, `viewBox="0 0 ${wider} `)
      .replace(/\swidth="[\d.]+"/, ` width="${wider}"`);
  });
}

/**
 * Tags the Nth `<g class="message">` (arrow N, in trace order) with `data-step="sN"`, then the notes
 * (one per stuck context, after the arrows in the trace) with the following step ids.
 */
export function tagSequenceArrows(svg: string): string {
  let n = 0;
  const arrows = svg.replace(/<g class="message"/g, () => {
    n += 1;
    return `<g class="message" data-step="s${n}"`;
  });
  return arrows.replace(/<g class="note"/g, () => {
    n += 1;
    return `<g class="note" data-step="s${n}"`;
  });
}

/**
 * Tags the Nth drawn edge and the Nth edge label with `data-edge` from `edgeIds[N]` (the lock graph's
 * `%% edge N <id>` comments). beautiful-mermaid emits edges and labels in source order.
 */
export function tagGraphEdges(svg: string, edgeIds: readonly string[]): string {
  let edge = 0;
  let label = 0;
  const attr = (i: number) => {
    const id = edgeIds[i];
    return id === undefined ? '' : ` data-edge="${escapeAttr(id)}"`;
  };
  return svg
    .replace(
      /<(polyline|path|line) class="edge"/g,
      (_m, tag: string) => `<${tag} class="edge"${attr(edge++)}`,
    )
    .replace(/<g class="edge-label"/g, () => `<g class="edge-label"${attr(label++)}`);
}

/**
 * Makes a standalone SVG fit for inlining in a page: no root colour variables (the page's `--bg`/`--fg`
 * apply, so dark mode follows), an accessible name, and a style that scales it to its column within
 * MIN_SCALE (fitStyle). Width and height attributes stay (the drawn size, read by the full-size view).
 */
export function inlineSvg(svg: string, label: string): string {
  return svg.replace(/<svg\b([^>]*)>/, (_m, attrs: string) => {
    const kept = attrs.replace(/\sstyle="[^"]*"/, '').trim();
    const width = Number(attrs.match(/\swidth="([\d.]+)"/)?.[1] ?? Number.NaN);
    const height = Number(attrs.match(/\sheight="([\d.]+)"/)?.[1] ?? Number.NaN);
    const style = Number.isFinite(width) ? ` style="${fitStyle(width, height)}"` : '';
    return `<svg ${kept}${style} role="img" aria-label="${escapeAttr(label)}" focusable="false">`;
  });
}

/** Escapes text for a double-quoted XML/HTML attribute. */
export function escapeAttr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A drawn sequence diagram as pages show it: local fonts, notes fitted, arrows tagged by step. */
export function finishSequenceSvg(raw: string): string {
  return tagSequenceArrows(fitNotes(stripRemoteFonts(raw)));
}

/** A drawn lock graph as pages show it: local fonts, edges tagged with their ids. */
export function finishGraphSvg(raw: string, edgeIds: readonly string[]): string {
  return tagGraphEdges(stripRemoteFonts(raw), edgeIds);
}

// Post-processing of beautiful-mermaid SVG so the page can point at parts of a diagram: arrow N of a
// sequence diagram gets `data-step="sN"`, edge N of a lock graph gets `data-edge="<edge id>"`.
// Plain string work (no DOM) because it runs at build time in Node.

import { fitStyle } from '../diagrams/fit.ts';

/**
 * Drops beautiful-mermaid's Google Fonts `@import` (a third-party request the CSP would block, and a
 * privacy leak) and falls back to the system font stack.
 */
export function stripRemoteFonts(svg: string): string {
  return svg
    .replace(/^\s*@import url\([^)]*\);\s*$/gm, '')
    .replace(/font-family:\s*'Inter',\s*/g, 'font-family: ');
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

// Draws Mermaid text to SVG in the browser with the renderer the build uses (beautiful-mermaid, loaded
// on first use) and shows it through <img>: an image cannot run script, whatever text it holds.
import { stripRemoteFonts } from '../../lib/scenario-runtime/svg-annotate.ts';

// The report graphs' colours (as /report-graphs/*.svg are drawn at build time).
const LIGHT = { bg: '#fdfcf8', fg: '#1d1d1b' };
const DARK = { bg: '#16171a', fg: '#e6e4de' };

let renderer: Promise<typeof import('beautiful-mermaid')> | undefined;

/** Renders `mermaid` into `img` (a data: URL); marks the image `data-drawn` when done. */
export async function svgImage(img: HTMLImageElement, mermaid: string): Promise<void> {
  renderer ??= import('beautiful-mermaid');
  const { renderMermaidSVG } = await renderer;
  const dark = matchMedia('(prefers-color-scheme: dark)').matches;
  const svg = stripRemoteFonts(renderMermaidSVG(mermaid, dark ? DARK : LIGHT));
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  img.dataset.drawn = '';
}

// The export files of a diagram (`/diagrams/<id>.<ext>`), one row per extension: the one endpoint
// src/pages/diagrams/[file].ts serves them all and every diagram figure links them.

import type { Diagram } from './scenario-views.ts';

/** One export format of every diagram. */
export interface DiagramExport {
  /** File extension, without the dot. */
  ext: string;
  /** The download link's words under each diagram. */
  label: string;
  contentType: string;
  /** The file's text. */
  body(d: Diagram): string;
}

/** Every export format: standalone SVG (fixed light colours), 72-column text, Mermaid source. */
export const DIAGRAM_EXPORTS: readonly DiagramExport[] = [
  { ext: 'svg', label: 'SVG', contentType: 'image/svg+xml; charset=utf-8', body: (d) => d.standalone },
  { ext: 'txt', label: 'Text (72 columns)', contentType: 'text/plain; charset=utf-8', body: (d) => d.text },
  { ext: 'mmd', label: 'Mermaid', contentType: 'text/plain; charset=utf-8', body: (d) => d.mermaid },
];

/**
 * One file per diagram and export format: its name (`<id>.<ext>`), content type, and text, made when
 * asked for (an SVG's is a layout: the files are listed as the build's pages start, drawn as rendered).
 */
export function diagramFiles(
  diagrams: readonly Diagram[],
): { file: string; body: () => string; contentType: string }[] {
  return diagrams.flatMap((d) =>
    DIAGRAM_EXPORTS.map((x) => ({
      file: `${d.id}.${x.ext}`,
      body: () => x.body(d),
      contentType: x.contentType,
    })),
  );
}

// Build-time data for a lockdep report card: the chain graph as SVG, frame links, and the model the
// checker builds from the report ("Open as a scenario") with its verdict.

import { renderMermaidSVG } from 'beautiful-mermaid';
import { reportGraphMermaid } from '../lib/diagrams/report-graph.ts';
import { elixirIdentUrl } from '../lib/kernel/urls.ts';
import { releaseTag } from '../lib/kernel/versions.ts';
import type { LockdepReport, StackFrame } from '../lib/lockdep/types.ts';
import { stripRemoteFonts } from '../lib/scenario-runtime/svg-annotate.ts';

export { KIND_TITLES } from '../lib/lockdep/kind-titles.ts';

/** The chain graph as Mermaid text and a standalone SVG in the given colours (labels reduced to lock-name characters). */
export function reportGraph(
  report: LockdepReport,
  colors: { bg: string; fg: string },
): { mermaid: string; svg: string } | null {
  const mermaid = reportGraphMermaid(report);
  if (!mermaid) return null;
  return { mermaid, svg: reportGraphSvg(mermaid, colors) };
}

/** The standalone SVG of a report's chain graph from its Mermaid text (reportGraphMermaid). */
export function reportGraphSvg(mermaid: string, colors: { bg: string; fg: string }): string {
  return stripRemoteFonts(renderMermaidSVG(mermaid, colors));
}

/** True when the report has a chain worth drawing. */
export function hasReportGraph(report: LockdepReport): boolean {
  return reportGraphMermaid(report) !== null;
}

/** Link for a stack frame's function: Elixir's identifier search at the report's kernel release. */
export function frameHref(frame: StackFrame, release: string | undefined): string | null {
  const tag = release ? releaseTag(release) : null;
  if (!tag || !/^[A-Za-z_]\w*$/.test(frame.function)) return null;
  return elixirIdentUrl(tag, frame.function);
}

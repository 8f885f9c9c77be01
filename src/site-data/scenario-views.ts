// Views of scenario models for the pages: exploration, validator report, Mermaid text, SVG (inline and
// standalone), 72-column text and summaries, drawn once per model. Fed by the one scenario catalog
// (src/loaders/scenario-catalog.ts) through scenarios.ts, and by models built from lockdep reports.

import { renderMermaidSVG } from 'beautiful-mermaid';
import { PAGE_COLOURS, STANDALONE_THEME } from '../lib/diagrams/index.ts';
import type { Scenario, ValidatorReport } from '../lib/locks/index.ts';
import { analyseScenario, type ScenarioAnalysis } from '../lib/scenario-runtime/analyse.ts';
import {
  DIAGRAM_KINDS,
  type DiagramKind,
  type DiagramKindId,
} from '../lib/scenario-runtime/diagram-kinds/index.ts';
import type { SimResult } from '../lib/scenario-runtime/sim-data.ts';
import { inlineSvg } from '../lib/scenario-runtime/svg-annotate.ts';
import { keptAnswer, keptExplorer, keptFolder } from './explore-cache.ts';

/** One exportable diagram (`/diagrams/<id>.svg|.txt|.mmd`). */
export interface Diagram {
  /** `<scenario id>-<kind>`, e.g. `baseline-2630-sequence`. */
  id: string;
  kind: DiagramKindId;
  scenarioId: string;
  title: string;
  /** Heading above it in a scenario panel, and alone on its /embed/ page. */
  heading: string;
  embedHeading: string;
  mermaid: string;
  /** SVG to inline in a page (inherits the page colours; arrows/edges tagged for highlighting). */
  inline: string;
  /** Standalone SVG with fixed light colours, for download and PNG. */
  standalone: string;
  /** Plain text, at most 72 columns (commit messages). */
  text: string;
  summary: string;
}

/** Everything the pages show for one scenario. */
export interface ScenarioView {
  scenario: Scenario;
  /** The thread's root Message-ID (thread.yaml `root`), when its folder names one. */
  threadRoot?: string;
  /** The model file as written (TypeScript), for the editor and the no-JS reader. */
  source: string;
  file: string;
  /** Sources of the sibling models the file imports (file name → TypeScript), when it imports any. */
  siblings?: Record<string, string>;
  result: SimResult;
  report: ValidatorReport;
  /** One diagram per kind of the registry (lib/scenario-runtime/diagram-kinds/), in its order. */
  diagrams: Diagram[];
  /** The counterexample diagram (its text is the panel's scenario table). */
  sequence: Diagram;
  /** The lock dependency graph. */
  graph: Diagram;
}

/** A catalog entry as the views need it (src/loaders/scenario-catalog.ts CatalogEntry). */
export interface ModelFile {
  threadRoot?: string;
  /** The file's path as readers see it. */
  path: string;
  source: string;
  siblings?: Record<string, string>;
  scenario: Scenario;
}

/** Views of catalog entries, in catalog order. */
export function viewsOf(entries: readonly ModelFile[]): ScenarioView[] {
  return entries.map((e) => {
    // Set on the view, not spread into a copy: a spread would draw its diagrams (buildView).
    const view = buildView(e.scenario, e.path, e.source);
    if (e.threadRoot) view.threadRoot = e.threadRoot;
    if (e.siblings && Object.keys(e.siblings).length > 0) view.siblings = e.siblings;
    return view;
  });
}

/**
 * Explores a scenario (also used for models built from lockdep reports); its diagrams are drawn when
 * first asked for. The thread index needs every model's verdict but none of its diagrams, and laying
 * them all out cost each incremental build some 1.5 s on the bulk archive.
 */
export function buildView(scenario: Scenario, file: string, source: string): ScenarioView {
  // The same pipeline as the browser workers (islands/sim/worker-core.ts), without their budget; the
  // answer is kept for the next build of the same output (explore-cache.ts), where the integration
  // has named a folder by the time the pages render.
  const a = analyseScenario(scenario, {}, keptExplorer());
  let drawn: Diagram[] | undefined;
  const diagrams = () => {
    drawn ??= DIAGRAM_KINDS.map((kind) => drawDiagram(kind, a));
    return drawn;
  };
  const byKind = (id: DiagramKindId) => diagrams().find((d) => d.kind === id) as Diagram;
  return {
    scenario,
    source,
    file,
    result: a.result,
    report: a.report,
    get diagrams() {
      return diagrams();
    },
    get sequence() {
      return byKind('sequence');
    },
    get graph() {
      return byKind('lock-graph');
    },
  };
}

/** One diagram of an analysed scenario: its SVGs (the renderer and finishing edited models get in the browser, islands/sim/edited-diagrams.ts), text and summary. */
function drawDiagram(kind: DiagramKind, a: ScenarioAnalysis): Diagram {
  const id = kind.id as DiagramKindId;
  const mermaid = a.mermaid[id];
  const svg = (colors: object) => kind.annotate(renderMermaidSVG(mermaid, colors), mermaid);
  const label = `${kind.label} of ${a.scenario.id} (described below)`;
  // The layouts are the costly part: made when a page first shows the SVGs (the diagram and embed
  // routes list every diagram as the build's pages start, where laying them all out was 2.5 s of the
  // bulk archive's build before its first page), and kept for the next build of this output
  // (explore-cache.ts). Each SVG is drawn on its own, as each lays the diagram out: the pages inline
  // one, and only the SVG download wants the other, rendered after the thread pages Pagefind waits for.
  // The build's folder as the diagram is made, as the model checker's answer is.
  const folder = keptFolder();
  // Drawn on first ask, once, and kept under `key`.
  const keptOnce = (key: unknown[], draw: () => string) => {
    let drawn: string | undefined;
    return () => {
      drawn ??= keptAnswer(folder, key, draw);
      return drawn;
    };
  };
  const drawnInline = keptOnce(['drawing-inline', id, mermaid, label], () =>
    inlineSvg(svg(PAGE_COLOURS), label),
  );
  // Light colours for standalone files (SVG download, PNG), matching the site's light theme.
  const drawnStandalone = keptOnce(['drawing-standalone', id, mermaid], () => svg(STANDALONE_THEME));
  return {
    id: `${a.scenario.id}-${id}`,
    kind: id,
    scenarioId: a.scenario.id,
    title: `${a.scenario.title}: ${kind.name}`,
    heading: kind.heading,
    embedHeading: kind.embedHeading,
    mermaid,
    get inline() {
      return drawnInline();
    },
    get standalone() {
      return drawnStandalone();
    },
    text: kind.text(a, 72),
    summary: kind.summary(a),
  };
}

// Views of scenario models for the pages: exploration, validator report, Mermaid text, SVG (inline and
// standalone), 72-column text and summaries, drawn once per model. Fed by the one scenario catalog
// (src/loaders/scenario-catalog.ts) through scenarios.ts, and by models built from lockdep reports.

import { renderMermaidSVG } from 'beautiful-mermaid';
import { PAGE_COLOURS, STANDALONE_THEME, scenarioTable } from '../lib/diagrams/index.ts';
import type { LockdepReport, Scenario } from '../lib/locks/index.ts';
import { analyseScenario } from '../lib/scenario-runtime/analyse.ts';
import type { SimResult } from '../lib/scenario-runtime/sim-data.ts';
import { graphSummary, sequenceSummary } from '../lib/scenario-runtime/summaries.ts';
import { finishGraphSvg, finishSequenceSvg, inlineSvg } from '../lib/scenario-runtime/svg-annotate.ts';
import { graphText } from './graph-text.ts';

/** Which drawing of a scenario a diagram is. */
export type DiagramKind = 'sequence' | 'lock-graph';

/** One exportable diagram (`/diagrams/<id>.svg|.txt|.mmd`). */
export interface Diagram {
  /** `<scenario id>-sequence` or `<scenario id>-lock-graph`. */
  id: string;
  kind: DiagramKind;
  scenarioId: string;
  title: string;
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
  result: SimResult;
  report: LockdepReport;
  sequence: Diagram;
  graph: Diagram;
}

// Light colours for standalone files (SVG download, PNG), matching the site's light theme.
const STANDALONE = STANDALONE_THEME;

/** A catalog entry as the views need it (src/loaders/scenario-catalog.ts CatalogEntry). */
export interface ModelFile {
  threadRoot?: string;
  /** The file's path as readers see it. */
  path: string;
  source: string;
  scenario: Scenario;
}

/** Views of catalog entries, in catalog order. */
export function viewsOf(entries: readonly ModelFile[]): ScenarioView[] {
  return entries.map((e) => ({
    ...buildView(e.scenario, e.path, e.source),
    ...(e.threadRoot ? { threadRoot: e.threadRoot } : {}),
  }));
}

/** Explores a scenario and draws its diagrams (also used for models built from lockdep reports). */
export function buildView(scenario: Scenario, file: string, source: string): ScenarioView {
  // The same pipeline as the browser workers (islands/sim/worker-core.ts), without their budget.
  const {
    explored,
    result,
    report,
    sequence: seqMermaid,
    graph: graphMermaid,
    edgeIds,
  } = analyseScenario(scenario);
  // The same renderer and finishing as edited models get in the browser (islands/sim/edited-diagrams.ts).
  const seqSvg = (colors: object) => finishSequenceSvg(renderMermaidSVG(seqMermaid, colors));
  const graphSvg = (colors: object) => finishGraphSvg(renderMermaidSVG(graphMermaid, colors), edgeIds);
  const seqSummary = sequenceSummary(result);
  const lockSummary = graphSummary(report);
  const transparent = PAGE_COLOURS;
  return {
    scenario,
    source,
    file,
    result,
    report,
    sequence: {
      id: `${scenario.id}-sequence`,
      kind: 'sequence',
      scenarioId: scenario.id,
      title: `${scenario.title}: counterexample`,
      mermaid: seqMermaid,
      inline: inlineSvg(seqSvg(transparent), `Sequence diagram of ${scenario.id} (described below)`),
      standalone: seqSvg(STANDALONE),
      text: scenarioTable(explored, 72),
      summary: seqSummary,
    },
    graph: {
      id: `${scenario.id}-lock-graph`,
      kind: 'lock-graph',
      scenarioId: scenario.id,
      title: `${scenario.title}: lock dependency graph`,
      mermaid: graphMermaid,
      inline: inlineSvg(graphSvg(transparent), `Lock dependency graph of ${scenario.id} (described below)`),
      standalone: graphSvg(STANDALONE),
      text: graphText(report),
      summary: lockSummary,
    },
  };
}

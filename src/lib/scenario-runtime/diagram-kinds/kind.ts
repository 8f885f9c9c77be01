// What a diagram kind is: the entries of the registry in ./index.ts.

import type { ExploreResult, Scenario, ValidatorReport } from '../../locks/index.ts';
import type { SimResult } from '../sim-data.ts';

/** What the analysis pipeline knows before any diagram is drawn (lib/scenario-runtime/analyse.ts). */
export interface Explored {
  scenario: Scenario;
  /** The explorer's full result (trace with replay moves). */
  explored: ExploreResult;
  /** The slice of `explored` a browser steps through. */
  result: SimResult;
  /** What the lockdep-style validator says of the model. */
  report: ValidatorReport;
}

/** One kind of scenario diagram: how it is generated, finished, described, titled and exported as text. */
export interface DiagramKind {
  /** Diagram ids are `<scenario id>-<id>`; also the figure's `data-kind`. */
  id: string;
  /**
   * The field of the simulation worker's answer that carries this kind's Mermaid text (islands/sim/
   * run-client.ts RunSuccess): `sequence` and `graph` predate the registry, so the message keeps them.
   */
  field: string;
  /** Lower-case name: `<scenario title>: <name>` titles, `Edited model: <name>` headings. */
  name: string;
  /** Heading above the diagram in a scenario panel. */
  heading: string;
  /** Heading above the diagram alone on its /embed/ page. */
  embedHeading: string;
  /** How the inline SVG's label starts: `<label> of <scenario id> (described below)`. */
  label: string;
  /** Generator: the Mermaid text. */
  mermaid(a: Explored): string;
  /** Annotator: finishes the renderer's SVG (step and edge tags for highlighting, no remote fonts). */
  annotate(svg: string, mermaid: string): string;
  /** One paragraph that stands in for the picture (screen readers, search). */
  summary(a: Explored): string;
  /** Text export (`/diagrams/<id>.txt`, `simulate --format ascii`), at most `width` columns. */
  text(a: Explored, width: number): string;
}

// "Open as a scenario" for a decoded report: the model lib/report-scenarios builds from a circular
// report, explored by the model checker in the browser, with its verdict, the interleaving as an
// N-CPU table and a sequence diagram, and the model's source to save and refine.

import { scenarioTable } from '../../lib/diagrams/scenario-table.ts';
import { sequenceMermaid } from '../../lib/diagrams/sequence.ts';
import type { LockdepReport } from '../../lib/lockdep/types.ts';
import { explore } from '../../lib/locks/explore.ts';
import { chainToScenario } from '../../lib/report-scenarios/chain-to-scenario.ts';
import { scenarioSource } from '../../lib/report-scenarios/scenario-source.ts';
import { h } from './dom.ts';
import { svgImage } from './svg-image.ts';

// The budget the build gives report models (site-data/report-view.ts).
const BUDGET = { maxStates: 200_000, maxMs: 2_000 };

const VERDICT_WORDS: Record<string, string> = {
  deadlock: 'a deadlock',
  'no-deadlock': 'no deadlock',
  incomplete: 'no answer within the budget',
};

/** The "Open as a scenario" section of a report card. */
export function modelSection(report: LockdepReport): HTMLElement {
  const scenario = chainToScenario(report, { thread: 'decode', answers: 'pasted report' });
  if (!scenario) {
    return h(
      'section',
      { class: 'model decode-model', 'data-verdict': 'none' },
      h('h4', {}, 'Open as a scenario'),
      h(
        'p',
        {},
        report.kind === 'circular'
          ? 'The paste does not hold enough of the chain (the dependency links, "Chain exists of:", or the acquiring and held locks) to build a model.'
          : 'Models are built from circular reports; this report is not one.',
      ),
    );
  }
  const result = explore(scenario, BUDGET);
  const graph = h('img', {
    alt: 'Sequence diagram of the interleaving the checker found',
    'data-sequence': '',
  });
  if (result.trace.length > 0) svgImage(graph, sequenceMermaid(result));
  const source = scenarioSource(scenario, 'pasted report');
  const download = h(
    'a',
    { download: 'report-model.ts', href: URL.createObjectURL(new Blob([source], { type: 'text/plain' })) },
    'Download the model (.ts)',
  );
  return h(
    'section',
    { class: 'model decode-model', 'data-verdict': result.verdict },
    h('h4', {}, 'Open as a scenario'),
    h(
      'p',
      { class: 'verdict' },
      'The model checker finds ',
      h('strong', {}, VERDICT_WORDS[result.verdict] ?? result.verdict),
      ` (${result.states} states, ${result.transitions} transitions), in a model with one context per dependency`,
      ` on ${scenario.cpus} CPUs (an interrupt handler where a class is irq-safe).`,
    ),
    result.trace.length > 0 &&
      h(
        'pre',
        { class: 'cpu-table', 'aria-label': `${scenario.cpus}-CPU scenario` },
        scenarioTable(result, 72),
      ),
    result.trace.length > 0 &&
      h('figure', { class: 'sequence' }, graph, h('figcaption', {}, 'The interleaving, step by step')),
    h(
      'details',
      {},
      h('summary', {}, 'The model'),
      h(
        'p',
        {},
        download,
        " — save it in a thread folder's scenarios/ to refine it and run it in the simulator.",
      ),
      h('pre', {}, source),
    ),
  );
}

// One decoded report as a card, built in the browser with the classes of the site's report cards
// (components/reports/report-card.css): kind and what is missing, lock classes with their usage bits
// explained, the chain graph, the printed scenario table, "Open as a scenario" and the raw lines.

import { reportCycle, reportGraphMermaid } from '../../lib/diagrams/report-graph.ts';
import { canonicalLockName } from '../../lib/lock-classes/lock-class.ts';
import { KIND_TITLES } from '../../lib/lockdep/kind-titles.ts';
import type { LockdepReport } from '../../lib/lockdep/types.ts';
import { explainUsage } from '../../lib/lockdep/usage-bits.ts';
import { h } from './dom.ts';
import { modelSection } from './model-view.ts';
import { svgImage } from './svg-image.ts';

/** The card of report `index` (1-based in ids) whose raw lines are `raw`. */
export function reportCard(report: LockdepReport, index: number, raw: string): HTMLElement {
  const id = `decoded-r${index}`;
  const card = h('section', {
    class: 'report-card',
    id,
    'aria-labelledby': `${id}-title`,
    'data-report-kind': report.kind,
  });
  const kernel = report.kernel;
  card.append(
    h(
      'header',
      {},
      h(
        'h3',
        { id: `${id}-title` },
        h('span', { class: 'kind' }, 'lockdep'),
        ` ${report.title ?? KIND_TITLES[report.kind]}`,
        !report.hasBanner && h('span', { class: 'partial' }, 'partial report'),
      ),
      h(
        'p',
        { class: 'facts' },
        kernel &&
          h(
            'span',
            {},
            'kernel ',
            h('code', {}, kernel.version),
            kernel.taint ? ` (tainted ${kernel.taint})` : kernel.notTainted ? ' (not tainted)' : '',
          ),
        report.task &&
          h(
            'span',
            {},
            'task ',
            h('code', {}, `${report.task.name}${report.task.pid !== undefined ? `/${report.task.pid}` : ''}`),
          ),
        report.usage &&
          h('span', {}, 'usage ', h('code', {}, `{${report.usage.from}} → {${report.usage.to}}`)),
        report.quoteDepth > 0 && h('span', {}, 'quoted'),
      ),
      report.missing.length > 0 &&
        h(
          'p',
          { class: 'missing', 'data-missing': report.missing.join(',') },
          `Read what the paste holds; not in it: ${report.missing.join(', ')}.`,
        ),
    ),
  );
  if (report.locks.length > 0) card.append(lockTable(report, id));
  const graph = reportGraphMermaid(report);
  if (graph) {
    const cycle =
      report.kind === 'inconsistent' && report.usage
        ? `${canonicalLockName(report.locks[0]?.name ?? '')} used as {${report.usage.from}} and then {${report.usage.to}}`
        : reportCycle(report).map(canonicalLockName).join(' → ');
    const img = h('img', { alt: `Lock dependency chain: ${cycle}`, 'data-graph': '' });
    svgImage(img, graph);
    card.append(
      h(
        'figure',
        { class: 'chain-graph' },
        img,
        h(
          'figcaption',
          {},
          report.kind === 'inconsistent' ? 'Inconsistent use: ' : 'Dependency chain: ',
          cycle,
          report.kind === 'circular' ? ' → back to the first (the new dependency closes the cycle).' : '',
        ),
      ),
    );
  }
  if (report.scenario && report.scenario.steps.length > 0) card.append(scenarioTable(report));
  card.append(modelSection(report));
  const lines = report.lines.end - report.lines.start + 1;
  card.append(
    h(
      'details',
      { class: 'raw' },
      h('summary', {}, `Raw report (${lines} line${lines === 1 ? '' : 's'})`),
      h('pre', {}, raw),
    ),
  );
  return card;
}

function lockTable(report: LockdepReport, id: string): HTMLElement {
  const rows = report.locks.map((lock, i) =>
    h(
      'tr',
      {},
      h('td', {}, h('code', {}, lock.name)),
      h(
        'td',
        {},
        lock.usage
          ? h(
              'span',
              { class: 'usage', tabindex: '0', 'aria-describedby': `${id}-u${i}` },
              h('code', {}, lock.usage),
              h(
                'span',
                { class: 'usage-tip', role: 'tooltip', id: `${id}-u${i}` },
                ...explainUsage(lock.usage).map((line) => h('span', {}, line)),
              ),
            )
          : '—',
      ),
      h('td', {}, lock.waitType ? h('code', {}, lock.waitType) : '—'),
    ),
  );
  const explained = report.locks.filter((l) => l.usage);
  return h(
    'div',
    {},
    h(
      'table',
      { class: 'locks' },
      h('caption', {}, 'Lock classes'),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, 'class'),
          h('th', { scope: 'col' }, 'usage'),
          h('th', { scope: 'col' }, 'wait type'),
        ),
      ),
      h('tbody', {}, ...rows),
    ),
    explained.length > 0 &&
      h(
        'details',
        { class: 'usage-explained' },
        h('summary', {}, 'What the usage bits say'),
        h(
          'dl',
          {},
          ...explained.flatMap((lock) => [
            h('dt', {}, h('code', {}, `${lock.name} ${lock.usage}`)),
            h('dd', {}, h('ul', {}, ...explainUsage(lock.usage as string).map((line) => h('li', {}, line)))),
          ]),
        ),
      ),
  );
}

function scenarioTable(report: LockdepReport): HTMLElement {
  const table = report.scenario as NonNullable<LockdepReport['scenario']>;
  return h(
    'table',
    { class: 'scenario' },
    h('caption', {}, table.handDrawn ? 'Scenario (drawn by the author)' : 'Possible unsafe locking scenario'),
    h('thead', {}, h('tr', {}, ...table.columns.map((c) => h('th', { scope: 'col' }, c)))),
    h(
      'tbody',
      {},
      ...table.steps.map((step) =>
        h(
          'tr',
          {},
          ...table.columns.map((_, col) =>
            h(
              'td',
              {},
              step.cpu === col ? h('code', { class: step.inInterrupt ? 'irq' : undefined }, step.text) : '',
            ),
          ),
        ),
      ),
    ),
    table.deadlockLine &&
      h('tfoot', {}, h('tr', {}, h('td', { colspan: String(table.columns.length) }, '*** DEADLOCK ***'))),
  );
}

// The lock graph as 72-column text for commit messages: lockdep's report of each finding (with a
// scenario table that has every CPU the chain needs), then the plain dependency list.

import type { ValidatorReport } from '../locks/index.ts';
import { lockdepText } from './lockdep-table.ts';
import { wrapText } from './text-columns.ts';

/** Text for `/diagrams/<id>-lock-graph.txt`: findings as lockdep prints them, then every dependency. */
export function graphText(report: ValidatorReport, width = 72): string {
  const name = new Map(report.classes.map((k) => [k.id, k.name]));
  const deps = report.edges.flatMap((e) =>
    wrapText(
      `- ${name.get(e.from) ?? e.from} ${e.irq ? '~>' : '->'} ${name.get(e.to) ?? e.to} (${e.site.code.fn})`,
      width,
    ),
  );
  const list = ['Lock dependencies:', ...(deps.length > 0 ? deps : ['(none)'])].join('\n');
  const findings =
    report.findings.length > 0
      ? report.findings.map((f) => lockdepText(report, f, width).trimEnd())
      : ['No lockdep findings.'];
  return `${[...findings, list].join('\n\n')}\n`;
}

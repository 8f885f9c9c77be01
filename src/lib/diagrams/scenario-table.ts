// A counterexample as a plain-ASCII table, one column per CPU, that fits a 72-column commit message.

import type { ExploreResult } from '../locks/explore.ts';
import { type Cell, layoutColumns, wrapText } from './text-columns.ts';

const INDENT = { task: 0, worker: 0, softirq: 1, hardirq: 2 } as const;

/** Renders the counterexample of a result as text no wider than `width` (default 72). */
export function scenarioTable(r: ExploreResult, width = 72): string {
  const head = wrapText(`${r.id}: ${r.verdict} (${r.states} states, ${r.transitions} transitions)`, width);
  const moves = r.trace.filter((t) => t.blocked === undefined);
  const stuck = r.trace.filter((t) => t.blocked !== undefined);
  if (r.trace.length === 0) return `${head.join('\n')}\n`;
  const cpus = Math.max(...r.trace.map((t) => t.cpu)) + 1;
  const gutter = 4;
  const header = (f: (c: number) => string): { gutter: string; cells: Cell[] } => ({
    gutter: '',
    cells: Array.from({ length: cpus }, (_, c) => ({ column: c, text: f(c) })),
  });
  const rows = [header((c) => `CPU${c}`), header(() => '----')];
  for (const t of moves) {
    rows.push({
      gutter: String(t.step).padStart(3, ' '),
      cells: [{ column: t.cpu, text: t.brief, indent: INDENT[t.contextKind] }],
    });
  }
  for (const t of stuck) {
    rows.push({
      gutter: ' **',
      cells: [{ column: t.cpu, text: t.brief, indent: INDENT[t.contextKind] }],
    });
  }
  const body = layoutColumns(rows, cpus, width, gutter);
  const why = stuck.flatMap((t) =>
    wrapText(`- ${t.blocked}`, width - 2).map((l, i) => (i === 0 ? l : `  ${l}`)),
  );
  return `${[...head, '', ...body, '', ...(why.length > 0 ? ['Stuck:', ...why] : [])].join('\n')}\n`;
}

// A validator finding printed the way lockdep prints it, with a scenario table that has as many CPU
// columns as the chain has classes (lockdep itself prints two), wrapped to fit `width` columns.

import type { Finding, ValidatorReport } from '../locks/validator.ts';
import { type Cell, layoutColumns, wrapText } from './text-columns.ts';

/** The lockdep-style text of one finding: headline, explanation, chain and an N-CPU scenario table. */
export function lockdepText(report: ValidatorReport, f: Finding, width = 72): string {
  const name = (id: string): string => report.classes.find((k) => k.id === id)?.name ?? id;
  const out = [...wrapText(f.title, width), ''];
  for (const line of f.lines) {
    const lead = line.match(/^ */)?.[0] ?? '';
    out.push(...wrapText(line.trim(), width - lead.length).map((l) => lead + l));
  }
  const chain = f.chain.map(name);
  const rows = scenarioRows(f, chain);
  if (rows.length === 0) return `${out.join('\n')}\n`;
  const n = chain.length;
  const headline =
    f.kind === 'irq-inversion'
      ? ' Possible interrupt unsafe locking scenario:'
      : ' Possible unsafe locking scenario:';
  const header = (t: (c: number) => string): { gutter: string; cells: Cell[] } => ({
    gutter: '',
    cells: Array.from({ length: n }, (_, c) => ({ column: c, text: t(c) })),
  });
  const table = layoutColumns(
    [header((c) => `CPU${c}`), header(() => '----'), ...rows.map((cells) => ({ gutter: '', cells }))],
    n,
    width,
    2,
  );
  return `${[...out, '', headline, '', ...table, '', ' *** DEADLOCK ***'].join('\n')}\n`;
}

/** Rows of the N-CPU scenario: each CPU takes its class, then each waits for the next one. */
function scenarioRows(f: Finding, chain: string[]): Cell[][] {
  const n = chain.length;
  if (f.kind === 'irq-inversion' && n >= 2) {
    const last = n - 1;
    const rows: Cell[][] = [[{ column: last, text: `lock(${chain[last]});` }]];
    rows.push([{ column: 0, text: 'local_irq_disable();' }]);
    for (let i = 0; i < last; i++) rows.push([{ column: i, text: `lock(${chain[i]});` }]);
    for (let i = 0; i < last; i++) rows.push([{ column: i, text: `lock(${chain[i + 1]});` }]);
    rows.push([{ column: last, text: '<Interrupt>' }]);
    rows.push([{ column: last, text: `lock(${chain[0]});`, indent: 2 }]);
    return rows;
  }
  if (f.kind === 'circular' && n >= 2) {
    const rows: Cell[][] = chain.map((c, i) => [{ column: i, text: `lock(${c});` }]);
    for (let i = 0; i < n; i++) rows.push([{ column: i, text: `lock(${chain[(i + 1) % n]});` }]);
    return rows;
  }
  return [];
}

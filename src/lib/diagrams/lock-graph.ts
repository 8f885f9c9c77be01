// The lock dependency graph as a Mermaid flowchart: one node per lock class marked with its irq usage,
// one edge per dependency, the edges of every finding (inversion chain, irq edge, cycle) highlighted.

import type { DepEdge, ModelLockClass, ValidatorReport } from '../locks/validator.ts';
import { flowLabel, safeId } from './mermaid-text.ts';
import { HOT_EDGE, NODE_CLASSES } from './palette.ts';

/** Usage marks as words, e.g. `hardirq-safe, softirq-unsafe` (`-read` for read acquisitions). */
export function usageMarks(k: ModelLockClass): string[] {
  const marks: string[] = [];
  if (k.hardirqSafe) marks.push('hardirq-safe');
  if (k.hardirqSafeRead) marks.push('hardirq-read-safe');
  if (k.hardirqUnsafe) marks.push('hardirq-unsafe');
  if (k.hardirqUnsafeRead) marks.push('hardirq-read-unsafe');
  if (k.softirqSafe) marks.push('softirq-safe');
  if (k.softirqSafeRead) marks.push('softirq-read-safe');
  if (k.softirqUnsafe) marks.push('softirq-unsafe');
  if (k.softirqUnsafeRead) marks.push('softirq-read-unsafe');
  return marks;
}

/** Real locks (as opposed to lockdep's pseudo-locks for timers, works, queues and RCU). */
const REAL = new Set(['spinlock', 'rwlock', 'mutex', 'rwsem']);

/** Mermaid flowchart text for a validator report. Line `%% edge N <edge id>` maps linkStyle index N to an edge. */
export function lockGraphMermaid(report: ValidatorReport, title = 'lock dependency graph'): string {
  const hot = new Set(report.findings.flatMap((f) => f.edges));
  // Top to bottom: a chain of long lock names laid left to right is wider than a page column.
  const lines = ['flowchart TB', `  %% ${title}`];
  const used = new Set(report.edges.flatMap((e) => [e.from, e.to]));
  const classes = report.classes.filter((k) => used.has(k.id) || REAL.has(k.kind));
  for (const k of classes) {
    const kind = k.kind === 'spinlock' || k.kind === 'mutex' ? '' : ` (${k.kind})`;
    const marks = usageMarks(k);
    const label = marks.length > 0 ? `${k.name}${kind}<br/>${marks.join(', ')}` : `${k.name}${kind}`;
    lines.push(`  ${safeId(k.id)}["${flowLabel(label)}"]`);
  }
  const ordered: DepEdge[] = [...report.edges.filter((e) => !e.irq), ...report.edges.filter((e) => e.irq)];
  for (const [i, e] of ordered.entries()) {
    const label = flowLabel(e.irq ? `interrupt: ${e.site.code.fn}` : e.site.code.fn);
    const arrow = e.irq ? `-. "${label}" .->` : `-->|"${label}"|`;
    lines.push(`  %% edge ${i} ${e.id}`);
    lines.push(`  ${safeId(e.from)} ${arrow} ${safeId(e.to)}`);
  }
  for (const [name, c] of Object.entries(NODE_CLASSES))
    lines.push(`  classDef ${name} fill:${c.fill},stroke:${c.stroke},color:${c.text}`);
  lines.push('  classDef pseudo stroke-dasharray:4 3');
  const byMark = (pred: (k: ModelLockClass) => boolean): string[] =>
    classes.filter(pred).map((k) => safeId(k.id));
  // Colour by what matters for irq inversions: inconsistent usage, then hardirq-unsafe, then irq-safe.
  const both = (k: ModelLockClass): boolean =>
    !!(
      (k.hardirqSafe && (k.hardirqUnsafe || k.hardirqUnsafeRead)) ||
      (k.softirqSafe && (k.softirqUnsafe || k.softirqUnsafeRead)) ||
      (k.hardirqSafeRead && k.hardirqUnsafe) ||
      (k.softirqSafeRead && k.softirqUnsafe)
    );
  const unsafe = (k: ModelLockClass): boolean => !both(k) && !!(k.hardirqUnsafe || k.hardirqUnsafeRead);
  const safe = (k: ModelLockClass): boolean =>
    !both(k) && !unsafe(k) && !!(k.hardirqSafe || k.softirqSafe || k.hardirqSafeRead || k.softirqSafeRead);
  // A node's last class wins in beautiful-mermaid (which draws no dashes either): pseudo first, so the
  // usage colour of a pseudo-lock (timer, work, queue) stays.
  const groups: [string, string[]][] = [
    ['pseudo', byMark((k) => !REAL.has(k.kind))],
    ['both', byMark(both)],
    ['safe', byMark(safe)],
    ['unsafe', byMark(unsafe)],
  ];
  for (const [name, ids] of groups) if (ids.length > 0) lines.push(`  class ${ids.join(',')} ${name}`);
  const hotIx = ordered.flatMap((e, i) => (hot.has(e.id) ? [i] : []));
  if (hotIx.length > 0) lines.push(`  linkStyle ${hotIx.join(',')} stroke:${HOT_EDGE},stroke-width:3px`);
  return `${lines.join('\n')}\n`;
}

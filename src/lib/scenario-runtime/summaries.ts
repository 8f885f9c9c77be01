// Text summaries that stand in for the diagrams: read by screen readers, indexed by search (the SVG
// itself is marked data-pagefind-ignore) and shown to readers who prefer words.

import type { ValidatorReport } from '../locks/index.ts';
import type { SimResult } from './sim-data.ts';

/** One paragraph saying what the sequence diagram shows. */
export function sequenceSummary(r: SimResult): string {
  const moves = r.trace.filter((t) => t.blocked === undefined);
  if (moves.length === 0) {
    return `No counterexample: ${r.verdict === 'no-deadlock' ? 'no deadlock is reachable' : `exploration ${r.verdict}`} (${r.states} states, ${r.transitions} transitions explored).`;
  }
  const contexts = new Set(r.trace.map((t) => `${t.cpu}/${t.context}`));
  const cpus = new Set(r.trace.map((t) => t.cpu));
  const steps = moves.map((t) => `${t.step}. CPU${t.cpu} ${t.context}: ${t.action}`).join('; ');
  const stuck = r.trace
    .filter((t) => t.blocked !== undefined)
    .map((t) => t.blocked)
    .join('; ');
  return (
    `Shortest interleaving to a deadlock: ${moves.length} steps over ${contexts.size} contexts on ` +
    `${cpus.size} CPUs. ${steps}.${stuck ? ` Then stuck: ${stuck}.` : ''}`
  );
}

/** One paragraph saying what the lock dependency graph shows. */
export function graphSummary(report: ValidatorReport): string {
  const name = new Map(report.classes.map((k) => [k.id, k.name]));
  const edges = report.edges.map(
    (e) =>
      `${name.get(e.from) ?? e.from} ${e.irq ? 'is interrupted into' : 'then'} ${name.get(e.to) ?? e.to} (${e.site.code.fn})`,
  );
  const findings = report.findings.map((f) => f.title);
  return (
    `Lock dependency graph: ${edges.length} ${edges.length === 1 ? 'dependency' : 'dependencies'}` +
    `${edges.length > 0 ? `: ${edges.join('; ')}` : ''}. ` +
    (findings.length > 0 ? `Lockdep would report: ${findings.join('; ')}.` : 'Lockdep would report nothing.')
  );
}

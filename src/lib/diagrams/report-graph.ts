// The dependency chain of a parsed lockdep report as a Mermaid flowchart, in the same style as the
// scenario lock graphs: one node per lock class (irq usage marked), one edge per dependency, the edge
// that closes the cycle highlighted. Report text comes from mail, so labels keep only the characters
// lock class names use.

import type { LockClass, LockdepReport } from '../lockdep/types.ts';
import { usageMarks } from '../lockdep/usage-bits.ts';
import { flowLabel, safeId } from './mermaid-text.ts';
import { HOT_EDGE } from './palette.ts';

/** Reduces mail text to the characters of a lock class name (`&dev->lock`, `(wq_completion)ib_cm`). */
export function lockLabel(name: string): string {
  return name.replace(/[^A-Za-z0-9_&>\-.:()/#+[\] ]/g, '?').slice(0, 80);
}

function marks(lock: LockClass | undefined): string {
  const m = usageMarks(lock?.usage);
  const out: string[] = [];
  if (m.hardirqSafe) out.push('hardirq-safe');
  if (m.hardirqUnsafe) out.push('hardirq-unsafe');
  if (m.softirqSafe) out.push('softirq-safe');
  if (m.softirqUnsafe) out.push('softirq-unsafe');
  return out.join(', ');
}

/**
 * The ordered lock classes of a report's cycle: the `-> #N` links (#0 first) when pasted, else
 * `Chain exists of:`. The links come first because lockdep's `Chain exists of:` names only three
 * classes (source --> parent --> target), whatever the chain's length.
 */
export function reportCycle(report: LockdepReport): string[] {
  const links = report.chain.filter((l) => l.lock.name !== '');
  if (links.length >= 2) return [...links].sort((a, b) => a.index - b.index).map((l) => l.lock.name);
  if (report.chainExists.length >= 2) return report.chainExists;
  if (report.kind === 'recursive' && report.acquiring) return [report.acquiring.lock.name];
  return [];
}

/**
 * Mermaid text for a report, or null when it names no dependency to draw (e.g. a bare table).
 * Circular: the chain in printed order plus the new dependency closing it. Recursive: a self-loop.
 * Inconsistent: the one class with both usages.
 */
export function reportGraphMermaid(report: LockdepReport): string | null {
  const byName = new Map(report.locks.map((l) => [l.name, l]));
  const cycle = reportCycle(report);
  const names = cycle.length > 0 ? cycle : report.acquiring ? [report.acquiring.lock.name] : [];
  if (names.length === 0) return null;
  const lines = ['flowchart LR'];
  const ids = names.map((_, i) => safeId(`l${i}`));
  // A self-loop carries no label: beautiful-mermaid would draw the label over the loop and hide it.
  // What the loop means goes into the node's own label instead.
  const loopNote =
    report.kind === 'inconsistent' && report.usage
      ? lockLabel(`${report.usage.from} then ${report.usage.to}`)
      : names.length === 1
        ? 'taken again while held'
        : '';
  names.forEach((name, i) => {
    const m = marks(byName.get(name));
    const extra = i === 0 && loopNote ? `<br/>${loopNote}` : '';
    const label = flowLabel(lockLabel(name) + (m ? `<br/>${m}` : '') + extra);
    lines.push(`  ${ids[i]}["${label}"]`);
  });
  if (loopNote) {
    lines.push(`  ${ids[0]} --> ${ids[0]}`);
    lines.push(`  linkStyle 0 stroke:${HOT_EDGE},stroke-width:3px`);
    return `${lines.join('\n')}\n`;
  }
  for (let i = 0; i + 1 < names.length; i++) lines.push(`  ${ids[i]} --> ${ids[i + 1]}`);
  // The dependency the report is about closes the loop back to the first class.
  lines.push(`  ${ids[names.length - 1]} -->|"new dependency"| ${ids[0]}`);
  lines.push(`  linkStyle ${names.length - 1} stroke:${HOT_EDGE},stroke-width:3px`);
  return `${lines.join('\n')}\n`;
}

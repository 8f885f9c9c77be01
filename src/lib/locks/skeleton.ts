// Builds a scenario skeleton from a lockdep "Chain exists of:" chain, so a parsed report can be turned
// into a model that the explorer checks and an author then refines (real code sites, real contexts).

import type { CodeRef, Scenario, Step } from './model.ts';

/** What a lockdep report gives: the chain of class names and the kind of report. */
export interface ChainSpec {
  /** Class names in chain order, as lockdep prints them (`cm_id_priv->lock`, …); at least two. */
  classes: readonly string[];
  /** `circular`: the last class is held while the first is wanted. `irq-inversion`: the first class
   * is irq-safe, the last irq-unsafe, and an interrupt closes the loop. */
  kind: 'circular' | 'irq-inversion';
  /** For irq-inversion: which interrupt (default hardirq). */
  irq?: 'hardirq' | 'softirq';
  thread: string;
  /** Message-ID of the message the report came from. */
  answers: string;
  id?: string;
  title?: string;
  /** Where each class is taken, when the report's stacks say so; unknown sites are marked as such. */
  sites?: Readonly<Record<string, CodeRef>>;
}

const UNKNOWN: CodeRef = { fn: 'unknown()', file: 'unknown' };

/** A scenario with one CPU per class that deadlocks exactly along the chain. */
export function scenarioFromChain(spec: ChainSpec): Scenario {
  const n = spec.classes.length;
  if (n < 2) throw new Error('a chain needs at least two classes');
  const id = (i: number): string => `l${i}`;
  const at = (i: number): CodeRef => spec.sites?.[spec.classes[i] ?? ''] ?? UNKNOWN;
  const s = (op: Step['op'], i: number): Step => ({ op, target: id(i), code: at(i) });
  const irq = spec.irq ?? 'hardirq';
  const base = {
    id: spec.id ?? `chain-${spec.kind}`,
    thread: spec.thread,
    answers: spec.answers,
    title:
      spec.title ??
      `${spec.kind === 'circular' ? 'Circular' : 'Irq inversion'} chain: ${spec.classes.join(' → ')}`,
    summary:
      'Skeleton built from a lockdep chain: one CPU per class; refine code sites and contexts by hand.',
    expect: 'deadlock' as const,
    cpus: n,
    locks: spec.classes.map((name, i) => ({ id: id(i), name, kind: 'spinlock' as const })),
  };
  if (spec.kind === 'circular') {
    return {
      ...base,
      tasks: spec.classes.map((_, i) => ({
        id: `cpu${i}`,
        name: `holds ${spec.classes[i]}`,
        cpu: i,
        steps: [
          s('spin_lock', i),
          s('spin_lock', (i + 1) % n),
          s('spin_unlock', (i + 1) % n),
          s('spin_unlock', i),
        ],
      })),
    };
  }
  // CPUs 0…n-2 each hold class i with the interrupt off and want class i+1; CPU n-1 holds the last
  // class with the interrupt on, and the interrupt there wants class 0.
  const [off, offEnd] =
    irq === 'hardirq'
      ? (['spin_lock_irqsave', 'spin_unlock_irqrestore'] as const)
      : (['spin_lock_bh', 'spin_unlock_bh'] as const);
  const tasks = Array.from({ length: n - 1 }, (_, i) => ({
    id: `cpu${i}`,
    name: `holds ${spec.classes[i]}`,
    cpu: i,
    steps: [s(off, i), s('spin_lock', i + 1), s('spin_unlock', i + 1), s(offEnd, i)],
  }));
  tasks.push({
    id: `cpu${n - 1}`,
    name: `holds ${spec.classes[n - 1]}`,
    cpu: n - 1,
    steps: [
      s('spin_lock', n - 1),
      { op: 'do', target: 'work with interrupts on', code: at(n - 1) },
      s('spin_unlock', n - 1),
    ],
  });
  const handler = [s('spin_lock', 0), s('spin_unlock', 0)];
  if (irq === 'hardirq') {
    return { ...base, tasks, irqs: [{ id: 'irq', name: 'interrupt', cpus: [n - 1], handler, code: at(0) }] };
  }
  return {
    ...base,
    tasks,
    timers: [{ id: 'timer', name: 'timer', pending: true, cpus: [n - 1], fn: handler, code: at(0) }],
  };
}

// The explorer's state: one flat array of small integers, so copying, hashing and comparing are cheap.
// The core owns the context and CPU slots; each primitive family allocates its own (locks, timers,
// works, completions, variables…) through a SlotAllocator when a scenario is compiled.

import type { Compiled } from './compile.ts';

/** A state: a flat array of small integers laid out by the compiled scenario. Never mutate one you did not copy. */
export type State = ArrayLike<number>;

/** Offsets of the core slot groups; family slots are recorded on the objects that own them. */
export interface Layout {
  /** Per context: worker → running work + 1; softirq/hardirq → CPU + 1 while active; task → 0. */
  ctxA: number;
  /** Per context: index of the next micro-op. */
  ctxPc: number;
  /** Per context: bit i = irq state saved under flags key i (spin_lock_irqsave, local_irq_save). */
  ctxSaved: number;
  /** Per context: spinlocks held, irq/bh-off sections and preempt_disable() open (> 0: not preemptible). */
  ctxPin: number;
  /** Per CPU, 4 slots: irqs off (0/1), bh-off depth, softirq context + 1, hardirq context + 1. */
  cpu: number;
  /** One slot: 1 once an atomic allocation has failed (work was dropped). */
  lost: number;
  size: number;
  /** Largest value each slot can hold (picks the stored width). */
  max: number[];
  /** What each slot is, for the Promela comments and debugging. */
  labels: string[];
}

/** Hands out consecutive slots while a scenario is compiled. */
export class SlotAllocator {
  readonly max: number[] = [];
  readonly labels: string[] = [];
  /** Allocates `n` slots holding values up to `max`; returns the first offset. */
  alloc(n: number, max: number, label: string): number {
    const base = this.max.length;
    for (let i = 0; i < n; i++) {
      this.max.push(max);
      this.labels.push(n === 1 ? label : `${label}[${i}]`);
    }
    return base;
  }
  get size(): number {
    return this.max.length;
  }
}

/** The compiled scenario's layout (kept for callers of the old API). */
export function layoutOf(c: Compiled): Layout {
  return c.layout;
}

/** The state a scenario starts in: nothing held, irqs on, armed timers, queued works and data as declared. */
export function initialState(c: Compiled, _l: Layout = c.layout): Int32Array {
  const s = new Int32Array(c.layout.size);
  for (const f of c.families) f.init?.(c, s);
  return s;
}

/** Bytes per stored slot for a layout: 1 when every slot fits a byte, else 2 or 4. */
export function slotWidth(l: Layout): 1 | 2 | 4 {
  let m = 0;
  for (const v of l.max) if (v > m) m = v;
  return m < 256 ? 1 : m < 65536 ? 2 : 4;
}

// The explorer's state: one flat array of small integers, so copying and fingerprinting are cheap.

import type { Compiled } from './compile.ts';

/** A state: a flat array of small integers laid out by `layoutOf`. Never mutate a state you did not copy. */
export type State = readonly number[];

/** Offsets of each field group inside a state array. */
export interface Layout {
  /** Per context: worker → running work + 1; softirq/hardirq → CPU + 1 while active; task → 0. */
  ctxA: number;
  /** Per context: index of the next micro-op. */
  ctxPc: number;
  /** Per context: bit i = irq state saved by spin_lock_irqsave on lock i. */
  ctxSaved: number;
  /** Per context: spinlocks held plus irq/bh-off sections open (> 0 means it cannot be preempted). */
  ctxPin: number;
  /** Per CPU, 4 slots: irqs off (0/1), bh-off depth, softirq context + 1, hardirq context + 1. */
  cpu: number;
  /** Per lock: holding context + 1, 0 when free. */
  lock: number;
  /** Per timer: pending (armed) 0/1. */
  timer: number;
  /** Per work: pending (queued) 0/1. */
  work: number;
  /** Per irq: times it has fired. */
  irq: number;
  /** One slot: 1 once an atomic allocation has failed (work was dropped). */
  lost: number;
  size: number;
}

/** Computes where each field group lives for a compiled scenario. */
export function layoutOf(c: Compiled): Layout {
  const n = c.contexts.length;
  const ctxA = 0;
  const ctxPc = ctxA + n;
  const ctxSaved = ctxPc + n;
  const ctxPin = ctxSaved + n;
  const cpu = ctxPin + n;
  const lock = cpu + 4 * c.cpus;
  const timer = lock + c.locks.length;
  const work = timer + c.timers.length;
  const irq = work + c.works.length;
  const lost = irq + c.irqs.length;
  return { ctxA, ctxPc, ctxSaved, ctxPin, cpu, lock, timer, work, irq, lost, size: lost + 1 };
}

/** The state a scenario starts in: nothing held, irqs on, armed timers and queued works as declared. */
export function initialState(c: Compiled, l: Layout): number[] {
  const s = new Array<number>(l.size).fill(0);
  for (const [i, t] of c.timers.entries()) s[l.timer + i] = t.pending ? 1 : 0;
  for (const [i, w] of c.works.entries()) s[l.work + i] = w.pending ? 1 : 0;
  return s;
}

/**
 * A compact string fingerprint of a state: one UTF-16 unit per field, so it is exact (no hash
 * collisions to reason about) and `unpack` turns it back into the state. Fields must be 0…65535.
 */
export function fingerprint(s: State): string {
  for (const v of s) if (!(v >= 0 && v <= 0xffff)) throw new RangeError(`state field ${v} out of range`);
  return String.fromCharCode(...s);
}

/** The state a fingerprint was made from. */
export function unpack(key: string): number[] {
  const s = new Array<number>(key.length);
  for (let i = 0; i < key.length; i++) s[i] = key.charCodeAt(i);
  return s;
}

// Small pieces several families share: the core slots of a context or CPU, results written to a
// variable, lockdep class references for locks, and the Promela spellings of the same.

import type { Compiled, Context, Micro } from '../compile.ts';
import { ModelError } from '../errors.ts';
import type { MState, PromelaCtx, RState } from './types.ts';

/** Slot of a context's preemption-off count. */
export function pinSlot(c: Compiled, x: Context): number {
  return c.layout.ctxPin + x.index;
}

/** Slot of a CPU's irqs-off flag (+1: bh-off depth, +2: softirq context, +3: hardirq context). */
export function cpuSlot(c: Compiled, cpu: number): number {
  return c.layout.cpu + 4 * cpu;
}

/** Adds `d` to a context's pin count. */
export function bump(c: Compiled, s: MState, x: Context, d: number): void {
  s[c.layout.ctxPin + x.index] = (s[c.layout.ctxPin + x.index] ?? 0) + d;
}

/** Writes an op's result into its `into` variable, if it has one. */
export function setInto(c: Compiled, s: MState, m: Micro, v: number): void {
  if (m.into < 0) return;
  const slot = c.vars[m.into]?.slot ?? -1;
  if (slot >= 0) s[slot] = v;
}

/** Promela effect writing an op's result into its `into` variable ([] when none). */
export function pInto(p: PromelaCtx, m: Micro, v: string | number): string[] {
  if (m.into < 0) return [];
  const slot = p.c.vars[m.into]?.slot ?? -1;
  return slot >= 0 ? [`${p.slot(slot)} = ${v}`] : [];
}

/** Promela expressions for the running context's CPU slots. */
export function pCpu(p: PromelaCtx, k: 0 | 1 | 2 | 3): string {
  return p.at(`${p.c.layout.cpu} + 4 * ${p.cpu} + ${k}`);
}

/** Promela expression of a context's pin count. */
export function pPin(p: PromelaCtx, x: Context): string {
  return p.slot(p.c.layout.ctxPin + x.index);
}

/** Whether the running context is in interrupt context as in_interrupt() sees it (bh off counts). */
export function inInterrupt(c: Compiled, s: RState, x: Context, cpu: number): boolean {
  return x.kind === 'softirq' || x.kind === 'hardirq' || (s[cpuSlot(c, cpu) + 1] ?? 0) > 0;
}

/** Throws the model error for a release of something the context does not hold. */
export function notHeld(x: Context, m: Micro): never {
  throw new ModelError(`${x.id}: ${m.call} releases a lock it does not hold`, m.step);
}

/** The body a context runs now (workers: their current work). */
export function currentBody(c: Compiled, s: RState, x: Context): Micro[] {
  if (x.kind === 'worker') return c.works[(s[c.layout.ctxA + x.index] ?? 0) - 1]?.body ?? [];
  return x.body;
}

/** The pc after the micro-op that follows `m` (two-phase ops skip their wait when they need none). */
export function skipNext(c: Compiled, s: RState, m: Micro, x: Context): number {
  const after = currentBody(c, s, x)[m.next];
  return after ? after.next : m.next;
}

/** Lockdep class id and printed name of a lock taken with a subclass (`name/1`). */
export function lockClass(c: Compiled, m: Micro): { id: string; name: string } {
  const lock = c.locks[m.obj];
  const sub = m.arg > 0 ? `/${m.arg}` : '';
  return { id: `${lock?.classId ?? '?'}${sub}`, name: `${lock?.className ?? '?'}${sub}` };
}

/** Every (context, micro-op) pair of a scenario; a work's body counts for each worker of its queue. */
export function* allMicros(c: Compiled): Generator<[Context, Micro]> {
  for (const x of c.contexts) {
    if (x.kind === 'worker') {
      for (const w of c.works) if (w.wq === x.source) for (const m of w.body) yield [x, m];
    } else {
      for (const m of x.body) yield [x, m];
    }
  }
}

/** Contexts whose bodies use any of the given micro-op kinds. */
export function contextsUsing(c: Compiled, kinds: readonly string[]): Context[] {
  const out = new Set<Context>();
  for (const [x, m] of allMicros(c)) if (kinds.includes(m.kind)) out.add(x);
  return [...out].sort((a, b) => a.index - b.index);
}

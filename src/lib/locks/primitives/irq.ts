// Interrupt sources: a handler runs in hardirq context with irqs off, on any allowed CPU whose irqs are
// on and that is not already in hardirq, at most `times` times. Hardirq handlers do not nest. The
// family has no ops of its own: handlers are bodies of the other families' ops.

import type { Compiled, Context } from '../compile.ts';
import type { Family, RState } from './types.ts';

/** Whether interrupt context `x` may fire now (not running, fired fewer than `times` times). */
export function irqCanStart(c: Compiled, s: RState, x: Context): boolean {
  const q = c.irqs[x.source];
  return q !== undefined && (s[q.slot] ?? 0) < q.times && s[c.layout.ctxA + x.index] === 0;
}

/** Firing counts the interrupt. */
export function irqStart(c: Compiled, s: Int32Array, x: Context): void {
  const q = c.irqs[x.source];
  if (q) s[q.slot] = (s[q.slot] ?? 0) + 1;
}

/** Interrupt sources. */
export const irq = {
  name: 'irq',
  about:
    'Interrupt sources (`irqs`): a handler runs in hardirq context, irqs off, on an allowed CPU whose irqs are ' +
    'on, at most `times` times; handlers do not nest.',
  ops: {},
  micros: {},
  layout(c, a) {
    for (const q of c.irqs) q.slot = a.alloc(1, q.times, `irq ${q.id}.fired`);
  },
} satisfies Family;

// A family of growing models for bench:explore: n CPUs in a ring, each taking its own lock and then
// the next one, with an interrupt and a timer function that take locks of the ring too (the timer
// with irqs off, so no irq inversion). `ordered` breaks the ring (the last CPU takes the locks in the
// other order): then there is no deadlock and the whole state space is explored.

import type { CodeRef, Scenario, Step } from '../src/lib/locks/model.ts';

const CODE: CodeRef = { fn: 'bench_ring()', file: 'bench/explore-models.ts' };
const step = (op: Step['op'], target: string): Step => ({ op, target, code: CODE });

/** The ring model with `n` CPUs (n ≥ 2). */
export function ringModel(n: number, ordered: boolean): Scenario {
  const lock = (i: number): string => `l${i % n}`;
  return {
    id: `ring-${n}${ordered ? '-ordered' : ''}`,
    thread: 'bench',
    title: `${n}-CPU lock ring${ordered ? ', ring broken' : ''}`,
    answers: 'bench@lockstep.invalid',
    summary: 'Synthetic scaling model for the benchmark.',
    expect: ordered ? 'no-deadlock' : 'deadlock',
    cpus: n,
    locks: Array.from({ length: n }, (_, i) => ({
      id: `l${i}`,
      name: `lock${i}`,
      kind: 'spinlock' as const,
    })),
    timers: [
      {
        id: 'tm',
        name: 'ring_timer',
        pending: true,
        code: CODE,
        fn: [step('spin_lock_irqsave', lock(n - 1)), step('spin_unlock_irqrestore', lock(n - 1))],
      },
    ],
    irqs: [
      {
        id: 'q',
        name: 'ring irq',
        code: CODE,
        handler: [step('spin_lock', lock(0)), step('spin_unlock', lock(0))],
      },
    ],
    tasks: Array.from({ length: n }, (_, i) => {
      const [first, second] = ordered && i === n - 1 ? [lock(i + 1), lock(i)] : [lock(i), lock(i + 1)];
      return {
        id: `t${i}`,
        name: `ring task ${i}`,
        cpu: i,
        steps: [
          step('spin_lock_irqsave', first),
          step('spin_lock', second),
          step('spin_unlock', second),
          step('spin_unlock_irqrestore', first),
        ],
      };
    }),
  };
}

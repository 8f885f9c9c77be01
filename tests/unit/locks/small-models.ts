// Small hand-written models for tests: each isolates one rule of the semantics.

import type { CodeRef, Op, Scenario, Step } from '../../../src/lib/locks/model.ts';

const HERE: CodeRef = { fn: 'test_fn()', file: 'tests/fixture.c' };

/** A step with a fixed code reference. */
export function st(op: Op, target?: string): Step {
  return target === undefined ? { op, code: HERE } : { op, target, code: HERE };
}

/** A scenario with defaults filled in; `over` replaces any field. */
export function model(over: Partial<Scenario>): Scenario {
  return {
    id: 'test',
    thread: 'tests',
    title: 'test model',
    answers: 'test@lockstep.invalid',
    summary: 'test',
    cpus: 2,
    locks: [
      { id: 'a', name: 'A', kind: 'spinlock' },
      { id: 'b', name: 'B', kind: 'spinlock' },
    ],
    tasks: [],
    ...over,
  };
}

/** Two tasks taking A and B, in opposite orders when `abba`. */
export function abba(abba: boolean): Scenario {
  return model({
    id: abba ? 'abba' : 'ab-ab',
    tasks: [
      {
        id: 't0',
        name: 'first',
        cpu: 0,
        steps: [st('spin_lock', 'a'), st('spin_lock', 'b'), st('spin_unlock', 'b'), st('spin_unlock', 'a')],
      },
      {
        id: 't1',
        name: 'second',
        cpu: 1,
        steps: abba
          ? [st('spin_lock', 'b'), st('spin_lock', 'a'), st('spin_unlock', 'a'), st('spin_unlock', 'b')]
          : [st('spin_lock', 'a'), st('spin_lock', 'b'), st('spin_unlock', 'b'), st('spin_unlock', 'a')],
      },
    ],
  });
}

/** One CPU: a task takes A with `lockOp`, an interrupt handler on the same CPU takes A too. */
export function taskVsIrq(lockOp: 'spin_lock' | 'spin_lock_irqsave' | 'spin_lock_irq'): Scenario {
  const unlock = {
    spin_lock: 'spin_unlock',
    spin_lock_irqsave: 'spin_unlock_irqrestore',
    spin_lock_irq: 'spin_unlock_irq',
  } as const;
  return model({
    id: `task-vs-irq-${lockOp}`,
    cpus: 1,
    tasks: [
      { id: 't', name: 'task', cpu: 0, steps: [st(lockOp, 'a'), st('do', 'work'), st(unlock[lockOp], 'a')] },
    ],
    irqs: [{ id: 'q', name: 'irq', code: HERE, handler: [st('spin_lock', 'a'), st('spin_unlock', 'a')] }],
  });
}

/** A task holds A and waits for a timer whose function takes A (`sync`) or just removes it. */
export function timerUnderLock(sync: boolean): Scenario {
  return model({
    id: sync ? 'del-timer-sync-under-lock' : 'del-timer-under-lock',
    timers: [
      { id: 'tm', name: 'tm', pending: true, code: HERE, fn: [st('spin_lock', 'a'), st('spin_unlock', 'a')] },
    ],
    tasks: [
      {
        id: 't',
        name: 'task',
        cpu: 0,
        steps: [
          st('spin_lock_bh', 'a'),
          st(sync ? 'del_timer_sync' : 'del_timer', 'tm'),
          st('spin_unlock_bh', 'a'),
        ],
      },
    ],
  });
}

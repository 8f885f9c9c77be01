// Small models, each about one primitive family: one that deadlocks (or livelocks) and one that does
// not. The unit tests check their verdicts and what lockdep says; bench:explore checks them against SPIN.
// Every family's ops appear in at least one model (a unit test checks that too).

import type { CodeRef, Scenario, Step } from '../../src/lib/locks/model.ts';

const CODE: CodeRef = { fn: 'model_fn()', file: 'bench/models/primitives.ts' };

/** A step with the shared code reference. */
export function st(op: Step['op'], target?: string, extra: Partial<Step> = {}): Step {
  return { op, ...(target === undefined ? {} : { target }), code: CODE, ...extra };
}

/** A scenario with defaults; `over` replaces any field. */
export function sc(id: string, over: Partial<Scenario>): Scenario {
  return {
    id,
    thread: 'primitives',
    title: id,
    answers: 'primitives@lockstep.invalid',
    summary: 'A small model of one primitive.',
    cpus: 2,
    locks: [],
    tasks: [],
    ...over,
  };
}

/** A model and what the explorer must say about it. */
export interface PrimitiveModel {
  family: string;
  scenario: Scenario;
  expect: 'deadlock' | 'no-deadlock' | 'livelock';
  /** What the validator must report (finding kinds; [] = nothing that predicts a deadlock). */
  lockdep?: string[];
}

const spin = (id: string, name = id.toUpperCase()) => ({ id, name, kind: 'spinlock' as const });
const mutexL = (id: string, name = id.toUpperCase()) => ({ id, name, kind: 'mutex' as const });
const task = (id: string, cpu: number, steps: Step[]) => ({ id, name: id, cpu, steps });
const irq = (handler: Step[], cpus?: number[]) => ({
  id: 'q',
  name: 'irq',
  code: CODE,
  handler,
  ...(cpus ? { cpus } : {}),
});

const models: PrimitiveModel[] = [];
const add = (
  family: string,
  expect: PrimitiveModel['expect'],
  scenario: Scenario,
  lockdep?: string[],
): void => {
  models.push({ family, expect, scenario: { ...scenario, expect }, ...(lockdep ? { lockdep } : {}) });
};

// --- spinlock --------------------------------------------------------------------------------------
add(
  'spinlock',
  'deadlock',
  sc('spin-abba', {
    locks: [spin('a'), spin('b')],
    tasks: [
      task('t0', 0, [
        st('spin_lock', 'a'),
        st('spin_lock', 'b'),
        st('spin_unlock', 'b'),
        st('spin_unlock', 'a'),
      ]),
      task('t1', 1, [
        st('raw_spin_lock', 'b'),
        st('raw_spin_lock', 'a'),
        st('raw_spin_unlock', 'a'),
        st('raw_spin_unlock', 'b'),
      ]),
    ],
  }),
  ['circular'],
);
add(
  'spinlock',
  'no-deadlock',
  sc('spin-trylock-backoff', {
    locks: [spin('a'), spin('b')],
    tasks: [
      task('t0', 0, [
        st('spin_lock', 'a'),
        st('spin_lock', 'b'),
        st('spin_unlock', 'b'),
        st('spin_unlock', 'a'),
      ]),
      task('t1', 1, [
        st('spin_lock', 'b'),
        st('spin_trylock', 'a', { into: 'got' }),
        st('if', undefined, { cond: { var: 'got' }, steps: [st('spin_unlock', 'a')] }),
        st('spin_unlock', 'b'),
      ]),
    ],
  }),
  [],
);
add(
  'spinlock',
  'deadlock',
  sc('spin-irq-same-cpu', {
    cpus: 1,
    locks: [spin('a')],
    tasks: [task('t', 0, [st('xa_lock', 'a'), st('do', 'work'), st('xa_unlock', 'a')])],
    irqs: [irq([st('xa_lock', 'a'), st('xa_unlock', 'a')])],
  }),
  ['inconsistent'],
);
add(
  'spinlock',
  'no-deadlock',
  sc('spin-irqsave-variants', {
    cpus: 1,
    locks: [spin('a'), spin('b')],
    tasks: [
      task('t', 0, [
        st('xa_lock_irqsave', 'a'),
        st('xa_unlock_irqrestore', 'a'),
        st('spin_lock_irq', 'a'),
        st('spin_unlock_irq', 'a'),
        st('raw_spin_lock_irqsave', 'a'),
        st('raw_spin_unlock_irqrestore', 'a'),
        st('raw_spin_lock_irq', 'a'),
        st('raw_spin_unlock_irq', 'a'),
        st('xa_lock_irq', 'a'),
        st('xa_unlock_irq', 'a'),
        st('spin_trylock_irqsave', 'a', { into: 'ok' }),
        st('if', undefined, { cond: { var: 'ok' }, steps: [st('spin_unlock_irqrestore', 'a')] }),
        st('spin_trylock_irq', 'a', { into: 'ok' }),
        st('if', undefined, { cond: { var: 'ok' }, steps: [st('spin_unlock_irq', 'a')] }),
        st('spin_lock_irqsave_nested', 'b', { subclass: 1 }),
        st('spin_unlock_irqrestore', 'b'),
        st('spin_lock_init', 'b'),
      ]),
    ],
    irqs: [irq([st('spin_lock_irqsave', 'a'), st('spin_unlock_irqrestore', 'a')])],
  }),
  [],
);
add(
  'spinlock',
  'deadlock',
  sc('spin-bh-timer', {
    cpus: 1,
    locks: [spin('a')],
    timers: [
      { id: 'tm', name: 'tm', pending: true, code: CODE, fn: [st('spin_lock', 'a'), st('spin_unlock', 'a')] },
    ],
    tasks: [
      task('t', 0, [
        st('spin_lock', 'a'),
        st('spin_unlock', 'a'),
        st('xa_lock_bh', 'a'),
        st('xa_unlock_bh', 'a'),
      ]),
    ],
  }),
  ['inconsistent'],
);
add(
  'spinlock',
  'no-deadlock',
  sc('spin-bh-trylock', {
    cpus: 1,
    locks: [spin('a')],
    timers: [
      { id: 'tm', name: 'tm', pending: true, code: CODE, fn: [st('spin_lock', 'a'), st('spin_unlock', 'a')] },
    ],
    tasks: [
      task('t', 0, [
        st('spin_lock_bh', 'a'),
        st('spin_unlock_bh', 'a'),
        st('spin_trylock_bh', 'a', { into: 'ok' }),
        st('if', undefined, { cond: { var: 'ok' }, steps: [st('spin_unlock_bh', 'a')] }),
        st('local_bh_disable'),
        st('spin_lock_nested', 'a', { subclass: 1 }),
        st('spin_unlock', 'a'),
        st('local_bh_enable'),
      ]),
    ],
  }),
  [],
);

// --- rwlock ----------------------------------------------------------------------------------------
const rwl = { id: 'rw', name: 'rwlock_A', kind: 'rwlock' as const };
add(
  'rwlock',
  'deadlock',
  sc('rwlock-read-recursion-queued', {
    locks: [rwl],
    tasks: [
      task('reader', 0, [
        st('read_lock', 'rw'),
        st('do', 'read'),
        st('read_lock', 'rw'),
        st('read_unlock', 'rw'),
        st('read_unlock', 'rw'),
      ]),
      task('writer', 1, [st('write_lock', 'rw'), st('write_unlock', 'rw')]),
    ],
  }),
  ['recursive'],
);
add(
  'rwlock',
  'no-deadlock',
  sc('rwlock-read-recursion-in-irq', {
    locks: [rwl],
    tasks: [
      task('reader', 0, [
        st('read_lock_irqsave', 'rw'),
        st('read_unlock_irqrestore', 'rw'),
        st('read_lock_bh', 'rw'),
        st('read_lock', 'rw'),
        st('read_unlock', 'rw'),
        st('read_unlock_bh', 'rw'),
      ]),
      task('writer', 1, [st('write_lock_irqsave', 'rw'), st('write_unlock_irqrestore', 'rw')]),
    ],
    irqs: [irq([st('read_lock', 'rw'), st('read_unlock', 'rw')], [0])],
  }),
);
add(
  'rwlock',
  'no-deadlock',
  sc('rwlock-unqueued-readers-share', {
    config: { queuedRwlocks: false },
    locks: [rwl],
    tasks: [
      task('reader', 0, [
        st('read_lock', 'rw'),
        st('read_lock', 'rw'),
        st('read_unlock', 'rw'),
        st('read_unlock', 'rw'),
      ]),
      task('writer', 1, [
        st('write_lock_bh', 'rw'),
        st('write_unlock_bh', 'rw'),
        st('write_lock_irq', 'rw'),
        st('write_unlock_irq', 'rw'),
      ]),
    ],
  }),
);
add(
  'rwlock',
  'deadlock',
  sc('rwlock-write-in-irq', {
    cpus: 1,
    locks: [rwl],
    tasks: [
      task('t', 0, [
        st('read_lock', 'rw'),
        st('do', 'read'),
        st('read_unlock', 'rw'),
        st('read_trylock', 'rw', { into: 'r' }),
        st('if', undefined, { cond: { var: 'r' }, steps: [st('read_unlock', 'rw')] }),
        st('write_trylock', 'rw', { into: 'w' }),
        st('if', undefined, { cond: { var: 'w' }, steps: [st('write_unlock', 'rw')] }),
        st('read_lock_irq', 'rw'),
        st('read_unlock_irq', 'rw'),
        st('rwlock_init', 'rw'),
      ]),
    ],
    irqs: [irq([st('write_lock', 'rw'), st('write_unlock', 'rw')])],
  }),
  ['inconsistent'],
);

// --- rw_semaphore ----------------------------------------------------------------------------------
const sem = { id: 'sem', name: 'rwsem_A', kind: 'rwsem' as const };
add(
  'rwsem',
  'deadlock',
  sc('rwsem-read-recursion', {
    locks: [sem],
    tasks: [
      task('reader', 0, [
        st('down_read', 'sem'),
        st('msleep', '1'),
        st('down_read', 'sem'),
        st('up_read', 'sem'),
        st('up_read', 'sem'),
      ]),
      task('writer', 1, [st('down_write', 'sem'), st('up_write', 'sem')]),
    ],
  }),
  ['recursive'],
);
add(
  'rwsem',
  'no-deadlock',
  sc('rwsem-readers-and-downgrade', {
    locks: [sem],
    tasks: [
      task('reader', 0, [
        st('down_read', 'sem'),
        st('up_read', 'sem'),
        st('down_read_trylock', 'sem', { into: 'r' }),
        st('if', undefined, { cond: { var: 'r' }, steps: [st('up_read', 'sem')] }),
        st('down_read_nested', 'sem', { subclass: 1 }),
        st('up_read', 'sem'),
        st('down_read_killable', 'sem'),
        st('up_read', 'sem'),
      ]),
      task('writer', 1, [
        st('down_write', 'sem'),
        st('downgrade_write', 'sem'),
        st('up_read', 'sem'),
        st('down_write_trylock', 'sem', { into: 'w' }),
        st('if', undefined, { cond: { var: 'w' }, steps: [st('up_write', 'sem')] }),
        st('down_write_nested', 'sem', { subclass: 1 }),
        st('up_write', 'sem'),
        st('down_write_killable', 'sem'),
        st('up_write', 'sem'),
        st('init_rwsem', 'sem'),
      ]),
    ],
  }),
  [],
);

// --- mutex -----------------------------------------------------------------------------------------
add(
  'mutex',
  'deadlock',
  sc('mutex-abba-one-cpu', {
    cpus: 1,
    locks: [mutexL('a'), mutexL('b')],
    tasks: [
      task('t0', 0, [
        st('mutex_lock', 'a'),
        st('mutex_lock', 'b'),
        st('mutex_unlock', 'b'),
        st('mutex_unlock', 'a'),
      ]),
      task('t1', 0, [
        st('mutex_lock_interruptible', 'b'),
        st('mutex_lock_killable', 'a'),
        st('mutex_unlock', 'a'),
        st('mutex_unlock', 'b'),
      ]),
    ],
  }),
  ['circular'],
);
add(
  'mutex',
  'no-deadlock',
  sc('mutex-nested-and-trylock', {
    locks: [mutexL('a'), mutexL('rtnl', 'rtnl_mutex')],
    tasks: [
      task('t0', 0, [
        st('rtnl_lock', 'rtnl'),
        st('mutex_lock_nested', 'a', { subclass: 1 }),
        st('mutex_unlock', 'a'),
        st('rtnl_unlock', 'rtnl'),
      ]),
      task('t1', 1, [
        st('mutex_lock', 'a'),
        st('mutex_trylock', 'rtnl', { into: 'got' }),
        st('if', undefined, { cond: { var: 'got' }, steps: [st('mutex_unlock', 'rtnl')] }),
        st('mutex_unlock', 'a'),
        st('mutex_init', 'a'),
      ]),
    ],
  }),
);

// --- irq, bh and preemption state --------------------------------------------------------------------
add(
  'irqflags',
  'no-deadlock',
  sc('irqsave-nesting-keeps-caller-state', {
    cpus: 1,
    locks: [spin('a')],
    tasks: [
      task('t', 0, [
        st('local_irq_save', 'outer'),
        st('spin_lock', 'a'),
        st('local_irq_save', 'inner'),
        st('local_irq_restore', 'inner'),
        st('spin_unlock', 'a'),
        st('local_irq_restore', 'outer'),
      ]),
    ],
    irqs: [irq([st('spin_lock', 'a'), st('spin_unlock', 'a')])],
  }),
  [],
);
add(
  'irqflags',
  'deadlock',
  sc('irq-enable-breaks-caller-state', {
    cpus: 1,
    locks: [spin('a')],
    tasks: [
      task('t', 0, [
        st('local_irq_disable'),
        st('spin_lock', 'a'),
        st('local_irq_disable'),
        st('local_irq_enable'),
        st('spin_unlock', 'a'),
        st('local_irq_enable'),
      ]),
    ],
    irqs: [irq([st('spin_lock', 'a'), st('spin_unlock', 'a')])],
  }),
  ['inconsistent'],
);
add(
  'irqflags',
  'no-deadlock',
  sc('bh-disable-keeps-timer-off', {
    cpus: 1,
    locks: [spin('a')],
    timers: [
      { id: 'tm', name: 'tm', pending: true, code: CODE, fn: [st('spin_lock', 'a'), st('spin_unlock', 'a')] },
    ],
    tasks: [
      task('t', 0, [
        st('local_bh_disable'),
        st('spin_lock', 'a'),
        st('spin_unlock', 'a'),
        st('local_bh_enable'),
      ]),
    ],
  }),
  [],
);
add(
  'irqflags',
  'livelock',
  sc('preempt-off-spin-wait', {
    cpus: 1,
    vars: [{ id: 'ready', name: 'ready' }],
    tasks: [
      task('waiter', 0, [
        st('preempt_disable'),
        st('while', undefined, { cond: { var: 'ready', is: '==', value: 0 }, steps: [] }),
        st('preempt_enable'),
      ]),
      task('setter', 0, [st('set', 'ready', { value: 1 })]),
    ],
  }),
);
add(
  'irqflags',
  'no-deadlock',
  sc('spin-wait-preemptible', {
    cpus: 1,
    vars: [{ id: 'ready', name: 'ready' }],
    tasks: [
      task('waiter', 0, [st('while', undefined, { cond: { var: 'ready', is: '==', value: 0 }, steps: [] })]),
      task('setter', 0, [st('set', 'ready', { value: 1 })]),
    ],
  }),
);

// --- timer -----------------------------------------------------------------------------------------
const tmA = {
  id: 'tm',
  name: 'tm',
  pending: true,
  code: CODE,
  fn: [st('spin_lock', 'a'), st('spin_unlock', 'a')],
};
add(
  'timer',
  'deadlock',
  sc('del-timer-sync-under-lock', {
    locks: [spin('a')],
    timers: [tmA],
    tasks: [
      task('t', 0, [st('spin_lock_bh', 'a'), st('timer_delete_sync', 'tm'), st('spin_unlock_bh', 'a')]),
    ],
  }),
  ['circular'],
);
add(
  'timer',
  'no-deadlock',
  sc('del-timer-under-lock', {
    locks: [spin('a')],
    timers: [{ ...tmA, pending: false }],
    tasks: [
      task('t', 0, [
        st('add_timer', 'tm'),
        st('mod_timer', 'tm'),
        st('spin_lock_bh', 'a'),
        st('del_timer', 'tm'),
        st('spin_unlock_bh', 'a'),
        st('del_timer_sync', 'tm'),
      ]),
    ],
  }),
  [],
);

// --- workqueue -------------------------------------------------------------------------------------
const wq = (over: Partial<{ maxActive: number; ordered: boolean; memReclaim: boolean }> = {}) => ({
  id: 'wq',
  name: 'events',
  cpu: 1,
  ...over,
});
const work = (
  id: string,
  fn: Step[],
  over: Partial<Scenario['works'] extends readonly (infer W)[] | undefined ? W : never> = {},
) => ({
  id,
  name: `&priv->${id}`,
  wq: 'wq',
  code: CODE,
  fn,
  ...over,
});
add(
  'workqueue',
  'deadlock',
  sc('flush-work-under-mutex', {
    locks: [mutexL('m')],
    workqueues: [wq()],
    works: [work('w', [st('mutex_lock', 'm'), st('mutex_unlock', 'm')])],
    tasks: [
      task('t', 0, [
        st('queue_work', 'w'),
        st('mutex_lock', 'm'),
        st('flush_work', 'w'),
        st('mutex_unlock', 'm'),
      ]),
    ],
  }),
  ['circular'],
);
add(
  'workqueue',
  'no-deadlock',
  sc('flush-work-after-unlock', {
    locks: [mutexL('m')],
    workqueues: [wq()],
    works: [work('w', [st('mutex_lock', 'm'), st('mutex_unlock', 'm')])],
    tasks: [
      task('t', 0, [
        st('queue_work', 'w', { into: 'queued' }),
        st('mutex_lock', 'm'),
        st('mutex_unlock', 'm'),
        st('flush_work', 'w'),
        st('cancel_work', 'w'),
      ]),
    ],
  }),
  [],
);
add(
  'workqueue',
  'deadlock',
  sc('cancel-delayed-work-sync-under-mutex', {
    locks: [mutexL('m')],
    workqueues: [wq()],
    works: [work('dw', [st('mutex_lock', 'm'), st('mutex_unlock', 'm')], { delayed: true, pending: true })],
    tasks: [
      task('t', 0, [st('mutex_lock', 'm'), st('cancel_delayed_work_sync', 'dw'), st('mutex_unlock', 'm')]),
    ],
  }),
  ['circular'],
);
add(
  'workqueue',
  'no-deadlock',
  sc('self-requeueing-work-canceled', {
    workqueues: [wq()],
    works: [work('w', [st('do', 'poll'), st('queue_work', 'w')], { pending: true })],
    tasks: [task('t', 0, [st('cancel_work_sync', 'w')])],
  }),
  [],
);
add(
  'workqueue',
  'no-deadlock',
  sc('self-requeueing-work-flushed', {
    workqueues: [wq()],
    works: [work('w', [st('do', 'poll'), st('queue_work', 'w')], { pending: true })],
    tasks: [task('t', 0, [st('flush_work', 'w'), st('cancel_work_sync', 'w')])],
  }),
  [],
);
add(
  'workqueue',
  'deadlock',
  sc('ordered-wq-work-flushes-later-work', {
    workqueues: [wq({ ordered: true })],
    works: [work('a', [st('flush_work', 'b')]), work('b', [st('do', 'b runs')])],
    tasks: [task('t', 0, [st('queue_work', 'a'), st('queue_work', 'b')])],
  }),
  ['recursive'],
);
add(
  'workqueue',
  'no-deadlock',
  sc('two-workers-complete-each-other', {
    workqueues: [wq({ maxActive: 2 })],
    completions: [{ id: 'done', name: 'done' }],
    works: [
      work('a', [st('wait_for_completion', 'done')], { pending: true }),
      work('b', [st('complete', 'done')], { pending: true }),
    ],
    tasks: [task('t', 0, [st('flush_workqueue', 'wq')])],
  }),
  [],
);
add(
  'workqueue',
  'deadlock',
  sc('one-worker-waits-for-the-next-work', {
    workqueues: [wq()],
    completions: [{ id: 'done', name: 'done' }],
    works: [
      work('a', [st('wait_for_completion', 'done')], { pending: true }),
      work('b', [st('complete', 'done')], { pending: true }),
    ],
    tasks: [task('t', 0, [st('drain_workqueue', 'wq')])],
  }),
  [],
);
add(
  'workqueue',
  'no-deadlock',
  sc('delayed-work-lifecycle', {
    workqueues: [wq({ memReclaim: true })],
    works: [work('dw', [st('do', 'timeout')], { delayed: true })],
    tasks: [
      task('t', 0, [
        st('queue_delayed_work', 'dw'),
        st('mod_delayed_work', 'dw'),
        st('flush_delayed_work', 'dw'),
        st('queue_delayed_work', 'dw'),
        st('cancel_delayed_work', 'dw'),
        st('queue_delayed_work', 'dw'),
        st('cancel_delayed_work_sync', 'dw'),
        st('destroy_workqueue', 'wq'),
      ]),
    ],
  }),
  [],
);
add(
  'workqueue',
  'deadlock',
  sc('flush-workqueue-from-its-own-work', {
    workqueues: [wq()],
    works: [work('w', [st('flush_workqueue', 'wq')], { pending: true })],
    tasks: [task('t', 0, [st('do', 'idle')])],
  }),
  ['recursive'],
);
add(
  'workqueue',
  'no-deadlock',
  sc('old-kernel-cancel-delayed-work', {
    kernel: '2.6.30',
    locks: [spin('a')],
    workqueues: [wq()],
    works: [
      work('dw', [st('spin_lock_irq', 'a'), st('spin_unlock_irq', 'a')], { delayed: true, pending: true }),
    ],
    tasks: [
      task('t', 0, [
        st('spin_lock_irq', 'a'),
        st('__cancel_delayed_work', 'dw'),
        st('spin_unlock_irq', 'a'),
        st('cancel_delayed_work', 'dw'),
        st('cancel_delayed_work_sync', 'dw'),
        st('cancel_work_sync', 'dw'),
      ]),
    ],
  }),
  [],
);

// --- completion ------------------------------------------------------------------------------------
add(
  'completion',
  'deadlock',
  sc('completion-under-lock', {
    locks: [mutexL('m')],
    completions: [{ id: 'c', name: 'ready' }],
    tasks: [
      task('waiter', 0, [st('mutex_lock', 'm'), st('wait_for_completion', 'c'), st('mutex_unlock', 'm')]),
      task('signaller', 1, [st('mutex_lock', 'm'), st('complete', 'c'), st('mutex_unlock', 'm')]),
    ],
  }),
  [],
);
add(
  'completion',
  'no-deadlock',
  sc('completion-variants', {
    completions: [{ id: 'c', name: 'ready' }],
    tasks: [
      task('waiter', 0, [
        st('wait_for_completion_timeout', 'c', { into: 'ok' }),
        st('wait_for_completion_interruptible', 'c', { into: 'ok' }),
        st('wait_for_completion_killable', 'c', { into: 'ok' }),
        st('try_wait_for_completion', 'c', { into: 'ok' }),
        st('completion_done', 'c', { into: 'ok' }),
        st('wait_for_completion', 'c'),
      ]),
      task('signaller', 1, [
        st('init_completion', 'c'),
        st('complete', 'c'),
        st('complete_all', 'c'),
        st('reinit_completion', 'c'),
        st('complete_all', 'c'),
      ]),
    ],
  }),
  [],
);

// --- RCU -------------------------------------------------------------------------------------------
add(
  'rcu',
  'livelock',
  sc('rcu-reader-waits-for-updater', {
    vars: [{ id: 'flag', name: 'published' }],
    tasks: [
      task('reader', 0, [
        st('rcu_read_lock'),
        st('while', undefined, { cond: { var: 'flag', is: '==', value: 0 }, steps: [] }),
        st('rcu_read_unlock'),
      ]),
      task('updater', 1, [st('synchronize_rcu'), st('set', 'flag', { value: 1 })]),
    ],
  }),
  [],
);
add(
  'rcu',
  'no-deadlock',
  sc('rcu-grace-period', {
    locks: [spin('a')],
    vars: [{ id: 'flag', name: 'published' }],
    rcuCallbacks: [
      { id: 'free', name: 'free_obj', code: CODE, fn: [st('spin_lock_bh', 'a'), st('spin_unlock_bh', 'a')] },
    ],
    tasks: [
      task('reader', 0, [
        st('rcu_read_lock'),
        st('do', 'read'),
        st('rcu_read_unlock'),
        st('rcu_read_lock_bh'),
        st('rcu_read_unlock_bh'),
      ]),
      task('updater', 1, [
        st('set', 'flag', { value: 1 }),
        st('call_rcu', 'free'),
        st('synchronize_rcu'),
        st('synchronize_rcu_expedited'),
        st('rcu_barrier'),
      ]),
    ],
  }),
  [],
);
add(
  'rcu',
  'deadlock',
  sc('rcu-sync-inside-reader', {
    cpus: 1,
    tasks: [task('t', 0, [st('rcu_read_lock'), st('synchronize_rcu'), st('rcu_read_unlock')])],
  }),
  [],
);

// --- data ------------------------------------------------------------------------------------------
add(
  'data',
  'livelock',
  sc('rtnl-trylock-retry-vs-flush', {
    locks: [mutexL('rtnl', 'rtnl_mutex')],
    workqueues: [wq()],
    works: [
      work('w', [
        st('set', 'got', { value: 0 }),
        st('while', undefined, {
          cond: { var: 'got', is: '==', value: 0 },
          steps: [
            st('rtnl_trylock', 'rtnl', { into: 'got' }),
            st('if', undefined, { cond: { var: 'got', is: '==', value: 0 }, steps: [st('msleep', '1')] }),
          ],
        }),
        st('rtnl_unlock', 'rtnl'),
      ]),
    ],
    vars: [{ id: 'got', name: 'got' }],
    tasks: [
      task('t', 0, [
        st('queue_work', 'w'),
        st('rtnl_lock', 'rtnl'),
        st('flush_work', 'w'),
        st('rtnl_unlock', 'rtnl'),
      ]),
    ],
  }),
  [],
);
add(
  'data',
  'no-deadlock',
  sc('rtnl-trylock-retry-gives-up', {
    locks: [mutexL('rtnl', 'rtnl_mutex')],
    workqueues: [wq()],
    vars: [
      { id: 'got', name: 'got' },
      { id: 'dying', name: 'dev->dying' },
      { id: 'tries', name: 'tries', max: 3 },
    ],
    works: [
      work('w', [
        st('set', 'got', { value: 0 }),
        st('while', undefined, {
          cond: { var: 'got', is: '==', value: 0 },
          steps: [
            st('if', undefined, { cond: { var: 'dying' }, steps: [st('return')] }),
            st('rtnl_trylock', 'rtnl', { into: 'got' }),
            st('if', undefined, { cond: { var: 'got', is: '==', value: 0 }, steps: [st('msleep', '1')] }),
          ],
        }),
        st('if', undefined, {
          cond: { var: 'tries', is: '<', value: 3 },
          steps: [st('add', 'tries', { value: 1 })],
          else: [st('set', 'tries', { value: 0 })],
        }),
        st('rtnl_unlock', 'rtnl'),
      ]),
    ],
    tasks: [
      task('t', 0, [
        st('queue_work', 'w'),
        st('rtnl_lock', 'rtnl'),
        st('set', 'dying', { value: 1 }),
        st('flush_work', 'w'),
        st('rtnl_unlock', 'rtnl'),
        st('while', undefined, {
          cond: { var: 'dying' },
          steps: [st('set', 'dying', { value: 0 }), st('break')],
        }),
      ]),
    ],
  }),
  [],
);

// --- refcount --------------------------------------------------------------------------------------
const obj = (release: Step[]) => ({ id: 'obj', name: 'obj->ref', init: 2, max: 5, release, code: CODE });
add(
  'refcount',
  'deadlock',
  sc('last-put-under-the-lock-release-takes', {
    locks: [spin('a', 'list_lock')],
    refcounts: [obj([st('spin_lock', 'a'), st('do', 'unlink'), st('spin_unlock', 'a')])],
    tasks: [
      task('t0', 0, [st('spin_lock', 'a'), st('kref_put', 'obj'), st('spin_unlock', 'a')]),
      task('t1', 1, [st('kref_put', 'obj')]),
    ],
  }),
  ['recursive'],
);
add(
  'refcount',
  'no-deadlock',
  sc('put-after-unlock', {
    locks: [spin('a', 'list_lock')],
    refcounts: [obj([st('spin_lock', 'a'), st('do', 'unlink'), st('spin_unlock', 'a')])],
    tasks: [
      task('t0', 0, [
        st('kref_get_unless_zero', 'obj', { into: 'live' }),
        st('if', undefined, { cond: { var: 'live' }, steps: [st('kref_put', 'obj')] }),
        st('spin_lock', 'a'),
        st('spin_unlock', 'a'),
        st('kref_put', 'obj'),
      ]),
      task('t1', 1, [
        st('kref_get', 'obj'),
        st('refcount_inc', 'obj'),
        st('kref_put', 'obj'),
        st('refcount_dec_and_test', 'obj', { into: 'freed' }),
        st('kref_put', 'obj'),
      ]),
    ],
  }),
  [],
);

// --- code ------------------------------------------------------------------------------------------
add(
  'code',
  'no-deadlock',
  sc('atomic-allocation-may-fail', {
    cpus: 1,
    tasks: [task('t', 0, [st('do', 'idle')])],
    irqs: [irq([st('alloc_atomic', 'kmalloc(GFP_ATOMIC)'), st('do', 'enqueue')])],
  }),
  [],
);

add(
  'code',
  'deadlock',
  sc('msleep-under-spinlock-abba', {
    locks: [spin('a'), spin('b')],
    tasks: [
      task('t0', 0, [
        st('spin_lock', 'a'),
        st('msleep', '10'),
        st('spin_lock', 'b'),
        st('spin_unlock', 'b'),
        st('spin_unlock', 'a'),
      ]),
      task('t1', 1, [
        st('spin_lock', 'b'),
        st('do', 'update'),
        st('spin_lock', 'a'),
        st('spin_unlock', 'a'),
        st('spin_unlock', 'b'),
      ]),
    ],
  }),
  ['circular', 'sleep-in-atomic'],
);

// --- classes vs instances ----------------------------------------------------------------------------
add(
  'classes',
  'no-deadlock',
  sc('two-instances-one-class', {
    locks: [
      { id: 'x1', name: '&dev->lock', kind: 'spinlock', instance: 'dev1->lock' },
      { id: 'x2', name: '&dev->lock', kind: 'spinlock', instance: 'dev2->lock' },
    ],
    tasks: [
      task('t0', 0, [
        st('spin_lock', 'x1'),
        st('spin_lock', 'x2'),
        st('spin_unlock', 'x2'),
        st('spin_unlock', 'x1'),
      ]),
      task('t1', 1, [
        st('spin_lock', 'x1'),
        st('spin_lock', 'x2'),
        st('spin_unlock', 'x2'),
        st('spin_unlock', 'x1'),
      ]),
    ],
  }),
  ['recursive'],
);
add(
  'classes',
  'no-deadlock',
  sc('sockets-of-one-class', {
    locks: [
      { id: 'user', name: 'sk_lock-AF_INET', kind: 'mutex', instance: 'user socket' },
      { id: 'siw', name: 'sk_lock-AF_INET', kind: 'mutex', instance: 'siw socket' },
      { id: 'cm', name: 'lock#9', kind: 'mutex' },
    ],
    tasks: [
      task('listen', 0, [
        st('mutex_lock', 'user'),
        st('mutex_lock', 'cm'),
        st('mutex_unlock', 'cm'),
        st('mutex_unlock', 'user'),
      ]),
      task('siw', 1, [
        st('mutex_lock', 'cm'),
        st('mutex_lock', 'siw'),
        st('mutex_unlock', 'siw'),
        st('mutex_unlock', 'cm'),
      ]),
    ],
  }),
  ['circular'],
);
add(
  'classes',
  'no-deadlock',
  sc('sockets-reclassified', {
    locks: [
      { id: 'user', name: 'sk_lock-AF_INET', kind: 'mutex', instance: 'user socket' },
      {
        id: 'siw',
        name: 'sk_lock-AF_INET',
        kind: 'mutex',
        instance: 'siw socket',
        key: 'sk_lock-AF_INET-siw',
      },
      { id: 'cm', name: 'lock#9', kind: 'mutex' },
    ],
    tasks: [
      task('listen', 0, [
        st('mutex_lock', 'user'),
        st('mutex_lock', 'cm'),
        st('mutex_unlock', 'cm'),
        st('mutex_unlock', 'user'),
      ]),
      task('siw', 1, [
        st('mutex_lock', 'cm'),
        st('mutex_lock', 'siw'),
        st('mutex_unlock', 'siw'),
        st('mutex_unlock', 'cm'),
      ]),
    ],
  }),
  [],
);

/** Every primitive model. */
export const PRIMITIVE_MODELS: readonly PrimitiveModel[] = models;

// The bug report on 5.18-rc1: __rxe_add_to_pool() holds a pool xarray lock with softirqs on; the requester tasklet takes the lock class in softirq.
// Self-contained on purpose (type-only import): a Web Worker can strip the types and run it as is.

import type { CodeRef, Scenario } from '../../../../src/lib/locks/model.ts';

const POOL_C = 'drivers/infiniband/sw/rxe/rxe_pool.c';
const AV_C = 'drivers/infiniband/sw/rxe/rxe_av.c';
const REQ_C = 'drivers/infiniband/sw/rxe/rxe_req.c';
const TASK_C = 'drivers/infiniband/sw/rxe/rxe_task.c';
const XARRAY_H = 'include/linux/xarray.h';
const at = (fn: string, file: string): CodeRef => ({ fn, file });

/** One CPU: the PD insertion lockdep printed, and an AH insertion in process context as the one-CPU table implies. */
const scenario: Scenario = {
  id: 'rxe-bug-report-report',
  thread: 'rxe-inconsistent-lock-state-bug-report',
  answers: 'CAHj4cs-MT13RiEsWXUAcX_H5jEtjsebuZgSeUcfptNVuELgjYQ@mail.gmail.com',
  title:
    '5.18-rc1: pool xarray lock, {SOFTIRQ-ON-W} in __rxe_add_to_pool(), {IN-SOFTIRQ-W} in rxe_pool_get_index()',
  summary:
    "Yi Zhang's blktests run: lockdep saw a pool's xarray lock taken with a plain spin_lock while an " +
    'rxe device registered its first PD, and the same class taken in softirq by the requester ' +
    'tasklet looking up an AH. The pools are separate xarrays of one lock class. For the one-CPU ' +
    "deadlock of the table, the process side must hold the AH pool's lock, as an AH insertion with " +
    'softirqs on does; with that context the explorer finds the deadlock, while the PD insertion ' +
    'alone never meets the tasklet.',
  expect: 'deadlock',
  role: 'report',
  cpus: 1,
  locks: [
    // One xa_init_flags() call site in rxe_pool_init() for every pool: one lockdep class, many instances.
    { id: 'pd_pool', name: '&xa->xa_lock#15', kind: 'spinlock', instance: 'pd_pool.xa' },
    { id: 'ah_pool', name: '&xa->xa_lock#15', kind: 'spinlock', instance: 'ah_pool.xa' },
  ],
  // The rxe requester runs as a tasklet; the registry has no tasklet, so a pending timer stands for it
  // (both run their function in softirq on a CPU whose softirqs are on).
  timers: [
    {
      id: 'requester',
      name: 'rxe requester tasklet',
      pending: true,
      cpus: [0],
      code: at('rxe_do_task()', TASK_C),
      fn: [
        {
          op: 'xa_lock_irqsave',
          target: 'ah_pool',
          code: at('rxe_pool_get_index()', POOL_C),
          note: 'from rxe_requester(), rxe_get_av()',
        },
        { op: 'do', target: 'look up the AH of a UD send, take a reference', code: at('rxe_get_av()', AV_C) },
        { op: 'xa_unlock_irqrestore', target: 'ah_pool', code: at('rxe_pool_get_index()', POOL_C) },
        { op: 'do', target: 'build and send the packet', code: at('rxe_requester()', REQ_C) },
      ],
    },
  ],
  tasks: [
    {
      id: 'pd',
      name: 'rdma link add (ib_mad allocates a PD)',
      cpu: 0,
      steps: [
        {
          op: 'xa_lock',
          target: 'pd_pool',
          code: at('__rxe_add_to_pool()', POOL_C),
          note: 'from rxe_alloc_pd() via __ib_alloc_pd()',
        },
        {
          op: 'do',
          target: 'GFP_KERNEL: allocate an index in pd_pool',
          code: at('xa_alloc_cyclic()', XARRAY_H),
        },
        { op: 'xa_unlock', target: 'pd_pool', code: at('__rxe_add_to_pool()', POOL_C) },
      ],
    },
    {
      id: 'ah_uverbs',
      name: 'ibv_create_ah() through uverbs',
      cpu: 0,
      steps: [
        {
          op: 'xa_lock',
          target: 'ah_pool',
          code: at('__rxe_add_to_pool()', POOL_C),
          note: 'from rxe_create_ah()',
        },
        {
          op: 'do',
          target: 'GFP_KERNEL: allocate an index in ah_pool',
          code: at('xa_alloc_cyclic()', XARRAY_H),
        },
        { op: 'xa_unlock', target: 'ah_pool', code: at('__rxe_add_to_pool()', POOL_C) },
      ],
    },
  ],
};

export default scenario;

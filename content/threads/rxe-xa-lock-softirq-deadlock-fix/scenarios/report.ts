// The report on 5.18-rc2: __rxe_add_to_pool() takes a pool xarray lock with softirqs on; the requester tasklet takes the AH pool's in softirq.
// Self-contained on purpose (type-only import): a Web Worker can strip the types and run it as is.

import type { CodeRef, Scenario } from '../../../../src/lib/locks/model.ts';

const POOL_C = 'drivers/infiniband/sw/rxe/rxe_pool.c';
const AV_C = 'drivers/infiniband/sw/rxe/rxe_av.c';
const REQ_C = 'drivers/infiniband/sw/rxe/rxe_req.c';
const TASK_C = 'drivers/infiniband/sw/rxe/rxe_task.c';
const XARRAY_H = 'include/linux/xarray.h';
const at = (fn: string, file: string): CodeRef => ({ fn, file });

/** One CPU; the PD instance as lockdep printed it, and the AH instance on which the deadlock is real. */
const scenario: Scenario = {
  id: 'rxe-pool-report',
  thread: 'rxe-xa-lock-softirq-deadlock-fix',
  answers: '20220411193723.1337324-1-yanjun.zhu@linux.dev',
  title: '5.18-rc2: xa_alloc_cyclic() in process context, rxe_pool_get_index() in the requester tasklet',
  summary:
    'Every rxe pool has its own xarray, but all their locks are one lockdep class, initialised at ' +
    "one place. Lockdep saw the PD pool's lock taken with softirqs on (creating the device's first " +
    "PD) and the AH pool's lock taken in softirq by the requester tasklet, and reported the class. " +
    'Those two instances cannot deadlock with each other. Creating an AH from process context, as ' +
    "uverbs does, takes the AH pool's lock the same way, and the tasklet can interrupt it on the " +
    'same CPU: that is the deadlock the explorer finds.',
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

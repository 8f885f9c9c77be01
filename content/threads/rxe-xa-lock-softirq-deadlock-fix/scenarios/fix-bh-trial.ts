// Zhu Yanjun's test diff: xa_lock_bh() + GFP_KERNEL, posted with the warnings it produced.
// Self-contained on purpose (type-only import): a Web Worker can strip the types and run it as is.

import type { CodeRef, Scenario } from '../../../../src/lib/locks/model.ts';

const POOL_C = 'drivers/infiniband/sw/rxe/rxe_pool.c';
const AV_C = 'drivers/infiniband/sw/rxe/rxe_av.c';
const REQ_C = 'drivers/infiniband/sw/rxe/rxe_req.c';
const TASK_C = 'drivers/infiniband/sw/rxe/rxe_task.c';
const CM_C = 'drivers/infiniband/core/cm.c';
const XARRAY_C = 'lib/xarray.c';
const at = (fn: string, file: string): CodeRef => ({ fn, file });

/** The _bh trial: softirqs off while the pool lock is held, also on the CM path that has interrupts off. */
const scenario: Scenario = {
  id: 'rxe-pool-fix-bh-trial',
  thread: 'rxe-xa-lock-softirq-deadlock-fix',
  answers: 'a8be1cf3-62d1-43ea-a86c-70e82c6de702@linux.dev',
  title: 'Trial: xa_lock_bh() + GFP_KERNEL (rejected)',
  summary:
    'To answer Jason, Zhu Yanjun tried xa_lock_bh() with GFP_KERNEL and posted the warnings: the AH ' +
    'is created from ib_send_cm_req() with interrupts disabled under cm_id_priv->lock, and ' +
    're-enabling softirqs there is not allowed. On the lock alone the model finds no deadlock; it ' +
    'does not check the rule that softirqs may not be re-enabled with interrupts off, nor sleeping ' +
    'allocations in atomic context, which Jason pointed to as the real mistake.',
  expect: 'no-deadlock',
  role: 'fix',
  fate: 'rejected',
  cpus: 2,
  locks: [
    // One xa_init_flags() call site in rxe_pool_init() for every pool: one lockdep class, many instances.
    { id: 'pd_pool', name: '&xa->xa_lock#15', kind: 'spinlock', instance: 'pd_pool.xa' },
    { id: 'ah_pool', name: '&xa->xa_lock#15', kind: 'spinlock', instance: 'ah_pool.xa' },
    { id: 'cm', name: '&cm_id_priv->lock', kind: 'spinlock' },
  ],
  // The rxe requester runs as a tasklet; the registry has no tasklet, so a pending timer stands for it
  // (both run their function in softirq on a CPU whose softirqs are on).
  timers: [
    {
      id: 'requester',
      name: 'rxe requester tasklet',
      pending: true,
      cpus: [0, 1],
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
          op: 'xa_lock_bh',
          target: 'pd_pool',
          code: at('__rxe_add_to_pool()', POOL_C),
          note: 'from rxe_alloc_pd() via __ib_alloc_pd()',
        },
        {
          op: 'do',
          target: 'GFP_KERNEL: allocate an index in pd_pool',
          code: at('__xa_alloc_cyclic()', XARRAY_C),
        },
        { op: 'xa_unlock_bh', target: 'pd_pool', code: at('__rxe_add_to_pool()', POOL_C) },
      ],
    },
    {
      id: 'ah_uverbs',
      name: 'ibv_create_ah() through uverbs',
      cpu: 0,
      steps: [
        {
          op: 'xa_lock_bh',
          target: 'ah_pool',
          code: at('__rxe_add_to_pool()', POOL_C),
          note: 'from rxe_create_ah()',
        },
        {
          op: 'do',
          target: 'GFP_KERNEL: allocate an index in ah_pool',
          code: at('__xa_alloc_cyclic()', XARRAY_C),
        },
        { op: 'xa_unlock_bh', target: 'ah_pool', code: at('__rxe_add_to_pool()', POOL_C) },
      ],
    },
    {
      id: 'ah_cm',
      name: 'rdma_connect(): ib_send_cm_req() creates an AH',
      cpu: 1,
      steps: [
        { op: 'spin_lock_irqsave', target: 'cm', code: at('ib_send_cm_req()', CM_C) },
        {
          op: 'xa_lock_bh',
          target: 'ah_pool',
          code: at('__rxe_add_to_pool()', POOL_C),
          note: 'via cm_alloc_msg(), rdma_create_ah(), rxe_create_ah()',
        },
        {
          op: 'do',
          target: 'GFP_KERNEL: allocate an index in ah_pool',
          code: at('__xa_alloc_cyclic()', XARRAY_C),
        },
        { op: 'xa_unlock_bh', target: 'ah_pool', code: at('__rxe_add_to_pool()', POOL_C) },
        { op: 'spin_unlock_irqrestore', target: 'cm', code: at('ib_send_cm_req()', CM_C) },
      ],
    },
  ],
};

export default scenario;

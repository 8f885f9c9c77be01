// v1: open-coded xa_lock_irqsave() around __xa_alloc_cyclic(), still with GFP_KERNEL.
// Self-contained on purpose (type-only import): a Web Worker can strip the types and run it as is.

import type { CodeRef, Scenario } from '../../../../src/lib/locks/model.ts';

const POOL_C = 'drivers/infiniband/sw/rxe/rxe_pool.c';
const AV_C = 'drivers/infiniband/sw/rxe/rxe_av.c';
const REQ_C = 'drivers/infiniband/sw/rxe/rxe_req.c';
const TASK_C = 'drivers/infiniband/sw/rxe/rxe_task.c';
const CM_C = 'drivers/infiniband/core/cm.c';
const XARRAY_C = 'lib/xarray.c';
const at = (fn: string, file: string): CodeRef => ({ fn, file });

/** v1: irqsave everywhere; the allocation may still sleep with the lock held. */
const scenario: Scenario = {
  id: 'rxe-pool-fix-v1',
  thread: 'rxe-xa-lock-softirq-deadlock-fix',
  answers: '20220411193723.1337324-1-yanjun.zhu@linux.dev',
  title: 'v1: xa_lock_irqsave() + GFP_KERNEL (superseded by v2)',
  summary:
    'v1 takes the pool lock with xa_lock_irqsave() in rxe_alloc(), __rxe_add_to_pool() and ' +
    'rxe_elem_release(). The tasklet can no longer interrupt a holder on its own CPU, so the ' +
    'deadlock is gone. But the allocation keeps GFP_KERNEL, which may sleep, and it now runs with ' +
    'the spin lock held and interrupts off; the sleep is modelled as msleep(). v2 followed about twenty ' +
    'minutes later with GFP_ATOMIC.',
  expect: 'no-deadlock',
  role: 'fix',
  fate: 'superseded',
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
          op: 'xa_lock_irqsave',
          target: 'pd_pool',
          code: at('__rxe_add_to_pool()', POOL_C),
          note: 'from rxe_alloc_pd() via __ib_alloc_pd()',
        },
        {
          op: 'msleep',
          target: 'GFP_KERNEL node allocation may sleep',
          code: at('__xa_alloc_cyclic()', XARRAY_C),
        },
        { op: 'xa_unlock_irqrestore', target: 'pd_pool', code: at('__rxe_add_to_pool()', POOL_C) },
      ],
    },
    {
      id: 'ah_uverbs',
      name: 'ibv_create_ah() through uverbs',
      cpu: 0,
      steps: [
        {
          op: 'xa_lock_irqsave',
          target: 'ah_pool',
          code: at('__rxe_add_to_pool()', POOL_C),
          note: 'from rxe_create_ah()',
        },
        {
          op: 'msleep',
          target: 'GFP_KERNEL node allocation may sleep',
          code: at('__xa_alloc_cyclic()', XARRAY_C),
        },
        { op: 'xa_unlock_irqrestore', target: 'ah_pool', code: at('__rxe_add_to_pool()', POOL_C) },
      ],
    },
    {
      id: 'ah_cm',
      name: 'rdma_connect(): ib_send_cm_req() creates an AH',
      cpu: 1,
      steps: [
        { op: 'spin_lock_irqsave', target: 'cm', code: at('ib_send_cm_req()', CM_C) },
        {
          op: 'xa_lock_irqsave',
          target: 'ah_pool',
          code: at('__rxe_add_to_pool()', POOL_C),
          note: 'via cm_alloc_msg(), rdma_create_ah(), rxe_create_ah()',
        },
        {
          op: 'msleep',
          target: 'GFP_KERNEL node allocation may sleep',
          code: at('__xa_alloc_cyclic()', XARRAY_C),
        },
        { op: 'xa_unlock_irqrestore', target: 'ah_pool', code: at('__rxe_add_to_pool()', POOL_C) },
        { op: 'spin_unlock_irqrestore', target: 'cm', code: at('ib_send_cm_req()', CM_C) },
      ],
    },
  ],
};

export default scenario;

// v4 (1/2 + 2/2): XA_FLAGS_LOCK_IRQ; irqsave + GFP_ATOMIC for AHs, xa_lock_irq() + GFP_KERNEL for the rest.
// Self-contained on purpose (type-only import): a Web Worker can strip the types and run it as is.

import type { CodeRef, Scenario } from '../../../../src/lib/locks/model.ts';

const POOL_C = 'drivers/infiniband/sw/rxe/rxe_pool.c';
const AV_C = 'drivers/infiniband/sw/rxe/rxe_av.c';
const REQ_C = 'drivers/infiniband/sw/rxe/rxe_req.c';
const TASK_C = 'drivers/infiniband/sw/rxe/rxe_task.c';
const CM_C = 'drivers/infiniband/core/cm.c';
const XARRAY_C = 'lib/xarray.c';
const at = (fn: string, file: string): CodeRef => ({ fn, file });

/** v4: the AH pool takes the lock with irqsave and GFP_ATOMIC; other pools with _irq and GFP_KERNEL. */
const scenario: Scenario = {
  id: 'rxe-pool-fix-v4',
  thread: 'rxe-xa-lock-softirq-deadlock-fix',
  answers: '20220415195630.279510-1-yanjun.zhu@linux.dev',
  title: 'v4: _irq for most pools, irqsave + GFP_ATOMIC for AHs (superseded by v5)',
  summary:
    'v4 1/2 initialises the pools with XA_FLAGS_LOCK_IRQ and uses irqsave with GFP_ATOMIC in ' +
    '__rxe_add_to_pool(); 2/2 adds a gfp argument so that only rxe_create_ah() asks for GFP_ATOMIC ' +
    '(irqsave) and the other objects get xa_lock_irq() with GFP_KERNEL. The tasklet never interrupts ' +
    'a holder: no deadlock. v5 replaced the gfp test by a test of the pool type.',
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
          op: 'xa_lock_irq',
          target: 'pd_pool',
          code: at('__rxe_add_to_pool()', POOL_C),
          note: 'from rxe_alloc_pd() via __ib_alloc_pd()',
        },
        {
          op: 'do',
          target: 'GFP_KERNEL: allocate an index in pd_pool',
          code: at('__xa_alloc_cyclic()', XARRAY_C),
        },
        { op: 'xa_unlock_irq', target: 'pd_pool', code: at('__rxe_add_to_pool()', POOL_C) },
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
          op: 'do',
          target: 'GFP_ATOMIC: allocate an index in ah_pool',
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
          op: 'do',
          target: 'GFP_ATOMIC: allocate an index in ah_pool',
          code: at('__xa_alloc_cyclic()', XARRAY_C),
        },
        { op: 'xa_unlock_irqrestore', target: 'ah_pool', code: at('__rxe_add_to_pool()', POOL_C) },
        { op: 'spin_unlock_irqrestore', target: 'cm', code: at('ib_send_cm_req()', CM_C) },
      ],
    },
  ],
};

export default scenario;

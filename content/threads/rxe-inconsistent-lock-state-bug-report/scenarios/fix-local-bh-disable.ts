// Zhu Yanjun's first diff: local_bh_disable() around xa_alloc_cyclic() in __rxe_add_to_pool() only.
// Self-contained on purpose (type-only import): a Web Worker can strip the types and run it as is.

import type { CodeRef, Scenario } from '../../../../src/lib/locks/model.ts';

const POOL_C = 'drivers/infiniband/sw/rxe/rxe_pool.c';
const AV_C = 'drivers/infiniband/sw/rxe/rxe_av.c';
const REQ_C = 'drivers/infiniband/sw/rxe/rxe_req.c';
const TASK_C = 'drivers/infiniband/sw/rxe/rxe_task.c';
const CM_C = 'drivers/infiniband/core/cm.c';
const XARRAY_H = 'include/linux/xarray.h';
const at = (fn: string, file: string): CodeRef => ({ fn, file });

/** Softirqs off in __rxe_add_to_pool(); rxe_alloc() (the MR pool) keeps the plain lock. */
const scenario: Scenario = {
  id: 'rxe-bug-report-fix-local-bh',
  thread: 'rxe-inconsistent-lock-state-bug-report',
  answers: 'e677d777-8646-81d4-3299-e4e390587074@linux.dev',
  title: 'Diff: local_bh_disable() in __rxe_add_to_pool() (superseded by the irqsave diff)',
  summary:
    'The diff disables softirqs around xa_alloc_cyclic() in __rxe_add_to_pool(), so the requester tasklet ' +
    "cannot interrupt a PD or AH insertion. Yi Zhang's test log shows two things it leaves: rxe_alloc() " +
    '(here the DMA MR created with the first PD) still inserts with softirqs on, so lockdep still reports the ' +
    'class; and the AH created by the CM with interrupts off now re-enables softirqs there, which the kernel ' +
    'warns about. Between the instances modelled (the MR pool insert, the AH pool lookup) there is no ' +
    'deadlock; the model checks neither the class-level report nor the softirq re-enable rule.',
  expect: 'no-deadlock',
  role: 'fix',
  fate: 'superseded',
  cpus: 2,
  locks: [
    // One xa_init_flags() call site in rxe_pool_init() for every pool: one lockdep class, many instances.
    { id: 'pd_pool', name: '&xa->xa_lock#15', kind: 'spinlock', instance: 'pd_pool.xa' },
    { id: 'mr_pool', name: '&xa->xa_lock#15', kind: 'spinlock', instance: 'mr_pool.xa' },
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
      name: 'rdma link add (ib_mad allocates a PD and its DMA MR)',
      cpu: 0,
      steps: [
        { op: 'local_bh_disable', code: at('__rxe_add_to_pool()', POOL_C), note: 'the diff' },
        { op: 'xa_lock', target: 'pd_pool', code: at('xa_alloc_cyclic()', XARRAY_H) },
        { op: 'do', target: 'allocate an index in pd_pool', code: at('xa_alloc_cyclic()', XARRAY_H) },
        { op: 'xa_unlock', target: 'pd_pool', code: at('xa_alloc_cyclic()', XARRAY_H) },
        { op: 'local_bh_enable', code: at('__rxe_add_to_pool()', POOL_C) },
        {
          op: 'xa_lock',
          target: 'mr_pool',
          code: at('rxe_alloc()', POOL_C),
          note: 'from rxe_get_dma_mr(): not covered by the diff',
        },
        { op: 'do', target: 'allocate an index in mr_pool', code: at('xa_alloc_cyclic()', XARRAY_H) },
        { op: 'xa_unlock', target: 'mr_pool', code: at('rxe_alloc()', POOL_C) },
      ],
    },
    {
      id: 'ah_cm',
      name: 'srp login: ib_send_cm_req() creates an AH',
      cpu: 1,
      steps: [
        { op: 'spin_lock_irqsave', target: 'cm', code: at('ib_send_cm_req()', CM_C) },
        {
          op: 'local_bh_disable',
          code: at('__rxe_add_to_pool()', POOL_C),
          note: 'via cm_alloc_msg(), rdma_create_ah(), rxe_create_ah()',
        },
        { op: 'xa_lock', target: 'ah_pool', code: at('xa_alloc_cyclic()', XARRAY_H) },
        { op: 'do', target: 'allocate an index in ah_pool', code: at('xa_alloc_cyclic()', XARRAY_H) },
        { op: 'xa_unlock', target: 'ah_pool', code: at('xa_alloc_cyclic()', XARRAY_H) },
        {
          op: 'local_bh_enable',
          code: at('__rxe_add_to_pool()', POOL_C),
          note: 'with irqs off: the kernel warns here',
        },
        { op: 'spin_unlock_irqrestore', target: 'cm', code: at('ib_send_cm_req()', CM_C) },
      ],
    },
  ],
};

export default scenario;

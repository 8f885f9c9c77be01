// Zhu Yanjun's first suggestion: test with Bob Pearson's revert of the bh pool locks; the insertions stay as they are.
// Self-contained on purpose (type-only import): a Web Worker can strip the types and run it as is.

import type { CodeRef, Scenario } from '../../../../src/lib/locks/model.ts';

const POOL_C = 'drivers/infiniband/sw/rxe/rxe_pool.c';
const AV_C = 'drivers/infiniband/sw/rxe/rxe_av.c';
const REQ_C = 'drivers/infiniband/sw/rxe/rxe_req.c';
const TASK_C = 'drivers/infiniband/sw/rxe/rxe_task.c';
const XARRAY_H = 'include/linux/xarray.h';
const at = (fn: string, file: string): CodeRef => ({ fn, file });

/** The revert leaves __rxe_add_to_pool() with a plain xa_lock: the deadlock remains, as Yi Zhang found. */
const scenario: Scenario = {
  id: 'rxe-bug-report-fix-revert',
  thread: 'rxe-inconsistent-lock-state-bug-report',
  answers: 'ebcabe3b-56f9-533b-e975-3a9945c3ee99@linux.dev',
  title: 'Suggestion: apply the revert of irqsave-to-bh locks (did not help)',
  summary:
    'Zhu Yanjun suggested applying "RDMA/rxe: Revert changes from irqsave to bh locks", absent from ' +
    '5.18-rc1. Yi Zhang tested rdma/for-next, which has it, and still hit the warning. The pool ' +
    'insertions in the report still use xa_alloc_cyclic() with a plain lock, so the model is the ' +
    "report's code again and the deadlock stays.",
  expect: 'deadlock',
  role: 'fix',
  fate: 'rejected',
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

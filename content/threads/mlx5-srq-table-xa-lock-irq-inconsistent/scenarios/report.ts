// The report on 5.7: the ODP page-fault work looks up an SRQ with a plain xa_lock() on the SRQ table while
// the mlx5 async-event interrupt's srq_event_notifier() takes the same xarray lock in hard irq context.
// Self-contained on purpose (type-only import): a Web Worker can strip the types and run it as is.

import type { CodeRef, Scenario } from '../../../../src/lib/locks/model.ts';

const SRQ_C = 'drivers/infiniband/hw/mlx5/srq_cmd.c';
const ODP_C = 'drivers/infiniband/hw/mlx5/odp.c';
const EQ_C = 'drivers/net/ethernet/mellanox/mlx5/core/eq.c';
const at = (fn: string, file: string): CodeRef => ({ fn, file });

/** One CPU: the page-fault work holds the SRQ table lock with irqs on; the async-event irq wants it. */
const scenario: Scenario = {
  id: 'srq-table-report',
  thread: 'mlx5-srq-table-xa-lock-irq-inconsistent',
  answers: '20200707131551.1153207-1-leon@kernel.org',
  title: '5.7: mlx5_cmd_get_srq() takes the SRQ table lock with hard irqs enabled',
  summary:
    'A worker of the mlx5_ib_page_fault queue runs mlx5_ib_eqe_pf_action(), which resolves the SRQ of a ' +
    'page fault through mlx5_cmd_get_srq(): xa_lock() on the SRQ table, hard interrupts still enabled. The ' +
    'mlx5 async event interrupt forwards SRQ events to srq_event_notifier(), which takes the same lock. When ' +
    'that interrupt lands on the CPU whose worker holds the lock, the handler spins on a lock that only the ' +
    'interrupted worker can release.',
  expect: 'deadlock',
  role: 'report',
  cpus: 1,
  locks: [{ id: 'srq', name: '&xa->xa_lock#13', kind: 'spinlock', instance: 'srq_table->array' }],
  tasks: [],
  workqueues: [{ id: 'pf_wq', name: 'mlx5_ib_page_fault', cpu: 0 }],
  works: [
    {
      id: 'pfault',
      name: '&pfault->work',
      wq: 'pf_wq',
      pending: true,
      code: at('mlx5_ib_eqe_pf_action()', ODP_C),
      fn: [
        { op: 'xa_lock', target: 'srq', code: at('mlx5_cmd_get_srq()', SRQ_C) },
        { op: 'do', target: 'xa_load() the SRQ, take a reference', code: at('mlx5_cmd_get_srq()', SRQ_C) },
        { op: 'xa_unlock', target: 'srq', code: at('mlx5_cmd_get_srq()', SRQ_C) },
      ],
    },
  ],
  irqs: [
    {
      id: 'async_eq',
      name: 'mlx5 async event queue',
      code: at('mlx5_eq_async_int()', EQ_C),
      handler: [
        { op: 'xa_lock', target: 'srq', code: at('srq_event_notifier()', SRQ_C) },
        { op: 'do', target: 'xa_load() the SRQ, take a reference', code: at('srq_event_notifier()', SRQ_C) },
        { op: 'xa_unlock', target: 'srq', code: at('srq_event_notifier()', SRQ_C) },
      ],
    },
  ],
};

export default scenario;

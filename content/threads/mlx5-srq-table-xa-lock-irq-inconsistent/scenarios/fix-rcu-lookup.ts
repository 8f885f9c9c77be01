// Matthew Wilcox's suggestion: look the SRQ up under RCU with refcount_inc_not_zero(), no xa_lock at all.
// Self-contained on purpose (type-only import).

import type { CodeRef, Scenario } from '../../../../src/lib/locks/model.ts';

const SRQ_C = 'drivers/infiniband/hw/mlx5/srq_cmd.c';
const ODP_C = 'drivers/infiniband/hw/mlx5/odp.c';
const EQ_C = 'drivers/net/ethernet/mellanox/mlx5/core/eq.c';
const at = (fn: string, file: string): CodeRef => ({ fn, file });

/** The RCU lookup: the worker takes no spinlock, so nothing the interrupt needs is held with irqs on. */
const scenario: Scenario = {
  id: 'srq-table-fix-rcu-lookup',
  thread: 'mlx5-srq-table-xa-lock-irq-inconsistent',
  answers: '20200707134258.GL25523@casper.infradead.org',
  title: 'Suggestion: an RCU lookup in mlx5_cmd_get_srq() (declined)',
  summary:
    'Matthew Wilcox sketched a lookup that needs no lock: rcu_read_lock(), xa_load(), and ' +
    'refcount_inc_not_zero() to refuse an SRQ on its way out. The page-fault worker then holds ' +
    'nothing the interrupt handler wants, so there is no deadlock and no need to disable interrupts. ' +
    'The price he named, freeing SRQs only after an RCU grace period, is not modelled. Leon declined ' +
    'it as an optimisation nobody needed yet.',
  expect: 'no-deadlock',
  role: 'fix',
  fate: 'rejected',
  cpus: 2,
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
        { op: 'rcu_read_lock', code: at('mlx5_cmd_get_srq()', SRQ_C), note: 'suggested code' },
        { op: 'do', target: 'xa_load() the SRQ without the lock', code: at('xa_load()', 'lib/xarray.c') },
        {
          op: 'do',
          target: 'refcount_inc_not_zero(); no SRQ if it is being freed',
          code: at('refcount_inc_not_zero()', 'include/linux/refcount.h'),
        },
        { op: 'rcu_read_unlock', code: at('mlx5_cmd_get_srq()', SRQ_C) },
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

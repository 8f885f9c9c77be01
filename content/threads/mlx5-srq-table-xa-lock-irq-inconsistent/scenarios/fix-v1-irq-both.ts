// v1: xa_lock_irq() at both SRQ table lookups, including the one in the interrupt handler.
// Self-contained on purpose (type-only import).

import type { CodeRef, Scenario } from '../../../../src/lib/locks/model.ts';

const SRQ_C = 'drivers/infiniband/hw/mlx5/srq_cmd.c';
const ODP_C = 'drivers/infiniband/hw/mlx5/odp.c';
const EQ_C = 'drivers/net/ethernet/mellanox/mlx5/core/eq.c';
const at = (fn: string, file: string): CodeRef => ({ fn, file });

/** v1: _irq in mlx5_cmd_get_srq() (right) and in srq_event_notifier() (the hunk Matthew Wilcox objected to). */
const scenario: Scenario = {
  id: 'srq-table-fix-v1-irq-both',
  thread: 'mlx5-srq-table-xa-lock-irq-inconsistent',
  answers: '20200707131551.1153207-1-leon@kernel.org',
  title: 'v1: xa_lock_irq() in both SRQ table lookups (superseded by v2)',
  summary:
    'v1 turns both xa_lock() calls into xa_lock_irq(). The worker side is the real fix and the model ' +
    'finds no deadlock. The hunk in srq_event_notifier() is wrong in a way this model does not show: ' +
    'xa_unlock_irq() switches interrupts back on inside a hard interrupt handler. The model runs ' +
    'handlers one at a time and never lets an interrupt nest, so it cannot show what an interrupt ' +
    'arriving there would do.',
  expect: 'no-deadlock',
  role: 'fix',
  fate: 'superseded',
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
        { op: 'xa_lock_irq', target: 'srq', code: at('mlx5_cmd_get_srq()', SRQ_C) },
        { op: 'do', target: 'xa_load() the SRQ, take a reference', code: at('mlx5_cmd_get_srq()', SRQ_C) },
        { op: 'xa_unlock_irq', target: 'srq', code: at('mlx5_cmd_get_srq()', SRQ_C) },
      ],
    },
  ],
  irqs: [
    {
      id: 'async_eq',
      name: 'mlx5 async event queue',
      code: at('mlx5_eq_async_int()', EQ_C),
      handler: [
        { op: 'xa_lock_irq', target: 'srq', code: at('srq_event_notifier()', SRQ_C) },
        { op: 'do', target: 'xa_load() the SRQ, take a reference', code: at('srq_event_notifier()', SRQ_C) },
        { op: 'xa_unlock_irq', target: 'srq', code: at('srq_event_notifier()', SRQ_C) },
      ],
    },
  ],
};

export default scenario;

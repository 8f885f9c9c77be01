// v2, applied: only mlx5_cmd_get_srq() changes, to xa_lock_irq(); the interrupt handler keeps xa_lock().
// Self-contained on purpose (type-only import).

import type { CodeRef, Scenario } from '../../../../src/lib/locks/model.ts';

const SRQ_C = 'drivers/infiniband/hw/mlx5/srq_cmd.c';
const ODP_C = 'drivers/infiniband/hw/mlx5/odp.c';
const EQ_C = 'drivers/net/ethernet/mellanox/mlx5/core/eq.c';
const at = (fn: string, file: string): CodeRef => ({ fn, file });

/** v2: the process-context lookup disables irqs; the handler, always in hardirq, keeps the plain lock. */
const scenario: Scenario = {
  id: 'srq-table-fix-v2-get-srq-irq',
  thread: 'mlx5-srq-table-xa-lock-irq-inconsistent',
  answers: '20200712102641.15210-1-leon@kernel.org',
  title: 'v2: xa_lock_irq() in mlx5_cmd_get_srq() only (applied)',
  summary:
    'v2 drops the interrupt-handler hunk. The page-fault worker takes the SRQ table lock with ' +
    'interrupts off, so the async event interrupt cannot arrive on its CPU while it holds the lock; ' +
    'on the other CPU the handler spins briefly and gets it. srq_event_notifier() runs with ' +
    'interrupts already off and keeps xa_lock().',
  expect: 'no-deadlock',
  role: 'fix',
  fate: 'applied',
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
        { op: 'xa_lock', target: 'srq', code: at('srq_event_notifier()', SRQ_C) },
        { op: 'do', target: 'xa_load() the SRQ, take a reference', code: at('srq_event_notifier()', SRQ_C) },
        { op: 'xa_unlock', target: 'srq', code: at('srq_event_notifier()', SRQ_C) },
      ],
    },
  ],
};

export default scenario;

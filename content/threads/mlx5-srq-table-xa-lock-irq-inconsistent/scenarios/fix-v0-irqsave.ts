// v0 (not in this thread; its changelog is in v1): xa_lock_irqsave() at both SRQ table lookups.
// Self-contained on purpose (type-only import).

import type { CodeRef, Scenario } from '../../../../src/lib/locks/model.ts';

const SRQ_C = 'drivers/infiniband/hw/mlx5/srq_cmd.c';
const ODP_C = 'drivers/infiniband/hw/mlx5/odp.c';
const EQ_C = 'drivers/net/ethernet/mellanox/mlx5/core/eq.c';
const at = (fn: string, file: string): CodeRef => ({ fn, file });

/** v0 as v1's changelog describes it: irqsave in mlx5_cmd_get_srq() and srq_event_notifier(). */
const scenario: Scenario = {
  id: 'srq-table-fix-v0-irqsave',
  thread: 'mlx5-srq-table-xa-lock-irq-inconsistent',
  answers: '20200707131551.1153207-1-leon@kernel.org',
  proposedIn: '20200707110612.882962-2-leon@kernel.org',
  title: 'v0: xa_lock_irqsave() in both SRQ table lookups (superseded by v1)',
  summary:
    'The first posting, which this thread only knows from the changelog of v1: both lookups take the ' +
    'SRQ table lock with xa_lock_irqsave(). In the page-fault worker interrupts are off while the ' +
    'lock is held, so the async event interrupt can only wait on the other CPU; in the handler ' +
    'irqsave is harmless, interrupts are already off. v1 replaced irqsave by the plain _irq variant.',
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
        { op: 'xa_lock_irqsave', target: 'srq', code: at('mlx5_cmd_get_srq()', SRQ_C) },
        { op: 'do', target: 'xa_load() the SRQ, take a reference', code: at('mlx5_cmd_get_srq()', SRQ_C) },
        { op: 'xa_unlock_irqrestore', target: 'srq', code: at('mlx5_cmd_get_srq()', SRQ_C) },
      ],
    },
  ],
  irqs: [
    {
      id: 'async_eq',
      name: 'mlx5 async event queue',
      code: at('mlx5_eq_async_int()', EQ_C),
      handler: [
        { op: 'xa_lock_irqsave', target: 'srq', code: at('srq_event_notifier()', SRQ_C) },
        { op: 'do', target: 'xa_load() the SRQ, take a reference', code: at('srq_event_notifier()', SRQ_C) },
        { op: 'xa_unlock_irqrestore', target: 'srq', code: at('srq_event_notifier()', SRQ_C) },
      ],
    },
  ],
};

export default scenario;

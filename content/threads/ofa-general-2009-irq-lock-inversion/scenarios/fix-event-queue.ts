// Fix 3, the quoted author's proposal: the interrupt only queues the event; a worker handles it later.
// Self-contained on purpose (type-only import): a Web Worker can strip the types and run it as is.

import type { CodeRef, Scenario } from '../../../../src/lib/locks/model.ts';

const CM_C = 'drivers/infiniband/core/cm.c';
const MAD_C = 'drivers/infiniband/core/mad.c';
// The proposal was never merged: its steps point at the function that would change, in a file marked so.
const PROPOSED = 'drivers/infiniband/core/cm.c (proposed)';
const at = (fn: string, file: string): CodeRef => ({ fn, file });

/** Fix 3: events queued from the interrupt and handled by a worker (allocation may fail). */
const scenario: Scenario = {
  id: 'fix-event-queue',
  thread: 'ofa-general-2009-irq-lock-inversion',
  answers: 'pipermail.012c758912452e46341f884c@lockstep.invalid',
  title: 'Fix: queue the event from the interrupt, handle it in task context (with allocation failure)',
  summary:
    'Instead of calling back into ib_cm, the handler allocates an event with GFP_ATOMIC, adds it to a list ' +
    'under its own lock and queues a work item; a worker takes cm_id_priv->lock later in task context. The ' +
    'deadlock is gone, but the allocation can fail and the event is then lost, and the list needs its own ' +
    'irq-safe lock: the two costs Roland Dreier names.',
  expect: 'no-deadlock',
  role: 'fix',
  fate: 'rejected',
  kernel: '2.6.30',
  cpus: 3,
  locks: [
    { id: 'cm', name: 'cm_id_priv->lock', kind: 'spinlock' },
    { id: 'mad', name: 'mad_agent_priv->lock', kind: 'spinlock' },
    { id: 'evq', name: 'cm_event_list_lock', kind: 'spinlock' },
  ],
  workqueues: [
    { id: 'ib_mad', name: 'ib_mad', cpu: 2 },
    { id: 'ib_cm', name: 'ib_cm', cpu: 0 },
  ],
  works: [
    {
      id: 'timed_work',
      name: 'timed_work',
      wq: 'ib_mad',
      delayed: true,
      pending: true,
      code: at('timeout_sends()', MAD_C),
      fn: [
        { op: 'spin_lock_irqsave', target: 'mad', code: at('timeout_sends()', MAD_C) },
        { op: 'do', target: 'time out expired sends', code: at('timeout_sends()', MAD_C) },
        { op: 'spin_unlock_irqrestore', target: 'mad', code: at('timeout_sends()', MAD_C) },
      ],
    },
    {
      id: 'cm_event_work',
      name: 'cm_event_work',
      wq: 'ib_cm',
      code: at('cm_event_work_handler()', PROPOSED),
      fn: [
        { op: 'spin_lock_irqsave', target: 'evq', code: at('cm_event_work_handler()', PROPOSED) },
        { op: 'do', target: 'take the event off the list', code: at('cm_event_work_handler()', PROPOSED) },
        { op: 'spin_unlock_irqrestore', target: 'evq', code: at('cm_event_work_handler()', PROPOSED) },
        { op: 'spin_lock_irqsave', target: 'cm', code: at('cm_establish()', CM_C) },
        { op: 'do', target: 'move cm_id to ESTABLISHED', code: at('cm_establish()', CM_C) },
        { op: 'spin_unlock_irqrestore', target: 'cm', code: at('cm_establish()', CM_C) },
      ],
    },
  ],
  irqs: [
    {
      id: 'comm_est',
      name: 'comm-established event',
      code: at('ib_cm_notify()', CM_C),
      handler: [
        { op: 'alloc_atomic', target: 'kmalloc(GFP_ATOMIC) event', code: at('ib_cm_notify()', PROPOSED) },
        { op: 'spin_lock_irqsave', target: 'evq', code: at('ib_cm_notify()', PROPOSED) },
        { op: 'do', target: 'add the event to the list', code: at('ib_cm_notify()', PROPOSED) },
        { op: 'spin_unlock_irqrestore', target: 'evq', code: at('ib_cm_notify()', PROPOSED) },
        { op: 'queue_work', target: 'cm_event_work', code: at('ib_cm_notify()', PROPOSED) },
      ],
    },
  ],
  tasks: [
    {
      id: 'cm',
      name: 'ib_cm send',
      cpu: 0,
      steps: [
        { op: 'spin_lock_irqsave', target: 'cm', code: at('ib_send_cm_dreq()', CM_C) },
        { op: 'spin_lock_irqsave', target: 'mad', code: at('ib_post_send_mad()', MAD_C) },
        { op: 'spin_unlock_irqrestore', target: 'mad', code: at('ib_post_send_mad()', MAD_C) },
        { op: 'spin_unlock_irqrestore', target: 'cm', code: at('ib_send_cm_dreq()', CM_C) },
      ],
    },
    {
      id: 'mad',
      name: 'ib_mad send completion',
      cpu: 1,
      steps: [
        { op: 'spin_lock_irqsave', target: 'mad', code: at('ib_mad_complete_send_wr()', MAD_C) },
        { op: 'cancel_delayed_work', target: 'timed_work', code: at('wait_for_response()', MAD_C) },
        { op: 'queue_delayed_work', target: 'timed_work', code: at('wait_for_response()', MAD_C) },
        { op: 'spin_unlock_irqrestore', target: 'mad', code: at('ib_mad_complete_send_wr()', MAD_C) },
      ],
    },
  ],
};

export default scenario;

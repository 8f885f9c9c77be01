// Fix 3, the quoted author's proposal: the interrupt only queues the event; a worker handles it later.
// Written as the 2.6.30 baseline plus what the proposal adds: a list lock, a work item and its workqueue,
// and a new interrupt handler.

import { addItems, deriveScenario, setSteps } from '../../../../src/lib/locks/derive.ts';
import baseline, { at, CM_C } from './baseline-2630.ts';

// The proposal was never merged: its steps point at the function that would change, in a file marked so.
const PROPOSED = 'drivers/infiniband/core/cm.c (proposed)';

/** Fix 3: events queued from the interrupt and handled by a worker (allocation may fail). */
export default deriveScenario(
  baseline,
  {
    id: 'fix-event-queue',
    title: 'Fix: queue the event from the interrupt, handle it in task context (with allocation failure)',
    summary:
      'Instead of calling back into ib_cm, the handler allocates an event with GFP_ATOMIC, adds it to a list ' +
      'under its own lock and queues a work item; a worker takes cm_id_priv->lock later in task context. The ' +
      'deadlock is gone, but the allocation can fail and the event is then lost, and the list needs its own ' +
      'irq-safe lock: the two costs Roland Dreier names.',
    expect: 'no-deadlock',
    role: 'fix',
    fate: 'rejected',
  },
  [
    addItems('locks', [{ id: 'evq', name: 'cm_event_list_lock', kind: 'spinlock' }]),
    addItems('workqueues', [{ id: 'ib_cm', name: 'ib_cm', cpu: 0 }]),
    // The worker does what the handler did, in task context, after taking the event off the list.
    addItems('works', [
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
    ]),
    // The interrupt no longer takes cm_id_priv->lock: it allocates, lists and queues the event.
    setSteps({ irq: 'comm_est' }, [
      { op: 'alloc_atomic', target: 'kmalloc(GFP_ATOMIC) event', code: at('ib_cm_notify()', PROPOSED) },
      { op: 'spin_lock_irqsave', target: 'evq', code: at('ib_cm_notify()', PROPOSED) },
      { op: 'do', target: 'add the event to the list', code: at('ib_cm_notify()', PROPOSED) },
      { op: 'spin_unlock_irqrestore', target: 'evq', code: at('ib_cm_notify()', PROPOSED) },
      { op: 'queue_work', target: 'cm_event_work', code: at('ib_cm_notify()', PROPOSED) },
    ]),
  ],
);

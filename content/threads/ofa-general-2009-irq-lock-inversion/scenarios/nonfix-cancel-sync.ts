// A plausible change that does not fix it: the _sync cancel waits for even more under the same lock.
// Self-contained on purpose (type-only import): a Web Worker can strip the types and run it as is.

import type { CodeRef, Scenario } from '../../../../src/lib/locks/model.ts';

const CM_C = 'drivers/infiniband/core/cm.c';
const MAD_C = 'drivers/infiniband/core/mad.c';
const at = (fn: string, file: string): CodeRef => ({ fn, file });

/** Non-fix: cancel_delayed_work_sync() under mad_agent_priv->lock. */
const scenario: Scenario = {
  id: 'nonfix-cancel-sync',
  thread: 'ofa-general-2009-irq-lock-inversion',
  answers: 'pipermail.012c758912452e46341f884c@lockstep.invalid',
  title: 'Not a fix: cancel_delayed_work_sync() under the lock',
  summary:
    'A tempting change: use the _sync variant so the timeout work is surely gone. It still waits for the ' +
    'timer function under mad_agent_priv->lock, and now also for timeout_sends(), which itself takes ' +
    'mad_agent_priv->lock: the model finds a deadlock, and a shorter one than the original.',
  expect: 'deadlock',
  role: 'fix',
  fate: 'rejected',
  kernel: '2.6.30',
  cpus: 3,
  locks: [
    { id: 'cm', name: 'cm_id_priv->lock', kind: 'spinlock' },
    { id: 'mad', name: 'mad_agent_priv->lock', kind: 'spinlock' },
  ],
  workqueues: [{ id: 'ib_mad', name: 'ib_mad', cpu: 2 }],
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
  ],
  irqs: [
    {
      id: 'comm_est',
      name: 'comm-established event',
      code: at('ib_cm_notify()', CM_C),
      handler: [
        { op: 'spin_lock_irqsave', target: 'cm', code: at('cm_establish()', CM_C) },
        { op: 'do', target: 'move cm_id to ESTABLISHED', code: at('cm_establish()', CM_C) },
        { op: 'spin_unlock_irqrestore', target: 'cm', code: at('cm_establish()', CM_C) },
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
        { op: 'cancel_delayed_work_sync', target: 'timed_work', code: at('wait_for_response()', MAD_C) },
        { op: 'queue_delayed_work', target: 'timed_work', code: at('wait_for_response()', MAD_C) },
        { op: 'spin_unlock_irqrestore', target: 'mad', code: at('ib_mad_complete_send_wr()', MAD_C) },
      ],
    },
  ],
};

export default scenario;

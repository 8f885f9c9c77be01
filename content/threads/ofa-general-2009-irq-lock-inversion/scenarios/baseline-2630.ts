// 2.6.30 as Roland Dreier describes it: three CPUs, two spinlocks and a timer wait that closes the loop.
// The fixes beside it import this model and state only what they change (src/lib/locks/derive.ts).

import type { CodeRef, Scenario } from '../../../../src/lib/locks/model.ts';

export const CM_C = 'drivers/infiniband/core/cm.c';
export const MAD_C = 'drivers/infiniband/core/mad.c';
export const at = (fn: string, file: string): CodeRef => ({ fn, file });

/** Roland's chain on 2.6.30: cm_id_priv->lock → mad_agent_priv->lock → del_timer_sync() → irq → cm_id_priv->lock. */
const scenario: Scenario = {
  id: 'baseline-2630',
  thread: 'ofa-general-2009-irq-lock-inversion',
  answers: 'pipermail.012c758912452e46341f884c@lockstep.invalid',
  title: '2.6.30 as shipped: cancel_delayed_work() under mad_agent_priv->lock',
  summary:
    'ib_cm holds cm_id_priv->lock and posts a MAD (which takes mad_agent_priv->lock); ib_mad holds ' +
    'mad_agent_priv->lock and calls cancel_delayed_work(), which in 2.6.30 is del_timer_sync() and waits for ' +
    'a running timer function; a communication-established interrupt on the CPU running that timer ' +
    'function calls back into ib_cm, which spins on cm_id_priv->lock.',
  expect: 'deadlock',
  role: 'report',
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
        { op: 'cancel_delayed_work', target: 'timed_work', code: at('wait_for_response()', MAD_C) },
        { op: 'queue_delayed_work', target: 'timed_work', code: at('wait_for_response()', MAD_C) },
        { op: 'spin_unlock_irqrestore', target: 'mad', code: at('ib_mad_complete_send_wr()', MAD_C) },
      ],
    },
  ],
};

export default scenario;

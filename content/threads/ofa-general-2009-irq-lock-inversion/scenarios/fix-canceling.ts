// Fix 2, the later upstream pattern: change state under the lock, wait for the timer only after unlocking.
// Written as the 2.6.30 baseline plus its changes to the ib_mad task.

import { deriveScenario, insertSteps, removeStep, replaceStep } from '../../../../src/lib/locks/derive.ts';
import baseline, { at, MAD_C } from './baseline-2630.ts';

const mad = { task: 'mad' } as const;

/** Fix 2: mark CANCELING under the lock, del_timer_sync() after unlocking. */
export default deriveScenario(
  baseline,
  {
    id: 'fix-canceling',
    title: 'Fix: mark CANCELING under the lock, cancel after dropping it (pattern of commit 0e442afd)',
    summary:
      'The pattern Linux commit 0e442afd92fc applied in ib_cancel_rmpp_recvs(): under mad_agent_priv->lock ' +
      'only mark the entry CANCELING; drop the lock, then call cancel_delayed_work() (still del_timer_sync() in ' +
      '2.6.30). Waiting for the timer function no longer happens with a lock held, so the chain cannot close.',
    expect: 'no-deadlock',
    role: 'fix',
    fate: 'applied',
  },
  [
    // Under the lock only the state changes…
    replaceStep(
      mad,
      { op: 'cancel_delayed_work' },
      {
        op: 'do',
        target: 'mark entry CANCELING',
        note: 'as ib_cancel_rmpp_recvs() after 0e442afd',
        code: at('wait_for_response()', MAD_C),
      },
    ),
    removeStep(mad, { op: 'queue_delayed_work' }),
    // …and the cancel (still waiting for a running timer) and the requeue come after the unlock.
    insertSteps(mad, { after: { op: 'spin_unlock_irqrestore', target: 'mad' } }, [
      { op: 'cancel_delayed_work', target: 'timed_work', code: at('ib_mad_complete_send_wr()', MAD_C) },
      { op: 'queue_delayed_work', target: 'timed_work', code: at('wait_for_response()', MAD_C) },
    ]),
  ],
);

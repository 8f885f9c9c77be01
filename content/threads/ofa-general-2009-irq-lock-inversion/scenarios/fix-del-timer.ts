// Fix 1: the cancel under the lock no longer waits for a running timer function (del_timer() semantics).
// Written as the 2.6.30 baseline plus its one change.

import { deriveScenario, editStep } from '../../../../src/lib/locks/derive.ts';
import baseline from './baseline-2630.ts';

/** Fix 1: del_timer() semantics for the cancel under mad_agent_priv->lock. */
export default deriveScenario(
  baseline,
  {
    id: 'fix-del-timer',
    title: 'Fix: cancel with del_timer() semantics (__cancel_delayed_work()) under the lock',
    summary:
      'Same code as 2.6.30, but the cancel under mad_agent_priv->lock only removes a pending timer and never ' +
      'waits for a running timer function, as __cancel_delayed_work() (del_timer()) does in later kernels. ' +
      'The wait that closed the loop is gone, so CPU1 can always drop mad_agent_priv->lock.',
    expect: 'no-deadlock',
    role: 'fix',
    fate: 'applied',
  },
  [
    // The cancel under mad_agent_priv->lock: same place, the variant that does not wait.
    editStep(
      { task: 'mad' },
      { op: 'cancel_delayed_work', target: 'timed_work' },
      { op: '__cancel_delayed_work' },
    ),
  ],
);

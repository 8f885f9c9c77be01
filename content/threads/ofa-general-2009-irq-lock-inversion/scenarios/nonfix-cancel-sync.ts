// A plausible change that does not fix it: the _sync cancel waits for even more under the same lock.
// Written as the 2.6.30 baseline plus its one change.

import { deriveScenario, editStep } from '../../../../src/lib/locks/derive.ts';
import baseline from './baseline-2630.ts';

/** Non-fix: cancel_delayed_work_sync() under mad_agent_priv->lock. */
export default deriveScenario(
  baseline,
  {
    id: 'nonfix-cancel-sync',
    title: 'Not a fix: cancel_delayed_work_sync() under the lock',
    summary:
      'A tempting change: use the _sync variant so the timeout work is surely gone. It still waits for the ' +
      'timer function under mad_agent_priv->lock, and now also for timeout_sends(), which itself takes ' +
      'mad_agent_priv->lock: the model finds a deadlock, and a shorter one than the original.',
    role: 'fix',
    fate: 'rejected',
  },
  [
    // The cancel under mad_agent_priv->lock becomes the variant that also waits for the work function.
    editStep(
      { task: 'mad' },
      { op: 'cancel_delayed_work', target: 'timed_work' },
      { op: 'cancel_delayed_work_sync' },
    ),
  ],
);

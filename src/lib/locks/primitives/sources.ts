// What starts a context other than a task: a timer firing, an interrupt arriving, an RCU callback
// after its grace period, a worker picking a work. The engine asks here; each family owns its rule.

import type { Compiled, Context } from '../compile.ts';
import { irqCanStart, irqStart } from './irq.ts';
import { rcuCanStart, rcuStart } from './rcu.ts';
import { timerCanStart, timerStart } from './timer.ts';
import type { RState } from './types.ts';

export { startableWorks, startWork, workFinished } from './workqueue.ts';

/** Whether softirq/hardirq context `x` may start now (CPU rules are the engine's). */
export function canStartSource(c: Compiled, s: RState, x: Context): boolean {
  switch (x.sourceKind) {
    case 'timer':
      return timerCanStart(c, s, x);
    case 'irq':
      return irqCanStart(c, s, x);
    case 'rcu':
      return rcuCanStart(c, s, x);
    default:
      return false;
  }
}

/** What starting softirq/hardirq context `x` does to its source. */
export function startSource(c: Compiled, s: Int32Array, x: Context, _cpu: number): void {
  if (x.sourceKind === 'timer') timerStart(c, s, x);
  else if (x.sourceKind === 'irq') irqStart(c, s, x);
  else if (x.sourceKind === 'rcu') rcuStart(c, s, x);
}

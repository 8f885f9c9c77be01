// How each kernel call expands into micro-ops, and the compiler for one body of steps.

import type { Micro, MicroKind } from './compile.ts';
import type { Op, Step } from './model.ts';

/** Id → index tables of a scenario. */
export interface Indexes {
  lockIx: Map<string, number>;
  timerIx: Map<string, number>;
  workIx: Map<string, number>;
  wqIx: Map<string, number>;
}
/** Display names (and what the expander must know) per index. */
export interface Names {
  locks: { name: string; mutex: boolean }[];
  timers: { name: string }[];
  works: { name: string; timer: number }[];
  wqs: { name: string }[];
}

/** The micro-op kinds each op expands to, and which table its target indexes. */
const EXPANSION: Record<
  Op,
  { parts: [MicroKind, string][]; table: 'lock' | 'timer' | 'work' | 'wq' | 'text' }
> = {
  spin_lock: { parts: [['lock', '']], table: 'lock' },
  spin_unlock: { parts: [['unlock', '']], table: 'lock' },
  spin_lock_irq: {
    parts: [
      ['irq_disable', 'irqs off'],
      ['lock', 'acquire'],
    ],
    table: 'lock',
  },
  spin_unlock_irq: { parts: [['unlock_irq', '']], table: 'lock' },
  spin_lock_irqsave: {
    parts: [
      ['irq_save', 'irqs off'],
      ['lock', 'acquire'],
    ],
    table: 'lock',
  },
  spin_unlock_irqrestore: { parts: [['unlock_irqrestore', '']], table: 'lock' },
  spin_lock_bh: {
    parts: [
      ['bh_disable', 'softirqs off'],
      ['lock', 'acquire'],
    ],
    table: 'lock',
  },
  spin_unlock_bh: { parts: [['unlock_bh', '']], table: 'lock' },
  mutex_lock: { parts: [['mutex_lock', '']], table: 'lock' },
  mutex_unlock: { parts: [['mutex_unlock', '']], table: 'lock' },
  add_timer: { parts: [['timer_arm', '']], table: 'timer' },
  del_timer: { parts: [['timer_del', '']], table: 'timer' },
  del_timer_sync: { parts: [['timer_del_sync', '']], table: 'timer' },
  queue_work: { parts: [['work_queue', '']], table: 'work' },
  queue_delayed_work: { parts: [['dwork_queue', '']], table: 'work' },
  // 2.6.30: cancel_delayed_work() is del_timer_sync() on the work's timer.
  cancel_delayed_work: { parts: [['timer_del_sync', '']], table: 'work' },
  // Later kernels: __cancel_delayed_work() uses del_timer(), which never waits.
  __cancel_delayed_work: { parts: [['timer_del', '']], table: 'work' },
  cancel_delayed_work_sync: {
    parts: [
      ['timer_del_sync', 'stop timer'],
      ['work_cancel_sync', 'wait for work'],
    ],
    table: 'work',
  },
  flush_work: { parts: [['work_flush', '']], table: 'work' },
  flush_workqueue: { parts: [['wq_flush', '']], table: 'wq' },
  alloc_atomic: { parts: [['alloc', '']], table: 'text' },
  do: { parts: [['nop', '']], table: 'text' },
};

/** Compiles one body (task, timer function, handler, work function) into micro-ops, collecting errors. */
export function compileBody(
  steps: readonly Step[],
  where: string,
  inIrq: 'hardirq' | 'softirq' | false,
  ix: Indexes,
  names: Names,
  errors: string[],
): Micro[] {
  if (steps.length === 0) errors.push(`${where}: empty body (add a 'do' step)`);
  const out: Micro[] = [];
  for (const [stepIndex, st] of steps.entries()) {
    const exp = EXPANSION[st.op];
    if (!exp) {
      errors.push(`${where} step ${stepIndex}: unknown op ${String(st.op)}`);
      continue;
    }
    const target = st.target ?? '';
    let obj = -1;
    let label = target;
    if (exp.table === 'lock') {
      obj = ix.lockIx.get(target) ?? -1;
      const lock = names.locks[obj];
      label = lock?.name ?? target;
      const wantMutex = st.op.startsWith('mutex');
      if (lock && lock.mutex !== wantMutex) errors.push(`${where} step ${stepIndex}: ${st.op} on ${label}`);
      if (wantMutex && inIrq) errors.push(`${where} step ${stepIndex}: ${st.op} cannot sleep in interrupt`);
    } else if (exp.table === 'timer') {
      obj = ix.timerIx.get(target) ?? -1;
      label = names.timers[obj]?.name ?? target;
    } else if (exp.table === 'work') {
      obj = ix.workIx.get(target) ?? -1;
      const w = names.works[obj];
      label = w?.name ?? target;
      const needsDelayed = st.op.includes('delayed');
      if (w && needsDelayed !== w.timer >= 0) errors.push(`${where} step ${stepIndex}: ${st.op} on ${label}`);
    } else if (exp.table === 'wq') {
      obj = ix.wqIx.get(target) ?? -1;
      label = names.wqs[obj]?.name ?? target;
    }
    if (exp.table !== 'text' && obj < 0)
      errors.push(`${where} step ${stepIndex}: unknown ${exp.table} ${target}`);
    if (
      inIrq &&
      ['work_cancel_sync', 'work_flush', 'wq_flush'].some((k) => exp.parts.some((p) => p[0] === k))
    ) {
      errors.push(`${where} step ${stepIndex}: ${st.op} sleeps and cannot run in interrupt`);
    }
    const call = st.op === 'do' ? target : `${st.op}(${label})`;
    // A hardirq handler already runs with irqs off: its irqsave/irqrestore pair only takes and drops the lock.
    const hardirqPlain =
      inIrq === 'hardirq' && (st.op === 'spin_lock_irqsave' || st.op === 'spin_unlock_irqrestore');
    const parts: [MicroKind, string][] = hardirqPlain
      ? [[st.op === 'spin_lock_irqsave' ? 'lock' : 'unlock', '']]
      : exp.parts;
    for (const [kind, part] of parts) {
      // A delayed work's timer is what the timer ops act on.
      const o = kind.startsWith('timer_') && exp.table === 'work' ? (names.works[obj]?.timer ?? -1) : obj;
      const m: Micro = { kind, obj: o, call, part, code: st.code, stepIndex };
      if (st.note !== undefined) m.note = st.note;
      out.push(m);
    }
  }
  return out;
}

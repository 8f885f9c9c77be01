// Words for moves and waits: what a step does, which lock-graph edges it exercises, why a context is stuck.

import type { Compiled, Context, Micro } from './compile.ts';
import type { CodeRef } from './model.ts';
import { cpuOf, type Move, microReady, nextMicro, runnableTasks, unfinished } from './semantics.ts';
import type { Layout, State } from './state.ts';

/** Class id of a lock-like thing: a lock id, `timer:<id>`, `work:<id>` or `wq:<id>` (lockdep pseudo-locks). */
export type ClassId = string;

/** Edge id in the lock graph: `A->B` (B taken while A held) or `A~>B` (B taken in an interrupt of A's holder). */
export function edgeId(from: ClassId, to: ClassId, viaIrq: boolean): string {
  return `${from}${viaIrq ? '~>' : '->'}${to}`;
}

/** Classes a context holds in a state, pseudo-locks included (a running timer function holds its timer). */
export function heldClasses(c: Compiled, l: Layout, s: State, x: Context): ClassId[] {
  const out: ClassId[] = [];
  if (x.kind === 'softirq' && s[l.ctxA + x.index] !== 0) out.push(`timer:${c.timers[x.source]?.id}`);
  if (x.kind === 'worker') {
    const w = c.works[(s[l.ctxA + x.index] ?? 0) - 1];
    if (w) out.push(`wq:${c.wqs[w.wq]?.id}`, `work:${w.id}`);
  }
  for (const [i, lk] of c.locks.entries()) if (s[l.lock + i] === x.index + 1) out.push(lk.id);
  return out;
}

/** The class a micro-op acquires or waits for, if any. */
export function acquiredClass(c: Compiled, m: Micro): ClassId | undefined {
  if (m.kind === 'lock' || m.kind === 'mutex_lock') return c.locks[m.obj]?.id;
  if (m.kind === 'timer_del_sync') return `timer:${c.timers[m.obj]?.id}`;
  if (m.kind === 'work_cancel_sync' || m.kind === 'work_flush') return `work:${c.works[m.obj]?.id}`;
  if (m.kind === 'wq_flush') return `wq:${c.wqs[m.obj]?.id}`;
  return undefined;
}

/** Contexts below `x` on its CPU (what an interrupt preempted there). */
export function interrupted(c: Compiled, l: Layout, s: State, x: Context, cpu: number): Context[] {
  if (x.kind === 'task' || x.kind === 'worker') return [];
  const base = l.cpu + 4 * cpu;
  const out: Context[] = [];
  const soft = (s[base + 2] ?? 0) - 1;
  if (x.kind === 'hardirq' && soft >= 0) {
    const sc = c.contexts[soft];
    if (sc) out.push(sc);
  }
  for (const t of c.contexts) if ((t.kind === 'task' || t.kind === 'worker') && t.cpu === cpu) out.push(t);
  return out;
}

/** How a context is named in traces: `CPU0 task ib_send_cm_dreq()` style pieces. */
export function contextLabel(x: Context): string {
  return x.kind === 'task' ? x.name : `${x.kind} ${x.name}`;
}

/** What a move does, in words, plus the code it stands for and the graph edges it exercises. */
export interface MoveText {
  action: string;
  /** Terse lockdep-like form for narrow tables: `lock(cm_id_priv->lock)`, `<Interrupt>`. */
  brief: string;
  code: CodeRef;
  /** Program location: `<context id>/<step index>`, or `<context id>/entry` for a start. */
  at: string;
  edges: string[];
  /** The context returned (interrupt/timer/work function ended) with this move. */
  returns: boolean;
}

/** Describes a move taken from state `s`. */
export function describeMove(c: Compiled, l: Layout, s: State, mv: Move, after: State): MoveText {
  const x = c.contexts[mv.ctx];
  if (!x) throw new Error(`no context ${mv.ctx}`);
  const returns = x.kind !== 'task' && s[l.ctxA + x.index] !== 0 && after[l.ctxA + x.index] === 0;
  if (mv.kind === 'fire_timer') {
    const t = c.timers[x.source];
    return {
      action: `timer ${t?.name} fires: ${x.code?.fn ?? 'timer function'} runs in softirq`,
      brief: `<softirq: ${t?.name}>`,
      code: x.code ?? { fn: '', file: '' },
      at: `${x.id}/entry`,
      edges: [],
      returns: false,
    };
  }
  if (mv.kind === 'fire_irq') {
    return {
      action: `interrupt: ${x.name} handler runs in hardirq`,
      brief: '<Interrupt>',
      code: x.code ?? { fn: '', file: '' },
      at: `${x.id}/entry`,
      edges: [],
      returns: false,
    };
  }
  if (mv.kind === 'start_work') {
    const w = c.works[mv.arg];
    return {
      action: `worker runs ${w?.name} (${w?.code.fn})`,
      brief: `<work: ${w?.name}>`,
      code: w?.code ?? { fn: '', file: '' },
      at: `${x.id}/entry:${w?.id}`,
      edges: [],
      returns: false,
    };
  }
  const m = nextMicro(c, l, s, x);
  if (!m) throw new Error(`${x.id} has nothing to run`);
  const owner = x.kind === 'worker' ? `work:${c.works[(s[l.ctxA + x.index] ?? 0) - 1]?.id}` : x.id;
  const at = `${owner}/${m.stepIndex}`;
  if (mv.kind === 'alloc_fail') {
    const action = `${m.call} fails: the rest is dropped`;
    return { action, brief: `${m.call} FAILS`, code: m.code, at, edges: [], returns };
  }
  const edges = microEdges(c, l, s, x, mv.cpu, m);
  const part = m.part ? `: ${m.part}` : '';
  const note = m.note ? ` (${m.note})` : '';
  return { action: `${m.call}${part}${note}`, brief: briefOf(c, m), code: m.code, at, edges, returns };
}

const BRIEF: Partial<Record<Micro['kind'], string>> = {
  irq_save: 'local_irq_save()',
  irq_disable: 'local_irq_disable()',
  bh_disable: 'local_bh_disable()',
};

/** The terse form of a micro-op: `lock(name)`, `unlock(name)`, `del_timer_sync(name)`, or the call itself. */
export function briefOf(c: Compiled, m: Micro): string {
  const fixed = BRIEF[m.kind];
  if (fixed) return fixed;
  const lock = c.locks[m.obj]?.name;
  if (m.kind === 'lock' || m.kind === 'mutex_lock') return `lock(${lock})`;
  if (m.kind.startsWith('unlock') || m.kind === 'mutex_unlock') return `unlock(${lock})`;
  const timer = c.timers[m.obj]?.name;
  if (m.kind === 'timer_del_sync') return `del_timer_sync(${timer})`;
  if (m.kind === 'timer_del') return `del_timer(${timer})`;
  if (m.kind === 'timer_arm') return `add_timer(${timer})`;
  return m.call;
}

/** Edge ids a micro-op exercises: held classes → what it takes, and `~>` from classes held below an interrupt. */
export function microEdges(c: Compiled, l: Layout, s: State, x: Context, cpu: number, m: Micro): string[] {
  const target = acquiredClass(c, m);
  if (!target) return [];
  const edges: string[] = [];
  for (const h of heldClasses(c, l, s, x)) if (h !== target) edges.push(edgeId(h, target, false));
  for (const y of interrupted(c, l, s, x, cpu)) {
    for (const h of heldClasses(c, l, s, y)) edges.push(edgeId(h, target, true));
  }
  return edges;
}

/** Why one context cannot move in state `s`, in words; undefined when it is finished or could move. */
export function blockedReason(c: Compiled, l: Layout, s: State, x: Context): string | undefined {
  if (!unfinished(l, s, x)) return undefined;
  const cpu = cpuOf(l, s, x);
  const me = where(l, s, x);
  const base = l.cpu + 4 * cpu;
  const hard = (s[base + 3] ?? 0) - 1;
  const soft = (s[base + 2] ?? 0) - 1;
  const above = x.kind === 'hardirq' ? -1 : x.kind === 'softirq' ? hard : hard >= 0 ? hard : soft;
  const top = c.contexts[above];
  if (top) return `${me} is interrupted by ${contextLabel(top)}, which cannot finish`;
  if ((x.kind === 'task' || x.kind === 'worker') && !runnableTasks(c, l, s, cpu).includes(x)) {
    return `${me} is preempted on CPU${cpu} by a task holding the CPU`;
  }
  const m = nextMicro(c, l, s, x);
  if (!m || microReady(c, l, s, m)) return undefined;
  switch (m.kind) {
    case 'lock':
    case 'mutex_lock': {
      const holder = c.contexts[(s[l.lock + m.obj] ?? 0) - 1];
      const lock = c.locks[m.obj]?.name;
      const verb = m.kind === 'lock' ? 'spins on' : 'sleeps on';
      if (holder === x) return `${me} ${verb} ${lock}, which it already holds`;
      return `${me} ${verb} ${lock} held by ${holder ? where(l, s, holder) : 'nobody'}`;
    }
    case 'timer_del_sync': {
      const t = c.timers[m.obj];
      const tc = t ? c.contexts[t.ctx] : undefined;
      const tcpu = tc ? cpuOf(l, s, tc) : -1;
      return `${me} waits in del_timer_sync() for the ${t?.name} function running on CPU${tcpu}`;
    }
    case 'work_cancel_sync':
    case 'work_flush':
    case 'wq_flush': {
      const what = m.kind === 'wq_flush' ? `workqueue ${c.wqs[m.obj]?.name}` : `work ${c.works[m.obj]?.name}`;
      return `${me} sleeps in ${m.call.split('(')[0]}() until ${what} is done`;
    }
    default:
      return undefined;
  }
}

/** `CPU1` for a task, `CPU2 hardirq` / `CPU2 softirq` / `CPU2 worker` otherwise. */
function where(l: Layout, s: State, x: Context): string {
  const cpu = cpuOf(l, s, x);
  return x.kind === 'task' ? `CPU${cpu}` : `CPU${cpu} ${x.kind}`;
}

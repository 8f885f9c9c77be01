// Words for moves and waits: what a step does, which lock-graph edges it exercises, why a context is
// stuck. The per-primitive words come from the registry; this file puts them together.

import type { Compiled, Context, Micro } from './compile.ts';
import type { CodeRef } from './model.ts';
import type { TraceSpan } from './primitives/types.ts';
import { workClass, wqClass } from './primitives/workqueue.ts';
import { cpuOf, type Move, microReady, nextMicro, runnableTasks, unfinished } from './semantics.ts';
import type { State } from './state.ts';

/** Class id of a lock-like thing: a lock class id, `timer:<id>`, `work:<id>` or `wq:<id>` (lockdep pseudo-locks). */
export type ClassId = string;

/** Edge id in the lock graph: `A->B` (B taken while A held) or `A~>B` (B taken in an interrupt of A's holder). */
export function edgeId(from: ClassId, to: ClassId, viaIrq: boolean): string {
  return `${from}${viaIrq ? '~>' : '->'}${to}`;
}

/** Classes a context holds in a state, pseudo-locks included (a running timer function holds its timer). */
export function heldClasses(c: Compiled, s: State, x: Context): ClassId[] {
  const l = c.layout;
  const out: ClassId[] = [];
  if (x.sourceKind === 'timer' && s[l.ctxA + x.index] !== 0) out.push(`timer:${c.timers[x.source]?.id}`);
  if (x.kind === 'worker') {
    const wi = (s[l.ctxA + x.index] ?? 0) - 1;
    const w = c.works[wi];
    if (w) out.push(wqClass(c, w.wq).id, workClass(c, wi).id);
  }
  for (const lk of c.locks) {
    if (s[lk.slot] === x.index + 1) out.push(lk.classId);
    else if (lk.depth >= 0 && (s[lk.depth + x.index] ?? 0) > 0) out.push(lk.classId);
  }
  return out;
}

/** The class a micro-op acquires or waits for, if any. */
export function acquiredClass(c: Compiled, m: Micro, x: Context): ClassId | undefined {
  return m.spec.acquires?.(c, m, x);
}

/** Contexts below `x` on its CPU (what an interrupt preempted there). */
export function interrupted(c: Compiled, s: State, x: Context, cpu: number): Context[] {
  if (x.kind === 'task' || x.kind === 'worker') return [];
  const base = c.layout.cpu + 4 * cpu;
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
  /** Program location: `<context id>/<step path>`, or `<context id>/entry` for a start. */
  at: string;
  edges: string[];
  /** The context returned (interrupt/timer/work function ended) with this move. */
  returns: boolean;
  /** A stretch of the trace (an RCU grace period) this move opens or closes. */
  span?: TraceSpan;
}

/** Describes a move taken from state `s` (reaching `after`). */
export function describeMove(c: Compiled, s: State, mv: Move, after: State): MoveText {
  const l = c.layout;
  const x = c.contexts[mv.ctx];
  if (!x) throw new Error(`no context ${mv.ctx}`);
  const returns = x.kind !== 'task' && s[l.ctxA + x.index] !== 0 && after[l.ctxA + x.index] === 0;
  const none: CodeRef = { fn: '', file: '' };
  if (mv.kind === 'start') {
    const at = `${x.id}/entry`;
    if (x.sourceKind === 'timer') {
      const t = c.timers[x.source];
      return {
        action: `timer ${t?.name} fires: ${x.code?.fn ?? 'timer function'} runs in softirq`,
        brief: `<softirq: ${t?.name}>`,
        code: x.code ?? none,
        at,
        edges: [],
        returns: false,
      };
    }
    if (x.sourceKind === 'rcu') {
      return {
        action: `grace period over: RCU callback ${x.name} (${x.code?.fn ?? ''}) runs in softirq`,
        brief: `<softirq: RCU ${x.name}>`,
        code: x.code ?? none,
        at,
        edges: [],
        returns: false,
      };
    }
    return {
      action: `interrupt: ${x.name} handler runs in hardirq`,
      brief: '<Interrupt>',
      code: x.code ?? none,
      at,
      edges: [],
      returns: false,
    };
  }
  if (mv.kind === 'start_work') {
    const w = c.works[mv.arg];
    return {
      action: `worker runs ${w?.name} (${w?.code.fn})`,
      brief: `<work: ${w?.name}>`,
      code: w?.code ?? none,
      at: `${x.id}/entry:${w?.id}`,
      edges: [],
      returns: false,
    };
  }
  const m = nextMicro(c, s, x);
  if (!m) throw new Error(`${x.id} has nothing to run`);
  const at = `${ownerOf(c, s, x)}/${m.at}`;
  if (mv.kind === 'alt' && m.spec.alt) {
    return { action: m.spec.alt.action(m), brief: m.spec.alt.brief(m), code: m.code, at, edges: [], returns };
  }
  const edges = microEdges(c, s, x, mv.cpu, m);
  const part = m.part ? `: ${m.part}` : '';
  const whereNow = (y: Context) => where(c, after, y);
  const outcome = m.spec.outcome?.(c, s, after, m, x, whereNow);
  const said = outcome ? `${part ? `${part}, ` : ': '}${outcome}` : part;
  const note = m.note ? ` (${m.note})` : '';
  const text: MoveText = {
    action: `${m.call}${said}${note}`,
    brief: briefOf(c, m),
    code: m.code,
    at,
    edges,
    returns,
  };
  const span = m.spec.span?.(c, s, after, m, x, whereNow);
  if (span) text.span = span;
  return text;
}

/** `task:cm`, or `work:<id>` for a worker running a work (locations are per body). */
export function ownerOf(c: Compiled, s: State, x: Context): string {
  return x.kind === 'worker' ? `work:${c.works[(s[c.layout.ctxA + x.index] ?? 0) - 1]?.id}` : x.id;
}

/** The terse form of a micro-op: `lock(name)`, `unlock(name)`, `del_timer_sync(name)`, or the call itself. */
export function briefOf(c: Compiled, m: Micro): string {
  return m.spec.brief?.(c, m) ?? m.call;
}

/** Edge ids a micro-op exercises: held classes → what it takes, and `~>` from classes held below an interrupt. */
export function microEdges(c: Compiled, s: State, x: Context, cpu: number, m: Micro): string[] {
  const target = acquiredClass(c, m, x);
  if (!target) return [];
  const edges: string[] = [];
  for (const h of heldClasses(c, s, x)) if (h !== target) edges.push(edgeId(h, target, false));
  for (const y of interrupted(c, s, x, cpu)) {
    for (const h of heldClasses(c, s, y)) edges.push(edgeId(h, target, true));
  }
  return edges;
}

/** Why one context cannot move in state `s`, in words; undefined when it is finished or could move. */
export function blockedReason(c: Compiled, s: State, x: Context): string | undefined {
  if (!unfinished(c, s, x)) return undefined;
  const cpu = cpuOf(c, s, x);
  const me = where(c, s, x);
  const base = c.layout.cpu + 4 * cpu;
  const hard = (s[base + 3] ?? 0) - 1;
  const soft = (s[base + 2] ?? 0) - 1;
  const above = x.kind === 'hardirq' ? -1 : x.kind === 'softirq' ? hard : hard >= 0 ? hard : soft;
  const top = c.contexts[above];
  if (top) return `${me} is interrupted by ${contextLabel(top)}, which cannot finish`;
  if ((x.kind === 'task' || x.kind === 'worker') && !runnableTasks(c, s, cpu).includes(x)) {
    return `${me} is preempted on CPU${cpu} by a task holding the CPU`;
  }
  const m = nextMicro(c, s, x);
  if (!m || microReady(c, s, m, x, cpu)) return undefined;
  return m.spec.blocked?.(c, s, m, x, me, (y) => where(c, s, y)) ?? `${me} waits in ${m.call}`;
}

/** `CPU1` for a task, `CPU2 hardirq` / `CPU2 softirq` / `CPU2 worker` otherwise. */
export function where(c: Compiled, s: State, x: Context): string {
  const cpu = cpuOf(c, s, x);
  return x.kind === 'task' ? `CPU${cpu}` : `CPU${cpu} ${x.kind}`;
}

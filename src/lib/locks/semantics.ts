// The transition rules: which moves are enabled in a state and what each does. Pure functions of
// (compiled scenario, layout, state); the explorer, the replayer and the reference explorer share them.

import type { Compiled, Context, Micro } from './compile.ts';
import type { Layout, State } from './state.ts';

/** A move: a context runs its next micro-op, or an event starts a context on a CPU. */
export interface Move {
  kind: 'micro' | 'alloc_fail' | 'fire_timer' | 'fire_irq' | 'start_work';
  /** The context that moves (or starts). */
  ctx: number;
  cpu: number;
  /** Work index for start_work; unused otherwise (-1). */
  arg: number;
}

/** A model error found while running (a release of a lock not held, …); the scenario is wrong. */
export class ModelError extends Error {}

/** CPU a context is on right now, or -1 when an interrupt-type context is not active. */
export function cpuOf(l: Layout, s: State, x: Context): number {
  return x.cpu >= 0 ? x.cpu : (s[l.ctxA + x.index] ?? 0) - 1;
}

/** The micro-op a context would run next, or undefined when it is idle or done. */
export function nextMicro(c: Compiled, l: Layout, s: State, x: Context): Micro | undefined {
  const pc = s[l.ctxPc + x.index] ?? 0;
  if (x.kind === 'worker') {
    const w = (s[l.ctxA + x.index] ?? 0) - 1;
    return w >= 0 ? c.works[w]?.body[pc] : undefined;
  }
  if (x.kind !== 'task' && (s[l.ctxA + x.index] ?? 0) === 0) return undefined;
  return x.body[pc];
}

/** Whether the next micro-op of a context can run now, ignoring who owns the CPU. */
export function microReady(c: Compiled, l: Layout, s: State, m: Micro): boolean {
  switch (m.kind) {
    case 'lock':
    case 'mutex_lock':
      return s[l.lock + m.obj] === 0;
    case 'timer_del_sync': {
      const t = c.timers[m.obj];
      return t !== undefined && s[l.ctxA + t.ctx] === 0;
    }
    case 'work_cancel_sync':
      return !workRunning(c, l, s, m.obj);
    case 'work_flush':
      return s[l.work + m.obj] === 0 && !workRunning(c, l, s, m.obj);
    case 'wq_flush':
      return c.works.every((w, i) => w.wq !== m.obj || (s[l.work + i] === 0 && !workRunning(c, l, s, i)));
    default:
      return true;
  }
}

/** Whether a work item's function is running on its worker. */
export function workRunning(c: Compiled, l: Layout, s: State, w: number): boolean {
  const work = c.works[w];
  if (!work) return false;
  const wq = c.wqs[work.wq];
  return wq !== undefined && s[l.ctxA + wq.ctx] === w + 1;
}

/** Whether a task or worker keeps its CPU: it holds a spinlock, has irqs/bh off, or spins on a spinlock. */
function pinned(c: Compiled, l: Layout, s: State, x: Context): boolean {
  if ((s[l.ctxPin + x.index] ?? 0) > 0) return true;
  const m = nextMicro(c, l, s, x);
  return m !== undefined && m.kind === 'lock' && s[l.lock + m.obj] !== 0;
}

/** Tasks and workers that may run on a CPU with no interrupt context active there. */
export function runnableTasks(c: Compiled, l: Layout, s: State, cpu: number): Context[] {
  const here = c.tasksOn[cpu] ?? [];
  let pins: Context[] | undefined;
  for (const x of here) {
    if (!pinned(c, l, s, x)) continue;
    if (pins) pins.push(x);
    else pins = [x];
  }
  return pins ?? here;
}

/** Every move enabled in a state, in a fixed order (CPU by CPU). */
export function enabledMoves(c: Compiled, l: Layout, s: State): Move[] {
  const moves: Move[] = [];
  for (let cpu = 0; cpu < c.cpus; cpu++) {
    const base = l.cpu + 4 * cpu;
    const irqOff = s[base] === 1;
    const hard = (s[base + 3] ?? 0) - 1;
    const soft = (s[base + 2] ?? 0) - 1;
    const top = hard >= 0 ? hard : soft;
    if (top >= 0) {
      const x = c.contexts[top];
      if (x) pushContextMoves(c, l, s, x, cpu, moves);
    } else {
      for (const x of runnableTasks(c, l, s, cpu)) pushContextMoves(c, l, s, x, cpu, moves);
      if (!irqOff && s[base + 1] === 0) {
        for (const [ti, t] of c.timers.entries()) {
          const tc = c.contexts[t.ctx];
          if (s[l.timer + ti] === 1 && s[l.ctxA + t.ctx] === 0 && tc?.cpus.includes(cpu)) {
            moves.push({ kind: 'fire_timer', ctx: t.ctx, cpu, arg: -1 });
          }
        }
      }
    }
    if (!irqOff && hard < 0) {
      for (const [qi, q] of c.irqs.entries()) {
        const qc = c.contexts[q.ctx];
        if ((s[l.irq + qi] ?? 0) < q.times && s[l.ctxA + q.ctx] === 0 && qc?.cpus.includes(cpu)) {
          moves.push({ kind: 'fire_irq', ctx: q.ctx, cpu, arg: -1 });
        }
      }
    }
  }
  return moves;
}

function pushContextMoves(c: Compiled, l: Layout, s: State, x: Context, cpu: number, out: Move[]): void {
  if (x.kind === 'worker' && s[l.ctxA + x.index] === 0) {
    for (const [wi, w] of c.works.entries()) {
      if (w.wq === x.source && s[l.work + wi] === 1)
        out.push({ kind: 'start_work', ctx: x.index, cpu, arg: wi });
    }
    return;
  }
  const m = nextMicro(c, l, s, x);
  if (!m || !microReady(c, l, s, m)) return;
  out.push({ kind: 'micro', ctx: x.index, cpu, arg: -1 });
  if (m.kind === 'alloc') out.push({ kind: 'alloc_fail', ctx: x.index, cpu, arg: -1 });
}

/** Applies an enabled move and returns the new state (the input is not changed). */
export function applyMove(c: Compiled, l: Layout, s0: State, mv: Move): number[] {
  const s = s0.slice();
  const x = c.contexts[mv.ctx];
  if (!x) throw new ModelError(`no context ${mv.ctx}`);
  const cpuBase = l.cpu + 4 * mv.cpu;
  switch (mv.kind) {
    case 'fire_timer': {
      s[l.timer + x.source] = 0;
      s[l.ctxA + x.index] = mv.cpu + 1;
      s[l.ctxPc + x.index] = 0;
      s[cpuBase + 2] = x.index + 1;
      return s;
    }
    case 'fire_irq': {
      s[l.irq + x.source] = (s[l.irq + x.source] ?? 0) + 1;
      s[l.ctxA + x.index] = mv.cpu + 1;
      s[l.ctxPc + x.index] = 0;
      s[cpuBase + 3] = x.index + 1;
      s[cpuBase] = 1;
      return s;
    }
    case 'start_work': {
      s[l.work + mv.arg] = 0;
      s[l.ctxA + x.index] = mv.arg + 1;
      s[l.ctxPc + x.index] = 0;
      return s;
    }
    case 'alloc_fail': {
      s[l.lost] = 1;
      finish(l, s, x, mv.cpu);
      return s;
    }
    case 'micro':
      break;
  }
  const m = nextMicro(c, l, s, x);
  if (!m) throw new ModelError(`${x.id} has nothing to run`);
  const ix = x.index;
  const pin = l.ctxPin + ix;
  const take = (): void => {
    s[l.lock + m.obj] = ix + 1;
  };
  const release = (): void => {
    if (s[l.lock + m.obj] !== ix + 1)
      throw new ModelError(`${x.id}: ${m.call} releases a lock it does not hold`);
    s[l.lock + m.obj] = 0;
  };
  const bump = (d: number): void => {
    s[pin] = (s[pin] ?? 0) + d;
  };
  switch (m.kind) {
    case 'irq_save': {
      const saved = s[l.ctxSaved + ix] ?? 0;
      s[l.ctxSaved + ix] = s[cpuBase] === 1 ? saved | (1 << m.obj) : saved & ~(1 << m.obj);
      s[cpuBase] = 1;
      bump(1);
      break;
    }
    case 'irq_disable':
      s[cpuBase] = 1;
      bump(1);
      break;
    case 'bh_disable':
      s[cpuBase + 1] = (s[cpuBase + 1] ?? 0) + 1;
      bump(1);
      break;
    case 'lock':
      take();
      bump(1);
      break;
    case 'unlock':
      release();
      bump(-1);
      break;
    case 'unlock_irqrestore': {
      release();
      const saved = s[l.ctxSaved + ix] ?? 0;
      s[cpuBase] = (saved >> m.obj) & 1;
      s[l.ctxSaved + ix] = saved & ~(1 << m.obj);
      bump(-2);
      break;
    }
    case 'unlock_irq':
      release();
      s[cpuBase] = 0;
      bump(-2);
      break;
    case 'unlock_bh':
      release();
      s[cpuBase + 1] = Math.max(0, (s[cpuBase + 1] ?? 0) - 1);
      bump(-2);
      break;
    case 'mutex_lock':
      take();
      break;
    case 'mutex_unlock':
      release();
      break;
    case 'timer_arm':
      s[l.timer + m.obj] = 1;
      break;
    case 'timer_del':
    case 'timer_del_sync':
      s[l.timer + m.obj] = 0;
      break;
    case 'work_queue':
      s[l.work + m.obj] = 1;
      break;
    case 'dwork_queue': {
      const t = c.works[m.obj]?.timer ?? -1;
      if (s[l.work + m.obj] === 0 && s[l.timer + t] === 0) s[l.timer + t] = 1;
      break;
    }
    case 'work_cancel_sync':
      s[l.work + m.obj] = 0;
      break;
    default:
      break;
  }
  const pc = (s[l.ctxPc + ix] ?? 0) + 1;
  s[l.ctxPc + ix] = pc;
  const len = x.kind === 'worker' ? (c.works[(s[l.ctxA + ix] ?? 0) - 1]?.body.length ?? 0) : x.body.length;
  if (pc >= len) finish(l, s, x, mv.cpu);
  return s;
}

/** Ends a context's current run: a task is done, a worker goes idle, an interrupt context returns. */
function finish(l: Layout, s: number[], x: Context, cpu: number): void {
  const base = l.cpu + 4 * cpu;
  if (x.kind === 'task') {
    s[l.ctxPc + x.index] = x.body.length;
    return;
  }
  s[l.ctxA + x.index] = 0;
  s[l.ctxPc + x.index] = 0;
  if (x.kind === 'softirq') s[base + 2] = 0;
  if (x.kind === 'hardirq') {
    s[base + 3] = 0;
    s[base] = 0;
  }
}

/** Whether a context still has work it must finish (deadlock counts these when nothing can move). */
export function unfinished(l: Layout, s: State, x: Context): boolean {
  if (x.kind === 'task') return (s[l.ctxPc + x.index] ?? 0) < x.body.length;
  return (s[l.ctxA + x.index] ?? 0) !== 0;
}

/** Whether an atomic allocation has failed on the way to this state (work or an event was dropped). */
export function lostWork(l: Layout, s: State): boolean {
  return s[l.lost] === 1;
}

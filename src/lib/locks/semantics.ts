// The transition rules: which moves are enabled in a state and what each does. The generic part is
// here (who owns a CPU, when an interrupt or a timer may start, how a context ends); what each micro-op
// needs and does comes from the primitive registry. Pure functions of (compiled scenario, state); the
// explorer, the replayer, the reference explorer and the Promela emitter's tests share them.

import type { Compiled, Context, Micro } from './compile.ts';
import { ModelError } from './errors.ts';
import {
  canStartSource,
  startableWorks,
  startSource,
  startWork,
  workFinished,
} from './primitives/sources.ts';
import type { Layout, State } from './state.ts';

/** A move: a context runs its next micro-op (or that op's other outcome), or a context starts on a CPU. */
export interface Move {
  kind: 'micro' | 'alt' | 'start' | 'start_work';
  /** The context that moves (or starts). */
  ctx: number;
  cpu: number;
  /** Work index for start_work; -1 otherwise. */
  arg: number;
}

export { ModelError };

// Packed moves: kind (2 bits) | ctx (10 bits) | cpu (6 bits) | arg (13 bits). The explorer keeps moves
// as numbers so generating them allocates nothing.
const K_MICRO = 0;
const K_ALT = 1;
const K_START = 2;
const K_WORK = 3;
const KINDS = ['micro', 'alt', 'start', 'start_work'] as const;

/** Packs a move into one number. */
export function packMove(kind: number, ctx: number, cpu: number, arg: number): number {
  return kind | (ctx << 2) | (cpu << 12) | ((arg + 1) << 18);
}

/** The move a packed number stands for. */
export function unpackMove(p: number): Move {
  return { kind: KINDS[p & 3] ?? 'micro', ctx: (p >>> 2) & 1023, cpu: (p >>> 12) & 63, arg: (p >>> 18) - 1 };
}

/** Packs a Move record. */
export function movePacked(mv: Move): number {
  return packMove(KINDS.indexOf(mv.kind), mv.ctx, mv.cpu, mv.arg);
}

/** CPU a context is on right now, or -1 when an interrupt-type context is not active. */
export function cpuOf(c: Compiled, s: State, x: Context): number {
  return x.cpu >= 0 ? x.cpu : (s[c.layout.ctxA + x.index] ?? 0) - 1;
}

/** The body a context is running now (a worker runs its current work's body). */
export function bodyOf(c: Compiled, s: State, x: Context): Micro[] | undefined {
  if (x.kind === 'worker') {
    const w = (s[c.layout.ctxA + x.index] ?? 0) - 1;
    return w >= 0 ? c.works[w]?.body : undefined;
  }
  return x.body;
}

/** The micro-op a context would run next, or undefined when it is idle or done. */
export function nextMicro(c: Compiled, s: State, x: Context): Micro | undefined {
  const l = c.layout;
  const pc = s[l.ctxPc + x.index] ?? 0;
  if (x.kind === 'worker') {
    const w = (s[l.ctxA + x.index] ?? 0) - 1;
    return w >= 0 ? c.works[w]?.body[pc] : undefined;
  }
  if (x.kind !== 'task' && (s[l.ctxA + x.index] ?? 0) === 0) return undefined;
  return x.body[pc];
}

/** Whether micro-op `m` of context `x` can run now, ignoring who owns the CPU. */
export function microReady(c: Compiled, s: State, m: Micro, x: Context, cpu: number): boolean {
  const r = m.spec.ready;
  return r === undefined || r(c, s, m, x, cpu);
}

function altReady(c: Compiled, s: State, m: Micro, x: Context, cpu: number): boolean {
  const alt = m.spec.alt;
  if (!alt) return false;
  return alt.ready ? alt.ready(c, s, m, x, cpu) : microReady(c, s, m, x, cpu);
}

/** Whether a task or worker keeps its CPU: it holds a spinlock, has irqs/bh/preemption off, or spins. */
export function pinned(c: Compiled, s: State, x: Context): boolean {
  if ((s[c.layout.ctxPin + x.index] ?? 0) > 0) return true;
  const m = nextMicro(c, s, x);
  return m !== undefined && m.spec.spins === true && !microReady(c, s, m, x, x.cpu);
}

/** Tasks and workers that may run on a CPU with no interrupt context active there. */
export function runnableTasks(c: Compiled, s: State, cpu: number): Context[] {
  const here = c.tasksOn[cpu] ?? [];
  let pins: Context[] | undefined;
  for (const x of here) {
    if (!pinned(c, s, x)) continue;
    if (pins) pins.push(x);
    else pins = [x];
  }
  return pins ?? here;
}

/** Writes the enabled moves of context `x` on `cpu` into `out` from `n`; returns the new count. */
function ctxMoves(c: Compiled, s: State, x: Context, cpu: number, out: number[], n: number): number {
  if (x.kind === 'worker' && s[c.layout.ctxA + x.index] === 0) {
    startableWorks(c, s, x, (wi) => {
      out[n++] = packMove(K_WORK, x.index, cpu, wi);
    });
    return n;
  }
  const m = nextMicro(c, s, x);
  if (!m) return n;
  if (microReady(c, s, m, x, cpu)) out[n++] = packMove(K_MICRO, x.index, cpu, -1);
  if (m.spec.alt && altReady(c, s, m, x, cpu)) out[n++] = packMove(K_ALT, x.index, cpu, -1);
  return n;
}

/** Writes every enabled move of `s` (packed) into `out`, in a fixed order (CPU by CPU); returns the count. */
export function genMoves(c: Compiled, s: State, out: number[]): number {
  // Module-level helpers rather than closures: this runs once per state explored.
  let n = 0;
  const l = c.layout;
  for (let cpu = 0; cpu < c.cpus; cpu++) {
    const base = l.cpu + 4 * cpu;
    const irqOff = s[base] !== 0;
    const hard = (s[base + 3] ?? 0) - 1;
    const soft = (s[base + 2] ?? 0) - 1;
    const top = hard >= 0 ? hard : soft;
    if (top >= 0) {
      const x = c.contexts[top];
      if (x) n = ctxMoves(c, s, x, cpu, out, n);
    } else {
      for (const x of runnableTasks(c, s, cpu)) n = ctxMoves(c, s, x, cpu, out, n);
      if (!irqOff && s[base + 1] === 0) {
        for (const x of c.softOn[cpu] ?? []) {
          if (canStartSource(c, s, x)) out[n++] = packMove(K_START, x.index, cpu, -1);
        }
      }
    }
    if (!irqOff && hard < 0) {
      for (const x of c.hardOn[cpu] ?? []) {
        if (canStartSource(c, s, x)) out[n++] = packMove(K_START, x.index, cpu, -1);
      }
    }
  }
  return n;
}

/** Every move enabled in a state, in a fixed order (CPU by CPU). */
export function enabledMoves(c: Compiled, _l: Layout | undefined, s: State): Move[] {
  const out: number[] = [];
  const n = genMoves(c, s, out);
  return out.slice(0, n).map(unpackMove);
}

/** Applies a packed move to `s` in place. */
export function applyPacked(c: Compiled, s: Int32Array, p: number): void {
  const l = c.layout;
  const kind = p & 3;
  const ctx = (p >>> 2) & 1023;
  const cpu = (p >>> 12) & 63;
  const x = c.contexts[ctx];
  if (!x) throw new ModelError(`no context ${ctx}`);
  if (kind === K_START) {
    startSource(c, s, x, cpu);
    s[l.ctxA + ctx] = cpu + 1;
    s[l.ctxPc + ctx] = 0;
    const base = l.cpu + 4 * cpu;
    if (x.kind === 'hardirq') {
      s[base + 3] = ctx + 1;
      s[base] = 1;
    } else {
      s[base + 2] = ctx + 1;
    }
    return;
  }
  if (kind === K_WORK) {
    const wi = (p >>> 18) - 1;
    startWork(c, s, x, wi);
    s[l.ctxA + ctx] = wi + 1;
    s[l.ctxPc + ctx] = 0;
    return;
  }
  const m = nextMicro(c, s, x);
  if (!m) throw new ModelError(`${x.id} has nothing to run`);
  let pc: number;
  if (kind === K_ALT) {
    const alt = m.spec.alt;
    if (!alt) throw new ModelError(`${x.id}: ${m.call} has no other outcome`, m.step);
    pc = alt.apply(c, s, m, x, cpu);
  } else {
    pc = m.spec.apply(c, s, m, x, cpu);
  }
  s[l.ctxPc + ctx] = pc;
  const body = x.kind === 'worker' ? c.works[(s[l.ctxA + ctx] ?? 0) - 1]?.body : x.body;
  if (pc >= (body?.length ?? 0)) finish(c, s, x, cpu);
}

/** Applies an enabled move and returns the new state (the input is not changed). */
export function applyMove(c: Compiled, _l: Layout | undefined, s0: State, mv: Move): Int32Array {
  const s = Int32Array.from(s0);
  applyPacked(c, s, movePacked(mv));
  return s;
}

/** Ends a context's current run: a task is done, a worker goes idle, an interrupt context returns. */
function finish(c: Compiled, s: Int32Array, x: Context, cpu: number): void {
  const l = c.layout;
  const base = l.cpu + 4 * cpu;
  if (x.kind === 'task') {
    s[l.ctxPc + x.index] = x.body.length;
    return;
  }
  if (x.kind === 'worker') workFinished(c, s, x, (s[l.ctxA + x.index] ?? 0) - 1);
  s[l.ctxA + x.index] = 0;
  s[l.ctxPc + x.index] = 0;
  if (x.kind === 'softirq') s[base + 2] = 0;
  if (x.kind === 'hardirq') {
    s[base + 3] = 0;
    s[base] = 0;
  }
}

/** Whether a context still has work it must finish (deadlock counts these when nothing can move). */
export function unfinished(c: Compiled, s: State, x: Context): boolean {
  const l = c.layout;
  if (x.kind === 'task') return (s[l.ctxPc + x.index] ?? 0) < x.body.length;
  return (s[l.ctxA + x.index] ?? 0) !== 0;
}

/** Whether some context is unfinished. */
export function anyUnfinished(c: Compiled, s: State): boolean {
  for (const x of c.contexts) if (unfinished(c, s, x)) return true;
  return false;
}

/** Whether an atomic allocation has failed on the way to this state (work or an event was dropped). */
export function lostWork(c: Compiled, s: State): boolean {
  return s[c.layout.lost] === 1;
}

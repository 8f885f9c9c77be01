// Turns a Scenario into numbered contexts and micro-operations the explorer can run quickly.
// A kernel call like spin_lock_irqsave() becomes two micro-ops (irqs off, then acquire) because a CPU
// that spins there already has its interrupts disabled; fusing them would let interrupts in wrongly.

import { compileBody } from './expand.ts';
import type { CodeRef, Scenario, Step } from './model.ts';

/** What a micro-op does; see semantics.ts for the exact rules. */
export type MicroKind =
  | 'irq_save'
  | 'irq_disable'
  | 'bh_disable'
  | 'lock'
  | 'unlock'
  | 'unlock_irqrestore'
  | 'unlock_irq'
  | 'unlock_bh'
  | 'mutex_lock'
  | 'mutex_unlock'
  | 'timer_arm'
  | 'timer_del'
  | 'timer_del_sync'
  | 'work_queue'
  | 'dwork_queue'
  | 'work_cancel_sync'
  | 'work_flush'
  | 'wq_flush'
  | 'alloc'
  | 'nop';

/** One indivisible action of a context, pointing back to the scenario step it comes from. */
export interface Micro {
  kind: MicroKind;
  /** Index of the lock, timer, work or workqueue acted on (-1 when none). */
  obj: number;
  /** The user-facing call, e.g. `spin_lock_irqsave(mad_agent_priv->lock)`. */
  call: string;
  /** What this part of the call does, e.g. `irqs off` (empty when the call is one micro-op). */
  part: string;
  code: CodeRef;
  note?: string;
  /** Index of the step in its body (stable location id `<context>/<stepIndex>`). */
  stepIndex: number;
}

/** Kinds of execution context. */
export type ContextKind = 'task' | 'worker' | 'softirq' | 'hardirq';

/** A numbered context: a task, a workqueue worker, a timer function or an interrupt handler. */
export interface Context {
  index: number;
  /** Stable id: `task:<id>`, `worker:<wq id>`, `timer:<timer id>`, `irq:<irq id>`. */
  id: string;
  name: string;
  kind: ContextKind;
  /** Fixed CPU for tasks and workers; -1 for softirq/hardirq contexts (they run where they fire). */
  cpu: number;
  /** Body for task, softirq and hardirq contexts (workers run the body of their current work). */
  body: Micro[];
  /** CPUs a softirq/hardirq context may start on. */
  cpus: number[];
  /** Timer index (softirq) or irq index (hardirq); -1 otherwise. */
  source: number;
  /** Entry point of the context (timer function, handler), for traces. */
  code?: CodeRef;
}

/** A timer after compilation (free-standing or the timer of a delayed work). */
export interface CTimer {
  id: string;
  name: string;
  ctx: number;
  pending: boolean;
  /** Work index when this is a delayed work's timer, else -1. */
  work: number;
}

/** A work item after compilation. */
export interface CWork {
  id: string;
  name: string;
  wq: number;
  /** Timer index for delayed work, else -1. */
  timer: number;
  pending: boolean;
  body: Micro[];
  code: CodeRef;
}

/** A scenario compiled for exploration. */
export interface Compiled {
  scenario: Scenario;
  cpus: number;
  locks: { id: string; name: string; mutex: boolean }[];
  timers: CTimer[];
  works: CWork[];
  wqs: { id: string; name: string; cpu: number; ctx: number }[];
  irqs: { id: string; name: string; ctx: number; times: number }[];
  contexts: Context[];
  /** Per CPU: its task and worker contexts (precomputed: the explorer asks for them in every state). */
  tasksOn: Context[][];
}

const DWORK_TIMER_FN: CodeRef = { fn: 'delayed_work_timer_fn()', file: 'kernel/workqueue.c' };

/** Compiles a scenario; throws an Error listing every problem found (unknown ids, bad CPUs, mutex in irq). */
export function compileScenario(s: Scenario): Compiled {
  const errors: string[] = [];
  const locks = s.locks.map((l) => ({ id: l.id, name: l.name, mutex: l.kind === 'mutex' }));
  const lockIx = new Map(locks.map((l, i) => [l.id, i]));
  const wqs = (s.workqueues ?? []).map((w) => ({ id: w.id, name: w.name, cpu: w.cpu, ctx: -1 }));
  const wqIx = new Map(wqs.map((w, i) => [w.id, i]));
  const timers: CTimer[] = [];
  const works: CWork[] = [];
  const timerDecls: { cpus?: readonly number[]; fn: readonly Step[] | null; code: CodeRef }[] = [];
  for (const t of s.timers ?? []) {
    timers.push({ id: t.id, name: t.name, ctx: -1, pending: t.pending === true, work: -1 });
    timerDecls.push({ cpus: t.cpus, fn: t.fn, code: t.code });
  }
  for (const w of s.works ?? []) {
    const wi = works.length;
    let timer = -1;
    if (w.delayed) {
      timer = timers.length;
      timers.push({
        id: `${w.id}.timer`,
        name: `${w.name}.timer`,
        ctx: -1,
        pending: w.pending === true,
        work: wi,
      });
      timerDecls.push({ cpus: w.timerCpus, fn: null, code: DWORK_TIMER_FN });
    }
    const wq = wqIx.get(w.wq);
    if (wq === undefined) errors.push(`work ${w.id}: unknown workqueue ${w.wq}`);
    works.push({
      id: w.id,
      name: w.name,
      wq: wq ?? 0,
      timer,
      pending: !w.delayed && w.pending === true,
      body: [],
      code: w.code,
    });
  }
  const timerIx = new Map(timers.map((t, i) => [t.id, i]));
  const workIx = new Map(works.map((w, i) => [w.id, i]));
  const names = { locks, timers, works, wqs };
  const ix = { lockIx, timerIx, workIx, wqIx };

  const contexts: Context[] = [];
  const allCpus = Array.from({ length: s.cpus }, (_, i) => i);
  const checkCpu = (where: string, c: number): void => {
    if (!Number.isInteger(c) || c < 0 || c >= s.cpus) errors.push(`${where}: CPU ${c} out of range`);
  };
  for (const t of s.tasks) {
    checkCpu(`task ${t.id}`, t.cpu);
    const body = compileBody(t.steps, `task ${t.id}`, false, ix, names, errors);
    contexts.push(ctx(contexts.length, `task:${t.id}`, t.name, 'task', t.cpu, body, [t.cpu], -1));
  }
  for (const [wi, w] of wqs.entries()) {
    checkCpu(`workqueue ${w.id}`, w.cpu);
    w.ctx = contexts.length;
    contexts.push(
      ctx(contexts.length, `worker:${w.id}`, `${w.name} worker`, 'worker', w.cpu, [], [w.cpu], wi),
    );
  }
  for (const [wi, w] of (s.works ?? []).entries()) {
    const cw = works[wi];
    if (cw) cw.body = compileBody(w.fn, `work ${w.id}`, false, ix, names, errors);
  }
  for (const [ti, t] of timers.entries()) {
    const decl = timerDecls[ti];
    if (!decl) continue;
    const cpus = [...(decl.cpus ?? allCpus)];
    for (const c of cpus) checkCpu(`timer ${t.id}`, c);
    const body: Micro[] =
      decl.fn === null
        ? [
            {
              kind: 'work_queue',
              obj: t.work,
              call: `queue_work(${works[t.work]?.name ?? '?'})`,
              part: '',
              code: DWORK_TIMER_FN,
              stepIndex: 0,
            },
          ]
        : compileBody(decl.fn, `timer ${t.id}`, 'softirq', ix, names, errors);
    t.ctx = contexts.length;
    const c = ctx(contexts.length, `timer:${t.id}`, `${t.name} fn`, 'softirq', -1, body, cpus, ti);
    c.code = decl.code;
    contexts.push(c);
  }
  const irqs: Compiled['irqs'] = [];
  for (const [ii, q] of (s.irqs ?? []).entries()) {
    const cpus = [...(q.cpus ?? allCpus)];
    for (const c of cpus) checkCpu(`irq ${q.id}`, c);
    const body = compileBody(q.handler, `irq ${q.id}`, 'hardirq', ix, names, errors);
    irqs.push({ id: q.id, name: q.name, ctx: contexts.length, times: q.times ?? 1 });
    const c = ctx(contexts.length, `irq:${q.id}`, q.name, 'hardirq', -1, body, cpus, ii);
    c.code = q.code;
    contexts.push(c);
  }
  if (locks.length > 30) errors.push('at most 30 locks (saved irq flags are a bit mask)');
  if (errors.length > 0) throw new Error(`scenario ${s.id}:\n  ${errors.join('\n  ')}`);
  const tasksOn = allCpus.map((cpu) =>
    contexts.filter((x) => (x.kind === 'task' || x.kind === 'worker') && x.cpu === cpu),
  );
  return { scenario: s, cpus: s.cpus, locks, timers, works, wqs, irqs, contexts, tasksOn };
}

function ctx(
  index: number,
  id: string,
  name: string,
  kind: ContextKind,
  cpu: number,
  body: Micro[],
  cpus: number[],
  source: number,
): Context {
  return { index, id, name, kind, cpu, body, cpus, source };
}

// Workqueues: work items queued on a queue run in its worker threads (task context). A work item never
// runs on two workers at once; queueing it while it runs makes it run again afterwards. Ordered queues
// run one work at a time in queueing order. flush_work()/flush_workqueue() wait for the instances that
// were queued or running when the flush began (later queueings do not hold it up); cancel_*_sync()
// removes a pending instance, refuses new queueings meanwhile and waits for a running one.
// For kernels before concurrency-managed workqueues (2.6.35 and older) the cancel ops keep the 2.6.30
// rules: cancel_delayed_work() is del_timer_sync() on the work's timer.
// Lockdep's pseudo-locks: a running work holds `(wq_completion)<queue>` then `(work_completion)(<work>)`
// (bare names before 4.15); flushes and cancels take them for a moment.

import type { Compiled, Context, Micro } from '../compile.ts';
import type { ClassRef } from '../lockdep-walk.ts';
import { pInto, setInto, skipNext } from './common.ts';
import type { Family, MicroSpec, OpSpec, PromelaCtx, RState } from './types.ts';

/** Kernel numbers: 4.15 names the pseudo-locks `(wq_completion)`/`(work_completion)`; 2.6.36 brought cmwq. */
const NAMED_COMPLETIONS = 41500;
const CMWQ = 20636;

/** The lockdep class of work `wi`. */
export function workClass(c: Compiled, wi: number): ClassRef {
  const w = c.works[wi];
  const name = c.kernel >= NAMED_COMPLETIONS ? `(work_completion)(${w?.name})` : (w?.name ?? '?');
  return { id: `work:${w?.id}`, name, kind: 'work' };
}

/** The lockdep class of workqueue `qi`. */
export function wqClass(c: Compiled, qi: number): ClassRef {
  const q = c.wqs[qi];
  const name = c.kernel >= NAMED_COMPLETIONS ? `(wq_completion)${q?.name}` : (q?.name ?? '?');
  return { id: `wq:${q?.id}`, name, kind: 'wq' };
}

/** Whether work `wi` is running on any worker of its queue. */
export function workRunning(c: Compiled, s: RState, wi: number): boolean {
  const w = c.works[wi];
  const q = w ? c.wqs[w.wq] : undefined;
  if (!q) return false;
  for (const k of q.workers) if (s[c.layout.ctxA + k] === wi + 1) return true;
  return false;
}

const bit = (wi: number): number => 1 << wi;
const flushRun = (c: Compiled): number => c.base['wq.flushRun'] ?? -1;
const flushPend = (c: Compiled): number => c.base['wq.flushPend'] ?? -1;

/** The works an idle worker may start: pending, not running elsewhere, first in line on ordered queues. */
export function startableWorks(c: Compiled, s: RState, x: Context, push: (wi: number) => void): void {
  const q = c.wqs[x.source];
  if (!q) return;
  if (q.ordered) {
    const head = (s[q.fifo] ?? 0) - 1;
    if (head >= 0 && s[c.works[head]?.slot ?? -1] === 1 && !workRunning(c, s, head)) push(head);
    return;
  }
  for (const [wi, w] of c.works.entries()) {
    if (w.wq === x.source && s[w.slot] === 1 && !workRunning(c, s, wi)) push(wi);
  }
}

/** A worker takes work `wi` off the queue: flushes waiting for that instance now wait for its run. */
export function startWork(c: Compiled, s: Int32Array, x: Context, wi: number): void {
  const w = c.works[wi];
  const q = c.wqs[x.source];
  if (!w || !q) return;
  s[w.slot] = 0;
  if (q.ordered) fifoRemove(s, q.fifo, q.fifoLen, wi + 1);
  const fp = flushPend(c);
  if (fp >= 0) {
    const fr = flushRun(c);
    for (let k = 0; k < c.contexts.length; k++) {
      if ((s[fp + k] ?? 0) & bit(wi)) {
        s[fp + k] = (s[fp + k] ?? 0) & ~bit(wi);
        s[fr + k] = (s[fr + k] ?? 0) | bit(wi);
      }
    }
  }
}

/** Work `wi` returned: flushes waiting for that run are done with it. */
export function workFinished(c: Compiled, s: Int32Array, _x: Context, wi: number): void {
  const fr = flushRun(c);
  if (fr < 0 || wi < 0) return;
  for (let k = 0; k < c.contexts.length; k++) s[fr + k] = (s[fr + k] ?? 0) & ~bit(wi);
}

function fifoRemove(s: Int32Array, base: number, len: number, v: number): void {
  let j = 0;
  for (let i = 0; i < len; i++) {
    const e = s[base + i] ?? 0;
    if (e !== v) s[base + j++] = e;
  }
  while (j < len) s[base + j++] = 0;
}

function fifoAppend(s: Int32Array, base: number, len: number, v: number): void {
  for (let i = 0; i < len; i++) {
    if (s[base + i] === 0) {
      s[base + i] = v;
      return;
    }
  }
}

/** Removes a pending instance (a cancel): a flush that waited for it is done with it (its barrier ran). */
function removePending(c: Compiled, s: Int32Array, wi: number): void {
  const w = c.works[wi];
  if (!w) return;
  s[w.slot] = 0;
  const q = c.wqs[w.wq];
  if (q?.ordered) fifoRemove(s, q.fifo, q.fifoLen, wi + 1);
  const fp = flushPend(c);
  if (fp >= 0) for (let k = 0; k < c.contexts.length; k++) s[fp + k] = (s[fp + k] ?? 0) & ~bit(wi);
}

/** Whether queueing work `wi` from context `x` is refused (being canceled, or its queue draining). */
function refused(c: Compiled, s: RState, wi: number, x: Context): boolean {
  const w = c.works[wi];
  if (!w) return true;
  if (w.cancelSlot >= 0 && s[w.cancelSlot] === 1) return true;
  const q = c.wqs[w.wq];
  return (
    q !== undefined && q.drainSlot >= 0 && s[q.drainSlot] === 1 && !(x.kind === 'worker' && x.source === w.wq)
  );
}

/** Queues work `wi` unless it is pending or refused; returns whether it was queued. */
function queue(c: Compiled, s: Int32Array, wi: number, x: Context): boolean {
  const w = c.works[wi];
  if (!w || refused(c, s, wi, x) || s[w.slot] === 1) return false;
  s[w.slot] = 1;
  const q = c.wqs[w.wq];
  if (q?.ordered) fifoAppend(s, q.fifo, q.fifoLen, wi + 1);
  return true;
}

const timerOf = (c: Compiled, wi: number) => c.timers[c.works[wi]?.timer ?? -1];
const timerIdle = (c: Compiled, s: RState, wi: number): boolean => {
  const t = timerOf(c, wi);
  return !t || s[c.layout.ctxA + t.ctx] === 0;
};

const workQueue: MicroSpec = {
  apply(c, s, m, x) {
    setInto(c, s, m, queue(c, s, m.obj, x) ? 1 : 0);
    return m.next;
  },
  promela(p, m, x) {
    const w = p.c.works[m.obj];
    if (!w) return { guard: '', effects: [] };
    const q = p.c.wqs[w.wq];
    const blocked = pRefused(p, m.obj, x);
    const put = [
      `${p.slot(w.slot)} = 1`,
      ...(q?.ordered ? [pFifoAppend(p, q.fifo, q.fifoLen, m.obj + 1)] : []),
    ];
    return {
      guard: '',
      effects: [],
      outcomes: [
        { when: `${blocked} || ${p.slot(w.slot)} == 1`, effects: pInto(p, m, 0), next: m.next },
        { when: 'else', effects: [...put, ...pInto(p, m, 1)], next: m.next },
      ],
    };
  },
  touches: (c, m) => [`work:${m.obj}`, `wq:${c.works[m.obj]?.wq}`],
};

/** queue_delayed_work(): arms the work's timer unless the work is pending (queued or timer armed). */
const dworkQueue: MicroSpec = {
  apply(c, s, m, x) {
    const w = c.works[m.obj];
    const t = timerOf(c, m.obj);
    let ok = false;
    if (w && t && !refused(c, s, m.obj, x) && s[w.slot] === 0 && s[t.slot] === 0) {
      s[t.slot] = 1;
      ok = true;
    }
    setInto(c, s, m, ok ? 1 : 0);
    return m.next;
  },
  brief: (c, m) => `queue_delayed_work(${c.works[m.obj]?.name})`,
  promela(p, m, x) {
    const w = p.c.works[m.obj];
    const t = timerOf(p.c, m.obj);
    if (!w || !t) return { guard: '', effects: [] };
    const ok = `!(${pRefused(p, m.obj, x)}) && ${p.slot(w.slot)} == 0 && ${p.slot(t.slot)} == 0`;
    return {
      guard: '',
      effects: [],
      outcomes: [
        { when: ok, effects: [`${p.slot(t.slot)} = 1`, ...pInto(p, m, 1)], next: m.next },
        { when: 'else', effects: pInto(p, m, 0), next: m.next },
      ],
    };
  },
  touches: (c, m) => [`work:${m.obj}`, `timer:${c.works[m.obj]?.timer}`],
};

/** mod_delayed_work(): takes a queued instance back and (re)arms the timer. */
const dworkMod: MicroSpec = {
  ready: (c, s, m) => timerIdle(c, s, m.obj),
  apply(c, s, m, x) {
    const t = timerOf(c, m.obj);
    const was = (s[c.works[m.obj]?.slot ?? -1] ?? 0) === 1 || (t ? s[t.slot] === 1 : false);
    if (refused(c, s, m.obj, x) || !t) {
      setInto(c, s, m, 0);
      return m.next;
    }
    removePending(c, s, m.obj);
    s[t.slot] = 1;
    setInto(c, s, m, was ? 1 : 0);
    return m.next;
  },
  blocked: (c, _s, m, _x, me) =>
    `${me} waits in mod_delayed_work() for the ${timerOf(c, m.obj)?.name} function`,
  promela(p, m, x) {
    const t = timerOf(p.c, m.obj);
    const w = p.c.works[m.obj];
    if (!t || !w) return { guard: '', effects: [] };
    return {
      guard: `${p.slot(p.c.layout.ctxA + t.ctx)} == 0`,
      effects: [],
      outcomes: [
        { when: pRefused(p, m.obj, x), effects: pInto(p, m, 0), next: m.next },
        {
          when: 'else',
          effects: [
            ...pInto(p, m, `(${p.slot(w.slot)} == 1 || ${p.slot(t.slot)} == 1)`),
            ...pRemovePending(p, m.obj),
            `${p.slot(t.slot)} = 1`,
          ],
          next: m.next,
        },
      ],
    };
  },
  touches: (c, m) => [`work:${m.obj}`, `timer:${c.works[m.obj]?.timer}`, `ctx:${timerOf(c, m.obj)?.ctx}`],
};

/** 2.6.30 cancel_delayed_work_sync(), first half: wait for a running timer function, disarm (no lockdep). */
const dworkTimerWait: MicroSpec = {
  ready(c, s, m) {
    const t = c.timers[m.obj];
    return t !== undefined && s[c.layout.ctxA + t.ctx] === 0;
  },
  apply(c, s, m) {
    const t = c.timers[m.obj];
    if (t) s[t.slot] = 0;
    return m.next;
  },
  brief: (c, m) => `del_timer_sync(${c.timers[m.obj]?.name})`,
  acquires: (c, m) => `timer:${c.timers[m.obj]?.id}`,
  blocked(c, s, m, _x, me) {
    const t = c.timers[m.obj];
    const tcpu = t ? (s[c.layout.ctxA + t.ctx] ?? 0) - 1 : -1;
    return `${me} waits in del_timer_sync() for the ${t?.name} function running on CPU${tcpu}`;
  },
  promela(p, m) {
    const t = p.c.timers[m.obj];
    return {
      guard: `${p.slot(p.c.layout.ctxA + (t?.ctx ?? 0))} == 0`,
      effects: [`${p.slot(t?.slot ?? 0)} = 0`],
    };
  },
  touches: (c, m) => [`timer:${m.obj}`, `ctx:${c.timers[m.obj]?.ctx}`],
};

/** 2.6.30 cancel_work_sync(): wait until the work is not running, then clear its pending flag. */
const legacyCancelSync: MicroSpec = {
  ready: (c, s, m) => !workRunning(c, s, m.obj),
  apply(c, s, m) {
    s[c.works[m.obj]?.slot ?? -1] = 0;
    return m.next;
  },
  acquires: (c, m) => workClass(c, m.obj).id,
  blocked: (c, _s, m, _x, me) =>
    `${me} sleeps in ${m.call.split('(')[0]}() until work ${c.works[m.obj]?.name} is done`,
  lockdep(w, m) {
    w.mightSleep(m);
    w.touch(workClass(w.c, m.obj), m);
  },
  promela(p, m) {
    const w = p.c.works[m.obj];
    return { guard: pNotRunning(p, m.obj), effects: [`${p.slot(w?.slot ?? 0)} = 0`] };
  },
  touches: (c, m) => [`work:${m.obj}`, `wq:${c.works[m.obj]?.wq}`],
};

/** cancel_*_sync() of current kernels, first half: take the work back and refuse queueings until done. */
const workGrab = (sync: boolean): MicroSpec => ({
  ready: (c, s, m) => timerIdle(c, s, m.obj),
  apply(c, s, m, x) {
    const w = c.works[m.obj];
    const t = timerOf(c, m.obj);
    if (!w) return m.next;
    const was = s[w.slot] === 1 || (t !== undefined && s[t.slot] === 1);
    if (t) s[t.slot] = 0;
    removePending(c, s, m.obj);
    setInto(c, s, m, was ? 1 : 0);
    if (sync && workRunning(c, s, m.obj)) {
      s[w.cancelSlot] = 1;
      return m.next;
    }
    return sync ? skipNext(c, s, m, x) : m.next;
  },
  blocked: (c, _s, m, _x, me) => `${me} waits for the ${timerOf(c, m.obj)?.name} function to queue the work`,
  lockdep(w, m) {
    if (!sync) return;
    w.mightSleep(m);
    w.touch(workClass(w.c, m.obj), m);
  },
  promela(p, m, x) {
    const w = p.c.works[m.obj];
    const t = timerOf(p.c, m.obj);
    if (!w) return { guard: '', effects: [] };
    const guard = t ? `${p.slot(p.c.layout.ctxA + t.ctx)} == 0` : '';
    const common = [
      ...pInto(p, m, `(${p.slot(w.slot)} == 1${t ? ` || ${p.slot(t.slot)} == 1` : ''})`),
      ...(t ? [`${p.slot(t.slot)} = 0`] : []),
      ...pRemovePending(p, m.obj),
    ];
    if (!sync) return { guard, effects: common };
    return {
      guard,
      effects: common,
      outcomes: [
        { when: `!(${pNotRunning(p, m.obj)})`, effects: [`${p.slot(w.cancelSlot)} = 1`], next: m.next },
        { when: 'else', effects: [], next: pSkip(p, m, x) },
      ],
    };
  },
  touches: (c, m) => [`work:${m.obj}`, `wq:${c.works[m.obj]?.wq}`, `timer:${c.works[m.obj]?.timer}`],
});

/** cancel_*_sync(), second half: wait for the running instance, then allow queueing again. */
const workCancelWait: MicroSpec = {
  ready: (c, s, m) => !workRunning(c, s, m.obj),
  apply(c, s, m) {
    const w = c.works[m.obj];
    if (w) s[w.cancelSlot] = 0;
    return m.next;
  },
  acquires: (c, m) => workClass(c, m.obj).id,
  blocked: (c, _s, m, _x, me) =>
    `${me} sleeps in ${m.call.split('(')[0]}() until work ${c.works[m.obj]?.name} is done`,
  promela: (p, m) => ({
    guard: pNotRunning(p, m.obj),
    effects: [`${p.slot(p.c.works[m.obj]?.cancelSlot ?? 0)} = 0`],
  }),
  touches: (c, m) => [`work:${m.obj}`, `wq:${c.works[m.obj]?.wq}`],
};

/** flush_delayed_work(), first part: a pending timer is deleted and the work queued at once. */
const dworkFlushKick: MicroSpec = {
  ready: (c, s, m) => timerIdle(c, s, m.obj),
  apply(c, s, m, x) {
    const t = timerOf(c, m.obj);
    if (t && s[t.slot] === 1) {
      s[t.slot] = 0;
      queue(c, s, m.obj, x);
    }
    return m.next;
  },
  blocked: (c, _s, m, _x, me) => `${me} waits for the ${timerOf(c, m.obj)?.name} function to queue the work`,
  promela(p, m, x) {
    const t = timerOf(p.c, m.obj);
    const w = p.c.works[m.obj];
    if (!t || !w) return { guard: '', effects: [] };
    const q = p.c.wqs[w.wq];
    const put = [
      `${p.slot(w.slot)} = 1`,
      ...(q?.ordered ? [pFifoAppend(p, q.fifo, q.fifoLen, m.obj + 1)] : []),
    ];
    return {
      guard: `${p.slot(p.c.layout.ctxA + t.ctx)} == 0`,
      effects: [
        `if :: ${p.slot(t.slot)} == 1 -> ${p.slot(t.slot)} = 0; if :: !(${pRefused(p, m.obj, x)}) && ${p.slot(w.slot)} == 0 -> ${put.join('; ')} :: else -> skip fi :: else -> skip fi`,
      ],
    };
  },
  touches: (c, m) => [`work:${m.obj}`, `timer:${c.works[m.obj]?.timer}`],
};

/** Works a flush snapshot covers: one work, or every work of a queue. */
function flushWorks(c: Compiled, m: Micro): number[] {
  if (m.kind === 'wq_flush_start') return c.works.flatMap((w, i) => (w.wq === m.obj ? [i] : []));
  return [m.obj];
}

const flushStart = (what: 'work' | 'wq'): MicroSpec => ({
  apply(c, s, m, x) {
    let run = 0;
    let pend = 0;
    for (const wi of flushWorks(c, m)) {
      if (workRunning(c, s, wi)) run |= bit(wi);
      if (s[c.works[wi]?.slot ?? -1] === 1) pend |= bit(wi);
    }
    const fr = flushRun(c);
    const fp = flushPend(c);
    s[fr + x.index] = (s[fr + x.index] ?? 0) | run;
    s[fp + x.index] = (s[fp + x.index] ?? 0) | pend;
    if (run === 0 && pend === 0) return skipNext(c, s, m, x);
    return m.next;
  },
  acquires: (c, m) => (what === 'wq' ? wqClass(c, m.obj).id : workClass(c, m.obj).id),
  lockdep(w, m) {
    w.mightSleep(m);
    if (what === 'wq') {
      w.touch(wqClass(w.c, m.obj), m);
      return;
    }
    const work = w.c.works[m.obj];
    const q = work ? w.c.wqs[work.wq] : undefined;
    if (w.c.kernel < CMWQ) {
      // 2.6.30's flush_work() annotates the queue, not the work.
      if (work) w.touch(wqClass(w.c, work.wq), m);
      return;
    }
    w.touch(workClass(w.c, m.obj), m);
    if (q && work && (q.ordered || q.maxActive === 1 || q.memReclaim)) w.touch(wqClass(w.c, work.wq), m);
  },
  promela(p, m, x) {
    const fr = p.slot(flushRun(p.c) + x.index);
    const fp = p.slot(flushPend(p.c) + x.index);
    const effects: string[] = [];
    for (const wi of flushWorks(p.c, m)) {
      const w = p.c.works[wi];
      effects.push(`if :: !(${pNotRunning(p, wi)}) -> ${fr} = ${fr} | ${bit(wi)} :: else -> skip fi`);
      effects.push(`if :: ${p.slot(w?.slot ?? 0)} == 1 -> ${fp} = ${fp} | ${bit(wi)} :: else -> skip fi`);
    }
    return {
      guard: '',
      effects,
      outcomes: [
        { when: `${fr} == 0 && ${fp} == 0`, effects: [], next: pSkip(p, m, x) },
        { when: 'else', effects: [], next: m.next },
      ],
    };
  },
  touches: (c, m) =>
    what === 'wq'
      ? [`wq:${m.obj}`, ...flushWorks(c, m).map((wi) => `work:${wi}`), 'flush']
      : [`work:${m.obj}`, `wq:${c.works[m.obj]?.wq}`, 'flush'],
});

const flushWait: MicroSpec = {
  ready(c, s, _m, x) {
    return (s[flushRun(c) + x.index] ?? 0) === 0 && (s[flushPend(c) + x.index] ?? 0) === 0;
  },
  apply: (_c, _s, m) => m.next,
  acquires: (c, m) => (m.arg === 1 ? wqClass(c, m.obj).id : workClass(c, m.obj).id),
  blocked(c, _s, m, _x, me) {
    const what = m.arg === 1 ? `workqueue ${c.wqs[m.obj]?.name}` : `work ${c.works[m.obj]?.name}`;
    return `${me} sleeps in ${m.call.split('(')[0]}() until ${what} is done`;
  },
  promela(p, _m, x) {
    return {
      guard: `${p.slot(flushRun(p.c) + x.index)} == 0 && ${p.slot(flushPend(p.c) + x.index)} == 0`,
      effects: [],
    };
  },
  touches: () => ['flush'],
};

const drainStart: MicroSpec = {
  apply(c, s, m) {
    const q = c.wqs[m.obj];
    if (q) s[q.drainSlot] = 1;
    return m.next;
  },
  lockdep(w, m) {
    w.mightSleep(m);
    w.touch(wqClass(w.c, m.obj), m);
  },
  promela: (p, m) => ({ guard: '', effects: [`${p.slot(p.c.wqs[m.obj]?.drainSlot ?? 0)} = 1`] }),
  touches: (_c, m) => [`wq:${m.obj}`],
};

const drainWait: MicroSpec = {
  ready(c, s, m) {
    for (const [wi, w] of c.works.entries()) {
      if (w.wq !== m.obj) continue;
      if (s[w.slot] === 1 || workRunning(c, s, wi)) return false;
      if (w.timer >= 0 && s[c.timers[w.timer]?.slot ?? -1] === 1) return false;
    }
    return true;
  },
  apply(c, s, m) {
    const q = c.wqs[m.obj];
    if (q) s[q.drainSlot] = 0;
    return m.next;
  },
  acquires: (c, m) => wqClass(c, m.obj).id,
  blocked: (c, _s, m, _x, me) =>
    `${me} sleeps in ${m.call.split('(')[0]}() until workqueue ${c.wqs[m.obj]?.name} is empty`,
  promela(p, m) {
    const conds: string[] = [];
    for (const [wi, w] of p.c.works.entries()) {
      if (w.wq !== m.obj) continue;
      conds.push(`${p.slot(w.slot)} == 0`, pNotRunning(p, wi));
      if (w.timer >= 0) conds.push(`${p.slot(p.c.timers[w.timer]?.slot ?? 0)} == 0`);
    }
    return { guard: conds.join(' && '), effects: [`${p.slot(p.c.wqs[m.obj]?.drainSlot ?? 0)} = 0`] };
  },
  touches: (c, m) => [`wq:${m.obj}`, ...c.works.flatMap((w, i) => (w.wq === m.obj ? [`work:${i}`] : []))],
};

function pNotRunning(p: PromelaCtx, wi: number): string {
  const w = p.c.works[wi];
  const q = w ? p.c.wqs[w.wq] : undefined;
  const parts = (q?.workers ?? []).map((k) => `${p.slot(p.c.layout.ctxA + k)} != ${wi + 1}`);
  return parts.length > 0 ? `(${parts.join(' && ')})` : 'true';
}

function pRefused(p: PromelaCtx, wi: number, x: Context): string {
  const w = p.c.works[wi];
  if (!w) return 'true';
  const parts: string[] = [];
  if (w.cancelSlot >= 0) parts.push(`${p.slot(w.cancelSlot)} == 1`);
  const q = p.c.wqs[w.wq];
  if (q && q.drainSlot >= 0 && !(x.kind === 'worker' && x.source === w.wq))
    parts.push(`${p.slot(q.drainSlot)} == 1`);
  return parts.length > 0 ? `(${parts.join(' || ')})` : 'false';
}

function pFifoAppend(p: PromelaCtx, base: number, len: number, v: number): string {
  const opts = [...Array(len).keys()].map(
    (i) =>
      `:: ${p.slot(base + i)} == 0${[...Array(i).keys()].map((k) => ` && ${p.slot(base + k)} != 0`).join('')} -> ${p.slot(base + i)} = ${v}`,
  );
  return `if ${opts.join(' ')} :: else -> skip fi`;
}

/** Promela for removing value v from a FIFO (entries after it move up). */
function pFifoRemove(p: PromelaCtx, base: number, len: number, v: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < len; i++) {
    const shift = [];
    for (let k = i; k < len - 1; k++) shift.push(`${p.slot(base + k)} = ${p.slot(base + k + 1)}`);
    shift.push(`${p.slot(base + len - 1)} = 0`);
    out.push(`if :: ${p.slot(base + i)} == ${v} -> ${shift.join('; ')} :: else -> skip fi`);
  }
  return out;
}

function pRemovePending(p: PromelaCtx, wi: number): string[] {
  const w = p.c.works[wi];
  if (!w) return [];
  const q = p.c.wqs[w.wq];
  const out = [`${p.slot(w.slot)} = 0`];
  if (q?.ordered) out.push(...pFifoRemove(p, q.fifo, q.fifoLen, wi + 1));
  const fp = flushPend(p.c);
  if (fp >= 0)
    for (let k = 0; k < p.c.contexts.length; k++)
      out.push(`${p.slot(fp + k)} = ${p.slot(fp + k)} & ${~bit(wi)}`);
  return out;
}

/** Promela guard for an idle worker starting work wi, and the effects (mirrors startableWorks/startWork). */
export function pStartWork(p: PromelaCtx, x: Context, wi: number): { guard: string; effects: string[] } {
  const w = p.c.works[wi];
  const q = p.c.wqs[x.source];
  if (!w || !q) return { guard: 'false', effects: [] };
  const guard = [`${p.slot(w.slot)} == 1`, pNotRunning(p, wi)];
  if (q.ordered) guard.push(`${p.slot(q.fifo)} == ${wi + 1}`);
  const effects = [`${p.slot(w.slot)} = 0`];
  if (q.ordered) effects.push(...pFifoRemove(p, q.fifo, q.fifoLen, wi + 1));
  const fp = flushPend(p.c);
  const fr = flushRun(p.c);
  if (fp >= 0) {
    for (let k = 0; k < p.c.contexts.length; k++) {
      effects.push(
        `if :: ${p.slot(fp + k)} & ${bit(wi)} -> ${p.slot(fp + k)} = ${p.slot(fp + k)} & ${~bit(wi)}; ${p.slot(fr + k)} = ${p.slot(fr + k)} | ${bit(wi)} :: else -> skip fi`,
      );
    }
  }
  return { guard: guard.join(' && '), effects };
}

/** Promela effects of work wi returning (mirrors workFinished). */
export function pWorkFinished(p: PromelaCtx, wi: number): string[] {
  const fr = flushRun(p.c);
  if (fr < 0) return [];
  return [...Array(p.c.contexts.length).keys()].map(
    (k) => `${p.slot(fr + k)} = ${p.slot(fr + k)} & ${~bit(wi)}`,
  );
}

function pSkip(p: PromelaCtx, m: Micro, x: Context): number {
  const bodies =
    x.kind === 'worker' ? p.c.works.filter((w) => w.wq === x.source).map((w) => w.body) : [x.body];
  for (const b of bodies) if (b.includes(m)) return b[m.next]?.next ?? m.next;
  return m.next;
}

const work = (
  summary: string,
  parts: (c: Compiled) => { kind: string; part?: string; arg?: number; timer?: boolean }[],
  extra: Partial<OpSpec> = {},
): OpSpec => ({
  summary,
  target: 'work',
  expand: (e) =>
    parts(e.c).map((p) => ({
      kind: p.kind,
      ...(p.part ? { part: p.part } : {}),
      ...(p.arg !== undefined ? { arg: p.arg } : {}),
      ...(p.timer ? { obj: e.c.works[e.obj]?.timer ?? -1 } : {}),
    })),
  ...extra,
});

const ops = {
  queue_work: work(
    'queue unless already pending (refused while canceled or draining); `into` gets whether it queued',
    () => [{ kind: 'work_queue' }],
    { fields: ['into'] },
  ),
  queue_delayed_work: work(
    'arm the work’s timer unless the work is pending',
    () => [{ kind: 'dwork_queue' }],
    {
      delayed: true,
      fields: ['into'],
    },
  ),
  mod_delayed_work: work('take a queued instance back and (re)arm the timer', () => [{ kind: 'dwork_mod' }], {
    delayed: true,
    fields: ['into'],
  }),
  cancel_delayed_work: work(
    '**2.6.30**: del_timer_sync() on the work’s timer; current kernels: take a pending instance back, never wait for the work',
    (c) => (c.kernel < CMWQ ? [{ kind: 'timer_del_sync', timer: true }] : [{ kind: 'work_cancel' }]),
    { delayed: true, fields: ['into'] },
  ),
  __cancel_delayed_work: work(
    '2.6.30–3.x: del_timer() on the work’s timer, never waits',
    () => [{ kind: 'timer_del', timer: true }],
    {
      delayed: true,
    },
  ),
  cancel_delayed_work_sync: work(
    'take the timer and a pending instance back, refuse queueing, sleep while the work runs',
    (c) =>
      c.kernel < CMWQ
        ? [
            { kind: 'dwork_timer_wait', part: 'stop timer', timer: true },
            { kind: 'work_cancel_sync', part: 'wait for work' },
          ]
        : [
            { kind: 'work_grab', part: 'take it back' },
            { kind: 'work_cancel_wait', part: 'wait for work' },
          ],
    { delayed: true, sleeps: true, fields: ['into'] },
  ),
  cancel_work_sync: work(
    'take a pending instance back, refuse queueing, sleep while the work runs',
    (c) =>
      c.kernel < CMWQ
        ? [{ kind: 'work_cancel_sync' }]
        : [
            { kind: 'work_grab', part: 'take it back' },
            { kind: 'work_cancel_wait', part: 'wait for work' },
          ],
    { sleeps: true, fields: ['into'] },
  ),
  cancel_work: work('take a pending instance back, never wait', () => [{ kind: 'work_cancel' }], {
    fields: ['into'],
  }),
  flush_work: work(
    'sleep until the instance queued or running now has run',
    () => [{ kind: 'work_flush_start' }, { kind: 'work_flush_wait', part: 'wait' }],
    { sleeps: true },
  ),
  flush_delayed_work: work(
    'queue the work now if its timer is armed, then flush_work()',
    () => [
      { kind: 'dwork_flush_kick' },
      { kind: 'work_flush_start' },
      { kind: 'work_flush_wait', part: 'wait' },
    ],
    { sleeps: true, delayed: true },
  ),
  flush_workqueue: {
    summary: 'sleep until every work queued or running on the queue now has run',
    target: 'wq',
    sleeps: true,
    expand: () => [{ kind: 'wq_flush_start' }, { kind: 'work_flush_wait', part: 'wait', arg: 1 }],
  },
  drain_workqueue: {
    summary: 'refuse queueing from outside the queue, sleep until it is empty',
    target: 'wq',
    sleeps: true,
    expand: () => [{ kind: 'wq_drain_start' }, { kind: 'wq_drain_wait', part: 'wait' }],
  },
  destroy_workqueue: {
    summary: 'drain_workqueue(), then the queue is gone',
    target: 'wq',
    sleeps: true,
    expand: () => [{ kind: 'wq_drain_start' }, { kind: 'wq_drain_wait', part: 'wait' }],
  },
} satisfies Record<string, OpSpec>;

/** Workqueues and work items. */
export const workqueue = {
  name: 'workqueue',
  about:
    'Workqueues (`workqueues`, `works`): works run in worker threads (`maxActive` of them; `ordered` queues one at ' +
    'a time, first queued first run); a work never runs on two workers at once. Flushes wait for the instances ' +
    'present when they begin; cancel_*_sync() refuses queueing while it waits. Lockdep’s `(wq_completion)` and ' +
    '`(work_completion)` pseudo-locks are held while a work runs and taken by flushes and cancels.',
  ops,
  micros: {
    work_queue: workQueue,
    dwork_queue: dworkQueue,
    dwork_mod: dworkMod,
    dwork_timer_wait: dworkTimerWait,
    work_cancel_sync: legacyCancelSync,
    work_grab: workGrab(true),
    work_cancel: workGrab(false),
    work_cancel_wait: workCancelWait,
    dwork_flush_kick: dworkFlushKick,
    work_flush_start: flushStart('work'),
    wq_flush_start: flushStart('wq'),
    work_flush_wait: flushWait,
    wq_drain_start: drainStart,
    wq_drain_wait: drainWait,
  },
  layout(c, a) {
    const n = c.contexts.length;
    for (const w of c.works) w.slot = a.alloc(1, 1, `work ${w.id}.pending`);
    const canceled = new Set<number>();
    const drained = new Set<number>();
    let flushes = false;
    for (const x of c.contexts) {
      const bodies = x.kind === 'worker' ? [] : [x.body];
      for (const b of bodies) scan(b);
    }
    for (const w of c.works) scan(w.body);
    function scan(body: Micro[]): void {
      for (const m of body) {
        if (m.kind === 'work_grab') canceled.add(m.obj);
        if (m.kind === 'wq_drain_start') drained.add(m.obj);
        if (m.kind === 'work_flush_start' || m.kind === 'wq_flush_start') flushes = true;
      }
    }
    for (const wi of canceled) {
      const w = c.works[wi];
      if (w) w.cancelSlot = a.alloc(1, 1, `work ${w.id}.canceling`);
    }
    for (const [qi, q] of c.wqs.entries()) {
      if (q.ordered) {
        q.fifoLen = Math.max(1, c.works.filter((w) => w.wq === qi).length);
        q.fifo = a.alloc(q.fifoLen, c.works.length + 1, `wq ${q.id}.fifo`);
      }
      if (drained.has(qi)) q.drainSlot = a.alloc(1, 1, `wq ${q.id}.draining`);
    }
    if (flushes) {
      if (c.works.length > 30) throw new Error('flushes need at most 30 works');
      const max = 2 ** c.works.length - 1;
      c.base['wq.flushRun'] = a.alloc(n, max, 'ctx.flushRun');
      c.base['wq.flushPend'] = a.alloc(n, max, 'ctx.flushPending');
    }
  },
  init(c, s) {
    for (const [wi, w] of c.works.entries()) {
      if (!w.pending) continue;
      s[w.slot] = 1;
      const q = c.wqs[w.wq];
      if (q?.ordered) fifoAppend(s, q.fifo, q.fifoLen, wi + 1);
    }
  },
} satisfies Family;

// K independent copies of a scenario for bench:explore: copy k gets its own CPUs, locks, timers, works,
// queues and interrupts (ids suffixed `#k`), with interrupts and timers confined to the copy's CPUs.
// The unreduced state space is the product of K copies of the original's.

import type { Scenario, Step } from '../src/lib/locks/model.ts';

/** `s` repeated `k` times side by side, sharing nothing. */
export function copies(s: Scenario, k: number): Scenario {
  const all = Array.from({ length: s.cpus }, (_v, i) => i);
  const parts = Array.from({ length: k }, (_v, i) => copy(s, i, all));
  return {
    ...s,
    id: `${s.id}-x${k}`,
    title: `${k} independent copies of ${s.id}`,
    expect: s.expect,
    cpus: s.cpus * k,
    locks: parts.flatMap((p) => p.locks),
    tasks: parts.flatMap((p) => p.tasks),
    timers: parts.flatMap((p) => p.timers ?? []),
    workqueues: parts.flatMap((p) => p.workqueues ?? []),
    works: parts.flatMap((p) => p.works ?? []),
    irqs: parts.flatMap((p) => p.irqs ?? []),
    completions: parts.flatMap((p) => p.completions ?? []),
    vars: parts.flatMap((p) => p.vars ?? []),
    refcounts: parts.flatMap((p) => p.refcounts ?? []),
    rcuCallbacks: parts.flatMap((p) => p.rcuCallbacks ?? []),
  };
}

function copy(s: Scenario, k: number, all: number[]): Scenario {
  const off = k * s.cpus;
  const id = (x: string): string => `${x}#${k}`;
  const cpus = (c: readonly number[] | undefined): number[] => (c ?? all).map((v) => v + off);
  const steps = (b: readonly Step[] | undefined): Step[] =>
    (b ?? []).map((st) => ({
      ...st,
      ...(st.target !== undefined && st.op !== 'do' && st.op !== 'msleep' && st.op !== 'alloc_atomic'
        ? { target: id(st.target) }
        : {}),
      ...(st.into ? { into: id(st.into) } : {}),
      ...(st.cond ? { cond: { ...st.cond, var: id(st.cond.var) } } : {}),
      ...(st.steps ? { steps: steps(st.steps) } : {}),
      ...(st.else ? { else: steps(st.else) } : {}),
    }));
  return {
    ...s,
    locks: s.locks.map((l) => ({ ...l, id: id(l.id), name: `${l.name}#${k}` })),
    tasks: s.tasks.map((t) => ({ ...t, id: id(t.id), cpu: t.cpu + off, steps: steps(t.steps) })),
    timers: (s.timers ?? []).map((t) => ({ ...t, id: id(t.id), cpus: cpus(t.cpus), fn: steps(t.fn) })),
    workqueues: (s.workqueues ?? []).map((q) => ({
      ...q,
      id: id(q.id),
      name: `${q.name}#${k}`,
      cpu: q.cpu + off,
    })),
    works: (s.works ?? []).map((w) => ({
      ...w,
      id: id(w.id),
      name: `${w.name}#${k}`,
      wq: id(w.wq),
      ...(w.delayed ? { timerCpus: cpus(w.timerCpus) } : {}),
      fn: steps(w.fn),
    })),
    irqs: (s.irqs ?? []).map((q) => ({ ...q, id: id(q.id), cpus: cpus(q.cpus), handler: steps(q.handler) })),
    completions: (s.completions ?? []).map((q) => ({ ...q, id: id(q.id) })),
    vars: (s.vars ?? []).map((v) => ({ ...v, id: id(v.id) })),
    refcounts: (s.refcounts ?? []).map((r) => ({ ...r, id: id(r.id), release: steps(r.release) })),
    rcuCallbacks: (s.rcuCallbacks ?? []).map((r) => ({
      ...r,
      id: id(r.id),
      cpus: cpus(r.cpus),
      fn: steps(r.fn),
    })),
  };
}

// timer_list: add_timer() arms, the timer fires in softirq on a CPU that has irqs and softirqs on,
// del_timer() disarms without waiting, del_timer_sync() also waits while the function runs elsewhere.
// Lockdep's pseudo-lock: a running timer function holds its timer's map, del_timer_sync() takes it
// (with irqs off), so waiting for a timer under a lock the function takes shows up as a dependency.

import type { Compiled, Context } from '../compile.ts';
import type { ClassRef } from '../lockdep-walk.ts';
import type { Family, MicroSpec, OpSpec, RState } from './types.ts';

/** The lockdep class of timer `ti` (its lockdep_map, named after the timer). */
export function timerClass(c: Compiled, ti: number): ClassRef {
  const t = c.timers[ti];
  return { id: `timer:${t?.id}`, name: t?.name ?? '?', kind: 'timer' };
}

/** Whether timer context `x` may fire now (its timer is armed and the function is not running). */
export function timerCanStart(c: Compiled, s: RState, x: Context): boolean {
  const t = c.timers[x.source];
  return t !== undefined && s[t.slot] === 1 && s[c.layout.ctxA + x.index] === 0;
}

/** Firing disarms the timer. */
export function timerStart(c: Compiled, s: Int32Array, x: Context): void {
  const t = c.timers[x.source];
  if (t) s[t.slot] = 0;
}

const slot = (c: Compiled, ti: number): number => c.timers[ti]?.slot ?? -1;

const arm: MicroSpec = {
  apply(c, s, m) {
    s[slot(c, m.obj)] = 1;
    return m.next;
  },
  brief: (c, m) => `add_timer(${c.timers[m.obj]?.name})`,
  promela: (p, m) => ({ guard: '', effects: [`${p.slot(slot(p.c, m.obj))} = 1`] }),
  touches: (_c, m) => [`timer:${m.obj}`],
};

const del: MicroSpec = {
  apply(c, s, m) {
    s[slot(c, m.obj)] = 0;
    return m.next;
  },
  brief: (c, m) => `del_timer(${c.timers[m.obj]?.name})`,
  promela: (p, m) => ({ guard: '', effects: [`${p.slot(slot(p.c, m.obj))} = 0`] }),
  touches: (_c, m) => [`timer:${m.obj}`],
};

const delSync: MicroSpec = {
  ready(c, s, m) {
    const t = c.timers[m.obj];
    return t !== undefined && s[c.layout.ctxA + t.ctx] === 0;
  },
  apply(c, s, m) {
    s[slot(c, m.obj)] = 0;
    return m.next;
  },
  brief: (c, m) => `del_timer_sync(${c.timers[m.obj]?.name})`,
  acquires: (c, m) => timerClass(c, m.obj).id,
  blocked(c, s, m, _x, me) {
    const t = c.timers[m.obj];
    const tc = t ? c.contexts[t.ctx] : undefined;
    const tcpu = tc ? (s[c.layout.ctxA + tc.index] ?? 0) - 1 : -1;
    return `${me} waits in del_timer_sync() for the ${t?.name} function running on CPU${tcpu}`;
  },
  lockdep(w, m) {
    w.touch(timerClass(w.c, m.obj), m, { irqsOff: true });
  },
  promela(p, m) {
    const t = p.c.timers[m.obj];
    return {
      guard: `${p.slot(p.c.layout.ctxA + (t?.ctx ?? 0))} == 0`,
      effects: [`${p.slot(slot(p.c, m.obj))} = 0`],
    };
  },
  touches: (c, m) => [`timer:${m.obj}`, `ctx:${c.timers[m.obj]?.ctx}`],
};

const op = (summary: string, kind: string): OpSpec => ({
  summary,
  target: 'timer',
  expand: () => [{ kind }],
});

const ops = {
  add_timer: op('arm', 'timer_arm'),
  mod_timer: op('arm (again)', 'timer_arm'),
  del_timer: op('disarm without waiting', 'timer_del'),
  del_timer_sync: op('disarm and wait while the function runs on another CPU', 'timer_del_sync'),
  timer_delete_sync: op('as del_timer_sync()', 'timer_del_sync'),
} satisfies Record<string, OpSpec>;

/** timer_list. */
export const timer = {
  name: 'timer',
  about:
    'timer_list: the function runs in softirq on a CPU whose irqs and softirqs are on. Lockdep’s pseudo-lock ' +
    'for a timer is held while its function runs and taken (irqs off) by del_timer_sync().',
  ops,
  micros: { timer_arm: arm, timer_del: del, timer_del_sync: delSync },
  layout(c, a) {
    for (const t of c.timers) t.slot = a.alloc(1, 1, `timer ${t.id}.pending`);
  },
  init(c, s) {
    for (const t of c.timers) if (t.pending) s[t.slot] = 1;
  },
} satisfies Family;

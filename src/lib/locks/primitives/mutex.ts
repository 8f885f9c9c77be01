// struct mutex (and rtnl_mutex through rtnl_lock()): a waiter sleeps, so its CPU stays free for other
// tasks. Only process context may take one. Lockdep sees an exclusive acquire, and might_sleep().

import type { Compiled, Micro } from '../compile.ts';
import { lockClass, notHeld, pInto, setInto } from './common.ts';
import type { Family, MicroSpec, OpSpec } from './types.ts';

const holder = (c: Compiled, m: Micro): number => c.locks[m.obj]?.slot ?? -1;

const mutexLock: MicroSpec = {
  ready: (c, s, m) => s[holder(c, m)] === 0,
  apply(c, s, m, x) {
    s[holder(c, m)] = x.index + 1;
    return m.next;
  },
  brief: (c, m) => `lock(${c.locks[m.obj]?.name})`,
  acquires: (c, m) => lockClass(c, m).id,
  blocked(c, s, m, x, me, where) {
    const h = c.contexts[(s[holder(c, m)] ?? 0) - 1];
    const name = c.locks[m.obj]?.name;
    if (h === x) return `${me} sleeps on ${name}, which it already holds`;
    return `${me} sleeps on ${name} held by ${h ? where(h) : 'nobody'}`;
  },
  lockdep(w, m) {
    w.mightSleep(m);
    w.acquire({ ...lockClass(w.c, m), kind: 'mutex' }, m, { instance: w.c.locks[m.obj]?.id ?? '' });
  },
  promela(p, m, x) {
    const h = p.slot(holder(p.c, m));
    return { guard: `${h} == 0`, effects: [`${h} = ${x.index + 1}`] };
  },
  touches: (_c, m) => [`lock:${m.obj}`],
};

const mutexUnlock: MicroSpec = {
  apply(c, s, m, x) {
    if (s[holder(c, m)] !== x.index + 1) notHeld(x, m);
    s[holder(c, m)] = 0;
    return m.next;
  },
  brief: (c, m) => `unlock(${c.locks[m.obj]?.name})`,
  lockdep: (w, m) => w.release(w.c.locks[m.obj]?.id ?? '', m),
  promela: (p, m) => ({ guard: '', effects: [`${p.slot(holder(p.c, m))} = 0`] }),
  touches: (_c, m) => [`lock:${m.obj}`],
};

const mutexTrylock: MicroSpec = {
  apply(c, s, m, x) {
    const h = holder(c, m);
    if (s[h] === 0) {
      s[h] = x.index + 1;
      setInto(c, s, m, 1);
    } else setInto(c, s, m, 0);
    return m.next;
  },
  brief: (c, m) => `trylock(${c.locks[m.obj]?.name})`,
  lockdep(w, m) {
    const cls = { ...lockClass(w.c, m), kind: 'mutex' as const };
    const instance = w.c.locks[m.obj]?.id ?? '';
    w.fork([
      {
        pc: m.next,
        run: (v) => {
          v.acquire(cls, m, { trylock: true, instance });
          v.setVar(m.into, 1);
        },
      },
      { pc: m.next, run: (v) => v.setVar(m.into, 0) },
    ]);
  },
  promela(p, m, x) {
    const h = p.slot(holder(p.c, m));
    return {
      guard: '',
      effects: [],
      outcomes: [
        { when: `${h} == 0`, effects: [`${h} = ${x.index + 1}`, ...pInto(p, m, 1)], next: m.next },
        { when: 'else', effects: pInto(p, m, 0), next: m.next },
      ],
    };
  },
  touches: (_c, m) => [`lock:${m.obj}`],
};

const MUTEX = ['mutex'] as const;
const op = (summary: string, kind: string, extra: Partial<OpSpec> = {}): OpSpec => ({
  summary,
  target: 'lock',
  lockKinds: MUTEX,
  expand: (e) => [{ kind, arg: e.step.subclass ?? 0 }],
  ...extra,
});

const ops = {
  mutex_lock: op(
    'sleeping lock: a waiter sleeps and its CPU stays free (process context only)',
    'mutex_lock',
    {
      sleeps: true,
    },
  ),
  mutex_unlock: op('release', 'mutex_unlock'),
  mutex_lock_nested: op('mutex_lock() with a lockdep subclass (`subclass`)', 'mutex_lock', {
    sleeps: true,
    fields: ['subclass'],
  }),
  mutex_lock_interruptible: op('as mutex_lock() (no signal arrives in a model)', 'mutex_lock', {
    sleeps: true,
  }),
  mutex_lock_killable: op('as mutex_lock()', 'mutex_lock', { sleeps: true }),
  mutex_trylock: op('take if free, never sleep; `into` gets 1 or 0', 'mutex_trylock', { fields: ['into'] }),
  rtnl_lock: op('rtnl_lock() on the mutex given as target (declare it as `rtnl_mutex`)', 'mutex_lock', {
    sleeps: true,
  }),
  rtnl_unlock: op('rtnl_unlock()', 'mutex_unlock'),
  rtnl_trylock: op('rtnl_trylock(): `into` gets 1 or 0 (retry loops use it)', 'mutex_trylock', {
    fields: ['into'],
  }),
  mutex_init: op('(re)initialise; lockdep reports it when the mutex is held', 'lock_init'),
} satisfies Record<string, OpSpec>;

/** struct mutex and rtnl. */
export const mutex = {
  name: 'mutex',
  about:
    'struct mutex (and rtnl_mutex): a waiter sleeps, so other tasks may use its CPU; process context only.',
  ops,
  micros: { mutex_lock: mutexLock, mutex_unlock: mutexUnlock, mutex_trylock: mutexTrylock },
  layout(c, a) {
    for (const l of c.locks)
      if (l.kind === 'mutex') l.slot = a.alloc(1, c.contexts.length + 1, `mutex ${l.id}`);
  },
} satisfies Family;

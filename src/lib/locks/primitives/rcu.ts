// RCU: rcu_read_lock() sections (non-preemptible RCU: the reader keeps its CPU), synchronize_rcu()
// waiting for every reader that was inside a section when it began (not for later ones), call_rcu()
// callbacks running in softirq once such a grace period has passed, rcu_barrier() waiting for them.
// rcu_read_lock_bh() also counts as a reader for synchronize_rcu() from 4.20 on (the flavours were
// consolidated); before, it only turns softirqs off. Lockdep sees rcu_read_lock as a map it does not
// check: a deadlock through a grace period is one lockdep cannot see.

import type { Compiled, Context, Micro } from '../compile.ts';
import type { ClassRef } from '../lockdep-walk.ts';
import { bump, contextsUsing, pPin } from './common.ts';
import type { Family, MicroSpec, OpSpec, PromelaCtx, RState, WhereFn } from './types.ts';

/** 4.20 consolidated the RCU flavours: synchronize_rcu() then also waits for bh readers. */
const CONSOLIDATED = 42000;

const bitsCache = new WeakMap<Compiled, number[]>();

/** Per context: its bit in grace-period masks (-1 when it never reads). */
function readerBits(c: Compiled): number[] {
  let bits = bitsCache.get(c);
  if (!bits) {
    const readers = contextsUsing(c, ['rcu_lock']);
    bits = c.contexts.map((x) => readers.indexOf(x));
    bitsCache.set(c, bits);
  }
  return bits;
}

/** Whether a (bh) read section counts for synchronize_rcu() on this kernel. */
const counts = (c: Compiled, m: Micro): boolean => m.arg === 0 || c.kernel >= CONSOLIDATED;

const depth = (c: Compiled, x: Context): number => (c.base['rcu.depth'] ?? 0) + x.index;
const gpSlot = (c: Compiled, x: Context): number => (c.base['rcu.gp'] ?? 0) + x.index;

/** The readers inside a section now, as a mask. */
function readersNow(c: Compiled, s: RState): number {
  const bits = readerBits(c);
  let mask = 0;
  for (const x of c.contexts) {
    const b = bits[x.index] ?? -1;
    if (b >= 0 && (s[depth(c, x)] ?? 0) > 0) mask |= 1 << b;
  }
  return mask;
}

/** Every slot holding a grace-period mask (waiting contexts and callbacks). */
function gpSlots(c: Compiled): number[] {
  const out: number[] = [];
  if (c.base['rcu.gp'] !== undefined) for (const x of c.contexts) out.push(gpSlot(c, x));
  for (const cb of c.rcuCallbacks) out.push(cb.gpSlot);
  return out;
}

/** The lockdep map of rcu_read_lock (not checked by lockdep). */
export function rcuClass(bh: boolean): ClassRef {
  return bh
    ? { id: 'rcu:rcu_read_lock_bh', name: 'rcu_read_lock_bh', kind: 'rcu' }
    : { id: 'rcu:rcu_read_lock', name: 'rcu_read_lock', kind: 'rcu' };
}

/** Whether RCU callback context `x` may run now: queued and its grace period over. */
export function rcuCanStart(c: Compiled, s: RState, x: Context): boolean {
  const cb = c.rcuCallbacks[x.source];
  return cb !== undefined && s[cb.slot] === 1 && s[cb.gpSlot] === 0 && s[c.layout.ctxA + x.index] === 0;
}

/** Running a callback dequeues it. */
export function rcuStart(c: Compiled, s: Int32Array, x: Context): void {
  const cb = c.rcuCallbacks[x.source];
  if (cb) s[cb.slot] = 0;
}

const lock: MicroSpec = {
  apply(c, s, m, x) {
    if (counts(c, m)) s[depth(c, x)] = (s[depth(c, x)] ?? 0) + 1;
    bump(c, s, x, 1);
    return m.next;
  },
  brief: (_c, m) => (m.arg ? 'rcu_read_lock_bh()' : 'rcu_read_lock()'),
  lockdep(w, m) {
    w.preemptOff();
    w.acquire(rcuClass(m.arg === 1), m, { read: 2, check: false });
  },
  promela(p, m, x) {
    const d = p.slot(depth(p.c, x));
    return { guard: '', effects: [...(counts(p.c, m) ? [`${d}++`] : []), `${pPin(p, x)}++`] };
  },
  touches: () => ['rcu'],
};

const unlock: MicroSpec = {
  apply(c, s, m, x) {
    if (counts(c, m)) {
      const d = (s[depth(c, x)] ?? 0) - 1;
      s[depth(c, x)] = Math.max(0, d);
      const b = readerBits(c)[x.index] ?? -1;
      if (d <= 0 && b >= 0) for (const g of gpSlots(c)) s[g] = (s[g] ?? 0) & ~(1 << b);
    }
    bump(c, s, x, -1);
    return m.next;
  },
  brief: (_c, m) => (m.arg ? 'rcu_read_unlock_bh()' : 'rcu_read_unlock()'),
  lockdep(w, m) {
    w.release(rcuClass(m.arg === 1).id, m);
    w.preemptOn();
  },
  promela(p, m, x) {
    const effects = [`${pPin(p, x)}--`];
    if (!counts(p.c, m)) return { guard: '', effects };
    const d = p.slot(depth(p.c, x));
    const b = readerBits(p.c)[x.index] ?? -1;
    const clear = gpSlots(p.c).map((g) => `${p.slot(g)} = ${p.slot(g)} & ${~(1 << b)}`);
    return {
      guard: '',
      effects: [
        `${d}--`,
        ...(b >= 0 && clear.length > 0 ? [`if :: ${d} == 0 -> ${clear.join('; ')} :: else -> skip fi`] : []),
        ...effects,
      ],
    };
  },
  touches: () => ['rcu'],
};

/** The reader contexts a grace-period mask names. */
function readersIn(c: Compiled, mask: number): Context[] {
  const bits = readerBits(c);
  return c.contexts.filter((y) => (bits[y.index] ?? -1) >= 0 && mask & (1 << (bits[y.index] ?? 0)));
}

/** `the RCU reader on CPU0` / `the RCU readers on CPU0, CPU1` (`itself` for the waiter). */
function readerWords(c: Compiled, mask: number, x: Context, where: WhereFn): string {
  const readers = readersIn(c, mask);
  const names = readers.map((y) => (y === x ? 'itself' : where(y))).join(', ');
  return `the RCU reader${readers.length === 1 ? '' : 's'} on ${names}`;
}

const gpStart: MicroSpec = {
  apply(c, s, m, x) {
    const mask = readersNow(c, s);
    s[gpSlot(c, x)] = mask;
    if (mask !== 0) return m.next;
    const body = x.kind === 'worker' ? c.works[(s[c.layout.ctxA + x.index] ?? 0) - 1]?.body : x.body;
    return body?.[m.next]?.next ?? m.next;
  },
  brief: () => 'synchronize_rcu()',
  outcome(c, _s, after, _m, x, where) {
    const mask = after[gpSlot(c, x)] ?? 0;
    return mask === 0
      ? 'no reader inside a section, it returns at once'
      : `waits for ${readerWords(c, mask, x, where)}`;
  },
  span(c, _s, after, _m, x, where) {
    const mask = after[gpSlot(c, x)] ?? 0;
    if (mask === 0) return undefined;
    return {
      id: `rcu-gp:${x.index}`,
      label: `RCU grace period, waiting for ${readerWords(c, mask, x, where)}`,
      opens: true,
    };
  },
  lockdep: (w, m) => w.mightSleep(m),
  promela(p, m, x) {
    const g = p.slot(gpSlot(p.c, x));
    return {
      guard: '',
      effects: [`${g} = ${pReaders(p)}`],
      outcomes: [
        { when: `${g} == 0`, effects: [], next: pSkip(p, m, x) },
        { when: 'else', effects: [], next: m.next },
      ],
    };
  },
  touches: () => ['rcu'],
};

const gpWait: MicroSpec = {
  ready: (c, s, _m, x) => (s[gpSlot(c, x)] ?? 0) === 0,
  apply: (_c, _s, m) => m.next,
  brief: () => 'synchronize_rcu() returns',
  blocked(c, s, _m, x, me, where) {
    return `${me} waits in synchronize_rcu() for ${readerWords(c, s[gpSlot(c, x)] ?? 0, x, where)} to finish`;
  },
  span: (_c, _s, _a, _m, x) => ({ id: `rcu-gp:${x.index}`, label: '', opens: false }),
  promela: (p, _m, x) => ({ guard: `${p.slot(gpSlot(p.c, x))} == 0`, effects: [] }),
  touches: () => ['rcu'],
};

const callRcu: MicroSpec = {
  apply(c, s, m) {
    const cb = c.rcuCallbacks[m.obj];
    if (cb && s[cb.slot] === 0) {
      s[cb.slot] = 1;
      s[cb.gpSlot] = readersNow(c, s);
    }
    return m.next;
  },
  brief: (c, m) => `call_rcu(${c.rcuCallbacks[m.obj]?.name})`,
  promela(p, m) {
    const cb = p.c.rcuCallbacks[m.obj];
    if (!cb) return { guard: '', effects: [] };
    return {
      guard: '',
      effects: [
        `if :: ${p.slot(cb.slot)} == 0 -> ${p.slot(cb.slot)} = 1; ${p.slot(cb.gpSlot)} = ${pReaders(p)} :: else -> skip fi`,
      ],
    };
  },
  touches: (_c, m) => ['rcu', `rcu-callback:${m.obj}`],
};

const barrier: MicroSpec = {
  ready(c, s) {
    for (const cb of c.rcuCallbacks) if (s[cb.slot] === 1 || s[c.layout.ctxA + cb.ctx] !== 0) return false;
    return true;
  },
  apply: (_c, _s, m) => m.next,
  brief: () => 'rcu_barrier()',
  blocked: (_c, _s, _m, _x, me) => `${me} waits in rcu_barrier() for queued RCU callbacks`,
  lockdep: (w, m) => w.mightSleep(m),
  promela(p) {
    const conds = p.c.rcuCallbacks.map(
      (cb) => `${p.slot(cb.slot)} == 0 && ${p.slot(p.c.layout.ctxA + cb.ctx)} == 0`,
    );
    return { guard: conds.length > 0 ? conds.join(' && ') : '', effects: [] };
  },
  touches: (c) => ['rcu', ...c.rcuCallbacks.map((_cb, i) => `rcu-callback:${i}`)],
};

function pReaders(p: PromelaCtx): string {
  const bits = readerBits(p.c);
  const parts: string[] = [];
  for (const x of p.c.contexts) {
    const b = bits[x.index] ?? -1;
    if (b >= 0) parts.push(`(${p.slot(depth(p.c, x))} > 0 -> ${1 << b} : 0)`);
  }
  return parts.length > 0 ? `(${parts.join(' + ')})` : '0';
}

function pSkip(p: PromelaCtx, m: Micro, x: Context): number {
  const bodies =
    x.kind === 'worker' ? p.c.works.filter((w) => w.wq === x.source).map((w) => w.body) : [x.body];
  for (const b of bodies) if (b.includes(m)) return b[m.next]?.next ?? m.next;
  return m.next;
}

const none = (
  summary: string,
  parts: { kind: string; arg?: number; part?: string }[],
  extra: Partial<OpSpec> = {},
): OpSpec => ({
  summary,
  target: 'none',
  call: (e) => `${e.step.op}()`,
  expand: () => parts.map((p) => ({ ...p })),
  ...extra,
});

const ops = {
  rcu_read_lock: none('enter an RCU read-side section (the reader keeps its CPU)', [{ kind: 'rcu_lock' }]),
  rcu_read_unlock: none('leave it; a grace period waiting for this reader may end', [{ kind: 'rcu_unlock' }]),
  rcu_read_lock_bh: none('softirqs off, then a read section (counts for synchronize_rcu() from 4.20)', [
    { kind: 'bh_disable', part: 'softirqs off' },
    { kind: 'rcu_lock', arg: 1, part: 'read section' },
  ]),
  rcu_read_unlock_bh: none('leave the section, softirqs on', [
    { kind: 'rcu_unlock', arg: 1, part: 'read section ends' },
    { kind: 'bh_enable', part: 'softirqs on' },
  ]),
  synchronize_rcu: none(
    'sleep until every reader inside a section when it began has left it (not later ones)',
    [
      { kind: 'rcu_gp_start', part: 'grace period starts' },
      { kind: 'rcu_gp_wait', part: 'grace period ends' },
    ],
    { sleeps: true },
  ),
  synchronize_rcu_expedited: none(
    'as synchronize_rcu()',
    [
      { kind: 'rcu_gp_start', part: 'grace period starts' },
      { kind: 'rcu_gp_wait', part: 'grace period ends' },
    ],
    { sleeps: true },
  ),
  call_rcu: {
    summary: 'queue the callback `target`; it runs in softirq after a grace period',
    target: 'rcu-callback',
    expand: () => [{ kind: 'call_rcu' }],
  },
  rcu_barrier: none('sleep until every queued RCU callback has run', [{ kind: 'rcu_barrier' }], {
    sleeps: true,
  }),
} satisfies Record<string, OpSpec>;

/** RCU. */
export const rcu = {
  name: 'rcu',
  about:
    'RCU: read-side sections, synchronize_rcu() waiting for the readers that were inside one when it began, ' +
    'call_rcu() callbacks (`rcuCallbacks`) running in softirq after a grace period. Lockdep cannot see a wait ' +
    'for a grace period.',
  ops,
  micros: {
    rcu_lock: lock,
    rcu_unlock: unlock,
    rcu_gp_start: gpStart,
    rcu_gp_wait: gpWait,
    call_rcu: callRcu,
    rcu_barrier: barrier,
  },
  layout(c, a) {
    const readers = contextsUsing(c, ['rcu_lock']).length;
    if (readers > 30) throw new Error('at most 30 contexts may read under RCU');
    const n = c.contexts.length;
    c.base['rcu.depth'] = a.alloc(n, 8, 'ctx.rcuDepth');
    const mask = 2 ** readers - 1;
    if (contextsUsing(c, ['rcu_gp_start']).length > 0)
      c.base['rcu.gp'] = a.alloc(n, mask, 'ctx.rcuGracePeriod');
    for (const cb of c.rcuCallbacks) {
      cb.slot = a.alloc(1, 1, `rcu ${cb.id}.queued`);
      cb.gpSlot = a.alloc(1, mask, `rcu ${cb.id}.gracePeriod`);
    }
  },
} satisfies Family;

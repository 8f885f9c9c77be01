// spinlock_t (and raw_spinlock_t, and the xarray's xa_lock, which is one): a waiter busy-waits on its
// CPU with preemption off. The _irq/_irqsave/_bh variants turn interrupts or softirqs off *before*
// spinning, so they are two micro-ops. Lockdep sees an exclusive acquire of the lock's class.

import type { Micro } from '../compile.ts';
import { bump, cpuSlot, lockClass, notHeld, pCpu, pInto, pPin, setInto } from './common.ts';
import type { ExpandInput, Family, MicroSpec, OpSpec, Part } from './types.ts';

// Unlock modes (micro arg): what is restored together with the release.
const PLAIN = 0;
const RESTORE = 1;
const IRQ_ON = 2;
const BH_ON = 3;

/** Key of the saved-irq-flags bit a lock's irqsave uses. */
export function lockFlagsKey(lockId: string): string {
  return `lock:${lockId}`;
}

type LockVariant = 'plain' | 'irq' | 'irqsave' | 'bh';

/** The parts of a lock call: irq/bh off first (not in a hardirq handler's irqsave), then `acquire`. */
export function lockParts(e: ExpandInput, variant: LockVariant, acquire: string, arg = 0): Part[] {
  const take: Part = { kind: acquire, arg };
  if (variant === 'plain' || (variant === 'irqsave' && e.where === 'hardirq')) return [take];
  const off: Part =
    variant === 'irq'
      ? { kind: 'irq_disable', part: 'irqs off' }
      : variant === 'bh'
        ? { kind: 'bh_disable', part: 'softirqs off' }
        : { kind: 'irq_save', part: 'irqs off', arg: e.flagBit(lockFlagsKey(e.step.target ?? '')) };
  return [off, { ...take, part: 'acquire' }];
}

/** The part of an unlock call: release plus whatever the variant restores. */
export function unlockPart(e: ExpandInput, variant: LockVariant, release: string): Part {
  if (variant === 'plain' || (variant === 'irqsave' && e.where === 'hardirq'))
    return { kind: release, arg: PLAIN };
  if (variant === 'irq') return { kind: release, arg: IRQ_ON };
  if (variant === 'bh') return { kind: release, arg: BH_ON };
  return { kind: release, arg: RESTORE, arg2: e.flagBit(lockFlagsKey(e.step.target ?? '')) };
}

/** Applies what an unlock restores (irqs, softirqs); returns how much it drops the pin count by. */
export function restoreAfterUnlock(
  c: Parameters<MicroSpec['apply']>[0],
  s: Int32Array,
  m: Micro,
  x: Parameters<MicroSpec['apply']>[3],
  cpu: number,
): number {
  const base = cpuSlot(c, cpu);
  if (m.arg === RESTORE) {
    const saved = s[c.layout.ctxSaved + x.index] ?? 0;
    s[base] = (saved >> m.arg2) & 1;
    s[c.layout.ctxSaved + x.index] = saved & ~(1 << m.arg2);
    return 2;
  }
  if (m.arg === IRQ_ON) {
    s[base] = 0;
    return 2;
  }
  if (m.arg === BH_ON) {
    s[base + 1] = Math.max(0, (s[base + 1] ?? 0) - 1);
    return 2;
  }
  return 1;
}

/** The same restore in Promela. */
export function pRestoreAfterUnlock(
  p: Parameters<MicroSpec['promela']>[0],
  m: Micro,
  x: Parameters<MicroSpec['promela']>[2],
): string[] {
  const pin = pPin(p, x);
  const saved = p.slot(p.c.layout.ctxSaved + x.index);
  if (m.arg === RESTORE)
    return [
      `${pCpu(p, 0)} = (${saved} >> ${m.arg2}) & 1`,
      `${saved} = ${saved} & ${~(1 << m.arg2)}`,
      `${pin} = ${pin} - 2`,
    ];
  if (m.arg === IRQ_ON) return [`${pCpu(p, 0)} = 0`, `${pin} = ${pin} - 2`];
  if (m.arg === BH_ON)
    return [`if :: ${pCpu(p, 1)} > 0 -> ${pCpu(p, 1)}-- :: else -> skip fi`, `${pin} = ${pin} - 2`];
  return [`${pin}--`];
}

/** Lockdep side of an unlock's restore. */
export function lockdepRestore(w: Parameters<NonNullable<MicroSpec['lockdep']>>[0], m: Micro): void {
  if (m.arg === RESTORE) w.restoreIrqs(m.arg2, m);
  else if (m.arg === IRQ_ON) w.irqsOn(m);
  else if (m.arg === BH_ON) w.bhOn(m);
}

const holder = (c: Parameters<MicroSpec['apply']>[0], m: Micro): number => c.locks[m.obj]?.slot ?? -1;

const lock: MicroSpec = {
  spins: true,
  ready: (c, s, m) => s[holder(c, m)] === 0,
  apply(c, s, m, x) {
    s[holder(c, m)] = x.index + 1;
    bump(c, s, x, 1);
    return m.next;
  },
  brief: (c, m) => `lock(${c.locks[m.obj]?.name})`,
  acquires: (c, m) => lockClass(c, m).id,
  blocked(c, s, m, x, me, where) {
    const h = c.contexts[(s[holder(c, m)] ?? 0) - 1];
    const name = c.locks[m.obj]?.name;
    if (h === x) return `${me} spins on ${name}, which it already holds`;
    return `${me} spins on ${name} held by ${h ? where(h) : 'nobody'}`;
  },
  lockdep(w, m) {
    w.acquire({ ...lockClass(w.c, m), kind: 'spinlock' }, m, { instance: w.c.locks[m.obj]?.id ?? '' });
  },
  promela(p, m, x) {
    const h = p.slot(holder(p.c, m));
    return { guard: `${h} == 0`, effects: [`${h} = ${x.index + 1}`, `${pPin(p, x)}++`] };
  },
  touches: (_c, m) => [`lock:${m.obj}`],
};

const unlock: MicroSpec = {
  apply(c, s, m, x, cpu) {
    if (s[holder(c, m)] !== x.index + 1) notHeld(x, m);
    s[holder(c, m)] = 0;
    bump(c, s, x, -restoreAfterUnlock(c, s, m, x, cpu));
    return m.next;
  },
  brief: (c, m) => `unlock(${c.locks[m.obj]?.name})`,
  lockdep(w, m) {
    w.release(w.c.locks[m.obj]?.id ?? '', m);
    lockdepRestore(w, m);
  },
  promela(p, m, x) {
    return { guard: '', effects: [`${p.slot(holder(p.c, m))} = 0`, ...pRestoreAfterUnlock(p, m, x)] };
  },
  touches: (_c, m) => [`lock:${m.obj}`],
};

/** spin_trylock(): takes the lock if free, never waits; the result goes to `into`. */
const trylock: MicroSpec = {
  apply(c, s, m, x) {
    const h = holder(c, m);
    if (s[h] === 0) {
      s[h] = x.index + 1;
      bump(c, s, x, 1);
      setInto(c, s, m, 1);
    } else {
      setInto(c, s, m, 0);
    }
    return m.next;
  },
  brief: (c, m) => `trylock(${c.locks[m.obj]?.name})`,
  lockdep(w, m) {
    const cls = { ...lockClass(w.c, m), kind: 'spinlock' as const };
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
        {
          when: `${h} == 0`,
          effects: [`${h} = ${x.index + 1}`, `${pPin(p, x)}++`, ...pInto(p, m, 1)],
          next: m.next,
        },
        { when: 'else', effects: pInto(p, m, 0), next: m.next },
      ],
    };
  },
  touches: (_c, m) => [`lock:${m.obj}`],
};

/** spin_lock_init() on an instance: nothing for the explorer (it assumes init comes before use). */
const lockInit: MicroSpec = {
  apply: (_c, _s, m) => m.next,
  lockdep(w, m) {
    w.initLock(w.c.locks[m.obj]?.id ?? '', m);
  },
  promela: () => ({ guard: '', effects: [] }),
};

const SPIN = ['spinlock'] as const;
const lockOp = (summary: string, variant: LockVariant, nested = false): OpSpec => ({
  summary,
  target: 'lock',
  lockKinds: SPIN,
  ...(nested ? { fields: ['subclass'] as const } : {}),
  expand: (e) => lockParts(e, variant, 'lock', e.step.subclass ?? 0),
});
const unlockOp = (summary: string, variant: LockVariant): OpSpec => ({
  summary,
  target: 'lock',
  lockKinds: SPIN,
  expand: (e) => [unlockPart(e, variant, 'unlock')],
});
const tryOp = (summary: string, variant: LockVariant): OpSpec => ({
  summary,
  target: 'lock',
  lockKinds: SPIN,
  fields: ['into'],
  expand: (e) => {
    const parts = lockParts(e, variant, 'trylock');
    if (variant === 'plain') return parts;
    // The irq/bh part stays off only on success: the kernel restores it when the trylock fails.
    const last = parts[parts.length - 1];
    if (last)
      last.kind =
        variant === 'irqsave' ? 'trylock_irqsave' : variant === 'irq' ? 'trylock_irq' : 'trylock_bh';
    if (last && variant === 'irqsave') last.arg2 = parts[0]?.arg ?? 0;
    return parts;
  },
});

/** A trylock whose irq/bh-off part is undone when it fails. */
const trylockUndo = (how: 'irqsave' | 'irq' | 'bh'): MicroSpec => ({
  apply(c, s, m, x, cpu) {
    const h = holder(c, m);
    if (s[h] === 0) {
      s[h] = x.index + 1;
      bump(c, s, x, 1);
      setInto(c, s, m, 1);
      return m.next;
    }
    const base = cpuSlot(c, cpu);
    if (how === 'irqsave') {
      const saved = s[c.layout.ctxSaved + x.index] ?? 0;
      s[base] = (saved >> m.arg2) & 1;
      s[c.layout.ctxSaved + x.index] = saved & ~(1 << m.arg2);
    } else if (how === 'irq') s[base] = 0;
    else s[base + 1] = Math.max(0, (s[base + 1] ?? 0) - 1);
    bump(c, s, x, -1);
    setInto(c, s, m, 0);
    return m.next;
  },
  brief: (c, m) => `trylock(${c.locks[m.obj]?.name})`,
  lockdep(w, m) {
    const cls = { ...lockClass(w.c, m), kind: 'spinlock' as const };
    const instance = w.c.locks[m.obj]?.id ?? '';
    w.fork([
      {
        pc: m.next,
        run: (v) => {
          v.acquire(cls, m, { trylock: true, instance });
          v.setVar(m.into, 1);
        },
      },
      {
        pc: m.next,
        run: (v) => {
          if (how === 'irqsave') v.restoreIrqs(m.arg2, m);
          else if (how === 'irq') v.irqsOn(m);
          else v.bhOn(m);
          v.setVar(m.into, 0);
        },
      },
    ]);
  },
  promela(p, m, x) {
    const h = p.slot(holder(p.c, m));
    const saved = p.slot(p.c.layout.ctxSaved + x.index);
    const undo =
      how === 'irqsave'
        ? [`${pCpu(p, 0)} = (${saved} >> ${m.arg2}) & 1`, `${saved} = ${saved} & ${~(1 << m.arg2)}`]
        : how === 'irq'
          ? [`${pCpu(p, 0)} = 0`]
          : [`if :: ${pCpu(p, 1)} > 0 -> ${pCpu(p, 1)}-- :: else -> skip fi`];
    return {
      guard: '',
      effects: [],
      outcomes: [
        {
          when: `${h} == 0`,
          effects: [`${h} = ${x.index + 1}`, `${pPin(p, x)}++`, ...pInto(p, m, 1)],
          next: m.next,
        },
        { when: 'else', effects: [...undo, `${pPin(p, x)}--`, ...pInto(p, m, 0)], next: m.next },
      ],
    };
  },
  touches: (_c, m) => [`lock:${m.obj}`],
});

const ops = {
  spin_lock: lockOp('take (spinning while held, preemption off)', 'plain'),
  spin_unlock: unlockOp('release', 'plain'),
  spin_lock_irq: lockOp('irqs off **then** spin, so a spinning CPU takes no interrupts', 'irq'),
  spin_unlock_irq: unlockOp('release and irqs on (whatever they were before)', 'irq'),
  spin_lock_irqsave: lockOp(
    'save irq state, irqs off, then spin (in a hardirq handler irqs are already off: just take)',
    'irqsave',
  ),
  spin_unlock_irqrestore: unlockOp('release and restore the saved irq state', 'irqsave'),
  spin_lock_bh: lockOp('softirqs off then spin', 'bh'),
  spin_unlock_bh: unlockOp('release and softirqs on', 'bh'),
  spin_lock_nested: lockOp('spin_lock() with a lockdep subclass (`subclass`)', 'plain', true),
  spin_lock_irqsave_nested: lockOp('spin_lock_irqsave() with a lockdep subclass', 'irqsave', true),
  spin_trylock: tryOp('take if free, never wait; `into` gets 1 or 0', 'plain'),
  spin_trylock_irq: tryOp('irqs off and try; irqs back on when it fails', 'irq'),
  spin_trylock_irqsave: tryOp('save irqs, irqs off and try; restored when it fails', 'irqsave'),
  spin_trylock_bh: tryOp('softirqs off and try; back on when it fails', 'bh'),
  raw_spin_lock: lockOp('as spin_lock() (raw_spinlock_t)', 'plain'),
  raw_spin_unlock: unlockOp('as spin_unlock()', 'plain'),
  raw_spin_lock_irq: lockOp('as spin_lock_irq()', 'irq'),
  raw_spin_unlock_irq: unlockOp('as spin_unlock_irq()', 'irq'),
  raw_spin_lock_irqsave: lockOp('as spin_lock_irqsave()', 'irqsave'),
  raw_spin_unlock_irqrestore: unlockOp('as spin_unlock_irqrestore()', 'irqsave'),
  xa_lock: lockOp("an xarray's xa_lock: as spin_lock()", 'plain'),
  xa_unlock: unlockOp('as spin_unlock()', 'plain'),
  xa_lock_irq: lockOp('as spin_lock_irq()', 'irq'),
  xa_unlock_irq: unlockOp('as spin_unlock_irq()', 'irq'),
  xa_lock_irqsave: lockOp('as spin_lock_irqsave()', 'irqsave'),
  xa_unlock_irqrestore: unlockOp('as spin_unlock_irqrestore()', 'irqsave'),
  xa_lock_bh: lockOp('as spin_lock_bh()', 'bh'),
  xa_unlock_bh: unlockOp('as spin_unlock_bh()', 'bh'),
  spin_lock_init: {
    summary: '(re)initialise; lockdep reports it when the lock is held (the explorer assumes it is not)',
    target: 'lock',
    lockKinds: SPIN,
    expand: () => [{ kind: 'lock_init' }],
  },
} satisfies Record<string, OpSpec>;

/** spinlock_t, raw_spinlock_t and xa_lock. */
export const spinlock = {
  name: 'spinlock',
  about:
    'spinlock_t (also raw_spinlock_t and the xarray xa_lock): a waiter spins on its CPU with preemption off; ' +
    'the _irq/_irqsave/_bh variants disable interrupts or softirqs before spinning.',
  ops,
  micros: {
    lock,
    unlock,
    trylock,
    trylock_irqsave: trylockUndo('irqsave'),
    trylock_irq: trylockUndo('irq'),
    trylock_bh: trylockUndo('bh'),
    lock_init: lockInit,
  },
  layout(c, a) {
    for (const l of c.locks)
      if (l.kind === 'spinlock') l.slot = a.alloc(1, c.contexts.length + 1, `lock ${l.id}`);
  },
} satisfies Family;

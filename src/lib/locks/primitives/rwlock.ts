// rwlock_t: readers share, a writer excludes everyone; waiters spin. With CONFIG_QUEUED_RWLOCKS (the
// default of current kernels) a reader in process context that finds a writer waiting or holding the
// lock queues on the lock's internal wait_lock behind that writer, while a reader in interrupt context
// (in_interrupt(), bottom halves off included) only waits for a writer that holds the lock: readers in
// irq cannot deadlock against a queued writer, readers in process context can. Without queued rwlocks
// readers always share. Lockdep sees read_lock() as a recursive read in interrupt context (or always,
// without queued rwlocks) and as a plain shared read otherwise.

import type { Compiled, Context, Micro } from '../compile.ts';
import type { ClassRef } from '../lockdep-walk.ts';
import {
  bump,
  contextsUsing,
  currentBody,
  inInterrupt,
  lockClass,
  notHeld,
  pCpu,
  pInto,
  pPin,
  setInto,
} from './common.ts';
import {
  lockdepRestore,
  lockParts,
  pRestoreAfterUnlock,
  restoreAfterUnlock,
  unlockPart,
} from './spinlock.ts';
import type { Family, MicroSpec, OpSpec, PromelaCtx, RState } from './types.ts';

const L = (c: Compiled, m: Micro) => {
  const lock = c.locks[m.obj];
  if (!lock) throw new Error(`no rwlock ${m.obj}`);
  return lock;
};
const depthSlot = (c: Compiled, m: Micro, x: Context): number => L(c, m).depth + x.index;
const cls = (c: Compiled, m: Micro): ClassRef => ({ ...lockClass(c, m), kind: 'rwlock' });

/** Whether this reader may barge past a waiting writer (no queued rwlocks, or in interrupt). */
function barges(c: Compiled, s: RState, x: Context, cpu: number): boolean {
  return !c.queuedRwlocks || inInterrupt(c, s, x, cpu);
}

/** Whether the reader, at its wait micro-op, could take the lock at once (the fast path). */
function readFast(c: Compiled, s: RState, m: Micro, x: Context, cpu: number): boolean {
  const l = L(c, m);
  if (s[l.slot] !== 0) return false;
  return barges(c, s, x, cpu) || s[l.aux + 1] === 0;
}

const readLock: MicroSpec = {
  spins: true,
  ready(c, s, m, x, cpu) {
    const l = L(c, m);
    if (readFast(c, s, m, x, cpu)) return true;
    // Slow path: take the internal wait_lock (queued rwlocks, process context only).
    return !barges(c, s, x, cpu) && s[l.aux] === 0;
  },
  apply(c, s, m, x, cpu) {
    const l = L(c, m);
    s[l.readers] = (s[l.readers] ?? 0) + 1;
    bump(c, s, x, 1);
    if (readFast(c, s, m, x, cpu)) {
      s[depthSlot(c, m, x)] = (s[depthSlot(c, m, x)] ?? 0) + 1;
      const after = currentBody(c, s, x)[m.next];
      return after ? after.next : m.next;
    }
    s[l.aux] = x.index + 1;
    return m.next;
  },
  brief: (c, m) => `read_lock(${c.locks[m.obj]?.name})`,
  acquires: (c, m) => lockClass(c, m).id,
  blocked: (c, s, m, x, me, where) => rwBlocked(c, s, m, x, me, where, 'read'),
  lockdep(w, m) {
    const read = !w.c.queuedRwlocks || w.inInterrupt() ? 2 : 1;
    w.acquire(cls(w.c, m), m, { read, instance: w.c.locks[m.obj]?.id ?? '' });
  },
  promela(p, m, x) {
    const l = L(p.c, m);
    const h = p.slot(l.slot);
    const barge = pBarges(p, x);
    const fast = `(${h} == 0 && (${barge} || ${p.slot(l.aux + 1)} == 0))`;
    const skip = pSkip(p, m, x);
    return {
      guard: `(${fast} || (!(${barge}) && ${p.slot(l.aux)} == 0))`,
      effects: [],
      outcomes: [
        {
          when: fast,
          effects: [`${p.slot(l.readers)}++`, `${pPin(p, x)}++`, `${p.slot(l.depth + x.index)}++`],
          next: skip,
        },
        {
          when: 'else',
          effects: [`${p.slot(l.readers)}++`, `${pPin(p, x)}++`, `${p.slot(l.aux)} = ${x.index + 1}`],
          next: m.next,
        },
      ],
    };
  },
  touches: (_c, m) => [`lock:${m.obj}`],
};

/** Second half of a queued reader's slow path: wait for the writer to go, then drop wait_lock. */
const readWait: MicroSpec = {
  spins: true,
  ready: (c, s, m) => s[L(c, m).slot] === 0,
  apply(c, s, m, x) {
    const l = L(c, m);
    s[depthSlot(c, m, x)] = (s[depthSlot(c, m, x)] ?? 0) + 1;
    s[l.aux] = 0;
    return m.next;
  },
  brief: (c, m) => `read_lock(${c.locks[m.obj]?.name})`,
  acquires: (c, m) => lockClass(c, m).id,
  blocked: (c, s, m, x, me, where) => rwBlocked(c, s, m, x, me, where, 'read'),
  promela(p, m, x) {
    const l = L(p.c, m);
    return {
      guard: `${p.slot(l.slot)} == 0`,
      effects: [`${p.slot(l.depth + x.index)}++`, `${p.slot(l.aux)} = 0`],
    };
  },
  touches: (_c, m) => [`lock:${m.obj}`],
};

const writeLock: MicroSpec = {
  spins: true,
  ready(c, s, m) {
    const l = L(c, m);
    const fast = s[l.slot] === 0 && s[l.readers] === 0 && s[l.aux + 1] === 0;
    return fast || (c.queuedRwlocks && s[l.aux] === 0);
  },
  apply(c, s, m, x) {
    const l = L(c, m);
    bump(c, s, x, 1);
    if (s[l.slot] === 0 && s[l.readers] === 0 && s[l.aux + 1] === 0) {
      s[l.slot] = x.index + 1;
      const after = currentBody(c, s, x)[m.next];
      return after ? after.next : m.next;
    }
    // Queued slow path: hold wait_lock and mark a writer waiting, so new process readers queue.
    s[l.aux] = x.index + 1;
    s[l.aux + 1] = 1;
    return m.next;
  },
  brief: (c, m) => `write_lock(${c.locks[m.obj]?.name})`,
  acquires: (c, m) => lockClass(c, m).id,
  blocked: (c, s, m, x, me, where) => rwBlocked(c, s, m, x, me, where, 'write'),
  lockdep: (w, m) => w.acquire(cls(w.c, m), m, { instance: w.c.locks[m.obj]?.id ?? '' }),
  promela(p, m, x) {
    const l = L(p.c, m);
    const fast = `(${p.slot(l.slot)} == 0 && ${p.slot(l.readers)} == 0 && ${p.slot(l.aux + 1)} == 0)`;
    const slow = p.c.queuedRwlocks ? ` || ${p.slot(l.aux)} == 0` : '';
    return {
      guard: `(${fast}${slow})`,
      effects: [],
      outcomes: [
        {
          when: fast,
          effects: [`${pPin(p, x)}++`, `${p.slot(l.slot)} = ${x.index + 1}`],
          next: pSkip(p, m, x),
        },
        {
          when: 'else',
          effects: [`${pPin(p, x)}++`, `${p.slot(l.aux)} = ${x.index + 1}`, `${p.slot(l.aux + 1)} = 1`],
          next: m.next,
        },
      ],
    };
  },
  touches: (_c, m) => [`lock:${m.obj}`],
};

/** Second half of a queued writer: readers drained, take the lock and drop wait_lock. */
const writeWait: MicroSpec = {
  spins: true,
  ready: (c, s, m) => s[L(c, m).slot] === 0 && s[L(c, m).readers] === 0,
  apply(c, s, m, x) {
    const l = L(c, m);
    s[l.slot] = x.index + 1;
    s[l.aux] = 0;
    s[l.aux + 1] = 0;
    return m.next;
  },
  brief: (c, m) => `write_lock(${c.locks[m.obj]?.name})`,
  acquires: (c, m) => lockClass(c, m).id,
  blocked: (c, s, m, x, me, where) => rwBlocked(c, s, m, x, me, where, 'write'),
  promela(p, m, x) {
    const l = L(p.c, m);
    return {
      guard: `${p.slot(l.slot)} == 0 && ${p.slot(l.readers)} == 0`,
      effects: [`${p.slot(l.slot)} = ${x.index + 1}`, `${p.slot(l.aux)} = 0`, `${p.slot(l.aux + 1)} = 0`],
    };
  },
  touches: (_c, m) => [`lock:${m.obj}`],
};

const readUnlock: MicroSpec = {
  apply(c, s, m, x, cpu) {
    const l = L(c, m);
    if ((s[depthSlot(c, m, x)] ?? 0) <= 0) notHeld(x, m);
    s[depthSlot(c, m, x)] = (s[depthSlot(c, m, x)] ?? 0) - 1;
    s[l.readers] = (s[l.readers] ?? 0) - 1;
    bump(c, s, x, -restoreAfterUnlock(c, s, m, x, cpu));
    return m.next;
  },
  brief: (c, m) => `read_unlock(${c.locks[m.obj]?.name})`,
  lockdep(w, m) {
    w.release(w.c.locks[m.obj]?.id ?? '', m);
    lockdepRestore(w, m);
  },
  promela(p, m, x) {
    const l = L(p.c, m);
    return {
      guard: '',
      effects: [`${p.slot(l.depth + x.index)}--`, `${p.slot(l.readers)}--`, ...pRestoreAfterUnlock(p, m, x)],
    };
  },
  touches: (_c, m) => [`lock:${m.obj}`],
};

const writeUnlock: MicroSpec = {
  apply(c, s, m, x, cpu) {
    const l = L(c, m);
    if (s[l.slot] !== x.index + 1) notHeld(x, m);
    s[l.slot] = 0;
    bump(c, s, x, -restoreAfterUnlock(c, s, m, x, cpu));
    return m.next;
  },
  brief: (c, m) => `write_unlock(${c.locks[m.obj]?.name})`,
  lockdep(w, m) {
    w.release(w.c.locks[m.obj]?.id ?? '', m);
    lockdepRestore(w, m);
  },
  promela: (p, m, x) => ({
    guard: '',
    effects: [`${p.slot(L(p.c, m).slot)} = 0`, ...pRestoreAfterUnlock(p, m, x)],
  }),
  touches: (_c, m) => [`lock:${m.obj}`],
};

/** read_trylock()/write_trylock(): succeed only when the lock is free for that mode right now. */
const tryLock = (write: boolean): MicroSpec => ({
  apply(c, s, m, x) {
    const l = L(c, m);
    const ok = write ? s[l.slot] === 0 && s[l.readers] === 0 : s[l.slot] === 0;
    if (ok) {
      if (write) s[l.slot] = x.index + 1;
      else {
        s[l.readers] = (s[l.readers] ?? 0) + 1;
        s[depthSlot(c, m, x)] = (s[depthSlot(c, m, x)] ?? 0) + 1;
      }
      bump(c, s, x, 1);
    }
    setInto(c, s, m, ok ? 1 : 0);
    return m.next;
  },
  brief: (c, m) => `${write ? 'write' : 'read'}_trylock(${c.locks[m.obj]?.name})`,
  lockdep(w, m) {
    const read = write ? 0 : !w.c.queuedRwlocks || w.inInterrupt() ? 2 : 1;
    const instance = w.c.locks[m.obj]?.id ?? '';
    w.fork([
      {
        pc: m.next,
        run: (v) => {
          v.acquire(cls(w.c, m), m, { read, trylock: true, instance });
          v.setVar(m.into, 1);
        },
      },
      { pc: m.next, run: (v) => v.setVar(m.into, 0) },
    ]);
  },
  promela(p, m, x) {
    const l = L(p.c, m);
    const ok = write ? `${p.slot(l.slot)} == 0 && ${p.slot(l.readers)} == 0` : `${p.slot(l.slot)} == 0`;
    const take = write
      ? [`${p.slot(l.slot)} = ${x.index + 1}`]
      : [`${p.slot(l.readers)}++`, `${p.slot(l.depth + x.index)}++`];
    return {
      guard: '',
      effects: [],
      outcomes: [
        { when: ok, effects: [...take, `${pPin(p, x)}++`, ...pInto(p, m, 1)], next: m.next },
        { when: 'else', effects: pInto(p, m, 0), next: m.next },
      ],
    };
  },
  touches: (_c, m) => [`lock:${m.obj}`],
});

function rwBlocked(
  c: Compiled,
  s: RState,
  m: Micro,
  x: Context,
  me: string,
  where: (y: Context) => string,
  mode: 'read' | 'write',
): string {
  const l = L(c, m);
  const w = c.contexts[(s[l.slot] ?? 0) - 1];
  const name = l.name;
  if (w) return `${me} spins to ${mode}-lock ${name}, write-held by ${w === x ? 'itself' : where(w)}`;
  const readers = c.contexts.filter((y) => (s[l.depth + y.index] ?? 0) > 0);
  const q = c.contexts[(s[l.aux] ?? 0) - 1];
  if (mode === 'read' && q && s[l.aux + 1] === 1)
    return `${me} spins to read-lock ${name} behind the writer queued on ${where(q)}`;
  if (readers.length > 0)
    return `${me} spins to ${mode}-lock ${name}, read-held by ${readers.map((y) => (y === x ? 'itself' : where(y))).join(', ')}`;
  if (q) return `${me} spins to ${mode}-lock ${name}, queued behind ${where(q)}`;
  return `${me} spins on ${name}`;
}

function pBarges(p: PromelaCtx, x: Context): string {
  if (!p.c.queuedRwlocks) return 'true';
  if (x.kind === 'softirq' || x.kind === 'hardirq') return 'true';
  return `(${pCpu(p, 1)} > 0)`;
}

/** The pc after a two-phase op's wait (the wait micro-op is the next one in every body it appears in). */
function pSkip(p: PromelaCtx, m: Micro, x: Context): number {
  const bodies =
    x.kind === 'worker' ? p.c.works.filter((w) => w.wq === x.source).map((w) => w.body) : [x.body];
  for (const b of bodies) if (b.includes(m)) return b[m.next]?.next ?? m.next;
  return m.next;
}

const RW = ['rwlock'] as const;
type Variant = 'plain' | 'irq' | 'irqsave' | 'bh';
const lockOp = (summary: string, variant: Variant, write: boolean): OpSpec => ({
  summary,
  target: 'lock',
  lockKinds: RW,
  expand(e) {
    const parts = lockParts(e, variant, write ? 'rw_write' : 'rw_read');
    parts.push({ kind: write ? 'rw_write_wait' : 'rw_read_wait', part: 'wait in the queue' });
    return parts;
  },
});
const unlockOp = (summary: string, variant: Variant, write: boolean): OpSpec => ({
  summary,
  target: 'lock',
  lockKinds: RW,
  expand: (e) => [unlockPart(e, variant, write ? 'rw_write_unlock' : 'rw_read_unlock')],
});

const ops = {
  read_lock: lockOp(
    'share; in process context queue behind a waiting writer (queued rwlocks)',
    'plain',
    false,
  ),
  read_unlock: unlockOp('release a read hold', 'plain', false),
  read_lock_irq: lockOp('irqs off, then read_lock()', 'irq', false),
  read_unlock_irq: unlockOp('read_unlock() and irqs on', 'irq', false),
  read_lock_irqsave: lockOp('save irqs, irqs off, then read_lock()', 'irqsave', false),
  read_unlock_irqrestore: unlockOp('read_unlock() and restore irqs', 'irqsave', false),
  read_lock_bh: lockOp('softirqs off, then read_lock() (as in interrupt: no queueing)', 'bh', false),
  read_unlock_bh: unlockOp('read_unlock() and softirqs on', 'bh', false),
  write_lock: lockOp(
    'exclusive; waits for readers to drain, new process readers queue behind it',
    'plain',
    true,
  ),
  write_unlock: unlockOp('release the write hold', 'plain', true),
  write_lock_irq: lockOp('irqs off, then write_lock()', 'irq', true),
  write_unlock_irq: unlockOp('write_unlock() and irqs on', 'irq', true),
  write_lock_irqsave: lockOp('save irqs, irqs off, then write_lock()', 'irqsave', true),
  write_unlock_irqrestore: unlockOp('write_unlock() and restore irqs', 'irqsave', true),
  write_lock_bh: lockOp('softirqs off, then write_lock()', 'bh', true),
  write_unlock_bh: unlockOp('write_unlock() and softirqs on', 'bh', true),
  read_trylock: {
    summary: 'share if no writer holds it; `into` gets 1 or 0',
    target: 'lock',
    lockKinds: RW,
    fields: ['into'],
    expand: () => [{ kind: 'rw_read_try' }],
  },
  write_trylock: {
    summary: 'take if free; `into` gets 1 or 0',
    target: 'lock',
    lockKinds: RW,
    fields: ['into'],
    expand: () => [{ kind: 'rw_write_try' }],
  },
  rwlock_init: {
    summary: '(re)initialise; lockdep reports it when the lock is held',
    target: 'lock',
    lockKinds: RW,
    expand: () => [{ kind: 'lock_init' }],
  },
} satisfies Record<string, OpSpec>;

/** rwlock_t. */
export const rwlock = {
  name: 'rwlock',
  about:
    'rwlock_t: readers share, writers exclude, waiters spin. With queued rwlocks (current kernels) a reader in ' +
    'process context queues behind a waiting writer; a reader in interrupt context only waits for a writer ' +
    'holding the lock. Set `config.queuedRwlocks: false` for architectures (and old kernels) without them.',
  ops,
  micros: {
    rw_read: readLock,
    rw_read_wait: readWait,
    rw_write: writeLock,
    rw_write_wait: writeWait,
    rw_read_unlock: readUnlock,
    rw_write_unlock: writeUnlock,
    rw_read_try: tryLock(false),
    rw_write_try: tryLock(true),
  },
  layout(c, a) {
    const n = c.contexts.length;
    const users = contextsUsing(c, ['rw_read', 'rw_read_try']).length;
    for (const l of c.locks) {
      if (l.kind !== 'rwlock') continue;
      l.slot = a.alloc(1, n + 1, `rwlock ${l.id}.writer`);
      l.readers = a.alloc(1, Math.max(1, users * 4), `rwlock ${l.id}.readers`);
      l.aux = a.alloc(2, n + 1, `rwlock ${l.id}.waitlock`);
      l.auxLen = 2;
      l.depth = a.alloc(n, 4, `rwlock ${l.id}.readDepth`);
    }
  },
} satisfies Family;

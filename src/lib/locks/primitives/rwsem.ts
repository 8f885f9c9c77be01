// struct rw_semaphore: readers share, a writer excludes; waiters sleep in one FIFO queue. A new reader
// that finds the semaphore write-held, or anyone already waiting, joins the queue: so a reader that
// already holds it and asks again behind a waiting writer waits forever (read recursion deadlocks). A
// queued reader goes as soon as no writer holds the semaphore and no writer waits ahead of it (readers
// are woken together); a queued writer goes when it is first and the semaphore is free. Lock stealing by
// optimistic spinners is not modelled. Lockdep sees down_read() as a non-recursive shared acquire.

import type { Compiled, Context, Micro } from '../compile.ts';
import type { ClassRef } from '../lockdep-walk.ts';
import { contextsUsing, currentBody, lockClass, notHeld, pInto, setInto } from './common.ts';
import type { Family, MicroSpec, OpSpec, PromelaCtx, RState, WhereFn } from './types.ts';

const WRITER = 128;

const L = (c: Compiled, m: Micro) => {
  const lock = c.locks[m.obj];
  if (!lock) throw new Error(`no rwsem ${m.obj}`);
  return lock;
};
const cls = (c: Compiled, m: Micro): ClassRef => ({ ...lockClass(c, m), kind: 'rwsem' });

/** Queue position of context `x` (-1 when not queued) and whether a writer waits ahead of it. */
function place(
  c: Compiled,
  s: RState,
  m: Micro,
  x: Context,
): { at: number; writerAhead: boolean; len: number } {
  const l = L(c, m);
  let writerAhead = false;
  let len = 0;
  let at = -1;
  for (let i = 0; i < l.auxLen; i++) {
    const v = s[l.aux + i] ?? 0;
    if (v === 0) break;
    len++;
    if ((v & (WRITER - 1)) === x.index + 1 && at < 0) at = i;
    else if (at < 0 && v >= WRITER) writerAhead = true;
  }
  return { at, writerAhead, len };
}

function enqueue(c: Compiled, s: Int32Array, m: Micro, v: number): void {
  const l = L(c, m);
  for (let i = 0; i < l.auxLen; i++) {
    if (s[l.aux + i] === 0) {
      s[l.aux + i] = v;
      return;
    }
  }
  throw new Error(`rwsem ${l.id}: wait queue full`);
}

function dequeue(c: Compiled, s: Int32Array, m: Micro, at: number): void {
  const l = L(c, m);
  for (let i = at; i < l.auxLen - 1; i++) s[l.aux + i] = s[l.aux + i + 1] ?? 0;
  s[l.aux + l.auxLen - 1] = 0;
}

const skip = (c: Compiled, s: RState, m: Micro, x: Context): number => {
  const after = currentBody(c, s, x)[m.next];
  return after ? after.next : m.next;
};

const take = (c: Compiled, s: Int32Array, m: Micro, x: Context, write: boolean): void => {
  const l = L(c, m);
  if (write) s[l.slot] = x.index + 1;
  else {
    s[l.readers] = (s[l.readers] ?? 0) + 1;
    s[l.depth + x.index] = (s[l.depth + x.index] ?? 0) + 1;
  }
};

/** Who holds the semaphore after a move, for the trace: `writer CPU1` or `readers CPU0, CPU2`. */
function holders(c: Compiled, s: RState, m: Micro, where: WhereFn): string {
  const l = L(c, m);
  const w = c.contexts[(s[l.slot] ?? 0) - 1];
  if (w) return `write-held by ${where(w)}`;
  const readers = c.contexts.filter((y) => (s[l.depth + y.index] ?? 0) > 0);
  return `read-held by ${readers.map(where).join(', ')}`;
}

/** Trace words for an attempt to take the semaphore: taken (and by whom it is held now) or queued. */
const takenOrQueued =
  (write: boolean): MicroSpec['outcome'] =>
  (c, before, after, m, x, where) => {
    const l = L(c, m);
    const taken = write
      ? after[l.slot] === x.index + 1
      : (after[l.depth + x.index] ?? 0) > (before[l.depth + x.index] ?? 0);
    const role = write ? 'writer' : 'reader';
    return taken ? `taken as a ${role}, ${holders(c, after, m, where)}` : `queues as a ${role}`;
  };

const arrive = (write: boolean): MicroSpec => ({
  outcome: takenOrQueued(write),
  apply(c, s, m, x) {
    const l = L(c, m);
    const queueEmpty = (s[l.aux] ?? 0) === 0;
    const free = s[l.slot] === 0 && (write ? s[l.readers] === 0 : true);
    if (free && queueEmpty) {
      take(c, s, m, x, write);
      return skip(c, s, m, x);
    }
    enqueue(c, s, m, x.index + 1 + (write ? WRITER : 0));
    return m.next;
  },
  brief: (c, m) => `${write ? 'down_write' : 'down_read'}(${c.locks[m.obj]?.name})`,
  acquires: (c, m) => lockClass(c, m).id,
  lockdep(w, m) {
    w.mightSleep(m);
    w.acquire(cls(w.c, m), m, { read: write ? 0 : 1, instance: w.c.locks[m.obj]?.id ?? '' });
  },
  promela(p, m, x) {
    const l = L(p.c, m);
    const free = write ? `${p.slot(l.slot)} == 0 && ${p.slot(l.readers)} == 0` : `${p.slot(l.slot)} == 0`;
    return {
      guard: '',
      effects: [],
      outcomes: [
        { when: `${free} && ${p.slot(l.aux)} == 0`, effects: pTake(p, m, x, write), next: pSkip(p, m, x) },
        {
          when: 'else',
          effects: [firstFree(p, l.aux, l.auxLen, x.index + 1 + (write ? WRITER : 0))],
          next: m.next,
        },
      ],
    };
  },
  touches: (_c, m) => [`lock:${m.obj}`],
});

const wait = (write: boolean): MicroSpec => ({
  outcome: takenOrQueued(write),
  ready(c, s, m, x) {
    const l = L(c, m);
    const q = place(c, s, m, x);
    if (write) return q.at === 0 && s[l.slot] === 0 && s[l.readers] === 0;
    return q.at >= 0 && !q.writerAhead && s[l.slot] === 0;
  },
  apply(c, s, m, x) {
    const q = place(c, s, m, x);
    dequeue(c, s, m, q.at);
    take(c, s, m, x, write);
    return m.next;
  },
  brief: (c, m) => `${write ? 'down_write' : 'down_read'}(${c.locks[m.obj]?.name})`,
  acquires: (c, m) => lockClass(c, m).id,
  blocked(c, s, m, x, me, where) {
    const l = L(c, m);
    const h = c.contexts[(s[l.slot] ?? 0) - 1];
    const mode = write ? 'down_write' : 'down_read';
    if (h) return `${me} sleeps in ${mode}(${l.name}), write-held by ${h === x ? 'itself' : where(h)}`;
    const q = place(c, s, m, x);
    if (!write && q.writerAhead) {
      const first = [...Array(l.auxLen).keys()].map((i) => s[l.aux + i] ?? 0).find((v) => v >= WRITER);
      const wc = first ? c.contexts[(first & (WRITER - 1)) - 1] : undefined;
      return `${me} sleeps in down_read(${l.name}) queued behind the writer ${wc ? where(wc) : ''}`.trimEnd();
    }
    const readers = c.contexts.filter((y) => (s[l.depth + y.index] ?? 0) > 0);
    if (readers.length > 0)
      return `${me} sleeps in ${mode}(${l.name}), read-held by ${readers.map((y) => (y === x ? 'itself' : where(y))).join(', ')}`;
    return `${me} sleeps in ${mode}(${l.name}) queued behind earlier waiters`;
  },
  promela(p, m, x) {
    const l = L(p.c, m);
    const me = x.index + 1 + (write ? WRITER : 0);
    if (write) {
      const guard = `${p.slot(l.aux)} == ${me} && ${p.slot(l.slot)} == 0 && ${p.slot(l.readers)} == 0`;
      return { guard, effects: [...shiftFrom(p, l.aux, l.auxLen, 0), ...pTake(p, m, x, true)] };
    }
    // A reader at position i with no writer ahead: one outcome per position.
    const opts: { when: string; effects: string[]; next: number }[] = [];
    const conds: string[] = [];
    for (let i = 0; i < l.auxLen; i++) {
      const ahead = [...Array(i).keys()].map((k) => `${p.slot(l.aux + k)} < ${WRITER}`);
      const when = [`${p.slot(l.aux + i)} == ${me}`, ...ahead].join(' && ');
      conds.push(`(${when})`);
      opts.push({
        when,
        effects: [...shiftFrom(p, l.aux, l.auxLen, i), ...pTake(p, m, x, false)],
        next: m.next,
      });
    }
    return { guard: `${p.slot(l.slot)} == 0 && (${conds.join(' || ')})`, effects: [], outcomes: opts };
  },
  touches: (_c, m) => [`lock:${m.obj}`],
});

const upRead: MicroSpec = {
  apply(c, s, m, x) {
    const l = L(c, m);
    if ((s[l.depth + x.index] ?? 0) <= 0) notHeld(x, m);
    s[l.depth + x.index] = (s[l.depth + x.index] ?? 0) - 1;
    s[l.readers] = (s[l.readers] ?? 0) - 1;
    return m.next;
  },
  brief: (c, m) => `up_read(${c.locks[m.obj]?.name})`,
  lockdep: (w, m) => w.release(w.c.locks[m.obj]?.id ?? '', m),
  promela: (p, m, x) => {
    const l = L(p.c, m);
    return { guard: '', effects: [`${p.slot(l.depth + x.index)}--`, `${p.slot(l.readers)}--`] };
  },
  touches: (_c, m) => [`lock:${m.obj}`],
};

const upWrite: MicroSpec = {
  apply(c, s, m, x) {
    const l = L(c, m);
    if (s[l.slot] !== x.index + 1) notHeld(x, m);
    s[l.slot] = 0;
    return m.next;
  },
  brief: (c, m) => `up_write(${c.locks[m.obj]?.name})`,
  lockdep: (w, m) => w.release(w.c.locks[m.obj]?.id ?? '', m),
  promela: (p, m) => ({ guard: '', effects: [`${p.slot(L(p.c, m).slot)} = 0`] }),
  touches: (_c, m) => [`lock:${m.obj}`],
};

const downgrade: MicroSpec = {
  apply(c, s, m, x) {
    const l = L(c, m);
    if (s[l.slot] !== x.index + 1) notHeld(x, m);
    s[l.slot] = 0;
    take(c, s, m, x, false);
    return m.next;
  },
  brief: (c, m) => `downgrade_write(${c.locks[m.obj]?.name})`,
  lockdep: (w, m) => w.downgrade(w.c.locks[m.obj]?.id ?? '', m),
  promela: (p, m, x) => ({ guard: '', effects: [`${p.slot(L(p.c, m).slot)} = 0`, ...pTake(p, m, x, false)] }),
  touches: (_c, m) => [`lock:${m.obj}`],
};

const tryLock = (write: boolean): MicroSpec => ({
  apply(c, s, m, x) {
    const l = L(c, m);
    const ok = s[l.slot] === 0 && (s[l.aux] ?? 0) === 0 && (!write || s[l.readers] === 0);
    if (ok) take(c, s, m, x, write);
    setInto(c, s, m, ok ? 1 : 0);
    return m.next;
  },
  brief: (c, m) => `${write ? 'down_write' : 'down_read'}_trylock(${c.locks[m.obj]?.name})`,
  lockdep(w, m) {
    const instance = w.c.locks[m.obj]?.id ?? '';
    w.fork([
      {
        pc: m.next,
        run: (v) => {
          v.acquire(cls(w.c, m), m, { read: write ? 0 : 1, trylock: true, instance });
          v.setVar(m.into, 1);
        },
      },
      { pc: m.next, run: (v) => v.setVar(m.into, 0) },
    ]);
  },
  promela(p, m, x) {
    const l = L(p.c, m);
    const ok = [
      `${p.slot(l.slot)} == 0`,
      `${p.slot(l.aux)} == 0`,
      ...(write ? [`${p.slot(l.readers)} == 0`] : []),
    ].join(' && ');
    return {
      guard: '',
      effects: [],
      outcomes: [
        { when: ok, effects: [...pTake(p, m, x, write), ...pInto(p, m, 1)], next: m.next },
        { when: 'else', effects: pInto(p, m, 0), next: m.next },
      ],
    };
  },
  touches: (_c, m) => [`lock:${m.obj}`],
});

function pTake(p: PromelaCtx, m: Micro, x: Context, write: boolean): string[] {
  const l = L(p.c, m);
  return write
    ? [`${p.slot(l.slot)} = ${x.index + 1}`]
    : [`${p.slot(l.readers)}++`, `${p.slot(l.depth + x.index)}++`];
}

function firstFree(p: PromelaCtx, base: number, len: number, v: number): string {
  const opts = [...Array(len).keys()].map(
    (i) =>
      `:: ${p.slot(base + i)} == 0${[...Array(i).keys()].map((k) => ` && ${p.slot(base + k)} != 0`).join('')} -> ${p.slot(base + i)} = ${v}`,
  );
  return `if ${opts.join(' ')} fi`;
}

function shiftFrom(p: PromelaCtx, base: number, len: number, at: number): string[] {
  const out: string[] = [];
  for (let i = at; i < len - 1; i++) out.push(`${p.slot(base + i)} = ${p.slot(base + i + 1)}`);
  out.push(`${p.slot(base + len - 1)} = 0`);
  return out;
}

function pSkip(p: PromelaCtx, m: Micro, x: Context): number {
  const bodies =
    x.kind === 'worker' ? p.c.works.filter((w) => w.wq === x.source).map((w) => w.body) : [x.body];
  for (const b of bodies) if (b.includes(m)) return b[m.next]?.next ?? m.next;
  return m.next;
}

const SEM = ['rwsem'] as const;
const acquireOp = (summary: string, write: boolean, nested = false): OpSpec => ({
  summary,
  target: 'lock',
  lockKinds: SEM,
  sleeps: true,
  ...(nested ? { fields: ['subclass'] as const } : {}),
  expand: (e) => [
    { kind: write ? 'rwsem_write' : 'rwsem_read', arg: e.step.subclass ?? 0 },
    {
      kind: write ? 'rwsem_write_wait' : 'rwsem_read_wait',
      part: 'wait in the queue',
      arg: e.step.subclass ?? 0,
    },
  ],
});
const simple = (summary: string, kind: string, fields?: OpSpec['fields']): OpSpec => ({
  summary,
  target: 'lock',
  lockKinds: SEM,
  ...(fields ? { fields } : {}),
  expand: () => [{ kind }],
});

const ops = {
  down_read: acquireOp('share; queue when write-held or when anyone waits (behind a waiting writer)', false),
  up_read: simple('release a read hold', 'rwsem_up_read'),
  down_write: acquireOp('exclusive; queue unless free and nobody waits', true),
  up_write: simple('release the write hold', 'rwsem_up_write'),
  downgrade_write: simple('turn the write hold into a read hold; queued readers may go', 'rwsem_downgrade'),
  down_read_nested: acquireOp('down_read() with a lockdep subclass', false, true),
  down_write_nested: acquireOp('down_write() with a lockdep subclass', true, true),
  down_read_killable: acquireOp('as down_read()', false),
  down_write_killable: acquireOp('as down_write()', true),
  down_read_trylock: simple(
    'share if not write-held and nobody waits; `into` gets 1 or 0',
    'rwsem_read_try',
    ['into'],
  ),
  down_write_trylock: simple('take if free and nobody waits; `into` gets 1 or 0', 'rwsem_write_try', [
    'into',
  ]),
  init_rwsem: simple('(re)initialise; lockdep reports it when the semaphore is held', 'lock_init'),
} satisfies Record<string, OpSpec>;

/** struct rw_semaphore. */
export const rwsem = {
  name: 'rwsem',
  about:
    'struct rw_semaphore: readers share, writers exclude, waiters sleep in FIFO order; a reader queues behind a ' +
    'waiting writer, so taking it for read twice can deadlock.',
  ops,
  micros: {
    rwsem_read: arrive(false),
    rwsem_write: arrive(true),
    rwsem_read_wait: wait(false),
    rwsem_write_wait: wait(true),
    rwsem_up_read: upRead,
    rwsem_up_write: upWrite,
    rwsem_downgrade: downgrade,
    rwsem_read_try: tryLock(false),
    rwsem_write_try: tryLock(true),
  },
  layout(c, a) {
    const n = c.contexts.length;
    if (n >= WRITER - 1) throw new Error('an rw_semaphore scenario may have at most 126 contexts');
    const waiters = Math.max(1, contextsUsing(c, ['rwsem_read', 'rwsem_write']).length);
    for (const l of c.locks) {
      if (l.kind !== 'rwsem') continue;
      l.slot = a.alloc(1, n + 1, `rwsem ${l.id}.writer`);
      l.readers = a.alloc(1, Math.max(1, n * 4), `rwsem ${l.id}.readers`);
      l.depth = a.alloc(n, 4, `rwsem ${l.id}.readDepth`);
      l.aux = a.alloc(waiters, WRITER + n, `rwsem ${l.id}.queue`);
      l.auxLen = waiters;
    }
  },
} satisfies Family;

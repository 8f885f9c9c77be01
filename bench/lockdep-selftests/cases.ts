// lockdep's own self-tests (lib/locking-selftest.c of 6.1 and of 2.6.30) as scenario models. Only the
// case names and lockdep's expected outcome (warns / stays quiet) carry over; each case body below is
// our own shorthand for what the case exercises, turned into a Scenario by `build()`. Cases the model
// cannot express are listed with the reason. `npm run bench:lockdep-selftests` prints the agreement.

import type { CodeRef, Scenario, Step } from '../../src/lib/locks/model.ts';

/** lockdep's expected outcome for a case. */
export type Outcome = 'warn' | 'no-warning';
/** The kernel whose self-test holds the case. */
export type Version = '6.1' | '2.6.30';

/** One self-test case: its name, lockdep's expected outcome, and our model or why there is none. */
export interface SelftestCase {
  version: Version;
  /** The print_testname() row the case belongs to. */
  group: string;
  /** The case's function name in the self-test. */
  name: string;
  expect: Outcome;
  model?: Scenario;
  inexpressible?: string;
}

/**
 * Our shorthand, one token per call. `+X`/`-X`/`!X` take, release, initialise lock X with the variant's
 * lock type (spin, wlock, rlock, mutex, wsem, rsem); a one-letter prefix fixes the type instead: `s`
 * spinlock, `w`/`r` rwlock write/read, `m` mutex, `W`/`R` rw_semaphore write/read (`r+A` = read_lock(A)).
 * `irqs-off`/`irqs-on` switch the variant's interrupt kind (hard: local_irq_*, soft: local_bh_*);
 * `hard-off`/`hard-on` and `bh-off`/`bh-on` name one. Locks X1/X2, Y1/Y2, Z1/Z2 are two instances of
 * the classes X, Y, Z; A…D have classes of their own. One kernel lock object exists per type and name.
 */
type Variant = 'spin' | 'wlock' | 'rlock' | 'mutex' | 'wsem' | 'rsem';
type IrqKind = 'hard' | 'soft';
/** A block: where it runs (`irq` = the variant's interrupt kind) and its calls. */
interface Block {
  in: 'task' | 'irq' | 'hardirq' | 'softirq';
  do: string;
}

const CODE: CodeRef = { fn: 'locking_selftest()', file: 'lib/locking-selftest.c' };

type LockType = 'spin' | 'rw' | 'mutex' | 'sem';
const PREFIX: Record<LockType, string> = { spin: 'lock', rw: 'rwlock', mutex: 'mutex', sem: 'rwsem' };
const KIND = { spin: 'spinlock', rw: 'rwlock', mutex: 'mutex', sem: 'rwsem' } as const;
const OPS: Record<string, [LockType, Step['op']]> = {
  's+': ['spin', 'spin_lock'],
  's-': ['spin', 'spin_unlock'],
  's!': ['spin', 'spin_lock_init'],
  'w+': ['rw', 'write_lock'],
  'w-': ['rw', 'write_unlock'],
  'r+': ['rw', 'read_lock'],
  'r-': ['rw', 'read_unlock'],
  'w!': ['rw', 'rwlock_init'],
  'r!': ['rw', 'rwlock_init'],
  'm+': ['mutex', 'mutex_lock'],
  'm-': ['mutex', 'mutex_unlock'],
  'm!': ['mutex', 'mutex_init'],
  'W+': ['sem', 'down_write'],
  'W-': ['sem', 'up_write'],
  'R+': ['sem', 'down_read'],
  'R-': ['sem', 'up_read'],
  'W!': ['sem', 'init_rwsem'],
  'R!': ['sem', 'init_rwsem'],
};
const LETTER: Record<Variant, string> = {
  spin: 's',
  wlock: 'w',
  rlock: 'r',
  mutex: 'm',
  wsem: 'W',
  rsem: 'R',
};
const FLAGS: Record<string, Step['op']> = {
  'hard-off': 'local_irq_disable',
  'hard-on': 'local_irq_enable',
  'bh-off': 'local_bh_disable',
  'bh-on': 'local_bh_enable',
};

/** Builds the scenario for a case from its blocks. */
export function build(
  id: string,
  blocks: readonly Block[],
  o: { variant?: Variant; irq?: IrqKind; version: Version; queued?: boolean },
): Scenario {
  const locks = new Map<string, Scenario['locks'][number]>();
  const toStep = (tok: string): Step => {
    if (tok === 'irqs-off' || tok === 'irqs-on') {
      const on = tok === 'irqs-on';
      return {
        op: FLAGS[`${o.irq === 'soft' ? 'bh' : 'hard'}-${on ? 'on' : 'off'}`] as Step['op'],
        code: CODE,
      };
    }
    const flag = FLAGS[tok];
    if (flag) return { op: flag, code: CODE };
    let t = tok;
    if ('+-!'.includes(t[0] ?? '')) t = `${LETTER[o.variant ?? 'spin']}${t}`;
    const spec = OPS[t.slice(0, 2)];
    if (!spec) throw new Error(`selftest ${id}: unknown token ${tok}`);
    const [type, op] = spec;
    const obj = t.slice(2);
    const cls = obj.length === 2 ? obj[0] : obj; // X1, X2 → class X
    const lid = `${PREFIX[type]}_${obj}`;
    if (!locks.has(lid))
      locks.set(lid, {
        id: lid,
        name: `${PREFIX[type]}_${cls}`,
        kind: KIND[type],
        ...(obj.length === 2 ? { instance: lid } : {}),
      });
    return { op, target: lid, code: CODE };
  };
  const steps = (b: Block): Step[] => b.do.split(/\s+/).filter(Boolean).map(toStep);
  const where = (b: Block): 'task' | 'hardirq' | 'softirq' =>
    b.in === 'irq' ? (o.irq === 'soft' ? 'softirq' : 'hardirq') : b.in;
  const tasks: Scenario['tasks'][number][] = [];
  const irqs: NonNullable<Scenario['irqs']>[number][] = [];
  const timers: NonNullable<Scenario['timers']>[number][] = [];
  blocks.forEach((b, i) => {
    const w = where(b);
    const id2 = `e${i + 1}`;
    if (w === 'task') tasks.push({ id: id2, name: `E${i + 1}`, cpu: 0, steps: steps(b) });
    else if (w === 'hardirq') irqs.push({ id: id2, name: `E${i + 1}`, handler: steps(b), code: CODE });
    else timers.push({ id: id2, name: `E${i + 1}`, pending: true, fn: steps(b), code: CODE });
  });
  return {
    id,
    thread: 'lockdep-selftests',
    title: id,
    answers: 'locking-selftest@lockstep.invalid',
    summary: `lockdep self-test case ${id} (${o.version}).`,
    ...(o.version === '2.6.30' ? { kernel: '2.6.30' } : {}),
    // 6.1's main grid forces read_lock() to be a recursive read (force_read_lock_recursive); only the
    // queued read lock cases run with queued rwlocks' non-recursive process-context readers.
    config: { queuedRwlocks: o.queued === true },
    cpus: 1,
    locks: [...locks.values()],
    tasks,
    ...(irqs.length > 0 ? { irqs } : {}),
    ...(timers.length > 0 ? { timers } : {}),
  };
}

const lu2 = (a: string, b: string): string => `+${a} +${b} -${b} -${a}`;
const VARIANTS: readonly Variant[] = ['spin', 'wlock', 'rlock', 'mutex', 'wsem', 'rsem'];
const PERM2 = ['12', '21'];
const PERM3 = ['123', '132', '213', '231', '312', '321'];
const order = (blocks: readonly Block[], perm: string): Block[] =>
  [...perm].map((d) => blocks[Number(d) - 1] as Block);

const NO_RT = 'rt_mutex (priority-inheritance mutex) is not modelled';
const NO_WW = 'wound/wait mutexes (ww_mutex, acquire contexts, -EDEADLK back-off) are not modelled';
const NO_RECLAIM = 'the fs_reclaim pseudo-lock (memory reclaim under allocation) is not modelled';
const NO_WAIT =
  'wait-type nesting checks (CONFIG_PROVE_RAW_LOCK_NESTING: spinlock_t vs raw_spinlock_t under PREEMPT_RT) are not modelled';
const NO_LOCAL = 'local_lock_t (a per-CPU lock) is not modelled';

function cases(): SelftestCase[] {
  const out: SelftestCase[] = [];
  const add = (
    version: Version,
    group: string,
    name: string,
    expect: Outcome,
    blocks: readonly Block[] | string,
    o: { variant?: Variant; irq?: IrqKind; queued?: boolean } = {},
  ): void => {
    if (typeof blocks === 'string') {
      out.push({ version, group, name, expect, inexpressible: blocks });
      return;
    }
    out.push({ version, group, name, expect, model: build(name, blocks, { ...o, version }) });
  };
  const both = (f: (v: Version) => void): void => {
    f('6.1');
    f('2.6.30');
  };

  // Deadlocks on one lock type: every type warns, except read_lock(), a recursive read.
  const six: [string, string, string, (v: Variant) => Outcome][] = [
    ['A-A deadlock', 'AA', '+X1 +X2', (v) => (v === 'rlock' ? 'no-warning' : 'warn')],
    [
      'A-B-B-A deadlock',
      'ABBA',
      `${lu2('A', 'B')} ${lu2('B', 'A')}`,
      (v) => (v === 'rlock' ? 'no-warning' : 'warn'),
    ],
    [
      'A-B-B-C-C-A deadlock',
      'ABBCCA',
      `${lu2('A', 'B')} ${lu2('B', 'C')} ${lu2('C', 'A')}`,
      (v) => (v === 'rlock' ? 'no-warning' : 'warn'),
    ],
    [
      'A-B-C-A-B-C deadlock',
      'ABCABC',
      `${lu2('A', 'B')} ${lu2('C', 'A')} ${lu2('B', 'C')}`,
      (v) => (v === 'rlock' ? 'no-warning' : 'warn'),
    ],
    [
      'A-B-B-C-C-D-D-A deadlock',
      'ABBCCDDA',
      `${lu2('A', 'B')} ${lu2('B', 'C')} ${lu2('C', 'D')} ${lu2('D', 'A')}`,
      (v) => (v === 'rlock' ? 'no-warning' : 'warn'),
    ],
    [
      'A-B-C-D-B-D-D-A deadlock',
      'ABCDBDDA',
      `${lu2('A', 'B')} ${lu2('C', 'D')} ${lu2('B', 'D')} ${lu2('D', 'A')}`,
      (v) => (v === 'rlock' ? 'no-warning' : 'warn'),
    ],
    [
      'A-B-C-D-B-C-D-A deadlock',
      'ABCDBCDA',
      `${lu2('A', 'B')} ${lu2('C', 'D')} ${lu2('B', 'C')} ${lu2('D', 'A')}`,
      (v) => (v === 'rlock' ? 'no-warning' : 'warn'),
    ],
    ['double unlock', 'double_unlock', '+A -A -A', () => 'warn'],
    ['initialize held', 'init_held', '+A !A', () => 'warn'],
  ];
  both((version) => {
    for (const [group, name, body, expect] of six) {
      for (const v of VARIANTS)
        add(version, group, `${name}_${v}`, expect(v), [{ in: 'task', do: body }], { variant: v });
      if (version === '6.1') add(version, group, `${name}_rtmutex`, 'warn', NO_RT);
    }
  });
  // 2.6.30 only: releasing out of order is fine.
  for (const v of VARIANTS)
    add(
      '2.6.30',
      'bad unlock order',
      `bad_unlock_order_${v}`,
      'no-warning',
      [{ in: 'task', do: '+A +B -A -B' }],
      { variant: v },
    );

  // Read recursion on two instances of one class.
  const rec: [string, string, string, Outcome][] = [
    ['recursive read-lock', 'rlock_AA1', 'r+X1 r+X1', 'no-warning'],
    ['recursive read-lock', 'rsem_AA1', 'R+X1 R+X1', 'warn'],
    ['recursive read-lock #2', 'rlock_AA1B', 'r+X1 r+X2', 'no-warning'],
    ['recursive read-lock #2', 'rsem_AA1B', 'R+X1 R+X2', 'warn'],
    ['mixed read-write-lock', 'rlock_AA2', 'r+X1 w+X2', 'warn'],
    ['mixed read-write-lock', 'rsem_AA2', 'R+X1 W+X2', 'warn'],
    ['mixed write-read-lock', 'rlock_AA3', 'w+X1 r+X2', 'warn'],
    ['mixed write-read-lock', 'rsem_AA3', 'W+X1 R+X2', 'warn'],
  ];
  both((version) => {
    for (const [group, name, body, expect] of rec)
      add(version, group, name, expect, [{ in: 'task', do: body }]);
  });
  // 6.1: ABBA between a read/write lock and a plain one.
  const abba: [string, string, string, Outcome][] = [
    ['mixed read-lock/lock-write ABBA', 'rlock_ABBA1', 'r+X1 s+Y1 s-Y1 r-X1 s+Y1 w+X1 w-X1 s-Y1', 'warn'],
    ['mixed read-lock/lock-write ABBA', 'rwsem_ABBA1', 'R+X1 m+Y1 m-Y1 R-X1 m+Y1 W+X1 W-X1 m-Y1', 'warn'],
    [
      'mixed read-lock/lock-read ABBA',
      'rlock_ABBA2',
      'r+X1 s+Y1 s-Y1 r-X1 s+Y1 r+X1 r-X1 s-Y1',
      'no-warning',
    ],
    ['mixed read-lock/lock-read ABBA', 'rwsem_ABBA2', 'R+X1 m+Y1 m-Y1 R-X1 m+Y1 R+X1 R-X1 m-Y1', 'warn'],
    ['mixed write-lock/lock-write ABBA', 'rlock_ABBA3', 'w+X1 s+Y1 s-Y1 w-X1 s+Y1 w+X1 w-X1 s-Y1', 'warn'],
    ['mixed write-lock/lock-write ABBA', 'rwsem_ABBA3', 'W+X1 m+Y1 m-Y1 W-X1 m+Y1 W+X1 W-X1 m-Y1', 'warn'],
    [
      'chain cached mixed R-L/L-W ABBA',
      'rlock_chaincache_ABBA1',
      'r+X1 s+Y1 s-Y1 r-X1 s+Y1 r+X1 r-X1 s-Y1 s+Y1 w+X1 w-X1 s-Y1',
      'warn',
    ],
  ];
  for (const [group, name, body, expect] of abba) add('6.1', group, name, expect, [{ in: 'task', do: body }]);
  // 6.1: three-lock cycles of read and write acquisitions, in every order of the three blocks.
  const rr: [string, string, [string, string, string], Outcome][] = [
    [
      'rlock W1R2/W2R3/W3R1',
      'W1R2_W2R3_W3R1',
      ['w+X1 r+Y1 r-Y1 w-X1', 'w+Y1 r+Z1 r-Z1 w-Y1', 'w+Z1 r+X1 r-X1 w-Z1'],
      'warn',
    ],
    [
      'rlock W1W2/R2R3/W3R1',
      'W1W2_R2R3_W3R1',
      ['w+X1 w+Y1 w-Y1 w-X1', 'r+Y1 r+Z1 r-Z1 r-Y1', 'w+Z1 r+X1 r-X1 w-Z1'],
      'warn',
    ],
    [
      'rlock W1W2/R2R3/R3W1',
      'W1W2_R2R3_R3W1',
      ['w+X1 w+Y1 w-Y1 w-X1', 'r+Y1 r+Z1 r-Z1 r-Y1', 'r+Z1 w+X1 w-X1 r-Z1'],
      'no-warning',
    ],
    [
      'rlock W1R2/R2R3/W3W1',
      'W1R2_R2R3_W3W1',
      ['w+X1 r+Y1 r-Y1 w-X1', 'r+Y1 r+Z1 r-Z1 r-Y1', 'w+Z1 w+X1 w-X1 w-Z1'],
      'no-warning',
    ],
  ];
  for (const [group, name, bodies, expect] of rr)
    for (const p of PERM3)
      add(
        '6.1',
        `${group}/${p}`,
        `${name}_${p}`,
        expect,
        order(
          bodies.map((b) => ({ in: 'task', do: b })),
          p,
        ),
      );

  // Interrupt safety: spinlocks and write locks warn, read locks (recursive readers) do not.
  const IRQ_VARIANTS: readonly Variant[] = ['spin', 'wlock', 'rlock'];
  const irqExpect = (v: Variant): Outcome => (v === 'rlock' ? 'no-warning' : 'warn');
  const irqGroups: [string, string, Block[], string[]][] = [
    [
      'irqs-on + irq-safe-A',
      'irqsafe1',
      [
        { in: 'irq', do: '+A -A' },
        { in: 'task', do: '+A -A' },
      ],
      PERM2,
    ],
    [
      'safe-A + irqs-on',
      'irqsafe2B',
      [
        { in: 'irq', do: '+A -A' },
        { in: 'task', do: 'irqs-off +A irqs-on -A' },
      ],
      PERM2,
    ],
    [
      'safe-A + unsafe-B #1',
      'irqsafe3',
      [
        { in: 'task', do: '+A +B -B -A' },
        { in: 'task', do: '+B -B' },
        { in: 'irq', do: '+A -A' },
      ],
      PERM3,
    ],
    [
      'safe-A + unsafe-B #2',
      'irqsafe4',
      [
        { in: 'task', do: 'irqs-off +A +B -B -A irqs-on' },
        { in: 'task', do: '+B -B' },
        { in: 'irq', do: '+A -A' },
      ],
      PERM3,
    ],
    [
      'irq lock-inversion',
      'irq_inversion',
      [
        { in: 'task', do: 'irqs-off w+A +B -B w-A irqs-on' },
        { in: 'task', do: '+B -B' },
        { in: 'irq', do: 'r+A r-A' },
      ],
      PERM3,
    ],
  ];
  both((version) => {
    for (const [group, name, blocks, perms] of irqGroups)
      for (const p of perms)
        for (const irq of ['hard', 'soft'] as const)
          for (const v of IRQ_VARIANTS)
            add(version, `${irq}-${group}/${p}`, `${name}_${irq}_${v}_${p}`, irqExpect(v), order(blocks, p), {
              variant: v,
              irq,
            });
    for (const p of PERM2)
      for (const v of IRQ_VARIANTS)
        add(
          version,
          `sirq-safe-A => hirqs-on/${p}`,
          `irqsafe2A_${v}_${p}`,
          irqExpect(v),
          order(
            [
              { in: 'softirq', do: '+A -A' },
              { in: 'task', do: 'hard-off +A hard-on -A' },
            ],
            p,
          ),
          { variant: v },
        );
  });
  // Read recursion in interrupts. 2.6.30: one form, read locks only; 6.1: three forms, write and read.
  for (const p of PERM3)
    for (const irq of ['hard', 'soft'] as const)
      add(
        '2.6.30',
        `${irq}-irq read-recursion/${p}`,
        `irq_read_recursion_${irq}_${p}`,
        'no-warning',
        order(
          [
            { in: 'task', do: 'irqs-off w+A w-A irqs-on' },
            { in: 'task', do: 'r+A r-A' },
            { in: 'irq', do: 'r+A s+B s-B r-A' },
          ],
          p,
        ),
        { irq },
      );
  const rrec: [string, string, Block[]][] = [
    [
      'irq read-recursion',
      'irq_read_recursion',
      [
        { in: 'task', do: 'irqs-off w+A w-A irqs-on' },
        { in: 'task', do: 'r+A r-A' },
        { in: 'irq', do: '+A s+B s-B -A' },
      ],
    ],
    [
      'irq read-recursion #2',
      'irq_read_recursion2',
      [
        { in: 'task', do: 'irqs-off s+B +A -A s-B irqs-on' },
        { in: 'task', do: 'r+A r-A' },
        { in: 'irq', do: 's+B s-B' },
      ],
    ],
    [
      'irq read-recursion #3',
      'irq_read_recursion3',
      [
        { in: 'task', do: 'irqs-off w+B +A -A w-B irqs-on' },
        { in: 'task', do: 'r+A r-A' },
        { in: 'irq', do: 'r+B r-B' },
      ],
    ],
  ];
  for (const [group, name, blocks] of rrec)
    for (const p of PERM3)
      for (const irq of ['hard', 'soft'] as const)
        for (const v of ['wlock', 'rlock'] as const)
          add('6.1', `${irq}-${group}/${p}`, `${name}_${irq}_${v}_${p}`, irqExpect(v), order(blocks, p), {
            variant: v,
            irq,
          });

  // 6.1: wound/wait mutexes.
  const ww: [string, string, Outcome][] = [
    ['ww api failures', 'fail_acquire', 'no-warning'],
    ['ww api failures', 'normal', 'no-warning'],
    ['ww api failures', 'unneeded_slow', 'warn'],
    ['ww contexts mixing', 'two_contexts', 'warn'],
    ['ww contexts mixing', 'diff_class', 'warn'],
    ['finishing ww context', 'context_done_twice', 'warn'],
    ['finishing ww context', 'context_unlock_twice', 'warn'],
    ['finishing ww context', 'context_fini_early', 'warn'],
    ['finishing ww context', 'context_lock_after_done', 'warn'],
    ['locking mismatches', 'object_unlock_twice', 'warn'],
    ['locking mismatches', 'object_lock_unbalanced', 'warn'],
    ['locking mismatches', 'object_lock_stale_context', 'warn'],
    ['EDEADLK handling', 'edeadlk_normal', 'no-warning'],
    ['EDEADLK handling', 'edeadlk_normal_slow', 'no-warning'],
    ['EDEADLK handling', 'edeadlk_no_unlock', 'warn'],
    ['EDEADLK handling', 'edeadlk_no_unlock_slow', 'warn'],
    ['EDEADLK handling', 'edeadlk_acquire_more', 'warn'],
    ['EDEADLK handling', 'edeadlk_acquire_more_slow', 'warn'],
    ['EDEADLK handling', 'edeadlk_acquire_more_edeadlk', 'warn'],
    ['EDEADLK handling', 'edeadlk_acquire_more_edeadlk_slow', 'warn'],
    ['EDEADLK handling', 'edeadlk_acquire_wrong', 'warn'],
    ['EDEADLK handling', 'edeadlk_acquire_wrong_slow', 'warn'],
    ['spinlock nest unlocked', 'spin_nest_unlocked', 'warn'],
    ['spinlock nest test', 'spin_nest_lock', 'no-warning'],
    ['context', 'context_block', 'warn'],
    ['context', 'context_try', 'no-warning'],
    ['context', 'context_context', 'no-warning'],
    ['try', 'try_block', 'warn'],
    ['try', 'try_try', 'no-warning'],
    ['try', 'try_context', 'warn'],
    ['block', 'block_block', 'warn'],
    ['block', 'block_try', 'no-warning'],
    ['block', 'block_context', 'warn'],
    ['spinlock', 'spin_block', 'warn'],
    ['spinlock', 'spin_try', 'no-warning'],
    ['spinlock', 'spin_context', 'warn'],
  ];
  for (const [group, name, expect] of ww) add('6.1', group, `ww_test_${name}`, expect, NO_WW);

  // 6.1: queued rwlocks, where a process-context reader is not recursive.
  add(
    '6.1',
    'hardirq read-lock/lock-read',
    'queued_read_lock_hardirq_RE_Er',
    'warn',
    [
      { in: 'hardirq', do: 'r+A s+B s-B r-A' },
      { in: 'task', do: 'hard-off s+B r+A r-A s-B hard-on' },
    ],
    { queued: true },
  );
  add(
    '6.1',
    'hardirq lock-read/read-lock',
    'queued_read_lock_hardirq_ER_rE',
    'no-warning',
    [
      { in: 'hardirq', do: 's+B r+A r-A s-B' },
      { in: 'task', do: 'hard-off r+A s+B s-B r-A hard-on' },
    ],
    { queued: true },
  );
  add(
    '6.1',
    'hardirq inversion',
    'queued_read_lock_hardirq_inversion',
    'warn',
    [
      { in: 'hardirq', do: 's+B s-B' },
      { in: 'task', do: 'hard-off s+B r+A r-A s-B hard-on r+A r-A' },
    ],
    { queued: true },
  );

  for (const [group, name, expect] of [
    ['correct nesting', 'fs_reclaim_correct_nesting', 'no-warning'],
    ['wrong nesting', 'fs_reclaim_wrong_nesting', 'warn'],
    ['protected nesting', 'fs_reclaim_protected_nesting', 'no-warning'],
  ] as const)
    add('6.1', group, name, expect, NO_RECLAIM);

  // Wait contexts: inner lock (rcu, raw, spin, mutex) in each outer context.
  const outer: [string, string, Outcome[]][] = [
    ['in hardirq context', 'HARDIRQ', ['no-warning', 'no-warning', 'no-warning', 'warn']],
    [
      'in hardirq context (not threaded)',
      'NOTTHREADED_HARDIRQ',
      ['no-warning', 'no-warning', 'warn', 'warn'],
    ],
    ['in softirq context', 'SOFTIRQ', ['no-warning', 'no-warning', 'no-warning', 'warn']],
    ['in RCU context', 'RCU', ['no-warning', 'no-warning', 'no-warning', 'warn']],
    ['in RCU-bh context', 'RCU_BH', ['no-warning', 'no-warning', 'no-warning', 'warn']],
    ['in RCU-sched context', 'RCU_SCHED', ['no-warning', 'no-warning', 'warn', 'warn']],
    ['in RAW_SPINLOCK context', 'RAW_SPINLOCK', ['no-warning', 'no-warning', 'warn', 'warn']],
    ['in SPINLOCK context', 'SPINLOCK', ['no-warning', 'no-warning', 'no-warning', 'warn']],
    ['in MUTEX context', 'MUTEX', ['no-warning', 'no-warning', 'no-warning', 'no-warning']],
  ];
  for (const [group, o, ex] of outer)
    for (const [i, inner] of ['RCU', 'RAW_SPINLOCK', 'SPINLOCK', 'MUTEX'].entries())
      add('6.1', group, `${inner}_in_${o}`, ex[i] as Outcome, NO_WAIT);

  add('6.1', 'local_lock inversion  2', 'local_lock_2', 'no-warning', NO_LOCAL);
  add('6.1', 'local_lock inversion 3A', 'local_lock_3A', 'no-warning', NO_LOCAL);
  add('6.1', 'local_lock inversion 3B', 'local_lock_3B', 'warn', NO_LOCAL);

  // 6.1: hardirq-safe → … → hardirq-unsafe through a chain that is only softirq-unsafe → softirq-safe.
  add('6.1', 'hardirq_unsafe_softirq_safe', 'hardirq_deadlock_softirq_not_deadlock', 'warn', [
    { in: 'task', do: 'm+A hard-off s+C s-C hard-on m-A' },
    { in: 'hardirq', do: 's+A s-A' },
    { in: 'task', do: 'hard-off s+A s+B s-B s-A hard-on' },
    { in: 'task', do: 'hard-off s+B s+C s-C s-B hard-on' },
    { in: 'softirq', do: 's+D s-D' },
    { in: 'task', do: 'bh-off s+D s-D bh-on' },
    { in: 'task', do: 'hard-off s+C s+D s-D s-C hard-on' },
  ]);
  return out;
}

/** Every case of both self-tests, 6.1 first. */
export const SELFTEST_CASES: readonly SelftestCase[] = cases();

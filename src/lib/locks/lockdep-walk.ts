// The validator's view of one context running one path of its body: what a primitive family tells
// lockdep when one of its micro-ops runs. Families call these methods from their `lockdep` hooks; the
// validator (validator.ts) implements them on top of the lockdep rules (lockdep-rules.ts).

import type { Compiled, Context, Micro } from './compile.ts';

/** Kind of lock class; timer, work, wq and rcu are lockdep's pseudo-locks (lockdep_map annotations). */
export type ClassKind = 'spinlock' | 'rwlock' | 'mutex' | 'rwsem' | 'timer' | 'work' | 'wq' | 'rcu';

/** A lock class as a family names it: graph id, the name lockdep prints, and its kind. */
export interface ClassRef {
  id: string;
  name: string;
  kind: ClassKind;
}

/** How a lock is taken, as lockdep's lock_acquire() arguments say. */
export interface AcquireOpts {
  /** 0 exclusive, 1 shared (non-recursive reader), 2 recursive reader. */
  read?: 0 | 1 | 2;
  trylock?: boolean;
  /** false for maps lockdep only tracks (rcu_read_lock): no dependencies, no irq checks. */
  check?: boolean;
  /** The instance (lock id) for release matching; pseudo-locks use the class id. */
  instance?: string;
  /** Taken with irqs off whatever the context's state (del_timer_sync() annotates so). */
  irqsOff?: boolean;
}

/** One context walking one path of its body, as lockdep would watch it. */
export interface LockdepWalk {
  readonly c: Compiled;
  readonly x: Context;
  /** in_interrupt(): hardirq or softirq context, or bottom halves disabled. */
  inInterrupt(): boolean;
  /** lock_acquire(). */
  acquire(cls: ClassRef, m: Micro, opts?: AcquireOpts): void;
  /** lock_release() of a held instance. */
  release(instance: string, m: Micro): void;
  /** lock_downgrade(): a held write lock becomes a read lock. */
  downgrade(instance: string, m: Micro): void;
  /** lock_map_acquire() then lock_map_release() at once (del_timer_sync, flush annotations). */
  touch(cls: ClassRef, m: Micro, opts?: AcquireOpts): void;
  irqsOff(): void;
  irqsOn(m: Micro): void;
  /** local_irq_save() into flags bit `bit`, and local_irq_restore() from it. */
  saveIrqs(bit: number): void;
  restoreIrqs(bit: number, m: Micro): void;
  bhOff(): void;
  bhOn(m: Micro): void;
  preemptOff(): void;
  preemptOn(): void;
  /** might_sleep(): reported when called in atomic context. */
  mightSleep(m: Micro): void;
  /** spin_lock_init() and friends on an instance: reported when it is held. */
  initLock(instance: string, m: Micro): void;
  /** What the path knows of a variable (undefined: unknown here, another context may change it). */
  getVar(v: number): number | undefined;
  setVar(v: number, value: number | undefined): void;
  /** Goes on along several outcomes (a trylock, a branch on an unknown value), each from its own pc. */
  fork(outcomes: readonly { pc: number; run?: (w: LockdepWalk) => void }[]): void;
}

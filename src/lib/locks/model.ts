// The scenario model: plain data describing CPUs, locks, timers, work items, interrupt sources, data and
// the code each context runs. This is the stable public API of lib/locks (see docs/model-checker.md);
// scenario files and the lockdep report parser build these records, everything else reads them.
// The operations a step may perform come from the primitive registry (primitives/index.ts).

import type { Op } from './primitives/index.ts';

export type { Op };

/** Where a step comes from in the kernel: a function and its source file (no line: lines move). */
export interface CodeRef {
  /** Function name with parentheses, e.g. `ib_post_send_mad()`. */
  fn: string;
  /** Path inside the kernel tree, e.g. `drivers/infiniband/core/mad.c`. */
  file: string;
}

/** Kinds of lock the model knows: spinning (spinlock, rwlock) and sleeping (mutex, rw_semaphore). */
export type LockKind = 'spinlock' | 'rwlock' | 'mutex' | 'rwsem';

/**
 * A lock instance. `name` is its lockdep class name as lockdep prints it (`cm_id_priv->lock`): two
 * declarations with the same `name` are two instances of one class. `key` models lockdep_set_class():
 * the instance then belongs to the class of that key, printed under the key's name.
 */
export interface LockDecl {
  id: string;
  /** Class name shown in graphs and lockdep reports. */
  name: string;
  kind: LockKind;
  /** How traces name this instance when its class has several (`dev1->lock`); default: the id. */
  instance?: string;
  /** lockdep_set_class(&lock, &key): the class key (and printed name) this instance was given. */
  key?: string;
}

/**
 * A timer_list. Its function runs in softirq context on a CPU that takes the timer interrupt.
 * A delayed work item brings its own timer (see WorkDecl.delayed); declare only free-standing timers here.
 */
export interface TimerDecl {
  id: string;
  name: string;
  /** Armed (pending) when the scenario starts, as if add_timer() ran earlier. */
  pending?: boolean;
  /** CPUs the timer may fire on; all when absent. */
  cpus?: readonly number[];
  /** The timer function's body. */
  fn: readonly Step[];
  /** The timer function itself, e.g. `delayed_work_timer_fn()` kernel/workqueue.c. */
  code: CodeRef;
}

/**
 * A workqueue. Its works run in worker threads (task context) on `cpu`: one worker like 2.6.30's
 * per-CPU threads, or `maxActive` workers of a concurrency-managed pool (a work item never runs on two
 * workers at once). `ordered` queues run one work at a time in queueing order.
 */
export interface WorkqueueDecl {
  id: string;
  /** The name given to alloc_workqueue(); lockdep prints `(wq_completion)<name>` (4.15 and later). */
  name: string;
  cpu: number;
  /** Works of this queue that may run at the same time (default 1). */
  maxActive?: number;
  /** alloc_ordered_workqueue(): one at a time, first queued first run. */
  ordered?: boolean;
  /** WQ_MEM_RECLAIM (a rescuer): flush_work() then also annotates the queue, as lockdep does. */
  memReclaim?: boolean;
}

/** A work_struct, or a delayed_work when `delayed` is set (then it owns the timer `<id>.timer`). */
export interface WorkDecl {
  id: string;
  /** The work as INIT_WORK() names it (`&priv->work`); lockdep prints `(work_completion)(<name>)`. */
  name: string;
  /** Workqueue id the work runs on. */
  wq: string;
  delayed?: boolean;
  /** For delayed work: its timer is armed when the scenario starts. For plain work: queued at start. */
  pending?: boolean;
  /** CPUs the delayed work's timer may fire on; all when absent. */
  timerCpus?: readonly number[];
  /** The work function's body (runs in the worker's task context). */
  fn: readonly Step[];
  code: CodeRef;
}

/** An interrupt source: its handler runs in hardirq context, at most `times` times (default 1). */
export interface IrqDecl {
  id: string;
  name: string;
  /** CPUs the interrupt may arrive on (nondeterministically, whenever irqs are enabled there); all when absent. */
  cpus?: readonly number[];
  times?: number;
  handler: readonly Step[];
  code: CodeRef;
}

/** A task (process context) pinned to one CPU, running its steps once from the top. */
export interface TaskDecl {
  id: string;
  name: string;
  cpu: number;
  steps: readonly Step[];
}

/** A struct completion: `done` counts complete() calls not yet consumed by a waiter. */
export interface CompletionDecl {
  id: string;
  name: string;
  /** Completions already signalled when the scenario starts (default 0). */
  done?: number;
}

/** A bounded integer variable or flag (0…max), shared by every context. */
export interface VarDecl {
  id: string;
  name: string;
  /** Value at the start (default 0). */
  init?: number;
  /** Largest value (default 1: a flag). */
  max?: number;
}

/** A reference count (kref/refcount_t) whose last put runs `release` in the context that put it. */
export interface RefcountDecl {
  id: string;
  name: string;
  /** References held when the scenario starts (default 1). */
  init?: number;
  /** Largest count (default 3). */
  max?: number;
  /** The release function's body. */
  release: readonly Step[];
  code: CodeRef;
}

/** An RCU callback (rcu_head): call_rcu() queues it; it runs in softirq after a grace period. */
export interface RcuCallbackDecl {
  id: string;
  name: string;
  /** CPUs the callback may run on; all when absent. */
  cpus?: readonly number[];
  fn: readonly Step[];
  code: CodeRef;
}

/** A condition on a variable: `var is value` (default: `var != 0`). */
export interface Cond {
  var: string;
  is?: '==' | '!=' | '<' | '<=' | '>' | '>=';
  value?: number;
}

/** One line of kernel code the model executes. Which fields an op reads is listed in the registry. */
export interface Step {
  op: Op;
  /** Lock, timer, work, workqueue, completion, variable or refcount id the op acts on; for `do`, the text shown. */
  target?: string;
  /** The kernel code this step stands for. */
  code: CodeRef;
  /** Optional words shown next to the action (`mark rmpp_recv CANCELING`). */
  note?: string;
  /** `*_nested` ops: the lockdep subclass. */
  subclass?: number;
  /** Variable that receives an op's result (trylocks, waits with a timeout, kref_put, queue_work). */
  into?: string;
  /** `set`/`add`: the number. */
  value?: number;
  /** `if`/`while`: the condition. */
  cond?: Cond;
  /** `if`: the steps when the condition holds; `while`: the loop body. */
  steps?: readonly Step[];
  /** `if`: the steps otherwise. */
  else?: readonly Step[];
}

/** The verdicts the explorer can reach. */
export type Verdict = 'deadlock' | 'no-deadlock' | 'livelock' | 'incomplete';

/** Kernel configuration the semantics depend on. */
export interface KernelConfig {
  /**
   * CONFIG_QUEUED_RWLOCKS (x86, arm64; default from 3.16 on): a process-context reader queues behind a
   * waiting writer and lockdep treats its read_lock() as non-recursive. Off: readers always share.
   */
  queuedRwlocks?: boolean;
}

/** A scenario's part in its thread: the bug as reported, or a proposed fix. */
export type ScenarioRole = 'report' | 'fix';

/** What became of a proposed fix: applied, replaced by a later version, turned down, or left open. */
export type FixFate = 'applied' | 'superseded' | 'rejected' | 'proposed';

/** One scenario: the single source of truth for a verdict, its trace, diagrams and claims. */
export interface Scenario {
  /** Stable id, kebab-case, unique in its thread (`baseline-2630`). */
  id: string;
  /** Thread slug the scenario belongs to. */
  thread: string;
  title: string;
  /** Message-ID of the message the scenario answers. */
  answers: string;
  /** One paragraph: what is modelled and why. */
  summary: string;
  /** What the author expects; tests compare it with the explorer's verdict. */
  expect?: Exclude<Verdict, 'incomplete'>;
  /** What the model stands for in its thread: the reported bug, or a fix someone proposed. */
  role?: ScenarioRole;
  /** For a fix: what became of it in the thread (or after it, where the thread says so). */
  fate?: FixFate;
  /** For a fix: Message-ID of the message that proposed it, when that is not `answers`. */
  proposedIn?: string;
  /** Kernel version whose semantics apply where they changed (`2.6.30`); default: current kernels. */
  kernel?: string;
  config?: KernelConfig;
  cpus: number;
  locks: readonly LockDecl[];
  timers?: readonly TimerDecl[];
  workqueues?: readonly WorkqueueDecl[];
  works?: readonly WorkDecl[];
  irqs?: readonly IrqDecl[];
  completions?: readonly CompletionDecl[];
  vars?: readonly VarDecl[];
  refcounts?: readonly RefcountDecl[];
  rcuCallbacks?: readonly RcuCallbackDecl[];
  tasks: readonly TaskDecl[];
}

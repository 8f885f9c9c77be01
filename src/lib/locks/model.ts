// The scenario model: plain data describing CPUs, locks, timers, work items, interrupt sources and the
// code each context runs. This is the stable public API of lib/locks (see docs/model-checker.md);
// scenario files and the lockdep report parser build these records, everything else reads them.

/** Where a step comes from in the kernel: a function and its source file (no line: lines move). */
export interface CodeRef {
  /** Function name with parentheses, e.g. `ib_post_send_mad()`. */
  fn: string;
  /** Path inside the kernel tree, e.g. `drivers/infiniband/core/mad.c`. */
  file: string;
}

/** Kinds of lock the model knows: spinning (busy-waits) and sleeping. */
export type LockKind = 'spinlock' | 'mutex';

/** A lock, named as lockdep names its class (`cm_id_priv->lock`). */
export interface LockDecl {
  id: string;
  /** Class name shown in traces, graphs and tables. */
  name: string;
  kind: LockKind;
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

/** A workqueue served by one worker thread (task context) bound to one CPU, like 2.6.30's per-CPU workers. */
export interface WorkqueueDecl {
  id: string;
  name: string;
  cpu: number;
}

/** A work_struct, or a delayed_work when `delayed` is set (then it owns the timer `<id>.timer`). */
export interface WorkDecl {
  id: string;
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

/** Operations a step can perform; each mirrors the kernel primitive of the same name (2.6.30 semantics). */
export type Op =
  | 'spin_lock'
  | 'spin_unlock'
  | 'spin_lock_irq'
  | 'spin_unlock_irq'
  | 'spin_lock_irqsave'
  | 'spin_unlock_irqrestore'
  | 'spin_lock_bh'
  | 'spin_unlock_bh'
  | 'mutex_lock'
  | 'mutex_unlock'
  | 'add_timer'
  | 'del_timer'
  | 'del_timer_sync'
  | 'queue_work'
  | 'queue_delayed_work'
  | 'cancel_delayed_work'
  | '__cancel_delayed_work'
  | 'cancel_delayed_work_sync'
  | 'flush_work'
  | 'flush_workqueue'
  | 'alloc_atomic'
  | 'do';

/** One line of kernel code the model executes. */
export interface Step {
  op: Op;
  /** Lock, timer, work or workqueue id the op acts on; for `alloc_atomic` and `do`, free text (what). */
  target?: string;
  /** The kernel code this step stands for. */
  code: CodeRef;
  /** Optional words shown next to the action (`mark rmpp_recv CANCELING`). */
  note?: string;
}

/** The verdicts the explorer can reach. */
export type Verdict = 'deadlock' | 'no-deadlock' | 'incomplete';

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
  cpus: number;
  locks: readonly LockDecl[];
  timers?: readonly TimerDecl[];
  workqueues?: readonly WorkqueueDecl[];
  works?: readonly WorkDecl[];
  irqs?: readonly IrqDecl[];
  tasks: readonly TaskDecl[];
}
